#!/usr/bin/env bash
# The example workflows (test/e2e/examples.e2e.test.ts: every examples/*.json with its per-node expectations, and
# the wrong-secret error path) headlessly in each n8n line users run, against the emulator. Installs each runtime
# on first use (scripts/n8n/prepare-runtime.sh; cached), records each run in artifacts/compat/, then writes the
# README's Compatibility table from those records (scripts/n8n/compat-table.js). Exits 1 if any version failed.
# Usage: scripts/n8n/compat.sh [version...]      (default: the versions below)
# Env:   N8N_RUNTIME_DIR applies to the 2.x pin only (e.g. a shared .n8n-runtime); 1.x runtimes live in .n8n-runtimes/.
set -uo pipefail
cd "$(dirname "$0")/../.."

# Oldest supported 1.x (NodeConnectionTypes, AI-tool use without a flag), newest 1.x, the 2.x pin.
DEFAULT_VERSIONS=(1.85.4 1.123.81 2.41.1)
versions=("$@")
[[ ${#versions[@]} -gt 0 ]] || versions=("${DEFAULT_VERSIONS[@]}")
out=artifacts/compat
mkdir -p "$out"
failed=()
for version in "${versions[@]}"; do
  echo "--- n8n $version ($(date -u +%H:%M:%S))"
  env_args=()
  [[ "$version" == 1.* ]] && env_args+=(-u N8N_RUNTIME_DIR)
  env_args+=(N8N_RUNTIME_VERSION="$version")
  t0=$SECONDS
  if ! env "${env_args[@]}" bash scripts/n8n/prepare-runtime.sh; then
    failed+=("$version (runtime install)")
    continue
  fi
  installed=$((SECONDS - t0))
  t1=$SECONDS
  env "${env_args[@]}" npx jest -c jest.e2e.config.js --ci test/e2e/examples --json --outputFile="$out/jest-$version.json" \
    || failed+=("$version")
  printf '{ "n8n": "%s", "runtimeCheckSeconds": %d, "examplesSeconds": %d, "date": "%s" }\n' \
    "$version" "$installed" "$((SECONDS - t1))" "$(date -u +%Y-%m-%d)" >"$out/run-$version.json"
  env "${env_args[@]}" node -e '
    const d = require("./tools/n8n/driver"); const { execFileSync } = require("child_process");
    const node = execFileSync(d.runtimePaths().node, ["--version"], { encoding: "utf8" }).trim();
    const file = process.argv[1]; const run = require(require("path").resolve(file));
    require("fs").writeFileSync(file, JSON.stringify({ ...run, node }, null, 2) + "\n");' "$out/run-$version.json"
done
node scripts/n8n/compat-table.js "${versions[@]}"
if [[ ${#failed[@]} -gt 0 ]]; then
  echo "compatibility: FAILED on n8n ${failed[*]}" >&2
  exit 1
fi
