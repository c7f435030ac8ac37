// Issue 23, items 7 and 11: the per-subnet tables at phone width (each row a card, nothing
// clipped, nothing scrolls sideways, still tables for assistive technology), and an open
// explanation of a headline number that leaves no blank space beside it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { serve, browser, withPage, root } from './harness.mjs';

let srv, b;
before(async () => { srv = await serve(); b = await browser(); });
after(async () => { await b?.close(); await srv?.close(); });

const PHONE = { viewport: { width: 375, height: 800 }, isMobile: true, hasTouch: true };
const fixture = (name) => readFile(path.join(root, 'tests/fixtures/subnets', name), 'utf8');

/** Every box of `table` (caption, cells and what they hold) that is not inside the viewport's
 * width, and whether the table's scroller or the page scrolls sideways. */
const overflow = (pg, table) => pg.locator(table).evaluate((t) => {
  const vw = document.documentElement.clientWidth;
  const out = [];
  for (const e of t.querySelectorAll('caption, tbody th, tbody td, tbody th *, tbody td *')) {
    const r = e.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.left < -0.5 || r.right > vw + 0.5) out.push(`${e.tagName.toLowerCase()} "${e.textContent.trim().slice(0, 30)}" ${Math.round(r.left)}–${Math.round(r.right)}`);
  }
  const wrap = t.closest('.table-wrap');
  return {
    outside: out,
    scroller: wrap.scrollWidth - wrap.clientWidth,
    page: document.documentElement.scrollWidth - vw,
    cells: t.querySelectorAll('tbody td').length,
  };
});

test('at 375 px both per-subnet tables are cards: every cell within the viewport, nothing scrolls sideways, still tables', async () => {
  for (const colorScheme of ['light', 'dark']) await withPage(b, { url: srv.origin + '/', ...PHONE, colorScheme }, async (pg) => {
    // Named subnets, a host and a task subnet in every AZ.
    await pg.locator('#existing summary').click();
    await pg.locator('#subnets-json').fill(await fixture('three-az.json'));
    await pg.locator('#read-subnets').click();
    await pg.locator('#subnets-table').waitFor();
    for (const id of await pg.$$eval('#subnets-table tr[data-subnet]', (rs) => rs.map((r) => r.dataset.subnet))) {
      const cidr = await pg.locator(`#subnets-table tr[data-subnet="${id}"] td.cidr`).innerText();
      const radio = pg.locator(`#subnets-table tr[data-subnet="${id}"] input[type=radio]`).nth(cidr.trim().endsWith('/24') ? 0 : 1);
      await radio.check();
      await pg.waitForFunction((id) => document.querySelector(`#subnets-table tr[data-subnet="${id}"] input:checked`), id);
    }
    const imported = await overflow(pg, '#subnets-table');
    assert.deepEqual(imported.outside, [], 'import table: boxes outside the viewport');
    assert.ok(imported.cells >= 6 * 5);
    assert.equal(imported.scroller, 0, 'the import table does not scroll sideways');
    // Each cell says what it is (its column's heading), and the radios can be reached.
    const labels = await pg.$$eval('#subnets-table tr[data-subnet] td', (tds) => tds.map((td) => getComputedStyle(td, '::before').content));
    assert.ok(labels.every((l) => /CIDR|Usable|In use now|Host|Task/.test(l)), labels.join());
    await pg.getByRole('radio', { name: 'us-east-1a: Not in this plan', exact: true }).scrollIntoViewIfNeeded();
    assert.ok(await pg.getByRole('radio', { name: 'us-east-1a: Not in this plan', exact: true }).isVisible());
    await pg.locator('#subnets-table').scrollIntoViewIfNeeded();
    await pg.screenshot({ path: path.join(root, 'e2e/.out', `narrow-import-${colorScheme}.png`) });
    await pg.locator('#use-subnets').click();
    await pg.waitForFunction(() => document.querySelectorAll('#plan table.per-az tr[data-subnet="task"]').length === 3);
    const perAz = await overflow(pg, '#plan table.per-az');
    assert.deepEqual(perAz.outside, [], 'per-subnet table: boxes outside the viewport');
    assert.equal(perAz.cells, 6 * 8);
    assert.equal(perAz.scroller, 0, 'the per-subnet table does not scroll sideways');
    assert.equal(perAz.page, 0, 'the page does not scroll sideways');
    // Used, Peak and Free are on screen, labelled, with their numbers.
    for (const [m, label] of [['az-used', 'Used'], ['az-peak', 'Peak'], ['az-free', 'Free at peak']]) {
      const cell = pg.locator(`#plan tr[data-az="1"][data-subnet="host"] [data-metric="${m}"]`);
      await cell.scrollIntoViewIfNeeded();
      assert.ok(await cell.isVisible(), m);
      assert.match(await cell.evaluate((c) => getComputedStyle(c, "::before").content), new RegExp(`^"${label}"`));
    }
    await pg.locator('#plan table.per-az').scrollIntoViewIfNeeded();
    await pg.screenshot({ path: path.join(root, 'e2e/.out', `narrow-per-az-${colorScheme}.png`) });
    // Still tables: rows, cells and their column headers, as before.
    for (const [name, columns] of [[/^Subnets of /, 6], [/^IPv4 per subnet/, 9]]) {
      const table = pg.getByRole('table', { name });
      assert.equal(await table.getByRole('columnheader').count(), columns);
      assert.ok(await table.getByRole('cell').count() >= 3 * 5);
      assert.ok(await table.getByRole('rowheader').count() >= 3);
    }
  });
});

