/**
 * The HTTP response headers the built app should be served with (docs/deploy.md explains each),
 * written once here and used three ways so they cannot drift apart:
 * - the build writes them to dist/_headers (the Netlify / Cloudflare Pages format);
 * - `vite preview`, the browser tests' server, sends them, so the e2e suite runs under them;
 * - tests/unit/sw/headers.test.ts checks docs/deploy.md's nginx, Caddy and Apache samples.
 * Build-time code (Node), never shipped to the browser.
 */
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';
import { CSP_DIRECTIVES, cspString } from './vite-plugins.js';

/**
 * The <meta> tag's policy plus `frame-ancestors 'none'`: a policy in a meta tag cannot say who
 * may frame the page (browsers ignore frame-ancestors there), only a header can.
 */
export const HEADER_CSP = cspString({ ...CSP_DIRECTIVES, 'frame-ancestors': "'none'" });

/** Sent with every response. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': HEADER_CSP,
  // frame-ancestors for browsers that predate CSP level 2.
  'X-Frame-Options': 'DENY',
  // A script or stylesheet served with a wrong Content-Type is refused instead of guessed at.
  'X-Content-Type-Options': 'nosniff',
  // The app fetches nothing from other origins; links out need not say where they came from.
  'Referrer-Policy': 'no-referrer',
};

/** assets/ holds only content-hashed files (a new build gives new names): cache them for good. */
export const CACHE_HASHED = 'public, max-age=31536000, immutable';
/** Everything else (index.html, sw.js, public/ files) keeps its name across builds: revalidate every time. */
export const CACHE_REVALIDATE = 'no-cache';

/** Whether a URL path (from the app's root, leading slash) is a hashed build asset. */
const isHashed = (path: string): boolean => path.startsWith('/assets/');

/** Every header for a request of `path` (from the app's root, e.g. "/", "/assets/index-abc.js"). */
export function headersFor(path: string): Record<string, string> {
  return { ...SECURITY_HEADERS, 'Cache-Control': isHashed(path) ? CACHE_HASHED : CACHE_REVALIDATE };
}

/**
 * dist/_headers. The cache rules name each top-level file instead of `/*`: Cloudflare Pages joins
 * the values of every matching rule with commas and Netlify lets the last one win, so a `/*`
 * no-cache rule would spoil /assets/* on one host or the other.
 */
export function headersFile(topLevelFiles: readonly string[]): string {
  const block = (path: string, headers: Readonly<Record<string, string>>) =>
    [path, ...Object.entries(headers).map(([k, v]) => `  ${k}: ${v}`)].join('\n');
  const revalidated = ['/', ...[...topLevelFiles].sort().map((f) => `/${f}`)];
  return (
    [
      '# Written by the build (src/sw/headers.ts); see docs/deploy.md.',
      block('/*', SECURITY_HEADERS),
      block('/assets/*', { 'Cache-Control': CACHE_HASHED }),
      ...revalidated.map((p) => block(p, { 'Cache-Control': CACHE_REVALIDATE })),
    ].join('\n\n') + '\n'
  );
}

/** The top-level files of the built site that a browser fetches (not _headers itself). */
export function topLevelFiles(outDir: string): string[] {
  const files = readdirSync(outDir).filter((f) => f !== '_headers' && statSync(join(outDir, f)).isFile());
  // sw.js is written by the service worker plugin, which may run after this one.
  return [...new Set([...files, 'sw.js'])];
}

export function deployHeaders(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'floplab:deploy-headers',
    configResolved(c) {
      config = c;
    },
    closeBundle() {
      if (config.command !== 'build') return;
      const outDir = resolve(config.root, config.build.outDir);
      writeFileSync(join(outDir, '_headers'), headersFile(topLevelFiles(outDir)));
    },
    // Before Vite's static file server, which keeps headers already set on the response.
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = new URL(req.url ?? '/', 'http://x').pathname;
        for (const [name, value] of Object.entries(headersFor(path))) res.setHeader(name, value);
        next();
      });
    },
  };
}
