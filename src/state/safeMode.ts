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
 * A tab that is still opening keeps its marker fresh (a heartbeat every LOADING_BEAT_MS), so a
 * second tab opened meanwhile (two tabs restored with the browser's session) sees a fresh marker
 * and opens normally; only a marker older than LOADING_STALE_MS means a load that died. Each
 * tab removes the marker only if it is its own.
 */
import { safeGet, tryRemove, trySet, type SavedState, type StorageLike } from './autosaveRecord';
import type { Notice } from './store';
import { clock, liveLabel, liveText, modelSummary, msg, sentences } from './messages';

export const LOADING_KEY = 'floplab.loading';
/** How often a tab that is still opening renews its marker. */
export const LOADING_BEAT_MS = 1000;
/** A marker not renewed for this long was left by a tab that died while opening. */
export const LOADING_STALE_MS = 5000;

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

/** Whether the previous load died while opening: its marker is there and no longer renewed. */
export function crashedLoad(storage: StorageLike | null, now = Date.now()): boolean {
  const m = unfinishedLoad(storage);
  return m !== null && now - m.since > LOADING_STALE_MS;
}

export function beginLoad(storage: StorageLike | null, tab: string, now = Date.now()): void {
  trySet(storage, LOADING_KEY, JSON.stringify({ tab, since: now } satisfies LoadingMarker));
}

/** Removes this tab's marker; another tab's (a load still under way there) is left alone. */
export function endLoad(storage: StorageLike | null, tab: string): void {
  const m = unfinishedLoad(storage);
  if (m && m.tab === tab) tryRemove(storage, LOADING_KEY);
}

/** The notice of safe mode: which model was not opened, what is shown instead, and the choices. */
export function safeModeNotice(
  pending: SavedState,
  shownInstead: SavedState | null,
  autosavePaused: boolean,
  openAnyway: () => void,
  showCopies: () => void,
): Notice {
  return {
    kind: 'error',
    ...liveText(() =>
      sentences(
        msg('state.safeMode', { model: modelSummary(pending.model) }),
        shownInstead
          ? msg('state.safeMode.lastGood', { time: clock(shownInstead.savedAt) })
          : msg('state.safeMode.new'),
        autosavePaused ? msg('state.safeMode.paused') : '',
      ),
    ),
    action: { ...liveLabel(() => msg('state.openAnyway')), run: openAnyway },
    actions: [{ ...liveLabel(() => msg('state.savedCopies')), run: showCopies }],
  };
}
