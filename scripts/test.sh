#!/usr/bin/env bash
# The README's test command (after `npm ci`): build, lint, type-check, unit + integration + reliability +
# contract tests (emulator and Prism), n8n's package scanner, end to end in a real n8n (headless and in a
# browser), then queue mode (PostgreSQL, Redis, main + 2 workers). Installs what it needs on first run:
# the pinned n8n runtime (npm registry), Chromium, PostgreSQL and Redis (Debian packages).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n=== %s (%s)\n' "$1" "$(date -u +%H:%M:%S)"; }
started=$SECONDS

step 'build';                npm run --silent build
step 'lint';                 npm run --silent lint
step 'type-check';           npm run --silent typecheck
step 'unit, integration, reliability and contract tests'
npx jest --ci
step 'n8n package scanner';  npm run --silent scan
step 'real n8n: runtime and browser'
bash scripts/n8n/prepare-runtime.sh
bash scripts/n8n/install-chromium.sh
step 'end to end in a real n8n'
npx jest -c jest.e2e.config.js --ci
step 'queue mode: PostgreSQL, Redis, main + 2 workers'
SCALE_RESULTS="${TMPDIR:-/tmp}/iidaas-queue-mode.json" bash scripts/scale/run.sh
step "all checks passed in $(( (SECONDS - started) / 60 )) min $(( (SECONDS - started) % 60 )) s"
