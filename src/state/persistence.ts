/**
 * Autosave and links on load.
 *
 * - Autosave: the model, settings, selection and collapsed blocks go to localStorage, debounced,
 *   and at once when the page is hidden or unloaded. A failing write (storage full, storage
 *   blocked) shows one notice and keeps trying on later edits.
 * - On load: a share link in the URL wins if it is valid; the autosave is then left untouched
 *   until the shared model is edited (and even then it is first copied to PREVIOUS_KEY), and a
 *   notice offers to open it. A malformed link shows a notice and the autosave is restored.
 *   Either way the hash is removed, so a reload shows the work, not the link again.
 */
import type { Model } from '../engine/format/model';
import { parseModel } from '../engine/format/schema';
import { conventionById } from '../engine/conventions/registry';
import { getAt } from '../engine/format/edit';
import { DTYPES, MAX_DEVICE_ID, NUMBER_FORMATS, THEMES, defaultSettings, type Settings } from './defaults';
import { loadState, useEditor, type EditorState } from './store';
import { decodeShare, type ShareState } from './urlCodec';
import { writeLiveUrl } from './liveUrl';
import { deepEqual } from '../engine/deep-equal';

export const AUTOSAVE_KEY = 'floplab.autosave.v1';
/** Where the autosave goes when a model opened from a link starts being saved over it. */
export const PREVIOUS_KEY = 'floplab.autosave.previous';
/** Where an autosave that cannot be read is moved, so a later save does not destroy it. */
export const UNREADABLE_KEY = 'floplab.autosave.unreadable';
export const AUTOSAVE_DEBOUNCE_MS = 400;

export interface SavedState {
  readonly model: Model;
  readonly settings: Settings;
  readonly selection: string | null;
  readonly collapsed: Record<string, true>;
  /** This browser's autosave id: the live URL carries it, so a reload knows its own address (liveUrl.ts). */
  readonly id?: string;
}

type StorageLike = Pick<Storage, 'getItem' | 'setItem'>;

export interface PersistenceOptions {
  /** Defaults to window.localStorage (null when the browser blocks it). */
  readonly storage?: StorageLike | null;
  /** Where to read a share link; defaults to window.location. */
  readonly location?: { readonly hash: string; readonly pathname: string; readonly search: string };
  /** Used to drop the hash without reloading; defaults to window.history. */
  readonly history?: Pick<History, 'replaceState'> | null;
  /** Receives pagehide/visibilitychange/hashchange; defaults to window. */
  readonly events?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> | null;
  readonly debounceMs?: number;
  /**
   * Keep the address bar's hash equal to the current state (liveUrl.ts); default true. `extras`
   * adds what the editor store does not hold (the teaching view's A/B model and hidden parts).
   */
  readonly liveUrl?: boolean;
  readonly linkExtras?: () => Pick<ShareState, 'compare' | 'hide'>;
}

function defaultStorage(): StorageLike | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // access itself throws when storage is blocked
  }
}

/** Checks a stored value; never throws. Bad parts fall back to defaults, a bad model rejects it. */
export function readSaved(raw: string | null): { ok: true; saved: SavedState } | { ok: false; error: string } | null {
  if (raw === null) return null;
  let v: Record<string, unknown>;
  try {
    v = JSON.parse(raw) as Record<string, unknown>;
    if (typeof v !== 'object' || v === null) throw new Error('not an object');
  } catch {
    return { ok: false, error: 'the autosaved data is not valid JSON' };
  }
  const parsed = parseModel(v.model);
  if (!parsed.ok) return { ok: false, error: `the autosaved model is invalid (${parsed.error})` };
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
  return { ok: true, saved: { model: parsed.model, settings, selection, collapsed, ...id } };
}

const snapshot = (s: EditorState, id: string): SavedState => ({
  model: s.model,
  settings: s.settings,
  selection: s.selection,
  collapsed: s.collapsed,
  id,
});

const newId = (): string => Math.random().toString(36).slice(2, 12) + Date.now().toString(36);

const isQuotaError = (err: unknown): boolean => {
  const e = err as { name?: string; code?: number } | null;
  return e?.name === 'QuotaExceededError' || e?.name === 'NS_ERROR_DOM_QUOTA_REACHED' || e?.code === 22;
};

/** Applies a decoded link to the editor (no undo entry: it is where this session starts). */
export function applyShare(state: ShareState): void {
  const selection = state.selection && getAt(state.model, state.selection) ? state.selection : null;
  loadState({
    model: state.model,
    selection,
    collapsed: {},
    settings: { ...useEditor.getState().settings, ...state.settings, convention: state.convention },
  });
}

