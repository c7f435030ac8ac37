// Issue 16: a shared or exported plan is never silently wrong. One test per numbered item.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { serve, browser, withPage, ready, metric, below } from './harness.mjs';

const HOST = (src) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Docs</title></head><body>
<h1>Capacity plan</h1><iframe id="f" title="awsvpc planner" src="${src}" width="100%" height="300"></iframe>
<script>window.heights=[];addEventListener("message",function(e){var d=e.data;if(d&&d.type==="awsvpc-planner:height"){window.heights.push(d.height);document.getElementById("f").height=String(d.height)}});</script>
</body></html>`;

let srv, b;
before(async () => {
  srv = await serve({ '/host.html': ['text/html; charset=utf-8', HOST('/#v=1&tasks=500&embed=1')] });
  b = await browser();
});
after(async () => { await b?.close(); await srv?.close(); });

const CONFLICTS = [
  ['2 subnets listed for 3 AZs', 'v=1&type=m5.xlarge&trunk=1&tasks=500&vpc=10.0.0.0/16&hnets=10.0.0.0/24,10.0.1.0/24', ['hnets', 'azs']],
  ['a task larger than the instance', 'v=1&tasks=500&cpu=4096&mem=512&type=c5.large', ['cpu', 'instance']],
  ['a secondary CIDR AWS does not allow for this VPC', 'v=1&vpc=10.0.0.0/16&tcidr=192.168.0.0/16&tsub=18', ['tcidr', 'vpc']],
];

/** The page shows no plan: no number, no all-clear, no notice; the link is left as it was. */
async function noPlan(pg, hash) {
  await pg.locator('#plan .stale').waitFor();
  await pg.waitForTimeout(400); // longer than the link's update delay
  assert.equal(await pg.locator('#plan [data-metric]').count(), 0, 'no numbers');
  assert.equal(await pg.locator('#warnings.ok').count(), 0, 'no green verdict');
  assert.equal(await pg.locator('#notices').count(), 0, 'no empty notice');
  assert.equal(await pg.evaluate(() => location.hash), hash, 'the link is not rewritten');
}

for (const [what, link, fields] of CONFLICTS) {
  test(`1. a link whose values conflict (${what}) shows no numbers, names each conflict next to its fields, keeps the link`, () => withPage(b, { url: `${srv.origin}/#${link}` }, async (pg) => {
    await noPlan(pg, '#' + link);
    for (const f of fields) {
      assert.equal(await pg.locator(`#${f}`).getAttribute('aria-invalid'), 'true', f);
      await pg.locator(`#${f}-error`).waitFor();
    }
  }));
}

test('1. the AZ-count conflict has a one-click fix, and the fixed plan becomes the link', () => withPage(b, { url: `${srv.origin}/#${CONFLICTS[0][1]}` }, async (pg) => {
  await pg.getByRole('button', { name: 'Use 2 AZs' }).first().click();
  await pg.locator('#plan [data-metric="ips-usable"]').waitFor();
  assert.equal(await pg.locator('#azs').inputValue(), '2');
  assert.equal(await metric(pg, 'ips-usable'), 2 * 251);
  await pg.waitForFunction(() => location.hash.includes('az=2') && location.hash.includes('hnets=10.0.0.0/24,10.0.1.0/24'));
}));

test('1. while editing, the last valid plan stays but is marked as not matching the fields', () => withPage(b, { url: `${srv.origin}/` }, async (pg) => {
  await pg.locator('#cpu').fill('4096');
  await pg.locator('#mem').fill('512');
  await pg.locator('#plan .stale').waitFor();
  assert.equal(await metric(pg, 'ips-usable'), 12273, 'the last valid plan stays');
  assert.equal(await pg.locator('#warnings.ok').count(), 0, 'no green verdict under a stale plan');
  await pg.locator('#cpu-error').waitFor();
  await pg.locator('#instance-error').waitFor();
}));

test('1. a JSON import with conflicting values shows no numbers and names the conflict', () => withPage(b, { url: `${srv.origin}/` }, async (pg) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'awsvpc-'));
  const file = path.join(dir, 'conflict.json');
  await writeFile(file, JSON.stringify({ schema: 2, inputs: { type: 'c5.large', tasks: '500', cpu: '4096', mem: '512' } }));
  await pg.locator('.exports summary').click();
  await pg.locator('#import-json').setInputFiles(file);
  await pg.locator('#plan .stale').waitFor();
  assert.equal(await pg.locator('#plan [data-metric]').count(), 0);
  assert.equal(await pg.locator('#cpu').inputValue(), '4096');
  await pg.locator('#cpu-error').waitFor();
}));

