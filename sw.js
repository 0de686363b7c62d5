// Flowlab's service worker: after one visit the app opens with no network.
// Install caches index.html, every file it names (Trunk's hashed JS, wasm
// and CSS) and every screen's part that the split loader names
// (scripts/split-wasm.mjs), so a screen never opened before opens offline. Requests go to the network first, so a new build is used
// as soon as it is served, and fall back to the cache when offline.
const CACHE = 'flowlab-app';

async function cacheBuild() {
  const cache = await caches.open(CACHE);
  const response = await fetch('/', { cache: 'no-store' });
  if (!response.ok) throw new Error(`index.html: HTTP ${response.status}`);
  const html = await response.clone().text();
  const files = new Set([...html.matchAll(/(?:href|src)="(\/[^"]+)"/g)].map((m) => m[1]));
  for (const loader of [...files].filter((f) => f.endsWith('/__wasm_split.js'))) {
    const js = await (await fetch(loader, { cache: 'no-store' })).text();
    for (const [, part] of js.matchAll(/"\.\/([\w.-]+\.wasm)"/g)) {
      files.add(new URL(part, new URL(loader, self.location.origin)).pathname);
    }
  }
  await cache.addAll([...files]);
  await cache.put('/', response);
  // Files of older builds that this index.html no longer names.
  const keep = new Set([...files, '/'].map((f) => new URL(f, self.location.origin).href));
  for (const request of await cache.keys()) {
    if (!keep.has(request.url)) await cache.delete(request);
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(cacheBuild().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  // Client-side routes (/editor/x, /runs …) are all index.html.
  const key = request.mode === 'navigate' ? '/' : request;
  event.respondWith(
    (async () => {
      try {
        const response = await fetch(request);
        if (response.ok) {
          const copy = response.clone();
          event.waitUntil(caches.open(CACHE).then((cache) => cache.put(key, copy)));
        }
        return response;
      } catch (offline) {
        const cached = await caches.match(key);
        if (cached) return cached;
        throw offline;
      }
    })(),
  );
});
