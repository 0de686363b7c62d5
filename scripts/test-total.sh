#!/usr/bin/env bash
# Usage: scripts/test-total.sh LAYER... — prints the closing line of `make test`.
set -euo pipefail
passed=0
failed=0
for layer in "$@"; do
  read -r p f < "target/test-counts/$layer"
  passed=$((passed + p))
  failed=$((failed + f))
done
printf '\nlayers: %s\ntotal: %s passed, %s failed\n' "$*" "$passed" "$failed"