/** Restores the autosave, opens a link in the URL if any, and starts autosaving. Returns a stop function. */
export function startPersistence(opts: PersistenceOptions = {}): () => void {
  const storage = opts.storage === undefined ? defaultStorage() : opts.storage;
  const loc = opts.location ?? (typeof window !== 'undefined' ? window.location : undefined);
  const hist = opts.history === undefined ? (typeof window !== 'undefined' ? window.history : null) : opts.history;
  const events = opts.events === undefined ? (typeof window !== 'undefined' ? window : null) : opts.events;
  const debounceMs = opts.debounceMs ?? AUTOSAVE_DEBOUNCE_MS;
  const notify = useEditor.getState().notify;

  let readError: string | null = null;
  let saved: SavedState | null = null;
  try {
    const r = readSaved(storage ? storage.getItem(AUTOSAVE_KEY) : null);
    if (r?.ok) saved = r.saved;
    else if (r) {
      readError = r.error;
      // Kept aside, not lost: the next autosave would otherwise overwrite it.
      storage?.setItem(UNREADABLE_KEY, storage.getItem(AUTOSAVE_KEY) ?? '');
    }
  } catch {
    readError = 'browser storage cannot be read';
  }

  /** The model that came from a link and has not been edited yet: not saved over the autosave. */
  let linkModel: Model | null = null;
  let failing = false;

  const write = (key: string, value: string): boolean => {
    if (!storage) return false;
    try {
      storage.setItem(key, value);
      if (failing) notify(null);
      failing = false;
      return true;
    } catch (err) {
      if (!failing)
        notify({
          kind: 'error',
          text: isQuotaError(err)
            ? 'Autosave failed: browser storage is full. Copy a share link or export the model to keep this work.'
            : 'Autosave failed: this browser does not let FlopLab store data. Copy a share link to keep this work.',
        });
      failing = true;
      return false;
    }
  };

  const openSaved = (s: SavedState) => () => {
    useEditor.getState().setModel(s.model); // undoable: the shared model is one Ctrl+Z away
    useEditor.setState({ settings: s.settings, selection: s.selection, collapsed: s.collapsed, notice: null });
  };

  const browserId = saved?.id ?? newId();
  const live = (opts.liveUrl ?? true) && loc && hist ? { location: loc, history: hist } : null;
  const writeUrl = () => {
    if (!live) return;
    const s = useEditor.getState();
    writeLiveUrl(live, {
      model: s.model,
      convention: s.settings.convention,
      settings: s.settings,
      selection: s.selection,
      ...opts.linkExtras?.(),
      origin: browserId,
    });
  };

  const openLink = (hash: string): boolean => {
    if (!hash || hash === '#') return false;
    const r = decodeShare(hash);
    if (loc && hist) {
      try {
        hist.replaceState(null, '', loc.pathname + loc.search);
      } catch {
        // Keeping the hash only means a reload opens the link again.
      }
    }
    if (!r.ok) {
      notify({ kind: 'error', text: `${r.error} Your autosaved model was kept.` });
      return false;
    }
    flush(); // what was on screen before the link is saved first
    const current = storage ? readSaved(safeGet(storage)) : null;
    const keep = current?.ok ? current.saved : null;
    // This browser's own address (a reload, back, a bookmark): the autosave is written before the
    // address, so it is as new or newer (a reload can beat the address's debounce): open it quietly.
    if (keep && r.state.origin === browserId) {
      loadState(keep);
      writeUrl();
      return true;
    }
    if (keep && deepEqual(keep.model, r.state.model) && keep.settings.convention === r.state.convention) {
      applyShare(r.state);
      writeUrl();
      return true;
    }
    applyShare(r.state);
    writeUrl();
    linkModel = r.state.model;
    notify({
      kind: 'info',
      text: `Opened a shared model${r.warning ? ` (${r.warning})` : ''}. Your autosaved model is kept.`,
      ...(keep ? { action: { label: 'Open my autosaved model', run: openSaved(keep) } } : {}),
    });
    return true;
  };

  let timer: ReturnType<typeof setTimeout> | null = null;
  let dirty = false;
  function flush(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!dirty) return;
    dirty = false;
    const s = useEditor.getState();
    if (linkModel !== null) {
      if (s.model === linkModel) return; // untouched shared model: leave the autosave alone
      linkModel = null;
      const old = storage ? safeGet(storage) : null;
      if (old !== null) write(PREVIOUS_KEY, old);
    }
    write(AUTOSAVE_KEY, JSON.stringify(snapshot(s, browserId)));
  }

  /** Autosave, and the address bar, after a change. */
  function settle(): void {
    const wasDirty = dirty;
    flush();
    if (wasDirty) writeUrl();
  }

  if (readError)
    notify({ kind: 'error', text: `Your autosave could not be restored: ${readError}. Starting from a new model.` });
  const fromLink = loc ? openLink(loc.hash) : false;
  if (!fromLink && saved) loadState(saved);
  if (!fromLink) writeUrl();

  const unsubscribe = useEditor.subscribe((s, prev) => {
    if (
      s.model === prev.model &&
      s.settings === prev.settings &&
      s.selection === prev.selection &&
      s.collapsed === prev.collapsed
    )
      return;
    dirty = true;
    if (timer) clearTimeout(timer);
    timer = setTimeout(settle, debounceMs);
  });
  const onHide = () => settle();
  const onVisibility = () => {
    if (typeof document !== 'undefined' && document.visibilityState === 'hidden') settle();
  };
  const onHashChange = () => {
    if (loc) openLink(loc.hash);
  };
  events?.addEventListener('pagehide', onHide);
  events?.addEventListener('visibilitychange', onVisibility);
  events?.addEventListener('hashchange', onHashChange);
  return () => {
    flush();
    unsubscribe();
    events?.removeEventListener('pagehide', onHide);
    events?.removeEventListener('visibilitychange', onVisibility);
    events?.removeEventListener('hashchange', onHashChange);
  };
}

function safeGet(storage: StorageLike): string | null {
  try {
    return storage.getItem(AUTOSAVE_KEY);
  } catch {
    return null;
  }
}
