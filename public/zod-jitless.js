// Runs before the app's modules (a classic script; module scripts are deferred). zod probes
// `new Function` when it builds its first object schema, at module load; the page's CSP forbids
// eval, so the probe fails harmlessly (zod falls back to its interpreter) but Chromium reports a
// CSP violation for it. zod reads its global config from this property when it loads
// (zod/v4/core/core.js); `jitless: true` is zod's documented switch for CSP pages (z.config).
globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig || {}, { jitless: true });
