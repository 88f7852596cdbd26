/**
 * What every Keras layer mapper shares: the call it maps, the values it reads (with their layout),
 * reading Keras config fields, TensorFlow's "same" padding, and activations.
 *
 * Layout. Keras tensors are channels-last ([H, W, C], [L, C]); FlopLab's kinds are PyTorch's,
 * channels-first ([C, H, W], [C, L]). Each value carries `moved`: true when FlopLab holds it with
 * Keras's last dim moved to the front. Images enter moved; sequences ([L, D]) and vectors do not.
 * A mapper asks for the layout its kind needs (`ctx.as`), and a permute is inserted only where a
 * value arrives the other way, so a CNN has none and a Conv1D between recurrent layers has two.
 */
import type { LayerSpec, Shape } from '../../format/model';

export interface Val {
  /** Value name in the dataflow graph. */
  readonly id: string;
  /** FlopLab's shape (without the batch); null when unknown (an upstream row has an error). */
  readonly shape: Shape | null;
  readonly moved: boolean;
}

export type Layout = 'moved' | 'same';

/** One call of a Keras layer, as the mapper sees it. */
export interface KCall {
  readonly cls: string;
  readonly cfg: Readonly<Record<string, unknown>>;
  /** Row name: the Keras layer name (nested models prefixed, a shared layer's later calls suffixed). */
  readonly name: string;
  /** Number arguments of the call (keras.ops / TFOpLambda with a constant operand). */
  readonly scalars?: readonly number[];
}

export interface MapContext {
  readonly inputs: readonly Val[];
  /** Input i in the wanted layout (a permute is added if it is held the other way). */
  as(i: number, layout: Layout): Val;
}

export type Mapped =
  | {
      readonly specs: LayerSpec[];
      /** Layout of the output (default: that of the first input as used). */
      readonly moved?: boolean;
      /** A join node (nested blocks where the graph allows) instead of a layer taking several inputs. */
      readonly join?: 'add' | 'mul' | 'concat';
      /** Only these inputs are read (self-attention called as (x, x) reads x once). */
      readonly only?: readonly number[];
      /** Layers applied to one input first (InceptionResNetV2's x + r · scale scales r, then adds). */
      readonly before?: { readonly input: number; readonly specs: LayerSpec[] };
      readonly warning?: string;
    }
  | {
      readonly unsupported: string;
      /** The Keras output shape when the mapper knows it (else the file's recorded shape, if any). */
      readonly kerasShape?: Shape;
    };

export const num = (v: unknown, d: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : d);
export const bool = (v: unknown, d: boolean): boolean => (typeof v === 'boolean' ? v : d);
export const str = (v: unknown, d: string): string => (typeof v === 'string' ? v : d);

/** An int or a tuple of ints as n numbers (Keras accepts both for kernel_size, strides …). */
export function tuple(v: unknown, n: number, d: number): number[] {
  if (typeof v === 'number') return Array(n).fill(v);
  if (Array.isArray(v) && v.length === n && v.every((x) => typeof x === 'number')) return v as number[];
  return Array(n).fill(d);
}

/**
 * TensorFlow's "same" padding of one spatial dim (tf.nn.convolution; keras ops/nn.py): the output is
 * ceil(in / s); the padding needed for that is split with the extra row at the end, so a stride-2
 * 3×3 conv on an even size pads (0, 1), which PyTorch's symmetric padding cannot say.
 */
export function tfSame(size: number, k: number, s: number, d = 1): [number, number] {
  const eff = (k - 1) * d + 1;
  const out = Math.ceil(size / s);
  const total = Math.max((out - 1) * s + eff - size, 0);
  const before = Math.floor(total / 2);
  return [before, total - before];
}

/** F.pad's list (pairs from the last dim) for per-dim (before, after) pads given first dim first. */
export const padList = (pads: readonly (readonly [number, number])[]): number[] =>
  pads
    .slice()
    .reverse()
    .flatMap(([a, b]) => [a, b]);

/** One number for 1-D fields, [h, w] (or one number when equal) for 2-D, a list for 3-D. */
export function sizeField(v: readonly number[]): number | number[] {
  if (v.length === 1) return v[0];
  if (v.length === 2) return v[0] === v[1] ? v[0] : [v[0], v[1]];
  return [...v];
}

/**
 * FlopLab's dim (batch = 0) for a Keras axis (batch = 0, negative from the end) of a tensor of
 * `rank` dims besides the batch, held `moved` or not. Null when out of range.
 */
export function flDim(axis: number, rank: number, moved: boolean): number | null {
  const k = axis < 0 ? rank + axis : axis - 1;
  if (k < 0 || k >= rank) return null;
  if (!moved || rank < 2) return k + 1;
  return k === rank - 1 ? 1 : k + 2;
}

/** The name of a Keras activation as the config writes it: "relu", or a serialized function. */
export function activationName(v: unknown): string {
  if (v === null || v === undefined) return 'linear';
  if (typeof v === 'string') return v;
  const o = v as { config?: unknown; class_name?: unknown };
  if (typeof o.config === 'string') return o.config;
  if (typeof o.class_name === 'string') return o.class_name;
  return '?';
}

/**
 * An activation as layers (keras/src/activations/activations.py): [] for linear, null when no kind
 * computes it (the caller keeps it as a "not counted" row). `channelsDim` is where softmax goes.
 */
export function activationSpecs(act: unknown, name: string, channelsDim: number): LayerSpec[] | null {
  const a = activationName(act);
  const one = (type: string, extra: Record<string, unknown> = {}): LayerSpec[] => [{ type, name, ...extra }];
  switch (a) {
    case 'linear':
      return [];
    case 'relu':
      return one('relu');
    case 'relu6':
      return one('relu6');
    case 'sigmoid':
      return one('sigmoid');
    case 'tanh':
      return one('tanh');
    case 'softmax':
      return one('softmax', { dim: channelsDim });
    case 'elu':
      return one('elu');
    case 'gelu':
      // keras.activations.gelu defaults to approximate=False, the erf form the gelu kind is.
      return one('gelu');
    case 'swish':
    case 'silu':
      return one('silu');
    // Keras 3's hard_sigmoid is relu6(x + 3) / 6, PyTorch's Hardsigmoid; Keras 2's was
    // clip(0.2x + 0.5): another slope, the same one multiply, add and clip per element.
    case 'hard_sigmoid':
      return one('hardsigmoid');
    case 'hard_swish':
    case 'hard_silu':
      return one('hardswish');
    case 'leaky_relu':
      return one('leakyrelu', { negative_slope: 0.2 });
    default:
      return null;
  }
}

/** Elements of a shape. */
export const numel = (s: Shape) => s.reduce((a, b) => a * b, 1);

/** FlopLab shape → Keras shape (channels back last). */
export const kerasOf = (v: Val): Shape | null =>
  v.shape && v.moved && v.shape.length >= 2 ? [...v.shape.slice(1), v.shape[0]] : v.shape;
