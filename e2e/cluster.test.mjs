// Issue 24: a whole cluster. Built by keyboard, its numbers are the core's (computed natively by
// `awsvpc-plan`, the same calc crate, for the page's own link); the link reproduces it in a
// fresh context; removing services returns to today's numbers; every bad input shows its
// message next to its service's control.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFile, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { serve, browser, withPage, root, axe, copied } from './harness.mjs';

const shot = (name) => path.join(root, process.env.SCREENSHOTS === '1' ? 'docs' : 'e2e/.out', name);

let srv, b;
before(async () => { srv = await serve(); b = await browser(); });
after(async () => { await b?.close(); await srv?.close(); });

/** The core's numbers for a link: `cargo run --bin awsvpc-plan` (native). */
function core(link) {
  const r = spawnSync('cargo', ['run', '--quiet', '--locked', '--bin', 'awsvpc-plan', '--', link], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, `awsvpc-plan ${link}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** What the page shows: every headline number and every service's figure, by data-metric. */
async function shown(pg) {
  return pg.evaluate(() => {
    const metrics = {};
    for (const e of document.querySelectorAll('#plan .metrics [data-metric]')) metrics[e.dataset.metric] = e.dataset.value;
    const services = {};
    for (const e of document.querySelectorAll('#services-table [data-service][data-metric]')) {
      (services[e.dataset.service] ??= {})[e.dataset.metric] = e.dataset.value;
    }
    return { metrics, services };
  });
}

/** Checks the page shows exactly the core's numbers for the link in its address bar. */
async function sameAsCore(pg) {
  const link = await pg.evaluate(() => location.hash);
  const want = core(link);
  const got = await shown(pg);
  for (const [m, v] of Object.entries(got.metrics)) assert.equal(v, want.metrics[m], `${m} for ${link}`);
  assert.ok(Object.keys(got.metrics).length >= 5, 'the headline numbers are shown');
  assert.deepEqual(got.services, want.services, link);
  return { link, want };
}

/** The focused element's id. */
const focused = (pg) => pg.evaluate(() => document.activeElement?.id);

test('a three-service cluster with a daemon, built by keyboard, shows the core\'s numbers; its link reproduces it; removing the services returns to today\'s numbers', () => withPage(b, { url: srv.origin + '/' }, async (pg) => {
  const today = await shown(pg);
  await pg.locator('#trunk').focus();
  await pg.keyboard.press('Space');
  // A log daemon in awsvpc: one task and one slot on every instance.
  await pg.locator('#add-service').focus();
  await pg.keyboard.press('Enter');
  await pg.waitForFunction(() => document.activeElement?.id === 'svc1-name');
  await pg.keyboard.press('Control+A');
  await pg.keyboard.type('log');
  await pg.keyboard.press('Tab');
  assert.equal(await focused(pg), 'svc1-sched');
  await pg.keyboard.press('ArrowDown'); // Replica → Daemon
  await pg.waitForFunction(() => !document.getElementById('svc1-tasks'));
  for (const [id, v] of [['svc1-launch', null], ['svc1-net', null], ['svc1-cpu', '128'], ['svc1-mem', '256']]) {
    await pg.keyboard.press('Tab');
    assert.equal(await focused(pg), id);
    if (v !== null) await pg.keyboard.type(v);
  }
  // A CPU-hungry worker.
  await pg.locator('#add-service').focus();
  await pg.keyboard.press('Enter');
  await pg.waitForFunction(() => document.activeElement?.id === 'svc2-name');
  await pg.keyboard.press('Control+A');
  await pg.keyboard.type('worker');
  for (const [id, v] of [['svc2-sched', null], ['svc2-tasks', '40'], ['svc2-launch', null], ['svc2-net', null], ['svc2-cpu', '512'], ['svc2-mem', '1024']]) {
    await pg.keyboard.press('Tab');
    assert.equal(await focused(pg), id);
    if (v !== null) {
      await pg.keyboard.press('Control+A');
      await pg.keyboard.type(v);
    }
  }
  await pg.waitForFunction(() => location.hash.includes('svc=worker,tasks:40,cpu:512,mem:1024'));
  assert.match(await pg.evaluate(() => location.hash), /trunk=1.*&svc=log,sched:daemon,cpu:128,mem:256&svc=worker,tasks:40,cpu:512,mem:1024/);
  const { link, want } = await sameAsCore(pg);
  // c5.large with trunking: 10 slots, the daemon takes one: 9 of the first service per instance.
  assert.equal(want.services.app['per-instance'], '9');
  await pg.locator('#plan').screenshot({ path: shot('screenshot-cluster.png') });
  // Each AZ says what fills its instances.
  assert.match(await pg.locator('.cluster .fill li').first().innerText(), /ENI slots bind on \d+ \(10 slots, 1 taken by the daemon log\)/);
  assert.deepEqual(await axe(pg), []);

  // The link, in a fresh context, shows the same cluster and numbers.
  await withPage(b, { url: srv.origin + '/' + link }, async (fresh) => {
    await fresh.locator('#services-table').waitFor();
    assert.deepEqual(await shown(fresh), await shown(pg));
  });

  // Removing by keyboard keeps the focus on the rows, then on "Add a service".
  await pg.getByRole('button', { name: 'Remove Service 3: worker' }).focus();
  await pg.keyboard.press('Enter');
  await pg.waitForFunction(() => !document.getElementById('svc2-name'));
  assert.ok(await pg.evaluate(() => !!document.activeElement?.closest('.service-row')), 'the focus stays on a row');
  await pg.getByRole('button', { name: 'Remove Service 2: log' }).focus();
  await pg.keyboard.press('Enter');
  await pg.waitForFunction(() => !document.getElementById('services-table'));
  assert.equal(await focused(pg), 'add-service');
  await pg.locator('#trunk').focus();
  await pg.keyboard.press('Space');
  await pg.waitForFunction(() => !location.hash.includes('svc=') && location.hash.includes('trunk=0'));
  // Today's numbers again: the default plan's headline.
  await pg.waitForFunction((v) => document.querySelector('#plan [data-metric="instances"]')?.dataset.value === v, today.metrics.instances);
  assert.deepEqual(await shown(pg), today);
  assert.equal(today.metrics['ips-usable'], '12273');
}));

// (what, link or typed edit, the message's element, what it says)
const BAD = [
  ['two services with one name', '#v=1&svc=app,tasks:1', '#svc1-name-error', /"app" is listed twice/],
  ['a daemon on Fargate', '#v=1&svc=logs,sched:daemon,launch:fargate,cpu:256,mem:512', '#svc1-sched-error', /Fargate runs no daemon services/],
  ['a bridge service on Fargate', '#v=1&svc=b,tasks:2,net:bridge,launch:fargate,cpu:256,mem:512', '#svc1-net-error', /awsvpc network mode only/],
  ['a bridge service without task memory', '#v=1&svc=b,tasks:3,net:bridge', '#svc1-mem-error', /give a task memory/],
  ['daemons that alone do not fit', '#v=1&svc=big,sched:daemon,mem:100000', '#svc1-mem-error', /take 100,000 MiB on every instance, but c5\.large has 3,717 MiB/],
  ['a task that fits no instance', '#v=1&svc=w,tasks:1,cpu:99999', '#svc1-cpu-error', /does not fit on c5\.large/],
  ['more than 20 services', '#v=1' + Array.from({ length: 20 }, (_, i) => `&svc=s${i + 1},tasks:1`).join(''), '#svc20-name-error', /21 services: a cluster plan holds 1 to 20/],
  ['Windows with trunking', '#v=1&os=windows&trunk=1', '#os-error', /ENI trunking is not available on Windows/],
  ['Windows with dual stack', '#v=1&os=windows&ip=dual', '#os-error', /no IPv6 and no dual stack/],
];

for (const [what, link, at, says] of BAD) {
  test(`bad input: ${what} is named next to its control`, () => withPage(b, { url: srv.origin + '/' + link }, async (pg) => {
    const e = pg.locator(at);
    await e.waitFor();
    assert.match(await e.innerText(), says);
  }));
}

test('bad input typed: a target capacity outside 1–100 and a duplicate name are named next to their fields while the last plan stays', () => withPage(b, { url: srv.origin + '/#v=1&svc=worker,tasks:40' }, async (pg) => {
  await pg.locator('#services-table').waitFor();
  const before = await shown(pg);
  await pg.locator('#target').fill('0');
  await pg.locator('#target-error').waitFor();
  assert.match(await pg.locator('#target-error').innerText(), /0 is outside 1 to 100/);
  assert.deepEqual(await shown(pg), before, 'the last valid plan stays');
  await pg.locator('#target').fill('80');
  await pg.locator('#target-error').waitFor({ state: 'detached' });
  await pg.locator('#svc1-name').fill('app');
  await pg.locator('#svc1-name-error').waitFor();
  assert.match(await pg.locator('#svc1-name-error').innerText(), /listed twice/);
  assert.equal(await pg.locator('#plan .stale').count(), 1, 'marked as not matching the fields');
}));

test('a cluster\'s Markdown, CSV and JSON carry every service\'s figures as the page shows them; the JSON restores the cluster in a fresh page', () => withPage(b, {
  url: srv.origin + '/#v=1&type=m5.xlarge&trunk=1&svc=log,sched:daemon,cpu:128,mem:256&svc=cron,tasks:40,net:bridge,cpu:256,mem:512&svc=batch,tasks:25,launch:fargate,cpu:1024,mem:2048',
  permissions: ['clipboard-read', 'clipboard-write'],
}, async (pg) => {
  await pg.locator('#services-table').waitFor();
  const { services } = await shown(pg);
  assert.deepEqual(Object.keys(services), ['app', 'log', 'cron', 'batch']);
  const json = await copied(pg, 'json');
  const doc = JSON.parse(json);
  assert.deepEqual(doc.services.map((s) => s.name), Object.keys(services));
  const csv = (await copied(pg, 'csv')).trim().split('\r\n').map((l) => l.split(','));
  const md = await copied(pg, 'markdown');
  for (const [k, s] of doc.services.entries()) {
    for (const [m, v] of Object.entries(services[s.name])) {
      // The page's data-value is empty where a figure does not apply; the exports say null / empty.
      assert.equal(String(s.figures[m] ?? ''), v, `JSON ${s.name} ${m}`);
      assert.ok(csv.some((r) => r[0] === `service${k + 1}` && r[1] === m && r[2] === v), `CSV ${s.name} ${m} = ${v}`);
    }
    const row = md.split('\n').find((l) => l.startsWith(`| ${s.name} | ${s['per-az'].map((n) => n.toLocaleString('en-US')).join(' + ')} |`));
    assert.ok(row, `Markdown has ${s.name}'s figures`);
    assert.ok(row.includes(` ${Number(services[s.name].tasks).toLocaleString('en-US')} |`), `Markdown ${s.name} tasks`);
  }
  const tf = await copied(pg, 'terraform');
  for (const name of Object.keys(services)) assert.match(tf, new RegExp(`# Service ${name}: `));
  // Imported into a fresh page with the defaults, the JSON gives the same cluster and numbers.
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'awsvpc-')), 'cluster.json');
  await writeFile(file, json);
  await withPage(b, { url: srv.origin + '/' }, async (fresh) => {
    await fresh.locator('.exports summary').click();
    await fresh.locator('#import-json').setInputFiles(file);
    await fresh.locator('#share-status', { hasText: 'Plan imported' }).waitFor();
    await fresh.locator('#services-table').waitFor();
    assert.deepEqual(await shown(fresh), await shown(pg));
  });
}));
