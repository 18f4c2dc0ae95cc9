#!/usr/bin/env bash
# Issue 23: scale-out across processes. One PostgreSQL and one SQS emulator (bench/ScaleOutInfra.java: the embedded
# PostgreSQL of test-support and ElasticMQ), db-migrations once, then the api, 2 schedulers and 3 workers, each
# started from its own jar as its container starts it (java -jar, configured by environment variables only, as
# system-tests' JarProcess does), and monitors against a loopback nginx.
#
#   bench/scaleout.sh [monitors=600] [soak_s=180]
#
# 1. Soak: `monitors` monitors at SOAK_INTERVAL (5) s plus FLIPS (20) monitors whose target nginx turns 404/200
#    every FLIP_EVERY (30) s, with a webhook on nginx. (At 5 s, not 2: a slot served an interval late is skipped by
#    design, and on a shared two-core machine a 2 s slot can be; that is not what the soak looks for.) kill -9 of one worker at a quarter of the soak and of one scheduler at half.
#    Then the flapping stops, the last scheduler stops, the queue drains, and the script asserts: every monitor's
#    slots from its first to its last result each have exactly one result (none missing), the targets were called
#    no more often than results were recorded except for the checks in flight at the worker kill, each flapping
#    monitor has exactly the status changes its target's flips call for, and each status change was delivered to
#    its webhook exactly once.
# 2. Throughput: LOAD_MONITORS (3000) more monitors at 2 s, two new schedulers; checks/s at nginx and CPU per
#    process over MEASURE (60) s with 1 worker, then with 3.
#
# Environment: SVC_OPTS (each service's JVM flags), VISIBILITY (the queue's visibility timeout, s, default 20: a
# killed worker's messages come back after it; AWS runs 300), REBUILD=1, KEEP_WORK=1. Exits non-zero when an
# assertion fails; prints a summary block for docs/benchmarks.md last.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

MONITORS=${1:-600}
SOAK=${2:-180}
SOAK_INTERVAL=${SOAK_INTERVAL:-5}
FLIPS=${FLIPS:-20}
FLIP_EVERY=${FLIP_EVERY:-30}
LOAD_MONITORS=${LOAD_MONITORS:-3000}
MEASURE=${MEASURE:-60}
VISIBILITY=${VISIBILITY:-20}
SVC_OPTS=${SVC_OPTS:--Xmx256m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError}
declare -A PIDS PORTS
INFRA_PID=
FAILURES=()

scaleout_cleanup() {
  local rc=$? name
  set +e
  for name in "${!PIDS[@]}"; do kill -TERM "${PIDS[$name]}" 2>/dev/null; done
  for name in "${!PIDS[@]}"; do stop_pid "${PIDS[$name]}" "$name"; done
  stop_pid "$INFRA_PID" "postgres and sqs"
  (exit "$rc")
  cleanup
}
trap scaleout_cleanup EXIT

build() {
  local module
  for module in db-migrations api-service scheduler-service worker-service; do
    [ -f "$ROOT/$module/target/$module.jar" ] || REBUILD=1
  done
  [ -f "$ROOT/test-support/target/classpath.txt" ] || REBUILD=1
  if [ "${REBUILD:-0}" = 1 ]; then
    log "building the service jars and test-support's classpath"
    (cd "$ROOT" && ./mvnw -B -q -DskipTests -Dspotless.check.skip=true \
        -pl db-migrations,api-service,scheduler-service,worker-service,test-support -am \
        package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt ${MAVEN_ARGS:-}) || die "build failed"
  fi
  log "jars of commit $(git -C "$ROOT" rev-parse --short HEAD)"
}

