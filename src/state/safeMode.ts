/**
 * Safe mode: a model that crashed the tab while it was opening is not opened again by itself.
 *
 * Before the autosave is opened, a marker goes to localStorage (LOADING_KEY, with this tab's
 * id); once the model's numbers are on screen (boot.ts: the first committed evaluation, and the
 * frame after it) or the page is left normally (pagehide), the marker is removed. A tab that
 * crashes (out of memory, a renderer crash) runs neither, so the next visit finds the marker and
 * opens in safe mode: the autosave is moved to NOT_OPENED_KEY, the last good copy (or a new
 * model) is opened instead, and a notice offers to open the model anyway. So a model that
 * crashes the tab costs one crash, never a loop, and is never lost.
 *
 * Two tabs opening at the same moment share the one marker: each removes it only if it is its
 * own, so a false "did not finish" needs two loads within the same second or two, and its only
 * cost is a notice and one click.
 */
import { safeGet, tryRemove, trySet, type StorageLike } from './autosaveRecord';

export const LOADING_KEY = 'floplab.loading';

export interface LoadingMarker {
  readonly tab: string;
  readonly since: number;
}

/** The marker a previous load left behind (it never finished), or null. */
export function unfinishedLoad(storage: StorageLike | null): LoadingMarker | null {
  const raw = safeGet(storage, LOADING_KEY);
  if (raw === null || raw === '') return null;
  try {
    const v = JSON.parse(raw) as Partial<LoadingMarker>;
    return { tab: typeof v.tab === 'string' ? v.tab : '?', since: typeof v.since === 'number' ? v.since : 0 };
  } catch {
    return { tab: '?', since: 0 }; // a damaged marker still means a load did not finish
  }
}

export function beginLoad(storage: StorageLike | null, tab: string, now = Date.now()): void {
  trySet(storage, LOADING_KEY, JSON.stringify({ tab, since: now } satisfies LoadingMarker));
}

/** Removes this tab's marker; another tab's (a load still under way there) is left alone. */
export function endLoad(storage: StorageLike | null, tab: string): void {
  const m = unfinishedLoad(storage);
  if (m && m.tab === tab) tryRemove(storage, LOADING_KEY);
}
