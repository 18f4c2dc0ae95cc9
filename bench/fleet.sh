#!/usr/bin/env bash
# Issue 23: 100,000 monitors at 60 s (1,667 checks/s) on the standalone for 30 minutes, targets on loopback nginx.
# The monitors are created through POST /monitors/bulk, paced over one interval so their slots spread as a fleet's
# do. After the measured window, with the load still running: the API's list, search, tag and fleet-statistics
# requests, a public status page of 1,000 monitors, and the dashboard's first load in headless Chromium.
#
#   bench/fleet.sh [minutes=30] [monitors=100000] [interval_s=60]
#
# Environment as for bench/throughput.sh (WARMUP, JAVA_OPTS, REBUILD, MAVEN_ARGS, KEEP_WORK) and ROUNDS (requests
# per API path, default 200). Prints a summary block for docs/benchmarks.md last.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

MINUTES=${1:-30}
MONITORS=${2:-100000}
INTERVAL=${3:-60}
WARMUP=${WARMUP:-180}
ROUNDS=${ROUNDS:-200}
# Each status-page request computes the page (no cache), as its first visitor after a change does.
STANDALONE_ENV="STATUS_PAGE_CACHE_TTL=0 ${STANDALONE_ENV:-}"

ensure_tools
build_jar
log "compiling the dashboard benchmark before the run (Maven must not compete with the measured window)"
(cd "$ROOT" && ./mvnw -B -q -o -Dspotless.check.skip=true -pl standalone -am test-compile) || die "test-compile failed"
start_nginx
start_standalone

log "creating $MONITORS monitors through POST /monitors/bulk over ${INTERVAL} s"
eval "$(python3 "$BENCH/bench.py" bulk "$API" "$MONITORS" "$INTERVAL" "$TARGET" "$INTERVAL")" || die "bulk failed"
log "created in ${BULK_SECONDS} s (slowest request of 1,000: ${BULK_SLOWEST_MS} ms)"
log "warming up for ${WARMUP}s"
sleep "$WARMUP"
alive
# Creating a fleet this size leaves a backlog of first checks (up to two minutes of them on two cores): the window
# starts once the last 10 s of checks (of a thousand monitors: an index range, not a scan) were all on time three
# times running, so it measures the steady state.
drain_start=$SECONDS; drained=0
while [ "$drained" -lt 3 ] && [ $((SECONDS - drain_start)) -lt 1200 ]; do
  sleep 10; alive
  if [ "$(sql "SELECT coalesce(max(checked_at - slot) < interval '1 second', false)
               FROM check_results WHERE monitor_id <= 1000 AND checked_at > now() - interval '10 seconds'")" = t ]; then
    drained=$((drained + 1)); else drained=0; fi
done
DRAIN_SECONDS=$((SECONDS - drain_start))
log "backlog drained $DRAIN_SECONDS s after the warm-up"

