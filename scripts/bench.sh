#!/usr/bin/env bash
# Runs the benchmarks and writes their figures into BENCHMARKS.md (between the BENCH markers; the
# hand-written text around them is kept):
#   1. native core: cargo bench --bench plan (benches/plan.rs, a hand-rolled harness)
#   2. the page: trunk build --release (dist/ may be stale or a dev build), and the release build
#      of BENCH_BEFORE to compare with (built once, then cached under target/bench-before/), then
#      e2e/bench/page.mjs (headless Chromium on 127.0.0.1, both builds side by side in one run:
#      loads under three profiles (loopback, fast-4G-like, slow-3G-like): first contentful paint,
#      first result painted for the default view and a link view, time until interactive; input →
#      paint; and this build on the slow link served by nginx with and without compression)
# Speed is measured here, never by timed tests. Nothing is committed.
#   scripts/bench.sh              everything, then update BENCHMARKS.md
#   scripts/bench.sh --no-write   print only
# Env: BENCH_OPT3=0 skips the run with the worker's profile (opt-level 3); BENCH_COUNT=0 skips the
# instruction counts (callgrind); BENCH_BEFORE=<commit> (default c3c72bb, the last UI before issue
# 13 and 17) or =none; BENCH_LOADS, BENCH_SLOW3G_LOADS, BENCH_PROFILE_BUDGET_S, BENCH_EDITS,
# BENCH_SLOW_LOADS, BENCH_TIMEOUT_S (see e2e/bench/page.mjs).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
source scripts/setup.sh --test

write=1
[ "${1:-}" = "--no-write" ] && write=0

