#!/usr/bin/env bash
# Runs every test layer, installing what is missing first (a second run skips every install):
#   1. native: cargo test (unit, integration, property and doc tests) and clippy -D warnings
#   2. browser: #[wasm_bindgen_test] tests in headless Chromium
#   3. trunk build --release, then Playwright end-to-end tests against dist/ (served by the tests'
#      Node server, and by real nginx with deploy/nginx.conf: e2e/nginx.test.mjs)
#   4. the size report of dist/ (fails over budget)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
source scripts/setup.sh --test
export CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}
logs=$(mktemp -d)
step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "layer 1/3: native tests (cargo test)"
cargo test --locked 2>&1 | tee "$logs/native.log"

step "lint: cargo fmt --check, cargo clippy -D warnings"
cargo fmt --all -- --check
# With the build-time renderer's feature, so the awsvpc-prerender binary is linted too.
cargo clippy --locked --all-targets --features prerender -- -D warnings

step "layer 2/3: browser tests in headless Chromium (wasm-bindgen-test)"
cargo test --locked --target wasm32-unknown-unknown --test browser 2>&1 | tee "$logs/wasm.log"

step "release build: trunk build --release"
trunk build --release

step "layer 3/3: end-to-end tests (Playwright + Chromium against dist/)"
NGINX_REPORT="$logs/nginx.md" node --test --test-concurrency=1 --test-reporter=spec e2e/ 2>&1 | tee "$logs/e2e.log"

step "deploy: what the nginx tests checked (deploy/nginx.conf, e2e/nginx.test.mjs)"
cat "$logs/nginx.md" 2>/dev/null || echo "no report: the nginx tests did not finish"

step "size report"
# Budget for the first load (gzip): the measured 240.5 KB + 2 (issue 13's goal is 150 KB; the
# components do not fit it: BENCHMARKS.md, "Size"); the size report fails the run when over.
# It also breaks the page's wasm down per crate; BENCHMARKS.md ("Size") says where the bytes are.
node scripts/size-report.mjs dist

count() { grep -Eo "$2" "$1" | grep -Eo '[0-9]+' | awk '{s+=$1} END {print s+0}'; }
native=$(count "$logs/native.log" '[0-9]+ passed')
wasm=$(count "$logs/wasm.log" '[0-9]+ passed')
e2e=$(count "$logs/e2e.log" '^ℹ pass [0-9]+')
failed=$(( $(count "$logs/native.log" '[0-9]+ failed') + $(count "$logs/wasm.log" '[0-9]+ failed') + $(count "$logs/e2e.log" '^ℹ fail [0-9]+') ))
echo
echo "native $native, browser $wasm, end-to-end $e2e"
echo "summary: $((native + wasm + e2e)) passed, $failed failed"
