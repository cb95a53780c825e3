#!/usr/bin/env bash
# The README's test command (after `npm ci`): build, lint, type-check, unit + integration + reliability +
# contract tests (emulator and Prism), n8n's package scanner, end to end in a real n8n (headless, in a browser,
# installed from a local npm registry), the example workflows on each supported n8n line, then queue mode
# (PostgreSQL, Redis, main + 2 workers). Installs what it needs on first run: the n8n runtimes and Verdaccio
# (npm registry, cached in .n8n-runtime/ and .n8n-runtimes/), Chromium, PostgreSQL and Redis (Debian packages).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n=== %s (%s)\n' "$1" "$(date -u +%H:%M:%S)"; }
started=$SECONDS

step 'build';                npm run --silent build
step 'lint';                 npm run --silent lint
step 'format (Prettier, n8n settings)'; npm run --silent format:check
step 'type-check';           npm run --silent typecheck
step 'unit, integration, reliability and contract tests'
npx jest --ci
step 'n8n package scanner';  npm run --silent scan
step 'real n8n: runtime and browser'
bash scripts/n8n/prepare-runtime.sh
bash scripts/n8n/install-chromium.sh
step 'end to end in a real n8n: trigger, browser, manual install, Community Nodes install from a local registry'
# The examples run once per n8n line in the next step.
npx jest -c jest.e2e.config.js --ci --testPathIgnorePatterns test/e2e/examples
step 'example workflows on n8n 1.85.4, 1.123.81 and 2.41.1 (writes the README Compatibility table)'
bash scripts/n8n/compat.sh
step 'queue mode: PostgreSQL, Redis, main + 2 workers'
mkdir -p artifacts
SCALE_RESULTS="$PWD/artifacts/queue-mode.json" bash scripts/scale/run.sh
step "all checks passed in $(( (SECONDS - started) / 60 )) min $(( (SECONDS - started) % 60 )) s"