step() { printf '\n\033[1m==> %s\033[0m\n' "$*" >&2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
started=$(date +%s)
load_start=$(cut -d" " -f1-3 /proc/loadavg)

step "native: cargo bench --bench plan"
t=$(date +%s)
cargo bench --locked --bench plan >"$out/native.md"
cat "$out/native.md"

# The bench profile inherits [profile.release]: opt-level "z", what the page's wasm ships with
# (it plans). The extras worker (compare, growth chart, ranking, exports) ships with the `worker`
# profile, opt-level 3: the same benchmarks with it (BENCH_OPT3=0 skips them).
if [ "${BENCH_OPT3:-1}" != 0 ]; then
  step "native with the worker's settings: cargo bench --profile worker --bench plan"
  cargo bench --locked --profile worker --bench plan >"$out/native3.md"
  cat "$out/native3.md"
fi
# Instructions per call under callgrind: unlike time, the same whatever else the machine does
# (BENCH_COUNT=0 skips it). Each benchmark runs once as a warm-up, then N times; the count of a
# run with N = 0 is subtracted.
if [ "${BENCH_COUNT:-1}" != 0 ]; then
  if ! command -v valgrind >/dev/null && command -v apt-get >/dev/null; then
    step "installing valgrind with apt-get"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends valgrind >/dev/null || true
  fi
  if command -v valgrind >/dev/null; then
    step "native: instructions per call (callgrind)"
    exe() { cargo bench --locked "$@" --bench plan --no-run --message-format=json 2>/dev/null \
      | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{for(const l of s.split("\n")){try{const m=JSON.parse(l);if(m.reason==="compiler-artifact"&&m.target?.name==="plan"&&m.executable)console.log(m.executable)}catch{}}})'; }
    page_exe=$(exe)
    worker_exe=$(exe --profile worker)
    instr() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$1" --count "$2" "$3" 2>&1 | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'; }
    per_call() { local base full; base=$(instr "$1" "$2" 0); full=$(instr "$1" "$2" "$3"); echo $(( (full - base) / $3 )); }
    {
      echo "| benchmark | page's settings (opt-level \"z\") | worker's settings (opt-level 3) |"
      echo "| --- | ---: | ---: |"
      while IFS='|' read -r label filter n; do
        printf '| %s | %s | %s |\n' "$label" \
          "$(per_call "$page_exe" "$filter" "$n" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta')" \
          "$(per_call "$worker_exe" "$filter" "$n" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta')"
      done <<'LIST'
`plan(&Inputs::default())`|plan(&|2000
`plan`, secondary CIDR + trunking + task size|secondary CIDR|2000
`rank(&Inputs::default())` (all types)|rank(&|50
`rank_from` with cached `densities`|rank_from|100
`densities`|`densities` (per task|100
`cluster::plan`, 20 services, 100,000 tasks, one at a time|one at a time|20
LIST
    } >"$out/count.md"
    cat "$out/count.md"
  fi
fi
native_s=$(( $(date +%s) - t ))

# Always rebuild dist/ (quick when nothing changed): it may be stale, or a `trunk serve` build.
step "release build: trunk build --release"
# Other jobs may build dist/ at the same moment (trunk then loses its staging files): retry once.
trunk build --release || { sleep 10; trunk build --release; }

# The build to compare with: BENCH_BEFORE's source (git archive, no worktree), built by its own
# pipeline (its npm tools, its Trunk hooks) into target/bench-before/, once per commit.
before=${BENCH_BEFORE:-c3c72bb}
before_dist=
if [ "$before" != none ]; then
  rev=$(git rev-parse --short "$before^{commit}")
  cache="$root/target/bench-before"
  before_dist="$cache/dist-$rev"
  if [ ! -f "$before_dist/index.html" ]; then
    step "release build of $rev to compare with (cached in $before_dist)"
    rm -rf "$cache/src" "$before_dist"
    mkdir -p "$cache/src"
    git archive "$rev" | tar -x -m -C "$cache/src"  # -m: mtimes now, so cargo sees the sources as new
    ( cd "$cache/src" && npm ci --no-audit --no-fund --loglevel=error \
      && PATH="$cache/src/node_modules/.bin:$PATH" CARGO_TARGET_DIR="$cache/target" trunk build --release ) >&2
    cp -r "$cache/src/dist" "$before_dist"
  fi
  before_label="before (\`$rev\`)"
fi

step "page: node e2e/bench/page.mjs"
t=$(date +%s)
# The script stops itself (BENCH_TIMEOUT_S); `timeout` is a second guard.
BENCH_BEFORE="${before_dist:-none}" BENCH_BEFORE_LABEL="${before_label:-before}" \
  timeout --kill-after=10 "$(( ${BENCH_TIMEOUT_S:-1200} + 30 ))" node e2e/bench/page.mjs >"$out/page.md"
page_s=$(( $(date +%s) - t ))
cat "$out/page.md"

mem=$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
cpu=$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)
chromium_v=$("${CHROMIUM:-/usr/bin/chromium}" --version 2>/dev/null | head -1 || echo unknown)
{
  echo "<!-- BENCH:START (generated by scripts/bench.sh; edits between the markers are overwritten) -->"
  echo "### Machine"
  echo
  echo "| | |"
  echo "| --- | --- |"
  echo "| date | $(date -u '+%Y-%m-%d %H:%M UTC') |"
  echo "| commit | \`$(git rev-parse --short HEAD 2>/dev/null || echo none)\`$( [ -n "$(git status --porcelain 2>/dev/null)" ] && echo ' + uncommitted changes') |"
  echo "| CPU | ${cpu:-unknown}, $(nproc) cores available (shared with other jobs) |"
  echo "| memory | $mem |"
  echo "| load average (1, 5, 15 min) | $load_start at the start, $(cut -d" " -f1-3 /proc/loadavg) at the end |"
  echo "| OS | $(uname -sr) |"
  echo "| rustc | $(rustc --version) |"
  echo "| Chromium | $chromium_v (headless) |"
  echo "| node | $(node --version) |"
  echo
  echo "### Native core, the page's settings (\`cargo bench --bench plan\`: release profile, opt-level \"z\", LTO)"
  echo
  cat "$out/native.md"
  echo
  if [ -f "$out/native3.md" ]; then
    echo "### Native core, the extras worker's settings (\`cargo bench --profile worker --bench plan\`: opt-level 3, LTO)"
    echo
    echo "The worker runs \`compare\`, \`chart::growth\`, \`densities\`/\`rank_from\` and the exports; the page runs \`plan\` and \`Form::parse\`."
    echo
    cat "$out/native3.md"
    echo
  fi
  if [ -f "$out/count.md" ]; then
    echo "### Native core, instructions per call (callgrind)"
    echo
    echo "Counted by valgrind's callgrind, not timed: repeatable on a busy machine, so this is the table to compare across commits (the timings above vary by up to 2× between runs here; the counts do not)."
    echo
    cat "$out/count.md"
    echo
  fi
  echo "### In the browser (\`node e2e/bench/page.mjs\`)"
  echo
  cat "$out/page.md"
  echo
  echo "Run time: native ${native_s} s (including any rebuild), page ${page_s} s, total $(( $(date +%s) - started )) s."
  echo "<!-- BENCH:END -->"
} >"$out/section.md"

if [ "$write" = 1 ]; then
  [ -f BENCHMARKS.md ] || printf '# Benchmarks\n\n<!-- BENCH:START -->\n<!-- BENCH:END -->\n' >BENCHMARKS.md
  if ! grep -q '<!-- BENCH:START' BENCHMARKS.md || ! grep -q '<!-- BENCH:END -->' BENCHMARKS.md; then
    printf '\n<!-- BENCH:START -->\n<!-- BENCH:END -->\n' >>BENCHMARKS.md
  fi
  # Replace everything from the start marker to the end marker with the new section.
  awk -v section="$out/section.md" '
    /<!-- BENCH:START/ { while ((getline line < section) > 0) print line; skip = 1; next }
    /<!-- BENCH:END -->/ { skip = 0; next }
    !skip { print }
  ' BENCHMARKS.md >"$out/BENCHMARKS.md"
  cp "$out/BENCHMARKS.md" BENCHMARKS.md
  step "wrote the figures into BENCHMARKS.md"
else
  cat "$out/section.md"
fi

# Every goal this run missed, last, so none goes unread in the long tables above (the rows with ❌;
# BENCHMARKS.md's findings say why).
missed=$(grep -F '❌' "$out/section.md" || true)
if [ -n "$missed" ]; then
  step "goals not met in this run: $(printf '%s\n' "$missed" | wc -l) rows"
  printf '%s\n' "$missed" | cut -c1-200 >&2
else
  step "every goal in the tables was met in this run"
fi
