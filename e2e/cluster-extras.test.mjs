// Issue 24: what the extras worker computes works for a whole cluster. A cluster link's
// comparison (each scenario planned as a cluster, refused ones saying why) and its ranking of
// instance types (instances, vCPUs, addresses and whether the fleet fits) equal the core's
// (`awsvpc-plan`, the same calc crate, natively); the headline's and each service's figures open
// their explanation, written from the cluster plan.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { serve, browser, withPage, root, below, axe } from './harness.mjs';

let srv, b;
before(async () => { srv = await serve(); b = await browser(); });
after(async () => { await b?.close(); await srv?.close(); });

/** The core's numbers for a link: `cargo run --bin awsvpc-plan` (native). */
function core(link) {
  const r = spawnSync('cargo', ['run', '--quiet', '--locked', '--bin', 'awsvpc-plan', '--', link], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, `awsvpc-plan ${link}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

// Trunking, a log daemon in awsvpc, a CPU-hungry worker and a bridge sidecar.
const LINK = '#v=1&trunk=1&svc=log,sched:daemon,cpu:128,mem:256&svc=worker,tasks:40,cpu:512,mem:1024&svc=side,tasks:30,net:bridge,mem:256';

test('a cluster link: the comparison and the ranking are the cluster\'s, as the core computes them; its figures explain themselves', () => withPage(b, { url: srv.origin + '/' + LINK }, async (pg) => {
  await pg.locator('#services-table').waitFor();
  const link = await pg.evaluate(() => location.hash);
  const want = core(link);
  assert.ok(Object.keys(want.services).length === 4, 'four services');

  // The comparison: every scenario's shown numbers are the core's cluster plan of that scenario.
  await below(pg);
  const scenarios = await pg.evaluate(() => Object.fromEntries([...document.querySelectorAll('#compare article[data-scenario]')].map((s) => [
    s.dataset.scenario,
    {
      metrics: Object.fromEntries([...s.querySelectorAll('.value[data-metric]')].map((e) => [e.dataset.metric, e.dataset.value])),
      fits: s.querySelector('[data-verdict="fits"]')?.dataset.value,
    },
  ])));
  assert.deepEqual(Object.keys(scenarios), ['base', 'trunk', 'secondary', 'trunk-secondary']);
  for (const [id, s] of Object.entries(scenarios)) {
    assert.deepEqual(Object.keys(s.metrics), ['instances', 'instances-peak', 'ips-usable', 'ips-used', 'ips-peak', 'ips-left'], id);
    for (const [m, v] of Object.entries(s.metrics)) assert.equal(v, want.scenarios[id][m], `${id} ${m}`);
    const w = want.scenarios[id];
    assert.equal(s.fits, `${Number(w['ips-used']) <= Number(w['ips-usable'])}-${Number(w['ips-peak']) <= Number(w['ips-usable'])}`, id);
  }
  // The shown plan is the trunking scenario's: the headline equals it.
  assert.equal(scenarios.trunk.metrics.instances, want.metrics.instances);
  // The growth chart grows the first service's count, the others fixed: the shown scenario's
  // line runs out at that service's largest count that fits.
  assert.equal(await pg.locator('#compare g[data-scenario="trunk"] circle').getAttribute('data-runs-out'), want.services.app['max-fits']);
  assert.match(await pg.locator('#compare svg').getAttribute('aria-label'), /runs out above/);

  // The ranking: every shown row's cells are the core's cluster ranking of that type.
  await pg.locator('#types[aria-busy="false"] #ranking tbody tr').first().waitFor();
  assert.match(await pg.locator('#ranking caption').innerText(), /whole cluster \(4 services\)/);
  const rows = await pg.evaluate(() => [...document.querySelectorAll('#ranking tbody tr')].map((r) => [
    r.dataset.type,
    Object.fromEntries([...r.querySelectorAll('[data-metric]')].map((c) => [c.dataset.metric, c.dataset.value])),
  ]));
  assert.ok(rows.length >= 25, `${rows.length} rows`);
  for (const [type, cells] of rows) assert.deepEqual(cells, want.ranking[type], type);
  // The plan's own type is ranked with the plan's own instance count (with trunking).
  await pg.locator('#rank-family').fill('c5.large');
  await pg.waitForFunction(() => document.querySelector('#types')?.getAttribute('aria-busy') === 'false'
    && document.querySelector('#ranking tbody tr')?.dataset.type === 'c5.large');
  const c5 = pg.locator('#ranking tr[data-type="c5.large"]');
  assert.equal(await c5.locator('[data-metric="instances-with"]').getAttribute('data-value'), want.metrics.instances);
  assert.equal(await c5.locator('[data-metric="fits-with"]').innerText(), 'yes');

  // A headline number's explanation is the cluster's: its packing and target capacity.
  const inst = pg.locator('#plan .metrics [data-x="x-instances"]');
  await inst.locator('summary').click();
  await inst.locator('.explain .formula').waitFor();
  assert.match(await inst.innerText(), /N = ⌈M × 100 ÷ target capacity⌉/);
  assert.match(await inst.innerText(), new RegExp(`total: .* = ${Number(want.metrics.instances).toLocaleString('en-US')}`));

  // A service's figure opens its explanation, with the figure in its working.
  const cell = pg.locator('#services-table [data-x="x-svc0-per-instance"]');
  const k = want.services.app['per-instance'];
  assert.equal(await cell.locator('[data-service="app"][data-metric="per-instance"]').getAttribute('data-value'), k);
  await cell.locator('summary').focus();
  await pg.keyboard.press('Enter');
  await cell.locator('.explain .formula').waitFor();
  assert.match(await cell.locator('.explain').innerText(), new RegExp(`tasks per instance: the smallest, ${k} \\(ENI slots bind\\)`));
  const fits = pg.locator('#services-table [data-x="x-svc2-max-fits"]');
  await fits.locator('summary').click();
  await fits.locator('.explain .formula').waitFor();
  const n = Number(want.services.worker['max-fits']).toLocaleString('en-US');
  assert.match(await fits.locator('.explain').innerText(), new RegExp(`n = ${n}: .*fits`));
  assert.deepEqual(await axe(pg), []);
}));

test('a refused scenario says why instead of a number', () => withPage(b, { url: srv.origin + '/#v=1&os=windows&svc=worker,tasks:40' }, async (pg) => {
  await pg.locator('#services-table').waitFor();
  const want = core(await pg.evaluate(() => location.hash));
  await below(pg);
  for (const id of ['trunk', 'trunk-secondary']) {
    const s = pg.locator(`#compare [data-scenario="${id}"]`);
    assert.match(await s.locator('.error').innerText(), /ENI trunking is not available on Windows/);
    assert.equal(await s.locator('[data-metric]').count(), 0);
    assert.match(want.scenarios[id].error, /ENI trunking is not available on Windows/);
  }
  const base = await pg.locator('#compare [data-scenario="base"] .value[data-metric="instances"]').getAttribute('data-value');
  assert.equal(base, want.scenarios.base.instances);
}));