start_infra() {
  PG_PORT=$(free_port)
  SQS_PORT=$(free_port)
  SQS="http://127.0.0.1:$SQS_PORT"
  "$JAVA" -Xmx256m -cp "$ROOT/test-support/target/classes:$ROOT/common/target/classes:$(cat "$ROOT/test-support/target/classpath.txt")" \
    "$BENCH/ScaleOutInfra.java" "$PG_PORT" "$SQS_PORT" "$VISIBILITY" "$WORK" > "$WORK/infra.log" 2>&1 &
  INFRA_PID=$!
  for _ in $(seq 1 240); do
    QUEUE=$(sed -n 's/^ready //p' "$WORK/infra.log")
    [ -n "$QUEUE" ] && break
    kill -0 "$INFRA_PID" 2>/dev/null || { tail -n 30 "$WORK/infra.log" >&2; die "postgres and sqs did not start"; }
    sleep 0.5
  done
  [ -n "$QUEUE" ] || die "postgres and sqs did not start within 120 s"
  PG_PID=$(sed -n 1p "$WORK/postgres/postmaster.pid")
  log "PostgreSQL on 127.0.0.1:$PG_PORT (pid $PG_PID), ElasticMQ at $SQS (JVM pid $INFRA_PID), queue $QUEUE"
}

# docker-compose.yml's x-app-env, pointing at this run's database and queue.
start_service() { # name module [VAR=value...]
  local name=$1 module=$2 port
  shift 2
  port=$(free_port)
  (cd "$WORK" && exec env -i PATH="$PATH" \
      DATABASE_URL="postgresql://127.0.0.1:$PG_PORT/postgres" DATABASE_USERNAME=postgres DATABASE_PASSWORD=postgres \
      SQS_QUEUE_URL="$QUEUE" AWS_REGION=us-east-1 AWS_ENDPOINT_URL="$SQS" AWS_ACCESS_KEY_ID=local \
      AWS_SECRET_ACCESS_KEY=local FAIL_THRESHOLD=2 SUCCESS_THRESHOLD=2 MIN_CHECK_INTERVAL=2 \
      ALLOW_PRIVATE_TARGETS=true SERVER_PORT="$port" "$@" \
      "$JAVA" $SVC_OPTS -jar "$ROOT/$module/target/$module.jar" > "$WORK/$name.log" 2>&1) &
  PIDS[$name]=$!
  PORTS[$name]=$port
}

await_ready() { # names...
  local name
  for name in "$@"; do
    await_http "http://127.0.0.1:${PORTS[$name]}/actuator/health/readiness" 240 "${PIDS[$name]}"
    log "$name ready (pid ${PIDS[$name]}, port ${PORTS[$name]})"
  done
}

kill9() { # name
  log "kill -9 $1 (pid ${PIDS[$1]})"
  kill -KILL "${PIDS[$1]}"
  wait "${PIDS[$1]}" 2>/dev/null || true
  unset "PIDS[$1]"
}

stop_service() { # name
  stop_pid "${PIDS[$1]}" "$1"
  unset "PIDS[$1]"
}

queue_depth() { # visible + in flight
  curl -fsS "$SQS/?Action=GetQueueAttributes&QueueUrl=$QUEUE&AttributeName.1=All" \
    | python3 -c 'import re, sys; t = sys.stdin.read(); print(sum(int(re.search(r"<Name>%s</Name>\s*<Value>(\d+)" % n, t).group(1)) for n in ("ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible")))'
}

create() { # count interval path-prefix with-webhook first-n
  python3 - "$API" "$1" "$2" "$3" "$4" "$5" "http://127.0.0.1:$NGINX_PORT" <<'PY' || die "creating monitors failed"
import concurrent.futures, json, sys, urllib.request
api, count, interval, prefix, hook, first, nginx = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5] == "1", int(sys.argv[6]), sys.argv[7]
def post(n):
    monitor = {"name": f"scaleout-{n}", "url": f"{nginx}{prefix}{n}", "check_interval": interval, "timeout": 1,
               "expected_status_code": 200}
    if hook:
        monitor["webhook_url"] = f"{nginx}/hook?m={n}"
    request = urllib.request.Request(f"{api}/monitors", data=json.dumps(monitor).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        if response.status != 201:
            raise SystemExit(f"monitor {n}: HTTP {response.status}")
with concurrent.futures.ThreadPoolExecutor(8) as pool:
    for future in [pool.submit(post, n) for n in range(first, first + count)]:
        future.result()
PY
}

flip() { # up|down: the flapping monitors' targets answer 200 or 404
  local n
  for n in $(seq 1 "$FLIPS"); do
    if [ "$1" = up ]; then : > "$WORK/www/flip/$n"; else rm -f "$WORK/www/flip/$n"; fi
  done
  FLIPPED=$((FLIPPED + 1))
  log "flapping targets $1"
}

