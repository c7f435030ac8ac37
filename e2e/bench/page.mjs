#!/usr/bin/env node
// Page benchmark (a script, not a test: `node --test e2e/` does not pick it up, since its name
// matches none of node's test-file patterns). Serves the release dist/ on 127.0.0.1 with the e2e
// harness, drives Debian's headless Chromium with the harness's flags, and prints Markdown:
//
//  (a) navigation → first result: fresh browser contexts (empty HTTP and code caches) load the page;
//      an init script's MutationObserver records performance.now() (ms since
//      performance.timeOrigin, i.e. since navigation start) when `#plan [data-metric="ips-usable"]`
//      first exists, and again after the next frame has rendered (rAF, then a MessageChannel task).
//  (b) input → paint: with the instance-type ranking (#ranking) scrolled into view, ≥ 200 edits of
//      "Desired tasks" (#tasks). Each edit is dispatched from page script at the start of a frame
//      (inside a requestAnimationFrame callback, so the wait for the next vsync is not counted):
//      t0 = performance.now(); el.value = n; el.dispatchEvent(new InputEvent('input')). A second
//      rAF callback of the same frame checks that `#plan [data-metric="ips-used"]` has a new
//      data-value and the ranking's caption changed (Yew renders in a microtask, so they have,
//      unless Yew yielded after 16 ms of rendering; then it polls frame by frame), then a
//      MessageChannel message, which runs after that frame's style, layout, paint and commit,
//      takes t1. Samples are kept in the page and returned at the end; p50/p95/max of t1 − t0.
//      Then 30 more edits under Chromium tracing split the main thread's time per edit by phase.
//  (c) navigation → first result on a slow link (a slow-3G-like profile set through the Chrome
//      DevTools Protocol: 400 ms round trip, 400 kbit/s down and up, CPU ×4), with dist/ served by
//      nginx and deploy/nginx.conf (e2e/nginx.mjs) as deployed, with its .br/.gz copies, next to
//      the same nginx with compression off. Loads alternate between the two.
//
// Usage: node e2e/bench/page.mjs [--slow-only]   (env: BENCH_LOADS=10, BENCH_EDITS=250,
//        BENCH_SLOW_LOADS=5 (0 skips (c)), BENCH_TIMEOUT_S=600,
//        CHROMIUM=/usr/bin/chromium). Builds dist/ with `trunk build --release` if it is missing or a
//        development build (`trunk serve`); fails if dist/ is rebuilt while it runs.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { serve, browser, page, dist, root } from '../harness.mjs';
import { startNginx } from '../nginx.mjs';

const LOADS = Math.max(1, Number(process.env.BENCH_LOADS ?? 10));
const EDITS = Math.max(200, Number(process.env.BENCH_EDITS ?? 250));
const WARMUP_EDITS = 10;
const TIMEOUT_S = Number(process.env.BENCH_TIMEOUT_S ?? 600);
const SLOW_LOADS = Math.max(0, Number(process.env.BENCH_SLOW_LOADS ?? 5));
// The slow link: round trip, throughput (both directions) and CPU slow-down.
const SLOW = { rttMs: 400, kbits: 400, cpu: 4 };
const GOAL_FIRST_MS = 300;
const GOAL_P95_MS = 8;

const log = (...a) => console.error('[bench:page]', ...a);

// The whole run stops by itself, whatever hangs.
const watchdog = setTimeout(() => {
  console.error(`[bench:page] timed out after ${TIMEOUT_S} s`);
  process.exit(124);
}, TIMEOUT_S * 1000);
watchdog.unref();

// `trunk serve` and debug builds write dist/ too; their index.html carries the live-reload socket.
const isDevBuild = () => /__trunk_address__|\.well-known\/trunk\/ws/.test(readFileSync(path.join(dist, 'index.html'), 'utf8'));
// What identifies the build served: file names (hashed) and the index's modification time.
const distStamp = () => readdirSync(dist).sort().join(',') + '@' + statSync(path.join(dist, 'index.html')).mtimeMs;

