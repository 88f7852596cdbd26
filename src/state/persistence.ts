/**
 * Autosave and links on load.
 *
 * - Autosave: the model, settings, selection and collapsed blocks go to localStorage, debounced,
 *   and at once when the page is hidden or unloaded. A failing write (storage full, storage
 *   blocked) shows one notice and keeps trying on later edits; when storage is full the last good
 *   copy is dropped first to make room for the work itself.
 * - On load: a share link in the URL wins if it is valid; the autosave is then left untouched
 *   until the shared model is edited (and even then it is first copied to PREVIOUS_KEY), and a
 *   notice offers to open it. A malformed link shows a notice and the autosave is restored.
 *   Either way the hash is removed, so a reload shows the work, not the link again.
 * - Nothing is lost (issue 21): an unreadable autosave is moved aside and the last good copy
 *   offered; a model that did not finish opening last time is not opened again by itself (safe
 *   mode, safeMode.ts); another tab's different work is never saved over without asking
 *   (tabSync.ts). Every copy is listed, with Open and Download, in the saved-copies dialog.
 */
import type { Model } from '../engine/format/model';
import { getAt } from '../engine/format/edit';
import { jsonSizeError } from '../engine/format/schema';
import { loadState, useEditor, type EditorState } from './store';
import { decodeShare, type ShareState } from './urlCodec';
import { later, writeLiveUrl } from './liveUrl';
import { deepEqual } from '../engine/deep-equal';
import {
  AUTOSAVE_KEY,
  LAST_GOOD_KEY,
  NOT_OPENED_KEY,
  PREVIOUS_KEY,
  UNREADABLE_KEY,
  isQuotaError,
  newId,
  browserStorage,
  readSaved,
  safeGet,
  setMakingRoom,
  trySet,
  type SavedState,
  type StorageLike,
} from './autosaveRecord';
import { beginLoad, crashedLoad, endLoad, LOADING_BEAT_MS, safeModeNotice } from './safeMode';
import { foreignWrite, otherTabNotice, type Seen } from './tabSync';
import { clock, liveLabel, liveText, msg, sentences } from './messages';
import { openStoredState, showSavedCopies } from './savedCopies';
import { say } from '../engine/messages';

export { AUTOSAVE_KEY, LAST_GOOD_KEY, NOT_OPENED_KEY, PREVIOUS_KEY, UNREADABLE_KEY, readSaved };
export type { SavedState };
export const AUTOSAVE_DEBOUNCE_MS = 400;

export interface PersistenceOptions {
  /** Defaults to window.localStorage (null when the browser blocks it). */
  readonly storage?: StorageLike | null;
  /** Where to read a share link; defaults to window.location. */
  readonly location?: { readonly hash: string; readonly pathname: string; readonly search: string };
  /** Used to drop the hash without reloading; defaults to window.history. */
  readonly history?: Pick<History, 'replaceState'> | null;
  /** Receives pagehide/visibilitychange/hashchange/storage; defaults to window. */
  readonly events?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> | null;
  readonly debounceMs?: number;
  /**
   * Keep the address bar's hash equal to the current state (liveUrl.ts); default true. `extras`
   * adds what the editor store does not hold (the teaching view's A/B model and hidden parts).
   */
  readonly liveUrl?: boolean;
  readonly linkExtras?: () => Pick<ShareState, 'compare' | 'hide'>;
  /** This page load's id (tests give two "tabs" their own); defaults to a random one. */
  readonly tab?: string;
  readonly now?: () => number;
}

/** The running persistence's "the opened model is on screen" (boot.ts calls confirmOpened). */
let onOpened: (() => void) | null = null;

/**
 * The model opened at start has its numbers on screen: the load finished (safe mode's marker is
 * removed) and this state becomes the last good copy. Idempotent.
 */
