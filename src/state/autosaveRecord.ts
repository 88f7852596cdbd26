/**
 * What the autosave writes to localStorage, where, and how a stored copy is read back.
 *
 * Keys (all under `floplab.`; docs/import-export.md "Autosave" lists them for users):
 * - AUTOSAVE_KEY: the work, rewritten after every change (one `setItem`: a write is whole or absent).
 * - PREVIOUS_KEY: the autosave as it was before a model opened from a link was saved over it.
 * - LAST_GOOD_KEY: the work as it was the last time it opened and was evaluated without trouble.
 * - UNREADABLE_KEY: an autosave this version could not read, moved aside instead of overwritten.
 * - NOT_OPENED_KEY: an autosave that did not finish opening last time (the tab may have
 *   crashed): safe mode (safeMode.ts) keeps it here and starts without it.
 *
 * A record is versioned by its model's own `format` (migrated by parseModel) and carries when and
 * by which tab it was written, so another tab's write can be told from this tab's (tabSync.ts).
 */
import type { Model } from '../engine/format/model';
import { parseModel } from '../engine/format/schema';
import { conventionById } from '../engine/conventions/registry';
import { getAt } from '../engine/format/edit';
import { DTYPES, MAX_DEVICE_ID, NUMBER_FORMATS, THEMES, defaultSettings, type Settings } from './defaults';
import { say } from '../engine/messages';

export const AUTOSAVE_KEY = 'floplab.autosave.v1';
export const PREVIOUS_KEY = 'floplab.autosave.previous';
export const LAST_GOOD_KEY = 'floplab.autosave.lastGood';
export const UNREADABLE_KEY = 'floplab.autosave.unreadable';
export const NOT_OPENED_KEY = 'floplab.autosave.notOpened';

export interface SavedState {
  readonly model: Model;
  readonly settings: Settings;
  readonly selection: string | null;
  readonly collapsed: Record<string, true>;
  /** This browser's autosave id: the live URL carries it, so a reload knows its own address (liveUrl.ts). */
  readonly id?: string;
  /** When it was written (ms since 1970), shown in the saved-copies list. */
  readonly savedAt?: number;
  /** The tab that wrote it (one id per page load), so another tab's write is recognised. */
  readonly tab?: string;
}

export type StorageLike = Pick<Storage, 'getItem' | 'setItem'> & Partial<Pick<Storage, 'removeItem'>>;

export type ReadResult = { ok: true; saved: SavedState } | { ok: false; error: string };

/** Checks a stored value; never throws. Bad parts fall back to defaults, a bad model rejects it. */
export function readSaved(raw: string | null): ReadResult | null {
  if (raw === null) return null;
  let v: Record<string, unknown>;
  try {
    v = JSON.parse(raw) as Record<string, unknown>;
    if (typeof v !== 'object' || v === null) throw new Error('not an object');
  } catch {
    return { ok: false, error: say('save.notJson') };
  }
  const parsed = parseModel(v.model);
  if (!parsed.ok) return { ok: false, error: say('save.invalid', { error: parsed.error }) };
  const s = (typeof v.settings === 'object' && v.settings !== null ? v.settings : {}) as Record<string, unknown>;
  const d = defaultSettings();
  const pick = <T extends string>(x: unknown, allowed: readonly T[], dflt: T): T =>
    allowed.includes(x as T) ? (x as T) : dflt;
  const settings: Settings = {
    convention: typeof s.convention === 'string' && conventionById(s.convention) ? s.convention : d.convention,
    numberFormat: pick(s.numberFormat, NUMBER_FORMATS, d.numberFormat),
    dtype: pick(s.dtype, DTYPES, d.dtype),
    theme: pick(s.theme, THEMES, d.theme),
    // An unknown device id is kept as text; the runtime view reports it (devices load lazily, not here).
    device:
      s.device === null || (typeof s.device === 'string' && s.device.length <= MAX_DEVICE_ID) ? s.device : d.device,
    precision: pick(s.precision, DTYPES, d.precision),
  };
  const selection = typeof v.selection === 'string' && getAt(parsed.model, v.selection) ? v.selection : null;
  const collapsed: Record<string, true> = {};
  if (typeof v.collapsed === 'object' && v.collapsed !== null)
    for (const k of Object.keys(v.collapsed)) if (getAt(parsed.model, k)) collapsed[k] = true;
  const id = typeof v.id === 'string' && /^[\w-]{1,40}$/.test(v.id) ? { id: v.id } : {};
  const tab = typeof v.tab === 'string' && /^[\w-]{1,40}$/.test(v.tab) ? { tab: v.tab } : {};
  const savedAt = typeof v.savedAt === 'number' && Number.isFinite(v.savedAt) ? { savedAt: v.savedAt } : {};
  return { ok: true, saved: { model: parsed.model, settings, selection, collapsed, ...id, ...tab, ...savedAt } };
}

/** window.localStorage, or null where there is none or the browser blocks it (access itself throws then). */
export function browserStorage(): StorageLike | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** A random id for this browser's autosave or for one page load (tab). */
export const newId = (): string => Math.random().toString(36).slice(2, 12) + Date.now().toString(36);

export const isQuotaError = (err: unknown): boolean => {
  const e = err as { name?: string; code?: number } | null;
  return e?.name === 'QuotaExceededError' || e?.name === 'NS_ERROR_DOM_QUOTA_REACHED' || e?.code === 22;
};

/** `storage.getItem` that answers null instead of throwing (blocked storage). */
export function safeGet(storage: StorageLike | null, key: string): string | null {
  if (!storage) return null;
  try {
    return storage.getItem(key);
  } catch {
    return null;
  }
}

/** A write that must not disturb anything when it fails (the backups): true when it was stored. */
export function trySet(storage: StorageLike | null, key: string, value: string): boolean {
  if (!storage) return false;
  try {
    storage.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}

export function tryRemove(storage: StorageLike | null, key: string): void {
  try {
    storage?.removeItem?.(key);
  } catch {
    // Only a backup stays behind.
  }
}

/** `setItem` for the work itself: when storage is full, the last good copy (a backup) makes room. Throws like setItem. */
export function setMakingRoom(storage: StorageLike, key: string, value: string): void {
  try {
    storage.setItem(key, value);
  } catch (err) {
    if (!isQuotaError(err) || key === LAST_GOOD_KEY || safeGet(storage, LAST_GOOD_KEY) === null) throw err;
    tryRemove(storage, LAST_GOOD_KEY);
    storage.setItem(key, value);
  }
}
