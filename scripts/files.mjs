// Lists the files under a directory, recursively, as sorted relative paths with '/' separators
// (dist/ may hold sub-directories, e.g. wasm-bindgen's snippets/). Shared by the build scripts
// and the e2e checks.
import { readdir } from 'node:fs/promises';
import path from 'node:path';

export async function files(dir, sub = '') {
  const out = [];
  for (const d of await readdir(path.join(dir, sub), { withFileTypes: true })) {
    const rel = sub ? `${sub}/${d.name}` : d.name;
    if (d.isDirectory()) out.push(...(await files(dir, rel)));
    else if (d.isFile()) out.push(rel);
  }
  return out.sort();
}
