// Trunk post-build hook (Trunk.toml; release builds only, so `trunk serve` needs no npm package).
// Turns Trunk's staging directory into what is deployed, without touching wasm-bindgen's output
// beyond standard minification:
// 1. Minifies every JS file with terser (Trunk's own JS minifier cannot parse wasm-bindgen's
//    ES-module glue; the CSS is minified by Trunk itself: `minify` in Trunk.toml).
// 2. Moves Trunk's inline module loader into its own file, loaded with Subresource Integrity, so
//    the Content-Security-Policy needs no 'unsafe-inline'; writes each worker's loader shim (it
//    fetches the worker's wasm with SRI, and posts ["failed", String(e)] when it cannot load).
// 3. Names every file but index.html `<stem>-<first 16 hex of sha256(its final bytes)>.<ext>`
//    (Trunk.toml: filehash = false, so Trunk's names are the stems). Files are renamed in
//    dependency order, leaves first, and every reference and integrity attribute is rewritten, so
//    a name always hashes the bytes served under it: immutable caching can never pair a page
//    with files whose integrity no longer matches (deploy/nginx.conf, README "Deploying").
// 4. Adds the CSP and <meta name="awsvpc-extras" content="./…loader.js"> to index.html.
// 5. Writes a .gz and a .br next to every text and wasm file (scripts/precompress.mjs).
// Usage: run by Trunk, or `node scripts/post-build.mjs [dir]` on a Trunk output directory.
import { readFile, writeFile, mkdir, rm } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { precompress } from './precompress.mjs';
import { files } from './files.mjs';

/** The page's policy, also sent as a header by deploy/nginx.conf (plus frame-ancestors). */
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

/** The one naming scheme for files whose names carry their content hash. */
export const hashedName = (stem, ext, bytes) => `${stem}-${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}${ext}`;
export const HASHED = /^(.+)-([0-9a-f]{16})(\.[a-z0-9]+)$/;
export const sri = (bytes) => 'sha384-' + createHash('sha384').update(bytes).digest('base64');

const TEXT = /\.(?:html|js|mjs|css|svg|json|txt|webmanifest)$/;
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A file name as a whole path segment inside text (`./a.js`, `'a.js'`, not `a.json` or `xa.js`). */
const refRe = (name) => new RegExp(`(?<![\\w.-])${escape(name)}(?![\\w.-])`, 'g');

