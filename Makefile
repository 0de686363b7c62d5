# Flowlab's commands. The two that matter: `make serve` and `make test`.
# Every target installs what is missing first (scripts/setup.sh).

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

PORT ?= 8080
E2E_SPECS := $(wildcard tests/e2e/*.spec.mjs)

.PHONY: setup build serve dev test test-native test-browser test-e2e bench-app bench-engine bench-storage bench-editor bench-clock bench-page clean

## setup: install whatever is missing (wasm target, trunk, wasm-bindgen-cli, chromium, npm packages)
setup:
	@scripts/setup.sh

## build: release build of the app into dist/ (wasm-opt -Oz)
build: setup
	trunk build --release

## serve: release build, served on http://127.0.0.1:$(PORT) (deep links fall back to index.html)
serve: build
	node scripts/serve.mjs --dir dist --port $(PORT)

## dev: trunk serve with rebuild on change and autoreload, on http://127.0.0.1:8080
dev: setup
	trunk serve

## test: every test layer: native, browser (wasm in headless Chromium), end to end (Playwright)
test: test-native test-browser test-e2e
	@scripts/test-total.sh native browser e2e

## test-native: cargo test over the workspace (engine and app logic)
test-native: setup
	@if [ -n "$${CI:-}" ]; then export PROPTEST_RNG_SEED=$${PROPTEST_RNG_SEED:-20261205}; fi; \
	scripts/test-layer.sh native cargo test --workspace

## test-browser: wasm-bindgen-test in headless Chromium through chromedriver
test-browser: setup
	@scripts/test-layer.sh browser cargo test -p flowlab --target wasm32-unknown-unknown --test browser --test storage

## test-e2e: Playwright (playwright-core + Debian's chromium) against the release build
test-e2e: build
	@scripts/test-layer.sh e2e node --test --test-reporter=spec $(E2E_SPECS)

## bench-app: wasm size (raw, gzipped) and time to first paint of the release build
bench-app: build
	node scripts/bench-app.mjs --dir dist

## bench-storage: persist and reload 200k events of a 10k-execution run in Chromium's IndexedDB (not a test)
bench-storage: setup
	cargo test --release -p flowlab --target wasm32-unknown-unknown --test storage_bench -- --nocapture

## bench-editor: the editor with a generated 300- and 1000-step workflow: load time and frame times while dragging a node (not a test)
bench-editor: build
	node scripts/bench-editor.mjs --dir dist

## bench-clock: long main-thread tasks while scenarios play at full speed on several screens (not a test)
bench-clock: build
	node scripts/bench-clock.mjs --dir dist

## bench-page: import, play at full speed, save and reload the 10k and 100k workloads in the page: times, long tasks, wasm memory per event (not a test)
bench-page: build
	node scripts/bench-page.mjs --dir dist

## bench-engine: engine throughput and memory on SEQ10-RETRY 10k/100k, native and wasm under Node (not a test)
bench-engine: setup
	scripts/bench-engine.sh

clean:
	cargo clean
	rm -rf dist tests/e2e/artifacts
