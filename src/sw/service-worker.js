/**
 * FlopLab's service worker (plain JavaScript; the build copies it to dist/sw.js and fills in the
 * two placeholders, see vite-plugins.ts). It precaches every built file on install and serves
 * them cache-first, so the app works offline after the first visit. Every URL is relative to this
 * file, so the same dist/ works at / or at any sub-path.
 */
/* global __FLOPLAB_PRECACHE__, __FLOPLAB_VERSION__ -- filled in by the build */
const PRECACHE = __FLOPLAB_PRECACHE__;
const VERSION = __FLOPLAB_VERSION__;
const PREFIX = 'floplab-';
const CACHE = PREFIX + VERSION;
// Caches kept on activate: this build's and the one before, so a tab still running the previous
// build can lazy-load its own chunks (KaTeX, importers) after the host replaced them.
const KEEP = 2;

const here = (path) => new URL(path, self.location.href).href;
const INDEX = here('index.html');
const SCOPE = here('./');

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE.map((p) => new Request(here(p), { cache: 'reload' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => {
        const ours = names.filter((n) => n.startsWith(PREFIX) && n !== CACHE);
        const stale = ours.slice(0, Math.max(0, ours.length - (KEEP - 1)));
        return Promise.all(stale.map((n) => caches.delete(n)));
      })
      .then(() => self.clients.claim()),
  );
});

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  // Loading the page (the app's folder, or its index.html, with any query) is answered with index.html.
  const url = request.url.split(/[?#]/)[0];
  const page = request.mode === 'navigate' && (url === SCOPE || url === INDEX);
  const key = page ? INDEX : request;
  const hit = (await cache.match(key, { ignoreSearch: page })) ?? (await caches.match(key, { ignoreSearch: page }));
  return hit ?? fetch(request);
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || !request.url.startsWith(SCOPE)) return;
  event.respondWith(cacheFirst(request));
});
