// The demo's service worker: it keeps a copy of every file the page needs,
// so the page works offline once loaded. Network first (a fresh build is
// always seen online), the copy when the network fails.
const CACHE = 'ner-highlight-demo';
const FILES = [
  './',
  'index.html',
  'style.css',
  'app.js',
  'render.js',
  'legend.js',
  'entity-list.js',
  'groups.js',
  'export.js',
  'theme.js',
  'sample.txt',
  'pkg/index.js',
  'pkg/worker.js',
  'pkg/worker-thread.js',
  'pkg/ner_highlight.js',
  'pkg/ner_highlight_bg.wasm',
  'pkg/ner-highlight.css',
];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(FILES))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  if (event.request.method !== 'GET') return;
  event.respondWith(
    fetch(event.request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(event.request, copy));
        }
        return response;
      })
      .catch(() => caches.match(event.request, { ignoreSearch: true }).then((hit) => hit ?? Response.error())),
  );
});