export function confirmOpened(): void {
  onOpened?.();
}

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
  const storage = opts.storage === undefined ? browserStorage() : opts.storage;
  const loc = opts.location ?? (typeof window !== 'undefined' ? window.location : undefined);
  const hist = opts.history === undefined ? (typeof window !== 'undefined' ? window.history : null) : opts.history;
  const events = opts.events === undefined ? (typeof window !== 'undefined' ? window : null) : opts.events;
  const debounceMs = opts.debounceMs ?? AUTOSAVE_DEBOUNCE_MS;
  const now = opts.now ?? Date.now;
  const tab = opts.tab ?? newId();
  const notify = useEditor.getState().notify;

  // Safe mode: read the previous load's marker before this load writes its own (and renews it).
  const crashed = crashedLoad(storage, now());
  beginLoad(storage, tab, now());
  let beat: ReturnType<typeof setInterval> | null = setInterval(() => beginLoad(storage, tab, now()), LOADING_BEAT_MS);
  const loaded = () => {
    if (beat) clearInterval(beat);
    beat = null;
    endLoad(storage, tab);
  };

  let readError: string | null = null;
  let saved: SavedState | null = null;
  let bootRaw: string | null = null;
  try {
    bootRaw = storage ? storage.getItem(AUTOSAVE_KEY) : null;
    const r = readSaved(bootRaw);
    if (r?.ok) saved = r.saved;
    else if (r) {
      readError = r.error;
      // Kept aside, not lost: the next autosave would otherwise overwrite it.
      storage?.setItem(UNREADABLE_KEY, bootRaw ?? '');
    }
  } catch {
    readError = say('save.storageUnreadable');
  }
  const lastGoodRead = readSaved(safeGet(storage, LAST_GOOD_KEY));
  const lastGood = lastGoodRead?.ok ? lastGoodRead.saved : null;

  /** Safe mode: the autosave did not finish opening last time; it is kept aside and not opened. */
  let notOpened: SavedState | null = null;
  /** Saving is held while the work cannot be kept aside (storage full) or another tab's work waits for a choice. */
  let held = false;
  if (crashed && saved && bootRaw !== null) {
    notOpened = saved;
    saved = null;
    if (!trySet(storage, NOT_OPENED_KEY, bootRaw)) held = true; // no room for a copy: do not save over it
  }

  /** The model that came from a link and has not been edited yet: not saved over the autosave. */
  let linkModel: Model | null = null;
  let failing = false;
  /** The stored record this tab last read or wrote: a different one was written by another tab. */
  let seen: Seen = { raw: bootRaw, model: saved?.model ?? null };

  const write = (key: string, value: string): boolean => {
    if (!storage) return false;
    try {
      setMakingRoom(storage, key, value);
      if (failing) notify(null);
      failing = false;
      return true;
    } catch (err) {
      const quota = isQuotaError(err);
      if (!failing)
        notify({
          kind: 'error',
          ...liveText(() => msg(quota ? 'state.storageFull' : 'state.storageBlocked')),
        });
      failing = true;
      return false;
    }
  };

  const openSaved = (s: SavedState) => () => openStoredState(s);

  const browserId = saved?.id ?? notOpened?.id ?? newId();
  /** The stored text, and the model's own size in it (the model goes first, so it is measured once). */
  const snapshot = (s: EditorState): { raw: string; modelChars: number } => {
    const model = JSON.stringify(s.model);
    const rest = {
      settings: s.settings,
      selection: s.selection,
      collapsed: s.collapsed,
      id: browserId,
      savedAt: now(),
      tab,
    };
    return { raw: `{"model":${model},${JSON.stringify(rest).slice(1)}`, modelChars: model.length };
  };

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
  const urlSoon = later(writeUrl); // after opening a link: in a task of its own (liveUrl.ts)

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
      const reason = r.error;
      notify({ kind: 'error', ...liveText(() => msg('state.badLink', { reason })) });
      return false;
    }
    // This browser's own address while its autosave is kept aside: that model is the one not opened.
    if (notOpened && r.state.origin === browserId) return false;
    flush(); // what was on screen before the link is saved first
    const current = readSaved(safeGet(storage, AUTOSAVE_KEY));
    const keep = current?.ok ? current.saved : null;
    // This browser's own address (a reload, back, a bookmark): the autosave is written before the
    // address, so it is as new or newer (a reload can beat the address's debounce): open it quietly.
    if (keep && r.state.origin === browserId) {
      loadState(keep);
      urlSoon.run();
      return true;
    }
    if (keep && deepEqual(keep.model, r.state.model) && keep.settings.convention === r.state.convention) {
      applyShare(r.state);
      urlSoon.run();
      return true;
    }
    applyShare(r.state);
    urlSoon.run();
    linkModel = r.state.model;
    const warning = r.warning;
    notify({
      kind: 'info',
      ...liveText(() => (warning ? msg('state.sharedOpenedWarning', { warning }) : msg('state.sharedOpened'))),
      ...(keep ? { action: { ...liveLabel(() => msg('state.openAutosaved')), run: openSaved(keep) } } : {}),
    });
    return true;
  };

  /** Another tab saved different work: ask, never overwrite it in silence. */
  const askAboutOtherTab = (theirs: SavedState, unsaved: boolean) =>
    notify(
      otherTabNotice(theirs, unsaved, {
        load: () => {
          const raw = safeGet(storage, AUTOSAVE_KEY);
          const r = readSaved(raw);
          const latest = r?.ok ? r.saved : theirs;
          seen = { raw, model: latest.model };
          linkModel = null;
          held = false;
          openStoredState(latest);
        },
        keep: () => {
          notify(null);
          held = false;
          dirty = true;
          flush(true);
          writeUrl();
        },
      }),
    );

  let timer: ReturnType<typeof setTimeout> | null = null;
  let dirty = false;
  /** `overrule`: the user chose this tab's work over another tab's. */
  function flush(overrule = false): void {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!dirty || (held && !overrule)) return;
    dirty = false;
    const s = useEditor.getState();
    const current = safeGet(storage, AUTOSAVE_KEY);
    if (linkModel !== null) {
      if (s.model === linkModel) return; // untouched shared model: leave the autosave alone
      linkModel = null;
      if (current !== null) write(PREVIOUS_KEY, current);
    } else if (!overrule) {
      const w = foreignWrite(current, seen, s.model, tab);
      if (w.kind === 'conflict') {
        // Not written (it would put this tab's older model over theirs); saved once the user has chosen.
        // Only a model edit here is unsaved work: a settings change alone is not.
        dirty = true;
        askAboutOtherTab(w.theirs, s.model !== seen.model);
        return;
      }
    }
    const { raw, modelChars } = snapshot(s);
    const tooBig = jsonSizeError(modelChars);
    if (tooBig) {
      // Saving it would replace a model every reader opens with one none would: keep the last autosave.
      notify({
        kind: 'error',
        ...liveText(() => msg('state.notAutosaved', { reason: tooBig })),
      });
      return;
    }
    if (write(AUTOSAVE_KEY, raw)) seen = { raw, model: s.model };
  }

  /** Autosave, and the address bar, after a change. */
  function settle(): void {
    const wasDirty = dirty;
    flush();
    if (wasDirty) writeUrl();
  }

  if (readError) {
    const reason = readError;
    notify({
      kind: 'error',
      ...liveText(() =>
        sentences(
          msg('state.unreadable', { reason }),
          lastGood ? msg('state.unreadable.lastGood', { time: clock(lastGood.savedAt) }) : msg('state.unreadable.new'),
        ),
      ),
      ...(lastGood ? { action: { ...liveLabel(() => msg('state.openLastGood')), run: openSaved(lastGood) } } : {}),
      actions: [{ ...liveLabel(() => msg('state.savedCopies')), run: showSavedCopies }],
    });
  }
  const fromLink = loc ? openLink(loc.hash) : false;
  if (!fromLink && saved) loadState(saved);
  if (!fromLink && notOpened) {
    const pending = notOpened;
    const instead = lastGood && !deepEqual(lastGood.model, pending.model) ? lastGood : null;
    if (instead) loadState(instead);
    const openAnyway = () => {
      held = false;
      openStoredState(pending);
    };
    notify(safeModeNotice(pending, instead, held, openAnyway, showSavedCopies));
    // The crashing model leaves the autosave now (it is kept aside), so the next visit opens safely.
    dirty = true;
    flush();
  }
  if (!fromLink) writeUrl();

  let opened = false;
  onOpened = () => {
    if (opened) return;
    opened = true;
    loaded();
    if (!held && !failing) trySet(storage, LAST_GOOD_KEY, snapshot(useEditor.getState()).raw);
  };

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
  const onHide = () => {
    settle();
    loaded(); // leaving the page normally is not a crash
  };
  const onVisibility = () => {
    if (typeof document !== 'undefined' && document.visibilityState === 'hidden') settle();
  };
  const onHashChange = () => {
    if (loc) openLink(loc.hash);
  };
  const onStorage = (e: Event) => {
    const { key, newValue } = e as StorageEvent;
    if (key !== AUTOSAVE_KEY || newValue === null) return;
    const s = useEditor.getState();
    if (linkModel !== null && s.model === linkModel) return; // this tab is not saving: nothing to overwrite
    const w = foreignWrite(newValue, seen, s.model, tab);
    if (w.kind === 'same') seen = { raw: newValue, model: w.seenModel };
    else if (w.kind === 'conflict')
      // Unsaved work here means a model edit since the last save (every edit is a new model object);
      // a pending settings or selection change is not work the other tab's model would overwrite.
      askAboutOtherTab(w.theirs, seen.model !== null && s.model !== seen.model);
  };
  events?.addEventListener('pagehide', onHide);
  events?.addEventListener('visibilitychange', onVisibility);
  events?.addEventListener('hashchange', onHashChange);
  events?.addEventListener('storage', onStorage);
  return () => {
    urlSoon.cancel();
    flush();
    loaded(); // a teardown is not a crash
    unsubscribe();
    onOpened = null;
    events?.removeEventListener('pagehide', onHide);
    events?.removeEventListener('visibilitychange', onVisibility);
    events?.removeEventListener('hashchange', onHashChange);
    events?.removeEventListener('storage', onStorage);
  };
}
