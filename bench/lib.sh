# Shared by the issue-8 benchmark scripts (bench/throughput.sh, bench/soak.sh); sourced, not run.
# Starts what a run needs (nginx, the standalone jar, the blackbox exporter) as children of the script and stops
# exactly those again on exit, however the script ends.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/bench
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
# The README's run command's flags; override to compare (e.g. JAVA_OPTS="-Xmx512m -XX:+UseSerialGC").
JAVA_OPTS=${JAVA_OPTS:--Xmx512m -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError --sun-misc-unsafe-memory-access=allow}
JAR=${JAR:-$ROOT/standalone/target/standalone.jar}
WORK=$(mktemp -d /tmp/hm-bench.XXXXXX)
CLK_TCK=$(getconf CLK_TCK)
JVM_PID=
NGINX_PID=
BLACKBOX_PID=

log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }
die() {
  echo "BENCHMARK FAILED: $*" >&2
  [ -f "$WORK/standalone.log" ] && { echo "--- last lines of the standalone's log:" >&2; tail -n 30 "$WORK/standalone.log" >&2; }
  exit 1
}

stop_pid() { # pid, name: SIGTERM, up to 60 s, then SIGKILL
  local pid=$1 name=$2
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  log "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
  kill -KILL "$pid" 2>/dev/null || true
}

cleanup() {
  local rc=$?
  set +e
  stop_pid "$BLACKBOX_PID" "blackbox exporter"
  stop_pid "$JVM_PID" "standalone"
  stop_pid "$NGINX_PID" "nginx"
  if [ "${KEEP_WORK:-0}" = 1 ] || [ "$rc" != 0 ]; then
    log "logs and data kept in $WORK"
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ensure_tools() {
  local missing=()
  command -v nginx >/dev/null || missing+=(nginx)
  command -v wrk >/dev/null || missing+=(wrk)
  command -v prometheus-blackbox-exporter >/dev/null || missing+=(prometheus-blackbox-exporter)
  command -v psql >/dev/null || missing+=(postgresql-client)
  command -v curl >/dev/null || missing+=(curl)
  command -v python3 >/dev/null || missing+=(python3)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]} from apt"
    [ "$(id -u)" = 0 ] || die "need root to apt-get install ${missing[*]}"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  # The packages' own services are not wanted: this script starts its own instances.
  "$JAVA" -version >/dev/null 2>&1 || die "no java at '$JAVA' (set JAVA_HOME to a JDK 25)"
}

build_jar() {
  if [ ! -f "$JAR" ] || [ ! -f "$ROOT/standalone/target/standalone.jar" ] || [ "${REBUILD:-0}" = 1 ]; then
    log "building the standalone jar"
    (cd "$ROOT" && ./mvnw -B -q -DskipTests -Dspotless.check.skip=true -pl standalone -am package ${MAVEN_ARGS:-}) \
      || die "build failed"
  fi
  log "jar: $JAR ($(date -u -r "$JAR" +%FT%TZ), commit $(git -C "$ROOT" rev-parse --short HEAD))"
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

await_http() { # url, seconds, pid that must stay alive
  local url=$1 seconds=$2 pid=${3:-}
  for _ in $(seq 1 $((seconds * 2))); do
    curl -fsS -o /dev/null "$url" 2>/dev/null && return 0
    [ -z "$pid" ] || kill -0 "$pid" 2>/dev/null || die "process $pid exited while waiting for $url"
    sleep 0.5
  done
  die "$url did not answer within ${seconds}s"
}

# nginx on loopback: /health answers 200 "ok"; each request one line "<epoch.ms> <uri> <status>" in access.log.
# NGINX_LOCATIONS adds a script's own locations to the server block.
start_nginx() {
  NGINX_PORT=$(free_port)
  mkdir -p "$WORK/nginx"
  cat > "$WORK/nginx.conf" <<CONF
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections 8192; }
http {
  log_format bench '\$msec \$request_uri \$status';
  access_log $WORK/access.log bench buffer=256k flush=1s;
  keepalive_requests 1000000;
  client_body_temp_path $WORK/nginx; proxy_temp_path $WORK/nginx; fastcgi_temp_path $WORK/nginx;
  uwsgi_temp_path $WORK/nginx; scgi_temp_path $WORK/nginx;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location /health { default_type text/plain; return 200 "ok\n"; }
    ${NGINX_LOCATIONS:-}
  }
}
CONF
  nginx -c "$WORK/nginx.conf" -p "$WORK/nginx" -g 'daemon off;' &
  NGINX_PID=$!
  TARGET="http://127.0.0.1:$NGINX_PORT/health"
  await_http "$TARGET" 10 "$NGINX_PID"
  log "nginx on $TARGET (pid $NGINX_PID)"
}

start_standalone() {
  API_PORT=$(free_port)
  API="http://127.0.0.1:$API_PORT"
  log "starting the standalone: $JAVA $JAVA_OPTS -jar standalone.jar"
  (cd "$WORK" && exec env HEALTH_MONITOR_DATA_DIR="$WORK/data" SERVER_PORT="$API_PORT" ALLOW_PRIVATE_TARGETS=true \
      RATE_LIMIT_PER_MINUTE=0 MIN_CHECK_INTERVAL=2 $STANDALONE_ENV \
      "$JAVA" $JAVA_OPTS -jar "$JAR" > "$WORK/standalone.log" 2>&1) &
  JVM_PID=$!
  await_http "$API/health" 240 "$JVM_PID"
  PG_PORT=$(sed -n 4p "$WORK/data/postgres/postmaster.pid")
  PG_PID=$(sed -n 1p "$WORK/data/postgres/postmaster.pid")
  log "standalone up: API $API (pid $JVM_PID), PostgreSQL on 127.0.0.1:$PG_PORT (pid $PG_PID)"
}
STANDALONE_ENV=${STANDALONE_ENV:-}

