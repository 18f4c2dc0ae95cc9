#!/usr/bin/env bash
# Issue 19, point 5: how long the standalone jar takes from launch to its first 200 on /health.
#
#   bench/standalone-startup.sh [runs=5]
#
# Cold: every run on a fresh, empty data directory (PostgreSQL's initdb, all migrations). Warm: one start to
# create the data directory, then `runs` starts on it, each stopped with SIGTERM (a clean shutdown) before the
# next. Time is wall-clock from just before `java` is exec'd to the first 200 of /health, polled every 50 ms.
# Also the JVM's CPU time (utime+stime) until then, which depends less on what else runs on the machine than the
# wall-clock time does, and the lines the standalone logs until /health answers (INFO or louder among them).
#
# Runs the README's command, standalone/health-monitor, which starts the extracted jar
# (target/standalone/standalone.jar, which the build writes) with the JVM's ahead-of-time cache in the data
# directory: recorded by the first start of a build and written when it stops, loaded by every later start. So a
# cold run (fresh data directory) also records the cache, and a warm one loads it. CACHE=cds starts the same jar
# with a dynamic class-data sharing archive in the data directory instead (-XX:SharedArchiveFile
# -XX:+AutoCreateSharedArchive, the README's command before the AOT cache), CACHE=none with neither;
# JAR=standalone/target/standalone.jar CACHE=none measures the fat jar as started before issue 19.
#
# Environment: JAVA_OPTS (default: the README's flags, see bench/lib.sh; not used with the launcher, which has
# them), CACHE (aot, cds or none), JAR, REBUILD=1 (rebuild the jar), MAVEN_ARGS, KEEP_WORK=1 (keep logs and data
# in /tmp/hm-bench.*). Needs curl and python3. Prints a summary block for docs/benchmarks.md last, with the load
# average before and after (timings on a shared machine are noisy).
JAR=${JAR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/standalone/target/standalone/standalone.jar}
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
CACHE=${CACHE:-aot}

RUNS=${1:-5}
command -v curl >/dev/null || die "needs curl"
"$JAVA" -version >/dev/null 2>&1 || die "no java at '$JAVA' (set JAVA_HOME to a JDK 25)"
build_jar

now() { date +%s.%N; }

# One start on $1 (data directory); appends the seconds to /health to $2; stops the JVM cleanly afterwards.
start_once() {
  local data=$1 out=$2 logfile=$3 port t0 t1 deadline
  port=$(free_port)
  local command=("$JAVA" $JAVA_OPTS)
  case "$CACHE" in
    aot) command=(env JAVA_HOME="$(dirname "$(dirname "$JAVA")")" JAVA_OPTS= "$ROOT/standalone/health-monitor") ;;
    cds) command+=(-XX:SharedArchiveFile="$data/standalone.jsa" -XX:+AutoCreateSharedArchive -Xlog:cds=off -jar "$JAR") ;;
    none) command+=(-jar "$JAR") ;;
    *) die "CACHE must be aot, cds or none" ;;
  esac
  deadline=$((SECONDS + 180))
  t0=$(now)
  (cd "$WORK" && exec env HEALTH_MONITOR_DATA_DIR="$data" SERVER_PORT="$port" "${command[@]}" > "$logfile" 2>&1) &
  JVM_PID=$!
  until curl -fsS -o /dev/null --max-time 1 "http://127.0.0.1:$port/health" 2>/dev/null; do
    kill -0 "$JVM_PID" 2>/dev/null || die "the standalone exited before /health answered (log: $logfile)"
    [ "$SECONDS" -lt "$deadline" ] || die "no /health within 180 s"
    sleep 0.05
  done
  t1=$(now)
  ticks "$JVM_PID" > "$logfile.cpu-ticks"
  cp "$logfile" "$logfile.at-health"
  python3 -c "print(f'{$t1 - $t0:.2f}')" >> "$out"
  python3 -c "print(f'{$(cat "$logfile.cpu-ticks") / $CLK_TCK:.2f}')" >> "$out.cpu"
  stop_pid "$JVM_PID" "standalone"
  JVM_PID=
}

lines() { wc -l < "$1" | tr -d ' '; }
info_lines() { grep -cE '^[0-9T:.+-]+Z? +(INFO|WARN|ERROR) |^[0-9-]+T[^ ]+ +(INFO|WARN|ERROR) ' "$1" || true; }
stats() { python3 -c "
import statistics, sys
v = sorted(float(x) for x in open('$1'))
print(f'median {statistics.median(v):.2f} s, min {v[0]:.2f} s, max {v[-1]:.2f} s ({len(v)} runs: ' + ', '.join(f'{x:.2f}' for x in v) + ')')"; }

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
STARTED=$(date -u +%FT%H:%MZ)
: > "$WORK/cold.txt"; : > "$WORK/warm.txt"
for i in $(seq 1 "$RUNS"); do
  log "cold start $i/$RUNS"
  rm -rf "$WORK/cold-data"
  start_once "$WORK/cold-data" "$WORK/cold.txt" "$WORK/cold-$i.log"
done
log "creating the warm data directory"
start_once "$WORK/warm-data" "$WORK/warm-first.txt" "$WORK/warm-0.log"
for i in $(seq 1 "$RUNS"); do
  log "warm start $i/$RUNS"
  start_once "$WORK/warm-data" "$WORK/warm.txt" "$WORK/warm-$i.log"
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

cat <<SUMMARY

=== standalone start-up, $STARTED, commit $(git -C "$ROOT" rev-parse --short HEAD), $(nproc) cores
java: $("$JAVA" -version 2>&1 | head -1); $([ "$CACHE" = aot ] && echo "standalone/health-monitor (AOT cache in the data dir)" || echo "JAVA_OPTS: $JAVA_OPTS; cache: $CACHE; jar: ${JAR#$ROOT/}")
load average before: $LOAD_BEFORE, after: $LOAD_AFTER
cold (fresh data dir) launch -> /health 200: $(stats "$WORK/cold.txt")
  JVM CPU until then: $(stats "$WORK/cold.txt.cpu")
warm (existing data dir) launch -> /health 200: $(stats "$WORK/warm.txt")
  JVM CPU until then: $(stats "$WORK/warm.txt.cpu")
log lines until /health answered: cold $(lines "$WORK/cold-$RUNS.log.at-health") (INFO or louder $(info_lines "$WORK/cold-$RUNS.log.at-health")), warm $(lines "$WORK/warm-$RUNS.log.at-health") (INFO or louder $(info_lines "$WORK/warm-$RUNS.log.at-health"))
SUMMARY
