#!/usr/bin/env bash
# Issue 8, benchmarks 1, 2 and 4: the whole system (standalone jar) checking N monitors at a local nginx, then
# prometheus-blackbox-exporter probing the same nginx, and SQS requests per check with their monthly cost.
#
#   bench/throughput.sh [monitors=4000] [interval_s=2] [measure_s=60]      # benchmark 1 (and 4)
#   bench/throughput.sh 8000 2 120                                         # benchmark 2: more than the machine can do
#
# Environment: WARMUP (s, default 60), JAVA_OPTS (default: the README's -Xmx512m ...), BB_CONNECTIONS (wrk
# connections against the blackbox exporter, default 50 = the worker's default concurrency), SKIP_BLACKBOX=1,
# REBUILD=1 (rebuild the jar), MAVEN_ARGS, KEEP_WORK=1 (keep logs and data). Needs root for apt-get if nginx, wrk,
# prometheus-blackbox-exporter or psql are missing. Prints a summary block for docs/benchmarks.md last.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

MONITORS=${1:-4000}
INTERVAL=${2:-2}
MEASURE=${3:-60}
WARMUP=${WARMUP:-60}
BB_CONNECTIONS=${BB_CONNECTIONS:-50}
WANTED=$(python3 -c "print(round($MONITORS / $INTERVAL))")

ensure_tools
build_jar
start_nginx
start_standalone
create_monitors "$MONITORS" "$INTERVAL"

log "warming up for ${WARMUP}s"
sleep "$WARMUP"
alive

log "measuring for ${MEASURE}s"
s0=$(date +%s.%N); scrape "$WORK/metrics-0.txt"; s0=$(python3 -c "print(($s0 + $(date +%s.%N)) / 2)")
jvm0=$(ticks "$JVM_PID"); pg0=$(ticks $(postgres_pids)); ngx0=$(ticks "$NGINX_PID" $(pgrep -P "$NGINX_PID"))
read -r wal0 db0 <<< "$(sql "SELECT wal_bytes, pg_database_size(current_database()) FROM pg_stat_wal")"
t0=$(date +%s.%N)
sleep "$MEASURE"
t1=$(date +%s.%N)
jvm1=$(ticks "$JVM_PID"); pg1=$(ticks $(postgres_pids)); ngx1=$(ticks "$NGINX_PID" $(pgrep -P "$NGINX_PID"))
read -r wal1 db1 <<< "$(sql "SELECT wal_bytes, pg_database_size(current_database()) FROM pg_stat_wal")"
s1=$(date +%s.%N); scrape "$WORK/metrics-1.txt"; s1=$(python3 -c "print(($s1 + $(date +%s.%N)) / 2)")
alive
SENT_PER_S=$(python3 -c "print(round(($(python3 "$BENCH/bench.py" window "$WORK/metrics-0.txt" "$WORK/metrics-1.txt" \
  | sed -n 's/^DISPATCHED=//p')) / ($s1 - $s0)))")
JVM_CORES=$(cores "$jvm0" "$jvm1" "$MEASURE"); PG_CORES=$(cores "$pg0" "$pg1" "$MEASURE")
NGINX_CORES=$(cores "$ngx0" "$ngx1" "$MEASURE")
RSS=$(rss_mib "$JVM_PID" VmRSS); HWM=$(rss_mib "$JVM_PID" VmHWM)
sleep 2 # nginx flushes its log buffer every second
eval "$(python3 "$BENCH/bench.py" window "$WORK/metrics-0.txt" "$WORK/metrics-1.txt")"
eval "$(python3 "$BENCH/bench.py" access "$WORK/access.log" "$t0" "$t1" "$MONITORS" "$INTERVAL")"
# Bytes per check: the WAL PostgreSQL wrote (what a replica, a backup and RDS's storage I/O see) and the database's
# growth (the raw results of the day's partition, the rollups and the monitors' dead tuples until vacuum).
WAL_PER_CHECK=$(python3 -c "print(round(($wal1 - $wal0) / $CHECKS))")
DB_PER_CHECK=$(python3 -c "print(round(($db1 - $db0) / $CHECKS))")
ERRORS=$(grep -c ' ERROR ' "$WORK/standalone.log" || true)
OOM=$(grep -c 'OutOfMemoryError' "$WORK/standalone.log" || true)
GC=$(grep -o 'Use[A-Za-z0-9]*GC' <<< "$JAVA_OPTS" || echo "default GC")

