// Size report of a release dist/: every file with its raw, gzip and brotli bytes (the sizes of the
// .gz and .br copies the build wrote, which are what a server sends; computed when a copy is
// missing), grouped by when the browser fetches it:
//   first load  index.html and everything it names in a src/href (loader, JS glue, CSS, icon),
//               and everything those name in turn (the wasm, named by the loader);
//   worker      the lazily started worker: the loader in <meta name="awsvpc-extras"> and what it names;
//   other       anything else.
// Fails when the first load's gzip total is over the budget. Issue 13 set a 150 KB goal; built
// from Yew components the first load measured 218.6 KB gzip (2026-11-29), and 240.5 KB after
// issues 22 and 23 (2026-12-07; BENCHMARKS.md, "Size", says what bought each step), so the
// budget enforced is the measured figure plus 2 KB: it cannot grow unnoticed, and the goal stays
// 150 KB. Then it breaks
// the page's wasm down per crate with twiggy (scripts/setup.sh --test installs it), on a copy
// built the way Trunk builds it but keeping function names (below).
// Usage: node scripts/size-report.mjs [dist-dir]
// Env: BUDGET_KB (default 290.5: the measured 288.5 KB plus 2, issue 24); CARGO_WASM (cargo's wasm of the page; default
//      target/wasm32-unknown-unknown/release/awsvpc-planner.wasm); CRATES=0 skips the breakdown.
import { readFile, stat, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { files as list } from './files.mjs';
import { gzip, brotli } from './precompress.mjs';

const dir = process.argv[2] ?? 'dist';
const GOAL_KB = 150;
const BUDGET_KB = Number(process.env.BUDGET_KB ?? 290.5);
const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
const pad = (s, n) => String(s).padStart(n);

const all = await list(dir);
const names = all.filter((f) => !/\.(?:gz|br)$/.test(f));
const rows = new Map();
for (const f of names) {
  const bytes = await readFile(path.join(dir, f));
  const copy = async (ext, make) => (all.includes(f + ext) ? (await stat(path.join(dir, f + ext))).size : make(bytes, f).length);
  rows.set(f, { f, bytes, raw: bytes.length, gz: await copy('.gz', gzip), br: await copy('.br', brotli) });
}
if (!rows.has('index.html')) throw new Error(`no index.html in ${dir}`);

/** The dist files a text file names: "./name" in attributes and strings, and bare file names. */
function named(f) {
  if (!/\.(?:html|m?js|css|svg)$/.test(f)) return [];
  const text = rows.get(f).bytes.toString();
  return names.filter((n) => n !== f && new RegExp(`(?<![\\w.-])${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w.-])`).test(text));
}
/** `start` and everything reachable from it through `named`. */
function closure(start) {
  const seen = new Set();
  const todo = [...start];
  while (todo.length) {
    const f = todo.pop();
    if (seen.has(f) || !rows.has(f)) continue;
    seen.add(f);
    todo.push(...named(f));
  }
  return seen;
}
const html = rows.get('index.html').bytes.toString();
// index.html's own references, minus the worker it only names in a meta tag.
const worker = [...html.matchAll(/<meta name="?awsvpc-extras"? content="?\.\/([^"\s>]+)/g)].map((m) => m[1]);
const first = closure([...html.matchAll(/\b(?:src|href)="?\.\/([^"\s>]+)/g)].map((m) => m[1]));
first.add('index.html');
const later = closure(worker);
for (const f of first) later.delete(f);
const group = (f) => (first.has(f) ? 'first load' : later.has(f) ? 'worker' : 'other');

const sum = (fs, k) => fs.reduce((t, f) => t + rows.get(f)[k], 0);
console.log(`\nsize report (${dir}/): bytes; gzip and brotli are the sizes of the .gz and .br copies a server sends`);
console.log(`${'file'.padEnd(44)} ${'fetched'.padEnd(10)} ${pad('raw', 9)} ${pad('gzip', 9)} ${pad('brotli', 9)}`);
const order = ['first load', 'worker', 'other'];
const sorted = names.slice().sort((a, b) => order.indexOf(group(a)) - order.indexOf(group(b)) || a.localeCompare(b));
for (const f of sorted) {
  const r = rows.get(f);
  console.log(`${f.padEnd(44)} ${group(f).padEnd(10)} ${pad(r.raw, 9)} ${pad(r.gz, 9)} ${pad(r.br, 9)}`);
}
for (const g of order) {
  const fs = names.filter((f) => group(f) === g);
  if (fs.length) console.log(`${`total, ${g}`.padEnd(55)} ${pad(sum(fs, 'raw'), 9)} ${pad(sum(fs, 'gz'), 9)} ${pad(sum(fs, 'br'), 9)}`);
}
const firstGz = sum([...first], 'gz');
const over = firstGz > BUDGET_KB * 1024;
console.log(`\nfirst load: ${kb(firstGz)} gzip (${firstGz} B), ${kb(sum([...first], 'br'))} brotli; budget ${BUDGET_KB} KB gzip (measured figure + 2 KB; the goal is ${GOAL_KB} KB): ${over ? 'OVER' : 'ok'}`);
if (later.size) console.log(`worker, on demand: ${kb(sum([...later], 'gz'))} gzip, ${kb(sum([...later], 'br'))} brotli`);

