// What a person sees and does: type an instance type, flip toggles, enter a bad CIDR, open an
// explanation, read the four-scenario comparison; axe-core finds no violations; screenshots.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serve, browser, withPage, metric, below, root, axe } from './harness.mjs';

// Screenshots go to e2e/.out/ on every run (look at them there); `SCREENSHOTS=1` writes them
// into docs/ instead, to refresh the ones the README shows.
const shot = (name) => path.join(root, process.env.SCREENSHOTS === '1' ? 'docs' : 'e2e/.out', name);

let srv, b;
before(async () => { srv = await serve(); b = await browser(); });
after(async () => { await b?.close(); await srv?.close(); });

const waitMetric = (pg, name, value, scope = '#plan') => pg.waitForFunction(
  ([s, n, v]) => document.querySelector(`${s} [data-metric="${n}"]`)?.dataset.value === v, [scope, name, String(value)]);

test('typing an instance type updates the density', () => withPage(b, { url: srv.origin + '/' }, async (pg) => {
  const input = pg.getByRole('combobox', { name: 'Instance type' });
  await input.fill('m6i.8x');
  await pg.getByRole('option', { name: /m6i\.8xlarge/ }).first().waitFor();
  await input.press('Enter');
  assert.equal(await input.inputValue(), 'm6i.8xlarge');
  await waitMetric(pg, 'tasks-per-instance', 7);
  await pg.getByRole('checkbox', { name: 'ENI trunking' }).check();
  await waitMetric(pg, 'tasks-per-instance', 90);
}));

test('each toggle changes the plan', () => withPage(b, { url: srv.origin + '/' }, async (pg) => {
  assert.equal(await metric(pg, 'ips-usable'), 12273);
  await pg.getByRole('checkbox', { name: 'Separate task subnets' }).check();
  await waitMetric(pg, 'ips-usable', 61410);
  assert.equal(await metric(pg, 'max-tasks'), 24546);
  await pg.getByRole('checkbox', { name: 'ENI trunking' }).check();
  await waitMetric(pg, 'max-tasks', 49137);
  await pg.getByRole('checkbox', { name: 'Separate task subnets' }).uncheck();
  await waitMetric(pg, 'max-tasks', 10227);
  await pg.getByRole('radio', { name: 'Dual stack' }).check();
  await pg.locator('#plan [data-metric="ipv6-per-subnet"]').waitFor();
  assert.equal(await metric(pg, 'ips-used'), 1204); // dual stack: same IPv4 use
  await pg.getByRole('radio', { name: 'IPv6-only' }).check();
  await waitMetric(pg, 'ips-used', 204); // only instances (2 each) use IPv4
  await pg.getByRole('radio', { name: 'Blue/green' }).check();
  await pg.getByRole('radio', { name: 'Fargate' }).check();
  await waitMetric(pg, 'ips-used', 0);
}));

test('a bad CIDR shows a message next to the field and the rest keeps its numbers', () => withPage(b, { url: srv.origin + '/' }, async (pg) => {
  await pg.getByLabel('Desired tasks').fill('2000');
  await waitMetric(pg, 'ips-used', 3001);
  await pg.getByLabel('VPC CIDR').fill('172.31.0.0/33');
  const err = pg.locator('#vpc-error');
  await err.waitFor();
  assert.match(await err.innerText(), /172\.31\.0\.0\/33/);
  assert.equal(await pg.getByLabel('VPC CIDR').getAttribute('aria-invalid'), 'true');
  assert.equal(await metric(pg, 'ips-used'), 3001, 'the last valid plan stays');
  assert.equal(await pg.getByLabel('Desired tasks').inputValue(), '2000', 'nothing typed is lost');
  assert.equal(await pg.getByLabel('VPC CIDR').inputValue(), '172.31.0.0/33');
  assert.deepEqual(await axe(pg), [], 'no accessibility violations in the error state');
  await pg.screenshot({ path: shot('screenshot-error.png') });
  await pg.getByLabel('VPC CIDR').fill('10.0.0.0/16');
  await pg.locator('#vpc-error').waitFor({ state: 'detached' });
  assert.equal(await metric(pg, 'ips-usable'), 12273);
}));

test('a number opens its explanation with formula and source, by keyboard', () => withPage(b, { url: srv.origin + '/' }, async (pg) => {
  // Every number is one disclosure (a <details> the page owns), opened and closed by keyboard.
  const btn = pg.locator('#plan .metric-button', { has: pg.locator('[data-metric="ips-usable"]') });
  const disclosure = pg.locator('#plan details.metric', { has: pg.locator('[data-metric="ips-usable"]') });
  await btn.focus();
  await pg.keyboard.press('Enter');
  assert.notEqual(await disclosure.getAttribute('open'), null, 'open');
  const region = pg.getByRole('region', { name: /How Usable IPv4 is computed/ });
  await region.and(pg.locator('[aria-busy="false"]')).waitFor(); // written by the extras worker
  const text = await region.innerText();
  assert.match(text, /2\^\(32 − 20\) − 5 = 4,091/);
  assert.match(text, /Subnet CIDR blocks/);
  await pg.keyboard.press('Enter');
  await pg.waitForFunction((d) => !d.open, await disclosure.elementHandle());
  // The per-AZ table explains itself too (a native disclosure).
  const summary = pg.locator('#plan .explain-az summary');
  await summary.focus();
  await pg.keyboard.press('Enter');
  await pg.locator('#plan .explain-az .formula').waitFor();
  assert.match(await pg.locator('#plan .explain-az').innerText(), /AZ 1 host 172\.31\.0\.0\/20: 2\^\(32 − 20\) − 5 = 4,091 usable; 167 instances × 1 \+ 334 task addresses \+ 0 other = 501 used/);
}));

