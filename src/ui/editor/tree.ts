/**
 * The editor's flat view of the model tree: one item per layer, plus a header item per child
 * list of a block (body, shortcut, branch i), in display order, skipping collapsed blocks.
 * The virtualised list renders these; paths are the engine's model paths (Row.modelPath).
 */
import type { LayerSpec, Model } from '../../engine/format/model';
import { isBlock, kindOf, type AnyKind } from '../../engine/layers/registry';
import { t, useLang } from '../i18n';

export interface LayerItem {
  readonly kind: 'layer';
  /** Model path, e.g. `layers[2].body[0]`; also the item's key. */
  readonly id: string;
  readonly depth: number;
  readonly spec: LayerSpec;
  /** Undefined when the type is unknown (the engine reports that on the row). */
  readonly layerKind: AnyKind | undefined;
  readonly block: boolean;
  readonly collapsed: boolean;
  /** Path of the list holding this layer (`layers`, `layers[2].body`) and the index in it. */
  readonly listPath: string;
  readonly index: number;
}

export interface ListItem {
  readonly kind: 'list';
  /** List path, e.g. `layers[2].shortcut`, `layers[5].branches[1]`. */
  readonly id: string;
  readonly depth: number;
  /** Path of the block that owns the list. */
  readonly blockPath: string;
  /** Field of the block that holds the list (`body`, `shortcut`, `branches`). */
  readonly field: string;
  /** Branch index for nested list fields (concat), else null. */
  readonly branch: number | null;
  readonly label: string;
  readonly length: number;
  readonly help: string;
}

export type EditorItem = LayerItem | ListItem;

function listLabel(field: string, branch: number | null, len: number): string {
  const what = branch === null ? field : t('list.branch', { n: branch + 1 });
  if (len > 0) return what;
  return t(field === 'shortcut' ? 'list.emptyIdentity' : 'list.emptyList', { what });
}

/**
 * A layer's items (itself and, for an expanded block, its child lists) from the last flatten, by
 * layer object. Edits replace only the objects on the edited path, so every other layer's items
 * are reused: the same item objects let the memoised rows skip rendering, and flattening a
 * 1,000-layer model after an edit copies references instead of rebuilding 1,000 items.
 */
interface Flattened {
  readonly id: string;
  readonly depth: number;
  readonly collapsed: Readonly<Record<string, true>>;
  readonly lang: string;
  readonly items: readonly EditorItem[];
}
const flattened = new WeakMap<object, Flattened>();

/** Flattens the model in display order. `collapsed` holds paths of collapsed blocks. */
export function flattenModel(model: Model, collapsed: Readonly<Record<string, true>>): EditorItem[] {
  const out: EditorItem[] = [];
  const lang = useLang.getState().lang;
  const walk = (layers: readonly LayerSpec[], listPath: string, depth: number) => {
    layers.forEach((spec, index) => {
      const id = `${listPath}[${index}]`;
      const keyed = spec !== null && typeof spec === 'object';
      const hit = keyed ? flattened.get(spec) : undefined;
      if (hit && hit.id === id && hit.depth === depth && hit.collapsed === collapsed && hit.lang === lang) {
        for (const item of hit.items) out.push(item);
        return;
      }
      const start = out.length;
      flattenLayer(spec, index, id, listPath, depth, collapsed, out, walk);
      if (keyed) flattened.set(spec, { id, depth, collapsed, lang, items: out.slice(start) });
    });
  };
  walk(Array.isArray(model?.layers) ? model.layers : [], 'layers', 0);
  return out;
}

/** One layer's items: itself, then (expanded blocks) a header per child list and the list's layers. */
function flattenLayer(
  spec: LayerSpec,
  index: number,
  id: string,
  listPath: string,
  depth: number,
  collapsed: Readonly<Record<string, true>>,
  out: EditorItem[],
  walk: (layers: readonly LayerSpec[], listPath: string, depth: number) => void,
): void {
  const layerKind = typeof spec?.type === 'string' ? kindOf(spec.type) : undefined;
  const block = !!layerKind && isBlock(layerKind);
  const isCollapsed = block && collapsed[id] === true;
  out.push({ kind: 'layer', id, depth, spec, layerKind, block, collapsed: isCollapsed, listPath, index });
  if (!block || isCollapsed || !layerKind || !isBlock(layerKind)) return;
  // Child lists, each under a small header row (a drop target and an "add here" button).
  for (const lf of layerKind.listFields) {
    const raw = spec[lf.name];
    const lists: { layers: readonly LayerSpec[]; branch: number | null }[] = lf.nested
      ? (Array.isArray(raw) ? (raw as LayerSpec[][]) : []).map((l, i) => ({
          layers: Array.isArray(l) ? l : [],
          branch: i,
        }))
      : [{ layers: Array.isArray(raw) ? (raw as LayerSpec[]) : [], branch: null }];
    for (const { layers: child, branch } of lists) {
      const childPath = branch === null ? `${id}.${lf.name}` : `${id}.${lf.name}[${branch}]`;
      out.push({
        kind: 'list',
        id: childPath,
        depth: depth + 1,
        blockPath: id,
        field: lf.name,
        branch,
        label: listLabel(lf.name, branch, child.length),
        length: child.length,
        help: lf.help,
      });
      walk(child, childPath, depth + 1);
    }
  }
}

/** `layers[2].body[3]` → `layers[2].body`; `layers[1]` → `layers`. */
export function parentList(path: string): string {
  return path.replace(/\[\d+\]$/, '');
}

/** Index of a layer in its list: `layers[2].body[3]` → 3. */
export function indexIn(path: string): number {
  const m = /\[(\d+)\]$/.exec(path);
  return m ? Number(m[1]) : -1;
}

/** True when `inner` is `outer` or lies inside it (a block cannot move into itself). */
export function isWithin(inner: string, outer: string): boolean {
  return inner === outer || inner.startsWith(`${outer}.`) || inner.startsWith(`${outer}[`);
}
