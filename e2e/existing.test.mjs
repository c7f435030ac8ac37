// Issue 14: plan against the subnets you already have. Paste describe-subnets output, mark each
// AZ's host and task subnet, use them: the page's numbers count what is in use now (checked
// against the fixture, computed here), and the copied link reproduces them without the import.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { serve, browser, withPage, metric, metrics, below, root } from './harness.mjs';

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
