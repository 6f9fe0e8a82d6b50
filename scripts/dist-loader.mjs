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
})();</script>
<script type="module">var app=window.linliBuild;import(app.js).then(function(m){return m.default({module_or_path:app.wasm});});</script><!--/split-loader-->`;
html = html.replace('</head>', `${loader}</head>`);
writeFileSync(htmlPath, html);
console.log(`[dist-loader] ${folder}: ${files.length} files; legacy ${legacyJs.value}`);

function match(re) {
  const found = html.match(re);
  if (!found) throw new Error(`dist/index.html: trunk's output changed, cannot find ${re}`);
  return { tag: found[0], value: found[1] };
}
