// Rewrites wasm-split's loader (target/split/__wasm_split.js, from scripts/lib.sh
// build_app_split) into a short one that loads the same files in the same way.
//
// wasm-split writes a loader for every chunk and, for every split module, the list of chunks it
// needs: with 12 split modules and 270 shared chunks that list is most of the file, 2.4 KB of
// the first load after brotli. The same lists are in index.html, which preloads a deep link's
// chunks (scripts/dist-loader.mjs), so the loader now asks index.html for them
// (`linliChunks(name)`). And an area's pages wait for their stylesheet beside their chunks
// (`linliPages()`, index.html; style/pages.css), so no page paints unstyled.
//
// Usage: node scripts/split-loader.mjs target/split/__wasm_split.js (rewrites it in place; the
// original stays in target/wasm-split-loader.js, which dist-loader.mjs reads).
import { readFileSync, writeFileSync } from 'node:fs';

// Split modules that need only main.css: sign-in and 首页's 近期志愿活动 (their rules are the
// first load's) and the live stream, which shows nothing.
const UNSTYLED = new Set(['sign_in', 'upcoming', 'live']);

const path = process.argv[2];
const original = readFileSync(path, 'utf8');

// What wasm-split writes: its helpers (import, getSharedImports, wrapAsyncCb, makeLoad), then
// a `const __chunk_N = makeLoad(…fetch "./chunk_N.wasm"…, [])` per chunk and an
// `export const __wasm_split_load_<name> = wrapAsyncCb(makeLoad(…"./split_<name>.wasm"…, [chunks]))`
// per split module. Anything else stops the build: this file must then be looked at again.
const firstChunk = original.search(/^(\/\*[^\n]*\*\/\n)?const __chunk_/m);
if (firstChunk < 0) throw new Error(`${path}: no chunk loaders found`);
const helpers = original.slice(0, firstChunk);
for (const name of ['getSharedImports', 'wrapAsyncCb', 'makeLoad']) {
  if (!helpers.includes(`function ${name}(`)) throw new Error(`${path}: no function ${name}`);
}
const chunks = [...original.matchAll(/^const __chunk_(\d+) = makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/chunk_(\d+)\.wasm", import\.meta\.url\)\);\s*src\.catch\(\(\) => \{\}\);\s*return async \(imports\) => \(WebAssembly\.instantiateStreaming\(src, imports\)\);\s*\}\s*, \[\]\);$/gm)];
const splits = [...original.matchAll(/^export const __wasm_split_load_(\w+) = wrapAsyncCb\(makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/split_(\w+)\.wasm", import\.meta\.url\)\);\s*src\.catch\(\(\) => \{\}\);\s*return async \(imports\) => \(WebAssembly\.instantiateStreaming\(src, imports\)\);\s*\}\s*, \[[\w, ]*\]\)\);$/gm)];
const count = (re) => (original.match(re) ?? []).length;
if (chunks.length !== count(/^const /gm) || chunks.some((m) => m[1] !== m[2])) {
  throw new Error(`${path}: a chunk loader is not as expected (${chunks.length} of ${count(/^const /gm)} read)`);
}
if (splits.length === 0 || splits.length !== count(/^export /gm) || splits.some((m) => m[1] !== m[2])) {
  throw new Error(`${path}: a split module's loader is not as expected (${splits.length} of ${count(/^export /gm)} read)`);
}

const rewritten = `${helpers}
// The rest is scripts/split-loader.mjs's: the chunks a split module needs come from index.html
// (linliChunks, scripts/dist-loader.mjs), an area's pages wait for style/pages.css (linliPages).
function fetcher(file) {
    return () => {
        const src = fetch(new URL("./" + file, import.meta.url));
        src.catch(() => {});
        return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
    };
}
const chunks = [];
function chunk(n) {
    return chunks[n] || (chunks[n] = makeLoad(fetcher("chunk_" + n + ".wasm"), []));
}
function split(name, styled) {
    const deps = self.linliChunks(name).map(chunk);
    if (styled) deps.push(() => self.linliPages && self.linliPages());
    return wrapAsyncCb(makeLoad(fetcher("split_" + name + ".wasm"), deps));
}
${splits.map(([, name]) => `export const __wasm_split_load_${name} = split("${name}", ${UNSTYLED.has(name) ? 0 : 1});`).join('\n')}
`;
writeFileSync(path, rewritten);
console.log(`[split-loader] ${splits.length} split modules, ${chunks.length} chunks`);
