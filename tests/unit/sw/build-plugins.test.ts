/**
 * The build plugins of src/sw/vite-plugins.ts: the Content-Security-Policy text and the service
 * worker's precache list. (The built page itself is checked in Chromium by e2e/hardening.spec.ts
 * and e2e/offline.spec.ts.)
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CSP_DIRECTIVES, cspString, precacheList } from '../../../src/sw/vite-plugins';

describe('Content-Security-Policy', () => {
  it.each([
    ['script-src', "'self'"],
    ['connect-src', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'self'"],
    ['style-src', "'self'"],
    // KaTeX positions glyphs with style="" attributes (katex.renderToString output).
    ['style-src-attr', "'unsafe-inline'"],
  ])('%s is %s', (directive, value) => {
    expect(CSP_DIRECTIVES[directive]).toBe(value);
  });

  it('never allows eval or inline script anywhere', () => {
    const csp = cspString();
    expect(csp).not.toMatch(/unsafe-eval|wasm-unsafe-eval|unsafe-hashes/);
    for (const part of csp.split('; ')) if (/^(script|default)-src/.test(part)) expect(part).not.toMatch(/unsafe|\*/);
  });
});

describe('precache list', () => {
  it('lists every built file relative to sw.js, without sw.js, _headers, source maps or the non-woff2 fonts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'floplab-sw-'));
    mkdirSync(join(dir, 'assets'));
    for (const f of [
      'index.html',
      'sw.js',
      '_headers',
      'favicon.svg',
      'assets/a.js',
      'assets/a.js.map',
      'assets/K.woff2',
    ])
      writeFileSync(join(dir, f), 'x');
    for (const f of ['assets/K.woff', 'assets/K.ttf']) writeFileSync(join(dir, f), 'x');
    expect(precacheList(dir)).toEqual(['assets/K.woff2', 'assets/a.js', 'favicon.svg', 'index.html']);
  });

  it('the service worker template has the two placeholders the build fills in', () => {
    const sw = readFileSync(new URL('../../../src/sw/service-worker.js', import.meta.url), 'utf8');
    expect(sw).toContain('const PRECACHE = __FLOPLAB_PRECACHE__;');
    expect(sw).toContain('const VERSION = __FLOPLAB_VERSION__;');
  });
});
