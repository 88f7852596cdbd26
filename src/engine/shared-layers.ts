/**
 * Sharing the evaluation of identical layers within one run.
 *
 * A 10,000-layer model is built by repetition: the same residual block on the same input
 * shape, hundreds of times. Evaluating a layer (or a block with everything inside it) is a
 * pure function of the spec's content, its input shape, the batch and the conventions, so a
 * layer whose content equals an earlier one's, on an equal input, gets that one's rows moved
 * to its place (the run fixes batch and conventions).
 *
 * Equality must be exact, because a wrong hit is a wrong number. A hash picks the candidate;
 * `sameContent` then compares the two specs in full: the same property names with equal
 * values (numbers by `Object.is`, so -0 ≠ 0; strings, booleans, null and undefined by `===`;
 * arrays element by element; objects recursively). Only plain JSON-like data is shared; a spec
 * holding anything else (a function, a bigint, a class instance, an array hole or undefined
 * element) is evaluated on its own. Property order is not compared: the evaluator reads fields
 * by name, and the only place order shows is the key order of a row's `params_` copy. Names
 * are not compared either, the layer's own nor those of the layers inside a block: a name is a
 * label, and models imported from ONNX name every layer, so equal blocks would otherwise each be
 * evaluated again (10,000 named layers: a block row, its totals and a memo per block). The
 * evaluator gives the placed rows their own names and `params_` (placed-names.ts). Ids and
 * froms inside a block are compared: they wire its layers.
 * Neither the hash nor the comparison allocates, which matters as much as their speed: the
 * garbage a cold evaluation leaves decides how often the collector runs.
 */
import type { Shape } from './format/model';
import type { Memo } from './rows';
import { isBlock, kindOf } from './layers/registry';
import { validFrom, validId, validName, type ListFieldSpec } from './layers/quick-validate';

/**
 * A layer's own name, id and from change nothing it computes: the name is a label, and id/from
 * only wire it (the inputs they resolve to are compared on their own, as shapes). So they are left
 * out of the comparison at the top level; inside a block only the name is, as ids and froms wire
 * the block's layers to each other.
 */
const WIRING: Readonly<Record<string, (v: unknown) => boolean>> = { name: validName, id: validId, from: validFrom };
const isWiring = (k: string): boolean => k === 'name' || k === 'id' || k === 'from';

/** The list fields of a block spec (`body`, `branches` …), whose elements are layers; else undefined. */
function listsOf(spec: object): readonly ListFieldSpec[] | undefined {
  const type = (spec as { type?: unknown }).type;
  const kind = typeof type === 'string' ? kindOf(type) : undefined;
  return kind && isBlock(kind) && kind.listFields.length ? kind.listFields : undefined;
}

/** The list field named `k` (undefined: `k` is not one). */
function listField(lists: readonly ListFieldSpec[] | undefined, k: string): ListFieldSpec | undefined {
  if (lists) for (let i = 0; i < lists.length; i++) if (lists[i].name === k) return lists[i];
  return undefined;
}

/** Subtrees larger than this are not shared as a whole (their layers still are, one by one). */
export const MAX_SHARED_LAYERS = 4096;

/** `hashOf` answer for a spec that cannot be shared. */
export const UNSHAREABLE = -1;

const FNV_PRIME = 0x01000193;
const mix = (h: number, v: number): number => Math.imul(h ^ v, FNV_PRIME);

function mixString(h: number, s: string): number {
  h = mix(h, s.length);
  for (let i = 0; i < s.length; i++) h = mix(h, s.charCodeAt(i));
  return h;
}

function mixNumber(h: number, v: number): number {
  // Any spread is fine for a hash (the comparison decides); integers, the usual case, stay cheap.
  return (v | 0) === v ? mix(h, v) : mix(mix(h, 0x7f), (v * 65536) | 0);
}

