#!/usr/bin/env node
// Page benchmark (a script, not a test: `node --test e2e/` does not pick it up, since its name
// matches none of node's test-file patterns). Serves the release dist/ (and, with BENCH_BEFORE, a
// second build's dist/ to compare with, side by side in the same run) on 127.0.0.1 with a static
// server like the e2e harness's (uncompressed), drives Debian's headless Chromium with the
// harness's flags, and prints Markdown:
//
//  (a) loads under three profiles set through the Chrome DevTools Protocol
//      (`Network.emulateNetworkConditions`, `Emulation.setCPUThrottlingRate`): loopback (none),
//      fast-4G-like (40 ms round trip, 9 Mbit/s, CPU ×4), slow-3G-like (400 ms, 400 kbit/s, CPU ×4).
//      Each load is a fresh browser context (empty HTTP and code caches) of the default view (`/`)
//      or a link view (LINK); builds and views alternate. An init script, installed before any page
//      script, records performance.now() (ms since navigation start):
//      - "first result": when `#plan [data-metric="ips-usable"]` is first shown: not inside a
//        `[hidden]` element and, when the document is marked `from-link` (a link view, whose
//        prerendered numbers CSS hides), not inside `#prerendered`; "painted" is after the next
//        frame has rendered (rAF, then a MessageChannel task). For a prerendered default view this
//        is the number in the HTML; for a link view it is the link's own number, after the app
//        has mounted;
//      - "mounted": `#prerendered` is gone and the first result is shown (the app's own render);
//      - "interactive": in the next task after "mounted", #tasks gets a new value and an `input`
//        event; when `#plan [data-metric="ips-used"]` shows a new data-value (checked each frame;
//        the edit is sent again if nothing changed after 500 ms), the frame after is rendered;
//      and Chromium's first-contentful-paint, the HTML's and the wasm's responseEnd.
//  (b) input → paint: with the instance-type ranking (#ranking) scrolled into view, ≥ 200 edits of
//      "Desired tasks" (#tasks), per build. Each edit is dispatched from page script at the start
//      of a frame (inside a requestAnimationFrame callback, so the wait for the next vsync is not
//      counted): t0 = performance.now(); el.value = n; el.dispatchEvent(new InputEvent('input')).
//      A second rAF callback of the same frame checks that `#plan [data-metric="ips-used"]` has a
//      new data-value and the ranking's caption changed (Yew renders in a microtask, so they have,
//      unless Yew yielded after 16 ms of rendering; then it polls frame by frame), then a
//      MessageChannel message, which runs after that frame's style, layout, paint and commit,
//      takes t1. Samples are kept in the page and returned at the end; p50/p95/max of t1 − t0.
//      Then 30 more edits under Chromium tracing split the main thread's time per edit by phase.
//  (c) navigation → first result on a slow link (the slow-3G-like profile), with dist/ served by
//      nginx and deploy/nginx.conf (e2e/nginx.mjs) as deployed, with its .br/.gz copies, next to
//      the same nginx with compression off; with BENCH_BEFORE, that build too, deployed the same way
//      (its .br/.gz copies written by scripts/precompress.mjs). Loads alternate between them.
//
//  (d) input → paint with issue 24's 10-service cluster (CLUSTER): 200 edits of the first service's
//      "Desired tasks", as (b) but without the traced pass.
//
// Usage: node e2e/bench/page.mjs [--slow-only | --cluster-only]
//   env: BENCH_BEFORE=<a release dist/ directory> (the build to compare with; none: this build only),
//        BENCH_BEFORE_LABEL (how the tables name it), BENCH_LOADS=15 (per profile, build and view),
//        BENCH_SLOW3G_LOADS (default BENCH_LOADS), BENCH_PROFILE_BUDGET_S=720 (a profile stops
//        starting new rounds after this, with at least 3 loads each; the tables say how many ran),
//        BENCH_EDITS=250, BENCH_SLOW_LOADS=5 (nginx; 0 skips (c)), BENCH_TIMEOUT_S=1200,
//        BENCH_RAW=<file> (every load's marks of (a) as JSON), BENCH_PROFILES=loopback,fast4g,slow3g,
//        CHROMIUM=/usr/bin/chromium.
//   Builds dist/ with `trunk build --release` if it is missing or a development build
//   (`trunk serve`); fails if dist/ is rebuilt while it runs.
import { spawnSync } from 'node:child_process';
import http from 'node:http';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cp, mkdtemp, readFile, stat } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { browser, page, dist, root } from '../harness.mjs';
import { startNginx } from '../nginx.mjs';
import { precompress } from '../../scripts/precompress.mjs';

