#!/usr/bin/env bash
# Installs what the queue-mode scale test needs from Debian: PostgreSQL (n8n's queue mode does not support SQLite)
# and Redis (the Bull queue). Installs only what is missing; the test itself starts throw-away instances of both
# on 127.0.0.1 (test/scale/services.js), so the distribution's own services are never used and stay stopped.
# Needs root (or sudo) the first time.
set -euo pipefail

have_pg() { ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1; }
have_redis() { command -v redis-server >/dev/null 2>&1; }

missing=()
have_pg || missing+=(postgresql)
have_redis || missing+=(redis-server)
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "scale services: postgresql ($(ls -d /usr/lib/postgresql/*/ | xargs -n1 basename | tr '\n' ' ')) and $(redis-server --version | cut -d' ' -f1-3) present"
  exit 0
fi

sudo=""
if [[ "$(id -u)" != 0 ]]; then
  command -v sudo >/dev/null || { echo "install-services: need root or sudo to install ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
log="$(mktemp -t install-scale-services.XXXXXX.log)"
t0=$SECONDS
echo "scale services: installing ${missing[*]} with apt-get (log: $log)"
# policy-rc.d 101: Debian's packages must not start their system-wide services (the test starts its own).
policy=/usr/sbin/policy-rc.d
created_policy=""
if [[ ! -e $policy ]]; then
  printf '#!/bin/sh\nexit 101\n' | $sudo tee $policy >/dev/null && $sudo chmod 755 $policy && created_policy=1
fi
cleanup() { [[ -n $created_policy ]] && $sudo rm -f $policy; true; }
trap cleanup EXIT
if ! { $sudo apt-get update && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
  echo "scale services: apt-get failed; last lines of $log:" >&2
  tail -n 30 "$log" >&2
  exit 1
fi
have_pg || { echo "scale services: postgresql installed but initdb not found" >&2; exit 1; }
have_redis || { echo "scale services: redis-server installed but not on PATH" >&2; exit 1; }
echo "scale services: installed ${missing[*]} in $((SECONDS - t0))s"
