#!/usr/bin/env bash
# Installs Debian's Chromium for the browser e2e test (playwright-core drives it; `npx playwright install`
# cannot download browsers here). Does nothing when /usr/bin/chromium exists. Needs root (or sudo).
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [[ -x "$CHROMIUM" ]]; then
  echo "chromium: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
  exit 0
fi
sudo=""
if [[ "$(id -u)" != 0 ]]; then
  command -v sudo >/dev/null || { echo "install-chromium: need root or sudo to run apt-get" >&2; exit 1; }
  sudo="sudo"
fi
log="$(mktemp -t install-chromium.XXXXXX.log)"
t0=$SECONDS
echo "chromium: installing with apt-get (log: $log)"
if ! { $sudo apt-get update && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends chromium fonts-liberation; } >"$log" 2>&1; then
  echo "chromium: apt-get failed; last lines of $log:" >&2
  tail -n 30 "$log" >&2
  exit 1
fi
echo "chromium: $("$CHROMIUM" --version) installed in $((SECONDS - t0))s"
