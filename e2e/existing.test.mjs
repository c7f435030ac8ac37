// Issue 14: plan against the subnets you already have. Paste describe-subnets output, mark each
// AZ's host and task subnet, use them: the page's numbers count what is in use now (checked
// against the fixture, computed here), and the copied link reproduces them without the import.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { serve, browser, withPage, metric, metrics, below, root, axe } from './harness.mjs';

const shot = (name) => path.join(root, process.env.SCREENSHOTS === '1' ? 'docs' : 'e2e/.out', name);
const fixture = (name) => readFile(path.join(root, 'tests/fixtures/subnets', name), 'utf8');

let srv, b;
before(async () => { srv = await serve(); b = await browser(); });
after(async () => { await b?.close(); await srv?.close(); });

/** usable = 2^(32 − prefix) − 5; in use = usable − AvailableIpAddressCount. */
const inUse = (s) => 2 ** (32 - Number(s.CidrBlock.split('/')[1])) - 5 - s.AvailableIpAddressCount;

async function paste(pg, text) {
  await pg.locator('#existing summary').click();
  await pg.locator('#subnets-json').fill(text);
  await pg.locator('#read-subnets').click();
}

test('pasted describe-subnets output, with host and task subnets picked, plans what is in use now; the link reproduces it', async () => {
  const text = await fixture('three-az.json');
  const subnets = JSON.parse(text).Subnets;
  const name = (s) => s.Tags.find((t) => t.Key === 'Name').Value;
  await withPage(b, {
    url: srv.origin + '/', viewport: { width: 1280, height: 1100 }, permissions: ['clipboard-read', 'clipboard-write'],
  }, async (pg) => {
    await paste(pg, text);
    await pg.locator('#subnets-table').waitFor();
    // Every subnet is listed with its in-use figure.
    for (const s of subnets) {
      const row = pg.locator(`#subnets-table tr[data-subnet="${s.SubnetId}"]`);
      assert.equal(await row.locator('[data-in-use]').getAttribute('data-in-use'), inUse(s).toLocaleString('en-US'), s.SubnetId);
    }
    // Hosts: the /24s; tasks: the /20s.
    for (const s of subnets) {
      const role = s.CidrBlock.endsWith('/24') ? 'host' : 'task';
      await pg.getByRole('radio', { name: `${name(s)} (${s.SubnetId}): ${role} subnet of ${s.AvailabilityZone}` }).check();
      await pg.waitForFunction(([id, r]) => {
        const row = document.querySelector(`#subnets-table tr[data-subnet="${id}"]`);
        return row && row.querySelectorAll('input[type=radio]')[r === 'host' ? 0 : 1].checked;
      }, [s.SubnetId, role]);
    }
    await pg.locator('#use-subnets').click();
    const want = subnets.reduce((n, s) => n + inUse(s), 0);
    await pg.waitForFunction((w) => document.querySelector('#plan [data-metric="ips-in-use"]')?.dataset.value === String(w), want);
    assert.equal(await pg.locator('#azs').inputValue(), '3');
    assert.equal(await pg.getByRole('checkbox', { name: 'Separate task subnets' }).isChecked(), true);
    // Each subnet's row counts its in-use addresses in what it uses.
    for (const s of subnets) {
      const kind = s.CidrBlock.endsWith('/24') ? 'host' : 'task';
      const az = ['us-east-1a', 'us-east-1b', 'us-east-1c'].indexOf(s.AvailabilityZone) + 1;
      const used = Number(await pg.locator(`#plan tr[data-az="${az}"][data-subnet="${kind}"] [data-metric="az-used"]`).getAttribute('data-value'));
      assert.ok(used >= inUse(s), `${s.SubnetId}: ${used} ≥ ${inUse(s)}`);
    }
    await pg.waitForFunction(() => /hnets=10\.0\.0\.0\/24@37,10\.0\.1\.0\/24@61,10\.0\.2\.0\/24/.test(location.hash));
    await pg.locator('#existing').scrollIntoViewIfNeeded();
    await pg.screenshot({ path: shot('screenshot-existing.png') });
    await below(pg);
    const shown = await metrics(pg);
    await pg.locator('#copy-link').click();
    await pg.locator('#share-status', { hasText: 'Link copied' }).waitFor();
    const url = await pg.evaluate(() => navigator.clipboard.readText());
    await withPage(b, { url }, async (fresh) => {
      await fresh.locator('#plan [data-metric="ips-in-use"]').waitFor();
      await below(fresh);
      assert.deepEqual(await metrics(fresh), shown, 'the link alone reproduces every number');
      assert.equal(await metric(fresh, 'ips-in-use'), want);
    });
  });
});