async function exported(pg, id) {
  await pg.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await pg.locator('.exports summary').click();
  await pg.locator(`#copy-${id}`).click();
  await pg.locator('#share-status', { hasText: 'copied' }).waitFor();
  const text = await pg.evaluate(() => navigator.clipboard.readText());
  await pg.keyboard.press('Escape');
  return text;
}

test('2. the Terraform export looks up subnets that exist instead of creating them', async () => {
  await withPage(b, { url: `${srv.origin}/` }, async (pg) => {
    const tf = await exported(pg, 'terraform');
    assert.match(tf, /data "aws_subnet"/);
    assert.match(tf, /exist/i);
    assert.doesNotMatch(tf, /resource "aws_subnet" "host"/, 'the default VPC\'s subnets are not created again');
  });
  await withPage(b, { url: `${srv.origin}/#v=1&vpc=10.0.0.0/16&hnets=10.0.0.0/24,10.0.1.0/24,10.0.2.0/24` }, async (listed) => {
    const tf2 = await exported(listed, 'terraform');
    for (const c of ['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24']) assert.ok(tf2.includes(c), c);
    assert.match(tf2, /data "aws_subnet"/);
  });
});

test('3. the Terraform export carries IPv6 for dual-stack and IPv6-only plans', async () => {
  await withPage(b, { url: `${srv.origin}/#v=1&vpc=10.0.0.0/16&ip=dual` }, async (pg) => {
    const dual = await exported(pg, 'terraform');
    assert.match(dual, /cidrsubnet\(data\.aws_vpc\.this\.ipv6_cidr_block, 8, 0\)/, '/64s of the VPC\'s /56');
    assert.match(dual, /^\s*ipv6_cidr_block\s*=/m);
    assert.match(dual, /assign_ipv6_address_on_creation\s*=\s*true/);
  });
  await withPage(b, { url: `${srv.origin}/#v=1&vpc=10.0.0.0/16&ip=v6only` }, async (v6) => {
    assert.match(await exported(v6, 'terraform'), /ipv6_native\s*=\s*true/);
  });
});

test('4. a plan that is short shows the shortfall, and every export carries the verdict', () => withPage(b, { url: `${srv.origin}/#v=1&tasks=20000` }, async (pg) => {
  await pg.locator('#plan [data-metric="ips-left"]').waitFor();
  const left = await metric(pg, 'ips-left');
  assert.ok(left < 0, `IPv4 left is negative when short: ${left}`);
  assert.match(await pg.locator('#plan [data-metric="ips-left"]').innerText(), /short by/);
  const csv = await exported(pg, 'csv');
  assert.match(csv, /^verdict,fits,no$/m);
  const md = await exported(pg, 'markdown');
  assert.match(md, /short/i);
  const json = JSON.parse(await exported(pg, 'json'));
  assert.equal(json.verdict.fits, false);
  assert.match(await exported(pg, 'terraform'), /^#.*(short|does not fit)/im);
}));

test('5. the embed frame follows its content down as well as up', () => withPage(b, { url: srv.origin + '/host.html', ready: false }, async (pg) => {
  const frame = pg.frameLocator('#f');
  await ready(frame);
  await frame.locator('#plan [data-metric="tasks-per-instance"]').waitFor();
  await pg.waitForFunction(() => window.heights.length > 0);
  // The height the frame settles at: once the extras worker has filled the comparison (it grows
  // the page after the app's first render: 610 → 1026 px), the last height posted is the frame's
  // content's height now.
  await below(frame);
  await pg.waitForFunction(() => window.heights.at(-1) === Math.ceil(document.getElementById('f').contentDocument.body.getBoundingClientRect().height));
  const start = await pg.evaluate(() => window.heights.at(-1));
  await frame.locator('#embed-summary').click();
  await pg.waitForFunction((h) => window.heights.at(-1) > h + 200, start);
  await frame.locator('#embed-summary').click();
  await pg.waitForFunction((h) => window.heights.at(-1) <= h + 2, start);
  const frameHeight = await pg.evaluate(() => Number(document.getElementById('f').height));
  assert.ok(frameHeight <= start + 2, `the frame shrank back: ${frameHeight} vs ${start}`);
}));

test('6. the Export menu closes on Escape, on a click outside and when focus leaves; arrows move in it', () => withPage(b, { url: srv.origin + '/' }, async (pg) => {
  const menu = pg.locator('details.exports');
  const isOpen = () => menu.evaluate((d) => d.open);
  await menu.locator('summary').click();
  assert.equal(await isOpen(), true);
  await pg.keyboard.press('ArrowDown');
  assert.equal(await pg.evaluate(() => document.activeElement.id), 'copy-markdown');
  await pg.keyboard.press('ArrowDown');
  assert.equal(await pg.evaluate(() => document.activeElement.id), 'download-markdown');
  await pg.keyboard.press('ArrowUp');
  assert.equal(await pg.evaluate(() => document.activeElement.id), 'copy-markdown');
  await pg.keyboard.press('Escape');
  await pg.waitForFunction(() => !document.querySelector('details.exports').open);
  await menu.locator('summary').click();
  await pg.locator('h1').click();
  await pg.waitForFunction(() => !document.querySelector('details.exports').open);
  await menu.locator('summary').click();
  await pg.locator('#tasks').focus();
  await pg.waitForFunction(() => !document.querySelector('details.exports').open);
}));

test('6. when copying is refused, the manual-copy box is focused and selected, and the message is not green', () => withPage(b, { url: srv.origin + '/' }, async (pg) => {
  await pg.evaluate(() => { Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('denied')) } }); });
  await pg.locator('#copy-link').click();
  await pg.locator('#manual-copy').waitFor();
  assert.equal(await pg.evaluate(() => document.activeElement.id), 'manual-copy');
  const [start, end, len] = await pg.locator('#manual-copy').evaluate((t) => [t.selectionStart, t.selectionEnd, t.value.length]);
  assert.deepEqual([start, end], [0, len], 'all selected');
  const color = await pg.locator('#share-status').evaluate((e) => getComputedStyle(e).color);
  const good = await pg.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--good').trim());
  assert.notEqual(color, good);
  assert.equal(await pg.locator('#share-status').getAttribute('class'), 'error');
}));

