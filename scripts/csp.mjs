// Trunk post-build hook (release only): makes dist/ work under a strict Content-Security-Policy.
// - Moves Trunk's inline module loader into its own file, loaded with Subresource Integrity,
//   so script-src needs no 'unsafe-inline'.
// - Adds the CSP as a <meta> (hosts can add stricter headers, e.g. frame-ancestors).
// - Gives the extras worker (Trunk names worker files after the binary, unhashed) content-hashed
//   names, so a cached old worker never meets a new page; its loader fetches the wasm with
//   Subresource Integrity; the page finds the loader in <meta name="awsvpc-extras">.
// - Minifies the stylesheet (renamed and re-hashed).
// - Shrinks the page's and the worker's wasm-bindgen output: short import and export names, no
//   custom sections, minified JS glue
//   (scripts/glue.mjs); their integrity attributes are recomputed.
// - Drops HTML comments from index.html.
// Trunk already adds integrity (sha384) to the css, icon, js and wasm links.
import { readFile, writeFile, rm } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import path from 'node:path';

export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

if (process.env.TRUNK_PROFILE && process.env.TRUNK_PROFILE !== 'release') process.exit(0);
const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2] ?? 'dist';
const file = path.join(dir, 'index.html');
let html = await readFile(file, 'utf8');
const inline = /<script type="module">([\s\S]*?)<\/script>/;
const m = html.match(inline);
if (!m) {
  if (!html.includes('http-equiv="Content-Security-Policy"')) throw new Error('no inline loader found in ' + file);
  process.exit(0);
}
// Loaded here, not at the top: development builds (`trunk serve`) stop above and need no npm
// packages.
const { shrinkGlue } = await import('./glue.mjs');

const body = m[1].trim() + '\n';
const hash = createHash('sha384').update(body).digest('base64');
const name = `boot-${createHash('sha256').update(body).digest('hex').slice(0, 16)}.js`;
await writeFile(path.join(dir, name), body);

// The extras worker.
const sha384 = (b) => 'sha384-' + createHash('sha384').update(b).digest('base64');
const hex = (b) => createHash('sha256').update(b).digest('hex').slice(0, 16);
// Shrunk like the page's (a classic script for importScripts: its top-level names stay).
const worker = await shrinkGlue(
  await readFile(path.join(dir, 'awsvpc-extras.js'), 'utf8'),
  await readFile(path.join(dir, 'awsvpc-extras_bg.wasm')),
  './awsvpc-extras_bg.js',
  'w',
  false,
);
const [wjs, wwasm] = [Buffer.from(worker.js), worker.wasm];
const stem = `awsvpc-extras-${hex(Buffer.concat([wjs, wwasm]))}`;
await writeFile(path.join(dir, `${stem}.js`), wjs);
await writeFile(path.join(dir, `${stem}_bg.wasm`), wwasm);
for (const f of ['awsvpc-extras.js', 'awsvpc-extras_bg.wasm', 'awsvpc-extras_loader.js']) {
  await rm(path.join(dir, f), { force: true });
}
// If the wasm cannot load (missing, blocked, integrity mismatch), tell the page (ui/lazy.rs).
const shim = `importScripts("./${stem}.js");wasm_bindgen({module_or_path:fetch("./${stem}_bg.wasm",{integrity:"${sha384(wwasm)}"})}).catch(function(e){postMessage(["failed",String(e)])});\n`;
const loader = `${stem}_loader.js`;
await writeFile(path.join(dir, loader), shim);
// The stylesheet, minified (comments and whitespace: ~0.5 KB gzip of the first load), under a new
// content-hashed name with its new integrity.
const css = html.match(/<link rel="stylesheet" href="\.\/(style-[0-9a-f]+\.css)" integrity="([^"]+)"\/?>/);
if (!css) throw new Error('no stylesheet link found in ' + file);
const cssText = (await readFile(path.join(dir, css[1]), 'utf8'))
  .replace(/\/\*[\s\S]*?\*\//g, '').replace(/\s+/g, ' ').replace(/\s*([{};,>])\s*/g, '$1')
  .replace(/;}/g, '}').trim() + '\n';
const cssName = `style-${hex(cssText)}.css`;
await rm(path.join(dir, css[1]));
await writeFile(path.join(dir, cssName), cssText);
html = html.replace(css[0], css[0].replace(css[1], cssName).replace(css[2], sha384(cssText)));

// The page's JS glue and wasm: short import names, minified glue, new integrity. The file names
// keep Trunk's hash of the build (the transformation is deterministic).
const js = html.match(/<link rel="modulepreload" href="\.\/(awsvpc-planner-[0-9a-f]+)\.js"[^>]*integrity="([^"]+)"/);
if (!js) throw new Error('no modulepreload link for the page glue in ' + file);
const wasmLink = html.match(new RegExp(`<link rel="preload" href="\\./${js[1]}_bg\\.wasm"[^>]*integrity="([^"]+)"`));
if (!wasmLink) throw new Error('no preload link for the page wasm in ' + file);
const [glueIn, wasmIn] = await Promise.all([
  readFile(path.join(dir, `${js[1]}.js`), 'utf8'),
  readFile(path.join(dir, `${js[1]}_bg.wasm`)),
]);
const small = await shrinkGlue(glueIn, wasmIn, './awsvpc-planner_bg.js');
await writeFile(path.join(dir, `${js[1]}.js`), small.js);
await writeFile(path.join(dir, `${js[1]}_bg.wasm`), small.wasm);
html = html.replace(js[0], js[0].replace(js[2], sha384(small.js)));
html = html.replace(wasmLink[0], wasmLink[0].replace(wasmLink[1], sha384(small.wasm)));
html = html.replace(/\n?[ \t]*<!--[\s\S]*?-->/g, '');

html = html.replace(inline, `<script type="module" src="./${name}" integrity="sha384-${hash}" crossorigin="anonymous"></script>`);
html = html.replace('<meta charset="utf-8">', `<meta charset="utf-8">\n  <meta http-equiv="Content-Security-Policy" content="${CSP}">\n  <meta name="awsvpc-extras" content="./${loader}">`);
await writeFile(file, html);
console.log(`csp: loader moved to ${name}; Content-Security-Policy added; extras worker: ${loader}; page glue: ${small.imports} imports and ${small.exports} exports renamed, JS ${glueIn.length} → ${small.js.length} B, wasm ${wasmIn.length} → ${small.wasm.length} B`);
