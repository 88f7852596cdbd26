/**
 * TFLite operators that move, reshape or reduce data (views, transposes, paddings, resizes,
 * splits, reductions, lookups), mapped like ops.ts in FlopLab's channels-first layout: a file
 * axis becomes a FlopLab dim through layout.ts, a padding list becomes F.pad's pairs.
 */
import type { LayerSpec } from '../../format/model';
import type { TfliteOp } from './decode';
import { fileAxis, flAxis, numel, pair } from './layout';
import type { Mapped, OpContext } from './ops';

const opt = (op: TfliteOp, k: string, d: number) => (op.options[k] as number | undefined) ?? d;

/** MEAN / SUM / REDUCE_MAX / REDUCE_MIN over constant axes. */
export function reduce(op: TfliteOp, ctx: OpContext, x: number): Mapped {
  const axes = ctx.values(op.inputs[1]);
  if (!axes?.length) return { unsupported: 'the axes are not constant' };
  const rank = ctx.file(x).length;
  const dims = [...new Set(axes.map((a) => flAxis(a, rank, ctx.layout(x))))].sort((a, b) => a - b);
  if (dims.includes(0)) return { unsupported: 'a reduction over the batch' };
  const keepdim = op.options.keepDims === true;
  const base = keepdim ? { dims, keepdim } : { dims };
  if (op.code === 'MEAN') return { layers: [{ type: 'mean', ...base }] };
  const r = op.code === 'SUM' ? 'sum' : op.code === 'REDUCE_MAX' ? 'amax' : 'amin';
  return { layers: [{ type: 'reduce', op: r, ...base }] };
}

/** RESHAPE / SQUEEZE / EXPAND_DIMS: the same elements in the output's shape (free). */
export function view(op: TfliteOp, ctx: OpContext, x: number): Mapped {
  const out = ctx.outFile(0);
  if (!out) return { unsupported: 'the new shape is computed at run time and could not be worked out' };
  if (numel(out) !== numel(ctx.file(x)))
    return { unsupported: `[${ctx.file(x)}] has ${numel(ctx.file(x))} elements, [${out}] ${numel(out)}` };
  const target = ctx.fl(op.outputs[0]);
  if (target.length === 1 && ctx.fl(x).length > 1) return { layers: [{ type: 'flatten' }] };
  return { layers: [{ type: 'reshape', shape: target }] };
}

/** TRANSPOSE with a constant perm, as a permute of the FlopLab dims (batch stays first). */
export function transpose(op: TfliteOp, ctx: OpContext, x: number): Mapped {
  const perm = ctx.values(op.inputs[1]);
  const rank = ctx.file(x).length;
  if (!perm || perm.length !== rank || perm[0] !== 0)
    return { unsupported: 'a perm that is not constant or moves the batch' };
  if (ctx.fl(x).length !== rank - 1) return { unsupported: 'a tensor without a batch dim' };
  const y = op.outputs[0];
  // out_fl[i] reads out_file[fileAxis_out(i)] = in_file[perm[…]] = in_fl[flAxis_in(…)].
  const dims = perm.map((_p, i) => flAxis(perm[fileAxis(i, rank, ctx.layout(y))], rank, ctx.layout(x)));
  return { layers: [{ type: 'permute', dims }] };
}

/** PAD / PADV2 / MIRROR_PAD with constant paddings [rank, 2], as F.pad pairs from the last FlopLab dim. */
export function pad(op: TfliteOp, ctx: OpContext, x: number): Mapped {
  const p = ctx.values(op.inputs[1]);
  const rank = ctx.file(x).length;
  if (!p || p.length !== 2 * rank) return { unsupported: 'the paddings are not constant' };
  if (p[0] || p[1]) return { unsupported: 'padding the batch' };
  if (ctx.fl(x).length !== rank - 1) return { unsupported: 'a tensor without a batch dim' };
  const pairs: number[] = [];
  for (let d = rank - 1; d >= 1; d--) {
    const a = fileAxis(d, rank, ctx.layout(x));
    pairs.push(p[2 * a], p[2 * a + 1]);
  }
  while (pairs.length > 2 && !pairs[pairs.length - 1] && !pairs[pairs.length - 2]) pairs.length -= 2;
  // MIRROR_PAD copies input values instead of a constant: the same count of elements.
  return { layers: [{ type: 'pad', pad: pairs }] };
}

