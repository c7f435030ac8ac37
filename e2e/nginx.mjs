// Runs Debian's nginx with the shipped configuration (deploy/nginx-unprivileged.conf including
// deploy/nginx.conf) on 127.0.0.1, for the tests (e2e/nginx.test.mjs) and the benchmark
// (e2e/bench/page.mjs). It is started by the caller as an unprivileged process (as `nobody` when
// the caller is root), with its own prefix directory for its pid, temp files and logs, and
// stopped with it. dist/ is copied to the web root twice: at / and at SUBPATH.
// Per site, only what a deployer edits changes: the listen address, the root, the
// frame-ancestors variable (and, for the benchmark, compression off).
import { spawn, spawnSync } from 'node:child_process';
import { cp, mkdtemp, readFile, writeFile, rm } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { root, dist } from './harness.mjs';

export const NGINX = process.env.NGINX ?? '/usr/sbin/nginx';
export const SUBPATH = '/tools/awsvpc/';
export const BROTLI_MODULE = '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so';

/** A free TCP port on 127.0.0.1 (released just before nginx binds it). */
async function freePort() {
  const s = net.createServer();
  await new Promise((ok) => s.listen(0, '127.0.0.1', ok));
  const { port } = s.address();
  await new Promise((ok) => s.close(ok));
  return port;
}

/** Replaces exactly one match of `re` in `text`, or throws: the shipped file changed shape. */
function once(text, re, to, what) {
  const n = [...text.matchAll(new RegExp(re.source, 'gm'))].length;
  if (n !== 1) throw new Error(`deploy/nginx.conf: expected one ${what}, found ${n}`);
  return text.replace(new RegExp(re.source, 'm'), to);
}

/** The uid and gid of `nobody` (when running as root), else undefined: nginx runs as the caller. */
function unprivileged() {
  if (process.getuid?.() !== 0) return undefined;
  const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('nobody:'));
  if (!line) throw new Error('no user nobody to run nginx as');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/**
 * Starts nginx with one server per entry of `sites` ({ frameAncestors, compress = true }).
 * Returns { origins, brotli, log(i), stop() }: `log(i)` reads site i's access log lines
 * ("<status> <method> <uri> <content-encoding>").
 */
export async function startNginx(sites, { from = dist } = {}) {
  if (!existsSync(NGINX)) throw new Error(`${NGINX} not found: scripts/setup.sh --test installs Debian's nginx`);
  if (!existsSync(path.join(from, 'index.html'))) throw new Error(`no ${from}/index.html: run trunk build --release`);
  const brotli = existsSync(BROTLI_MODULE);
  const prefix = await mkdtemp(path.join(tmpdir(), 'awsvpc-nginx-'));
  const www = path.join(prefix, 'www');
  await cp(from, www, { recursive: true });
  await cp(from, path.join(www, SUBPATH), { recursive: true });

  let main = await readFile(path.join(root, 'deploy/nginx-unprivileged.conf'), 'utf8');
  const block = await readFile(path.join(root, 'deploy/nginx.conf'), 'utf8');
  // A log format that shows what the tests check; declared at http level, used by each server.
  main = once(main, /^http \{$/, 'http {\n    log_format awsvpc_test "$status $request_method $request_uri $sent_http_content_encoding";', 'http block');
  if (!brotli) main = once(main, /^load_module .*brotli.*$/, '', 'brotli load_module line');
  const ports = [];
  const servers = [];
  for (const [i, site] of sites.entries()) {
    const port = await freePort();
    ports.push(port);
    let s = block;
    s = once(s, /^(\s*)listen 8080;.*$/, `$1listen 127.0.0.1:${port};`, 'listen 8080 line');
    s = once(s, /^(\s*)root \/srv\/awsvpc;.*$/, `$1root ${www};\n$1access_log site${i}.log awsvpc_test;`, 'root line');
    s = once(s, /^(\s*)set \$awsvpc_frame_ancestors .*$/, `$1set $awsvpc_frame_ancestors "${site.frameAncestors ?? "'self'"}";`, 'frame-ancestors line');
    if (!brotli || site.compress === false) s = once(s, /^(\s*)brotli_static on;.*$/, brotli ? '$1brotli_static off;' : '', 'brotli_static line');
    if (site.compress === false) s = once(s, /^(\s*)gzip_static on;.*$/, '$1gzip_static off;', 'gzip_static line');
    servers.push(s);
  }
  await writeFile(path.join(prefix, 'nginx-unprivileged.conf'), main);
  await writeFile(path.join(prefix, 'nginx.conf'), servers.join('\n'));

  const user = unprivileged();
  if (user) spawnSync('chown', ['-R', `${user.uid}:${user.gid}`, prefix], { stdio: 'inherit' });
  const args = ['-p', prefix + '/', '-c', path.join(prefix, 'nginx-unprivileged.conf'), '-e', 'stderr', '-g', 'daemon off;'];
  const check = spawnSync(NGINX, [...args.slice(0, 6), '-t'], { ...user, encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`nginx -t failed:\n${check.stderr}`);
  const proc = spawn(NGINX, args, { ...user, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; });
  let exited = null;
  proc.on('exit', (code) => { exited = code ?? 'signal'; });
  const stopNow = () => { if (exited === null) proc.kill('SIGTERM'); };
  process.on('exit', stopNow);

  const origins = ports.map((p) => `http://127.0.0.1:${p}`);
  const up = (origin) => new Promise((ok) => {
    http.get(origin + '/', (res) => { res.resume(); ok(res.statusCode === 200); }).on('error', () => ok(false));
  });
  for (const deadline = Date.now() + 10_000; ;) {
    if (exited !== null) throw new Error(`nginx exited (${exited}):\n${stderr}`);
    if ((await Promise.all(origins.map(up))).every(Boolean)) break;
    if (Date.now() > deadline) { stopNow(); throw new Error(`nginx did not answer within 10 s:\n${stderr}`); }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    origins,
    brotli,
    user: user ? 'nobody' : process.env.USER ?? `uid ${process.getuid?.()}`,
    pid: proc.pid,
    log: async (i) => (await readFile(path.join(prefix, `site${i}.log`), 'utf8').catch(() => '')).split('\n').filter(Boolean),
    stderr: () => stderr,
    stop: async () => {
      process.off('exit', stopNow);
      if (exited === null) {
        const gone = new Promise((ok) => proc.once('exit', ok));
        proc.kill('SIGTERM');
        await gone;
      }
      await rm(prefix, { recursive: true, force: true });
    },
  };
}
