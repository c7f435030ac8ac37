// Issue 23: nothing a user types, imports or shares is lost or misread. One test per item (items
// 4, 7, 9 and the layout points of 11 are in e2e/narrow.test.mjs and e2e/existing.test.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { serve, browser, withPage, ready, metrics, below, root } from './harness.mjs';

const fixture = (name) => readFile(path.join(root, 'tests/fixtures/subnets', name), 'utf8');

let srv, b;
before(async () => { srv = await serve(); b = await browser(); });
after(async () => { await b?.close(); await srv?.close(); });

/** Samples, on every animation frame from navigation until a few frames after the app took
 * over, how many ids the document holds twice, and whether the prerendered screen is there. */
const SAMPLER = () => {
  window.__frames = [];
  let after = 0;
  const tick = () => {
    const seen = new Set();
    let twice = 0;
    for (const e of document.querySelectorAll('[id]')) {
      if (seen.has(e.id)) twice += 1;
      seen.add(e.id);
    }
    const pre = !!document.getElementById('prerendered');
    window.__frames.push({ twice, pre });
    if (!pre && document.getElementById('app-root')) after += 1;
    if (after < 10) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
};

test('1. edits made in the prerendered form before and while the app takes over are kept, with the focus and caret; no id is ever there twice', () => withPage(b, {}, async (pg) => {
  // A slow link and a slow CPU (400 ms round trip, 400 kbit/s, CPU × 4): the prerendered form
  // is usable seconds before the app has started.
  const cdp = await pg.context().newCDPSession(pg);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 400, downloadThroughput: 400_000 / 8, uploadThroughput: 400_000 / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await pg.addInitScript(SAMPLER);
  await pg.goto(srv.origin + '/', { waitUntil: 'commit' });
  const pre = pg.locator('#prerendered');
  await pre.locator('#tasks').waitFor();
  // Before the app: trunking on, the task count replaced.
  await pre.locator('#trunk').check();
  await pre.locator('#tasks').click();
  await pg.keyboard.press('Control+A');
  await pg.keyboard.type('2500');
  assert.equal(await pre.count(), 1, 'edited before the app took over (the throttling holds it back)');
  // While the app takes over: keep typing into the focused field, a digit then its deletion, so
  // a key lost on the way would leave a different value.
  let presses = 0;
  for (let after = 0; after < 4 && presses < 400; presses += 2) {
    await pg.keyboard.press('9');
    await pg.keyboard.press('Backspace');
    if (await pg.locator('#prerendered').count() === 0) after += 1;
  }
  await ready(pg);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  // The app shows what was typed, with the focus and the caret where they were.
  assert.equal(await pg.locator('#tasks').inputValue(), '2500');
  assert.equal(await pg.locator('#trunk').isChecked(), true);
  assert.deepEqual(await pg.evaluate(() => [document.activeElement?.id, document.activeElement?.selectionStart]), ['tasks', 4]);
  // …and plans it: the same numbers as the link of that plan.
  await pg.waitForFunction(() => document.querySelector('#plan [data-metric="tasks-per-instance"]')?.dataset.value === '10');
  const shown = await metrics(pg, '#plan');
  await withPage(b, { url: srv.origin + '/#v=1&tasks=2500&trunk=1' }, async (link) => {
    assert.deepEqual(await metrics(link, '#plan'), shown);
  });
  // No id was in the document twice in any frame.
  await pg.waitForFunction(() => window.__frames.filter((f) => !f.pre).length >= 10, null, { polling: 100 });
  const frames = await pg.evaluate(() => window.__frames);
  assert.ok(frames.filter((f) => f.pre).length > 10, 'frames were sampled before the app took over');
  assert.deepEqual(frames.filter((f) => f.twice > 0), [], 'an id twice');
  // The typed value reached the address bar (the user edited).
  await pg.waitForFunction(() => location.hash.includes('tasks=2500') && location.hash.includes('trunk=1'));
}));

test('2, 5. a link with unknown keys and upper-case values: every control shows the value planned, the address bar keeps the link as opened until an edit, then carries the unknown keys', () => {
  const link = '#v=1&ip=V6ONLY&launch=FARGATE&deploy=BlueGreen&utm_source=chat&tasks=700&type=c5.lrage';
  return withPage(b, { url: srv.origin + '/' + link, permissions: ['clipboard-read', 'clipboard-write'] }, async (pg) => {
    for (const id of ['ip-v6only', 'launch-fargate', 'deploy-bluegreen']) {
      assert.equal(await pg.locator('#' + id).isChecked(), true, id);
    }
    assert.equal(await pg.locator('#ip-v4').isChecked(), false);
    // The unknown key and the typo are named.
    const notice = pg.locator('#notices');
    assert.match(await notice.locator('li[data-key="utm_source"]').innerText(), /utm_source: not a key/);
    assert.match(await notice.locator('li[data-key="type"]').innerText(), /c5\.lrage/);
    // The address bar keeps the link exactly as opened…
    await pg.waitForTimeout(600); // longer than the address bar's delay after an edit
    assert.equal(await pg.evaluate(() => location.hash), link);
    // …until the user edits; then it is the plan's link, with the unknown key carried along.
    await pg.getByLabel('Desired tasks').fill('800');
    await pg.waitForFunction(() => location.hash.includes('tasks=800'));
    const after = await pg.evaluate(() => location.hash);
    assert.ok(after.endsWith('&utm_source=chat'), after);
    assert.match(after, /ip=v6only/);
    assert.match(after, /launch=fargate/);
    // "Copy link" carries it too.
    await pg.locator('#copy-link').click();
    await pg.locator('#share-status', { hasText: 'Link copied' }).waitFor();
    assert.ok((await pg.evaluate(() => navigator.clipboard.readText())).endsWith('&utm_source=chat'));
  });
});

test('3. imported task subnets in the VPC\'s primary CIDR state no secondary CIDR in the page, the link or the exports', () => withPage(b, {
  url: srv.origin + '/', permissions: ['clipboard-read', 'clipboard-write'],
}, async (pg) => {
  const text = await fixture('three-az.json');
  await pg.locator('#existing summary').click();
  await pg.locator('#subnets-json').fill(text);
  await pg.locator('#read-subnets').click();
  // Hosts: the /24s; tasks: the /20s, all in the VPC's 10.0.0.0/16.
  for (const s of JSON.parse(text).Subnets) {
    const r = s.CidrBlock.endsWith('/24') ? 0 : 1;
    await pg.locator(`#subnets-table tr[data-subnet="${s.SubnetId}"] input[type=radio]`).nth(r).check();
    await pg.waitForFunction(([id, r]) => document.querySelector(`#subnets-table tr[data-subnet="${id}"]`).querySelectorAll('input[type=radio]')[r].checked, [s.SubnetId, r]);
  }
  await pg.locator('.subnets-read .note', { hasText: 'primary CIDR' }).waitFor();
  await pg.locator('#use-subnets').click();
  await pg.locator('#task-place').waitFor();
  assert.equal(await pg.locator('#tcidr').count(), 0, 'no task CIDR field');
  await pg.waitForFunction(() => location.hash.includes('tnets=10.0.16.0/20'));
  const hash = await pg.evaluate(() => location.hash);
  assert.doesNotMatch(hash, /tcidr|tsub|100\.64/);
  await pg.locator('.exports summary').click();
  for (const f of ['json', 'markdown']) {
    await pg.locator(`#copy-${f}`).click();
    await pg.locator('#share-status', { hasText: 'copied' }).waitFor();
    const out = await pg.evaluate(() => navigator.clipboard.readText());
    assert.doesNotMatch(out, /100\.64/, f);
    assert.match(out, /primary/, f);
  }
}));

test('6. an IPv6-only Fargate plan shows no EC2 preconditions', () => withPage(b, { url: srv.origin + '/#v=1&launch=fargate&ip=v6only' }, async (pg) => {
  const w = await pg.locator('[data-warning="ipv6-only"]').innerText();
  assert.match(w, /Fargate/);
  assert.match(w, /platform version 1\.4\.0/);
  assert.doesNotMatch(w, /container instances|agent|primary IPv6 address/);
  await withPage(b, { url: srv.origin + '/#v=1&ip=v6only' }, async (ec2) => {
    assert.match(await ec2.locator('[data-warning="ipv6-only"]').innerText(), /agent 1\.99\.1/);
  });
}));

test('8. task subnets overlapping carved host subnets: the message names the AZs and roles, next to the controls that fix it', () => withPage(b, {
  url: srv.origin + '/#v=1&vpc=10.20.0.0/16&sec=1&tnets=10.20.48.0/20,10.20.16.0/20,10.20.64.0/20&zones=us-east-1a,us-east-1b,us-east-1c',
}, async (pg) => {
  const msg = "AZ 2 (us-east-1b)'s task subnet 10.20.16.0/20 overlaps AZ 2 (us-east-1b)'s host subnet 10.20.16.0/20 (carved in order from 10.20.0.0/16)";
  for (const id of ['tnets', 'host']) {
    assert.match(await pg.locator(`#${id}-error`).innerText(), new RegExp(msg.replace(/[().\/]/g, '\\$&')), id);
  }
  assert.equal(await pg.locator('#hnets-error').count(), 0, 'not under the empty host subnets field');
}));

test('10. subnets imported for an IPv4 plan that have no IPv6 block are named once the plan turns dual stack', () => withPage(b, { url: srv.origin + '/' }, async (pg) => {
  await pg.locator('#existing summary').click();
  await pg.locator('#subnets-json').fill(await fixture('three-az.json'));
  await pg.locator('#read-subnets').click();
  await pg.locator('#use-subnets').click();
  await pg.waitForFunction(() => location.hash.includes('hv6='));
  assert.equal(await pg.locator('[data-warning="no-ipv6-block"]').count(), 0, 'an IPv4 plan needs no IPv6 block');
  await pg.locator('#ip-dual').check();
  const warning = pg.locator('[data-warning="no-ipv6-block"]');
  await warning.waitFor();
  assert.match(await warning.innerText(), /subnet-0a1b2c3d4e5f60011/);
  assert.match(await warning.innerText(), /no IPv6 CIDR block/);
  // The link carries what the import knew: opened afresh, it warns the same.
  await pg.waitForFunction(() => location.hash.includes('ip=dual'));
  assert.match(await pg.evaluate(() => location.hash), /hv6=-,-,-/);
  await pg.reload();
  await ready(pg);
  await pg.locator('[data-warning="no-ipv6-block"]', { hasText: 'subnet-0a1b2c3d4e5f60011' }).waitFor();
}));

test('11. the largest count adds its leading AZs right; exports name the AZs; the Terraform of imported subnets needs no vpc_id; subnets in the plan import are pointed to the subnet import', () => withPage(b, {
  url: srv.origin + '/#v=1&vpc=10.0.0.0/16&hnets=10.0.0.0/24,10.0.1.0/24@1,10.0.2.0/24@1&hid=subnet-0a1b2c3d4e5f60001,subnet-0a1b2c3d4e5f60002,subnet-0a1b2c3d4e5f60003&zones=us-east-1a,us-east-1b,us-east-1c&tasks=100',
  permissions: ['clipboard-read', 'clipboard-write'],
}, async (pg) => {
  await pg.locator('#plan .metric-button', { has: pg.locator('[data-metric="max-tasks"]') }).click();
  const region = pg.locator('#x-max-tasks[aria-busy="false"]');
  await region.waitFor();
  assert.match(await region.innerText(), /n = 166 per AZ × 3 AZs \+ 1 \(the first AZ has room for one more\) = 499/);
  assert.equal(await pg.locator('#plan tr[data-az="2"][data-subnet="host"] th').innerText().then((t) => t.split(/\s/)[0]), 'us-east-1b');
  await pg.locator('.exports summary').click();
  await pg.locator('#copy-terraform').click();
  await pg.locator('#share-status', { hasText: 'copied' }).waitFor();
  const tf = await pg.evaluate(() => navigator.clipboard.readText());
  assert.doesNotMatch(tf, /variable "vpc_id"/);
  assert.match(tf, /# us-east-1b: 10\.0\.1\.0\/24/);
  await pg.locator('#copy-markdown').click();
  await pg.locator('#share-status', { hasText: 'Markdown copied' }).waitFor();
  assert.match(await pg.evaluate(() => navigator.clipboard.readText()), /\| Per AZ \| us-east-1a \| us-east-1b \| us-east-1c \|/);
  // describe-subnets output given to the plan import: where it goes.
  const dir = await mkdtemp(path.join(os.tmpdir(), 'awsvpc-'));
  const file = path.join(dir, 'subnets.json');
  await writeFile(file, await fixture('three-az.json'));
  await pg.locator('#import-json').setInputFiles(file);
  await pg.locator('#share-status', { hasText: 'Import existing subnets' }).waitFor();
  assert.match(await pg.locator('#share-status').innerText(), /describe-subnets/);
}));

test('11. the import textarea is marked invalid while its text cannot be read', () => withPage(b, { url: srv.origin + '/' }, async (pg) => {
  await pg.locator('#existing summary').click();
  await pg.locator('#subnets-json').fill('{"Vpcs": []}');
  await pg.locator('#read-subnets').click();
  await pg.locator('#subnets-error').waitFor();
  assert.equal(await pg.locator('#subnets-json').getAttribute('aria-invalid'), 'true');
  assert.equal(await pg.locator('#subnets-json').getAttribute('aria-describedby'), 'subnets-error');
  await below(pg);
}));

test('11. usable IPv6 per subnet reads 2^64 − 5, not a 20-digit number; the data-value keeps the exact count', () => withPage(b, { url: srv.origin + '/#v=1&ip=dual' }, async (pg) => {
  const card = pg.locator('#plan [data-metric="ipv6-per-subnet"]').first();
  await card.waitFor();
  assert.equal(await card.getAttribute('data-value'), String(2n ** 64n - 5n));
  assert.match(await card.innerText(), /^2\^64 − 5$/);
}));