stop_pid "$JVM_PID" "standalone"
JVM_PID=

if [ "${SKIP_BLACKBOX:-0}" != 1 ]; then
  log "prometheus-blackbox-exporter against the same nginx for ${MEASURE}s (wrk, $BB_CONNECTIONS connections)"
  run_blackbox "$MEASURE" "$BB_CONNECTIONS"
  RATIO=$(python3 -c "print(f'{$CHECKS_PER_S / $BB_PROBES_PER_S:.2f}')")
else
  BB_PROBES_PER_S=n/a; BB_CORES=n/a; BB_RSS_MIB=n/a; BB_ERRORS=; RATIO=n/a
fi

# Benchmark 4: what 100,000 monitors at 60 s cost in SQS requests, from the billed requests per check measured here.
COST=$(python3 - "$SQS_BILLED_PER_CHECK" <<'PY'
import sys
per_check = float(sys.argv[1])
checks = 100_000 * 30 * 24 * 3600 / 60
billed = checks * per_check
payable = max(0.0, billed - 1_000_000)
print(f"100,000 monitors x 43,200 checks/month (60 s, 30 days) = {checks:,.0f} checks; x {per_check:.4f} billed requests"
      f" per check = {billed:,.0f} requests; minus 1,000,000 free = {payable:,.0f}; x $0.40 per million"
      f" = ${payable / 1e6 * 0.40:,.2f} per month")
PY
)

cat <<SUMMARY

=== Issue 8 throughput benchmark: $MONITORS monitors at ${INTERVAL} s, ${MEASURE} s measured after ${WARMUP} s warm-up ===
| measure | result |
|---|---|
| checks/s at nginx (wanted $WANTED) | $CHECKS_PER_S ($CHECKS checks in ${MEASURE} s); sent by the scheduler: $SENT_PER_S/s |
| schedule kept | $SCHEDULE_KEPT_PCT % |
| monitors checked in the window | $MONITORS_SEEN of $MONITORS; fewest checks of one monitor $CHECKS_PER_MONITOR_MIN |
| longest gap between two checks of a monitor | p50 $GAP_P50_S s, p99 $GAP_P99_S s, max $GAP_MAX_S s |
| schedule lag (slot to send) | p50 $LAG_P50_MS ms, p99 $LAG_P99_MS ms, max $LAG_MAX_MS ms |
| backlog at the end (due, not sent) | $BACKLOG |
| worker outcomes in the window | $WORKER_OUTCOMES |
| JVM CPU / RSS | $JVM_CORES cores / $RSS MiB (peak $HWM MiB), $JAVA_OPTS |
| PostgreSQL CPU, nginx CPU | $PG_CORES cores, $NGINX_CORES cores |
| PostgreSQL bytes per check: WAL written, database growth | $WAL_PER_CHECK B, $DB_PER_CHECK B |
| errors logged / OutOfMemoryError | $ERRORS / $OOM |
| blackbox exporter probes/s (wrk, $BB_CONNECTIONS connections) | $BB_PROBES_PER_S at $BB_CORES cores, RSS $BB_RSS_MIB MiB $BB_ERRORS |
| ratio checks/s : probes/s | $RATIO |
| SQS API calls per check | $SQS_CALLS_PER_CHECK ($SQS_CALLS calls for $DISPATCHED checks: $SQS_BY_OPERATION) |
| SQS billed requests per check (64 KiB chunks) | $SQS_BILLED_PER_CHECK |

SQS cost: $COST
SUMMARY
