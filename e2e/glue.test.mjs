// The post-build hook's wasm import renaming (scripts/glue.mjs) on a hand-made module, and on the
// build in dist/ (the page and the extras worker): every import the wasm asks for is a short name
// the JS glue provides.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { renameImports } from '../scripts/glue.mjs';
import { dist } from './harness.mjs';

const str = (s) => [s.length, ...Buffer.from(s)];
// (import "m" "first" (func)) (import "m" "second" (func)) (import "env" "mem" (memory 1))
// (export "mem" (memory 0)) (export "again" (func 0)), a type section before and a custom section
// after: types copied unchanged, the custom section dropped.
const types = [1, 4, 1, 0x60, 0, 0];
const imports = [3, ...str('m'), ...str('first'), 0, 0, ...str('m'), ...str('second'), 0, 0,
  ...str('env'), ...str('mem'), 2, 0, 1];
const exports = [2, ...str('mem'), 2, 0, ...str('again'), 0, 0];
const custom = [0, 4, ...str('abc')];
const mod = Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...types, 2, imports.length, ...imports,
  7, exports.length, ...exports, ...custom]);

test('renameImports gives one module short names, renames the exports asked for, drops custom sections', () => {
  const { wasm, map, exports: renamed } = renameImports(mod, 'm', 'w', (e) => (e === 'again' ? '$a' : undefined));
  assert.deepEqual([...map], [['first', 'a'], ['second', 'b']]);
  assert.deepEqual([...renamed], [['again', '$a']]);
  const m = new WebAssembly.Module(wasm);
  assert.deepEqual(WebAssembly.Module.imports(m), [
    { module: 'w', name: 'a', kind: 'function' },
    { module: 'w', name: 'b', kind: 'function' },
    { module: 'env', name: 'mem', kind: 'memory' },
  ]);
  assert.deepEqual(WebAssembly.Module.exports(m), [
    { name: 'mem', kind: 'memory' },
    { name: '$a', kind: 'function' },
  ]);
  assert.deepEqual(WebAssembly.Module.customSections(m, 'abc'), []);
  assert.deepEqual(wasm.subarray(8, 8 + types.length), Buffer.from(types));
  const shorter = (a, b) => a.length - b.length;
  assert.equal(wasm.length, mod.length - custom.length - shorter('first', 'a') - shorter('second', 'b') - shorter('again', '$a'));
  assert.throws(() => renameImports(Buffer.from('not wasm at all'), 'm', 'w'));
});

for (const which of ['planner', 'extras']) {
  test(`the ${which} wasm imports only short names that its JS glue defines`, async () => {
    const files = await readdir(dist);
    const re = new RegExp(`^awsvpc-${which}-[0-9a-f]+_bg\\.wasm$`);
    const stem = files.find((f) => re.test(f)).replace(/_bg\.wasm$/, '');
    const wasm = new WebAssembly.Module(await readFile(path.join(dist, `${stem}_bg.wasm`)));
    const glue = await readFile(path.join(dist, `${stem}.js`), 'utf8');
    const wanted = WebAssembly.Module.imports(wasm);
    assert.ok(wanted.length > 10, `${wanted.length} imports`);
    for (const { module, name } of wanted) {
      assert.equal(module, 'w');
      assert.match(name, /^[a-zA-Z]{1,2}$/);
      assert.match(glue, new RegExp(`[{,]${name}:`), `the glue defines ${name}`);
    }
    assert.ok(!glue.includes('__wbg_'), 'no long import name is left in the glue');
    for (const { name } of WebAssembly.Module.exports(wasm)) {
      if (name.startsWith('$')) assert.ok(glue.includes(`.${name}`), `the glue reads export ${name}`);
    }
    assert.ok(!glue.includes('__wbindgen_malloc'), 'the allocator export is renamed');
  });
}
