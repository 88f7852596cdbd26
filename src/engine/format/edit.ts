/**
 * Structural edits of a model, addressed by path strings (the engine's `Row.modelPath`):
 *   layer paths  'layers[3]', 'layers[3].body[1]', 'layers[2].shortcut[0]', 'layers[5].branches[1][0]'
 *   list paths   'layers',    'layers[3].body',    'layers[2].shortcut',    'layers[5].branches[1]'
 *
 * Every function is pure and returns a new model in which only the objects on the edited path are
 * new: every untouched subtree stays the same object (===). The engine caches parsed layers by
 * object identity, so this is what keeps re-evaluation after an edit cheap.
 * Invalid paths or impossible edits throw an `EditError` with a message fit for a notice.
 */
import type { LayerSpec, Model } from './model';
import { kindOf, isBlock } from '../layers/registry';
import { say } from '../messages';

export class EditError extends Error {
  override readonly name = 'EditError';
}

/** One step down the tree: list `key` (and, for nested lists like `branches`, sub-list `sub`), item `index`. */
export interface PathStep {
  readonly key: string;
  readonly sub?: number;
  readonly index: number;
}

/** A list: the layer that holds it (`steps`, empty for the top level) and which of its lists. */
export interface ListRef {
  readonly steps: readonly PathStep[];
  readonly key: string;
  readonly sub?: number;
}

const PART = /^([A-Za-z_][A-Za-z0-9_]*)((?:\[\d+\])*)$/;

function splitPart(part: string, whole: string): { key: string; nums: number[] } {
  const m = PART.exec(part);
  if (!m) throw new EditError(say('edit.notPath', { path: whole }));
  const nums = m[2] ? m[2].slice(1, -1).split('][').map(Number) : [];
  if (nums.some((n) => !Number.isSafeInteger(n))) throw new EditError(say('edit.indexTooLarge', { path: whole }));
  return { key: m[1], nums };
}

function stepOf(part: string, whole: string): PathStep {
  const { key, nums } = splitPart(part, whole);
  if (nums.length === 1) return { key, index: nums[0] };
  if (nums.length === 2) return { key, sub: nums[0], index: nums[1] };
  throw new EditError(say('edit.badStep', { path: whole, part }));
}

function checkRoot(first: string | undefined, whole: string): void {
  if (first !== 'layers') throw new EditError(say('edit.mustStart', { path: whole }));
}

/** Parses a layer path into steps. */
export function parsePath(path: string): PathStep[] {
  if (typeof path !== 'string' || path === '') throw new EditError(say('edit.emptyPath'));
  const parts = path.split('.');
  const steps = parts.map((p) => stepOf(p, path));
  checkRoot(steps[0].key, path);
  if (steps[0].sub !== undefined) throw new EditError(say('edit.noSubLists', { path }));
  return steps;
}

/** Parses a list path ('layers', 'layers[3].body', 'layers[5].branches[1]'). */
export function parseListPath(path: string): ListRef {
  if (typeof path !== 'string' || path === '') throw new EditError(say('edit.emptyListPath'));
  const parts = path.split('.');
  const last = splitPart(parts[parts.length - 1], path);
  if (last.nums.length > 1) throw new EditError(say('edit.notListPath', { path }));
  const steps = parts.slice(0, -1).map((p) => stepOf(p, path));
  checkRoot(steps.length ? steps[0].key : last.key, path);
  if (steps.length === 0 && last.nums.length) throw new EditError(say('edit.topIsLayers', { path }));
  return { steps, key: last.key, ...(last.nums.length ? { sub: last.nums[0] } : {}) };
}

const stepText = (s: PathStep): string => `${s.key}${s.sub !== undefined ? `[${s.sub}]` : ''}[${s.index}]`;
export const formatPath = (steps: readonly PathStep[]): string => steps.map(stepText).join('.');
export const formatListPath = (l: ListRef): string =>
  [...l.steps.map(stepText), `${l.key}${l.sub !== undefined ? `[${l.sub}]` : ''}`].join('.');

/** The list a layer path is in and its index there: 'layers[3].body[1]' -> { listPath: 'layers[3].body', index: 1 }. */
export function listOf(path: string): { listPath: string; index: number } {
  const steps = parsePath(path);
  const last = steps[steps.length - 1];
  return { listPath: formatListPath(listRefOf(steps)), index: last.index };
}