test('6. Escape in the instance picker restores the last valid type', () => withPage(b, { url: srv.origin + '/#v=1&type=m6i.large' }, async (pg) => {
  const input = pg.getByRole('combobox', { name: 'Instance type' });
  await input.fill('m6i.lar');
  await input.press('Escape');
  assert.equal(await input.inputValue(), 'm6i.large');
  assert.equal(await input.getAttribute('aria-invalid'), null);
}));

test('6. "Use" in the ranking keeps the focus on its button; a skip link; the chart says what it measures; no inline style in the embed snippet', () => withPage(b, {
  url: srv.origin + '/', permissions: ['clipboard-read', 'clipboard-write'],
}, async (pg) => {
  const skip = pg.locator('a.skip');
  assert.equal(await skip.getAttribute('href'), '#plan');
  assert.equal(await skip.innerText(), 'Skip to results');
  await below(pg);
  await pg.locator('#rank-family').fill('m6i.l');
  const use = pg.locator('#ranking tr[data-type="m6i.large"] [data-action="use"]');
  await use.click();
  await pg.waitForFunction(() => document.querySelector('#instance').value === 'm6i.large');
  await pg.waitForFunction(() => document.querySelector('#ranking tr.current')?.dataset.type === 'm6i.large');
  assert.deepEqual(await pg.evaluate(() => [document.activeElement?.dataset.action, document.activeElement?.dataset.type]), ['use', 'm6i.large']);
  assert.match(await pg.locator('.growth svg').innerHTML(), /Usable IPv4 used/);
  await pg.locator('#copy-embed').click();
  await pg.locator('#share-status', { hasText: 'Embed code copied' }).waitFor();
  assert.doesNotMatch(await pg.evaluate(() => navigator.clipboard.readText()), /style=/);
}));

