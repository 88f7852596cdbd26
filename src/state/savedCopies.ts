/**
 * The saved-copies list (issue 21: "the last good copy visible and restorable from the app"):
 * every copy of the work this browser keeps (autosaveRecord.ts's keys), with when it was written,
 * its model's name and size, and whether it can be read. The UI (src/ui/io/SavedCopiesDialog.tsx)
 * renders it; opening a copy is an undoable edit, and any copy, even an unreadable one, can be
 * downloaded as it is stored.
 */
import { create } from 'zustand';
import {
  AUTOSAVE_KEY,
  LAST_GOOD_KEY,
  NOT_OPENED_KEY,
  PREVIOUS_KEY,
  UNREADABLE_KEY,
  browserStorage,
  readSaved,
  safeGet,
  type StorageLike,
} from './autosaveRecord';
import { useEditor } from './store';
import type { SavedState } from './autosaveRecord';

export type SavedCopyKind = 'autosave' | 'lastGood' | 'previous' | 'notOpened' | 'unreadable';

export const SAVED_COPY_KEYS: Readonly<Record<SavedCopyKind, string>> = {
  autosave: AUTOSAVE_KEY,
  lastGood: LAST_GOOD_KEY,
  previous: PREVIOUS_KEY,
  notOpened: NOT_OPENED_KEY,
  unreadable: UNREADABLE_KEY,
};

export interface SavedCopy {
  readonly kind: SavedCopyKind;
  readonly key: string;
  /** Characters stored. */
  readonly size: number;
  readonly savedAt?: number;
  readonly name?: string;
  /** Top-level layers of its model. */
  readonly layers?: number;
  /** Why it cannot be opened (it can still be downloaded). */
  readonly error?: string;
}

/** The copies present, in SAVED_COPY_KEYS order. */
export function listSavedCopies(storage: StorageLike | null = browserStorage()): SavedCopy[] {
  const out: SavedCopy[] = [];
  for (const [kind, key] of Object.entries(SAVED_COPY_KEYS) as [SavedCopyKind, string][]) {
    const raw = safeGet(storage, key);
    if (raw === null || raw === '') continue;
    const r = readSaved(raw);
    if (r?.ok)
      out.push({
        kind,
        key,
        size: raw.length,
        name: r.saved.model.name ?? '',
        layers: r.saved.model.layers.length,
        ...(r.saved.savedAt !== undefined ? { savedAt: r.saved.savedAt } : {}),
      });
    else out.push({ kind, key, size: raw.length, error: r?.error ?? 'unreadable' });
  }
  return out;
}

/** Opens a stored copy as an undoable edit; false (nothing changed) when it cannot be read. */
export function openSavedCopy(kind: SavedCopyKind, storage: StorageLike | null = browserStorage()): boolean {
  const r = readSaved(safeGet(storage, SAVED_COPY_KEYS[kind]));
  if (!r?.ok) return false;
  openStoredState(r.saved);
  return true;
}

/** Opens a stored state as an undoable edit (what was on screen is one Ctrl+Z away). */
export function openStoredState(s: SavedState): void {
  useEditor.getState().setModel(s.model);
  useEditor.setState({ settings: s.settings, selection: s.selection, collapsed: s.collapsed, notice: null });
}

/** A copy's stored text as a file: a readable one as a FlopLab model JSON, any other as it is. */
export function savedCopyFile(
  kind: SavedCopyKind,
  storage: StorageLike | null = browserStorage(),
): { name: string; text: string } | null {
  const raw = safeGet(storage, SAVED_COPY_KEYS[kind]);
  if (raw === null) return null;
  const r = readSaved(raw);
  if (r?.ok) return { name: `floplab-${kind}.json`, text: JSON.stringify(r.saved.model, null, 2) + '\n' };
  return { name: `floplab-${kind}-as-stored.txt`, text: raw };
}

interface DialogState {
  readonly open: boolean;
  /** Bumped on each showing, so the list is read again. */
  readonly version: number;
}

export const useSavedCopiesDialog = create<DialogState>(() => ({ open: false, version: 0 }));

export function showSavedCopies(): void {
  useSavedCopiesDialog.setState((s) => ({ open: true, version: s.version + 1 }));
}

export function hideSavedCopies(): void {
  useSavedCopiesDialog.setState({ open: false });
}
