// The post-build hook's wasm import renaming (scripts/glue.mjs) on a hand-made module, and on the
// page's build in dist/: every import the wasm asks for is a short name the JS glue provides.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { renameImports } from '../scripts/glue.mjs';
import { dist } from './harness.mjs';

const str = (s) => [s.length, ...Buffer.from(s)];
// (module "m" "first" (func)) (module "m" "second" (func)) (module "env" "mem" (memory 1)) +
// a type section before and a custom section after, which must be copied unchanged.
const types = [1, 4, 1, 0x60, 0, 0];
const imports = [3, ...str('m'), ...str('first'), 0, 0, ...str('m'), ...str('second'), 0, 0,
  ...str('env'), ...str('mem'), 2, 0, 1];
const custom = [0, 4, ...str('abc')];
const mod = Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...types, 2, imports.length, ...imports, ...custom]);

test('renameImports gives one module short names and copies every other byte', () => {
  const { wasm, map } = renameImports(mod, 'm', 'w');
  assert.deepEqual([...map], [['first', 'a'], ['second', 'b']]);
  assert.deepEqual(WebAssembly.Module.imports(new WebAssembly.Module(wasm)), [
    { module: 'w', name: 'a', kind: 'function' },
    { module: 'w', name: 'b', kind: 'function' },
    { module: 'env', name: 'mem', kind: 'memory' },
  ]);
  assert.deepEqual(wasm.subarray(8, 8 + types.length), Buffer.from(types));
  assert.deepEqual(wasm.subarray(wasm.length - custom.length), Buffer.from(custom));
  assert.throws(() => renameImports(Buffer.from('not wasm at all'), 'm', 'w'));
});

test("the page's wasm imports only short names that its JS glue defines", async () => {
  const files = await readdir(dist);
  const stem = files.find((f) => /^awsvpc-planner-[0-9a-f]+_bg\.wasm$/.test(f)).replace(/_bg\.wasm$/, '');
  const wasm = new WebAssembly.Module(await readFile(path.join(dist, `${stem}_bg.wasm`)));
  const glue = await readFile(path.join(dist, `${stem}.js`), 'utf8');
  const wanted = WebAssembly.Module.imports(wasm);
  assert.ok(wanted.length > 50, `${wanted.length} imports`);
  for (const { module, name } of wanted) {
    assert.equal(module, 'w');
    assert.match(name, /^[a-zA-Z]{1,2}$/);
    assert.match(glue, new RegExp(`[{,]${name}:`), `the glue defines ${name}`);
  }
  assert.ok(!glue.includes('__wbg_'), 'no long import name is left in the glue');
});
