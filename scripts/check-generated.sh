#!/usr/bin/env bash
# Regenerates everything derived from the contract and fails if the
# committed copy differs: generated code is never edited by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
pnpm run --silent generate >/dev/null
# A pathspec with a wildcard matches whole paths, hence the trailing /**.
# The widgets' custom-elements manifest is generated from their JSDoc the same way.
generated=('packages/*/src/generated/**' 'packages/components/custom-elements.json')
changed=$(git status --porcelain -- "${generated[@]}")
if [ -n "$changed" ]; then
  echo "Generated code is stale; run 'pnpm generate' and commit:" >&2
  echo "$changed" >&2
  git --no-pager diff --stat -- "${generated[@]}" >&2
  exit 1
fi
echo "generated code is fresh"