const isPlainObject = (v: object): boolean => {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/** Walk state: layers and objects visited, so huge subtrees stop early. */
interface Budget {
  objects: number;
}

/** Inside the walk, NaN marks "not shareable" (Math.imul never gives NaN). */
const BAD = NaN;

/** Order-sensitive hash of plain data, or BAD. */
function hashValue(h: number, v: unknown, budget: Budget): number {
  switch (typeof v) {
    case 'number':
      return mixNumber(mix(h, 1), v);
    case 'string':
      return mixString(mix(h, 2), v);
    case 'boolean':
      return mix(h, v ? 3 : 4);
    case 'undefined':
      return mix(h, 5);
    case 'object': {
      if (v === null) return mix(h, 6);
      if (++budget.objects > MAX_SHARED_LAYERS) return BAD;
      if (Array.isArray(v)) {
        h = mix(mix(h, 7), v.length);
        for (let i = 0; i < v.length; i++) {
          // A hole and an undefined element differ to some checks (`every` skips holes).
          if (v[i] === undefined) return BAD;
          h = hashValue(h, v[i], budget);
          if (h !== h) return BAD;
        }
        return h;
      }
      return hashObject(h, v, budget);
    }
    default:
      return BAD;
  }
}

/** Hash of a plain object's properties in order, or BAD. */
function hashObject(h: number, v: object, budget: Budget): number {
  if (!isPlainObject(v)) return BAD;
  h = mix(h, 8);
  for (const k in v) {
    h = hashValue(mixString(h, k), (v as Record<string, unknown>)[k], budget);
    if (h !== h) return BAD;
  }
  return mix(h, 9);
}

/**
 * Hash of a layer's properties in order, or BAD: without its wiring (`top`: its own name, id and
 * from) or its name (a layer inside a block, whose name must still be valid); the layers in its
 * list fields are hashed the same way.
 */
function hashLayer(h: number, v: object, budget: Budget, top: boolean): number {
  if (!isPlainObject(v)) return BAD;
  let lists: readonly ListFieldSpec[] | undefined | null = null;
  h = mix(h, 8);
  for (const k in v) {
    const x = (v as Record<string, unknown>)[k];
    if (top ? isWiring(k) : k === 'name') {
      if (!top && !validName(x)) return BAD;
      continue;
    }
    const list = Array.isArray(x) ? listField(lists === null ? (lists = listsOf(v)) : lists, k) : undefined;
    h = mixString(h, k);
    h = list ? hashList(h, x, list.nested, budget) : hashValue(h, x, budget);
    if (h !== h) return BAD;
  }
  return mix(h, 9);
}

/** Hash of a block's list of layers (`nested`: a list of such lists), or BAD; anything else as plain data. */
function hashList(h: number, v: unknown, nested: boolean, budget: Budget): number {
  if (!Array.isArray(v)) return hashValue(h, v, budget);
  if (++budget.objects > MAX_SHARED_LAYERS) return BAD;
  h = mix(mix(h, 7), v.length);
  for (let i = 0; i < v.length; i++) {
    const x: unknown = v[i];
    if (x === undefined) return BAD;
    if (nested) h = hashList(h, x, false, budget);
    else if (typeof x === 'object' && x !== null && !Array.isArray(x)) {
      if (++budget.objects > MAX_SHARED_LAYERS) return BAD;
      h = hashLayer(h, x, budget, false);
    } else h = hashValue(h, x, budget);
    if (h !== h) return BAD;
  }
  return h;
}

/**
 * Hash of a layer spec's content with its input shape (non-negative), or UNSHAREABLE. Names
 * are left out (see `sameLayer`); an invalid name, id or from makes the spec unshareable.
 */
export function hashOf(spec: object, input: Shape): number {
  if (Array.isArray(spec)) return UNSHAREABLE;
  for (const k in WIRING) if (!WIRING[k]((spec as Record<string, unknown>)[k])) return UNSHAREABLE;
  let h = 0x811c9dc5;
  for (let i = 0; i < input.length; i++) h = mixNumber(h, input[i]);
  h = hashLayer(h, spec, { objects: 1 }, true);
  return Number.isNaN(h) ? UNSHAREABLE : h >>> 0;
}

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/**
 * Exact equality of any value `a` with a value `b` that passed `hashOf` (plain data): see the
 * file comment for what "equal" means. `a` is checked as it is walked, so it need not be hashed.
 */
export function sameContent(a: unknown, b: unknown): boolean {
  if (typeof a === 'number') return typeof b === 'number' && Object.is(a, b);
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    // b has no holes or undefined elements, so a hole in a (read as undefined) differs.
    for (let i = 0; i < a.length; i++) if (!sameContent(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b) || !isPlainObject(a)) return false;
  let n = 0;
  for (const k in a) {
    if (!hasOwn(b, k) || !sameContent((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
      return false;
    n++;
  }
  for (const _k in b) n--;
  return n === 0;
}

/**
 * Equality of two layer specs except for names and the layer's own id and from (`b` passed
 * `hashOf`): they change nothing the layer computes (the caller compares the inputs `from`
 * resolves to), only its rows' `name`, `id` and `params_`, which the caller rebuilds. Inside a
 * block ids and froms are compared: they wire the block's layers. `a`'s skipped fields must be
 * valid (an invalid one is an error the evaluation would report).
 */
export function sameLayer(a: object, b: object): boolean {
  return sameSpec(a, b, true) !== DIFFERENT;
}

/**
 * How two specs compare: not equal, equal but for names (or the layer's own id and from), or
 * equal in every field: then the rows of one are the other's as they are, nothing to rename.
 */
type Match = 0 | 1 | 2;
const DIFFERENT = 0;
const RENAMED = 1;
const IDENTICAL = 2;

/** `sameLayer` for the layer itself (`top`) or for a layer inside a block (only its name skipped). */
function sameSpec(a: object, b: object, top: boolean): Match {
  if (a === b) return IDENTICAL;
  // Most candidates (the recent layers, `find` below) differ in type: say so before walking.
  const type = (b as { type?: unknown }).type;
  if (typeof type === 'string' && (a as { type?: unknown }).type !== type) return DIFFERENT;
  if (Array.isArray(a) || Array.isArray(b) || !isPlainObject(a)) return DIFFERENT;
  let lists: readonly ListFieldSpec[] | undefined | null = null;
  let match: Match = IDENTICAL;
  // Fields compared, and fields skipped (a's minus b's: the same set when 0 and each is in b).
  let n = 0;
  let skipped = 0;
  for (const k in a) {
    const x = (a as Record<string, unknown>)[k];
    if (top ? isWiring(k) : k === 'name') {
      if (!(top ? WIRING[k](x) : validName(x))) return DIFFERENT;
      skipped++;
      if (match === IDENTICAL && !(hasOwn(b, k) && sameContent(x, (b as Record<string, unknown>)[k]))) match = RENAMED;
      continue;
    }
    if (!hasOwn(b, k)) return DIFFERENT;
    const y = (b as Record<string, unknown>)[k];
    // Only an array can be a list field (its kind is looked up once, when one is met).
    const list = Array.isArray(y) ? listField(lists === null ? (lists = listsOf(b)) : lists, k) : undefined;
    const m = list ? sameList(x, y, list.nested) : sameContent(x, y) ? IDENTICAL : DIFFERENT;
    if (m === DIFFERENT) return DIFFERENT;
    if (m < match) match = m;
    n++;
  }
  for (const k in b)
    if (top ? isWiring(k) : k === 'name') skipped--;
    else n--;
  if (n !== 0) return DIFFERENT;
  return skipped === 0 ? match : RENAMED;
}

/** Equality of a block's lists of layers as `sameSpec` sees its layers (`nested`: lists of lists). */
function sameList(a: unknown, b: unknown, nested: boolean): Match {
  if (!Array.isArray(a) || !Array.isArray(b)) return sameContent(a, b) ? IDENTICAL : DIFFERENT;
  if (a.length !== b.length) return DIFFERENT;
  let match: Match = IDENTICAL;
  for (let i = 0; i < a.length; i++) {
    const x: unknown = a[i];
    const y: unknown = b[i];
    // As hashList: b's layers are objects; a hole or anything else in a is compared as data.
    const m = nested
      ? sameList(x, y, false)
      : typeof x === 'object' && x !== null && typeof y === 'object' && y !== null && !Array.isArray(y)
        ? sameSpec(x, y, false)
        : sameContent(x, y)
          ? IDENTICAL
          : DIFFERENT;
    if (m === DIFFERENT) return DIFFERENT;
    if (m < match) match = m;
  }
  return match;
}

interface Entry {
  readonly spec: object;
  readonly memo: Memo;
  /** Next entry with the same hash. */
  readonly next: Entry | undefined;
}

/** How many recently matched layers are compared before hashing. */
const RECENT = 4;

/** Layers evaluated so far in one run, by content and input (`memo.input`). */
export class SharedLayers {
  private readonly byHash = new Map<number, Entry>();
  /**
   * The last entries found by hash or added (a ring). Repetitive models repeat a short pattern
   * (block, relu, block, relu …), so the next layer usually equals one of these: comparing
   * first skips hashing it. The comparison is the same exact one as after a hash lookup.
   */
  private readonly recent: Entry[] = [];
  private next = 0;

  /**
   * The memo `find` found last was of a spec equal to the one looked up in every field, names,
   * id and from included: its rows are that spec's as they are (no own fields to give them).
   */
  identical = false;

  /**
   * The evaluation of a layer equal in content to `spec` on an equal input, if there was one;
   * else the spec's hash, to `add` its evaluation with (UNSHAREABLE: it cannot be shared).
   */
  find(spec: object, input: Shape): Memo | number {
    const recent = this.recent;
    for (let i = 0; i < recent.length; i++) {
      const e = recent[i];
      if (sameShape(e.memo.input, input) && this.matches(spec, e)) return e.memo;
    }
    const hash = hashOf(spec, input);
    if (hash === UNSHAREABLE) return hash;
    for (let e = this.byHash.get(hash); e; e = e.next)
      if (sameShape(e.memo.input, input) && this.matches(spec, e)) {
        this.remember(e);
        return e.memo;
      }
    return hash;
  }

  private matches(spec: object, e: Entry): boolean {
    const m = sameSpec(spec, e.spec, true);
    this.identical = m === IDENTICAL;
    return m !== DIFFERENT;
  }

  /**
   * Records the evaluation of a spec `find` did not find, with the hash it gave (its rows must
   * not contain errors: those name their path). Does nothing for UNSHAREABLE.
   */
  add(hash: number, spec: object, memo: Memo): void {
    if (hash === UNSHAREABLE) return;
    const e: Entry = { spec, memo, next: this.byHash.get(hash) };
    this.byHash.set(hash, e);
    this.remember(e);
  }

  private remember(e: Entry): void {
    this.recent[this.next] = e;
    this.next = (this.next + 1) % RECENT;
  }
}

function sameShape(a: Shape | null, b: Shape): boolean {
  if (a === null || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}