function buildIfMissing() {
  if (existsSync(path.join(dist, 'index.html')) && !isDevBuild()) return;
  log('dist/index.html is missing or a development build: trunk build --release');
  const env = {
    ...process.env,
    PATH: `${path.join(homedir(), '.cargo/bin')}:${path.join(root, 'node_modules/.bin')}:${process.env.PATH}`,
    TRUNK_SKIP_VERSION_CHECK: 'true',
  };
  const r = spawnSync('trunk', ['build', '--release'], { cwd: root, env, stdio: ['ignore', 2, 2], timeout: 30 * 60 * 1000 });
  if (r.status !== 0 || !existsSync(path.join(dist, 'index.html'))) {
    throw new Error(`trunk build --release failed (status ${r.status}${r.error ? ', ' + r.error.message : ''})`);
  }
  if (isDevBuild()) throw new Error('dist/ is still a development build');
}

/** Nearest-rank percentile of sorted numbers. */
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
const ms = (v) => (v == null || Number.isNaN(v) ? '—' : `${v.toFixed(1)} ms`);

// Installed before any page script: records when the first result exists and when it is painted.
function firstResultProbe() {
  const SEL = '#plan [data-metric="ips-usable"]';
  const mark = () => {
    if (window.__bench || !document.querySelector(SEL)) return false;
    const inDom = performance.now();
    window.__bench = { inDom };
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => { window.__bench.painted = performance.now(); };
      ch.port2.postMessage(0);
    });
    return true;
  };
  const mo = new MutationObserver(() => { if (mark()) mo.disconnect(); });
  mo.observe(document, { childList: true, subtree: true, attributes: true });
}

async function firstResult(b, origin) {
  const runs = [];
  for (let i = 0; i <= LOADS; i++) { // run 0 warms the browser processes and is not counted
    const pg = await page(b);
    pg.setDefaultTimeout(30_000);
    await pg.addInitScript(firstResultProbe);
    await pg.goto(origin + '/');
    await pg.waitForFunction(() => window.__bench?.painted !== undefined, null, { timeout: 30_000 });
    // The paint timing entry arrives once the frame is presented; it is informative, so do not fail.
    await pg.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, null, { timeout: 5_000 })
      .catch(() => {});
    const r = await pg.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const wasm = performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'));
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      return {
        ...window.__bench,
        html: nav?.responseEnd,
        wasm: wasm?.responseEnd,
        fcp: fcp?.startTime,
        value: document.querySelector('#plan [data-metric="ips-usable"]')?.dataset.value,
      };
    });
    if (r.value !== '12273') throw new Error(`unexpected first result ${r.value}`);
    if (pg.errors.length) throw new Error(`page errors: ${pg.errors.join('; ')}`);
    await pg.context().close();
    if (i > 0) runs.push(r);
    log(`load ${i}${i ? '' : ' (warm-up)'}: result in DOM ${ms(r.inDom)}, painted ${ms(r.painted)}`);
  }
  return runs;
}

// Runs in the page: `warm` + `edits` edits of #tasks with the values first, first + 1, …; see the top.
async function editLoop([warm, edits, first]) {
  const input = document.querySelector('#tasks');
  // The plan's number (rendered in the edit's own frame) and the ranking's caption (which names
  // the task count; it and the comparison come from the extras worker a few frames later).
  const metric = () => document.querySelector('#plan [data-metric="ips-used"]')?.dataset.value;
  const caption = () => document.querySelector('#ranking caption')?.textContent;
  const shown = () => ({ m: metric(), cap: caption() });
  const post = (f) => { const ch = new MessageChannel(); ch.port1.onmessage = f; ch.port2.postMessage(0); };
  const busy = () => document.querySelector('#compare')?.getAttribute('aria-busy') !== 'false';
  const edit = (n) => new Promise((resolve, reject) => {
    let t0, before, frames = 0, plan = null;
    requestAnimationFrame(() => { // frame start: dispatch
      before = shown();
      t0 = performance.now();
      input.value = String(n);
      input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertReplacementText', data: String(n) }));
    });
    const check = () => { // a later rAF callback: DOM state just before this frame's paint
      frames++;
      const tDom = performance.now();
      const now = shown();
      if (plan === null && now.m !== before.m) {
        plan = { dom: tDom - t0, frames };
        post(() => { plan.paint = performance.now() - t0; });
      }
      // Everything: the plan, and the comparison and ranking from the extras worker.
      if (plan !== null && now.cap !== before.cap && !busy()) post(() => resolve({ ...plan, all: performance.now() - t0 }));
      else if (tDom - t0 > 2000) reject(new Error(`no update for tasks=${n} after 2 s`));
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check); // same frame as the dispatch, after its microtasks (Yew's render)
  });
  const samples = [];
  for (let i = 0; i < warm + edits; i++) {
    const s = await edit(first + i);
    if (i >= warm) samples.push(s);
  }
  return { samples, final: metric(), tasks: input.value };
}