sql() { PGPASSWORD=postgres psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -XAtq -F ' ' -c "$1"; }

create_monitors() { # count interval
  log "creating $1 monitors at ${2}s through the API"
  local start=$SECONDS
  python3 "$BENCH/bench.py" create "$API" "$1" "$2" "$TARGET" || die "creating monitors failed"
  log "created $1 monitors in $((SECONDS - start)) s"
}

ticks() { # total utime+stime of the given pids, in clock ticks (fields 14 and 15, after the ")" of comm)
  local sum=0 pid
  for pid in "$@"; do
    [ -r "/proc/$pid/stat" ] || continue
    sum=$((sum + $(sed 's/^.*) //' "/proc/$pid/stat" | awk '{print $12 + $13}')))
  done
  echo "$sum"
}
postgres_pids() { echo "$PG_PID $(pgrep -P "$PG_PID" | tr '\n' ' ')"; }
cores() { python3 -c "print(f'{($2 - $1) / $CLK_TCK / $3:.2f}')"; } # ticks0 ticks1 seconds
rss_mib() { awk -v k="$2:" '$1 == k {printf "%.0f", $2 / 1024}' "/proc/$1/status"; } # pid VmRSS|VmHWM
scrape() { python3 "$BENCH/bench.py" scrape "$API/actuator/prometheus" "$1" || die "cannot read $API/actuator/prometheus"; }
alive() { kill -0 "$JVM_PID" 2>/dev/null || die "the standalone JVM is gone (crash?)"; }

sizes() { # the monitors table and the check_results partitions, bytes
  sql "SELECT 'monitors_heap', pg_relation_size('monitors')
       UNION ALL SELECT 'monitors_indexes', pg_indexes_size('monitors')
       UNION ALL SELECT 'monitors_total', pg_total_relation_size('monitors')
       UNION ALL SELECT 'monitors_n_tup_upd', n_tup_upd FROM pg_stat_user_tables WHERE relname = 'monitors'
       UNION ALL SELECT 'monitors_n_tup_hot_upd', n_tup_hot_upd FROM pg_stat_user_tables WHERE relname = 'monitors'
       UNION ALL SELECT 'monitors_n_dead_tup', n_dead_tup FROM pg_stat_user_tables WHERE relname = 'monitors'
       UNION ALL SELECT 'monitors_autovacuums', autovacuum_count FROM pg_stat_user_tables WHERE relname = 'monitors'
       UNION ALL SELECT 'index_' || indexrelname, pg_relation_size(indexrelid)
                 FROM pg_stat_user_indexes WHERE relname = 'monitors'
       UNION ALL SELECT 'check_results_total', coalesce(sum(pg_total_relation_size(inhrelid)), 0)
                 FROM pg_inherits WHERE inhparent = 'check_results'::regclass
       UNION ALL (SELECT 'partition_' || c.relname, pg_total_relation_size(c.oid)
                 FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                 WHERE i.inhparent = 'check_results'::regclass ORDER BY c.relname)"
}

# prometheus-blackbox-exporter with one http module, driven by wrk at its /probe against the same nginx.
run_blackbox() { # seconds connections
  local seconds=$1 connections=$2 port
  port=$(free_port)
  cat > "$WORK/blackbox.yml" <<CONF
modules:
  http_2xx:
    prober: http
    timeout: 5s
    http:
      preferred_ip_protocol: ip4
      valid_status_codes: [200]
CONF
  prometheus-blackbox-exporter --config.file="$WORK/blackbox.yml" --web.listen-address="127.0.0.1:$port" \
    > "$WORK/blackbox.log" 2>&1 &
  BLACKBOX_PID=$!
  local probe="http://127.0.0.1:$port/probe?module=http_2xx&target=http%3A%2F%2F127.0.0.1%3A$NGINX_PORT%2Fhealth%3Fbb%3D1"
  await_http "$probe" 20 "$BLACKBOX_PID"
  curl -fsS "$probe" | grep -q '^probe_success 1' || die "the blackbox probe does not succeed: $(curl -sS "$probe" | head -5)"
  wrk -t2 -c"$connections" -d10s "$probe" > /dev/null # warm-up
  local t0 t1
  t0=$(ticks "$BLACKBOX_PID")
  wrk -t2 -c"$connections" -d"${seconds}s" "$probe" > "$WORK/wrk.txt"
  t1=$(ticks "$BLACKBOX_PID")
  BB_PROBES_PER_S=$(awk '/Requests\/sec/ {printf "%.0f", $2}' "$WORK/wrk.txt")
  BB_ERRORS=$(awk '/Non-2xx|Socket errors/' "$WORK/wrk.txt" | tr '\n' ' ')
  BB_CORES=$(cores "$t0" "$t1" "$seconds")
  BB_RSS_MIB=$(rss_mib "$BLACKBOX_PID" VmRSS)
  stop_pid "$BLACKBOX_PID" "blackbox exporter"
  BLACKBOX_PID=
}