// Per crate: twiggy's list of every function and data segment with its size, grouped by the
// crate its (demangled) name starts with. Run on a copy of the page's wasm that keeps its names:
// cargo's output (Trunk builds it) through wasm-bindgen and `wasm-opt -Oz -g`, as Trunk does
// but keeping the name section, so the shares are those of the shipped code.
const pageWasm = [...first].find((f) => f.endsWith('.wasm'));
const cargoWasm = process.env.CARGO_WASM ?? 'target/wasm32-unknown-unknown/release/awsvpc-planner.wasm';
const has = (tool) => spawnSync(tool, ['--version']).status === 0;
if (process.env.CRATES === '0') {
  // skipped on request
} else if (!has('twiggy')) {
  console.log('\nper-crate breakdown skipped: twiggy is not installed (scripts/setup.sh --test installs it)');
} else if (!existsSync(cargoWasm)) {
  console.log(`\nper-crate breakdown skipped: no ${cargoWasm} (trunk build --release writes it)`);
} else {
  const tmp = await mkdtemp(path.join(tmpdir(), 'awsvpc-size-'));
  try {
    const run = (tool, args) => {
      const r = spawnSync(tool, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
      if (r.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed: ${r.stderr || r.error}`);
      return r.stdout;
    };
    run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', tmp, '--out-name', 'page', cargoWasm]);
    run('wasm-opt', ['-Oz', '-g', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
      '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue', path.join(tmp, 'page_bg.wasm'), '-o', path.join(tmp, 'named.wasm')]);
    const items = JSON.parse(run('twiggy', ['top', '-n', '1000000', '-f', 'json', path.join(tmp, 'named.wasm')]));
    const crates = new Map();
    let total = 0;
    for (const { name, shallow_size: size } of items) {
      const c = crateOf(name);
      if (c === null) continue;
      crates.set(c, (crates.get(c) ?? 0) + size);
      total += size;
    }
    const shipped = pageWasm ? rows.get(pageWasm) : null;
    const built = (await stat(cargoWasm)).mtime.toISOString().replace(/\.\d+Z$/, 'Z');
    console.log(`\nthe page's wasm per crate (twiggy; ${cargoWasm} of ${built} through wasm-bindgen and wasm-opt -Oz -g:`);
    console.log(`${total} B without its names; the shipped ${pageWasm ?? 'wasm'} is ${shipped ? `${shipped.raw} B, ${kb(shipped.gz)} gzip` : 'not found'};`);
    console.log('"≈ gzip" spreads the shipped gzip size by each crate\'s share of the bytes)');
    console.log(`${'crate'.padEnd(44)} ${pad('bytes', 9)} ${pad('share', 7)} ${pad('≈ gzip', 9)}`);
    const ranked = [...crates].sort((a, b) => b[1] - a[1]);
    const shown = ranked.filter(([, sz]) => sz / total >= 0.005);
    const rest = ranked.slice(shown.length);
    if (rest.length) shown.push([`${rest.length} more (< 0.5 % each)`, rest.reduce((t, [, sz]) => t + sz, 0)]);
    for (const [c, sz] of shown) {
      console.log(`${c.padEnd(44)} ${pad(sz, 9)} ${pad((100 * sz / total).toFixed(1) + ' %', 7)} ${pad(shipped ? kb(shipped.gz * sz / total) : '—', 9)}`);
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

if (over) {
  console.error(`\nsize budget exceeded: first load ${kb(firstGz)} gzip > ${BUDGET_KB} KB`);
  process.exit(1);
}

/** The crate a demangled symbol belongs to, or the kind of a non-function item; null for what
 * the shipped wasm does not hold (custom sections, the name section). */
function crateOf(name) {
  let n = name.trim();
  if (/^custom section|subsection$/.test(n)) return null;
  if (/^data segment|^data\[\d+\]$/.test(n)) return 'data (strings, tables, constants)';
  if (/^(?:export|import) |^(?:elem|table|type|global|memory)\[\d+\]/.test(n)) return 'wasm imports, exports, types, tables';
  if (/^(?:__wbindgen|__wbg|__externref)|^Closure\(|externref shim$/.test(n)) return 'wasm-bindgen runtime';
  // Drop glue and trait impls are counted for the type they are about:
  // `core::ptr::drop_in_place<yew::X>` → yew, `<yew::X as core::fmt::Debug>::fmt` → yew.
  const inner = n.match(/^core(?:\[[0-9a-f]+\])?::ptr::drop_in_place<(.+)>/);
  if (inner) n = inner[1];
  n = n.replace(/^(?:[<&*\s]|mut |const |dyn )+/, '');
  // A blanket impl (`<T as alloc::string::ToString>::to_string`) is counted for its trait.
  const blanket = n.match(/^[A-Z][A-Za-z0-9]* as (.+)$/);
  if (blanket) n = blanket[1];
  if (/^(?:\[|char|str|bool|[iu](?:8|16|32|64|128|size)|f32|f64)\b/.test(n)) return 'std (core, alloc, std)';
  const m = n.match(/^([A-Za-z_][A-Za-z0-9_]*)(?:\[[0-9a-f]+\])?::/);
  if (!m) return 'other (intrinsics, main, unnamed)';
  const c = m[1];
  if (['core', 'alloc', 'std'].includes(c)) return 'std (core, alloc, std)';
  if (c === 'awsvpc_planner') return 'awsvpc_planner (this crate)';
  return c;
}