const LOADS = Math.max(1, Number(process.env.BENCH_LOADS ?? 15));
const SLOW3G_LOADS = Math.max(1, Number(process.env.BENCH_SLOW3G_LOADS ?? LOADS));
const PROFILE_BUDGET_S = Number(process.env.BENCH_PROFILE_BUDGET_S ?? 720);
const EDITS = Math.max(200, Number(process.env.BENCH_EDITS ?? 250));
const WARMUP_EDITS = 10;
const TIMEOUT_S = Number(process.env.BENCH_TIMEOUT_S ?? 1200);
const SLOW_LOADS = Math.max(0, Number(process.env.BENCH_SLOW_LOADS ?? 5));
const BEFORE = process.env.BENCH_BEFORE && process.env.BENCH_BEFORE !== 'none' ? path.resolve(process.env.BENCH_BEFORE) : null;
const BEFORE_LABEL = process.env.BENCH_BEFORE_LABEL ?? 'before';
// The link view: a plan that differs from the default one in every number shown.
const LINK = '/#v=1&type=m6i.large&az=2&tasks=4321&trunk=1';
const DEFAULT_USABLE = '12273';
// The slow link of (c), and the profiles of (a). `goal`: issue 17's goal for the first result of
// the default view (median); issue 13's is GOAL_FIRST_MS on loopback.
const SLOW = { rttMs: 400, kbits: 400, cpu: 4 };
const ALL_PROFILES = [
  { key: 'loopback', label: 'loopback', net: null, cpu: 1, goal: 120, loads: LOADS, timeout: 30_000 },
  { key: 'fast4g', label: 'fast-4G-like (40 ms RTT, 9 Mbit/s, CPU ×4)', net: { rttMs: 40, kbits: 9000 }, cpu: 4, goal: 450, loads: LOADS, timeout: 60_000 },
  { key: 'slow3g', label: 'slow-3G-like (400 ms RTT, 400 kbit/s, CPU ×4)', net: { rttMs: SLOW.rttMs, kbits: SLOW.kbits }, cpu: SLOW.cpu, goal: 1400, loads: SLOW3G_LOADS, timeout: 120_000 },
];
// BENCH_PROFILES=loopback,fast4g,slow3g (the default: all) picks some.
const PROFILES = ALL_PROFILES.filter((p) => (process.env.BENCH_PROFILES ?? 'loopback,fast4g,slow3g').split(',').includes(p.key));
const INTERACTIVE_MARGIN = 1.1; // interactive ≤ the build before's first result + 10 %
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
const isDevBuild = (dir = dist) => /__trunk_address__|\.well-known\/trunk\/ws/.test(readFileSync(path.join(dir, 'index.html'), 'utf8'));
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

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json', '.png': 'image/png',
};

/** Serves `dir` at `/` as e2e/harness.mjs's serve() serves dist/: the file read per request, no
 * compression, no caching headers. */
async function serveDir(dir) {
  const server = http.createServer(async (req, res) => {
    let p = new URL(req.url, 'http://x').pathname;
    if (p.endsWith('/')) p += 'index.html';
    const file = path.join(dir, path.normalize(p));
    if (!file.startsWith(dir)) { res.writeHead(403); return res.end(); }
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      res.end(await readFile(file));
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((ok) => server.close(ok)) };
}

/** Nearest-rank percentile of sorted numbers. */
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
const ms = (v) => (v == null || Number.isNaN(v) ? '—' : `${v.toFixed(1)} ms`);
const ms0 = (v) => (v == null || Number.isNaN(v) ? '—' : `${Math.round(v).toLocaleString('en-US')} ms`);

// Installed before any page script (see (a) at the top).
function loadProbe() {
  const SEL = '#plan [data-metric="ips-usable"]';
  const USED = '#plan [data-metric="ips-used"]';
  const B = (window.__bench = {});
  const post = (f) => { const ch = new MessageChannel(); ch.port1.onmessage = f; ch.port2.postMessage(0); };
  const afterPaint = (f) => requestAnimationFrame(() => post(() => f(performance.now())));
  const shown = (el) => !el.closest('[hidden]')
    && !(document.documentElement.classList.contains('from-link') && el.closest('#prerendered'));
  const first = () => [...document.querySelectorAll(SEL)].find(shown);
  const mounted = () => !document.getElementById('prerendered') && first() !== undefined;
  let editing = false;
  const edit = () => {
    editing = true;
    B.mounted = performance.now();
    B.mountedValue = first().dataset.value;
    let tries = 0;
    const attempt = () => {
      const input = document.querySelector('#tasks');
      const used = () => document.querySelector(USED)?.dataset.value;
      const before = used();
      const v = String(1234 + tries++);
      const t0 = performance.now();
      input.value = v;
      input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertReplacementText', data: v }));
      const check = () => {
        if (used() !== before) {
          B.edited = performance.now();
          B.tries = tries;
          afterPaint((t) => { B.interactive = t; });
        } else if (performance.now() - t0 > 500 && tries < 20) attempt();
        else requestAnimationFrame(check);
      };
      requestAnimationFrame(check); // after the event's microtasks (Yew's render)
    };
    setTimeout(attempt, 0);
  };
  const check = () => {
    if (B.inDom === undefined) {
      const el = first();
      if (el) {
        B.inDom = performance.now();
        B.value = el.dataset.value;
        B.prerendered = el.closest('#prerendered') !== null;
        afterPaint((t) => { B.painted = t; });
      }
    }
    if (!editing && B.inDom !== undefined && mounted()) { edit(); mo.disconnect(); }
  };
  const mo = new MutationObserver(check);
  mo.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['hidden', 'class'] });
}

