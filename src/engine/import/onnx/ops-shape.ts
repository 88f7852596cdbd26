/**
 * ONNX operators that move, select, reduce or contract data (Pad, Slice, Squeeze/Unsqueeze, Gather,
 * ReduceSum/Max/Min, Einsum, Resize) onto layer kinds; split from ops.ts. Axes count the batch as 0, as the kinds'
 * dims do. Semantics: onnx/docs/Operators.md.
 */
import type { LayerSpec } from '../../format/model';
import type { OnnxNode } from './decode';
import type { Mapped, OpContext } from './ops';
import { say } from '../../messages';
import { attr, int, ints, pair, str } from './attrs';

/**
 * Pad: ONNX lists [x1_begin, x2_begin, …, x1_end, x2_end, …] over every dim (the batch too);
 * the pad kind takes (before, after) pairs from the last dim, as F.pad. Reflect and edge modes
 * copy other values in: the same shape and no arithmetic, so they count as a constant pad.
 */
export function padOp(n: OnnxNode, ctx: OpContext): Mapped {
  const pads = ints(n, 'pads') ?? ctx.constant(n.inputs[1])?.values?.map(Number);
  if (!pads || pads.length % 2) return { unsupported: 'pads are computed, not constant' };
  if (n.inputs[3]) return { unsupported: 'padding only some axes' };
  const r = pads.length / 2;
  if (pads.some((v) => v < 0)) return { unsupported: `negative pads [${pads.join(', ')}] (a crop)` };
  if (pads[0] || pads[r]) return { unsupported: 'padding the batch' };
  const out: number[] = [];
  for (let i = r - 1; i >= 1; i--) out.push(pads[i], pads[i + r]);
  while (out.length > 2 && out[out.length - 1] === 0 && out[out.length - 2] === 0) out.length -= 2;
  const mode = str(n, 'mode', 'constant');
  return {
    layers: [{ type: 'pad', pad: out }],
    ...(mode !== 'constant' ? { warning: say('why.padMode', { mode }) } : {}),
  };
}

const BIG_INDEX = 1e9;
/** Constant list from an attribute (older opsets) or an input (newer ones). */
const listOf = (n: OnnxNode, ctx: OpContext, attrName: string, input: number) =>
  ints(n, attrName) ?? (n.inputs[input] ? ctx.constant(n.inputs[input])?.values?.map(Number) : undefined);

/**
 * Slice with constant bounds: one slice layer per axis (end clamped as PyTorch's). An axis taken
 * whole (start 0, end past any size, step 1; tf2onnx's strided_slice writes every axis) is no
 * layer, so a crop of one axis among four is that one slice, and a whole batch axis is allowed.
 */
export function sliceOp(n: OnnxNode, ctx: OpContext): Mapped {
  const starts = listOf(n, ctx, 'starts', 1);
  const ends = listOf(n, ctx, 'ends', 2);
  const axes = listOf(n, ctx, 'axes', 3) ?? starts?.map((_s, i) => i);
  const steps = listOf(n, ctx, 'steps', 4) ?? starts?.map(() => 1);
  if (!starts || !ends || !axes || !steps) return { unsupported: 'bounds are computed, not constant' };
  const clip = (v: number) => Math.max(-BIG_INDEX, Math.min(BIG_INDEX, v));
  const rank = ctx.rank === undefined ? undefined : ctx.rank + 1;
  const layers = [];
  for (let k = 0; k < axes.length; k++) {
    const whole = starts[k] === 0 && ends[k] >= BIG_INDEX && (steps[k] ?? 1) === 1;
    if (whole) continue;
    const axis = axes[k] < 0 && rank !== undefined ? axes[k] + rank : axes[k];
    if (axis === 0) return { unsupported: 'slicing the batch' };
    if (steps[k] < 1) return { unsupported: `step ${steps[k]} (only positive steps)` };
    layers.push({ type: 'slice', dim: axes[k], start: clip(starts[k]), end: clip(ends[k]), step: steps[k] });
  }
  // Nothing cut: the data as it is.
  return { layers: layers.length ? layers : [{ type: 'identity' }] };
}

/** Squeeze / Unsqueeze with constant axes: one squeeze or unsqueeze per axis (batch axes refused). */
export function squeezeOp(n: OnnxNode, ctx: OpContext): Mapped {
  const listed = listOf(n, ctx, 'axes', 1);
  // Axes fed at run time (an input whose values are unknown) are not "no axes"; an empty constant list is.
  if (!listed && n.inputs[1]) return { unsupported: 'axes known only when run (the file states no output shape)' };
  const axes = listed?.length ? listed : undefined;
  if (n.opType === 'Squeeze' && !axes) return { layers: [{ type: 'flatten' }], warning: say('why.squeezeFlatten') };
  if (!axes?.length) return { unsupported: 'axes are computed, not constant' };
  if (axes.some((a) => a === 0)) return { unsupported: 'the batch axis' };
  const type = n.opType === 'Squeeze' ? 'squeeze' : 'unsqueeze';
  // Removing from the last and inserting from the first keeps the other axes' numbers valid.
  const order = [...axes].sort((x, y) => (type === 'squeeze' ? y - x : x - y));
  if (order.some((a) => a < 0) && order.length > 1) return { unsupported: 'several negative axes' };
  return { layers: order.map((dim) => ({ type, dim })) };
}

