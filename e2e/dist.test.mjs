// The release dist/ is safe to cache (e2e/dist-checks.mjs): every hashed file name matches its
// bytes, every integrity attribute matches its file, every reference resolves, and every text and
// wasm file has .gz and .br copies. The post-build hook (scripts/post-build.mjs) is also run on a
// small Trunk-like fixture, so its renaming is checked apart from whatever the app's build holds,
// and the checks are shown to catch a stale name, a stale integrity and a stale copy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile, rm, mkdir, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dist } from './harness.mjs';
import { problems } from './dist-checks.mjs';
import { postBuild, CSP, HASHED } from '../scripts/post-build.mjs';

test('dist/: hashed names match their bytes, integrity attributes match their files, references resolve, .gz/.br copies match', async (t) => {
  const found = await problems(dist);
  assert.deepEqual([...found], []);
  const { hashed, integrity, refs, compressed } = found.counts;
  t.diagnostic(`${hashed} hashed files, ${integrity} integrity values, ${refs} references, ${compressed} compressed copies checked`);
  assert.ok(hashed >= 5 && integrity >= 4 && compressed >= 10, JSON.stringify(found.counts));
  const html = await readFile(path.join(dist, 'index.html'), 'utf8');
  assert.ok(html.includes(`content="${CSP}"`), 'the CSP meta policy');
});

test('dist/: the worker loader named in <meta name="awsvpc-extras"> reports a failed load to the page', async () => {
  const html = await readFile(path.join(dist, 'index.html'), 'utf8');
  const loader = html.match(/<meta name="?awsvpc-extras"? content="?\.\/([^"\s>]+)"?>/)?.[1];
  assert.match(loader ?? '', /^awsvpc-extras_loader-[0-9a-f]{16}\.js$/);
  const shim = await readFile(path.join(dist, loader), 'utf8');
  assert.match(shim, /^importScripts\("\.\/awsvpc-extras-[0-9a-f]{16}\.js"\);/);
  assert.ok(shim.includes('.catch(function(e){postMessage(["failed",String(e)])})'), shim);
});

// A Trunk-like output: an ES-module glue that names its wasm, a classic worker glue with its
// loader shim, CSS that names an image, an icon, and the inline loader.
const WASM = Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
const FIXTURE = {
  'index.html': `<!doctype html><html><head><meta charset="utf-8"><title>t</title>
<link rel="modulepreload" href="./app.js" crossorigin="anonymous" integrity="sha384-x">
<link rel="preload" href="./app_bg.wasm" crossorigin="anonymous" integrity="sha384-y" as="fetch" type="application/wasm">
<link rel="stylesheet" href="./style.css" integrity="sha384-z"/>
<link rel="icon" href="./favicon.svg" integrity="sha384-w"/>
<script src="./early.js" integrity="sha384-v"></script>
<script type="module">
import init, * as bindings from './app.js';
const wasm = await init({ module_or_path: './app_bg.wasm' });
window.wasmBindings = bindings;
</script></head><body></body></html>`,
  'app.js': `let wasm; export default async function init(o) { const url = o?.module_or_path ?? new URL('app_bg.wasm', import.meta.url); const { instance } = await WebAssembly.instantiateStreaming(fetch(url), {}); wasm = instance.exports; return wasm; }\nexport function answer() { const longLocalName = 42; return longLocalName; }\n`,
  'app_bg.wasm': WASM,
  'style.css': 'body{background:url(./bg.svg)}\n',
  'bg.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>\n',
  'favicon.svg': '<svg xmlns="http://www.w3.org/2000/svg"><circle r="1"/></svg>\n',
  'w.js': 'let wasm_bindgen = (function () { function __wbg_init(x) { return Promise.resolve(x); } return __wbg_init; })();\n',
  'w_bg.wasm': Buffer.concat([WASM, Buffer.from([0, 2, 1, 0x77])]), // + an empty custom section "w"
  'w_loader.js': 'importScripts("./w.js");wasm_bindgen("./w_bg.wasm");\n',
  'early.js': 'function markEarlyView(longName) { document.documentElement.className = longName; }\n',
};

test('the post-build hook names every file after its final bytes, rewrites references and integrity, and moves the loader out', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'awsvpc-postbuild-'));
  try {
    for (const [n, c] of Object.entries(FIXTURE)) await writeFile(path.join(dir, n), c);
    await postBuild(dir);
    assert.deepEqual([...(await problems(dir))], []);
    const names = (await readdir(dir)).filter((f) => !/\.(gz|br)$/.test(f)).sort();
    assert.deepEqual(names.map((f) => f.replace(/-[0-9a-f]{16}\./, '-#.')),
      ['app-#.js', 'app_bg-#.wasm', 'bg-#.svg', 'boot-#.js', 'early-#.js', 'favicon-#.svg', 'index.html', 'style-#.css', 'w-#.js', 'w_bg-#.wasm', 'w_loader-#.js']);
    const html = await readFile(path.join(dir, 'index.html'), 'utf8');
    const name = (stem) => names.find((f) => f.startsWith(stem + '-'));
    assert.ok(!/<script(?![^>]*\bsrc=)[^>]*>/.test(html), 'no inline script');
    assert.ok(html.includes(`<meta name="w" content="./${name('w_loader')}">`), html);
    assert.ok(html.includes(`<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${CSP}">`), html);
    const boot = await readFile(path.join(dir, name('boot')), 'utf8');
    assert.ok(boot.includes(`./${name('app')}`) && boot.includes(`./${name('app_bg')}`), boot);
    const glue = await readFile(path.join(dir, name('app')), 'utf8');
    assert.ok(glue.includes(name('app_bg')) && !glue.includes('longLocalName'), glue);
    assert.ok((await readFile(path.join(dir, name('style')), 'utf8')).includes(`./${name('bg')}`));
    const worker = await readFile(path.join(dir, name('w')), 'utf8');
    assert.match(worker, /\bwasm_bindgen\b/, 'the worker glue keeps its top-level name');
    const early = await readFile(path.join(dir, name('early')), 'utf8');
    assert.ok(early.includes('markEarlyView') && !early.includes('longName'), `a classic script keeps its top-level names: ${early}`);
    assert.ok(glue.includes('export'), 'the module keeps its exports');
    // The checks catch what a stale build would leave: bytes changed under a name, an integrity
    // attribute or a fetch integrity that no longer matches, a stale compressed copy, an unhashed file.
    await writeFile(path.join(dir, name('favicon')), '<svg/>');
    await writeFile(path.join(dir, name('style') + '.gz'), 'x');
    await writeFile(path.join(dir, name('w_bg')), Buffer.concat([WASM, Buffer.from([0, 2, 1, 0x78])]));
    await writeFile(path.join(dir, 'late.js'), '');
    await mkdir(path.join(dir, 'snippets'));
    await writeFile(path.join(dir, 'snippets/x-0123456789abcdef.js'), '');
    const found = [...(await problems(dir))].join('\n');
    for (const want of [`${name('favicon')}: the name does not match`, `index.html: the integrity of ${name('favicon')}`,
      `${name('style')}.gz: does not decompress`, `${name('w_bg')}: the name does not match`,
      `${name('w_loader')}: the integrity of ${name('w_bg')}`, 'late.js: not named', 'snippets/x-0123456789abcdef.js: the name does not match']) {
      assert.ok(found.includes(want), `expected "${want}" in:\n${found}`);
    }
    assert.match(name('app'), HASHED);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
