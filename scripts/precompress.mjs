// Precompressed copies for static hosting: `name.gz` and `name.br` next to every text and wasm
// file, so a web server sends them as they are (nginx: gzip_static, brotli_static) and never
// compresses per request; the smallest level costs nothing at serving time.
// Both come from Node's built-in zlib (brotli since Node 11.7), so no npm dependency: gzip at
// level 9 (zopfli would save a few % more but needs a package or a native tool) and brotli at
// quality 11 (the maximum, the `brotli` tool's default), with the text or generic mode and the
// input size as a hint. Used by scripts/post-build.mjs; alone: `node scripts/precompress.mjs dir`.
import { readFile, writeFile } from 'node:fs/promises';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import path from 'node:path';
import { files } from './files.mjs';

/** The files that get compressed copies: text and wasm (images such as png are compressed already). */
export const COMPRESSIBLE = /\.(?:html|js|mjs|css|svg|json|txt|webmanifest|wasm)$/;

export const gzip = (bytes) => gzipSync(bytes, { level: 9 });
export const brotli = (bytes, name = '') => brotliCompressSync(bytes, {
  params: {
    [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
    [constants.BROTLI_PARAM_MODE]: name.endsWith('.wasm') ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT,
    [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
  },
});

/** Writes the copies for every compressible file under `dir`; returns how many files. */
export async function precompress(dir) {
  const names = (await files(dir)).filter((n) => COMPRESSIBLE.test(n));
  for (const n of names) {
    const bytes = await readFile(path.join(dir, n));
    await writeFile(path.join(dir, `${n}.gz`), gzip(bytes));
    await writeFile(path.join(dir, `${n}.br`), brotli(bytes, n));
  }
  return names.length;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isMain) console.log(`precompressed ${await precompress(process.argv[2] ?? 'dist')} files`);
