#!/usr/bin/env bash
# Regenerates everything derived from the contract and fails if the
# committed copy differs: generated code is never edited by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
pnpm run --silent generate >/dev/null
# A pathspec with a wildcard matches whole paths, hence the trailing /**.
changed=$(git status --porcelain -- 'packages/*/src/generated/**')
if [ -n "$changed" ]; then
  echo "Generated code is stale; run 'pnpm generate' and commit:" >&2
  echo "$changed" >&2
  git --no-pager diff --stat -- 'packages/*/src/generated/**' >&2
  exit 1
fi
echo "generated code is fresh"
