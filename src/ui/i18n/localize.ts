/**
 * The engine's and the state layer's English sentences in the interface language. They arrive as
 * plain strings (from the worker, from a thrown EditError, from a share link's decoder) written by
 * `say(key, vars)` from the templates of src/engine/messages.ts; here each template becomes an
 * anchored pattern, a string that matches one gets its key and values back, and the Chinese
 * template is filled with the values (each value translated too: a reason inside a reason). A
 * string no template matches (a vendor's rule text, a field rule not keyed yet) stays English.
 */
import { ENGINE_MESSAGES_EN, WRAPPER_KEYS, fill, type EngineMessageKey } from '../../engine/messages';
import type { engineZh as EngineZh } from './zh-CN-messages';

/** The Chinese templates, once index.tsx `loadLanguage('zh-CN')` has brought them (English until then). */
let engineZh: Partial<typeof EngineZh> = {};

export function setEngineZh(table: Partial<typeof EngineZh>): void {
  engineZh = table;
  cache.clear();
}

interface Matcher {
  readonly key: EngineMessageKey;
  readonly re: RegExp;
  /** Placeholder names in the order their groups appear (a name may repeat: the first wins). */
  readonly names: readonly string[];
  readonly literal: number;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function matcher(key: EngineMessageKey, template: string): Matcher {
  const names: string[] = [];
  let source = '';
  let literal = 0;
  for (const part of template.split(/(\{\w+\})/)) {
    const m = /^\{(\w+)\}$/.exec(part);
    if (m) {
      names.push(m[1]);
      source += '([\\s\\S]+?)';
    } else {
      source += escape(part);
      literal += part.length;
    }
  }
  return { key, re: new RegExp(`^${source}$`), names, literal };
}

/**
 * Most literal text first: '"{path}" does not exist' is tried before '{path} does not exist'. Built on
 * the first Chinese lookup, not at load: the ~370 patterns took about 2 ms (Node, cold) inside the
 * page's opening task, where an English page never uses them (docs/performance.md: issue 20).
 */
let matchers: readonly Matcher[] | null = null;
const allMatchers = (): readonly Matcher[] =>
  (matchers ??= (Object.entries(ENGINE_MESSAGES_EN) as [EngineMessageKey, string][])
    .map(([k, v]) => matcher(k, v))
    .sort((a, b) => b.literal - a.literal));

/**
 * The key and values of an engine sentence, or null when no template gives exactly this text.
 * `words`: also the single words a sentence slots in ('height'); only a value named `side` is one,
 * so a knob or field that happens to be called "width" keeps its name.
 */
export function parseMessage(
  text: string,
  words = false,
): { key: EngineMessageKey; vars: Record<string, string> } | null {
  for (const m of allMatchers()) {
    if (!words && m.key.startsWith('word.')) continue;
    const r = m.re.exec(text);
    if (!r) continue;
    const vars: Record<string, string> = {};
    m.names.forEach((n, i) => {
      if (vars[n] === undefined) vars[n] = r[i + 1];
    });
    if (WRAPPER_KEYS.has(m.key) && !parseMessage(vars.error)) continue;
    return { key: m.key, vars };
  }
  return null;
}

const MAX_DEPTH = 4;
const cache = new Map<string, string>();

/** `text` in Chinese when it is an engine sentence (nested values too), else unchanged. */
function toChinese(text: string, depth: number, words = false): string {
  const cacheKey = words ? `\u0000${text}` : text;
  const hit = cache.get(cacheKey);
  if (hit !== undefined) return hit;
  const parsed = depth > MAX_DEPTH ? null : parseMessage(text, words);
  let out = text;
  if (parsed) {
    const vars: Record<string, string> = {};
    for (const [k, v] of Object.entries(parsed.vars)) vars[k] = toChinese(v, depth + 1, k === 'side');
    out = fill(engineZh[parsed.key] ?? ENGINE_MESSAGES_EN[parsed.key], vars);
  }
  // Notices and row errors are few and re-rendered often: remember them (bounded).
  if (cache.size > 2000) cache.clear();
  cache.set(cacheKey, out);
  return out;
}

/** An engine or state sentence in `lang` (English: as it came). */
export const localize = (text: string, lang: string): string => (lang === 'zh-CN' && text ? toChinese(text, 0) : text);

/** Each value of a message's vars localized (a state message carrying an engine reason). */
export function localizeVars(
  vars: Readonly<Record<string, string | number>> | undefined,
  lang: string,
): Readonly<Record<string, string | number>> | undefined {
  if (!vars || lang !== 'zh-CN') return vars;
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(vars)) out[k] = typeof v === 'string' ? localize(v, lang) : v;
  return out;
}
