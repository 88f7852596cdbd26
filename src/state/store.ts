/**
 * The editor's state: the model being edited, selection, collapsed blocks, settings and a notice.
 * zustand 5 + zundo: only `model` is in the undo history (selection and settings are not edits).
 * Every edit goes through src/engine/format/edit.ts, which keeps untouched subtrees identical, so
 * the engine's per-layer parse cache survives edits. A failed edit never throws into the UI: it
 * leaves the model as it was and shows its reason as a notice.
 */
import { create, useStore } from 'zustand';
import { temporal } from 'zundo';
import { withMainInput, type LayerSpec, type Model } from '../engine/format/model';
import { conventionById } from '../engine/conventions/registry';
import {
  EditError,
  childPath,
  followPaths,
  getAt,
  insertAt,
  listOf,
  moveTo,
  moveWithin,
  removeAt,
  unwrap,
  updateAt,
  wrap,
  type WrapBlock,
} from '../engine/format/edit';
import { defaultSettings, emptyModel, starterModel, type Settings } from './defaults';
import { structureError } from '../engine/format/schema';
import { useTransitioned } from './transition';
import { say } from '../engine/messages';

export type { Settings, NumberFormat, Dtype, Theme } from './defaults';

export interface NoticeAction {
  readonly label: string;
  /** The label in the current language, read at each render (a language switch re-labels it). */
  readonly liveLabel?: () => string;
  readonly run: () => void;
}

export interface Notice {
  readonly kind: 'error' | 'info';
  /** The text when the notice was made (an engine sentence in English: the UI translates it when shown). */
  readonly text: string;
  /** The text in the current language, read at each render, so a notice on screen follows a language switch. */
  readonly live?: () => string;
  readonly action?: NoticeAction;
  /** Further choices after `action` (e.g. "load the other tab's" / "keep this tab's"). */
  readonly actions?: readonly NoticeAction[];
}

/** How many edits undo can go back. The issue asks for at least 100. */
export const UNDO_LIMIT = 200;

export interface EditorState {
  model: Model;
  selection: string | null;
  collapsed: Record<string, true>;
  settings: Settings;
  notice: Notice | null;

  /** Replaces the whole model (undoable); `name` overrides the model's name. Clears selection. */
  setModel(m: Model, opts?: { name?: string }): void;
  setInput(shape: readonly number[]): void;
  setBatch(n: number): void;
  setName(s: string): void;
  /** Merges `patch` into the layer's fields; a value of undefined deletes that field. */
  updateLayer(path: string, patch: Readonly<Record<string, unknown>>): void;
  replaceLayer(path: string, spec: LayerSpec): void;
  /** Inserts after `afterPath` in the same list (null: at the end of the top-level list). Returns the new path (null on failure). */
  insertLayer(afterPath: string | null, spec: LayerSpec): string | null;
  /** Inserts at `index` of a list ('layers[3].body', 'layers[5].branches[1]'): the way into an empty block. */
  insertLayerInto(listPath: string, index: number, spec: LayerSpec): string | null;
  deleteLayer(path: string): void;
  duplicateLayer(path: string): void;
  moveLayer(path: string, delta: -1 | 1): void;
  /** Drag and drop: `index` is the position in the target list after the layer has left its old place. */
  moveLayerTo(from: string, toListPath: string, index: number): void;
  /** Wraps the layers (siblings) in a new block placed where the first was; selects the block. */
  wrapInBlock(paths: readonly string[], block: WrapBlock): void;
  unwrapBlock(path: string): void;
  select(path: string | null): void;
  toggleCollapsed(path: string): void;
  setSettings(partial: Partial<Settings>): void;
  /** Empty model (undoable, so "discard" can be taken back; the UI asks first). */
  newModel(): void;
  undo(): void;
  redo(): void;
  notify(notice: Notice | null): void;
  dismissNotice(): void;
}

const errorNotice = (err: unknown): Notice => ({
  kind: 'error',
  text: err instanceof EditError ? err.message : say('edit.failed', { error: (err as Error)?.message ?? String(err) }),
});

