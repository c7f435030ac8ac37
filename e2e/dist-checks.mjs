// What a deployable dist/ must satisfy, as a list of problems (empty when fine). Used by
// e2e/dist.test.mjs on the release build and on a small fixture run through the post-build hook.
// - Every file but index.html is named <stem>-<first 16 hex of sha256(its bytes)>.<ext>, and the
//   name matches its bytes (so immutable caching can never serve stale bytes under a name).
// - Every integrity attribute (index.html) and every fetch integrity (worker loaders) matches the
//   file it names.
// - Every local reference in index.html and the JS names a file that exists.
// - Every text and wasm file has .gz and .br copies that decompress to it, and no copy is orphaned.
import { readFile } from 'node:fs/promises';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import path from 'node:path';
import { HASHED, hashedName, sri } from '../scripts/post-build.mjs';
import { COMPRESSIBLE } from '../scripts/precompress.mjs';
import { files as list } from '../scripts/files.mjs';

export async function problems(dir) {
  const out = [];
  const all = await list(dir);
  const files = all.filter((f) => !/\.(?:gz|br)$/.test(f));
  const bytes = new Map(await Promise.all(files.map(async (f) => [f, await readFile(path.join(dir, f))])));
  if (!bytes.has('index.html')) return [`no index.html in ${dir}`];
  const counts = { hashed: 0, integrity: 0, refs: 0, compressed: 0 };

  for (const f of files.filter((x) => x !== 'index.html')) {
    const m = f.match(HASHED);
    if (!m) out.push(`${f}: not named <stem>-<16 hex>.<ext>`);
    else if (hashedName(m[1], m[3], bytes.get(f)) !== f) out.push(`${f}: the name does not match the sha256 of its bytes`);
    else counts.hashed++;
  }

  const html = bytes.get('index.html').toString();
  const integrity = (where, name, value) => {
    counts.integrity++;
    if (!bytes.has(name)) out.push(`${where}: integrity for ${name}, which is not in ${dir}`);
    else if (value !== sri(bytes.get(name))) out.push(`${where}: the integrity of ${name} does not match its bytes`);
  };
  for (const [tag] of html.matchAll(/<(?:link|script)\b[^>]*>/g)) {
    const value = tag.match(/\bintegrity=(?:"([^"]*)"|'([^']*)'|([^\s>]+))/);
    if (!value) continue;
    const ref = tag.match(/\b(?:href|src)=(?:"\.\/([^"]+)"|'\.\/([^']+)'|\.\/([^\s>]+))/);
    if (!ref) { out.push(`index.html: integrity on ${tag}, which names no local file`); continue; }
    integrity('index.html', ref[1] ?? ref[2] ?? ref[3], value[1] ?? value[2] ?? value[3]);
  }
  // The wasm files' import module names (wasm-bindgen's glue holds them as strings, e.g.
  // "./awsvpc-planner_bg.js"): names, not files.
  const modules = new Set();
  for (const f of files.filter((x) => x.endsWith('.wasm'))) {
    try {
      for (const i of WebAssembly.Module.imports(new WebAssembly.Module(bytes.get(f)))) modules.add(i.module.replace(/^\.\//, ''));
    } catch (e) {
      out.push(`${f}: not a valid wasm module (${e.message})`);
    }
  }
  const texts = [['index.html', html], ...files.filter((f) => /\.m?js$/.test(f)).map((f) => [f, bytes.get(f).toString()])];
  for (const [f, text] of texts) {
    for (const m of text.matchAll(/(["'])\.\/([^"']+)\1\s*,\s*\{\s*integrity\s*:\s*(["'])([^"']*)\3/g)) integrity(f, m[2], m[4]);
    // Local references: "./name" in attributes and strings, and any hashed-looking name.
    const refs = new Set([...text.matchAll(/(?:["'`=]|\(\s*)\.\/([\w./-]+)/g)].map((m) => m[1]));
    for (const m of text.matchAll(/[\w./-]+-[0-9a-f]{16}\.[a-z0-9]+(?![\w.-])/g)) refs.add(m[0].replace(/^\.\//, ''));
    for (const r of [...refs].filter((x) => !modules.has(x))) {
      counts.refs++;
      if (!bytes.has(r)) out.push(`${f}: refers to ${r}, which is not in ${dir}`);
    }
  }

  for (const f of files.filter((x) => COMPRESSIBLE.test(x))) {
    for (const [ext, un] of [['.gz', gunzipSync], ['.br', brotliDecompressSync]]) {
      if (!all.includes(f + ext)) { out.push(`${f}: no ${f}${ext}`); continue; }
      let back;
      try { back = un(await readFile(path.join(dir, f + ext))); } catch (e) { back = Buffer.from(String(e)); }
      if (!back.equals(bytes.get(f))) out.push(`${f}${ext}: does not decompress to ${f}`);
      else counts.compressed++;
    }
  }
  for (const c of all.filter((x) => /\.(?:gz|br)$/.test(x))) {
    if (!bytes.has(c.replace(/\.(?:gz|br)$/, ''))) out.push(`${c}: a compressed copy of nothing`);
  }
  out.counts = counts;
  return out;
}
