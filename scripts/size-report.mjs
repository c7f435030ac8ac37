// Size report: every file in dist/ with raw and gzip bytes, the gzip total, and the first-load
// total checked against the budget (everything index.html makes the browser fetch on first load).
// Usage: node scripts/size-report.mjs [dist-dir]   (BUDGET_KB overrides the 120 KB budget)
import { readdir, readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import path from 'node:path';

const dir = process.argv[2] ?? 'dist';
const budget = Number(process.env.BUDGET_KB ?? 120) * 1024;
const files = (await readdir(dir, { recursive: true, withFileTypes: true }))
  .filter((d) => d.isFile())
  .map((d) => path.relative(dir, path.join(d.parentPath ?? d.path, d.name)))
  .sort();
const rows = [];
for (const f of files) {
  const buf = await readFile(path.join(dir, f));
  rows.push({ f, raw: buf.length, gz: gzipSync(buf, { level: 9 }).length });
}
const html = (await readFile(path.join(dir, 'index.html'), 'utf8'));
// First load = index.html + every file its src/href attributes name (the wasm is fetched by the
// JS loader: same stem). The extras worker, named only in <meta name="awsvpc-extras">, is loaded
// on demand (when the comparison comes into view or an export is asked for): reported apart.
const refs = new Set([...html.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map((m) => m[1]));
const firstLoad = rows.filter((r) => r.f === 'index.html' || refs.has(r.f)
  || (r.f.endsWith('.wasm') && rows.some((j) => refs.has(j.f) && j.f.endsWith('.js') && j.f.replace(/\.js$/, '') === r.f.replace(/_bg\.wasm$/, ''))));
const onDemand = rows.filter((r) => r.f.startsWith('awsvpc-extras'));
const pad = (s, n) => String(s).padStart(n);
console.log('\nsize report (dist/)');
console.log(`${'file'.padEnd(48)} ${pad('raw B', 9)} ${pad('gzip B', 9)}`);
for (const r of rows) console.log(`${r.f.padEnd(48)} ${pad(r.raw, 9)} ${pad(r.gz, 9)}`);
const sum = (xs, k) => xs.reduce((a, r) => a + r[k], 0);
console.log(`${'total'.padEnd(48)} ${pad(sum(rows, 'raw'), 9)} ${pad(sum(rows, 'gz'), 9)}`);
const first = sum(firstLoad, 'gz');
console.log(`first load (${firstLoad.map((r) => r.f).join(', ')}): ${first} B gzip = ${(first / 1024).toFixed(1)} KB; budget ${budget / 1024} KB`);
const later = sum(onDemand, 'gz');
console.log(`on demand, the extras worker (${onDemand.map((r) => r.f).join(', ')}): ${later} B gzip = ${(later / 1024).toFixed(1)} KB`);
if (first > budget) {
  console.error(`size budget exceeded: first load ${(first / 1024).toFixed(1)} KB gzip > ${budget / 1024} KB`);
  process.exit(1);
}