/** Processes the directory; returns a one-line summary. */
export async function postBuild(dir) {
  const { minify } = await import('terser');
  const file = path.join(dir, 'index.html');
  let html = await readFile(file, 'utf8');
  if (/http-equiv="?Content-Security-Policy/i.test(html)) throw new Error(`${file} was already processed`);
  const names = (await files(dir)).filter((n) => n !== 'index.html');
  const contents = new Map(await Promise.all(names.map(async (n) => [n, await readFile(path.join(dir, n))])));
  const put = (n, text) => contents.set(n, Buffer.from(text));

  // Trunk's worker loader shims (`<bin>_loader.js`, next to `<bin>.js` and `<bin>_bg.wasm`) are
  // replaced by one that fetches the wasm with SRI (its integrity is filled in below, once the
  // wasm has its final name) and tells the page when the wasm cannot load (the contract with
  // src/ui: a JS array ["failed", message]).
  const workers = names.filter((n) => n.endsWith('_loader.js')).map((n) => n.slice(0, -'_loader.js'.length))
    .filter((w) => contents.has(`${w}.js`) && contents.has(`${w}_bg.wasm`));
  for (const w of workers) {
    put(`${w}_loader.js`, `importScripts("./${w}.js");wasm_bindgen({module_or_path:fetch("./${w}_bg.wasm",{integrity:""})})`
      + '.catch(function(e){postMessage(["failed",String(e)])});\n');
  }

  // 1. Minify. Page glue, loader and anything they import are ES modules. Classic scripts keep
  // their top-level names (module: false): a worker's glue, whose top-level `wasm_bindgen` the
  // shim calls, and any file index.html loads with a <script> that is not type="module".
  const classic = new Set(workers.map((w) => `${w}.js`));
  for (const [tag] of html.matchAll(/<script\b[^>]*>/g)) {
    const src = tag.match(/\bsrc=(?:"\.\/([^"]+)"|'\.\/([^']+)'|\.\/([^\s>]+))/);
    if (src && !/\btype=["']?module\b/.test(tag)) classic.add(src[1] ?? src[2] ?? src[3]);
  }
  for (const n of names.filter((x) => x.endsWith('.js') && !x.endsWith('_loader.js'))) {
    const isModule = !classic.has(n);
    const out = await minify(contents.get(n).toString(), { module: isModule, compress: true, mangle: true });
    if (!out.code) throw new Error(`terser returned nothing for ${n}`);
    put(n, out.code + '\n');
  }

  // 2. Trunk's inline loader becomes a file (it is renamed with the others below).
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].filter((m) => !/\bsrc=/.test(m[1]));
  if (scripts.length !== 1) {
    throw new Error(`expected one inline script (Trunk's loader) in ${file}, found ${scripts.length}: the CSP refuses inline scripts, load them from a file`);
  }
  const [inline, , body] = scripts[0];
  const boot = await minify(body, { module: true, compress: true, mangle: true });
  put('boot.js', boot.code + '\n');
  html = html.replace(inline, '<script type="module" src="./boot.js" integrity="" crossorigin="anonymous"></script>');

  // 3. Content-hashed names, leaves first.
  const all = [...contents.keys()];
  const refs = new Map(all.map((n) => [n, TEXT.test(n)
    ? all.filter((m) => m !== n && refRe(m).test(contents.get(n).toString())) : []]));
  const final = new Map();
  const rewrite = (text) => {
    for (const [from, to] of final) text = text.replace(refRe(from), to);
    // A fetch with SRI in a worker shim: `fetch("./x.wasm",{integrity:"…"})`.
    return text.replace(/(["'])\.\/([^"']+)\1(\s*,\s*\{\s*integrity\s*:\s*)(["'])[^"']*\4/g,
      (_, q, ref, mid, q2) => `${q}./${ref}${q}${mid}${q2}${sri(finalBytes(ref))}${q2}`);
  };
  const byFinal = new Map();
  const finalBytes = (ref) => {
    const b = byFinal.get(ref);
    if (!b) throw new Error(`integrity for ${ref}, which is not (yet) in the output`);
    return b;
  };
  while (final.size < all.length) {
    const ready = all.filter((n) => !final.has(n) && refs.get(n).every((m) => final.has(m)));
    if (ready.length === 0) throw new Error(`files refer to each other in a cycle: ${all.filter((n) => !final.has(n)).join(', ')}`);
    for (const n of ready) {
      const bytes = TEXT.test(n) ? Buffer.from(rewrite(contents.get(n).toString())) : contents.get(n);
      const ext = path.posix.extname(n);
      const to = hashedName(n.slice(0, -ext.length || undefined), ext, bytes);
      final.set(n, to);
      byFinal.set(to, bytes);
    }
  }
  for (const n of names) await rm(path.join(dir, n));
  for (const [to, bytes] of byFinal) {
    await mkdir(path.dirname(path.join(dir, to)), { recursive: true });
    await writeFile(path.join(dir, to), bytes);
  }

  // index.html: new names, every integrity attribute recomputed from the file it names.
  html = rewrite(html);
  html = html.replace(/<(?:link|script)\b[^>]*>/g, (tag) => {
    // Every local script gets one, also where the HTML minifier dropped an empty integrity="".
    if (/^<script\b/.test(tag) && /\bsrc=(?:"|')?\.\//.test(tag) && !/\bintegrity=/.test(tag)) {
      tag = tag.replace(/^<script\b/, '<script integrity=""');
    }
    if (!/\bintegrity=/.test(tag)) return tag;
    const ref = tag.match(/\b(?:href|src)=(?:"\.\/([^"]+)"|'\.\/([^']+)'|\.\/([^\s>]+))/);
    const name = ref && (ref[1] ?? ref[2] ?? ref[3]);
    if (!name) throw new Error(`integrity on a tag without a local file: ${tag}`);
    return tag.replace(/\bintegrity=(?:"[^"]*"|'[^']*'|[^\s>]+)/, `integrity="${sri(finalBytes(name))}"`);
  });
  // 4. The policy, and where the page finds the worker (src/ui; a development build has no meta
  // and uses Trunk's unhashed name).
  const metas = [`<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    ...workers.map((w) => `<meta name="${w}" content="./${final.get(`${w}_loader.js`)}">`)].join('');
  const anchor = html.match(/<meta charset=[^>]*>/i) ?? html.match(/<head\b[^>]*>/i);
  if (!anchor) throw new Error(`no <meta charset> or <head> in ${file}`);
  html = html.replace(anchor[0], anchor[0] + metas);
  await writeFile(file, html);

  // 5. Precompressed copies of the final files.
  const compressed = await precompress(dir);
  return `post-build: ${[...final.values()].join(', ')}; CSP added; ${compressed} files precompressed (.gz, .br)`;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isMain) {
  // Trunk sets TRUNK_PROFILE; development builds keep Trunk's output as it is.
  if (process.env.TRUNK_PROFILE && process.env.TRUNK_PROFILE !== 'release') process.exit(0);
  console.log(await postBuild(process.env.TRUNK_STAGING_DIR ?? process.argv[2] ?? 'dist'));
}