/** Gather: rows of a constant table by computed indices (an embedding), or constant indices of a computed tensor. */
export function gather(n: OnnxNode, ctx: OpContext): Mapped {
  const table = ctx.constant(n.inputs[0]);
  const axis = int(n, 'axis', 0);
  if (table && table.dims.length === 2 && axis === 0)
    return { layers: [{ type: 'embedding', vocab: table.dims[0], dim: table.dims[1] }] };
  const idx = ctx.constant(n.inputs[1]);
  if (!table && idx?.dims.length === 0 && idx.values?.length === 1 && axis !== 0)
    return { layers: [{ type: 'select', dim: axis, index: idx.values[0] }] };
  // A 1-D constant index list on computed data, off the batch: index_select (x[:, [0, 2]]).
  const batchAxis = axis === 0 || (ctx.rank !== undefined && axis === -(ctx.rank + 1));
  if (!table && idx?.dims.length === 1 && idx.values?.length && !batchAxis)
    return { layers: [{ type: 'indexselect', dim: axis, index: idx.values.map(Number) }] };
  if (table) return { unsupported: 'a gather from a constant table that is not an embedding lookup' };
  if (batchAxis) return { unsupported: `Gather along the batch (${ONE_BATCH})` };
  // Indices computed at run time (or a constant of several dims): only their shape matters, and it
  // takes the axis' place. Indices that carry the batch put a second batch in the output ([N, …, N, k, …]).
  const known = idx ? { shape: idx.dims, batched: false } : ctx.valueShape?.(n.inputs[1]);
  if (!known) return { unsupported: 'Gather by indices of unknown shape' };
  if (known.batched)
    return {
      unsupported: `Gather by indices computed per sample ([N, ${known.shape.join(', ')}]): the output holds the batch twice (${ONE_BATCH})`,
    };
  const shape = known.shape.map(Number);
  return { layers: [{ type: 'take', dim: axis, ...(shape.length ? { indexShape: shape } : {}) } as LayerSpec] };
}

/**
 * GatherElements → the gather kind (torch.gather): the output has the indices' shape. Indices
 * computed per sample (a TopK's, a target unsqueezed) are its second input; indices known only by
 * their shape (a run-time constant, a constant) are its `indexShape`, the sample's part of it.
 */
export function gatherElements(n: OnnxNode, ctx: OpContext): Mapped {
  const axis = int(n, 'axis', 0);
  if (isBatchAxis(axis, ctx)) return { unsupported: `GatherElements along the batch (${ONE_BATCH})` };
  const idx = ctx.constant(n.inputs[1]);
  const known = idx ? { shape: idx.dims, batched: false } : ctx.valueShape?.(n.inputs[1]);
  if (!known) return { unsupported: 'GatherElements by indices of unknown shape' };
  if (known.batched) return { layers: [{ type: 'gather', dim: axis } as LayerSpec], all: true };
  const shape = known.shape.map(Number);
  // The sample's rank (read whole), or the batch's in front (read batch-first).
  const sample =
    shape.length === ctx.rank
      ? shape
      : shape.length === (ctx.rank ?? -1) + 1 && shape[0] === ctx.batch
        ? shape.slice(1)
        : null;
  if (!sample) return { unsupported: `GatherElements by indices [${shape.join(', ')}] that do not keep the batch` };
  return { layers: [{ type: 'gather', dim: axis, indexShape: sample } as LayerSpec] };
}

export const REDUCE: Readonly<Record<string, string>> = {
  ReduceSum: 'sum',
  ReduceMax: 'amax',
  ReduceMin: 'amin',
  ReduceProd: 'prod',
  ReduceL1: 'l1',
  ReduceL2: 'l2',
  ReduceSumSquare: 'sumsquare',
  ReduceLogSum: 'logsum',
  ReduceLogSumExp: 'logsumexp',
};

/** The reductions onnx-tool profiles, so an imported no-op one keeps its op for the onnx-tool convention. */
const REDUCE_NOOP = new Set(['ReduceSum', 'ReduceMean', 'ReduceProd', 'ReduceMin', 'ReduceMax', 'ReduceL2']);

/** Why a reduction, a gather or a tile that moves the batch has no kind (the row keeps the file's shape). */
export const ONE_BATCH = 'FlopLab keeps one batch, first, for every row';