db_size() { sql "SELECT pg_database_size(current_database())"; }
scrape "$WORK/metrics-0.txt"
size0=$(db_size); t0=$(date +%s.%N); from=$(date -u +%FT%T.%NZ)
jvm0=$(ticks "$JVM_PID"); pg0=$(ticks $(postgres_pids))
log "measuring for $MINUTES min"
end=$(( $(date +%s) + MINUTES * 60 ))
while [ "$(date +%s)" -lt "$end" ]; do sleep 30; alive; done
t1=$(date +%s.%N); until=$(date -u +%FT%T.%NZ)
jvm1=$(ticks "$JVM_PID"); pg1=$(ticks $(postgres_pids)); size1=$(db_size)
scrape "$WORK/metrics-1.txt"
SECONDS_RUN=$(python3 -c "print($t1 - $t0)")
JVM_CORES=$(cores "$jvm0" "$jvm1" "$SECONDS_RUN"); PG_CORES=$(cores "$pg0" "$pg1" "$SECONDS_RUN")
JVM_RSS=$(rss_mib "$JVM_PID" VmRSS)
PG_RSS=$(for p in $(postgres_pids); do awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup" 2>/dev/null; done \
  | awk '{s += $1} END {printf "%.0f", s / 1024}')
HEAP_AFTER_GC=$(python3 -c "import sys; sys.path.insert(0, '$BENCH'); import bench
print(round(bench.total('$WORK/metrics-1.txt', 'jvm_gc_live_data_size_bytes') / 2**20))")
eval "$(python3 "$BENCH/bench.py" window "$WORK/metrics-0.txt" "$WORK/metrics-1.txt")"
# Every result whose slot fell in the window: how late it was checked, and which slots have no result.
read -r RESULTS ON_TIME LATE_P50 LATE_P99 LATE_MAX <<< "$(sql "
  SELECT count(*),
         round(100.0 * count(*) FILTER (WHERE checked_at - slot < interval '1 second') / count(*), 3),
         round(1000 * extract(epoch FROM percentile_cont(0.5) WITHIN GROUP (ORDER BY checked_at - slot))),
         round(1000 * extract(epoch FROM percentile_cont(0.99) WITHIN GROUP (ORDER BY checked_at - slot))),
         round(1000 * extract(epoch FROM max(checked_at - slot)))
  FROM check_results WHERE slot >= '$from' AND slot < '$until'")"
EXPECTED=$(python3 -c "print(round($MONITORS * $SECONDS_RUN / $INTERVAL))")
GROWTH_PER_HOUR=$(python3 -c "print(round(($size1 - $size0) * 3600 / $SECONDS_RUN))")
RAW_DAYS=8 # 7 days of raw results kept, plus the day being written
RETAINED=$(python3 -c "print(round($GROWTH_PER_HOUR * 24 * $RAW_DAYS + $size0))")

log "measuring the API with the load still running ($ROUNDS rounds a path)"
ids=$(sql "SELECT string_agg(id::text, ',') FROM (SELECT id FROM monitors ORDER BY id LIMIT 1000) m")
curl -fsS -X POST "$API/status-pages" -H 'Content-Type: application/json' \
  -d "{\"slug\":\"fleet\",\"title\":\"Fleet\",\"monitor_ids\":[$ids]}" -o /dev/null || die "status page refused"
API_TABLE=$(python3 "$BENCH/bench.py" latency "$API" "$ROUNDS" \
  "/monitors?limit=500" "/monitors?limit=500&q=bench-4242" "/monitors?limit=500&tag=team:t7" \
  "/stats?window=24h" "/stats?window=24h&tag=team:t7" "/status/fleet/summary.json") || die "API latency failed"
log "the dashboard's first load in headless Chromium"
# verify, not surefire:test: the reactor must package db-migrations' classified jar for the standalone's classpath.
(cd "$ROOT" && ./mvnw -B -q -o -Dspotless.check.skip=true -Dcpd.skip=true -Dpmd.skip=true -Djacoco.skip=true \
  -pl standalone -am verify -Dgroups=benchmark -Dtest.excludedGroups= -Dtest=DashboardFirstPaintBenchmark \
  -Dbenchmark.url="$API" -Dsurefire.failIfNoSpecifiedTests=false) > "$WORK/dashboard.txt" 2>&1 || { tail -40 "$WORK/dashboard.txt"; die "dashboard"; }
DASHBOARD=$(grep -h '\[BENCHMARK\] dashboard' "$WORK/dashboard.txt" | sed 's/^.*\[BENCHMARK\] //')
alive
ERRORS=$(grep -c ' ERROR ' "$WORK/standalone.log" || true)

cat <<SUMMARY

=== Issue 23: $MONITORS monitors at ${INTERVAL} s for $MINUTES min on the standalone ($JAVA_OPTS) ===
commit $(git -C "$ROOT" rev-parse --short HEAD), $(date -u +%F), load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)
| measure | value |
|---|---|
| monitors created (bulk, 1,000 a request) | $MONITORS in ${BULK_SECONDS} s, slowest request ${BULK_SLOWEST_MS} ms; first checks' backlog drained ${WARMUP} + ${DRAIN_SECONDS} s after |
| slots in the window / results for them | $EXPECTED expected / $RESULTS |
| checked within 1 s of the slot | **${ON_TIME} %** |
| slot to check (from the results) | p50 ${LATE_P50} ms, p99 ${LATE_P99} ms, max ${LATE_MAX} ms |
| schedule lag, slot to send (scheduler metric) | p50 $LAG_P50_MS ms, p99 $LAG_P99_MS ms, max $LAG_MAX_MS ms |
| checks/s (dispatched in the window) | $(python3 -c "print(round($DISPATCHED / $SECONDS_RUN))") |
| worker outcomes | $WORKER_OUTCOMES |
| JVM CPU / PostgreSQL CPU | $JVM_CORES cores / $PG_CORES cores |
| JVM RSS / PostgreSQL PSS | $JVM_RSS MiB / $PG_RSS MiB |
| heap after GC (live data) | $HEAP_AFTER_GC MiB |
| database growth | $(numfmt --to=iec "$GROWTH_PER_HOUR")/hour; at the default retention (7 days raw) about $(numfmt --to=iec "$RETAINED") |
| SQS calls per check | $SQS_CALLS_PER_CHECK |
| ERROR lines in the log | $ERRORS |

| request (under the load above) | p50 | p99 | max | size |
|---|---|---|---|---|
$API_TABLE

Dashboard: $DASHBOARD
SUMMARY
