// Shared harness for the end-to-end tests: a static server for dist/ on 127.0.0.1 (also mounted
// under a sub-path, as docs sites host it), and Debian's Chromium driven by playwright-core.
import http from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
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

const CONTEXT = { viewport: { width: 1280, height: 900 } };

/** Records a page's uncaught errors and console errors (a wasm panic shows as one) in
 * `pg.errors`, and in `all` when given (every page of a withPage() context). */
function record(pg, all) {
  if (pg.errors) return pg;
  pg.errors = [];
  const add = (e) => { pg.errors.push(e); all?.push(e); };
  pg.on('pageerror', (e) => add(String(e)));
  pg.on('console', (m) => { if (m.type() === 'error') add(m.text()); });
  return pg;
}

/** A page in a fresh context that records its errors in `pg.errors`; the caller closes its context.
 * Tests use withPage(), which closes it and checks the errors; e2e/bench/page.mjs uses this. */
export async function page(b, options = {}) {
  const context = await b.newContext({ ...CONTEXT, ...options });
  return record(await context.newPage());
}

/**
 * Waits until the app has taken over `pg` (a Page, a Frame or a FrameLocator): `#app-root` is in
 * the document and visible, and `#prerendered` is gone. Until then (release builds) the document
 * holds two trees with the same ids, the prerendered one and the app's, still hidden: a test that
 * reads or acts before the swap races it (src/main.rs does the swap in one task). Every test that
 * goes to the app and then reads or acts on it waits here, directly or through withPage({ url }).
 */
export async function ready(pg) {
  await pg.locator('#app-root').waitFor({ state: 'visible' });
  await pg.locator('#prerendered').waitFor({ state: 'detached' });
}

/**
 * Runs `fn(pg)` with a page in a fresh browser context, then fails the test if any page of that
 * context (pg, or one the test opens with pg.context().newPage()) reported an uncaught error or a
 * console error, and always closes the context, also when `fn` throws.
 * options: `url`: goes there and waits for the app (ready) before `fn`; `ready: false`: only goes
 * there (a host page, which waits with ready(frame) itself; JavaScript disabled, the wasm blocked:
 * the app never takes over); `ignoreErrors`: a RegExp of the errors a test provokes on purpose;
 * anything else is a browser context option (viewport, colorScheme, javaScriptEnabled,
 * permissions, …). A test that sets the page up before going to the app (routes, init scripts,
 * listeners) gives no url and calls pg.goto() and ready(pg) itself. A second, separate visitor is
 * a nested withPage().
 * withPage(b, fn) is withPage(b, {}, fn). Returns what `fn` returns.
 */
export async function withPage(b, options, fn) {
  if (typeof options === 'function') [options, fn] = [{}, options];
  const { url, ready: takeOver = true, ignoreErrors, ...contextOptions } = options;
  const errors = [];
  const context = await b.newContext({ ...CONTEXT, ...contextOptions });
  context.on('page', (p) => record(p, errors));
  try {
    const pg = record(await context.newPage(), errors);
    let out;
    try {
      if (url !== undefined) {
        await pg.goto(url);
        if (takeOver) await ready(pg);
      }
      out = await fn(pg);
    } catch (e) {
      // A wasm panic often shows only as a timeout: say what the page reported.
      if (errors.length && e instanceof Error) e.message += `\npage errors: ${errors.join('\n')}`;
      throw e;
    }
    assert.deepEqual(errors.filter((e) => !ignoreErrors?.test(e)), [], `uncaught or console errors (last at ${pg.url()})`);
    return out;
  } finally {
    await context.close();
  }
}

/** Throws when `pg` still holds the prerendered tree: a read there would race the swap. */
async function afterTakeOver(pg) {
  if (await pg.locator('#prerendered').count()) throw new Error('read before the app took over: await ready(pg) first');
}

/** The raw integer value of a data-metric inside `scope` (a CSS selector; default the plan). */
export async function metric(pg, name, scope = '#plan') {
  await afterTakeOver(pg);
  const el = pg.locator(`${scope} [data-metric="${name}"]`).first();
  await el.waitFor();
  const v = await el.getAttribute('data-value');
  return v === '' || v === null ? null : Number(v);
}

// The comparison and the ranking come from the extras worker, which starts when they come into
// view: scroll there (as a person would) and wait until they show the current plan.
export async function below(pg) {
  await afterTakeOver(pg);
  await pg.locator('#compare').scrollIntoViewIfNeeded();
  await pg.locator('#compare[aria-busy="false"] [data-scenario]').first().waitFor();
}

/** Every data-metric value inside `scope`, as [scenario:metric:az, value] pairs. */
export async function metrics(pg, scope = 'body') {
  await afterTakeOver(pg);
  return pg.$$eval(`${scope} [data-metric]`, (els) => els.map((e) => [
    (e.closest('[data-scenario]')?.getAttribute('data-scenario') ?? '') + ':' + e.getAttribute('data-metric')
      + ':' + (e.closest('[data-az]')?.getAttribute('data-az') ?? ''), e.getAttribute('data-value')]));
}

/** The axe-core violations in `pg`'s document, as `rule: targets` lines (none: []). axe is
 * evaluated through the DevTools protocol, so the page's own CSP (no inline scripts) stays on. */
export async function axe(pg) {
  await pg.evaluate(await readFile(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8'));
  const r = await pg.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

const EXPORT_LABEL = { markdown: 'Markdown', csv: 'CSV', json: 'JSON', terraform: 'Terraform' };

/** An export's text, as "Copy" puts it on the clipboard (the page needs clipboard permissions). */
export async function copied(pg, id) {
  await pg.locator('.exports summary').click();
  await pg.locator(`#copy-${id}`).click();
  await pg.locator('#share-status', { hasText: `${EXPORT_LABEL[id]} copied` }).waitFor();
  const text = await pg.evaluate(() => navigator.clipboard.readText());
  await pg.locator('.exports summary').click();
  return text;
}