test('bad describe-subnets input gets its own message and the plan stays', () => withPage(b, { url: srv.origin + '/#v=1&tasks=1234' }, async (pg) => {
  await pg.locator('#plan [data-metric="ips-used"]').waitFor();
  const before = await metric(pg, 'ips-used');
  await pg.locator('#existing summary').click();
  for (const [file, says] of [
    ['not-json.txt', /line \d+,? column \d+/],
    ['describe-vpcs.json', /describe-vpcs/],
    ['describe-instances.json', /describe-instances/],
  ]) {
    await pg.locator('#subnets-json').fill(await fixture(file));
    await pg.locator('#read-subnets').click();
    const err = pg.locator('#subnets-error');
    await err.waitFor();
    assert.match(await err.innerText(), says, file);
  }
  // Two VPCs: pick one.
  await pg.locator('#subnets-json').fill(await fixture('two-vpcs.json'));
  await pg.locator('#read-subnets').click();
  await pg.locator('#subnets-vpc').waitFor();
  assert.ok((await pg.locator('#subnets-vpc option').count()) >= 2);
  // An IPv6-only subnet is offered only for IPv6-only tasks, and says why.
  await pg.locator('#subnets-json').fill(await fixture('ipv6-only.json'));
  await pg.locator('#read-subnets').click();
  await pg.locator('#subnets-table').waitFor();
  const disabled = pg.locator('#subnets-table input[type=radio][disabled]');
  assert.ok((await disabled.count()) > 0);
  assert.match(await disabled.first().getAttribute('title'), /IPv6-only/);
  assert.equal(await metric(pg, 'ips-used'), before, 'the plan is unchanged');
  assert.equal(await pg.locator('#tasks').inputValue(), '1234');
}));