check_lines() { grep -c ' /health?m=\| /flip/' "$WORK/access.log" || true; }

measure() { # label: checks/s at nginx and cores per process over MEASURE s
  local label=$1 name t0 t1 l0 l1 s0 s1 row
  declare -A c0
  for name in "${!PIDS[@]}"; do c0[$name]=$(ticks "${PIDS[$name]}"); done
  local pg0 infra0 nginx0
  pg0=$(ticks $(postgres_pids)); infra0=$(ticks "$INFRA_PID"); nginx0=$(ticks "$NGINX_PID" $(pgrep -P "$NGINX_PID"))
  sleep 2; l0=$(check_lines); s0=$(date +%s.%N)
  sleep "$MEASURE"
  sleep 2; l1=$(check_lines); s1=$(date +%s.%N)
  local seconds
  seconds=$(python3 -c "print($s1 - $s0)")
  row="| $label | $(python3 -c "print(round(($l1 - $l0) / $seconds))") | $(queue_depth)"
  local cpu=""
  for name in $(printf '%s\n' "${!PIDS[@]}" | sort); do
    cpu="$cpu $name $(cores "${c0[$name]}" "$(ticks "${PIDS[$name]}")" "$seconds"),"
  done
  cpu="$cpu postgres $(cores "$pg0" "$(ticks $(postgres_pids))" "$seconds"), elasticmq $(cores "$infra0" "$(ticks "$INFRA_PID")" "$seconds"), nginx $(cores "$nginx0" "$(ticks "$NGINX_PID" $(pgrep -P "$NGINX_PID"))" "$seconds")"
  row="$row | ${cpu# } | $(uptime | sed 's/.*load average: //') |"
  log "$row"
  THROUGHPUT="$THROUGHPUT
$row"
}

ensure_tools
build
mkdir -p "$WORK/www/flip"
chmod 755 "$WORK" # nginx's workers do not run as root
NGINX_LOCATIONS="location /flip/ { root $WORK/www; default_type text/plain; }
    location /hook { default_type text/plain; return 200 \"ok\\n\"; }"
start_nginx
start_infra

log "db-migrations"
start_service db-migrations db-migrations
wait "${PIDS[db-migrations]}" || die "db-migrations failed: $(tail -n 30 "$WORK/db-migrations.log")"
unset "PIDS[db-migrations]"

start_service api api-service ALLOW_ANONYMOUS=true RATE_LIMIT_PER_MINUTE=0
start_service scheduler-1 scheduler-service
start_service scheduler-2 scheduler-service
start_service worker-1 worker-service
start_service worker-2 worker-service
start_service worker-3 worker-service
await_ready api scheduler-1 scheduler-2 worker-1 worker-2 worker-3
API="http://127.0.0.1:${PORTS[api]}"

FLIPPED=-1
flip up
create "$FLIPS" "$SOAK_INTERVAL" /flip/ 1 1
create "$MONITORS" "$SOAK_INTERVAL" '/health?m=' 0 $((FLIPS + 1))
log "warming up for 20 s"
sleep 20 # slots before the soak are not counted: a cold, just-started fleet may serve one late (and skip it)
log "soak: $MONITORS + $FLIPS monitors at ${SOAK_INTERVAL}s for ${SOAK}s"
soak_start=$(date +%s)
soak_end=$((soak_start + SOAK))
next_flip=$((soak_start + FLIP_EVERY)); state=up
killed_worker=0; killed_scheduler=0
while [ $(($(date +%s) - soak_start)) -lt "$SOAK" ]; do
  sleep 1
  now=$(date +%s)
  # A flip only while its state can last FLIP_EVERY: each one must cross the thresholds.
  if [ "$now" -ge "$next_flip" ] && [ $((now + FLIP_EVERY)) -le "$soak_end" ]; then
    if [ $state = up ]; then state=down; else state=up; fi
    flip $state
    next_flip=$((now + FLIP_EVERY))
  fi
  if [ $killed_worker = 0 ] && [ $((now - soak_start)) -ge $((SOAK / 4)) ]; then
    kill9 worker-3; killed_worker=$(date +%s.%N)
  fi
  if [ $killed_scheduler = 0 ] && [ $((now - soak_start)) -ge $((SOAK / 2)) ]; then
    kill9 scheduler-2; killed_scheduler=$(date +%s.%N)
  fi
done
[ $state = up ] || flip up
log "settling: flapping targets stay up"
sleep $((4 * SOAK_INTERVAL + 10))
stop_service scheduler-1
log "draining the queue (a killed worker's messages come back after the ${VISIBILITY}s visibility timeout)"
for _ in $(seq 1 240); do [ "$(queue_depth)" = 0 ] && break; sleep 0.5; done
[ "$(queue_depth)" = 0 ] || FAILURES+=("the queue did not drain: $(queue_depth) messages left")
for _ in $(seq 1 240); do
  [ "$(sql "SELECT count(*) FROM deliveries WHERE status NOT IN ('SENT', 'FAILED', 'CANCELLED')")" = 0 ] && break
  sleep 0.5
done
sleep 3 # nginx flushes its access log every second

# --- the exactly-once assertions --------------------------------------------------------------------------------
# Slots from the soak's start (every monitor is on its slot grid by then) to each monitor's last result.
sql "SELECT m.id, substring(m.url from '[0-9]+\$'), count(r.slot), count(r.slot) FILTER (WHERE r.slot >= to_timestamp($soak_start)),
            coalesce(extract(epoch FROM max(r.slot) - min(r.slot) FILTER (WHERE r.slot >= to_timestamp($soak_start)))::bigint
                     / m.check_interval + 1, 0)
     FROM monitors m LEFT JOIN check_results r ON r.monitor_id = m.id GROUP BY m.id ORDER BY m.id" > "$WORK/results.txt"
read -r RESULTS ON_GRID EXPECTED NEVER <<< "$(awk '{r += $3; g += $4; e += $5; if ($3 == 0) n++} END {print r, g, e, n + 0}' "$WORK/results.txt")"
MISSING=$((EXPECTED - ON_GRID))
# Where the gaps are, by second, to set against the kills.
sql "SELECT to_char(slot, 'HH24:MI:SS'), count(*) FROM (
       SELECT r.slot, lead(r.slot) OVER w AS next, row_number() OVER w AS k, m.check_interval
       FROM check_results r JOIN monitors m ON m.id = r.monitor_id
       WINDOW w AS (PARTITION BY r.monitor_id ORDER BY r.slot)) s
     WHERE k > 1 AND next > slot + make_interval(secs => check_interval) GROUP BY 1 ORDER BY 1" > "$WORK/gaps.txt"
