#!/usr/bin/env bash
# Runs every package's tests (all of them, even after a failure) and ends
# with one line summing every suite: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
rm -rf .reports && mkdir -p .reports
pnpm -r --no-bail --workspace-concurrency=1 run test
status=$?
node scripts/test-summary.mjs || status=1
exit $status