export const isBatchAxis = (a: number, ctx: OpContext) => a === 0 || (ctx.rank !== undefined && a === -(ctx.rank + 1));

/** A reduction whose axes are not constants: computed, or none (then every dim, the batch too). */
export function noAxes(n: OnnxNode, ctx: OpContext): string {
  const input = n.inputs[1];
  if (input && !ctx.constant(input)) return `${n.opType} over computed axes`;
  return `${n.opType} with no axes reduces every dim, the batch too (${ONE_BATCH})`;
}

/**
 * The ONNX Reduce* operators over constant axes (attribute before opset 13 — 18 for all but
 * ReduceSum —, input after): the reduce kind, ReduceMean the mean kind. Without axes (every dim, the
 * batch too) or over the batch there is no kind: not counted, with the file's shape.
 */
export function reduceOp(n: OnnxNode, ctx: OpContext): Mapped {
  const axes = listOf(n, ctx, 'axes', 1);
  // An axes input that is empty (a constant, or a graph input of 0 elements) with noop_with_empty_axes:
  // the input passes through (Operators.md); onnx-tool still profiles the reduction (identity.onnx_op).
  // No axes at all is the same no-op where the attribute exists (ReduceSum-13, every Reduce*-18).
  if (!axes?.length && !ints(n, 'axes') && int(n, 'noop_with_empty_axes', 0))
    return {
      layers: [{ type: 'identity', onnx_op: REDUCE_NOOP.has(n.opType) ? n.opType : 'none' }],
      warning: say('why.reduceNoop', { op: n.opType }),
    };
  if (!axes?.length) return { unsupported: noAxes(n, ctx) };
  if (axes.some((a) => isBatchAxis(a, ctx))) return { unsupported: `${n.opType} over the batch (${ONE_BATCH})` };
  const keep = int(n, 'keepdims', 1) ? { keepdim: true } : {};
  if (n.opType === 'ReduceMean') return { layers: [{ type: 'mean', dims: axes, ...keep }] };
  return { layers: [{ type: 'reduce', op: REDUCE[n.opType], dims: axes, ...keep }] };
}

/**
 * Einsum on one or two computed operands whose every term starts with the same letter (the batch,
 * which the einsum kind leaves out): that letter dropped. Ellipsis, constant operands and
 * equations without the batch letter first are not counted.
 */
export function einsumOp(n: OnnxNode, ctx: OpContext): Mapped {
  const eq = (str(n, 'equation', '') || '').replace(/\s+/g, '');
  const m = /^([a-zA-Z]+)(?:,([a-zA-Z]+))?->([a-zA-Z]*)$/.exec(eq);
  if (!m) return { unsupported: `equation "${eq}" (only one or two operands, explicit output, no ellipsis)` };
  const terms = [m[1], m[2], m[3]].filter((t): t is string => t !== undefined);
  const b = terms[0][0];
  if (terms.some((t) => t[0] !== b) || ctx.dataInputs !== terms.length - 1)
    return { unsupported: `equation "${eq}" does not keep the batch letter first on computed operands` };
  const strip = (t: string) => t.slice(1);
  const equation = `${strip(terms[0])}${m[2] ? `,${strip(terms[1])}` : ''}->${strip(terms[terms.length - 1])}`;
  return { layers: [{ type: 'einsum', equation }], all: true };
}