// Issue 23, item 4: more AZs than a plan spans is not a dead end. Each AZ's host choices end with
// "Not in this plan", the message names it, and choosing it (here by keyboard) leaves the AZ out.
test('seven AZs: the message names the control; leaving one out by keyboard makes a six-AZ plan', () => withPage(b, { url: srv.origin + '/' }, async (pg) => {
  await paste(pg, await fixture('seven-azs.json'));
  const errors = pg.locator('#subnets-errors');
  await errors.waitFor();
  assert.match(await errors.innerText(), /7 AZs have a host subnet: a plan spans at most 6; leave 1 out by choosing “Not in this plan” as its host subnet/);
  assert.equal(await pg.locator('#use-subnets').count(), 0, 'nothing to use yet');
  assert.equal(await pg.locator('#subnets-table tbody[data-az]').count(), 7);
  // The control the message names, one per AZ, labelled with its AZ, visible text included.
  const out = pg.getByRole('radio', { name: 'us-east-1d: Not in this plan', exact: true });
  assert.equal(await out.isChecked(), false);
  assert.match(await out.locator('xpath=..').innerText(), /Not in this plan/);
  // By keyboard: from the AZ's host subnet, the arrow key moves the choice to "Not in this plan".
  await pg.getByRole('radio', { name: /: host subnet of us-east-1d$/ }).focus();
  await pg.keyboard.press('ArrowDown');
  await pg.locator('#use-subnets:not([disabled])').waitFor();
  assert.equal(await out.isChecked(), true);
  assert.equal(await pg.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'us-east-1d: Not in this plan', 'the focus stays on the choice');
  assert.equal(await pg.locator('#subnets-errors').count(), 0);
  await pg.locator('#use-subnets').press('Enter');
  await pg.waitForFunction(() => document.querySelector('#azs')?.value === '6');
  await pg.waitForFunction(() => new Set([...document.querySelectorAll('#plan tr[data-az]')].map((r) => r.dataset.az)).size === 6);
  const rows = await pg.locator('#plan table.per-az tbody th').allInnerTexts();
  assert.equal(rows.length, 6);
  assert.ok(rows.every((r) => !r.includes('us-east-1d')), rows.join('; '));
  await pg.waitForFunction(() => /[#&]az=6(&|$)/.test(location.hash) && !decodeURIComponent(location.hash).includes('us-east-1d'));
}));

// Issue 23, item 9: a file dropped on the visible drop target is read like a chosen one (same
// reader, same 5 MB limit and message); the file input inside the target is the keyboard's way.
test('a describe-subnets file dropped on the drop target is read; over 5 MB says so, dropped or chosen', () => withPage(b, { url: srv.origin + '/' }, async (pg) => {
  await pg.locator('#existing summary').click();
  const zone = pg.locator('#subnets-drop');
  assert.ok(await zone.isVisible(), 'a visible drop target');
  assert.match(await zone.innerText(), /Drop the file here/);
  assert.equal(await zone.getByLabel('or choose the file').getAttribute('type'), 'file', 'with the file input in it');
  const idle = await zone.evaluate((z) => getComputedStyle(z).borderColor);
  const text = await fixture('three-az.json');
  const files = (list) => pg.evaluateHandle((list) => {
    const d = new DataTransfer();
    for (const [name, body] of list) d.items.add(new File([typeof body === 'number' ? 'x'.repeat(body) : body], name, { type: 'application/json' }));
    return d;
  }, list);
  const dt = await files([['subnets.json', text]]);
  await zone.dispatchEvent('dragenter', { dataTransfer: dt });
  await zone.dispatchEvent('dragover', { dataTransfer: dt });
  await pg.locator('#subnets-drop.over').waitFor();
  assert.notEqual(await zone.evaluate((z) => getComputedStyle(z).borderColor), idle, 'highlighted while a file is over it');
  await zone.dispatchEvent('drop', { dataTransfer: dt });
  await pg.locator('#subnets-table').waitFor();
  assert.equal(await pg.locator('#subnets-drop.over').count(), 0);
  assert.equal(await pg.locator('#subnets-json').inputValue(), text, 'the file\'s text is shown');
  assert.equal(await pg.locator('#subnets-table tr[data-subnet]').count(), JSON.parse(text).Subnets.length);
  // Over the 5 MB limit: the same message whether dropped or chosen.
  await zone.dispatchEvent('drop', { dataTransfer: await files([['big.json', 6_000_001]]) });
  const err = pg.locator('#subnets-error');
  await err.waitFor();
  const dropped = await err.innerText();
  assert.match(dropped, /the file is 6 MB; describe-subnets output over 5 MB is not read/);
  await pg.locator('#subnets-json').fill('');
  await pg.locator('#subnets-file').setInputFiles({ name: 'subnets.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await pg.locator('#subnets-table').waitFor();
  await pg.locator('#subnets-file').setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: Buffer.alloc(6_000_001, 'x') });
  await err.waitFor();
  assert.equal(await err.innerText(), dropped);
  // Something that is not a file (text dragged from another page) is named, not ignored.
  const words = await pg.evaluateHandle(() => { const d = new DataTransfer(); d.setData('text/plain', 'hello'); return d; });
  await zone.dispatchEvent('drop', { dataTransfer: words });
  await pg.waitForFunction(() => /not a file/.test(document.querySelector('#subnets-error')?.textContent ?? ''));
}));

// The import panel with subnets read has no accessibility violations (the radios, the drop
// target, the cards at phone width).
test('axe: the import panel with subnets read, at desktop and phone width', async () => {
  for (const opts of [{}, { viewport: { width: 375, height: 800 }, isMobile: true, hasTouch: true }, { colorScheme: 'dark' }]) {
    await withPage(b, { url: srv.origin + '/', ...opts }, async (pg) => {
      await paste(pg, await fixture('seven-azs.json'));
      await pg.locator('#subnets-errors').waitFor();
      await pg.getByRole('radio', { name: 'us-east-1d: Not in this plan', exact: true }).check();
      await pg.locator('#use-subnets:not([disabled])').waitFor();
      assert.deepEqual(await axe(pg), [], `axe violations (${JSON.stringify(opts)})`);
    });
  }
});