test('7. Fargate: task sizes are checked against AWS\'s table, instance-only parts are hidden, the link drops them', () => withPage(b, { url: srv.origin + '/#v=1&launch=fargate&cpu=300&mem=100' }, async (pg) => {
  await pg.locator('#cpu-error').waitFor();
  await pg.locator('#mem-error').waitFor();
  await pg.locator('#cpu').fill('256');
  await pg.locator('#mem').fill('512');
  await pg.locator('#plan [data-metric="ips-used"]').waitFor();
  assert.equal(await pg.locator('#plan [data-metric="tasks-per-instance"]').count(), 0);
  assert.equal(await pg.locator('#plan [data-metric="instances"]').count(), 0);
  assert.equal(await pg.locator('#instance').count(), 0);
  assert.equal(await pg.locator('#types').count(), 0, 'no instance ranking on Fargate');
  await pg.waitForFunction(() => location.hash.includes('launch=fargate') && location.hash.includes('cpu=256'));
  const hash = await pg.evaluate(() => location.hash);
  assert.doesNotMatch(hash, /[#&](type|trunk|reserve|regmem)=/);
  await below(pg);
  const scenarios = await pg.$$eval('#compare [data-scenario]', (s) => s.map((x) => x.dataset.scenario));
  assert.ok(scenarios.every((s) => !s.includes('trunk')), scenarios.join());
}));

test('8. memory-bound density uses the registered memory, and the explanation names the binding limit', () => withPage(b, {
  // An m5.large runs 10 trunked tasks by its ENIs; 8,192 MiB × 97 % = 7,946 MiB registered holds 7
  // tasks of 1,024 MiB, not the 8 the installed memory would suggest.
  url: srv.origin + '/#v=1&type=m5.large&mem=1024&reserve=0&trunk=1',
}, async (pg) => {
  await pg.locator('#plan [data-metric="tasks-per-instance"]').waitFor();
  assert.equal(await metric(pg, 'tasks-per-instance'), 7);
  assert.equal(await pg.locator('#registered').inputValue(), '97');
  await pg.locator('#plan .metric-button', { has: pg.locator('[data-metric="tasks-per-instance"]') }).click();
  const region = pg.locator('#x-tasks-per-instance[aria-busy="false"]');
  await region.waitFor();
  const text = await region.innerText();
  assert.match(text, /registered memory/);
  assert.match(text, /binds/);
  await pg.locator('#registered').fill('100');
  await pg.waitForFunction(() => document.querySelector('#plan [data-metric="tasks-per-instance"]')?.dataset.value === '8');
}));

test('9. the ranking defaults to the smallest fleet in vCPUs, hides accelerated types, and its filters are in the link', () => withPage(b, { url: srv.origin + '/' }, async (pg) => {
  await below(pg);
  assert.equal(await pg.locator('#rank-sort').inputValue(), 'vcpus');
  assert.equal(await pg.locator('#hide-accel').isChecked(), true);
  const names = await pg.$$eval('#ranking tbody tr', (rs) => rs.map((r) => r.dataset.type));
  assert.ok(!names.some((n) => /^(p\d|g\d|inf|trn|dl)/.test(n)), names.join());
  const fleet = await pg.$$eval('#ranking tbody tr [data-metric="vcpus-without"]', (c) => c.map((x) => x.dataset.value));
  assert.ok(fleet.length > 0);
  await pg.locator('#hide-metal').check();
  await pg.getByLabel('Sort by').selectOption('ips');
  await pg.waitForFunction(() => location.hash.includes('rsort=ips') && location.hash.includes('rhide=accel,metal'));
  await withPage(b, { url: srv.origin + '/' + (await pg.evaluate(() => location.hash)) }, async (fresh) => {
    await below(fresh);
    assert.equal(await fresh.locator('#rank-sort').inputValue(), 'ips');
    assert.equal(await fresh.locator('#hide-metal').isChecked(), true);
  });
}));

test('10. p5.48xlarge runs one awsvpc task; the derived-density warning shows only when that rule made the number', () => withPage(b, async (pg) => {
  // The first link loads the page; the others change only its fragment: wait until the app shows
  // each link's type and trunking before reading what it says about them.
  const open = async (link) => {
    await pg.goto(`${srv.origin}/#${link}`);
    await ready(pg);
    const want = new URLSearchParams(link);
    await pg.waitForFunction(([type, trunk]) => document.querySelector('#instance')?.value === type
      && document.querySelector('#trunk')?.checked === (trunk === '1'), [want.get('type'), want.get('trunk')]);
  };
  for (const trunk of ['0', '1']) {
    await open(`v=1&type=p5.48xlarge&trunk=${trunk}`);
    await pg.waitForFunction(() => document.querySelector('#plan [data-metric="tasks-per-instance"]')?.dataset.value === '1');
    await pg.locator('[data-warning="awsvpc-limit"]').waitFor();
  }
  for (const link of ['v=1&type=c7i.large&trunk=0', 'v=1&type=trn2.48xlarge&trunk=1']) {
    await open(link);
    await pg.locator('#plan [data-metric="tasks-per-instance"]').waitFor();
    assert.equal(await pg.locator('[data-warning="derived-density"]').count(), 0, link);
  }
  await open('v=1&type=c7i.large&trunk=1');
  await pg.locator('[data-warning="derived-density"]').waitFor();
}));
