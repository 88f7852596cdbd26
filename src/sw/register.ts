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
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
