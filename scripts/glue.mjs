// Shrinks the page's wasm-bindgen output (used by scripts/csp.mjs, release builds only):
// - every wasm import gets a short name (`a`, `b` … `ba` …) in one short module (`w`), the same in
//   the wasm's import section and in the JS glue's import object. wasm-bindgen names imports like
//   `__wbg_setTimeout_9ef22b48643bd7de` under the module `./awsvpc-planner_bg.js`: ~150 of them,
//   written twice, with 16 hex digits each that no compressor can shrink (~3 KB gzip);
// - every wasm export the glue reads only as `wasm.<name>` (`wasm.__wbindgen_malloc`, closures'
//   `wasm_bindgen__convert__closures_____invoke__h…`) gets a short name too (`$a`, `$b` …);
// - custom sections (`producers`, `target_features`: metadata no browser reads) are dropped;
// - the JS glue is minified with terser (names local to the module, whitespace; exports and
//   property names are kept), ~2 KB gzip.
// Nothing else changes: the wasm's other sections are copied byte for byte.
import { minify } from 'terser';

/** Reads an unsigned LEB128 at `i`: [value, next index]. */
function leb(buf, i) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = buf[i++];
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) return [value, i];
  }
}

/** Encodes an unsigned LEB128. */
function uleb(n) {
  const out = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    out.push(b);
  } while (n > 0);
  return Buffer.from(out);
}

const name = (s) => {
  const b = Buffer.from(s, 'utf8');
  return Buffer.concat([uleb(b.length), b]);
};

/** Short identifiers: a … z, A … Z, then two letters. */
function shortName(i) {
  const abc = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return i < abc.length ? abc[i] : abc[Math.floor(i / abc.length) - 1] + abc[i % abc.length];
}

/** Reads a length-prefixed UTF-8 name at `j`: [name, next index]. */
function readName(buf, j) {
  const [len, start] = leb(buf, j);
  return [buf.toString('utf8', start, start + len), start + len];
}

/**
 * Rebuilds the vector section `id` whose content spans `body`..`end`: `entry(j)` reads the entry
 * at `j` and returns [its new bytes (a list of Buffers), the next index].
 */
function rewriteVector(wasm, id, body, end, entry) {
  let [count, j] = leb(wasm, body);
  const out = [uleb(count)];
  for (let n = 0; n < count; n++) {
    let bytes;
    [bytes, j] = entry(j);
    out.push(...bytes);
  }
  if (j !== end) throw new Error(`section ${id} not fully read`);
  const content = Buffer.concat(out);
  return Buffer.concat([Buffer.from([id]), uleb(content.length), content]);
}

/**
 * Renames the imports of `wasm` (a Buffer) whose module is `module`, and the exports for which
 * `exportName(old)` returns a new name; drops custom sections. Returns the new wasm, the map old
 * import field name → new name and the map old export name → new name. Throws on anything it does
 * not understand.
 */
export function renameImports(wasm, module, newModule, exportName = () => undefined) {
  if (wasm.readUInt32LE(0) !== 0x6d736100) throw new Error('not a wasm module');
  const parts = [wasm.subarray(0, 8)];
  const map = new Map();
  const exports = new Map();
  // An export: name, kind, index.
  const exportEntry = (j) => {
    const [old, at] = readName(wasm, j);
    const [, next] = leb(wasm, at + 1);
    const renamed = exportName(old);
    if (renamed !== undefined) exports.set(old, renamed);
    return [[name(renamed ?? old), wasm.subarray(at, next)], next];
  };
  // An import: module, field, kind and its description.
  const importEntry = (j) => {
    const [mod, at] = readName(wasm, j);
    const [field, descStart] = readName(wasm, at);
    let k = descStart;
    const kind = wasm[k++];
    if (kind === 0) [, k] = leb(wasm, k); // function: type index
    else if (kind === 1) { k++; const flags = wasm[k++]; [, k] = leb(wasm, k); if (flags & 1) [, k] = leb(wasm, k); } // table
    else if (kind === 2) { const flags = wasm[k++]; [, k] = leb(wasm, k); if (flags & 1) [, k] = leb(wasm, k); } // memory
    else if (kind === 3) k += 2; // global: type, mutability
    else throw new Error(`unknown import kind ${kind}`);
    const desc = wasm.subarray(descStart, k);
    if (mod !== module) return [[name(mod), name(field), desc], k];
    if (!map.has(field)) map.set(field, shortName(map.size));
    return [[name(newModule), name(map.get(field)), desc], k];
  };
  let i = 8;
  while (i < wasm.length) {
    const start = i;
    const id = wasm[i++];
    const [size, body] = leb(wasm, i);
    const end = body + size;
    if (end > wasm.length) throw new Error('section past the end of the module');
    if (id === 2) parts.push(rewriteVector(wasm, id, body, end, importEntry));
    else if (id === 7) parts.push(rewriteVector(wasm, id, body, end, exportEntry));
    else if (id !== 0) parts.push(wasm.subarray(start, end)); // custom sections (0) are dropped
    i = end;
  }
  return { wasm: Buffer.concat(parts), map, exports };
}

/** The names `wasm` exports. */
function exportNames(wasm) {
  return WebAssembly.Module.exports(new WebAssembly.Module(wasm)).map((e) => e.name);
}

/**
 * Shrinks the page's wasm and JS glue together: imports and exports renamed in both (each old
 * import name must occur once in the glue, as a key of the import object `name:`; the module key
 * `"module": import0` is renamed too), custom sections dropped, the glue minified (`esModule`:
 * the glue is an ES module, else a classic script whose top-level names must stay).
 */
export async function shrinkGlue(js, wasm, module, newModule = 'w', esModule = true) {
  // An export is renamed only when every mention of it in the glue reads it from the exports
  // object (`wasm.name`).
  const count = (re) => (js.match(re) ?? []).length;
  const short = new Map();
  for (const e of exportNames(wasm)) {
    if (!/^[A-Za-z_]\w*$/.test(e)) continue;
    const uses = count(new RegExp(`\\b${e}\\b`, 'g'));
    if (uses > 0 && uses === count(new RegExp(`\\bwasm\\.${e}\\b`, 'g'))) {
      short.set(e, '$' + shortName(short.size));
    }
  }
  const { wasm: out, map, exports } = renameImports(wasm, module, newModule, (e) => short.get(e));
  let text = js;
  for (const [old, renamed] of exports) {
    text = text.replace(new RegExp(`\\bwasm\\.${old}\\b`, 'g'), () => `wasm.${renamed}`);
  }
  const moduleKey = `"${module}":`;
  if (!text.includes(moduleKey)) throw new Error(`the glue has no import object for ${module}`);
  text = text.replace(moduleKey, `${newModule}:`);
  for (const [old, short] of map) {
    const re = new RegExp(`\\b${old}\\b(?=\\s*:)`, 'g');
    const n = (text.match(re) ?? []).length;
    if (n !== 1) throw new Error(`import ${old}: ${n} keys in the glue, expected 1`);
    text = text.replace(re, short);
  }
  // An ES module's top-level names are its own; a classic script's are globals and stay.
  const min = await minify(text, { module: esModule, compress: true, mangle: true });
  if (!min.code) throw new Error('terser returned nothing');
  return { js: min.code + '\n', wasm: out, imports: map.size, exports: exports.size };
}