/** Each headline card's box (its summary) in the plan. */
const cards = (pg) => pg.$$eval('#plan details.metric > summary', (ss) => ss.map((s) => {
  const r = s.getBoundingClientRect();
  return { x: r.x, y: r.y + scrollY, h: r.height };
}));

test('an open explanation takes the row below its card: no card grows, no blank space beside it', async () => {
  for (const opts of [{}, { colorScheme: 'dark' }, PHONE, { ...PHONE, colorScheme: 'dark' }]) {
    await withPage(b, { url: srv.origin + '/', ...opts }, async (pg) => {
      const closed = await cards(pg);
      const grid = pg.locator('#plan .metrics');
      const closedHeight = (await grid.boundingBox()).height;
      const summary = pg.locator('#plan details.metric > summary').nth(1);
      await summary.click();
      const region = pg.getByRole('region', { name: 'How Instances is computed' });
      await region.and(pg.locator('[aria-busy="false"]')).waitFor();
      const open = await cards(pg);
      const box = await region.boundingBox();
      const gridBox = await grid.boundingBox();
      const name = JSON.stringify(opts);
      // The open card stays where it was, and no card is taller than it was closed.
      assert.ok(Math.abs(open[1].x - closed[1].x) < 1 && Math.abs(open[1].y - closed[1].y) < 1, `the open card moved (${name})`);
      for (const [i, c] of open.entries()) assert.ok(c.h <= closed[i].h + 3, `card ${i} grew from ${closed[i].h} to ${c.h} px (${name})`);
      // The explanation is as wide as the grid, right below the open card's row, and the grid
      // grows by the explanation alone.
      assert.ok(box.width >= gridBox.width - 2, `explanation ${box.width} px in a ${gridBox.width} px grid (${name})`);
      const rowBottom = Math.max(...open.filter((c) => Math.abs(c.y - open[1].y) < 1).map((c) => c.y + c.h));
      const top = box.y + (await pg.evaluate(() => scrollY));
      assert.ok(top - rowBottom >= 0 && top - rowBottom < 16, `explanation ${top - rowBottom} px below its row (${name})`);
      assert.ok(gridBox.height <= closedHeight + box.height + 16, `the grid grew by ${gridBox.height - closedHeight} px for a ${box.height} px explanation (${name})`);
      await grid.screenshot({ path: path.join(root, 'e2e/.out', `explanation-${opts.viewport?.width ?? 1280}-${opts.colorScheme ?? 'light'}.png`) });
      // Closed again, the cards are as they were.
      await summary.click();
      await region.waitFor({ state: 'detached' });
      assert.deepEqual(await cards(pg), closed);
    });
  }
});