[ "$MISSING" = 0 ] || FAILURES+=("$MISSING slots between a monitor's first and last result have no result")
[ "$NEVER" = 0 ] || FAILURES+=("$NEVER monitors were never checked")
# Target calls per monitor (nginx) against results per monitor: more calls than results are checks run twice.
read -r CALLS EXTRA_CALLS EXTRA_MONITORS <<< "$(python3 - "$WORK/access.log" "$WORK/results.txt" <<'PY'
import re, sys
calls = {}
for line in open(sys.argv[1]):
    m = re.match(r'\S+ /(?:health\?m=|flip/)(\d+) ', line)
    if m:
        calls[m.group(1)] = calls.get(m.group(1), 0) + 1
extra = monitors = 0
for line in open(sys.argv[2]):
    _, n, results, _, _ = line.split()
    if calls.get(n, 0) > int(results):
        extra += calls[n] - int(results)
        monitors += 1
print(sum(calls.values()), extra, monitors)
PY
)"
# A message is at most WORKER_MESSAGES_IN_FLIGHT (10) x SCHEDULER_CHECKS_PER_MESSAGE (50) checks in flight per worker.
[ "$EXTRA_CALLS" -le 500 ] || FAILURES+=("$EXTRA_CALLS checks ran twice, more than the killed worker had in flight")
EXPECTED_CHANGES=$((FLIPS * (FLIPPED + 1)))
sql "SELECT s.monitor_id, s.new_status, (SELECT count(*) FROM deliveries d WHERE d.status_change_id = s.id),
            (SELECT count(*) FROM deliveries d WHERE d.status_change_id = s.id AND d.status = 'SENT')
     FROM status_changes s JOIN monitors m ON m.id = s.monitor_id
     WHERE m.webhook_url IS NOT NULL ORDER BY s.monitor_id, s.slot" > "$WORK/changes.txt"
