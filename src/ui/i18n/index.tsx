/**
 * Interface language: a tiny store (the choice is kept in localStorage), `t()` for code outside
 * React, `useT()` for components (re-renders on a switch) and the <LanguageSwitch/> control.
 * Other components adopt it by adding their keys to en.ts and zh-CN.ts and calling useT().
 */
import { createViewStore } from '../teaching/viewStore';
import { useCallback, useEffect } from 'react';
import { en, type MessageKey } from './en';
import { fill, setStateTranslator } from '../../state/messages';
import { localize, localizeVars, setEngineZh } from './localize';

export type { MessageKey } from './en';

export const LANGS = ['en', 'zh-CN'] as const;
export type Lang = (typeof LANGS)[number];

/** The interface's strings per language; zh-CN once `loadLanguage` has brought its chunk. */
const TABLES: Partial<Record<Lang, Readonly<Record<MessageKey, string>>>> = { en };
export const LANG_KEY = 'floplab.lang';

let zhLoading: Promise<void> | null = null;

/**
 * Brings a language's tables (zh-CN: a chunk of ~20 KB gzip, kept out of the first screen's
 * JavaScript; issue 20's budget). Resolves at once for English or a language already here.
 */
export function loadLanguage(lang: Lang): Promise<void> {
  if (TABLES[lang]) return Promise.resolve();
  zhLoading ??= import('./zh-CN-tables').then((m) => {
    TABLES['zh-CN'] = m.zhCN;
    setEngineZh(m.engineZh);
  });
  return zhLoading;
}

function storedLang(): Lang {
  try {
    const v = typeof localStorage === 'undefined' ? null : localStorage.getItem(LANG_KEY);
    return (LANGS as readonly string[]).includes(v ?? '') ? (v as Lang) : 'en';
  } catch {
    return 'en'; // storage blocked: English, and the switch still works for this page
  }
}

interface LangState {
  readonly lang: Lang;
  setLang(l: Lang): void;
}

export const useLang = createViewStore<LangState>((set) => ({
  // The stored language applies once its tables are here (`restoreLanguage`, before the first render).
  lang: 'en',
  setLang: (lang) => {
    try {
      localStorage.setItem(LANG_KEY, lang);
    } catch {
      // Not remembered across visits; the switch still applies now.
    }
    if (TABLES[lang]) set({ lang });
    else void loadLanguage(lang).then(() => set({ lang }));
  },
}));

/** The language chosen on an earlier visit, its tables loaded first (main.tsx awaits it before rendering). */
export async function restoreLanguage(): Promise<void> {
  const lang = storedLang();
  if (lang === 'en') return;
  try {
    await loadLanguage(lang);
    useLang.setState({ lang });
  } catch {
    // The chunk could not be fetched (offline without a cached copy): the page opens in English.
  }
}

/** Fills `{name}` placeholders; a missing value leaves the placeholder visible (easy to spot). */
export const format = fill;

/** The string for `key` in `lang` (English when a translation is missing at runtime). */
export function translate(lang: Lang, key: MessageKey, vars?: Readonly<Record<string, string | number>>): string {
  return format(TABLES[lang]?.[key] ?? en[key], vars);
}

/** Non-React callers: the current language's string. */
export const t = (key: MessageKey, vars?: Readonly<Record<string, string | number>>): string =>
  translate(useLang.getState().lang, key, vars);

export type T = typeof t;

/** Non-React callers: an engine or state sentence in the current language. */
export const localizeNow = (text: string): string => localize(text, useLang.getState().lang);

// The state side's notices (autosave, links, tabs, safe mode) in the current language. Registered
// when this module loads, which is before main.tsx starts the state (its imports run first).
// Values inside them (a link's or a limit's reason) are engine sentences: translated too.
setStateTranslator((key, vars) => t(key, localizeVars(vars, useLang.getState().lang)));

/** Components: a `t` bound to the current language; switching language re-renders the caller. */
export function useT(): T {
  const lang = useLang((s) => s.lang);
  // Stable per language, so components can list `t` in memo dependencies.
  return useCallback<T>((key, vars) => translate(lang, key, vars), [lang]);
}

/** Components: the engine's and state's English sentences in the current language (re-renders on a switch). */
export function useLocalize(): (text: string) => string {
  const lang = useLang((s) => s.lang);
  return useCallback((text: string) => localize(text, lang), [lang]);
}

/** Keeps <html lang> in step, for screen readers and CJK fonts. */
function useHtmlLang(lang: Lang): void {
  useEffect(() => {
    if (typeof document !== 'undefined') document.documentElement.lang = lang;
  }, [lang]);
}

export function LanguageSwitch() {
  const lang = useLang((s) => s.lang);
  const setLang = useLang((s) => s.setLang);
  const tr = useT();
  useHtmlLang(lang);
  return (
    <label className="flex items-center text-sm">
      <span className="sr-only">{tr('lang.label')}</span>
      <select
        className="field py-0.5"
        title={tr('lang.label')}
        value={lang}
        onChange={(e) => setLang(e.target.value as Lang)}
        data-testid="language-switch"
      >
        {LANGS.map((l) => (
          <option key={l} value={l}>
            {translate(l, `lang.${l}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