/** Resize / Upsample with constant scales or sizes on a 4-D map: the upsample kind. */
export function resize(n: OnnxNode, ctx: OpContext): Mapped {
  const mode = str(n, 'mode', 'nearest');
  // Upsample-7: scales attribute; Upsample-9/Resize-10: input 1; Resize-11+: inputs 2 (scales), 3 (sizes).
  // An empty list (torch.onnx writes scales [] beside sizes) is none.
  const given = (v: readonly number[] | undefined) => (v?.length ? v : undefined);
  let scales = given(
    attr(n, 'scales')?.floats ?? ctx.constant(n.inputs[n.opType === 'Resize' && n.inputs.length > 2 ? 2 : 1])?.values,
  );
  let sizes = n.opType === 'Resize' ? given(ctx.constant(n.inputs[3])?.values) : undefined;

  // Resize-18's axes: the scales or sizes of those axes only, in the axes' order; every spatial one (all
  // after N and C, in any order: tf_crop_and_resize_axes_3_2) is read.
  const axes = ints(n, 'axes')?.map(Number);
  if (axes) {
    const r = (ctx.rank ?? 0) + 1;
    const at = axes.map((a) => (a < 0 ? a + r : a));
    const spatial = at.every((a) => a >= 2 && a < r) && new Set(at).size === r - 2;
    if (!ctx.shape || at.length !== r - 2 || !spatial)
      return { unsupported: `Resize of axes [${axes.join(', ')}] (only every spatial axis, after N and C)` };
    const full = (v: readonly number[], head: number[]) => {
      const out = [...head, ...at.map(() => 0)];
      at.forEach((a, i) => (out[a] = Number(v[i])));
      return out;
    };
    if (scales) scales = full(scales, [1, 1]);
    if (sizes) sizes = full(sizes, [ctx.batch ?? 1, ctx.shape[0]]);
  }
  // Resize-18's antialias widens a downscale's filter by the scale (Operators.md): the upsample kind's
  // neighbours per output (2 per linear dim, 4 per cubic one) would undercount it; an upscale is unchanged.
  const down = scales
    ? scales.slice(2).some((v) => Number(v) < 1)
    : !sizes || !ctx.shape || sizes.slice(2).some((d, i) => Number(d) < (ctx.shape?.[i + 1] ?? Infinity));
  if (mode !== 'nearest' && (n.attrs.get('antialias')?.i ?? 0) !== 0 && down)
    return { unsupported: `antialiased ${mode} resize (its filter widens with the downscale)` };
  // [N, C, …spatial]: a sequence (3-D), a map (4-D) or a volume (5-D), as the upsample kind's 1 to 3 dims.
  const rank = sizes?.length ?? scales?.length ?? 0;
  const sp = rank - 2;
  if (sp < 1 || sp > 3)
    return { unsupported: `scales [${scales?.join(', ') ?? '?'}] (only equal integer scales or constant sizes)` };
  // linear is linear / bilinear / trilinear by the spatial dims; cubic is bicubic, on a map only.
  const linear = mode === 'linear' || mode === 'bilinear';
  if (mode === 'cubic' && sp !== 2) return { unsupported: `cubic resize of ${sp} spatial dims (bicubic is 2-D)` };
  const kind = linear
    ? (['linear', 'bilinear', 'trilinear'] as const)[sp - 1]
    : mode === 'cubic'
      ? 'bicubic'
      : 'nearest';
  const base = { type: 'upsample', mode: kind };
  const spatial = (v: readonly number[]) => v.slice(2).map(Number);
  if (sizes) {
    const [head, out] = [sizes.slice(0, 2).map(Number), spatial(sizes)];
    if (ctx.shape && (head[1] !== ctx.shape[0] || (ctx.batch !== undefined && head[0] !== ctx.batch)))
      return { unsupported: `sizes [${sizes.join(', ')}] that change the batch or the channels` };
    if (sp === 2) return { layers: [{ ...base, size: pair(out[0], out[1]) }] };
    if (out.every((d) => d === out[0])) return { layers: [{ ...base, size: out[0] }] };
    return { unsupported: `sizes [${sizes.join(', ')}] (one size for every spatial dim, or [h, w] on a map)` };
  }
  // One integer scale ≥ 1 for every spatial dim, and 1 for the batch and the channels.
  const s = scales ? spatial(scales) : [];
  if (scales && Number(scales[0]) === 1 && Number(scales[1]) === 1 && s.every((v) => v === s[0]))
    if (Number.isInteger(s[0]) && s[0] >= 1) return { layers: [{ ...base, scale: s[0] }] };
  return { unsupported: `scales [${scales?.join(', ') ?? '?'}] (only equal integer scales or constant sizes)` };
}

/** Split: output `output`'s part, along any axis but the batch (GLU halves the last dim). */
export function split(n: OnnxNode, ctx: OpContext, output: number): Mapped {
  const listed = ints(n, 'split') ?? ctx.constant(n.inputs[1])?.values;
  // An empty list is no list: equal parts (as onnxruntime splits).
  const parts = listed?.length ? listed : undefined;
  // Sizes fed at run time are unknown: never guessed as equal parts.
  if (!parts && n.inputs[1] && !ctx.constant(n.inputs[1]))
    return { unsupported: 'split sizes known only when run (the file states no output shapes)' };
  const rank = (ctx.shape?.length ?? 0) + 1;
  const at = int(n, 'axis', 0);
  const axis = at < 0 ? at + rank : at;
  const equal = !parts || parts.every((p) => p === parts[0]);
  // Equal parts of a feature map's channels: the chunk kind (torch.chunk); anything else (another
  // axis, unequal sizes, GLU's halves of the last dim): this output's slice.
  if (axis === 1 && equal && ctx.shape?.length === 3)
    return { layers: [{ type: 'chunk', chunks: n.outputs.length, index: output }] };
  const size = ctx.shape?.[axis - 1];
  if (axis < 1 || size === undefined)
    return { unsupported: axis === 0 ? 'split along the batch' : 'input shape unknown' };
  const sizes = parts ?? n.outputs.map(() => Math.ceil(size / n.outputs.length));
  const start = sizes.slice(0, output).reduce((a, b) => a + b, 0);
  return { layers: [{ type: 'slice', dim: axis, start, end: Math.min(size, start + sizes[output]) }] };
}