/** One fresh load of `url` under `profile`; returns the probe's marks and the page's timings. */
async function load(b, origin, url, profile, until = 'interactive') {
  const pg = await page(b);
  pg.setDefaultTimeout(profile.timeout);
  if (profile.net || profile.cpu > 1) {
    const cdp = await pg.context().newCDPSession(pg);
    if (profile.net) {
      const bytes = (profile.net.kbits * 1000) / 8;
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false, latency: profile.net.rttMs, downloadThroughput: bytes, uploadThroughput: bytes,
      });
    }
    if (profile.cpu > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu });
  }
  const enc = {};
  pg.on('response', async (r) => {
    const ext = path.extname(new URL(r.url()).pathname) || '.html';
    enc[ext] = (await r.allHeaders().catch(() => ({})))['content-encoding'] ?? 'none';
  });
  await pg.addInitScript(loadProbe);
  await pg.goto(origin + url, { waitUntil: 'commit', timeout: profile.timeout });
  // Polled every 250 ms (not every frame, which would add work to the frames measured).
  await pg.waitForFunction((k) => window.__bench?.[k] !== undefined && window.__bench?.painted !== undefined,
    until, { timeout: profile.timeout, polling: 250 });
  // The paint timing entry arrives once the frame is presented; informative, so do not fail.
  await pg.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, null, { timeout: 5_000, polling: 100 })
    .catch(() => {});
  const r = await pg.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const res = performance.getEntriesByType('resource');
    const wasm = res.find((e) => e.name.endsWith('.wasm'));
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    return {
      ...window.__bench,
      html: nav?.responseEnd,
      wasm: wasm?.responseEnd,
      fcp: fcp?.startTime,
      bytes: [nav, ...res].reduce((t, e) => t + (e?.encodedBodySize ?? 0), 0),
    };
  });
  if (pg.errors.length) throw new Error(`page errors: ${pg.errors.join('; ')}`);
  await pg.context().close();
  return { ...r, enc: enc['.wasm'] ?? '?' };
}

