/**
 * Issue 6: "all user-facing strings in one place". The dictionaries and the source must agree:
 * every key the UI asks for exists in English and Chinese, no dictionary keeps dead keys, both
 * languages have the same keys and the same {placeholders}, and no UI file hard-codes English in
 * an aria-label / title / placeholder / label attribute.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../../src/ui/i18n/en';
import { zhCN } from '../../../src/ui/i18n/zh-CN';
import { translate, loadLanguage } from '../../../src/ui/i18n';

// The Chinese tables are a chunk loaded on demand (src/ui/i18n/index.tsx loadLanguage).
beforeAll(() => loadLanguage('zh-CN'));

const UI = join(__dirname, '../../../src/ui');
/** The dictionaries themselves (their keys are definitions, not uses). */
const isDictionary = (rel: string) => /^i18n\/(en|zh-CN)(-[\w-]+)?\.ts$/.test(rel);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(name) ? [p] : [];
  });
}

const STATE = join(__dirname, '../../../src/state');
/** src/state's notices use the same tables (src/state/messages.ts; its English table is a definition, not a use). */
const stateText = (p: string) =>
  readFileSync(p, 'utf8').replace(/export const STATE_MESSAGES_EN = \{[\s\S]*?\} as const;/, '');
const SOURCES = [
  ...sourceFiles(UI)
    .map((p) => ({ rel: relative(UI, p).replaceAll('\\', '/'), text: readFileSync(p, 'utf8') }))
    .filter((f) => !isDictionary(f.rel)),
  ...sourceFiles(STATE).map((p) => ({ rel: `../state/${relative(STATE, p)}`, text: stateText(p) })),
];

const KEYS = new Set(Object.keys(en));
const CALL = String.raw`(?:\b(?:t|tr)\(\s*|\btranslate\(\s*\w+\s*,\s*)`;

/** Literal keys passed to t()/tr()/translate(): `t('a')` and `t(cond ? 'a' : 'b')`. */
function literalKeys(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(new RegExp(`${CALL}'([\\w.-]+)'`, 'g'))) out.push(m[1]);
  for (const m of text.matchAll(new RegExp(`${CALL}[^,()'\`]*\\?\\s*'([\\w.-]+)'\\s*:\\s*'([\\w.-]+)'`, 'g')))
    out.push(m[1], m[2]);
  return out;
}

/** Prefixes of keys built at run time: t(`tabs.${tab}`) → "tabs.". */
function templatePrefixes(text: string): string[] {
  return [...text.matchAll(new RegExp(`${CALL}\`([\\w.-]+)\\$\\{`, 'g'))].map((m) => m[1]);
}

const used = SOURCES.flatMap((f) => literalKeys(f.text).map((key) => ({ key, file: f.rel })));
const prefixes = [...new Set(SOURCES.flatMap((f) => templatePrefixes(f.text)))];
/** Every quoted string in the source: keys held in tables (WRAPS, SHORTCUTS) count as used. */
const quoted = new Set(SOURCES.flatMap((f) => [...f.text.matchAll(/'([\w.-]+)'/g)].map((m) => m[1])));

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n dictionaries', () => {
  it('the scan finds the calls (guards the regexes themselves)', () => {
    expect(literalKeys(`t('a.b'); tr("x"); t(ok ? 'c.d' : 'e.f', { n })`)).toEqual(['a.b', 'c.d', 'e.f']);
    expect(templatePrefixes('t(`tabs.${k}`)')).toEqual(['tabs.']);
    expect(hardCoded(`<b aria-label="Close it" title={t('x')} type="button" label="1×1" />`)).toEqual([
      'aria-label="Close it"',
    ]);
    expect(used.length).toBeGreaterThan(150);
  });

  it('every key used in src/ui exists in both languages', () => {
    const missing = used.filter(({ key }) => !KEYS.has(key) || !(key in zhCN));
    expect(missing).toEqual([]);
    for (const p of prefixes)
      expect(
        [...KEYS].some((k) => k.startsWith(p)),
        `template prefix ${p}`,
      ).toBe(true);
  });

  it('no key is unused', () => {
    const unused = [...KEYS].filter((k) => !quoted.has(k) && !prefixes.some((p) => k.startsWith(p)));
    expect(unused).toEqual([]);
  });

  it('en and zh-CN have the same keys, none empty, the same {placeholders}', () => {
    expect(Object.keys(zhCN).sort()).toEqual([...KEYS].sort());
    for (const k of KEYS) {
      const key = k as keyof typeof en;
      expect(zhCN[key].trim(), k).not.toBe('');
      expect(placeholders(zhCN[key]), k).toEqual(placeholders(en[key]));
    }
  });

  it('the Chinese table is a translation, not a copy (shared only for names and symbols)', () => {
    // Keys whose text is the same in both languages: proper names, symbols, units.
    const same = [...KEYS].filter((k) => zhCN[k as keyof typeof en] === en[k as keyof typeof en]);
    expect(
      same.every((k) => !/[a-z]{4,} [a-z]{3,}/.test(en[k as keyof typeof en])),
      same.join(', '),
    ).toBe(true);
    expect(same.length).toBeLessThan(KEYS.size / 20);
  });

  it.each([
    ['en', 'totals.params', undefined, 'Parameters'],
    ['zh-CN', 'totals.params', undefined, '参数量'],
    ['zh-CN', 'input.batch', undefined, '批大小'],
    ['zh-CN', 'totals.acts.note', { batch: 8 }, '同时存活，批大小 8，BN/激活已融合'],
    ['en', 'palette.noMatch', { query: 'xyz' }, 'No layer kind matches “xyz”.'],
  ] as const)('translate(%s, %s) fills its placeholders', (lang, key, vars, want) => {
    expect(translate(lang, key, vars)).toBe(want);
  });
});

/** Attributes with literal words: `title="Close"` (not `title={t('…')}`, not `type="button"`). */
const hardCoded = (text: string) =>
  [...text.matchAll(/\b(aria-label|title|placeholder|label)="([^"]*[A-Za-z]{2}[^"]*)"/g)].map((m) => m[0]);

describe('no hard-coded attribute text in src/ui', () => {
  const files = SOURCES.filter((f) => f.rel.endsWith('.tsx'));
  it.each(files.map((f) => [f.rel, f.text]))('%s', (_rel, text) => {
    expect(hardCoded(text)).toEqual([]);
  });
});
