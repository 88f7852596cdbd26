/**
 * Registers the service worker (dist/sw.js, written by the build) so the app works offline after
 * the first visit. Production builds only: the dev server has no sw.js and must never be cached.
 * The URL is relative, so the scope is the folder the app is served from, whatever the sub-path.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  const register = () =>
    navigator.serviceWorker.register('./sw.js').catch(() => {
      // No offline copy (private mode, file:// or a host that refuses it): the app still works online.
    });
  // Installing copies every built file into the cache (~150 ms of the service worker thread's CPU
  // on this 2-core machine): not while the page opens (issue 20: no long task on open), but once it
  // has loaded, shown its first numbers and gone idle.
  const whenIdle = () =>
    typeof requestIdleCallback === 'function' ? requestIdleCallback(register, { timeout: 5000 }) : register();
  const later = () => setTimeout(whenIdle, AFTER_LOAD_MS);
  if (document.readyState === 'complete') later();
  else window.addEventListener('load', later, { once: true });
}

/** How long after the load event the service worker is registered (the staged mounts are done by then). */
export const AFTER_LOAD_MS = 1500;
