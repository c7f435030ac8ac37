// Links reproduce a plan (also under a sub-path), hostile links load with notices, the embed view
// tells its host page its height, and exports parse back to the same numbers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile, mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { serve, browser, withPage, ready, metrics, metric, below, copied, SUBPATH, root } from './harness.mjs';

const HOST = (src) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Docs</title></head><body>
<h1>Capacity plan</h1><iframe id="f" title="awsvpc planner" src="${src}" style="width:100%;height:300px;border:0"></iframe>
<script>window.heights=[];addEventListener("message",function(e){var d=e.data;if(d&&d.type==="awsvpc-planner:height"){window.heights.push(d.height);document.getElementById("f").style.height=d.height+"px"}});</script>
</body></html>`;

let srv, b;
before(async () => {
  srv = await serve({
    '/host.html': ['text/html; charset=utf-8', HOST(SUBPATH + '#v=1&type=m6i.large&az=2&tasks=500&trunk=1&embed=1')],
  }, { 'content-security-policy': "frame-ancestors 'self'" });
  b = await browser();
});
after(async () => { await b?.close(); await srv?.close(); });

async function buildPlan(pg, base) {
  await pg.goto(srv.origin + base);
  await ready(pg);
  const combo = pg.getByRole('combobox', { name: 'Instance type' });
  await combo.fill('r6i.2xlarge');
  await combo.press('Enter');
  await pg.getByRole('checkbox', { name: 'ENI trunking' }).check();
  await pg.getByLabel('Availability Zones').selectOption('2');
  await pg.getByLabel('Desired tasks').fill('1800');
  await pg.getByRole('checkbox', { name: 'Separate task subnets' }).check();
  await pg.getByLabel('Task subnet per AZ').selectOption('19');
  await pg.getByRole('radio', { name: 'Blue/green' }).check();
  await pg.getByRole('checkbox', { name: 'NLB (1 address)' }).check();
  await pg.getByLabel('Task CPU units').fill('1024');
  await pg.waitForFunction(() => location.hash.includes('deploy=bluegreen') && location.hash.includes('cpu=1024'));
}

for (const base of ['/', SUBPATH]) {
  test(`a copied link reproduces every number in a fresh page (${base})`, () => withPage(b, { permissions: ['clipboard-read', 'clipboard-write'] }, async (pg) => {
    await buildPlan(pg, base);
    await below(pg);
    const before = await metrics(pg);
    await pg.locator('#copy-link').click();
    await pg.locator('#share-status', { hasText: 'Link copied' }).waitFor();
    const url = await pg.evaluate(() => navigator.clipboard.readText());
    assert.ok(url.startsWith(srv.origin + base + '#v=1&'), url);
    await withPage(b, { url }, async (fresh) => {
      await fresh.locator('#plan [data-metric="ips-usable"]').waitFor();
      await below(fresh);
      assert.deepEqual(await metrics(fresh), before);
      assert.equal(await fresh.locator('#notices').count(), 0);
    });
  }));
}

test('the link follows edits without history spam; back, forward and a hand-edited fragment re-render', () => withPage(b, { url: srv.origin + '/#v=1&tasks=100' }, async (pg) => {
  const start = await pg.evaluate(() => history.length);
  await pg.getByLabel('Desired tasks').fill('2345');
  await pg.waitForFunction(() => location.hash.includes('tasks=2345'));
  assert.equal(await pg.evaluate(() => history.length), start, 'replaceState, not pushState');
  await pg.evaluate(() => { location.hash = 'v=1&tasks=777&az=2'; });
  await pg.waitForFunction(() => document.querySelector('#tasks').value === '777');
  assert.equal(await pg.getByLabel('Availability Zones').inputValue(), '2');
  await pg.goBack();
  await pg.waitForFunction(() => document.querySelector('#tasks').value === '2345');
  await pg.goForward();
  await pg.waitForFunction(() => document.querySelector('#tasks').value === '777');
}));

test('hostile and broken links load with notices, keep the rest, and never inject markup', async () => {
  const big = 'x'.repeat(10_000);
  const cases = [
    ['az=0', 'az'], ['host=8', 'host'], ['type=%3Cscript%3Ealert(1)%3C%2Fscript%3E', 'type'],
    [`vpc=${big}`, 'vpc'], ['tasks=%zz', 'tasks'], ['type=%E2%82', 'type'], ['surge=%', 'surge'],
  ];
  for (const [bad, key] of cases) {
    await withPage(b, { url: `${srv.origin}/#v=1&tasks=1234&${bad}&trunk=1` }, async (pg) => {
      const notice = pg.locator(`#notices li[data-key="${key}"]`);
      await notice.waitFor();
      assert.ok((await notice.innerText()).length < 300, 'short notice');
      assert.equal(await pg.getByLabel('Desired tasks').inputValue(), bad.startsWith('tasks') ? '1000' : '1234', `rest of ${bad} applies`);
      assert.equal(await pg.getByRole('checkbox', { name: 'ENI trunking' }).isChecked(), true);
      assert.equal(await pg.locator('body script').count(), 0, 'no injected script');
      assert.equal(await pg.evaluate(() => window.__pwned ?? false), false);
      assert.equal(await metric(pg, 'ips-usable'), 12273);
    });
  }
});

test('an old dataset in a link is named in a notice', () => withPage(b, { url: `${srv.origin}/#v=1&data=2023-04&tasks=10` }, async (pg) => {
  await pg.locator('#notices li[data-key="data"]').waitFor();
  assert.match(await pg.locator('#notices').innerText(), /2023-04/);
}));

