#!/usr/bin/env bash
# Issue 8, benchmark 3: a soak at 2,000 checks/s (4,000 monitors at 2 s) for 30 minutes, recording the monitors
# table and index sizes, its update statistics (HOT or not) and the check_results partitions at the start (after
# warm-up), every SAMPLE_EVERY seconds, and at the end.
#
#   bench/soak.sh [minutes=30] [monitors=4000] [interval_s=2]
#
# Environment as for bench/throughput.sh (WARMUP, JAVA_OPTS, REBUILD, MAVEN_ARGS, KEEP_WORK), and SAMPLE_EVERY
# (s, default 300). Prints a summary block for docs/benchmarks.md last.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

MINUTES=${1:-30}
MONITORS=${2:-4000}
INTERVAL=${3:-2}
WARMUP=${WARMUP:-60}
SAMPLE_EVERY=${SAMPLE_EVERY:-300}

ensure_tools
build_jar
start_nginx
start_standalone
create_monitors "$MONITORS" "$INTERVAL"
log "warming up for ${WARMUP}s"
sleep "$WARMUP"
alive

sizes > "$WORK/sizes-start.txt"
lines0=$(wc -l < "$WORK/access.log"); start=$(date +%s.%N)
jvm0=$(ticks "$JVM_PID")
end=$(( $(date +%s) + MINUTES * 60 ))
SAMPLES="| minute | checks/s (since last) | monitors heap | monitors indexes | updates (HOT) | dead tuples | check_results |
|---|---|---|---|---|---|---|"
minute=0; last_lines=$lines0; last_t=$start
while [ "$(date +%s)" -lt "$end" ]; do
  sleep $(( SAMPLE_EVERY < end - $(date +%s) ? SAMPLE_EVERY : end - $(date +%s) ))
  alive
  now=$(date +%s.%N); lines=$(wc -l < "$WORK/access.log")
  sizes > "$WORK/sizes-now.txt"
  v() { awk -v k="$1" '$1 == k {print $2}' "$WORK/sizes-now.txt"; }
  minute=$(python3 -c "print(round(($now - $start) / 60))")
  rate=$(python3 -c "print(round(($lines - $last_lines) / ($now - $last_t)))")
  row="| $minute | $rate | $(numfmt --to=iec "$(v monitors_heap)") | $(numfmt --to=iec "$(v monitors_indexes)") | $(v monitors_n_tup_upd) ($(v monitors_n_tup_hot_upd)) | $(v monitors_n_dead_tup) | $(numfmt --to=iec "$(v check_results_total)") |"
  log "$row"
  SAMPLES="$SAMPLES
$row"
  last_lines=$lines; last_t=$now
done
sizes > "$WORK/sizes-end.txt"
stop=$(date +%s.%N); lines1=$(wc -l < "$WORK/access.log"); jvm1=$(ticks "$JVM_PID")
RSS=$(rss_mib "$JVM_PID" VmRSS); HWM=$(rss_mib "$JVM_PID" VmHWM)
scrape "$WORK/metrics-end.txt"
BACKLOG=$(python3 "$BENCH/bench.py" window "$WORK/metrics-end.txt" "$WORK/metrics-end.txt" | sed -n 's/^BACKLOG=//p')
RATE=$(python3 -c "print(round(($lines1 - $lines0) / ($stop - $start)))")
JVM_CORES=$(cores "$jvm0" "$jvm1" "$(python3 -c "print($stop - $start)")")
RETENTION=$(grep -i 'retention\|partition' "$WORK/standalone.log" | tail -n 3 || true)
ERRORS=$(grep -c ' ERROR ' "$WORK/standalone.log" || true)

cat <<SUMMARY

=== Issue 8 soak: $MONITORS monitors at ${INTERVAL} s for $MINUTES min (after ${WARMUP} s warm-up) ===
checks/s at nginx over the soak: $RATE; JVM $JVM_CORES cores, RSS $RSS MiB (peak $HWM MiB), $JAVA_OPTS;
backlog at the end: $BACKLOG; errors logged: $ERRORS

$SAMPLES

| relation (bytes) | start | end |
|---|---|---|
$(join -a1 -a2 -e - -o 0,1.2,2.2 <(sort "$WORK/sizes-start.txt") <(sort "$WORK/sizes-end.txt") | awk '{printf "| %s | %s | %s |\n", $1, $2, $3}')

Retention and partitions in the log (last lines):
$RETENTION
SUMMARY
