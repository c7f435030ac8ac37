// The app boots from dist/ at the root and under a sub-path, and shows the default plan's headline.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, browser, withPage, metric, SUBPATH } from './harness.mjs';

let srv, b;
before(async () => { srv = await serve(); b = await browser(); });
after(async () => { await b?.close(); await srv?.close(); });

for (const base of ['/', SUBPATH]) {
  test(`boots at ${base} and shows 12,273 usable IPv4 and 2 tasks per c5.large`, () => withPage(b, { url: srv.origin + base }, async (pg) => {
    assert.equal(await metric(pg, 'ips-usable'), 12273);
    assert.equal(await metric(pg, 'tasks-per-instance'), 2);
    assert.match(await pg.locator('#plan [data-metric="ips-usable"]').innerText(), /12,273/);
  }));
}

test('trunking takes a c5.large from 2 to 10 tasks', () => withPage(b, { url: srv.origin + '/' }, async (pg) => {
  assert.equal(await metric(pg, 'tasks-per-instance'), 2);
  await pg.getByRole('checkbox', { name: 'ENI trunking' }).check();
  await pg.waitForFunction(() => document.querySelector('#plan [data-metric="tasks-per-instance"]')?.dataset.value === '10');
  assert.equal(await metric(pg, 'tasks-per-instance'), 10);
}));
