/**
 * View state of the teaching panels (not part of the document, not undoable): the open tab,
 * model B of the A/B view, the parts an exercise link hides and which of them were revealed,
 * and the guided example whose explanation is showing. Links set it through captureLink().
 */
import { createViewStore } from './viewStore';
import type { Model } from '../../engine/format/model';
import { decodeShare, MAX_COMPARE_MORE } from '../../state/urlCodec';
import { useEditor } from '../../state/store';
import type { ExampleId, TeachingTab } from './examples';

export type { TeachingTab } from './examples';

export interface TeachingState {
  tab: TeachingTab;
  /** Model B of the A/B comparison (null: none). */
  compare: Model | null;
  /** Models C, D, … beside B (the A/B/C view); empty without B. */
  compareMore: readonly Model[];
  /** Parts hidden by an exercise link: 'totals', 'table', 'conventions', 'compare', 'layer:<path>'. */
  hide: readonly string[];
  revealed: readonly string[];
  example: ExampleId | null;
  /** The convention in use before the open example switched it (null: it did not switch). */
  switchedFrom: string | null;
  setTab(tab: TeachingTab): void;
  /** Sets B; removing it (null) moves C, D… up a place. */
  setCompare(m: Model | null): void;
  /** Adds a model to compare: B if there is none, else the next of C, D, … (at most MAX_COMPARE_MORE). */
  addCompare(m: Model): void;
  /** Removes C, D, … by index (0 = C). */
  removeCompareMore(i: number): void;
  setHide(parts: readonly string[]): void;
  reveal(part: string): void;
  revealAll(): void;
  /** Loads a guided example into the calculator (undoable model change) and shows its text. */
  openExample(id: ExampleId): Promise<void>;
  closeExample(): void;
  /** Puts back the convention the example replaced. */
  restoreConvention(): void;
}

export const HIDEABLE_PARTS = ['totals', 'table', 'conventions', 'compare'] as const;
export const layerPart = (path: string): string => `layer:${path}`;

export const useTeaching = createViewStore<TeachingState>((set, get) => ({
  tab: 'layer',
  compare: null,
  compareMore: [],
  hide: [],
  revealed: [],
  example: null,
  switchedFrom: null,
  setTab: (tab) => set({ tab }),
  setCompare: (compare) => {
    const more = get().compareMore;
    if (compare) set({ compare });
    else set({ compare: more[0] ?? null, compareMore: more.slice(1) });
  },
  addCompare: (m) => {
    const s = get();
    if (!s.compare) set({ compare: m });
    else if (s.compareMore.length < MAX_COMPARE_MORE) set({ compareMore: [...s.compareMore, m] });
  },
  removeCompareMore: (i) => set({ compareMore: get().compareMore.filter((_, k) => k !== i) }),
  setHide: (hide) => set({ hide: [...hide], revealed: [] }),
  reveal: (part) => {
    if (!get().revealed.includes(part)) set({ revealed: [...get().revealed, part] });
  },
  revealAll: () => set({ revealed: [...get().hide] }),
  openExample: async (id) => {
    // Loaded on demand: the examples pull in the model zoo, which the first paint does not need.
    const { exampleById } = await import('./examples');
    const ex = exampleById(id);
    if (!ex) return;
    const editor = useEditor.getState();
    const before = editor.settings.convention;
    editor.setModel(ex.model());
    editor.setSettings({ convention: ex.convention });
    if (ex.select) editor.select(ex.select);
    // The switch is said in the banner, with a button back (Undo restores the model, not settings).
    const switchedFrom = before !== ex.convention ? before : null;
    set({ example: id, tab: ex.tab, compare: ex.compare ? ex.compare() : get().compare, switchedFrom });
  },
  closeExample: () => set({ example: null, switchedFrom: null }),
  restoreConvention: () => {
    const prev = get().switchedFrom;
    if (prev) useEditor.getState().setSettings({ convention: prev });
    set({ switchedFrom: null });
  },
}));

/** True while `part` is hidden and not yet revealed. */
export const useHidden = (part: string): boolean =>
  useTeaching((s) => s.hide.includes(part) && !s.revealed.includes(part));

/**
 * Reads the teaching parts of a share link (model B, hidden parts) from the URL. Call it before
 * startState(), which opens the rest of the link and then rewrites the hash (the live URL). Listens
 * for later hash changes too (registered first, so it reads the hash before persistence does).
 */
export function captureLink(): void {
  if (typeof window === 'undefined') return;
  const read = () => {
    const hash = window.location.hash;
    if (!hash || hash === '#') return;
    const r = decodeShare(hash);
    if (!r.ok) return; // persistence shows the notice; nothing of ours to apply
    useTeaching.setState({
      compare: r.state.compare ?? null,
      compareMore: r.state.compare ? (r.state.compareMore ?? []) : [],
      hide: r.state.hide ?? [],
      revealed: [],
      example: null,
      ...(r.state.compare ? { tab: 'compare' as const } : {}),
    });
  };
  read();
  window.addEventListener('hashchange', read);
}
