#!/usr/bin/env bash
# Static checks of docker/Dockerfile, .dockerignore and docker-compose.yml, plus
# the layer extraction on every built jar. Run from anywhere AFTER
# `./mvnw -DskipTests package`. Prints "docker: N passed, M failed" last.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! python3 -c 'import yaml' 2>/dev/null; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing python3-yaml for the docker-compose.yml check"
    (apt-get install -y -qq python3-yaml >/dev/null 2>&1 \
      || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq python3-yaml >/dev/null 2>&1; }) || true
  fi
fi

exec python3 docker/check.py "$@"
