/**
 * Reading a row for the rule tables: a layer's kernel, stride and groups as the layer kinds store
 * them (a number or an [h, w] pair), whether a conv is depthwise, tensor shapes with the batch, and
 * small builders for the limits vendors document (a value in a set, at most N, a rank bound).
 */
import type { Row } from '../../rows';
import type { Limit, PlaceContext, Source } from './types';

/** torch.onnx writes an adaptive pool whose output size divides the input as a plain AveragePool / MaxPool. */
export const ADAPTIVE_AS_POOL: Source = {
  title:
    'torch.onnx symbolic_opset9 _adaptive_pool: "supported for cases where the output size is a factor of the input size" (uniform kernel and stride)',
  url: 'https://github.com/pytorch/pytorch/blob/main/torch/onnx/symbolic_opset9.py',
};

/** An adaptive pool to more than 1 whose output divides its input: the same as a pool with kernel = stride = in / out. */
export function adaptiveIsPool(row: Row): boolean {
  const i = row.input;
  const o = row.output;
  if (!i || !o || i.length !== 3 || o.length !== 3 || poolsToOne(row)) return false;
  return i[1] % o[1] === 0 && i[2] % o[2] === 0;
}

/** An unfoldable batch norm written as a multiply and an add (an assumption FlopLab states, not a vendor rule). */
export const BN_AS_MUL_ADD =
  'a batch norm that cannot be folded into a conv is, at inference, x·scale + shift: FlopLab assumes the converter writes it as MUL and ADD';

/** A field that is one number or an [h, w] pair, as [h, w] (undefined when the row lacks it). */
export function pairOf(row: Row, field: string): [number, number] | undefined {
  const v = row.params_?.[field];
  if (typeof v === 'number') return [v, v];
  if (Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'number')) return [v[0], v[1]];
  return undefined;
}

export const numParam = (row: Row, field: string): number | undefined => {
  const v = row.params_?.[field];
  return typeof v === 'number' ? v : undefined;
};

export const strParam = (row: Row, field: string): string | undefined => {
  const v = row.params_?.[field];
  return typeof v === 'string' ? v : undefined;
};

/** Input channels of a row (dim 0 of its input, FlopLab's [C, H, W]). */
const channelsIn = (row: Row): number | undefined => row.input?.[0];

/** groups = 1: an ordinary convolution. */
export const isPlainConv = (row: Row): boolean => (numParam(row, 'groups') ?? 1) === 1;

/** groups = input channels (> 1): depthwise, TFLite's DEPTHWISE_CONV_2D. */
export function isDepthwise(row: Row): boolean {
  const g = numParam(row, 'groups') ?? 1;
  return g > 1 && g === channelsIn(row);
}

/** The full tensor shapes of a row (batch first): every input, then the output. */
export function tensorsOf(row: Row, batch: number): number[][] {
  const ins = row.inputs ?? [row.input];
  const all = [...ins, row.output].filter((s): s is readonly number[] => Array.isArray(s));
  return all.map((s) => [batch, ...s]);
}

export const numel = (s: readonly number[] | null | undefined): number => (s ? s.reduce((a, b) => a * b, 1) : 0);

/** A limit on a pair field: both values in `allowed`. */
export function pairIn(field: string, label: string, allowed: readonly number[], text: string): Limit {
  return {
    text,
    check: ({ row }) => {
      const p = pairOf(row, field);
      if (!p) return null;
      return p.every((x) => allowed.includes(x)) ? null : `${label} ${p.join('×')} is not in {${allowed.join(', ')}}`;
    },
  };
}

/** A limit on a pair field: both values within [lo, hi]. */
export function pairWithin(field: string, label: string, lo: number, hi: number, text: string): Limit {
  return {
    text,
    check: ({ row }) => {
      const p = pairOf(row, field);
      if (!p) return null;
      return p.every((x) => x >= lo && x <= hi) ? null : `${label} ${p.join('×')} is outside [${lo}, ${hi}]`;
    },
  };
}

/** Dilated kernel extent per side: (k − 1)·d + 1. */
export function dilatedKernel(row: Row): [number, number] | undefined {
  const k = pairOf(row, 'kernel');
  if (!k) return undefined;
  const d = pairOf(row, 'dilation') ?? [1, 1];
  return [(k[0] - 1) * d[0] + 1, (k[1] - 1) * d[1] + 1];
}

/** The dims a mean/reduce row reduces, normalised against the full rank (batch = dim 0). */
export function reducedDims(row: Row): number[] | undefined {
  const dims = row.params_?.dims;
  const rank = (row.input?.length ?? 0) + 1;
  if (!Array.isArray(dims)) return undefined;
  return dims.map((d) => (typeof d === 'number' && d < 0 ? d + rank : (d as number)));
}

/** True when a [C, H, W] reduction touches only H and W (dims 2 and 3 with the batch). */
export function reducesSpatialOnly(row: Row): boolean {
  const dims = reducedDims(row);
  return dims !== undefined && row.input?.length === 3 && dims.every((d) => d === 2 || d === 3);
}

/** A global pool: an adaptive pool to 1 (× 1). */
export function poolsToOne(row: Row): boolean {
  const o = row.params_?.out;
  return o === 1 || (Array.isArray(o) && o.every((x) => x === 1));
}

export const ctxLimit = (text: string, check: (ctx: PlaceContext) => string | null): Limit => ({ text, check });
