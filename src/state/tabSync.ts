/**
 * Two tabs, one autosave: how a write by another tab is recognised, so it is never overwritten
 * in silence (issue 21). Every record names the tab that wrote it (autosaveRecord.ts); a tab
 * remembers the last record it read or wrote (`seen`). When the stored record is no longer
 * `seen` and was written by another tab, the two may hold different work:
 * - the same model as here, or only settings changed there: nothing to ask, the save goes on;
 * - a different model: the save is held and the user chooses (persistence.ts's notice).
 * Pure: the storage and the notice live in persistence.ts.
 */
import { deepEqual } from '../engine/deep-equal';
import type { Model } from '../engine/format/model';
import { readSaved, type SavedState } from './autosaveRecord';
import type { Notice } from './store';
import { clock, liveLabel, liveText, modelSummary, msg } from './messages';

export interface Seen {
  /** The stored text this tab last read or wrote (null: nothing stored then). */
  readonly raw: string | null;
  readonly model: Model | null;
}

export type ForeignWrite =
  | { readonly kind: 'none' } // nothing new, or this tab's own write, or unreadable (nothing to keep)
  // Another tab wrote, but the work agrees: `seenModel` is what this tab now counts as saved (the
  // object it holds, so an identity check against the editor's model still means "no edit since").
  | { readonly kind: 'same'; readonly raw: string; readonly seenModel: Model }
  | { readonly kind: 'conflict'; readonly raw: string; readonly theirs: SavedState };

/** What the stored `current` is, compared with what this tab saw and what it holds (`mine`). */
export function foreignWrite(current: string | null, seen: Seen, mine: Model, tab: string): ForeignWrite {
  if (current === null || current === seen.raw) return { kind: 'none' };
  const r = readSaved(current);
  if (!r?.ok || r.saved.tab === undefined || r.saved.tab === tab) return { kind: 'none' };
  const theirs = r.saved;
  if (theirs.model === mine || deepEqual(theirs.model, mine)) return { kind: 'same', raw: current, seenModel: mine };
  if (seen.model && deepEqual(theirs.model, seen.model)) return { kind: 'same', raw: current, seenModel: seen.model };
  return { kind: 'conflict', raw: current, theirs };
}

/** The notice that asks: load the other tab's work, or keep this tab's (saving it over theirs). */
export function otherTabNotice(
  theirs: SavedState,
  unsaved: boolean,
  choose: { readonly load: () => void; readonly keep: () => void },
): Notice {
  return {
    kind: unsaved ? 'error' : 'info',
    ...liveText(() =>
      msg(unsaved ? 'state.otherTab.unsaved' : 'state.otherTab.changed', {
        time: clock(theirs.savedAt),
        model: modelSummary(theirs.model),
      }),
    ),
    actions: [
      { ...liveLabel(() => msg('state.loadOtherTab')), run: choose.load },
      { ...liveLabel(() => msg('state.keepThisTab')), run: choose.keep },
    ],
  };
}