export function resize(op: TfliteOp, ctx: OpContext): Mapped {
  const out = ctx.outFile(0);
  if (!out || out.length !== 4) return { unsupported: 'the output size is not known' };
  const mode = op.code === 'RESIZE_BILINEAR' ? 'bilinear' : 'nearest';
  return { layers: [{ type: 'upsample', mode, size: pair(out[1], out[2]) }] };
}

/** SPLIT (axis, x) / SPLIT_V (x, sizes, axis): output k is a slice along the axis. */
export function split(op: TfliteOp, ctx: OpContext, x: number, k: number): Mapped {
  const axisT = op.code === 'SPLIT' ? op.inputs[0] : op.inputs[2];
  const axis = ctx.values(axisT)?.[0];
  if (axis === undefined) return { unsupported: 'the axis is not constant' };
  const rank = ctx.file(x).length;
  const fa = axis < 0 ? axis + rank : axis;
  const sizes = op.outputs.map((_t, j) => ctx.outFile(j)?.[fa]);
  if (sizes.some((s) => s === undefined)) return { unsupported: 'the piece sizes are not known' };
  const start = (sizes as number[]).slice(0, k).reduce((a, b) => a + b, 0);
  const dim = flAxis(fa, rank, ctx.layout(x));
  return { layers: [{ type: 'slice', dim, start, end: start + (sizes[k] as number) }] };
}

/** GATHER from a constant table [V, D] by computed indices: an embedding lookup. */
export function gather(op: TfliteOp, ctx: OpContext, data: number[]): Mapped {
  const [p, idx] = op.inputs;
  if (ctx.isData(p) || data[0] !== idx) return { unsupported: 'gathering from a computed tensor' };
  const s = ctx.tensor(p).shape;
  if (s.length !== 2 || opt(op, 'axis', 0) !== 0) return { unsupported: `a ${s.length}-D table` };
  return { layers: [{ type: 'embedding', vocab: s[0], dim: s[1] }] };
}

/**
 * STRIDED_SLICE (begin, end, strides, masks) and SLICE (begin, size) with constant bounds: a
 * `slice` per FlopLab dim that changes, then a reshape for the axes shrink_axis_mask drops.
 */
export function slice(op: TfliteOp, ctx: OpContext, x: number): Mapped {
  const xs = ctx.file(x);
  const rank = xs.length;
  const begin = ctx.values(op.inputs[1]);
  const second = ctx.values(op.inputs[2]);
  const strided = op.code === 'STRIDED_SLICE';
  const strides = strided ? ctx.values(op.inputs[3]) : xs.map(() => 1);
  if (!begin || !second || !strides || begin.length !== rank || second.length !== rank || strides.length !== rank)
    return { unsupported: 'the bounds are not constant' };
  const o = op.options;
  if (strided && (opt(op, 'ellipsisMask', 0) || opt(op, 'newAxisMask', 0) || o.offset))
    return { unsupported: 'an ellipsis, a new axis or offset bounds' };
  const bit = (k: string, a: number) => strided && (opt(op, k, 0) >> a) & 1;
  const layers: LayerSpec[] = [];
  for (let a = 0; a < rank; a++) {
    const n = xs[a];
    const s = strides[a];
    if (s < 1) return { unsupported: `a step of ${s}` };
    const norm = (v: number) => Math.min(Math.max(v < 0 ? v + n : v, 0), n);
    const b = bit('beginMask', a) ? 0 : norm(begin[a]);
    let e = strided ? (bit('endMask', a) ? n : norm(second[a])) : second[a] === -1 ? n : norm(begin[a] + second[a]);
    if (bit('shrinkAxisMask', a)) e = b + 1;
    if (b === 0 && e === n && s === 1) continue;
    if (a === 0) return { unsupported: 'slicing the batch' };
    layers.push({
      type: 'slice',
      dim: flAxis(a, rank, ctx.layout(x)),
      start: b,
      end: e,
      ...(s > 1 ? { step: s } : {}),
    });
  }
  if (strided && opt(op, 'shrinkAxisMask', 0)) {
    const target = ctx.fl(op.outputs[0]);
    layers.push(target.length === 1 ? { type: 'flatten' } : { type: 'reshape', shape: target });
  }
  if (!layers.length) layers.push({ type: 'identity' });
  return { layers };
}
