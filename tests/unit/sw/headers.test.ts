/**
 * The deployment headers (src/sw/headers.ts) and docs/deploy.md's samples of them: a change to
 * the policy (cspString) or to any header that is not carried into every sample fails here.
 * (The headers on the wire, under `vite preview`, are checked in Chromium by e2e/headers.spec.ts.)
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CACHE_HASHED,
  CACHE_REVALIDATE,
  HEADER_CSP,
  SECURITY_HEADERS,
  headersFile,
  headersFor,
  topLevelFiles,
} from '../../../src/sw/headers';
import { cspString } from '../../../src/sw/vite-plugins';

const DOC = readFileSync(new URL('../../../docs/deploy.md', import.meta.url), 'utf8');

/** The fenced code blocks of docs/deploy.md tagged `lang`. */
const blocks = (lang: string): string[] =>
  [...DOC.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)\\n```', 'g'))].map((m) => m[1]);

/** The top-level files the build writes: public/, index.html and sw.js. */
const builtTopLevel = (): string[] => [
  ...readdirSync(new URL('../../../public/', import.meta.url)),
  'index.html',
  'sw.js',
];

describe('the headers', () => {
  it('the header policy is the meta tag policy plus frame-ancestors none', () => {
    expect(HEADER_CSP).toBe(`${cspString()}; frame-ancestors 'none'`);
    expect(SECURITY_HEADERS['Content-Security-Policy']).toBe(HEADER_CSP);
  });

  it.each([
    ['/', CACHE_REVALIDATE],
    ['/index.html', CACHE_REVALIDATE],
    ['/sw.js', CACHE_REVALIDATE],
    ['/assets/index-abc123.js', CACHE_HASHED],
    ['/assets/KaTeX_Main-Regular-x.woff2', CACHE_HASHED],
  ])('%s: every security header, Cache-Control %s', (path, cache) => {
    expect(headersFor(path)).toEqual({ ...SECURITY_HEADERS, 'Cache-Control': cache });
  });

  it('_headers names each top-level file once for no-cache and never matches assets/ twice', () => {
    const text = headersFile(['sw.js', 'index.html', 'favicon.svg']);
    const rules = text.split('\n').filter((l) => l.startsWith('/'));
    expect(rules).toEqual(['/*', '/assets/*', '/', '/favicon.svg', '/index.html', '/sw.js']);
    // Only one rule that matches /assets/… sets Cache-Control (hosts join or override duplicates).
    expect(text.match(/Cache-Control: public/g)).toHaveLength(1);
    expect(text).toContain(`  Content-Security-Policy: ${HEADER_CSP}\n`);
  });

  it('topLevelFiles lists files (not folders, not _headers) and always sw.js', () => {
    const dir = mkdtempSync(join(tmpdir(), 'floplab-headers-'));
    mkdirSync(join(dir, 'assets'));
    for (const f of ['index.html', 'favicon.svg', '_headers']) writeFileSync(join(dir, f), 'x');
    expect(topLevelFiles(dir).sort()).toEqual(['favicon.svg', 'index.html', 'sw.js']);
  });
});

describe('docs/deploy.md', () => {
  it('shows the policy as a header', () => {
    expect(blocks('text')).toContain(HEADER_CSP);
  });

  it('its _headers sample is the file the build writes', () => {
    const sample = blocks('text').find((b) => b.startsWith('# Written by the build'));
    expect(`${sample}\n`).toBe(headersFile(builtTopLevel()));
  });

  it.each(['nginx', 'caddyfile', 'apache'])('the %s sample sends exactly these headers', (lang) => {
    const [sample, ...more] = blocks(lang);
    expect(sample, `a \`\`\`${lang} block`).toBeDefined();
    expect(more).toHaveLength(0);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      // Each header once, its value in double quotes right after its name.
      const values = [...sample.matchAll(new RegExp(`\\b${name}\\s+"([^"]*)"`, 'g'))].map((m) => m[1]);
      expect(values, name).toEqual([value]);
    }
    expect(sample).toContain(`"${CACHE_HASHED}"`);
    expect(sample).toContain(`"${CACHE_REVALIDATE}"`);
  });
});
