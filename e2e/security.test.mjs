// A strict CSP is active and the app works under it; no request ever leaves the page's origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { serve, browser, withPage, ready, metric, below, dist } from './harness.mjs';

let srv, b;
before(async () => { srv = await serve(); b = await browser(); });
after(async () => { await b?.close(); await srv?.close(); });

test('dist/index.html carries a strict CSP without unsafe-inline, and SRI on every asset', async () => {
  const html = await readFile(path.join(dist, 'index.html'), 'utf8');
  const csp = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1];
  assert.ok(csp, 'a CSP meta tag');
  for (const d of ["default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "object-src 'none'", "base-uri 'self'"]) {
    assert.ok(csp.includes(d), `CSP has ${d}`);
  }
  assert.ok(!csp.includes('unsafe-inline'), 'no unsafe-inline');
  assert.ok(!/<script(?![^>]*\bsrc=)[^>]*>/.test(html), 'no inline script');
  const refs = [...html.matchAll(/<(?:script|link)\b[^>]*>/g)].map((m) => m[0]);
  assert.ok(refs.length >= 4);
  for (const r of refs) {
    // Each integrity is the hash of the file as served (the post-build hook rewrites some files).
    // (Trunk's HTML minifier leaves attribute values unquoted where it can.)
    const m = r.match(/(?:src|href)=(?:"\.\/([^"]+)"|\.\/([^\s>"]+))/);
    const href = m?.[1] ?? m?.[2];
    const [, sri] = r.match(/integrity="(sha384-[^"]+)"/) ?? [];
    assert.ok(href && sri, r);
    assert.equal(sri, 'sha384-' + createHash('sha384').update(await readFile(path.join(dist, href))).digest('base64'), href);
  }
  // The extras worker: content-hashed files; its loader fetches the wasm with the wasm's own hash.
  const loader = html.match(/<meta name="awsvpc-extras" content="\.\/(awsvpc-extras_loader-[0-9a-f]{16}\.js)">/)?.[1];
  assert.ok(loader, 'the worker named in a meta tag');
  const shim = await readFile(path.join(dist, loader), 'utf8');
  const [, wasm, sri] = shim.match(/fetch\("\.\/(awsvpc-extras_bg-[0-9a-f]{16}\.wasm)",\{integrity:"(sha384-[^"]+)"\}\)/) ?? [];
  assert.ok(wasm, shim);
  assert.equal(sri, 'sha384-' + createHash('sha384').update(await readFile(path.join(dist, wasm))).digest('base64'));
});

// Typing "not a cidr" into the VPC CIDR field logs it, on purpose.
test('a full session makes no third-party request and reports no CSP violation', () => withPage(b, { ignoreErrors: /not a cidr/ }, async (pg) => {
  const requests = [];
  pg.on('request', (r) => requests.push(r.url()));
  await pg.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await pg.goto(srv.origin + '/');
  await ready(pg);
  assert.equal(await metric(pg, 'ips-usable'), 12273);
  // Use the page like a person: type, toggle, open explanations, filter the ranking.
  const combo = pg.getByRole('combobox', { name: 'Instance type' });
  await combo.fill('m7g.l');
  await combo.press('ArrowDown');
  await combo.press('Enter');
  await pg.getByRole('checkbox', { name: 'ENI trunking' }).check();
  await pg.getByRole('checkbox', { name: 'Separate task subnets' }).check();
  await pg.getByRole('radio', { name: 'Dual stack' }).check();
  for (const btn of await pg.locator('#plan .metric-button').all()) await btn.click();
  await pg.locator('#rank-family').fill('c7');
  await pg.locator('#ranking tbody tr').first().getByRole('button', { name: /^Pin / }).click();
  await pg.locator('#pinned').waitFor();
  await pg.getByLabel('VPC CIDR').fill('not a cidr');
  await pg.waitForTimeout(200);
  const origin = new URL(srv.origin).origin;
  const foreign = requests.filter((u) => !u.startsWith(origin + '/') && !u.startsWith('data:') && !u.startsWith('blob:'));
  assert.deepEqual(foreign, [], 'requests outside the origin');
  assert.ok(requests.some((u) => u.endsWith('.wasm')), 'the wasm came from the origin');
  assert.deepEqual(await pg.evaluate(() => window.__csp), [], 'CSP violations');
}));

test('the extras worker is not part of the first load: it starts when the comparison comes into view', () => withPage(b, async (pg) => {
  const requests = [];
  pg.on('request', (r) => requests.push(r.url()));
  await pg.goto(srv.origin + '/');
  await ready(pg);
  await pg.locator('#plan [data-metric="ips-usable"]').waitFor();
  await pg.waitForLoadState('networkidle');
  const extras = () => requests.filter((u) => /awsvpc-extras/.test(u));
  assert.deepEqual(extras(), [], 'nothing of the worker before the comparison is in view');
  assert.equal(await pg.locator('#compare [data-scenario]').count(), 0);
  await below(pg);
  assert.ok(extras().some((u) => /_loader-[0-9a-f]{16}\.js$/.test(u)) && extras().some((u) => /_bg-[0-9a-f]{16}\.wasm$/.test(u)), extras().join());
  assert.equal(await metric(pg, 'max-tasks', '[data-scenario="base"]'), 8181);
}));

for (const [what, block] of [['its script', /awsvpc-extras(_loader)?-[0-9a-f]{16}\.js$/], ['its wasm', /awsvpc-extras_bg-[0-9a-f]{16}\.wasm$/]]) {
  // The blocked load logs, on purpose.
  test(`when the extras worker cannot load (${what} blocked), the page says so where its output goes`, () => withPage(b, { ignoreErrors: /Failed to load resource|net::ERR_FAILED/ }, async (pg) => {
    await pg.route(block, (r) => r.abort());
    await pg.goto(srv.origin + '/');
    await ready(pg);
    await pg.locator('#plan [data-metric="ips-usable"]').waitFor();
    await pg.locator('#compare').scrollIntoViewIfNeeded();
    const alert = pg.locator('#compare [role="alert"]');
    await alert.waitFor();
    assert.match(await alert.innerText(), /could not be loaded: the page's worker did not start/);
    assert.equal(await pg.locator('#compare').getAttribute('aria-busy'), 'false');
    await pg.locator('#types [role="alert"]').waitFor();
    // An explanation and an export say so too; the plan itself keeps working.
    await pg.locator('#plan .metric-button').first().click();
    await pg.locator('#plan .explain [role="alert"]').waitFor();
    await pg.locator('.exports summary').click();
    await pg.locator('#download-csv').click();
    await pg.locator('#share-status', { hasText: 'Could not export' }).waitFor();
    await pg.getByLabel('Desired tasks').fill('2000');
    await pg.waitForFunction(() => document.querySelector('#plan [data-metric="ips-used"]')?.dataset.value === '3001');
  }));
}

test('a host policy that forbids workers gets the same message, and the plan keeps working', async () => {
  const strict = await serve({}, { 'content-security-policy': "worker-src 'none'" });
  try {
    // The refused worker logs, on purpose.
    await withPage(b, { url: strict.origin + '/', ignoreErrors: /Content Security Policy|worker-src/ }, async (pg) => {
      await pg.locator('#plan [data-metric="ips-usable"]').waitFor();
      await pg.locator('#compare').scrollIntoViewIfNeeded();
      await pg.locator('#compare [role="alert"]').waitFor();
      assert.equal(await pg.locator('#compare').getAttribute('aria-busy'), 'false');
      assert.equal(await metric(pg, 'ips-usable'), 12273);
    });
  } finally {
    await strict.close();
  }
});