const listRefOf = (steps: readonly PathStep[]): ListRef => {
  const last = steps[steps.length - 1];
  return { steps: steps.slice(0, -1), key: last.key, ...(last.sub !== undefined ? { sub: last.sub } : {}) };
};

/** Path of the layer at `index` of a list. */
export const childPath = (listPath: string, index: number): string => `${listPath}[${index}]`;

// ---- reading -------------------------------------------------------------------------------

function readList(holder: Model | LayerSpec, key: string, sub: number | undefined): readonly LayerSpec[] | undefined {
  const v = (holder as unknown as Record<string, unknown>)[key];
  if (!Array.isArray(v)) return undefined;
  if (sub === undefined) return v as LayerSpec[];
  const inner = v[sub];
  return Array.isArray(inner) ? (inner as LayerSpec[]) : undefined;
}

function layerAt(model: Model, steps: readonly PathStep[]): LayerSpec | undefined {
  let holder: Model | LayerSpec = model;
  for (const s of steps) {
    const list = readList(holder, s.key, s.sub);
    const next = list?.[s.index];
    if (typeof next !== 'object' || next === null) return undefined;
    holder = next;
  }
  return holder as LayerSpec;
}

/** The layer at `path`, or undefined when there is none. Never throws. */
export function getAt(model: Model, path: string): LayerSpec | undefined {
  try {
    return layerAt(model, parsePath(path));
  } catch {
    return undefined;
  }
}

