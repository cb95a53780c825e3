#!/usr/bin/env bash
# `npm run test:scale`: installs PostgreSQL and Redis if missing (Debian packages), then runs the queue-mode test
# (test/scale/queue-mode.scale.ts): n8n main + 2 workers on PostgreSQL and Redis, all on 127.0.0.1, stopped at the end.
# Extra arguments go to jest. Figures: SCALE_RESULTS=<file> also writes them as JSON.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash scripts/scale/install-services.sh
bash scripts/n8n/prepare-runtime.sh
export SCALE_RESULTS="${SCALE_RESULTS:-$PWD/bench/results/queue-mode.json}"
exec npx jest -c test/scale/jest.scale.config.js --ci "$@"