test('an iframe on a docs page embeds the compact view and receives its height', () => withPage(b, { url: srv.origin + '/host.html', ready: false }, async (pg) => {
  const frame = pg.frameLocator('#f');
  await ready(frame);
  await frame.locator('#plan [data-metric="tasks-per-instance"]').waitFor();
  assert.equal(await frame.locator('#plan [data-metric="tasks-per-instance"]').getAttribute('data-value'), '10');
  assert.match(await frame.locator('#embed-summary').innerText(), /m6i\.large · 2 AZs · 500 tasks/);
  assert.equal(await frame.locator('#types').count(), 0, 'no ranking in the embed view');
  const full = await frame.locator('#open-full').getAttribute('href');
  assert.ok(full.includes(SUBPATH + '#') && !full.includes('embed=1'), full);
  // The frame's full height: once the extras worker has filled the comparison (it grows the page
  // after the app's first render), the last height posted is the frame's content's height now.
  await below(frame);
  await pg.waitForFunction(() => window.heights.at(-1) === Math.ceil(document.getElementById('f').contentDocument.body.getBoundingClientRect().height));
  await pg.waitForFunction(() => window.heights.length > 0 && document.getElementById('f').style.height !== '300px');
  const h = await pg.evaluate(() => window.heights.at(-1));
  assert.ok(h > 300, `height ${h}`);
  // The frame grows with its content, whichever part changes: an explanation opened inside it
  // (rendered by a child component, written by the worker) posts a new height.
  await frame.locator('#plan .metric-button').first().click();
  await frame.locator('#plan .explain .formula').waitFor();
  await pg.waitForFunction((before) => window.heights.at(-1) > before, h);
}));

test('the embed view has no accessibility violations and folds the inputs into a summary', () => withPage(b, { url: srv.origin + '/#v=1&tasks=2000&trunk=1&embed=1' }, async (pg) => {
  await below(pg);
  assert.equal(await pg.locator('.embed-inputs').getAttribute('open'), null, 'inputs folded');
  await pg.locator('#embed-summary').click();
  await pg.getByLabel('Desired tasks').fill('3000');
  await pg.waitForFunction(() => document.querySelector('#plan [data-metric="instances"]')?.dataset.value === '300');
  assert.match(await pg.locator('#embed-summary').innerText(), /3,000 tasks/);
  await pg.evaluate(await readFile(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8'));
  const r = await pg.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  assert.deepEqual(r.violations.map((v) => v.id), []);
}));

test('copy embed code gives an iframe snippet for the current plan', () => withPage(b, { url: srv.origin + SUBPATH + '#v=1&tasks=42', permissions: ['clipboard-read', 'clipboard-write'] }, async (pg) => {
  await pg.locator('#copy-embed').click();
  await pg.locator('#share-status', { hasText: 'Embed code copied' }).waitFor();
  const code = await pg.evaluate(() => navigator.clipboard.readText());
  assert.match(code, /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/docs\/tools\/awsvpc\/#v=1&amp;[^"]*tasks=42[^"]*embed=1"/);
}));

test('when the clipboard is denied, the link is offered to copy by hand', () => withPage(b, { url: srv.origin + '/' }, async (pg) => {
  await pg.evaluate(() => { Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('denied')) } }); });
  await pg.locator('#copy-link').click();
  await pg.locator('#manual-copy').waitFor();
  assert.match(await pg.locator('#manual-copy').inputValue(), /#v=1&/);
}));

test('Markdown, CSV and JSON exports parse back to the same numbers; JSON import restores the plan', () => withPage(b, { permissions: ['clipboard-read', 'clipboard-write'] }, async (pg) => {
  await buildPlan(pg, '/');
  const shown = Object.fromEntries((await pg.$$eval('#plan .metric [data-metric]', (els) => els.map((e) => [e.dataset.metric, e.dataset.value]))));
  const csv = await copied(pg, 'csv');
  const rows = csv.trim().split(/\r?\n/).map((l) => l.split(','));
  for (const [m, v] of Object.entries(shown)) {
    if (v === '') continue;
    assert.ok(rows.some((r) => r.includes(m) && r.includes(v)), `CSV has ${m} = ${v}`);
  }
  const md = await copied(pg, 'markdown');
  const cells = md.split('\n').filter((l) => l.startsWith('|')).map((l) => l.split('|').map((c) => c.trim()));
  for (const [m, v] of Object.entries(shown)) {
    if (v === '') continue;
    const pretty = Number(v).toLocaleString('en-US');
    assert.ok(cells.some((r) => r.includes(pretty) || r.includes(v)), `Markdown has ${m} = ${pretty}`);
  }
  const json = await copied(pg, 'json');
  const parsed = JSON.parse(json);
  for (const [m, v] of Object.entries(shown)) if (v !== '' && m in parsed.outputs) assert.equal(String(parsed.outputs[m]), v, m);
  const tf = await copied(pg, 'terraform');
  assert.match(tf, /cidrsubnet\(/);
  // Import the JSON into a fresh page with the defaults.
  const dir = await mkdtemp(path.join(os.tmpdir(), 'awsvpc-'));
  const file = path.join(dir, 'plan.json');
  await writeFile(file, json);
  await withPage(b, { url: srv.origin + '/' }, async (fresh) => {
    await fresh.locator('.exports summary').click();
    await fresh.locator('#import-json').setInputFiles(file);
    await fresh.locator('#share-status', { hasText: 'Plan imported' }).waitFor();
    await fresh.waitForFunction(() => location.hash.includes('deploy=bluegreen'));
    await below(fresh);
    await below(pg);
    assert.deepEqual(await metrics(fresh), await metrics(pg));
  });
}));