/** Collapsed blocks follow their layers through an edit (same object when unchanged on return). */
function followCollapsed(before: Model, after: Model, collapsed: Record<string, true>): Record<string, true> {
  const keys = Object.keys(collapsed);
  if (keys.length === 0) return collapsed;
  const moved = followPaths(before, after, keys);
  if (moved.length === keys.length && moved.every((p, i) => p === keys[i])) return collapsed;
  return Object.fromEntries(moved.map((p) => [p, true as const]));
}

/** Selection that still points at a layer after the model changed, else null. */
const validSelection = (model: Model, sel: string | null): string | null => (sel && getAt(model, sel) ? sel : null);

export const useEditor = create<EditorState>()(
  temporal(
    (set, get) => {
      /**
       * Runs an edit; on failure keeps the state and shows why. `grows`: the edit can add layers or
       * nest them deeper (insert, duplicate, replace, move, wrap); only then is the whole tree walked
       * against the limits, so typing in a field never pays for it.
       */
      const edit = (fn: (s: EditorState) => Partial<EditorState> | undefined, grows = false): boolean => {
        try {
          const before = get();
          const next = fn(before);
          // Never hold a model no reader would open again (autosave, links, files): refused with the limit.
          const tooBig = grows && next?.model && next.model !== before.model ? structureError(next.model.layers) : null;
          if (tooBig) throw new Error(say('edit.notMade', { error: tooBig }));
          if (next?.model && next.model !== before.model && !next.collapsed)
            next.collapsed = followCollapsed(before.model, next.model, before.collapsed);
          if (next) set(next);
          return true;
        } catch (err) {
          set({ notice: errorNotice(err) });
          return false;
        }
      };
      const insertAndSelect = (listPath: string, index: number, spec: LayerSpec): string | null => {
        let path: string | null = null;
        edit((s) => {
          const model = insertAt(s.model, listPath, index, spec);
          path = childPath(listPath, index);
          return { model, selection: path };
        }, true);
        return path;
      };
      /** After undo/redo: the selection and collapsed blocks must name layers of the restored model. */
      const afterHistory = (before: Model) => {
        const s = get();
        const selection = validSelection(s.model, s.selection);
        const collapsed = followCollapsed(before, s.model, s.collapsed);
        if (selection !== s.selection || collapsed !== s.collapsed) set({ selection, collapsed });
      };
      return {
        model: starterModel(),
        selection: null,
        collapsed: {},
        settings: defaultSettings(),
        notice: null,

        setModel: (m, opts) =>
          set({
            model: opts?.name !== undefined ? { ...m, name: opts.name } : m,
            selection: null,
            collapsed: {},
          }),
        setInput: (shape) => edit((s) => ({ model: withMainInput(s.model, shape) })),
        setBatch: (n) => edit((s) => ({ model: { ...s.model, batch: n } })),
        setName: (name) => edit((s) => ({ model: { ...s.model, name } })),
        updateLayer: (path, patch) =>
          edit((s) => ({
            model: updateAt(s.model, path, (layer) => {
              const next: Record<string, unknown> = { ...layer };
              for (const [k, v] of Object.entries(patch)) {
                if (v === undefined) delete next[k];
                else next[k] = v;
              }
              return next as LayerSpec;
            }),
          })),
        replaceLayer: (path, spec) => edit((s) => ({ model: updateAt(s.model, path, () => spec) }), true),
        insertLayer: (afterPath, spec) => {
          try {
            if (afterPath === null) return insertAndSelect('layers', get().model.layers.length, spec);
            const { listPath, index } = listOf(afterPath);
            return insertAndSelect(listPath, index + 1, spec);
          } catch (err) {
            set({ notice: errorNotice(err) });
            return null;
          }
        },
        insertLayerInto: (listPath, index, spec) => insertAndSelect(listPath, index, spec),
        deleteLayer: (path) =>
          edit((s) => {
            const model = removeAt(s.model, path);
            if (s.selection !== path) return { model, selection: validSelection(model, s.selection) };
            // Select what now stands in its place, else the one before, else the enclosing block.
            const { listPath, index } = listOf(path);
            const candidates = [childPath(listPath, index), index > 0 ? childPath(listPath, index - 1) : null];
            const parent = listPath.includes('.') ? listPath.slice(0, listPath.lastIndexOf('.')) : null;
            const selection = [...candidates, parent].find((p) => p && getAt(model, p)) ?? null;
            return { model, selection };
          }),
        duplicateLayer: (path) =>
          edit((s) => {
            const spec = getAt(s.model, path);
            if (!spec) throw new EditError(`${path} does not exist`);
            const { listPath, index } = listOf(path);
            // A copy, not a second reference: later edits of one must not look like edits of both.
            const model = insertAt(s.model, listPath, index + 1, structuredClone(spec));
            return { model, selection: childPath(listPath, index + 1) };
          }, true),
        moveLayer: (path, delta) =>
          edit((s) => {
            const r = moveWithin(s.model, path, delta);
            return { model: r.model, selection: s.selection === path ? r.path : null };
          }),
        moveLayerTo: (from, toListPath, index) =>
          edit((s) => {
            const r = moveTo(s.model, from, toListPath, index);
            return { model: r.model, selection: r.path };
          }, true),
        wrapInBlock: (paths, block) =>
          edit((s) => {
            const r = wrap(s.model, paths, block);
            return { model: r.model, selection: r.path };
          }, true),
        unwrapBlock: (path) =>
          edit((s) => {
            const r = unwrap(s.model, path);
            return { model: r.model, selection: r.paths[0] ?? null };
          }),
        select: (path) => set({ selection: path }),
        toggleCollapsed: (path) =>
          set((s) => {
            const collapsed = { ...s.collapsed };
            if (collapsed[path]) delete collapsed[path];
            else collapsed[path] = true;
            return { collapsed };
          }),
        setSettings: (partial) => {
          if (partial.convention !== undefined && !conventionById(partial.convention)) {
            set({ notice: { kind: 'error', text: say('edit.unknownConvention', { id: partial.convention }) } });
            return;
          }
          set((s) => ({ settings: { ...s.settings, ...partial } }));
        },
        newModel: () => set({ model: emptyModel(), selection: null, collapsed: {} }),
        undo: () => {
          const before = get().model;
          useEditor.temporal.getState().undo();
          afterHistory(before);
        },
        redo: () => {
          const before = get().model;
          useEditor.temporal.getState().redo();
          afterHistory(before);
        },
        notify: (notice) => set({ notice }),
        dismissNotice: () => set({ notice: null }),
      };
    },
    {
      limit: UNDO_LIMIT,
      partialize: (s) => ({ model: s.model }),
      // Only a new model object is an edit; selection, settings and notices are not recorded.
      equality: (past, current) => past.model === current.model,
    },
  ),
);

export const useCanUndo = (): boolean => useStore(useEditor.temporal, (t) => t.pastStates.length > 0);
export const useCanRedo = (): boolean => useStore(useEditor.temporal, (t) => t.futureStates.length > 0);

/**
 * Replaces state without an undo entry (restoring an autosave, opening a link) and forgets the
 * history, which belonged to another model.
 */
export function loadState(partial: Partial<Pick<EditorState, 'model' | 'selection' | 'collapsed' | 'settings'>>): void {
  const t = useEditor.temporal.getState();
  t.pause();
  try {
    useEditor.setState(partial);
  } finally {
    t.resume();
  }
  t.clear();
}

const selectModel = (s: EditorState): Model => s.model;

/** The model, rendered after the edit's frame (src/state/transition.ts): for views of it that may lag. */
export const useDeferredModel = (): Model => useTransitioned(useEditor, selectModel);

const selectSelection = (s: EditorState): string | null => s.selection;

/** The selection, rendered in the same transition as useDeferredModel (so the two always agree). */
export const useDeferredSelection = (): string | null => useTransitioned(useEditor, selectSelection);