/** (a): every profile, build and view; loads alternate between builds and views. */
async function profiles(b, builds) {
  const out = {};
  // Unthrottled warm-up loads (browser processes, the servers' file cache), not counted.
  for (const bd of builds) for (const url of ['/', LINK]) await load(b, bd.origin, url, ALL_PROFILES[0]);
  for (const pr of PROFILES) {
    const runs = builds.map(() => ({ default: [], link: [] }));
    const t0 = performance.now();
    for (let i = 0; i < pr.loads; i++) {
      if (i >= 3 && (performance.now() - t0) / 1000 > PROFILE_BUDGET_S) {
        log(`${pr.key}: budget of ${PROFILE_BUDGET_S} s spent after ${i} rounds; stopping`);
        break;
      }
      const order = i % 2 ? [...builds.keys()].reverse() : [...builds.keys()];
      for (const k of order) {
        for (const [view, url] of [['default', '/'], ['link', LINK]]) {
          const r = await load(b, builds[k].origin, url, pr);
          if (view === 'default' && r.value !== DEFAULT_USABLE) throw new Error(`${builds[k].label}, ${pr.key}: default view showed ${r.value}`);
          if (view === 'link' && (r.value === DEFAULT_USABLE || r.value !== r.mountedValue)) {
            throw new Error(`${builds[k].label}, ${pr.key}: link view showed ${r.value} first, ${r.mountedValue} once mounted`);
          }
          runs[k][view].push(r);
        }
        const d = runs[k].default.at(-1), l = runs[k].link.at(-1);
        log(`${pr.key} ${i + 1}/${pr.loads} ${builds[k].label}: default fcp ${ms0(d.fcp)}, result in DOM ${ms0(d.inDom)}, painted ${ms0(d.painted)}, interactive ${ms0(d.interactive)}; link fcp ${ms0(l.fcp)}, numbers ${ms0(l.painted)}, interactive ${ms0(l.interactive)}`);
      }
    }
    out[pr.key] = { profile: pr, runs, seconds: (performance.now() - t0) / 1000 };
  }
  // Every load's marks, for a closer look (BENCH_RAW=<file>).
  if (process.env.BENCH_RAW) {
    writeFileSync(process.env.BENCH_RAW, JSON.stringify(Object.fromEntries(Object.entries(out).map(([k, v]) =>
      [k, Object.fromEntries(builds.map((bd, i) => [bd.label, v.runs[i]]))])), null, 1));
  }
  // Both builds must show the same link plan.
  const linkValues = new Set(Object.values(out).flatMap(({ runs }) => runs.flatMap((r) => r.link.map((x) => x.value))));
  if (linkValues.size !== 1) throw new Error(`the builds disagree on the link's plan: ${[...linkValues].join(', ')}`);
  return out;
}

