// Puts the split build (target/split, from scripts/lib.sh build_app_split) beside trunk's
// one-file build in dist/, and makes dist/index.html load whichever the browser can run.
//
// Browsers with wasm reference types (Chrome 96+, iOS 15+) get the split build: the runtime and
// 首页 first, each other page's chunk when it is first opened. Older webviews (WeChat's
// Chrome-78-class XWeb, iOS 14.5) get trunk's MVP build, all pages in one wasm. The choice is
// made by an inline script in <head>, which also starts the downloads at once (preload links).
import { createHash } from 'node:crypto';
import { cpSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dist = 'dist';
const split = 'target/split';

// The split files are named by wasm-split (chunk_12.wasm, …) and find each other by relative
// paths, so they keep their names and live in one folder named by the hash of them all.
const files = readdirSync(split).sort();
const hash = createHash('sha256');
for (const name of files) hash.update(name).update(readFileSync(join(split, name)));
const folder = `split-${hash.digest('hex').slice(0, 16)}`;
for (const old of readdirSync(dist).filter((name) => name.startsWith('split-'))) {
  rmSync(join(dist, old), { recursive: true });
}
cpSync(split, join(dist, folder), { recursive: true });

// Trunk's index.html preloads its JS and wasm and starts them from a module script.
const htmlPath = join(dist, 'index.html');
let html = readFileSync(htmlPath, 'utf8');
let legacyJs, legacyWasm;
const earlier = html.match(/<!--split-loader-->[\s\S]*<!--\/split-loader-->/);
if (earlier) {
  // Run again on its own output (build_app_split alone): the legacy names are in the loader.
  legacyJs = { value: earlier[0].match(/js:'(\/linli-app-[0-9a-f]+\.js)'/)[1] };
  legacyWasm = { value: earlier[0].match(/wasm:'(\/linli-app-[0-9a-f]+_bg\.wasm)'/)[1] };
  html = html.replace(earlier[0], '');
} else {
  legacyJs = match(/<link[^>]*href="?(\/linli-app-[0-9a-f]+\.js)"?[^>]*rel="?modulepreload"?[^>]*>/);
  legacyWasm = match(/<link[^>]*href="?(\/linli-app-[0-9a-f]+_bg\.wasm)"?[^>]*rel="?preload"?[^>]*>/);
  const trunkScript = match(/(<script type="?module"?>[^<]*TrunkApplicationStarted[^<]*<\/script>)/);
  html = html.replace(legacyJs.tag, '').replace(legacyWasm.tag, '').replace(trunkScript.value, '');
}

// A deep link to a page of an area (/tasks/12, /services/orders/3) needs the area's chunks as
// soon as the first module runs: preload them beside it, instead of after it. Which path is in
// which area comes from the app's own sources; which files an area needs, from wasm-split's
// loader. The split loader reads the same lists from here (linliChunks, scripts/split-loader.mjs).
const routes = areaChunks();

// The smallest module using a reference-types instruction (ref.null func): valid only where
// the split build can run. No top-level await, so old webviews can parse the starter too.
const loader = `<!--split-loader--><script>(function(){
var modern=false;
try{modern=typeof WebAssembly==='object'&&WebAssembly.validate(new Uint8Array([0,97,115,109,1,0,0,0,1,4,1,96,0,0,3,2,1,0,10,7,1,5,0,208,112,26,11]));}catch(e){}
var app=modern?{js:'/${folder}/linli-app.js',wasm:'/${folder}/linli-app_bg.wasm'}:{js:'${legacyJs.value}',wasm:'${legacyWasm.value}'};
window.linliBuild=app;
function preload(rel,href,as){var l=document.createElement('link');l.rel=rel;l.href=href;l.crossOrigin='anonymous';if(as){l.as=as;l.type='application/wasm';}document.head.appendChild(l);}
preload('modulepreload',app.js);
if(modern)preload('modulepreload','/${folder}/__wasm_split.js');
preload('preload',app.wasm,'fetch');
if(modern){var splits=${JSON.stringify(routes.splits)},masks='${routes.masks}';
window.linliChunks=function(s){var b=splits.indexOf(s),out=[];for(var i=0;i<masks.length;i+=${routes.width})if(parseInt(masks.substr(i,${routes.width}),36)>>b&1)out.push(${routes.first}+i/${routes.width});return out;};
var areas=${JSON.stringify(routes.areas)},p=location.pathname,best='',area;
for(var i=0;i<areas.length;i++){var a=areas[i][0];if(a.length>best.length&&(p===a||p.indexOf(a+'/')===0)){best=a;area=areas[i][1];}}
if(area){preload('preload','/${folder}/split_'+area+'.wasm','fetch');linliChunks(area).forEach(function(n){preload('preload','/${folder}/chunk_'+n+'.wasm','fetch');});}}
})();</script>
<script type="module">var app=window.linliBuild;import(app.js).then(function(m){return m.default({module_or_path:app.wasm});});</script><!--/split-loader-->`;
html = html.replace('</head>', `${loader}</head>`);
writeFileSync(htmlPath, html);
console.log(`[dist-loader] ${folder}: ${files.length} files; legacy ${legacyJs.value}`);

/**
 * The shared chunks each split module needs besides its own file, as `masks`: for each chunk
 * from number `first` on, `width` base-36 digits whose bit i says whether `splits[i]` needs it
 * (12 split modules and 270 chunks: 810 characters, where the lists were 2 KB after brotli).
 * `areas`: [path prefix, area] for every prefix of every area. A path is the area's with the longest prefix holding it, as in the app
 * (src/app/lazy_pages.rs, `Area`); every page of src/routes.rs but 首页 must be in the table of
 * the area its path belongs to, or the build stops here.
 */
function areaChunks() {
  const shell = readFileSync('src/app/mod.rs', 'utf8');
  const paths = new Map([...readFileSync('src/routes.rs', 'utf8').matchAll(/^\s*(\w+)\([\w, ]*\) = "([^"]+)";/gm)].map((m) => [m[1], m[2]]));
  const pages = readFileSync('src/app/lazy_pages.rs', 'utf8');
  const loader = readFileSync('target/wasm-split-loader.js', 'utf8');
  const chunkFile = new Map(
    [...loader.matchAll(/const (__chunk_\d+) = makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([^"]+)"/g)]
      .map((m) => [m[1], m[2]]),
  );
  const areas = [...pages.matchAll(/^area!\((\w+), (\w+), \w+, \[([^\]]*)\], \{\n([\s\S]*?)^\}\);/gm)].map((m) => ({
    split: m[1],
    type: m[2],
    prefixes: [...m[3].matchAll(/"([^"]+)"/g)].map((p) => p[1]),
    pages: [...m[4].matchAll(/^\s*(\w+) =>/gm)].map((p) => p[1]),
  }));
  if (areas.length === 0) throw new Error('src/app/lazy_pages.rs: cannot find the areas');
  const routed = new Set([...shell.matchAll(/view=\{Lazy::<lazy_pages::(\w+)>::new\(\)\}/g)].map((m) => m[1]));
  const owner = (path) => {
    let best = null, length = -1;
    for (const area of areas) {
      for (const prefix of area.prefixes) {
        if (prefix.length > length && (path === prefix || path.startsWith(`${prefix}/`))) [best, length] = [area, prefix.length];
      }
    }
    return best;
  };
  for (const area of areas) {
    if (!routed.has(area.type)) throw new Error(`src/app/mod.rs: no route for the area ${area.type}`);
    for (const page of area.pages) {
      if (!paths.has(page)) throw new Error(`src/routes.rs: no path for the page ${page}`);
    }
  }
  for (const [page, path] of paths) {
    if (path === '/') continue;
    const found = areas.filter((area) => area.pages.includes(page));
    if (found.length !== 1) throw new Error(`src/app/lazy_pages.rs: the page ${page} is in ${found.length} areas`);
    if (owner(path) !== found[0]) throw new Error(`src/app/lazy_pages.rs: ${path} (${page}) is in ${found[0].type}'s table but ${owner(path)?.type ?? 'no area'} holds the path`);
  }
  // Every split module of the loader (the areas, and those loaded by other code: the live stream).
  const needs = new Map([...loader.matchAll(/export const __wasm_split_load_(\w+) = [^;]*?"\.\/([^"]+)"[\s\S]*?, \[([^\]]*)\]\)\);/g)].map((load) => {
    // split_<name>.wasm, chunk_<n>.wasm: index.html names them by these.
    if (load[2] !== `split_${load[1]}.wasm`) throw new Error(`wasm-split named the module ${load[1]} ${load[2]}`);
    return [load[1], new Set(load[3].split(',').map((d) => d.trim()).filter(Boolean).map((d) => {
      const number = chunkFile.get(d)?.match(/^chunk_(\d+)\.wasm$/);
      if (!number) throw new Error(`wasm-split's loader: no file for ${d}`);
      return Number(number[1]);
    }))];
  }));
  for (const { split } of areas) {
    if (!needs.has(split)) throw new Error(`no chunk found for the area ${split}`);
  }
  const splits = [...needs.keys()];
  const numbers = [...chunkFile.values()].map((file) => Number(file.match(/^chunk_(\d+)\.wasm$/)?.[1])).sort((a, b) => a - b);
  const first = numbers[0];
  if (numbers.some((n, i) => n !== first + i)) throw new Error(`wasm-split's chunks are not numbered one after the other from ${first}`);
  const width = (2 ** splits.length - 1).toString(36).length;
  const masks = numbers
    .map((n) => splits.reduce((mask, split, bit) => mask + (needs.get(split).has(n) ? 2 ** bit : 0), 0).toString(36).padStart(width, '0'))
    .join('');
  return { splits, first, width, masks, areas: areas.flatMap(({ split, prefixes }) => prefixes.map((prefix) => [prefix, split])) };
}

function match(re) {
  const found = html.match(re);
  if (!found) throw new Error(`dist/index.html: trunk's output changed, cannot find ${re}`);
  return { tag: found[0], value: found[1] };
}
