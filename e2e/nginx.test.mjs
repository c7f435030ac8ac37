// dist/ behind real nginx with the shipped configuration (deploy/nginx.conf, through
// deploy/nginx-unprivileged.conf; started by e2e/nginx.mjs as an unprivileged process on
// 127.0.0.1): the headers of every file, the app at / and under a sub-path, revalidation of
// index.html, and embedding by a host page on another origin.
// The headers checked are printed as a table (and written to $NGINX_REPORT when set:
// scripts/test.sh shows it).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { serve, browser, withPage, ready, metric, dist } from './harness.mjs';
import { startNginx, SUBPATH } from './nginx.mjs';
import { HASHED } from '../scripts/post-build.mjs';
import { COMPRESSIBLE } from '../scripts/precompress.mjs';
import { files as list } from '../scripts/files.mjs';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm', '.svg': 'image/svg+xml; charset=utf-8', '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8', '.png': 'image/png', '.ico': 'image/x-icon', '.webmanifest': 'application/manifest+json',
};

let ngx, host, b, metaCsp;
const report = [];
// Site 0 may be framed by the host page's origin; site 1 keeps the default ('self').
before(async () => {
  const html = await readFile(path.join(dist, 'index.html'), 'utf8');
  metaCsp = html.match(/http-equiv="?Content-Security-Policy"? content="([^"]+)"/)?.[1];
  const pages = {};
  host = await serve(pages);
  ngx = await startNginx([{ frameAncestors: `'self' ${host.origin}` }, {}]);
  for (const [i, o] of ngx.origins.entries()) {
    pages[`/host${i}.html`] = ['text/html; charset=utf-8',
      `<!doctype html><link rel="icon" href="data:,"><title>docs</title><h1>Docs</h1><iframe title="planner" src="${o}${SUBPATH}" width="1000" height="700"></iframe>`];
  }
  b = await browser();
});
after(async () => {
  await b?.close();
  await host?.close();
  await ngx?.stop();
  if (report.length) {
    const text = ['headers checked against nginx (deploy/nginx.conf):', ...report].join('\n') + '\n';
    if (process.env.NGINX_REPORT) await writeFile(process.env.NGINX_REPORT, text);
  }
});

