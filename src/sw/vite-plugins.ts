/**
 * Build-time plugins (run by Vite in Node, never shipped to the browser):
 *
 * - `contentSecurityPolicy()` puts the page's Content-Security-Policy in a <meta> tag of the built
 *   index.html. Only the build gets it: the dev server injects an inline React Refresh preamble
 *   that a strict policy would (rightly) block.
 * - `serviceWorker()` writes dist/sw.js from service-worker.js with the list of every built file,
 *   so the app works offline after the first visit. All URLs are relative to sw.js, so dist/
 *   works from any sub-path.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';

/**
 * The policy, one directive per entry. Why each source is allowed:
 * - script-src 'self': only our own bundles; no inline script, no eval (nothing needs either).
 * - style-src 'self' + style-src-attr 'unsafe-inline': stylesheets only from our files, no <style>
 *   elements; KaTeX's HTML output positions glyphs with style="" attributes (heights, margins),
 *   which the browser treats as inline style, so attributes (not elements) are allowed.
 *   React's `style` prop (recharts, virtual lists) goes through the CSSOM and needs nothing.
 * - font-src/img-src data:: Vite inlines assets under 4 KB (small KaTeX fonts, icons) as data: URLs;
 *   img-src blob: is for chart PNG export previews.
 * - worker-src 'self': the engine worker is a built file (blob: is not needed).
 * - connect-src 'self': the page talks to nothing but its own origin (service worker, lazy chunks).
 */
export const CSP_DIRECTIVES: Readonly<Record<string, string>> = {
  'default-src': "'self'",
  'script-src': "'self'",
  'style-src': "'self'",
  'style-src-attr': "'unsafe-inline'",
  'font-src': "'self' data:",
  'img-src': "'self' data: blob:",
  'connect-src': "'self'",
  'worker-src': "'self'",
  'manifest-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'self'",
  'form-action': "'none'",
};

export const cspString = (d: Readonly<Record<string, string>> = CSP_DIRECTIVES): string =>
  Object.entries(d)
    .map(([k, v]) => `${k} ${v}`)
    .join('; ');

export function contentSecurityPolicy(): Plugin {
  return {
    name: 'floplab:csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        if (/<script(?![^>]*\bsrc=)[^>]*>/i.test(html))
          this.error('index.html has an inline <script>; the Content-Security-Policy forbids it');
        // Right after <meta charset> (which must come first): a meta policy only governs what follows it.
        const tag = `<meta http-equiv="Content-Security-Policy" content="${cspString()}" />`;
        const charset = /<meta charset=[^>]*>/i;
        return charset.test(html)
          ? html.replace(charset, (m) => `${m}\n    ${tag}`)
          : html.replace(/<head>/i, `<head>${tag}`);
      },
    },
  };
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listFiles(full));
    else out.push(full);
  }
  return out;
}

/** The precache list: every built file except sw.js itself and _headers, as URLs relative to sw.js. */
export function precacheList(outDir: string): string[] {
  return (
    listFiles(outDir)
      .map((f) => relative(outDir, f).split(sep).join('/'))
      // .woff/.ttf are fallbacks of KaTeX's fonts for browsers without woff2 (none that run the app).
      // _headers (src/sw/headers.ts) is the host's configuration, not a page resource (Netlify does not serve it).
      .filter((f) => f !== 'sw.js' && f !== '_headers' && !/\.(map|woff|ttf)$/.test(f))
      .sort()
  );
}

export function serviceWorker(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'floplab:service-worker',
    apply: 'build',
    configResolved(c) {
      config = c;
    },
    // After everything (bundles and public/ files) is on disk, so the list is complete.
    closeBundle: {
      order: 'post',
      handler() {
        const outDir = resolve(config.root, config.build.outDir);
        const files = precacheList(outDir);
        const hash = createHash('sha256');
        for (const f of files) hash.update(f).update(readFileSync(join(outDir, f)));
        const template = readFileSync(new URL('./service-worker.js', import.meta.url), 'utf8');
        const source = template
          .replace('PRECACHE = __FLOPLAB_PRECACHE__', `PRECACHE = ${JSON.stringify(files)}`)
          .replace('VERSION = __FLOPLAB_VERSION__', `VERSION = ${JSON.stringify(hash.digest('hex').slice(0, 12))}`);
        if (source.includes('= __FLOPLAB_')) this.error('service-worker.js: a placeholder was not filled in');
        writeFileSync(join(outDir, 'sw.js'), source);
      },
    },
  };
}