async function inputToPaint(b, origin) {
  const pg = await page(b);
  pg.setDefaultTimeout(30_000);
  await pg.goto(origin + '/');
  await pg.locator('#plan [data-metric="ips-usable"]').first().waitFor();
  await pg.locator('#types').scrollIntoViewIfNeeded(); // starts the extras worker
  await pg.locator('#ranking tbody tr').first().waitFor();
  const visible = await pg.evaluate(async () => {
    document.querySelector('#ranking').scrollIntoView({ block: 'start' });
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const r = document.querySelector('#ranking').getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, vh: innerHeight, rows: document.querySelectorAll('#ranking tbody tr').length };
  });
  if (!(visible.top < visible.vh && visible.bottom > 0)) throw new Error(`#ranking not in view: ${JSON.stringify(visible)}`);
  log(`#ranking in view (top ${visible.top.toFixed(0)} px of ${visible.vh}, ${visible.rows} rows); ${EDITS} edits…`);

  const res = await pg.evaluate(editLoop, [WARMUP_EDITS, EDITS, 1001]);
  const breakdown = await traced(b, pg, 1001 + WARMUP_EDITS + EDITS);
  if (pg.errors.length) throw new Error(`page errors: ${pg.errors.join('; ')}`);
  await pg.context().close();
  return { ...res, visible, breakdown };
}

const TRACED_EDITS = 30;
// Main-thread lifecycle phases of a frame (siblings, not nested, unless a script forces a layout).
const PHASES = [
  ['script (rAF callback: input event, Yew update and render)', ['FireAnimationFrame']],
  ['style', ['UpdateLayoutTree']],
  ['layout', ['Layout']],
  ['pre-paint, paint, layerize', ['PrePaint', 'Paint', 'Layerize']],
];

/** A separate pass of TRACED_EDITS edits under Chromium tracing (slower), to see where time goes. */
async function traced(b, pg, first) {
  const file = path.join(tmpdir(), `awsvpc-bench-trace-${process.pid}.json`);
  await b.startTracing(pg, { path: file, categories: ['devtools.timeline'] });
  try {
    await pg.evaluate(editLoop, [0, TRACED_EDITS, first]);
  } finally {
    await b.stopTracing();
  }
  const events = JSON.parse(readFileSync(file, 'utf8')).traceEvents;
  rmSync(file, { force: true });
  // The page's renderer main thread: the CrRendererMain thread with the most layouts.
  const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
    .map((e) => `${e.pid}:${e.tid}`));
  const count = {};
  for (const e of events) if (e.name === 'Layout' && mains.has(`${e.pid}:${e.tid}`)) count[`${e.pid}:${e.tid}`] = (count[`${e.pid}:${e.tid}`] ?? 0) + 1;
  const main = Object.entries(count).sort((a, b) => b[1] - a[1])[0]?.[0];
  // Sum the outermost events of each phase (a Paint of <html> nests in the Paint of the document).
  const sum = (names) => {
    const xs = events.filter((e) => e.ph === 'X' && `${e.pid}:${e.tid}` === main && names.includes(e.name))
      .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
    let total = 0, end = -Infinity;
    for (const e of xs) if (e.ts >= end) { total += e.dur ?? 0; end = e.ts + (e.dur ?? 0); }
    return total / 1000 / TRACED_EDITS;
  };
  const rows = PHASES.map(([label, names]) => [label, sum(names)]);
  return [...rows, ['**sum**', rows.reduce((t, [, v]) => t + v, 0)]];
}

