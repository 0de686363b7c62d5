#!/usr/bin/env bash
# Benchmark of the engine (not a test; never run by `make test` or CI):
# SEQ10-RETRY at 10k and 100k contacts, natively (flowlab-bench; the snapshot
# codec on the played-out run, flowlab-bench-snapshot) and as wasm
# under Node (the same engine built for wasm32-unknown-unknown, bound with
# `wasm-bindgen --target nodejs`). Prints figures, asserts nothing.
#
#   scripts/bench-engine.sh [FILE.json...]     RUNS=N (default 5) runs per file
#
# Installs nothing itself: if the wasm target or wasm-bindgen-cli is missing
# it runs scripts/setup.sh, which installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
RUNS=${RUNS:-5}

wb_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown ||
   [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wb_version" ]; then
  scripts/setup.sh
fi

cargo build --release -p flowlab-bench --bin flowlab-bench --bin flowlab-bench-snapshot
cargo build --release -p flowlab-sim
cargo build --release --target wasm32-unknown-unknown -p flowlab-bench --lib
rm -rf target/bench-wasm
wasm-bindgen --target nodejs --out-dir target/bench-wasm \
  target/wasm32-unknown-unknown/release/flowlab_bench.wasm

echo
echo "$(date -u +%Y-%m-%dT%H:%MZ) · $(nproc) cores · $(rustc --version) · node $(node --version)" \
  "· load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
target/release/flowlab-bench --runs "$RUNS" "$@"
echo
target/release/flowlab-bench-snapshot --runs "$RUNS" "$@"
echo
node bench/engine/run-wasm.cjs --runs "$RUNS" "$@"

# Same file, same seed, same result in wasm: compare each summary line.
echo
files=("$@")
[ ${#files[@]} -gt 0 ] || files=(../shared/bench/seq10-retry-10k.json ../shared/bench/seq10-retry-100k.json)
for f in "${files[@]}"; do
  native=$(target/release/flowlab-sim run --summary "$f" | sha256sum | cut -c1-16)
  wasm=$(node -e "
    const w = require('./target/bench-wasm/flowlab_bench.js');
    const out = JSON.parse(w.run_summary(require('fs').readFileSync(process.argv[1], 'utf8')));
    process.stdout.write(JSON.stringify(out.summary) + '\n');" "$f" | sha256sum | cut -c1-16)
  verdict=$([ "$native" = "$wasm" ] && echo "identical" || echo "DIFFERENT")
  echo "$(basename "$f"): summary line native $native, wasm $wasm: $verdict"
done