test('the four scenarios for 1,000 tasks and 100.64.0.0/16 in /18 task subnets', () => withPage(b, { url: srv.origin + '/' }, async (pg) => {
  await pg.getByLabel('Desired tasks').fill('1000');
  await pg.getByRole('checkbox', { name: 'Separate task subnets' }).check();
  await pg.getByLabel('Task CIDR', { exact: true }).fill('100.64.0.0/16');
  await pg.getByLabel('Task subnet per AZ').selectOption('18');
  await below(pg);
  const want = { base: 8181, trunk: 10227, secondary: 24546, 'trunk-secondary': 49137 };
  for (const [s, v] of Object.entries(want)) {
    assert.equal(await metric(pg, 'max-tasks', `[data-scenario="${s}"]`), v, s);
  }
  assert.equal(await metric(pg, 'tasks-per-instance', '[data-scenario="trunk"]'), 10);
  assert.equal(await metric(pg, 'instances', '[data-scenario="trunk"]'), 102);
  // Every scenario's number explains itself, and an open explanation stays open across edits.
  const trunkMax = pg.locator('[data-scenario="trunk"] [data-x="x-trunk-max-tasks"]');
  await trunkMax.locator('summary').click();
  await trunkMax.locator('.explain').waitFor();
  assert.match(await trunkMax.innerText(), /10,227/);
  await pg.getByLabel('Desired tasks').fill('1100');
  await pg.waitForFunction(() => location.hash.includes('tasks=1100'));
  await pg.locator('#compare[aria-busy="false"]').waitFor();
  assert.equal(await metric(pg, 'instances', '[data-scenario="trunk"]'), 111);
  assert.notEqual(await trunkMax.getAttribute('open'), null, 'still open');
  assert.match(await trunkMax.locator('.explain').innerText(), /Source:/);
}));

test('screenshots and axe: light, dark, phone width', async () => {
  for (const [name, opts] of [['screenshot-light', {}], ['screenshot-dark', { colorScheme: 'dark' }],
    ['screenshot-phone', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }]]) {
    await withPage(b, { url: srv.origin + '/', colorScheme: 'light', ...opts }, async (pg) => {
      await below(pg); // the sections below the fold load when they come into view
      await pg.evaluate(() => window.scrollTo(0, 0));
      assert.deepEqual(await axe(pg), [], `axe violations in ${name}`);
      await pg.screenshot({ path: shot(`${name}.png`), fullPage: name === 'screenshot-phone' });
    });
  }
});

test('the ranking filters, sorts, pins up to four types and puts one to use', () => withPage(b, { url: srv.origin + '/' }, async (pg) => {
  await below(pg);
  await pg.locator('#ranking tbody tr').first().waitFor();
  await pg.locator('#rank-family').fill('m7g');
  await pg.waitForFunction(() => [...document.querySelectorAll('#ranking tbody tr')].every((r) => r.dataset.type.startsWith('m7g')));
  await pg.getByLabel('Sort by').selectOption('name');
  // The worker answers the new order: wait for it (and for the ranking not to be busy).
  await pg.waitForFunction(() => {
    const n = [...document.querySelectorAll('#ranking tbody tr')].map((r) => r.dataset.type);
    return document.querySelector('#types')?.getAttribute('aria-busy') === 'false' && n.join() === [...n].sort().join();
  });
  const names = await pg.$$eval('#ranking tbody tr', (rs) => rs.map((r) => r.dataset.type));
  assert.deepEqual(names, [...names].sort(), 'sorted by name');
  assert.ok(names.length >= 8, names.join());
  await pg.getByLabel('Architecture').selectOption('x86_64');
  await pg.waitForFunction(() => document.querySelectorAll('#ranking tbody tr').length === 0);
  await pg.getByLabel('Architecture').selectOption('');
  for (const n of names.slice(0, 4)) await pg.getByRole('button', { name: `Pin ${n}` }).first().click();
  await pg.waitForFunction(() => document.querySelectorAll('#pinned tbody tr').length === 4);
  assert.equal(await pg.getByRole('button', { name: `Pin ${names[4]}` }).first().isDisabled(), true, 'at most four');
  // Derived densities are marked, and the ranking explains itself.
  await pg.locator('#rank-family').fill('c7i.l');
  await pg.waitForFunction(() => document.querySelector('#ranking tr[data-type="c7i.large"]'));
  assert.equal(await pg.locator('#ranking tr[data-type="c7i.large"] [data-metric="k-with"]').innerText(), '10*');
  await pg.locator('#types .explain-az summary').click();
  await pg.locator('#types .explain-az .formula').waitFor(); // written by the worker once open
  assert.match(await pg.locator('#types .explain-az').innerText(), /instances = Σ over AZs ⌈tasks in the AZ ÷ k⌉/);
  await pg.locator('#rank-family').fill('m7g');
  await pg.getByRole('button', { name: `Use ${names[1]}` }).first().click();
  await pg.waitForFunction((n) => document.querySelector('#instance').value === n, names[1]);
  const k = await pg.locator(`#ranking tr[data-type="${names[1]}"] [data-metric="k-without"]`).getAttribute('data-value');
  assert.equal(String(await metric(pg, 'tasks-per-instance')), k, 'the plan uses the ranked density');
}));

