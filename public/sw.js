// The offline shell. Residents reopen the app in lifts and basements: with the app's own files
// kept here, a reload without a network still opens it, and the app then shows the answers it
// saved itself (src/api/saved.rs). The API is never answered from here.
'use strict';
const CACHE = 'linli-shell-v2';
const ASSET = /\.(?:js|wasm|css|svg)$/;

self.addEventListener('install', () => self.skipWaiting());

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((n) => n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') {
    event.respondWith(pageFirstFromNetwork(request));
  } else if (ASSET.test(url.pathname)) {
    event.respondWith(assetFromCacheFirst(request));
  }
});

// Every route is the same index.html. The network comes first so a new release shows at once;
// the saved copy only when there is no network.
async function pageFirstFromNetwork(request) {
  try {
    const response = await fetch(request);
    if (response.ok && (response.headers.get('content-type') || '').startsWith('text/html')) {
      const copy = response.clone();
      const cache = await caches.open(CACHE);
      await cache.put('/', copy.clone());
      forgetOldAssets(cache, await copy.text());
    }
    return response;
  } catch (offline) {
    const saved = await caches.match('/');
    if (saved) return saved;
    throw offline;
  }
}

// Assets are named by their content's hash (trunk's files, the split build's folder), so a
// kept copy is never stale.
async function assetFromCacheFirst(request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

// Drops the files of earlier releases: whatever the current page no longer names. The split
// build's page chunks are not named in the page, only their folder (/split-<hash>/), which
// changes with every release.
async function forgetOldAssets(cache, html) {
  for (const request of await cache.keys()) {
    const path = new URL(request.url).pathname;
    const folder = path.slice(0, path.lastIndexOf('/') + 1);
    const named = html.includes(path) || (folder !== '/' && html.includes(folder));
    if (path !== '/' && !named) await cache.delete(request);
  }
}
