// Shared harness for the end-to-end tests: a static server for dist/ on 127.0.0.1 (also mounted
// under a sub-path, as docs sites host it), and Debian's Chromium driven by playwright-core.
import http from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const dist = path.join(root, 'dist');
export const SUBPATH = '/docs/tools/awsvpc/';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json', '.png': 'image/png',
};

/** Serves dist/ at `/` and at SUBPATH; `extra` maps exact paths to [type, body, headers] (host
 * pages); `headers` are added to every dist/ response (e.g. a CSP with frame-ancestors). */
export async function serve(extra = {}, headers = {}) {
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    if (extra[url.pathname]) {
      const [type, body, headers = {}] = extra[url.pathname];
      res.writeHead(200, { 'content-type': type, ...headers });
      return res.end(body);
    }
    let p = url.pathname.startsWith(SUBPATH) ? '/' + url.pathname.slice(SUBPATH.length) : url.pathname;
    if (p.endsWith('/')) p += 'index.html';
    const file = path.join(dist, path.normalize(p));
    if (!file.startsWith(dist)) { res.writeHead(403); return res.end(); }
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', ...headers });
      res.end(await readFile(file));
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((ok) => server.close(ok)) };
}

const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-dev-shm-usage', '--disable-quic'];

export async function browser() {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: FLAGS, headless: true });
}

/** A page that fails the test on any uncaught error or console error (a wasm panic shows as one). */
export async function page(b, options = {}) {
  const context = await b.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const pg = await context.newPage();
  pg.errors = [];
  pg.on('pageerror', (e) => pg.errors.push(String(e)));
  pg.on('console', (m) => { if (m.type() === 'error') pg.errors.push(m.text()); });
  return pg;
}

/** The raw integer value of a data-metric inside `scope` (a CSS selector; default the plan). */
export async function metric(pg, name, scope = '#plan') {
  const el = pg.locator(`${scope} [data-metric="${name}"]`).first();
  await el.waitFor();
  const v = await el.getAttribute('data-value');
  return v === '' || v === null ? null : Number(v);
}

/** Every data-metric value inside `scope`, as an object. */
// The comparison and the ranking come from the extras worker, which starts when they come into
// view: scroll there (as a person would) and wait until they show the current plan.
export async function below(pg) {
  await pg.locator('#compare').scrollIntoViewIfNeeded();
  await pg.locator('#compare[aria-busy="false"] [data-scenario]').first().waitFor();
}

export async function metrics(pg, scope = 'body') {
  return pg.$$eval(`${scope} [data-metric]`, (els) => els.map((e) => [
    (e.closest('[data-scenario]')?.getAttribute('data-scenario') ?? '') + ':' + e.getAttribute('data-metric')
      + ':' + (e.closest('[data-az]')?.getAttribute('data-az') ?? ''), e.getAttribute('data-value')]));
}
