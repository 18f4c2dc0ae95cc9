#!/usr/bin/env bash
# Makes a Docker engine, Compose v2 and Buildx usable on a Debian 12 machine (CI, a fresh VM).
# Idempotent: installs only what is missing, starts dockerd only if nothing answers.
# Compose v2 and Buildx come from Debian 13 (bookworm has neither as plugins); they are
# downloaded from the trixie suite only, never installed from it as a whole.
set -euo pipefail

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive

updated=""
apt_update() { if [ -z "$updated" ]; then $SUDO apt-get update -q >/dev/null; updated=1; fi; }

if ! command -v dockerd >/dev/null 2>&1; then
  apt_update
  $SUDO apt-get install -y -q docker.io debootstrap >/dev/null
fi
if ! command -v debootstrap >/dev/null 2>&1; then
  apt_update
  $SUDO apt-get install -y -q debootstrap >/dev/null
fi

if ! docker compose version >/dev/null 2>&1 || ! docker buildx version >/dev/null 2>&1; then
  mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  mirror=${mirror:-http://deb.debian.org/debian}
  tmp=$(mktemp -d)
  mkdir -p "$tmp/lists/partial" "$tmp/archives/partial"
  cat > "$tmp/trixie.sources" <<SRC
Types: deb
URIs: $mirror
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  opts=(-o "Dir::Etc::SourceList=/dev/null" -o "Dir::Etc::SourceParts=$tmp" -o "Dir::State::Lists=$tmp/lists"
        -o "Dir::Cache::Archives=$tmp/archives" -o "APT::Get::List-Cleanup=0")
  $SUDO apt-get "${opts[@]}" update -q >/dev/null
  (cd "$tmp" && $SUDO apt-get "${opts[@]}" download docker-compose docker-buildx >/dev/null)
  $SUDO dpkg -i --force-depends "$tmp"/docker-compose_*.deb "$tmp"/docker-buildx_*.deb >/dev/null
  rm -rf "$tmp"
fi

if ! docker info >/dev/null 2>&1; then
  # A dockerd that was killed (a VM's hard stop, the OOM killer) leaves its pid file, and a new one refuses to start.
  pid=$(cat /var/run/docker.pid 2>/dev/null || true)
  if [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" != dockerd ]; then
    $SUDO rm -f /var/run/docker.pid
  fi
  $SUDO mkdir -p /var/log
  ($SUDO nohup dockerd >/var/log/dockerd.log 2>&1 &)
  for _ in $(seq 1 60); do
    docker info >/dev/null 2>&1 && break
    sleep 1
  done
fi

docker info --format 'docker engine {{.ServerVersion}}' 
docker compose version
docker buildx version