/** (c): first result over a throttled link, from nginx with and without compression. */
async function slowFirstResult(b) {
  const ngx = await startNginx([{}, { compress: false }]);
  const servers = [['compressed (`.br`/`.gz` copies, `brotli_static`, `gzip_static`)', ngx.origins[0]], ['uncompressed (same nginx, both off)', ngx.origins[1]]];
  const runs = servers.map(() => []);
  try {
    for (const [, origin] of servers) { // unthrottled warm-up, not counted
      const pg = await page(b);
      await pg.goto(origin + '/');
      await pg.locator('#plan [data-metric="ips-usable"]').first().waitFor();
      await pg.context().close();
    }
    for (let i = 0; i < SLOW_LOADS; i++) {
      for (const [k, [label, origin]] of servers.entries()) {
        const pg = await page(b);
        pg.setDefaultTimeout(120_000);
        const cdp = await pg.context().newCDPSession(pg);
        await cdp.send('Network.enable');
        await cdp.send('Network.emulateNetworkConditions', {
          offline: false, latency: SLOW.rttMs, downloadThroughput: (SLOW.kbits * 1000) / 8, uploadThroughput: (SLOW.kbits * 1000) / 8,
        });
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOW.cpu });
        const enc = {};
        pg.on('response', async (r) => {
          const ext = path.extname(new URL(r.url()).pathname) || '.html';
          enc[ext] = (await r.allHeaders().catch(() => ({})))['content-encoding'] ?? 'none';
        });
        await pg.addInitScript(firstResultProbe);
        await pg.goto(origin + '/', { timeout: 120_000 });
        await pg.waitForFunction(() => window.__bench?.painted !== undefined, null, { timeout: 120_000 });
        const r = await pg.evaluate(() => {
          const nav = performance.getEntriesByType('navigation')[0];
          const res = performance.getEntriesByType('resource');
          const wasm = res.find((e) => e.name.endsWith('.wasm'));
          return {
            ...window.__bench,
            html: nav?.responseEnd,
            wasm: wasm?.responseEnd,
            bytes: [nav, ...res].reduce((t, e) => t + (e?.encodedBodySize ?? 0), 0),
            value: document.querySelector('#plan [data-metric="ips-usable"]')?.dataset.value,
          };
        });
        if (r.value !== '12273') throw new Error(`unexpected first result ${r.value}`);
        if (pg.errors.length) throw new Error(`page errors: ${pg.errors.join('; ')}`);
        await pg.context().close();
        runs[k].push({ ...r, enc: enc['.wasm'] ?? '?' });
        log(`slow link, ${label.split(' ')[0]} ${i + 1}/${SLOW_LOADS}: painted ${ms(r.painted)}, ${(r.bytes / 1024).toFixed(0)} KB, wasm ${enc['.wasm']}`);
      }
    }
  } finally {
    await ngx.stop();
  }
  return servers.map(([label], k) => ({ label, runs: runs[k] }));
}

function slowTable(slow) {
  const out = [];
  out.push(`**Navigation → first result on a slow link** (${SLOW.rttMs} ms round trip, ${SLOW.kbits} kbit/s down and up, CPU ×${SLOW.cpu}, set through the DevTools protocol; served by nginx 127.0.0.1 with \`deploy/nginx.conf\`; median of ${SLOW_LOADS} fresh contexts each, loads alternating; ms since navigation start):`);
  out.push('');
  out.push('| served | wasm encoding | bytes transferred (bodies) | HTML received | `.wasm` received | first result in the DOM | **first result painted** |');
  out.push('| --- | --- | ---: | ---: | ---: | ---: | ---: |');
  for (const { label, runs } of slow) {
    const med = (k) => stats(runs.map((r) => r[k]).filter((v) => v !== undefined)).p50;
    out.push(`| ${label} | ${[...new Set(runs.map((r) => r.enc))].join(', ')} | ${(med('bytes') / 1024).toFixed(1)} KB | ${ms(med('html'))} | ${ms(med('wasm'))} | ${ms(med('inDom'))} | **${ms(med('painted'))}** |`);
  }
  return out;
}

function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return { p50: pct(s, 50), p95: pct(s, 95), max: s[s.length - 1], min: s[0] };
}

