#!/usr/bin/env bash
# Installs what building and testing Flowlab needs, and only what is missing:
# a second run with everything present takes about a second.
# Every tool comes from a package registry (crates.io, npm, Debian); nothing
# downloads a browser or a prebuilt binary from anywhere else.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WASM_SPLIT_VERSION=0.2.4
WASM_OPT_VERSION=132
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

say() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }

for tool in cargo rustup node npm; do
  command -v "$tool" >/dev/null || die "$tool is not installed (needs Rust via rustup, and Node.js with npm)"
done

# The wasm target of the Rust toolchain.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# wasm-bindgen-cli must be exactly the wasm-bindgen of Cargo.lock, and
# Trunk.toml must name the same version (Trunk refuses any other).
wb_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
[ -n "$wb_version" ] || die "no wasm-bindgen in Cargo.lock"
trunk_wb=$(sed -n 's/^wasm_bindgen = "\([^"]*\)".*/\1/p' Trunk.toml)
[ "$trunk_wb" = "$wb_version" ] ||
  die "Trunk.toml [tools] wasm_bindgen is \"$trunk_wb\" but Cargo.lock has wasm-bindgen $wb_version"
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wb_version" ] ||
   [ "$(wasm-bindgen-test-runner --version 2>/dev/null)" != "wasm-bindgen-test-runner $wb_version" ]; then
  say "installing wasm-bindgen-cli $wb_version (about 8 minutes on 2 cores)"
  # Not --locked: its lockfile wants a webpki-roots release the registry lacks.
  cargo install wasm-bindgen-cli --version "$wb_version" --force
fi

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (about 13 minutes on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked --force
fi

# Cuts the release wasm into one part per screen (scripts/split-wasm.mjs).
# It has no --version: cargo's list of installed crates says which it is.
if ! command -v wasm-split-cli >/dev/null ||
   ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  say "installing wasm-split-cli $WASM_SPLIT_VERSION (about 1 minute on 2 cores)"
  cargo install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary --locked --force
fi

# Debian's Chromium and its driver: the browser of the browser and e2e tests.
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  say "installing Debian's chromium and chromium-driver"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# npm packages from the committed lockfile: wasm-opt (binaryen 132; never
# Debian's binaryen 108, whose output shows a blank page), playwright-core and
# axe-core (the accessibility e2e test), among others.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ] ||
   ! wasm-opt --version 2>/dev/null | grep -q "version $WASM_OPT_VERSION"; then
  say "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi
wasm-opt --version | grep -q "version $WASM_OPT_VERSION" ||
  die "node_modules/.bin/wasm-opt is not version $WASM_OPT_VERSION"

# Trunk builds offline, so every crate must already be downloaded.
cargo fetch --quiet