async function editLoop([warm, edits, first, cluster = false]) {
  const input = document.querySelector('#tasks');
  // The plan's number (rendered in the edit's own frame) and the ranking's caption (which names
  // the task count; it and the comparison come from the extras worker a few frames later).
  const metric = () => document.querySelector('#plan [data-metric="ips-used"]')?.dataset.value;
  const caption = () => document.querySelector('#ranking caption')?.textContent;
  const shown = () => ({ m: metric(), cap: caption() });
  const post = (f) => { const ch = new MessageChannel(); ch.port1.onmessage = f; ch.port2.postMessage(0); };
  const busy = () => document.querySelector('#compare')?.getAttribute('aria-busy') !== 'false';
  const edit = (n) => new Promise((resolve, reject) => {
    let t0, before, frames = 0, plan = null, sections = null;
    // The moment the worker's answer is in the DOM, not rounded to frames (the rAF checks below
    // see it at the next frame at the earliest, ~16.7 ms after the dispatch).
    // A cluster's sections are done when the comparison, busy since the edit, is not any more
    // (the ranking's caption need not name the first service's count).
    let sawBusy = false;
    const done = (now) => (cluster ? sawBusy : now.cap !== before.cap) && !busy();
    const watch = new MutationObserver(() => {
      if (busy()) sawBusy = true;
      if (sections === null && before && done(shown())) sections = performance.now() - t0;
    });
    watch.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['aria-busy'] });
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
      if (busy()) sawBusy = true;
      if (plan !== null && done(now)) post(() => { watch.disconnect(); resolve({ ...plan, sections: sections ?? tDom - t0, all: performance.now() - t0 }); });
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

/** Issue 24's 10-service cluster: a web service (the form's own, whose "Desired tasks" the edits
 * change), five more awsvpc replica services of several sizes, a bridge one, a Fargate one, an
 * awsvpc log daemon and a bridge metrics daemon, on m6i.xlarge with trunking. */
const CLUSTER = '#v=1&name=web&type=m6i.xlarge&trunk=1&tasks=600&cpu=512&mem=1024'
  + '&svc=api,tasks:400,cpu:1024,mem:2048&svc=worker,tasks:300,cpu:2048,mem:4096&svc=cron,tasks:50,cpu:256,mem:512'
  + '&svc=admin,tasks:20&svc=search,tasks:120,cpu:1024,mem:8192&svc=sidecar,tasks:200,net:bridge,cpu:256,mem:256'
  + '&svc=batch,tasks:100,launch:fargate,cpu:1024,mem:2048&svc=log,sched:daemon,cpu:128,mem:256'
  + '&svc=metrics,sched:daemon,net:bridge,cpu:128,mem:128';
const CLUSTER_EDITS = 200;

async function inputToPaint(b, origin, cluster = false) {
  const pg = await page(b);
  pg.setDefaultTimeout(30_000);
  await pg.goto(origin + '/' + (cluster ? CLUSTER : ''));
  if (cluster) await pg.locator('#services-table tbody tr').nth(9).waitFor();
  await pg.locator('#plan [data-metric="ips-usable"]').first().waitFor();
  // A prerendered first screen is not the app: wait until the app has replaced it.
  await pg.waitForFunction(() => !document.getElementById('prerendered'));
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

  if (cluster) {
    const res = await pg.evaluate(editLoop, [WARMUP_EDITS, CLUSTER_EDITS, 601, true]);
    if (pg.errors.length) throw new Error(`page errors: ${pg.errors.join('; ')}`);
    const rows = await pg.locator('#services-table tbody tr').count();
    await pg.context().close();
    if (rows !== 10 || res.tasks !== String(600 + WARMUP_EDITS + CLUSTER_EDITS)) throw new Error(`the cluster's last edit did not land (${rows} services, tasks ${res.tasks})`);
    return res;
  }
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

/** (c): over the slow link, from nginx with and without compression: this build, and the build
 * before (when there is one) deployed the same way (a copy with its own .br/.gz copies written by
 * scripts/precompress.mjs, as post-build.mjs writes them for this build). */
async function slowFirstResult(b, builds = [{ label: 'this build', dir: dist }]) {
  const servers = [];
  const stops = [];
  const copies = [];
  try {
    for (const bd of builds) {
      let from = bd.dir;
      if (bd.dir !== dist) {
        from = await mkdtemp(path.join(tmpdir(), 'awsvpc-bench-before-'));
        copies.push(from);
        await cp(bd.dir, from, { recursive: true });
        await precompress(from);
      }
      const ngx = await startNginx([{}, { compress: false }], { from });
      stops.push(ngx.stop);
      servers.push({ build: bd.label, served: 'compressed (`.br`/`.gz` copies, `brotli_static`, `gzip_static`)', origin: ngx.origins[0], runs: [] });
      servers.push({ build: bd.label, served: 'uncompressed (same nginx, both off)', origin: ngx.origins[1], runs: [] });
    }
    const slow = ALL_PROFILES.find((p) => p.key === 'slow3g');
    for (const sv of servers) await load(b, sv.origin, '/', ALL_PROFILES[0]); // warm-up, not counted
    for (let i = 0; i < SLOW_LOADS; i++) {
      for (const sv of i % 2 ? [...servers].reverse() : servers) {
        const r = await load(b, sv.origin, '/', slow);
        if (r.value !== DEFAULT_USABLE) throw new Error(`unexpected first result ${r.value}`);
        sv.runs.push(r);
        log(`nginx, slow link, ${sv.build}, ${sv.served.split(' ')[0]} ${i + 1}/${SLOW_LOADS}: result ${ms0(r.painted)}, interactive ${ms0(r.interactive)}, ${(r.bytes / 1024).toFixed(0)} KB, wasm ${r.enc}`);
      }
    }
  } finally {
    for (const stop of stops) await stop();
    for (const c of copies) rmSync(c, { recursive: true, force: true });
  }
  return servers;
}

function slowTable(slow) {
  const out = [];
  const builds = [...new Set(slow.map((s) => s.build))];
  out.push(`**Slow link, nginx with and without compression** (${builds.join(' and ')}; slow-3G-like: ${SLOW.rttMs} ms round trip, ${SLOW.kbits} kbit/s down and up, CPU ×${SLOW.cpu}; served by nginx on 127.0.0.1 with \`deploy/nginx.conf\`${builds.length > 1 ? `, ${builds[0]} with \`.br\`/\`.gz\` copies written by \`scripts/precompress.mjs\`` : ''}; median of ${SLOW_LOADS} fresh contexts each, loads alternating; ms since navigation start):`);
  out.push('');
  out.push('| build | served | wasm encoding | bytes transferred (bodies) | HTML received | `.wasm` received | **first result painted** | interactive (first edit painted) |');
  out.push('| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |');
  for (const { build, served, runs } of slow) {
    const med = (k) => stats(runs.map((r) => r[k]).filter((v) => v !== undefined)).p50;
    out.push(`| ${build} | ${served} | ${[...new Set(runs.map((r) => r.enc))].join(', ')} | ${(med('bytes') / 1024).toFixed(1)} KB | ${ms0(med('html'))} | ${ms0(med('wasm'))} | **${ms0(med('painted'))}** | ${ms0(med('interactive'))} |`);
  }
  if (builds.length > 1) {
    // Both builds as deployed: the compressed servers.
    const compressed = (b, k) => stats(slow.find((x) => x.build === b && x.served.startsWith('compressed')).runs.map((r) => r[k])).p50;
    const [before, now] = [compressed(builds[0], 'painted'), compressed(builds.at(-1), 'interactive')];
    const limit = before * INTERACTIVE_MARGIN;
    out.push('');
    out.push(`Issue 17's interactive goal as deployed (compressed): ${builds.at(-1)} interactive ${ms0(now)} ≤ ${builds[0]}'s first result ${ms0(before)} + 10 % = ${ms0(limit)} ${ok(now, limit)}.`);
  }
  return out;
}

function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return { p50: pct(s, 50), p95: pct(s, 95), max: s[s.length - 1], min: s[0] };
}

const ok = (v, goal) => (v == null ? '' : v <= goal ? '✅' : '❌');

/** The tables of (a). */
function profileTables(res, builds) {
  const out = [];
  const med = (runs, k) => {
    const xs = runs.map((r) => r[k]).filter((v) => v !== undefined);
    return xs.length ? stats(xs).p50 : undefined;
  };
  const cur = builds.length - 1; // this build; 0 is the build before when there are two
  const before = builds.length > 1 ? 0 : null;
  const counts = PROFILES.map((p) => `${p.label.split(' ')[0]} ${res[p.key].runs[cur].default.length}`).join(', ');
  out.push(`**Loads** (${counts} fresh contexts per build and view; builds and views alternate; served uncompressed by a Node static server on 127.0.0.1, as the e2e harness serves; profiles set through the DevTools protocol: \`Network.emulateNetworkConditions\` latency and throughput, \`Emulation.setCPUThrottlingRate\`). Link view: \`${LINK}\`. Medians, ms since navigation start${before !== null ? `; ${builds[before].label} → ${builds[cur].label}` : ''}.`);
  out.push('');
  // Goals.
  out.push(`| goal (${builds[cur].label}, median) | ${PROFILES.map((p) => p.label.split(' (')[0]).join(' | ')} |`);
  out.push(`| --- | ${PROFILES.map(() => '---').join(' | ')} |`);
  const cells = (f) => PROFILES.map((p) => f(p, res[p.key].runs)).join(' | ');
  out.push(`| default view, first result painted ≤ ${PROFILES.map((p) => p.goal.toLocaleString('en-US')).join(' / ')} ms (issue 17) | ${cells((p, r) => `${ms0(med(r[cur].default, 'painted'))} ${ok(med(r[cur].default, 'painted'), p.goal)}`)} |`);
  out.push(`| link view, layout painted (first contentful paint) by the same times | ${cells((p, r) => `${ms0(med(r[cur].link, 'fcp'))} ${ok(med(r[cur].link, 'fcp'), p.goal)}`)} |`);
  if (before !== null) {
    const lim = (r) => med(r[before].default, 'painted') * INTERACTIVE_MARGIN;
    out.push(`| default view, interactive ≤ ${builds[before].label}'s first result + 10 % (issue 17) | ${cells((p, r) => `${ms0(med(r[cur].default, 'interactive'))} ≤ ${ms0(lim(r))} ${ok(med(r[cur].default, 'interactive'), lim(r))}`)} |`);
    out.push(`| link view, interactive ≤ the same | ${cells((p, r) => `${ms0(med(r[cur].link, 'interactive'))} ≤ ${ms0(lim(r))} ${ok(med(r[cur].link, 'interactive'), lim(r))}`)} |`);
  }
  out.push(`| navigation → first result painted ≤ ${GOAL_FIRST_MS} ms (issue 13, loopback) | ${cells((p, r) => (p.key === 'loopback' ? `${ms0(med(r[cur].default, 'painted'))} ${ok(med(r[cur].default, 'painted'), GOAL_FIRST_MS)}` : ''))} |`);
  out.push('');
  // Figures, before → after.
  const head = PROFILES.map((p) => p.label.split(' (')[0]);
  out.push(`| median | ${head.join(' | ')} |`);
  out.push(`| --- | ${head.map(() => '---:').join(' | ')} |`);
  const row = (label, view, k, fmt = ms0) => {
    out.push(`| ${label} | ${PROFILES.map((p) => {
      const r = res[p.key].runs;
      const a = fmt(med(r[cur][view], k));
      return before === null ? a : `${fmt(med(r[before][view], k))} → ${a}`;
    }).join(' | ')} |`);
  };
  const kb = (v) => (v === undefined ? '—' : `${(v / 1024).toFixed(0)} KB`);
  row('default view: bytes transferred (bodies, uncompressed)', 'default', 'bytes', kb);
  row('default view: HTML received', 'default', 'html');
  row('default view: `.wasm` received', 'default', 'wasm');
  row('default view: first contentful paint', 'default', 'fcp');
  row('default view: first result in the DOM (parsed, or rendered by the app)', 'default', 'inDom');
  row('default view: **first result painted**', 'default', 'painted');
  row('default view: app mounted (its own render shown)', 'default', 'mounted');
  row('default view: **interactive** (first edit\'s numbers painted)', 'default', 'interactive');
  row('link view: first contentful paint (layout painted)', 'link', 'fcp');
  row('link view: **the link\'s numbers painted** (after mount)', 'link', 'painted');
  row('link view: **interactive**', 'link', 'interactive');
  out.push('');
  const tries = PROFILES.flatMap((p) => res[p.key].runs.flatMap((r) => [...r.default, ...r.link])).filter((r) => r.tries > 1).length;
  out.push(`Every link view showed the link's numbers first (${[...new Set(res[PROFILES[0].key].runs[cur].link.map((r) => r.value))].join(', ')} usable IPs, never ${DEFAULT_USABLE}); first edits sent more than once (not handled within 500 ms): ${tries}. Time per profile: ${PROFILES.map((p) => `${p.label.split(' ')[0]} ${res[p.key].seconds.toFixed(0)} s`).join(', ')}.`);
  return out;
}

/** The build before (BENCH_BEFORE, when set), then this build. */
function buildsToCompare() {
  const builds = [];
  if (BEFORE) {
    if (!existsSync(path.join(BEFORE, 'index.html')) || isDevBuild(BEFORE)) throw new Error(`BENCH_BEFORE=${BEFORE}: no release build there`);
    builds.push({ label: BEFORE_LABEL, dir: BEFORE });
  }
  builds.push({ label: 'this build', dir: dist });
  return builds;
}

async function main() {
  buildIfMissing();
  if (process.argv.includes('--slow-only')) {
    const b = await browser();
    try {
      console.log(slowTable(await slowFirstResult(b, buildsToCompare())).join('\n'));
    } finally {
      await b.close();
    }
    return;
  }
  if (process.argv.includes('--cluster-only')) {
    const srv = await serveDir(dist);
    const b = await browser();
    try {
      const r = await inputToPaint(b, srv.origin, true);
      const q = (k) => stats(r.samples.map((s) => s[k]));
      for (const k of ['dom', 'paint', 'sections']) console.log(`${k}: p50 ${ms(q(k).p50)}, p95 ${ms(q(k).p95)}, max ${ms(q(k).max)}`);
    } finally {
      await b.close();
      await srv.close();
    }
    return;
  }
  const stamp = distStamp();
  const builds = buildsToCompare();
  for (const bd of builds) {
    bd.wasm = readdirSync(bd.dir).find((f) => f.endsWith('.wasm') && !f.startsWith('awsvpc-extras'));
    bd.srv = await serveDir(bd.dir);
    bd.origin = bd.srv.origin;
  }
  const b = await browser();
  const t = performance.now();
  try {
    log(`chromium ${b.version()}; ${builds.map((bd) => `${bd.label}: ${bd.dir} at ${bd.origin}`).join('; ')}`);
    const prof = await profiles(b, builds);
    const edits = [];
    for (const bd of builds) {
      log(`input → paint, ${bd.label}`);
      edits.push(await inputToPaint(b, bd.origin));
    }
    log('input → paint, a 10-service cluster (this build)');
    const clusterEdits = await inputToPaint(b, builds.at(-1).origin, true);

    const out = [];
    out.push(`Headless Chromium ${b.version()} on 127.0.0.1, viewport 1280×900. ${builds.map((bd) => `${bd.label}: \`${bd.wasm}\` (${(statSync(path.join(bd.dir, bd.wasm)).size / 1024).toFixed(0)} KB raw), \`index.html\` ${(statSync(path.join(bd.dir, 'index.html')).size / 1024).toFixed(1)} KB raw`).join('; ')}.`);
    out.push('');
    out.push(...profileTables(prof, builds));
    out.push('');
    const e0 = edits[0];
    out.push(`**Input → paint** (${e0.samples.length} edits of Desired tasks, ${(1001 + WARMUP_EDITS).toLocaleString('en-US')}–${(1000 + WARMUP_EDITS + EDITS).toLocaleString('en-US')} after ${WARMUP_EDITS} warm-up edits; \`#ranking\` in view with ${edits.map((e) => e.visible.rows).join(' / ')} rows; every edit re-plans on the page, and re-compares and re-ranks all types in the extras worker; loopback, no throttling${builds.length > 1 ? `; ${builds.map((bd) => bd.label).join(' → ')}` : ''}):`);
    out.push('');
    out.push('| measure | p50 | p95 | max | min |');
    out.push('| --- | ---: | ---: | ---: | ---: |');
    const cell = (k, q) => edits.map((e) => ms(stats(e.samples.map((s) => s[k]))[q])).join(' → ');
    const erow = (label, k) => out.push(`| ${label} | ${cell(k, 'p50')} | ${cell(k, 'p95')} | ${cell(k, 'max')} | ${cell(k, 'min')} |`);
    erow('input event → plan\'s numbers in the DOM (script: parse, plan, render)', 'dom');
    erow('**input event → plan\'s numbers painted**', 'paint');
    erow('input event → comparison and ranking in the DOM (worker round trip; not rounded to frames)', 'sections');
    erow('input event → comparison and ranking painted too (seen at the next frame at the earliest)', 'all');
    out.push('');
    const p95 = stats(edits.at(-1).samples.map((s) => s.paint)).p95;
    out.push(`Goal p95 ≤ ${GOAL_P95_MS} ms (issue 13, this build): ${ms(p95)} ${ok(p95, GOAL_P95_MS)}. Edits that needed more than one frame: ${edits.map((e) => e.samples.filter((s) => s.frames > 1).length).join(' → ')}.`);
    const w95 = stats(edits.at(-1).samples.map((s) => s.sections)).p95;
    out.push(`Goal p95 ≤ 16 ms for the worker's sections in the DOM (issue 22, this build): ${ms(w95)} ${ok(w95, 16)}.`);
    out.push('');
    const cs = (k) => stats(clusterEdits.samples.map((s) => s[k]));
    out.push(`**Input → paint with a 10-service cluster** (issue 24; this build; ${clusterEdits.samples.length} edits of the first service's Desired tasks, ${(601 + WARMUP_EDITS).toLocaleString('en-US')}–${(600 + WARMUP_EDITS + CLUSTER_EDITS).toLocaleString('en-US')}, after ${WARMUP_EDITS} warm-up edits; every edit re-plans the whole cluster on the page, largest counts included, and the worker re-compares and re-ranks):`);
    out.push('');
    out.push('| measure | p50 | p95 | max | min |');
    out.push('| --- | ---: | ---: | ---: | ---: |');
    const crow = (label, k) => out.push(`| ${label} | ${ms(cs(k).p50)} | ${ms(cs(k).p95)} | ${ms(cs(k).max)} | ${ms(cs(k).min)} |`);
    crow('input event → plan\'s numbers in the DOM', 'dom');
    crow('**input event → plan\'s numbers painted**', 'paint');
    crow('input event → comparison and ranking in the DOM (worker)', 'sections');
    out.push('');
    out.push(`Goal p95 ≤ ${GOAL_P95_MS} ms with a 10-service cluster (issue 24): ${ms(cs('paint').p95)} ${ok(cs('paint').p95, GOAL_P95_MS)}.`);
    out.push('');
    out.push(`Where the renderer's main thread spends an edit (mean of ${TRACED_EDITS} further edits under Chromium tracing, which adds overhead):`);
    out.push('');
    out.push(`| phase | ms per edit${builds.length > 1 ? ` (${builds.map((bd) => bd.label).join(' → ')})` : ''} |`);
    out.push('| --- | ---: |');
    edits[0].breakdown.forEach(([label], i) => out.push(`| ${label} | ${edits.map((e) => e.breakdown[i][1].toFixed(1)).join(' → ')} |`));
    out.push('');
    if (SLOW_LOADS > 0) out.push(...slowTable(await slowFirstResult(b, builds)), '');
    out.push(`Page benchmark took ${((performance.now() - t) / 1000).toFixed(1)} s.`);
    // Other jobs share this tree: figures from a dist/ rebuilt mid-run would mix two builds.
    if (distStamp() !== stamp) throw new Error('dist/ was rebuilt during the benchmark (by another job?); run it again');
    console.log(out.join('\n'));
    for (const e of edits) if (e.final === undefined || e.tasks !== String(1000 + WARMUP_EDITS + EDITS)) throw new Error('the last edit did not land');
  } finally {
    await b.close();
    for (const bd of builds) await bd.srv.close();
  }
}

main().then(() => process.exit(0), (e) => {
  console.error('[bench:page] failed:', e?.stack ?? e);
  process.exit(1);
});