test('existing subnets can be listed per AZ; a wrong list gets a message next to the field', () => withPage(b, { url: srv.origin + '/' }, async (pg) => {
  const field = pg.getByLabel('Host subnets (optional)');
  await field.fill('172.31.0.0/20, 172.31.16.0/20, 172.31.32.0/24');
  await waitMetric(pg, 'ips-usable', 4091 * 2 + 251);
  assert.equal(await metric(pg, 'max-tasks'), 3 * 167 + 2);
  // The link follows once typing pauses.
  await pg.waitForFunction(() => /hnets=172\.31\.0\.0\/20,172\.31\.16\.0\/20,172\.31\.32\.0\/24/.test(location.hash));
  await field.fill('172.31.0.0/20, 10.0.0.0/20, 172.31.32.0/24');
  await pg.locator('#hnets-error').waitFor();
  assert.match(await pg.locator('#hnets-error').innerText(), /AZ 2.s host subnet 10\.0\.0\.0\/20 is not inside the VPC CIDR 172\.31\.0\.0\/16/);
  assert.equal(await metric(pg, 'ips-usable'), 4091 * 2 + 251, 'the last valid plan stays');
}));

test('the comparison and the ranking are patched in place: focus and open explanations survive edits', () => withPage(b, { url: srv.origin + '/' }, async (pg) => {
  await below(pg);
  await pg.locator('#rank-family').fill('m7g');
  await pg.waitForFunction(() => [...document.querySelectorAll('#ranking tbody tr')].every((r) => r.dataset.type.startsWith('m7g')));
  // Pin by keyboard: the focus stays on the same row's button while the pinned table appears.
  const pin = pg.locator('#ranking tr[data-type="m7g.large"] [data-action="pin"]');
  await pin.focus();
  await pg.keyboard.press('Enter');
  await pg.locator('#pinned tr[data-type="m7g.large"]').waitFor();
  assert.deepEqual(await pg.evaluate(() => [document.activeElement?.closest('tr')?.dataset.type, document.activeElement?.closest('table')?.id, document.activeElement?.textContent]),
    ['m7g.large', 'ranking', 'Unpin']);
  // An edit re-plans: the rows are the same nodes, with new numbers.
  const row = await pg.locator('#ranking tr[data-type="m7g.large"]').elementHandle();
  await pg.getByLabel('Desired tasks').fill('3000');
  await pg.waitForFunction(() => document.querySelector('#ranking caption')?.textContent.includes('3,000 tasks'));
  assert.equal(await row.evaluate((r) => r.isConnected && r.closest('table')?.id), 'ranking', 'the row node was kept');
}));

// The fields are patched in place: what a used field shows (its value, checked or selected
// state) must follow the plan, not only its attributes.
test('a link opened after editing shows its own values in every field it sets', () => withPage(b, { url: srv.origin + '/' }, async (pg) => {
  await pg.locator('#tasks').fill('777');
  await pg.getByRole('checkbox', { name: 'ENI trunking' }).check();
  await pg.locator('#azs').selectOption('2');
  await pg.getByRole('radio', { name: 'Dual stack' }).check();
  await waitMetric(pg, 'tasks-per-instance', 10);
  await pg.evaluate(() => { location.hash = 'v=1&type=m6i.large&tasks=1234&az=4&trunk=0&ip=v4'; });
  await waitMetric(pg, 'tasks-per-instance', 2);
  assert.equal(await pg.locator('#tasks').inputValue(), '1234');
  assert.equal(await pg.locator('#instance').inputValue(), 'm6i.large');
  assert.equal(await pg.locator('#azs').inputValue(), '4');
  assert.equal(await pg.getByRole('checkbox', { name: 'ENI trunking' }).isChecked(), false);
  assert.equal(await pg.getByRole('radio', { name: 'IPv4' }).isChecked(), true);
  assert.equal(await pg.getByRole('radio', { name: 'Dual stack' }).isChecked(), false);
}));
