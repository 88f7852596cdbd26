/**
 * TFLite tensors are NHWC; FlopLab's kinds read channels-first shapes without the batch
 * (conv2d reads [C, H, W]). Every tensor is given a FlopLab shape: the batch (dim 0, when it is
 * the model's batch) left out and, for a 4-D NHWC tensor, [N, H, W, C] read as [C, H, W]. Ops
 * then work in that layout: an axis of the file becomes a dim of FlopLab (`flAxis`), a
 * CONCATENATION on axis 3 a cat on dim 1. A 4-D tensor is "asis" instead when the file keeps
 * it channels-first (a PyTorch-made model's NCHW input before its TRANSPOSE to NHWC).
 */

export type Layout = 'nhwc' | 'asis';

/** FlopLab dim (batch = 0) → the file axis it reads, for a 4-D NHWC tensor. */
const NHWC_FROM_FL = [0, 3, 1, 2] as const;
/** File axis → FlopLab dim, for a 4-D NHWC tensor. */
const NHWC_TO_FL = [0, 2, 3, 1] as const;

const channelsFirst = (rank: number, layout: Layout) => rank === 4 && layout === 'nhwc';

/**
 * FlopLab shape of a tensor of file shape `dims` (unknown dims null). A tensor whose dim 0 is
 * not the batch (an FC output [L, O] of a flattened sequence) keeps all its dims.
 */
export function flShape<T extends number | null>(dims: readonly T[], layout: Layout, batch: number): T[] {
  if (!dims.length) return [1 as T];
  if (dims[0] !== batch) return dims.slice();
  const nchw = channelsFirst(dims.length, layout) ? NHWC_FROM_FL.map((a) => dims[a]) : dims.slice();
  const rest = nchw.slice(1);
  return rest.length ? rest : [1 as T];
}

/** The file shape (batch first) of a FlopLab shape, the inverse of flShape for batched tensors. */
export function fileShape(fl: readonly number[], rank: number, layout: Layout, batch: number): number[] {
  if (rank === fl.length) return fl.slice(); // no batch dim (see flShape)
  if (rank === 1) return [batch];
  const full = [batch, ...fl];
  return channelsFirst(rank, layout) ? NHWC_TO_FL.map((d) => full[d]) : full;
}

/** The FlopLab dim (batch = 0) of a file axis (negative counts from the end). */
export function flAxis(axis: number, rank: number, layout: Layout): number {
  const a = axis < 0 ? axis + rank : axis;
  return channelsFirst(rank, layout) ? NHWC_TO_FL[a] : a;
}

/** The file axis a FlopLab dim (batch = 0) reads. */
export function fileAxis(dim: number, rank: number, layout: Layout): number {
  return channelsFirst(rank, layout) ? NHWC_FROM_FL[dim] : dim;
}

/**
 * TF's SAME padding of one spatial dim: the output is ceil(in / stride) and the padding the
 * window needs is split with the odd one at the end (bottom/right), so it is asymmetric when
 * the total is odd (tensorflow/lite/kernels/padding.h ComputePaddingWithOffset).
 */
export function samePadding(size: number, kernel: number, stride: number, dilation: number): [number, number] {
  const out = Math.ceil(size / stride);
  const total = Math.max((out - 1) * stride + (kernel - 1) * dilation + 1 - size, 0);
  const before = Math.floor(total / 2);
  return [before, total - before];
}

export const numel = (dims: readonly number[]) => dims.reduce((a, b) => a * b, 1);

export const sameDims = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((v, i) => v === b[i]);

/** A layer's 2-D size field: one number when both sides agree. */
export const pair = (h: number, w: number): number | [number, number] => (h === w ? h : [h, w]);

/** Float32 attribute values (0.2 is stored as 0.200000003) to 7 significant digits. */
export const f32 = (v: number) => Number(v.toPrecision(7));
