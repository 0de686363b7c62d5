#!/usr/bin/env bash
# Usage: scripts/test-layer.sh LAYER COMMAND...
# Runs one test layer, shows its output as it comes, and fails when the
# command fails or when it ran no test at all. Leaves "PASSED FAILED" in
# target/test-counts/LAYER for `make test`'s closing line.
set -euo pipefail
layer=$1
shift
mkdir -p target/test-counts
log="target/test-counts/$layer.log"
rm -f "target/test-counts/$layer"

printf '\n== %s: %s\n' "$layer" "$*"
status=0
"$@" 2>&1 | tee "$log" || status=$?

# cargo test and wasm-bindgen-test-runner: "test result: ok. 3 passed; 0 failed; ..."
# node --test: "ℹ pass 3" / "ℹ fail 0" (spec reporter) or "# pass 3" (TAP).
# Anything else (e.g. flowlab-sim test): a plain "3 passed, 0 failed" line.
read -r passed failed < <(sed 's/\x1b\[[0-9;]*m//g' "$log" | awk '
  /^test result: / { for (i = 1; i <= NF; i++) { if ($(i) ~ /^passed;?$/) p += $(i-1); if ($(i) ~ /^failed;?$/) f += $(i-1) } }
  /^(ℹ|#) pass [0-9]+$/ { p += $3 }
  /^(ℹ|#) fail [0-9]+$/ { f += $3 }
  /^[0-9]+ passed, [0-9]+ failed/ { p += $1; f += $3 }
  END { print p + 0, f + 0 }')

if [ "$status" -ne 0 ]; then
  printf '%s: FAILED (exit %s)\n' "$layer" "$status"
  exit "$status"
fi
if [ "$passed" -eq 0 ]; then
  printf '%s: FAILED: ran no test\n' "$layer"
  exit 1
fi
echo "$passed $failed" > "target/test-counts/$layer"
printf '%s: %s passed, %s failed\n' "$layer" "$passed" "$failed"
