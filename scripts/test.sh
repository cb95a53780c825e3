#!/usr/bin/env bash
# The README's test command (after `npm ci`): build, lint, type-check, unit + integration + contract
# tests against the emulator and Prism, n8n's package scanner, then end to end in a real n8n.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n=== %s (%s)\n' "$1" "$(date -u +%H:%M:%S)"; }

step 'build';             npm run --silent build
step 'lint';              npm run --silent lint
step 'type-check';        npm run --silent typecheck
step 'unit, integration, contract tests'
npx jest --ci
step 'n8n package scanner'; npm run --silent scan
if [ -f jest.e2e.config.js ]; then
  step 'end to end in a real n8n'
  npx jest -c jest.e2e.config.js --ci
fi
step 'all checks passed'
