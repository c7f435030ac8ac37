#!/usr/bin/env bash
# Installs everything the project needs that is missing, and skips what is already there.
# Sourced by scripts/serve.sh and scripts/test.sh; safe to run on its own.
#   scripts/setup.sh            tools to build and serve
#   scripts/setup.sh --test     plus Chromium and ChromeDriver for the browser tests, nginx (with
#                               its brotli static module) for the deploy tests, and twiggy for
#                               the size report's per-crate breakdown
# Versions are pinned here and must match Cargo.toml / Trunk.toml (see ../ARCHITECTURE.md).
set -euo pipefail

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130   # = wasm-bindgen in Cargo.toml and [tools] in Trunk.toml
TWIGGY_VERSION=0.8.0           # the size report's per-crate breakdown of the wasm

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
export PATH="$HOME/.cargo/bin:$root/node_modules/.bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

if ! command -v cargo >/dev/null; then
  echo "cargo not found: install Rust with rustup (https://rustup.rs) first." >&2
  exit 1
fi

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

have_version() { # command, expected version substring
  command -v "$1" >/dev/null && "$1" --version 2>/dev/null | grep -q -- "$2"
}

if ! have_version trunk "$TRUNK_VERSION"; then
  say "installing trunk $TRUNK_VERSION (a few minutes, once)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if ! have_version wasm-bindgen "$WASM_BINDGEN_VERSION"; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (once)"
  # Without --locked: its lockfile pins a crate version the registry mirror lacks.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  if command -v apt-get >/dev/null; then
    say "installing node and npm with apt-get"
    apt-get update -qq && apt-get install -y -qq --no-install-recommends nodejs npm
  else
    echo "node and npm not found, and no apt-get: install Node.js 20+ first." >&2
    exit 1
  fi
fi

# npm tools (wasm-opt via binaryen, terser, playwright-core, axe-core): reinstall only when the lock changed.
if [ ! -f node_modules/.package-lock.json ] || ! cmp -s package-lock.json node_modules/.lock-stamp; then
  say "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.lock-stamp
fi

if [ "${1:-}" = "--test" ]; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    if command -v apt-get >/dev/null; then
      say "installing chromium and chromium-driver with apt-get"
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium chromium-driver
    else
      echo "chromium and chromedriver are needed for the browser tests; install them (Debian: apt-get install chromium chromium-driver)." >&2
      exit 1
    fi
  fi
  # Debian's nginx and ngx_brotli's static module: e2e/nginx.test.mjs serves dist/ with
  # deploy/nginx.conf, as deployed.
  if [ ! -x /usr/sbin/nginx ] || [ ! -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ]; then
    if command -v apt-get >/dev/null; then
      say "installing nginx and its brotli static module with apt-get"
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx libnginx-mod-http-brotli-static
    else
      echo "nginx (with ngx_brotli's static module) is needed for the deploy tests; install it (Debian: apt-get install nginx libnginx-mod-http-brotli-static)." >&2
      exit 1
    fi
  fi
  if ! have_version twiggy "$TWIGGY_VERSION"; then
    say "installing twiggy $TWIGGY_VERSION (once, ~3 min): the size report's per-crate breakdown"
    cargo install twiggy --version "$TWIGGY_VERSION" --locked
  fi
  for c in clippy rustfmt; do
    if ! cargo "${c/rustfmt/fmt}" --version >/dev/null 2>&1; then
      say "adding the $c component"
      rustup component add "$c"
    fi
  done
fi
