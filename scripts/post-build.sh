#!/bin/sh
# Trunk's post-build hook (Trunk.toml). Trunk starts the hooks of one stage all at once, so the
# steps that must follow each other are in this one script, in order:
# 1. release builds only: render the first screen (the default plan) into the staging index.html
#    with Yew's server renderer (src/prerender.rs; issue 17), so it arrives with the HTML;
# 2. scripts/post-build.mjs: minify, CSP, every file named after the hash of its final bytes,
#    integrity, precompressed copies (it does nothing for development builds).
set -eu
if [ "${TRUNK_PROFILE:-}" = "release" ]; then
  cargo run --quiet --locked --features prerender --bin awsvpc-prerender
fi
exec node scripts/post-build.mjs
