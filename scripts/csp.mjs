// Trunk post-build hook (release only): makes dist/ work under a strict Content-Security-Policy.
// - Moves Trunk's inline module loader into its own file, loaded with Subresource Integrity,
//   so script-src needs no 'unsafe-inline'.
// - Adds the CSP as a <meta> (hosts can add stricter headers, e.g. frame-ancestors).
// Trunk already adds integrity (sha384) to the css, icon, js and wasm links.
import { readFile, writeFile } from 'node:fs/promises';
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
const body = m[1].trim() + '\n';
const hash = createHash('sha384').update(body).digest('base64');
const name = `boot-${createHash('sha256').update(body).digest('hex').slice(0, 16)}.js`;
await writeFile(path.join(dir, name), body);
html = html.replace(inline, `<script type="module" src="./${name}" integrity="sha384-${hash}" crossorigin="anonymous"></script>`);
html = html.replace('<meta charset="utf-8">', `<meta charset="utf-8">\n  <meta http-equiv="Content-Security-Policy" content="${CSP}">`);
await writeFile(file, html);
console.log(`csp: loader moved to ${name}; Content-Security-Policy added`);
