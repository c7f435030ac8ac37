// Issue 17: the first screen arrives with the HTML (rendered at build time for the default plan);
// a link view never shows a number or a field value that is not the link's; the app takes over;
// without WebAssembly the default plan stays readable with a note.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, browser, withPage, ready, metric } from './harness.mjs';

let srv, b;
before(async () => { srv = await serve(); b = await browser(); });
after(async () => { await b?.close(); await srv?.close(); });

// Without JavaScript (and below, without the wasm) the app never takes over: these tests read
// the prerendered tree on purpose, and name it (#prerendered), so no locator can match the app's.
test('the default view shows 12,273 and a c5.large\'s 2 tasks with JavaScript disabled', () => withPage(b, {
  url: srv.origin + '/', ready: false, javaScriptEnabled: false,
}, async (pg) => {
  const usable = pg.locator('#prerendered #plan [data-metric="ips-usable"]');
  assert.equal(await usable.innerText(), '12,273');
  assert.equal(await pg.locator('#prerendered #plan [data-metric="tasks-per-instance"]').innerText(), '2');
  assert.ok(await usable.isVisible());
  assert.equal(await pg.locator('#prerendered #tasks').inputValue(), '1000', 'the inputs hold their defaults');
  assert.ok(await pg.locator('#prerendered #plan tr[data-az="3"][data-subnet="host"]').isVisible(), 'the per-AZ table');
  assert.match(await pg.locator('noscript').first().textContent(), /needs JavaScript and WebAssembly/);
}));

/** Records, on every animation frame from navigation until the app has mounted (and a few frames
 * more), every number and field value a person can see. */
const SAMPLER = () => {
  window.__samples = [];
  let after = 0;
  const visible = (e) => e.checkVisibility({ visibilityProperty: true, opacityProperty: true });
  const tick = () => {
    const s = [];
    for (const e of document.querySelectorAll('#plan [data-metric]')) if (visible(e)) s.push(['m:' + e.dataset.metric + ':' + (e.closest('[data-az]')?.dataset.az ?? '') + (e.closest('[data-subnet]')?.dataset.subnet ?? ''), e.textContent.trim()]);
    for (const e of document.querySelectorAll('input:not([type=file]), select')) if (e.id && visible(e)) s.push(['f:' + e.id, e.type === 'checkbox' || e.type === 'radio' ? String(e.checked) : e.value]);
    window.__samples.push(s);
    const mounted = document.getElementById('app-root') && !document.getElementById('prerendered');
    if (mounted) after += 1;
    if (after < 5) requestAnimationFrame(tick);
    else window.__done = true;
  };
  requestAnimationFrame(tick);
};

test('a link view never shows a number or a field value that differs from the link\'s plan', async () => {
  for (const link of ['#v=1&type=m6i.large&az=2&tasks=4321&trunk=1', '#v=1&tasks=2000&trunk=1&embed=1']) await withPage(b, async (pg) => {
    // Samples every frame from navigation on, the prerendered tree included, on purpose.
    await pg.addInitScript(SAMPLER);
    await pg.goto(srv.origin + '/' + link);
    await pg.waitForFunction(() => window.__done === true);
    const samples = await pg.evaluate(() => window.__samples);
    const final = new Map(samples.at(-1));
    assert.ok(final.size > 5, `the mounted app shows numbers (${link})`);
    assert.ok(samples.length >= 6);
    let seen = 0;
    for (const [i, s] of samples.entries()) {
      for (const [k, v] of s) {
        if (!final.has(k)) continue; // an element the link's view does not have: never a number
        assert.equal(v, final.get(k), `frame ${i}: ${k} showed ${v}, the link's plan says ${final.get(k)} (${link})`);
        seen += 1;
      }
    }
    assert.ok(seen > 0);
  });
});

test('after mount, typing in a field updates the numbers, and the first screen did not move', () => withPage(b, async (pg) => {
  await pg.addInitScript(() => {
    window.__shift = 0;
    new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__shift += e.value; })
      .observe({ type: 'layout-shift', buffered: true });
  });
  await pg.goto(srv.origin + '/');
  await ready(pg);
  assert.equal(await metric(pg, 'ips-used'), 1501);
  await pg.getByLabel('Desired tasks').fill('2000');
  await pg.waitForFunction(() => document.querySelector('#plan [data-metric="ips-used"]')?.dataset.value === '3001');
  const shift = await pg.evaluate(() => window.__shift);
  assert.ok(shift < 0.01, `cumulative layout shift ${shift}`);
}));

// What the blocked fetch of the wasm logs, on purpose.
const WASM_BLOCKED = /^(?:Failed to load resource: net::ERR_FAILED|TypeError: Failed to fetch)$/;
test('with the wasm blocked, the note appears: the default plan stays readable, a link shows no numbers', async () => {
  for (const [link, numbers] of [['', true], ['#v=1&az=2', false]]) await withPage(b, { ignoreErrors: WASM_BLOCKED }, async (pg) => {
    await pg.route(/awsvpc-planner_bg-[0-9a-f]+\.wasm$/, (r) => r.abort());
    await pg.goto(srv.origin + '/' + link);
    const note = pg.locator('.needs-wasm');
    await note.waitFor({ state: 'visible' });
    assert.match(await note.innerText(), /needs WebAssembly/);
    assert.equal(await pg.locator('#prerendered #plan [data-metric="ips-usable"]').isVisible(), numbers, link || 'default view');
  });
});

/** Records, on every animation frame until the app has mounted (and a few frames more), which
 * per-AZ rows a person can see, and whether the prerendered screen is still there. */
const ROWS = () => {
  window.__frames = [];
  let after = 0;
  const tick = () => {
    const rows = [...document.querySelectorAll('.per-az tr[data-az]')]
      .filter((r) => r.checkVisibility({ visibilityProperty: true }))
      .map((r) => r.dataset.az);
    const pre = !!document.getElementById('prerendered');
    window.__frames.push({ pre, azs: [...new Set(rows)] });
    if (!pre && document.getElementById('app-root')) after += 1;
    if (after < 5) requestAnimationFrame(tick);
    else window.__done = true;
  };
  requestAnimationFrame(tick);
};

test('a link for fewer AZs shows no more placeholder AZ rows than it has, in every frame before the app takes over', async () => {
  for (const [link, azs] of [['#v=1&az=2&tasks=500', ['1', '2']], ['#v=1&tasks=90&az=1', ['1']], ['#v=1&az=9', ['1', '2', '3']]]) await withPage(b, async (pg) => {
    // The wasm arrives late, so there are frames of the prerendered screen to look at.
    await pg.route(/awsvpc-planner_bg-[0-9a-f]+\.wasm$/, async (r) => {
      await new Promise((ok) => setTimeout(ok, 1200));
      await r.continue();
    });
    await pg.addInitScript(ROWS);
    await pg.goto(srv.origin + '/' + link);
    await pg.waitForFunction(() => window.__done === true, null, { timeout: 20_000 });
    const frames = await pg.evaluate(() => window.__frames);
    const placeholders = frames.filter((f) => f.pre);
    assert.ok(placeholders.length >= 10, `${placeholders.length} frames before the app took over (${link})`);
    for (const [i, f] of frames.entries()) {
      assert.ok(f.azs.length <= Math.min(azs.length, 3), `frame ${i}: AZ rows ${f.azs} for ${link}`);
    }
    assert.ok(placeholders.some((f) => f.azs.join() === azs.slice(0, 3).join()), `the placeholder keeps the link's ${azs.length} rows (${link})`);
    assert.deepEqual(frames.at(-1).azs, azs, `the app shows the link's AZs (${link})`);
  });
});