/** A raw GET: status, headers and the body exactly as sent (no decompression). */
function get(url, headers = {}) {
  return new Promise((ok, fail) => {
    http.get(url, { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', fail);
  });
}

test('nginx: every file at / and under the sub-path has the right type, encoding, cache and security headers', async (t) => {
  assert.ok(metaCsp, 'dist/index.html carries a CSP meta policy');
  const files = (await list(dist)).filter((f) => !/\.(gz|br)$/.test(f));
  assert.ok(files.some((f) => f.endsWith('.wasm')) && files.some((f) => f.endsWith('.js')));
  const encodings = [['br', 'br'], ['gzip', 'gzip'], ['identity', undefined]];
  if (!ngx.brotli) t.diagnostic(`no brotli module at this nginx: br is not tested`);
  const seen = new Map();
  let checked = 0;
  for (const base of ['/', SUBPATH]) {
    for (const f of [...files, '']) {
      const name = f || 'index.html';
      const bytes = await readFile(path.join(dist, name));
      const ext = path.extname(name);
      for (const [accept, want] of encodings) {
        if (accept === 'br' && !ngx.brotli) continue;
        const url = ngx.origins[1] + base + f;
        const r = await get(url, { 'accept-encoding': accept === 'br' ? 'br, gzip' : accept });
        const what = `${base}${f} (Accept-Encoding: ${accept})`;
        assert.equal(r.status, 200, what);
        assert.equal(r.headers['content-type'], TYPES[ext], `${what}: content type`);
        const compressible = COMPRESSIBLE.test(name);
        const encoding = compressible ? want : undefined;
        assert.equal(r.headers['content-encoding'], encoding, `${what}: encoding`);
        const body = encoding === 'br' ? brotliDecompressSync(r.body) : encoding === 'gzip' ? gunzipSync(r.body) : r.body;
        assert.ok(body.equals(bytes), `${what}: the body is the file`);
        if (compressible) assert.equal(r.headers.vary, 'Accept-Encoding', `${what}: Vary`);
        const cache = name === 'index.html' ? 'no-cache' : IMMUTABLE;
        if (name !== 'index.html') assert.match(path.basename(name), HASHED, `${name} is a hashed name`);
        assert.equal(r.headers['cache-control'], cache, `${what}: Cache-Control`);
        assert.equal(r.headers['content-security-policy'], `${metaCsp}; frame-ancestors 'self'`, `${what}: CSP`);
        assert.equal(r.headers['x-content-type-options'], 'nosniff', what);
        assert.equal(r.headers['referrer-policy'], 'no-referrer', what);
        if (name === 'index.html') assert.ok(r.headers.etag && r.headers['last-modified'], `${what}: a validator`);
        checked++;
        const kind = `${f === '' ? base : ext} ${accept}`;
        seen.set(kind, [r.headers['content-type'], r.headers['content-encoding'] ?? '—', r.headers['cache-control'], r.headers.vary ?? '—']);
      }
    }
  }
  // A directory without its slash is redirected relatively; a missing file is a 404 with the
  // same security headers.
  const redirect = await get(ngx.origins[1] + SUBPATH.replace(/\/$/, ''));
  assert.equal(redirect.status, 301);
  assert.equal(redirect.headers.location, SUBPATH);
  const missing = await get(ngx.origins[1] + '/nope-0123456789abcdef.js');
  assert.equal(missing.status, 404);
  assert.equal(missing.headers['x-content-type-options'], 'nosniff');
  assert.match(missing.headers['content-security-policy'], /frame-ancestors 'self'$/);
  assert.equal(missing.headers['cache-control'], undefined, 'a 404 is not cached as immutable');

  report.push(`${checked} responses (${files.length} files + /, at / and ${SUBPATH}, Accept-Encoding ${encodings.map((e) => e[0]).join('/')}${ngx.brotli ? '' : ' (no brotli module)'}); nginx ran as ${ngx.user}`);
  report.push('| request | Content-Type | Content-Encoding | Cache-Control | Vary |', '| --- | --- | --- | --- | --- |');
  for (const [kind, v] of seen) report.push(`| ${kind} | ${v.join(' | ')} |`);
  report.push(`every response: Content-Security-Policy = the page's meta policy + "; frame-ancestors 'self'", X-Content-Type-Options: nosniff, Referrer-Policy: no-referrer`);
  report.push(`${SUBPATH.replace(/\/$/, '')} → 301 Location: ${SUBPATH} (relative); a missing hashed name → 404 with the same security headers and no Cache-Control`);
  for (const line of report) t.diagnostic(line);
});

for (const base of ['/', SUBPATH]) {
  test(`nginx: the app boots at ${base}, with compressed responses and no CSP violation`, () => withPage(b, async (pg) => {
    const enc = {};
    // Synchronous: response.headers() holds Content-Encoding. (An async listener awaiting
    // response.allHeaders() was left running when the context closed, and its rejection went
    // unhandled; nor was it awaited before the assertions below read `enc`.)
    pg.on('response', (r) => {
      const ext = path.extname(new URL(r.url()).pathname) || '.html';
      enc[ext] = r.headers()['content-encoding'] ?? 'none';
    });
    await pg.addInitScript(() => {
      window.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await pg.goto(ngx.origins[1] + base);
    await ready(pg);
    assert.equal(await metric(pg, 'ips-usable'), 12273);
    assert.deepEqual(await pg.evaluate(() => window.__csp), []);
    assert.notEqual(enc['.wasm'], 'none', 'the wasm came compressed');
    assert.notEqual(enc['.js'], 'none', 'the js came compressed');
    report.push(`boot at ${base}: Chromium got ${Object.entries(enc).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  }));
}

test('nginx: index.html is revalidated on every load, hashed files come from the browser cache', () => withPage(b, { url: ngx.origins[1] + '/' }, async (pg) => {
  assert.equal(await metric(pg, 'ips-usable'), 12273);
  await pg.waitForLoadState('networkidle');
  const first = (await ngx.log(1)).length;
  // A second visit in the same browser profile (same HTTP cache), as a returning visitor.
  const again = await pg.context().newPage();
  await again.goto(ngx.origins[1] + '/');
  await ready(again);
  await again.waitForLoadState('networkidle');
  const second = (await ngx.log(1)).slice(first);
  assert.deepEqual(second.map((l) => l.split(' ').slice(0, 3).join(' ')), ['304 GET /'],
    `the second visit asks for index.html (and gets 304 Not Modified), and for nothing else: ${second.join('; ')}`);
  report.push(`second visit, same browser cache: ${second.map((l) => l.split(' ').slice(0, 3).join(' ')).join(', ')} (the hashed files were not requested)`);
}));

test('nginx: a host page on another origin can frame the app when frame-ancestors names it, and is refused otherwise', async () => {
  for (const [i, allowed] of [[0, true], [1, false]]) {
    // The refusal is a console error on the host page, on purpose (the one `refused` collects).
    await withPage(b, { ignoreErrors: allowed ? undefined : /Refused to frame|frame-ancestors/ }, async (pg) => {
      const refused = [];
      pg.on('console', (m) => { if (/Refused to frame|frame-ancestors/.test(m.text())) refused.push(m.text()); });
      const said = allowed ? null : pg.waitForEvent('console', { predicate: (m) => /frame-ancestors/.test(m.text()), timeout: 15_000 });
      said?.catch(() => {}); // awaited below; not an unhandled rejection when the test fails before
      await pg.goto(`${host.origin}/host${i}.html`);
      const frame = pg.frameLocator('iframe[title="planner"]');
      if (allowed) {
        await ready(frame);
        await frame.locator('#plan [data-metric="ips-usable"]').waitFor();
        assert.equal(await frame.locator('#plan [data-metric="ips-usable"]').getAttribute('data-value'), '12273');
        assert.deepEqual(refused, []);
      } else {
        await said;
        assert.ok(refused.some((m) => m.includes(ngx.origins[1])), refused.join('\n'));
        assert.equal(await frame.locator('#plan').count(), 0, 'nothing of the app in the frame');
      }
    });
  }
  report.push(`framing: host ${host.origin} embeds a site with frame-ancestors "'self' ${host.origin}"; refused by the site with "'self'"`);
});