async function main() {
  buildIfMissing();
  if (process.argv.includes('--slow-only')) {
    const b = await browser();
    try {
      console.log(slowTable(await slowFirstResult(b)).join('\n'));
    } finally {
      await b.close();
    }
    return;
  }
  const stamp = distStamp();
  const files = readdirSync(dist);
  const wasmFile = files.find((f) => f.endsWith('.wasm') && !f.startsWith('awsvpc-extras'));
  const built = new Date(statSync(path.join(dist, 'index.html')).mtimeMs).toISOString().replace(/\.\d+Z$/, 'Z');
  const srv = await serve();
  const b = await browser();
  const t = performance.now();
  try {
    log(`chromium ${b.version()}, ${srv.origin}, dist built ${built}`);
    const loads = await firstResult(b, srv.origin);
    const edits = await inputToPaint(b, srv.origin);

    const col = (k) => loads.map((r) => r[k]).filter((v) => v !== undefined);
    const paint = stats(edits.samples.map((s) => s.paint));
    const dom = stats(edits.samples.map((s) => s.dom));
    const all = stats(edits.samples.map((s) => s.all));
    const extraFrames = edits.samples.filter((s) => s.frames > 1).length;
    const ok = (v, goal) => (v <= goal ? '✅' : '❌');

    const out = [];
    out.push(`Headless Chromium ${b.version()} on 127.0.0.1, release \`dist/\` (\`${wasmFile}\`, ${(statSync(path.join(dist, wasmFile)).size / 1024).toFixed(0)} KB raw), viewport 1280×900.`);
    out.push('');
    out.push(`**Navigation → first result** (median of ${loads.length} fresh contexts, ms since navigation start):`);
    out.push('');
    out.push(`| step | median | min | max | goal ≤ ${GOAL_FIRST_MS} ms |`);
    out.push('| --- | ---: | ---: | ---: | :---: |');
    const row = (label, k, goal) => {
      const s = stats(col(k));
      out.push(`| ${label} | ${ms(s.p50)} | ${ms(s.min)} | ${ms(s.max)} | ${goal ? ok(s.p50, GOAL_FIRST_MS) : ''} |`);
    };
    row('HTML received', 'html');
    row('`.wasm` received', 'wasm');
    row('first result (`ips-usable`) in the DOM', 'inDom', true);
    row('**first result painted** (frame rendered on the main thread)', 'painted', true);
    row('first contentful paint (Chromium, presentation time; the page is empty before the app renders)', 'fcp', true);
    out.push('');
    out.push(`**Input → paint** (${edits.samples.length} edits of Desired tasks, ${(1001 + WARMUP_EDITS).toLocaleString('en-US')}–${(1000 + WARMUP_EDITS + EDITS).toLocaleString('en-US')} after ${WARMUP_EDITS} warm-up edits; \`#ranking\` in view with ${edits.visible.rows} rows; every edit re-plans on the page, and re-compares and re-ranks all types in the extras worker):`);
    out.push('');
    out.push('| measure | p50 | p95 | max | min |');
    out.push('| --- | ---: | ---: | ---: | ---: |');
    out.push(`| input event → plan's numbers in the DOM (script: parse, plan, render) | ${ms(dom.p50)} | ${ms(dom.p95)} | ${ms(dom.max)} | ${ms(dom.min)} |`);
    out.push(`| **input event → plan's numbers painted** | ${ms(paint.p50)} | ${ms(paint.p95)} | ${ms(paint.max)} | ${ms(paint.min)} |`);
    out.push(`| input event → comparison and ranking painted too (worker round trip, markup swapped in) | ${ms(all.p50)} | ${ms(all.p95)} | ${ms(all.max)} | ${ms(all.min)} |`);
    out.push('');
    out.push(`Goal p95 ≤ ${GOAL_P95_MS} ms: ${ms(paint.p95)} ${ok(paint.p95, GOAL_P95_MS)}. Edits that needed more than one frame: ${extraFrames}.`);
    out.push('');
    out.push(`Where the renderer's main thread spends an edit (mean of ${TRACED_EDITS} further edits under Chromium tracing, which adds overhead):`);
    out.push('');
    out.push('| phase | ms per edit |');
    out.push('| --- | ---: |');
    for (const [label, v] of edits.breakdown) out.push(`| ${label} | ${v.toFixed(1)} |`);
    out.push('');
    if (SLOW_LOADS > 0) out.push(...slowTable(await slowFirstResult(b)), '');
    out.push(`Page benchmark took ${((performance.now() - t) / 1000).toFixed(1)} s.`);
    // Other jobs share this tree: figures from a dist/ rebuilt mid-run would mix two builds.
    if (distStamp() !== stamp) throw new Error('dist/ was rebuilt during the benchmark (by another job?); run it again');
    console.log(out.join('\n'));
    if (edits.final === undefined || edits.tasks !== String(1000 + WARMUP_EDITS + EDITS)) throw new Error('the last edit did not land');
  } finally {
    await b.close();
    await srv.close();
  }
}

main().then(() => process.exit(0), (e) => {
  console.error('[bench:page] failed:', e?.stack ?? e);
  process.exit(1);
});
