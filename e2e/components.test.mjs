// Issue 13: the page as Yew components. Keyed rows keep the focus on their type, the picker
// ignores keys during an IME composition, a broken JSON import says where and keeps the plan,
// and the embed snippet is valid HTML that opens the same plan.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { serve, browser, withPage, metric, metrics, below } from './harness.mjs';

let srv, b;
before(async () => { srv = await serve(); b = await browser(); });
after(async () => { await b?.close(); await srv?.close(); });

/** Sets a control's value and fires its event from script, so the focus stays where it is. */
const setFromScript = (pg, selector, value, event) => pg.evaluate(([s, v, ev]) => {
  const el = document.querySelector(s);
  el.value = v;
  el.dispatchEvent(new Event(ev, { bubbles: true }));
}, [selector, value, event]);

const focused = (pg) => pg.evaluate(() => {
  const a = document.activeElement;
  return [a?.dataset.action ?? a?.tagName, a?.dataset.type ?? '', a?.closest('tr')?.dataset.type ?? ''];
});

test('after the ranking is re-sorted and then filtered, the focused Pin button is still on the same type', () => withPage(b, { url: srv.origin + '/' }, async (pg) => {
  await below(pg);
  await pg.locator('#rank-family').fill('m7g');
  await pg.waitForFunction(() => [...document.querySelectorAll('#ranking tbody tr')].every((r) => r.dataset.type.startsWith('m7g')));
  const order = () => pg.$$eval('#ranking tbody tr', (rs) => rs.map((r) => r.dataset.type));
  const before = await order();
  await pg.locator('#ranking tr[data-type="m7g.xlarge"] [data-action="pin"]').focus();
  assert.deepEqual(await focused(pg), ['pin', 'm7g.xlarge', 'm7g.xlarge']);
  // Re-sort by name: the rows move.
  await setFromScript(pg, '#rank-sort', 'name', 'change');
  await pg.waitForFunction((b) => {
    const now = [...document.querySelectorAll('#ranking tbody tr')].map((r) => r.dataset.type);
    return now.join() !== b.join() && now.join() === [...now].sort().join();
  }, before);
  assert.deepEqual(await focused(pg), ['pin', 'm7g.xlarge', 'm7g.xlarge'], 'after the re-sort');
  // Filter: rows before it go away.
  await setFromScript(pg, '#rank-family', 'm7g.x', 'input');
  await pg.waitForFunction(() => [...document.querySelectorAll('#ranking tbody tr')].every((r) => r.dataset.type.startsWith('m7g.x')));
  assert.deepEqual(await focused(pg), ['pin', 'm7g.xlarge', 'm7g.xlarge'], 'after the filter');
  // Enter pins the type the focus is on.
  await pg.keyboard.press('Enter');
  await pg.locator('#pinned tr[data-type="m7g.xlarge"]').waitFor();
}));

test('during an IME composition, Enter does not pick an option in the picker', () => withPage(b, { url: srv.origin + '/' }, async (pg) => {
  const input = pg.getByRole('combobox', { name: 'Instance type' });
  await input.fill('m6i.8x');
  await pg.getByRole('option', { name: /m6i\.8xlarge/ }).first().waitFor();
  // The IME confirms its composition with Enter: the keydown says isComposing.
  await input.evaluate((el) => el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', isComposing: true, bubbles: true, cancelable: true })));
  await pg.waitForTimeout(100);
  assert.equal(await input.inputValue(), 'm6i.8x', 'nothing picked during the composition');
  assert.equal(await input.getAttribute('aria-expanded'), 'true', 'the list stays open');
  // After the composition, Enter picks.
  await input.press('Enter');
  assert.equal(await input.inputValue(), 'm6i.8xlarge');
}));

test('a JSON import with a syntax error names the line and column, and the plan is unchanged', () => withPage(b, { url: srv.origin + '/#v=1&tasks=1234&type=m6i.large' }, async (pg) => {
  await pg.waitForFunction(() => document.querySelector('#plan [data-metric="tasks-per-instance"]'));
  const before = await metrics(pg, '#plan');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'awsvpc-'));
  const file = path.join(dir, 'broken.json');
  await writeFile(file, '{\n  "schema": 2,\n  "inputs": { "tasks": 5 \n');
  await pg.locator('.exports summary').click();
  await pg.locator('#import-json').setInputFiles(file);
  const status = pg.locator('#share-status', { hasText: 'Could not import' });
  await status.waitFor();
  assert.match(await status.innerText(), /line \d+,? column \d+/);
  assert.equal(await status.getAttribute('class'), 'error', 'not shown as a success');
  assert.deepEqual(await metrics(pg, '#plan'), before, 'the plan is unchanged');
  assert.equal(await pg.locator('#tasks').inputValue(), '1234');
}));

// A docs host's path and query: what the browser keeps raw (&) and what it encodes (", <).
const HOSTED = '/?team=a&b&note="<x>#v=1&tasks=4321&type=m6i.large&trunk=1';
test('a copied embed snippet whose link holds &, " and < is valid HTML and opens the same plan', () => withPage(b, {
  url: srv.origin + HOSTED, permissions: ['clipboard-read', 'clipboard-write'],
}, async (pg) => {
  await pg.waitForFunction(() => document.querySelector('#plan [data-metric="tasks-per-instance"]')?.dataset.value === '10');
  await pg.locator('#copy-embed').click();
  await pg.locator('#share-status', { hasText: 'Embed code copied' }).waitFor();
  const code = await pg.evaluate(() => navigator.clipboard.readText());
  assert.ok(!/style=/.test(code), 'no inline style a strict host CSP would block');
  // Parsed by the browser's own HTML parser: one iframe whose src is the plan's link.
  const src = await pg.evaluate((html) => {
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const frames = doc.querySelectorAll('iframe');
    return frames.length === 1 ? frames[0].getAttribute('src') : null;
  }, code);
  const here = await pg.evaluate(() => location.href.split('#')[0]);
  assert.ok(src && src.startsWith(here + '#v=1&'), `${src} vs ${here}`);
  assert.ok(src.includes('embed=1') && src.includes('tasks=4321'), src);
  await withPage(b, { url: src }, async (fresh) => {
    await fresh.locator('#embed-summary').waitFor();
    assert.equal(await metric(fresh, 'tasks-per-instance'), 10);
    assert.equal(await metric(fresh, 'instances'), await metric(pg, 'instances'));
  });
}));