read -r CHANGES REPEATS DELIVERY_ROWS SENT <<< "$(awk '{n++; if ($1 == m && $2 == s) r++; m = $1; s = $2; d += $3; t += $4} END {print n + 0, r + 0, d + 0, t + 0}' "$WORK/changes.txt")"
HOOKS=$(grep -c ' /hook?m=' "$WORK/access.log" || true)
[ "$CHANGES" = "$EXPECTED_CHANGES" ] || FAILURES+=("$CHANGES status changes of the flapping monitors, $EXPECTED_CHANGES expected")
[ "$REPEATS" = 0 ] || FAILURES+=("$REPEATS status changes repeat the status before them")
[ "$DELIVERY_ROWS" = "$CHANGES" ] || FAILURES+=("$DELIVERY_ROWS webhook deliveries for $CHANGES status changes")
[ "$HOOKS" = "$SENT" ] || FAILURES+=("the webhook was called $HOOKS times for $SENT sent deliveries")
[ "$HOOKS" = "$CHANGES" ] || FAILURES+=("the webhook was called $HOOKS times for $CHANGES status changes")
log "soak: $RESULTS results, $MISSING missing, $EXTRA_CALLS target calls beyond results; $CHANGES status changes ($EXPECTED_CHANGES expected), $HOOKS webhook calls"

# --- throughput, 1 worker and 3 ---------------------------------------------------------------------------------
THROUGHPUT="| workers | checks/s at nginx | queue depth at the end | cores per process | load average (1, 5, 15 min) |
|---|---|---|---|---|"
stop_service worker-2
start_service scheduler-3 scheduler-service
start_service scheduler-4 scheduler-service
await_ready scheduler-3 scheduler-4
create "$LOAD_MONITORS" 2 '/health?m=' 0 $((FLIPS + MONITORS + 1))
TOTAL=$((FLIPS + MONITORS + LOAD_MONITORS))
DUE=$(((FLIPS + MONITORS) / SOAK_INTERVAL + LOAD_MONITORS / 2))
log "throughput: $TOTAL monitors ($DUE checks/s due)"
sleep 20
measure "1 (worker-1)"
start_service worker-4 worker-service
start_service worker-5 worker-service
await_ready worker-4 worker-5
sleep 20
measure "3 (worker-1, -4, -5)"
ERRORS=$(cat "$WORK"/*-service*.log "$WORK"/api.log "$WORK"/scheduler-*.log "$WORK"/worker-*.log 2>/dev/null | grep -c '"level":"ERROR"\| ERROR ' || true)

cat <<SUMMARY

=== Issue 23 scale-out: api, 2 schedulers, 3 workers as separate JVMs ($SVC_OPTS), commit $(git -C "$ROOT" rev-parse --short HEAD) ===
soak: $MONITORS + $FLIPS flapping monitors at ${SOAK_INTERVAL}s for ${SOAK}s; kill -9 of worker-3 at $((SOAK / 4))s and of scheduler-2 at $((SOAK / 2))s; queue visibility timeout ${VISIBILITY}s
results: $RESULTS; from the soak's start ($(date -u -d "@$soak_start" +%T)) to each monitor's last result $ON_GRID for $EXPECTED slots (missing: $MISSING, monitors never checked: $NEVER)
gaps (slot after which a monitor's next slot is missing, count): $(tr '\n' ';' < "$WORK/gaps.txt")
target calls: $CALLS; beyond the results: $EXTRA_CALLS on $EXTRA_MONITORS monitors (checks of the killed worker run again)
flapping monitors: $((FLIPPED)) flips; status changes $CHANGES (expected $EXPECTED_CHANGES, repeated statuses: $REPEATS); webhook deliveries $DELIVERY_ROWS, sent $SENT, webhook calls $HOOKS
errors logged by the services: $ERRORS

throughput with $TOTAL monitors, $LOAD_MONITORS of them at 2 s ($DUE checks/s due), ${MEASURE}s each:
$THROUGHPUT
SUMMARY
if [ ${#FAILURES[@]} -gt 0 ]; then
  printf 'ASSERTION FAILED: %s\n' "${FAILURES[@]}" >&2
  exit 1
fi
echo "all exactly-once assertions hold"