/** The list at `listPath`, or undefined. A missing optional list of an existing block reads as empty. */
export function getList(model: Model, listPath: string): readonly LayerSpec[] | undefined {
  try {
    const ref = parseListPath(listPath);
    const holder = ref.steps.length ? layerAt(model, ref.steps) : model;
    if (!holder) return undefined;
    const list = readList(holder, ref.key, ref.sub);
    if (list) return list;
    return ref.steps.length && listExists(holder as LayerSpec, ref.key, ref.sub) ? [] : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a block kind declares this list (so an absent `shortcut` can still be inserted into). */
function listExists(layer: LayerSpec, key: string, sub: number | undefined): boolean {
  const kind = kindOf(layer.type);
  if (!kind || !isBlock(kind)) return false;
  const f = kind.listFields.find((lf) => lf.name === key);
  if (!f) return false;
  if (!f.nested) return sub === undefined;
  const outer = (layer as Record<string, unknown>)[key];
  return sub !== undefined && Array.isArray(outer) && sub <= outer.length;
}

// ---- rebuilding along a path ---------------------------------------------------------------

type ListFn = (list: readonly LayerSpec[]) => LayerSpec[];

function withList<T extends Model | LayerSpec>(holder: T, key: string, sub: number | undefined, fn: ListFn): T {
  const rec = holder as unknown as Record<string, unknown>;
  if (sub === undefined) {
    const cur = rec[key];
    if (cur !== undefined && !Array.isArray(cur)) throw new EditError(say('edit.notList', { path: key }));
    return { ...holder, [key]: fn((cur as LayerSpec[] | undefined) ?? []) };
  }
  const outer = rec[key];
  if (!Array.isArray(outer)) throw new EditError(say('edit.notListOfLists', { path: key }));
  if (sub > outer.length) throw new EditError(say('edit.quotedMissing', { path: `${key}[${sub}]` }));
  const inner = outer[sub] as unknown;
  if (inner !== undefined && !Array.isArray(inner))
    throw new EditError(say('edit.notList', { path: `${key}[${sub}]` }));
  const copy = outer.slice();
  copy[sub] = fn((inner as LayerSpec[] | undefined) ?? []);
  return { ...holder, [key]: copy };
}

/** Applies `fn` to the list `ref`, rebuilding only the objects above it. */
function editList(model: Model, ref: ListRef, fn: ListFn): Model {
  const go = <T extends Model | LayerSpec>(holder: T, depth: number): T => {
    if (depth === ref.steps.length) {
      if (depth > 0 && !Array.isArray((holder as Record<string, unknown>)[ref.key])) {
        if (!listExists(holder as LayerSpec, ref.key, ref.sub))
          throw new EditError(say('edit.missing', { path: formatListPath(ref) }));
      }
      return withList(holder, ref.key, ref.sub, fn);
    }
    const s = ref.steps[depth];
    return withList(holder, s.key, s.sub, (list) => {
      const item = list[s.index];
      if (typeof item !== 'object' || item === null)
        throw new EditError(say('edit.missing', { path: formatPath(ref.steps.slice(0, depth + 1)) }));
      const copy = list.slice();
      copy[s.index] = go(item, depth + 1);
      return copy;
    });
  };
  if (ref.key !== 'layers' && ref.steps.length === 0) throw new EditError(say('edit.topIsLayersBare'));
  return go(model, 0);
}

function checkIndex(list: readonly LayerSpec[], index: number, path: string): void {
  if (!Number.isInteger(index) || index < 0 || index >= list.length) throw new EditError(say('edit.missing', { path }));
}

// ---- edits ---------------------------------------------------------------------------------

/** Replaces the layer at `path` with `fn(layer)`. */
export function updateAt(model: Model, path: string, fn: (layer: LayerSpec) => LayerSpec): Model {
  const steps = parsePath(path);
  const last = steps[steps.length - 1];
  return editList(model, listRefOf(steps), (list) => {
    checkIndex(list, last.index, path);
    const copy = list.slice();
    copy[last.index] = fn(list[last.index]);
    return copy;
  });
}

/** Inserts `spec` so that it ends up at `index` of the list (0 = first, length = last). */
export function insertAt(model: Model, listPath: string, index: number, spec: LayerSpec): Model {
  return editList(model, parseListPath(listPath), (list) => {
    if (!Number.isInteger(index) || index < 0 || index > list.length)
      throw new EditError(say('edit.insertAt', { index, list: listPath, n: list.length }));
    const copy = list.slice();
    copy.splice(index, 0, spec);
    return copy;
  });
}

/** Removes the layer at `path`. */
export function removeAt(model: Model, path: string): Model {
  const steps = parsePath(path);
  const last = steps[steps.length - 1];
  return editList(model, listRefOf(steps), (list) => {
    checkIndex(list, last.index, path);
    return list.filter((_, i) => i !== last.index);
  });
}

/** Moves a layer up (-1) or down (+1) within its list; returns the model and the layer's new path. */
export function moveWithin(model: Model, path: string, delta: number): { model: Model; path: string } {
  const steps = parsePath(path);
  const last = steps[steps.length - 1];
  const to = last.index + delta;
  const next = editList(model, listRefOf(steps), (list) => {
    checkIndex(list, last.index, path);
    if (!Number.isInteger(to) || to < 0 || to >= list.length)
      throw new EditError(say(delta < 0 ? 'edit.alreadyFirst' : 'edit.alreadyLast', { path }));
    const copy = list.slice();
    const [item] = copy.splice(last.index, 1);
    copy.splice(to, 0, item);
    return copy;
  });
  return { model: next, path: formatPath([...steps.slice(0, -1), { ...last, index: to }]) };
}

const sameList = (a: PathStep, b: PathStep): boolean => a.key === b.key && a.sub === b.sub;

/**
 * Moves the layer at `from` into the list `toListPath` so that it ends up at `index` there
 * (index counted after the layer has left its old place, as in a drag and drop).
 * Returns the model and the layer's new path.
 */
export function moveTo(model: Model, from: string, toListPath: string, index: number): { model: Model; path: string } {
  const fromSteps = parsePath(from);
  const target = parseListPath(toListPath);
  const spec = layerAt(model, fromSteps);
  if (!spec) throw new EditError(say('edit.missing', { path: from }));
  // Removing `from` shifts its later siblings; if the target list lies under one of them, re-aim.
  const n = fromSteps.length;
  const tSteps = target.steps.slice();
  let prefixEqual = tSteps.length >= n;
  for (let i = 0; prefixEqual && i < n - 1; i++)
    prefixEqual = sameList(tSteps[i], fromSteps[i]) && tSteps[i].index === fromSteps[i].index;
  if (prefixEqual && sameList(tSteps[n - 1], fromSteps[n - 1])) {
    const t = tSteps[n - 1].index;
    const f = fromSteps[n - 1].index;
    if (t === f) throw new EditError(say('edit.intoItself', { path: from }));
    if (t > f) tSteps[n - 1] = { ...tSteps[n - 1], index: t - 1 };
  }
  const adjusted: ListRef = { ...target, steps: tSteps };
  const removed = removeAt(model, from);
  const adjustedPath = formatListPath(adjusted);
  return { model: insertAt(removed, adjustedPath, index, spec), path: childPath(adjustedPath, index) };
}

export type WrapBlock = 'residual' | 'repeat' | 'concat' | 'scale';

function blockAround(type: WrapBlock, layers: LayerSpec[]): LayerSpec {
  switch (type) {
    case 'residual':
      return { type, body: layers };
    case 'scale':
      return { type, body: layers };
    // times 1 keeps the network's numbers unchanged until the user edits it.
    case 'repeat':
      return { type, times: 1, body: layers };
    case 'concat':
      return { type, branches: [layers] };
    default:
      throw new EditError(say('edit.cannotWrap', { type: type as string }));
  }
}

/**
 * Wraps sibling layers (same list, any order) in a new block placed where the first of them was.
 * Returns the model and the block's path.
 */
export function wrap(model: Model, paths: readonly string[], blockType: WrapBlock): { model: Model; path: string } {
  if (paths.length === 0) throw new EditError(say('edit.selectToWrap'));
  const parsed = paths.map(parsePath);
  const listKey = formatListPath(listRefOf(parsed[0]));
  for (let i = 1; i < parsed.length; i++)
    if (formatListPath(listRefOf(parsed[i])) !== listKey) throw new EditError(say('edit.sameList'));
  const indices = [...new Set(parsed.map((s) => s[s.length - 1].index))].sort((a, b) => a - b);
  const first = indices[0];
  const next = editList(model, listRefOf(parsed[0]), (list) => {
    for (const i of indices) checkIndex(list, i, childPath(listKey, i));
    const block = blockAround(
      blockType,
      indices.map((i) => list[i]),
    );
    const keep = list.filter((_, i) => !indices.includes(i));
    keep.splice(first, 0, block);
    return keep;
  });
  return { model: next, path: childPath(listKey, first) };
}

/**
 * Replaces a block by the layers of its only non-empty list (a residual with an identity shortcut,
 * a repeat, a scale, a one-branch concat). Returns the model and the paths the layers now have.
 */
export function unwrap(model: Model, path: string): { model: Model; paths: string[] } {
  const steps = parsePath(path);
  const block = layerAt(model, steps);
  if (!block) throw new EditError(say('edit.missing', { path }));
  const kind = kindOf(block.type);
  if (!kind || !isBlock(kind)) throw new EditError(say('edit.notBlock', { path, type: block.type }));
  const lists = kind.lists(block).filter((l) => Array.isArray(l.layers) && l.layers.length > 0);
  if (lists.length > 1)
    throw new EditError(say('edit.unwrapBoth', { path, lists: lists.map((l) => l.key).join(' and ') }));
  const inner = lists.length ? lists[0].layers : [];
  const last = steps[steps.length - 1];
  const next = editList(model, listRefOf(steps), (list) => {
    const copy = list.slice();
    copy.splice(last.index, 1, ...inner);
    return copy;
  });
  const listKey = formatListPath(listRefOf(steps));
  return { model: next, paths: inner.map((_, i) => childPath(listKey, last.index + i)) };
}

/** Every layer object of the model with its path (blocks' lists included), in document order. */
export function layerPaths(model: Model): Map<LayerSpec, string> {
  const out = new Map<LayerSpec, string>();
  const walk = (list: unknown, prefix: string) => {
    if (!Array.isArray(list)) return;
    list.forEach((l: unknown, i) => {
      if (typeof l !== 'object' || l === null) return;
      const path = `${prefix}[${i}]`;
      if (!out.has(l as LayerSpec)) out.set(l as LayerSpec, path);
      const kind = kindOf((l as LayerSpec).type);
      if (!kind || !isBlock(kind)) return;
      for (const lf of kind.listFields) {
        const v = (l as Record<string, unknown>)[lf.name];
        if (!lf.nested) walk(v, `${path}.${lf.name}`);
        else if (Array.isArray(v)) v.forEach((b, j) => walk(b, `${path}.${lf.name}[${j}]`));
      }
    });
  };
  walk(model.layers, 'layers');
  return out;
}

/**
 * Where the layers at `paths` in `before` are in `after`: found by identity (edits keep untouched
 * layers identical), else kept when the same path still holds a layer of the same type, else dropped.
 */
export function followPaths(before: Model, after: Model, paths: readonly string[]): string[] {
  if (paths.length === 0) return [];
  const index = layerPaths(after);
  const out: string[] = [];
  for (const p of paths) {
    const layer = getAt(before, p);
    if (!layer) continue;
    const moved = index.get(layer);
    if (moved !== undefined) out.push(moved);
    else if (getAt(after, p)?.type === layer.type) out.push(p);
  }
  return out;
}
