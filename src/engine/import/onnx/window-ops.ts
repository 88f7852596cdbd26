/**
 * ONNX's windowed operators, split from ops.ts for size: Conv and ConvTranspose (conv2d,
 * convtranspose2d, conv1d / conv3d) and the pools (maxpool2d, avgpool2d, their 1-D and 3-D kinds),
 * with the padding ONNX can state and PyTorch's layers cannot hold (asymmetric pads, SAME) turned
 * into a pad layer before the op, or for a transposed conv into its padding and output_padding.
 */
import type { LayerSpec } from '../../format/model';
import type { OnnxNode } from './decode';
import type { Mapped, OpContext } from './ops';
import { int, ints, pair, str } from './attrs';

/**
 * kernel/stride/padding/dilation of a 2-D windowed op. Padding the op cannot hold (asymmetric
 * pads [t, l, b, r], SAME_UPPER / SAME_LOWER with a stride, computed from the input size as ONNX
 * defines it) comes back as `prePad`, F.pad's [l, r, t, b], for a pad layer before the op: the
 * output size is then exactly the file's and the op's count is unchanged (it depends on the
 * output size). A pool's padding above half its (dilated) kernel, which ONNX allows and PyTorch's
 * pools do not, comes back as `prePad` too. Without a known input size SAME with a stride is
 * approximated, with a warning.
 */
function windowFields(
  n: OnnxNode,
  kernel: number[] | undefined,
  warn: string[],
  input?: readonly number[],
  pool = false,
): (Record<string, unknown> & { prePad?: number[] }) | string {
  if (!kernel || kernel.length !== 2) return `${n.opType} over ${kernel?.length ?? '?'} spatial dimensions (only 2-D)`;
  const strides = ints(n, 'strides') ?? [1, 1];
  const dil = ints(n, 'dilations') ?? [1, 1];
  const auto = str(n, 'auto_pad', 'NOTSET');
  let pads = ints(n, 'pads') ?? [0, 0, 0, 0];
  if (auto === 'VALID') pads = [0, 0, 0, 0];
  else if (auto === 'SAME_UPPER' || auto === 'SAME_LOWER') {
    // onnxruntime's pools pad SAME for the undilated kernel (its Conv refuses a dilated SAME): a smaller output.
    if (pool && dil.some((v) => v !== 1))
      warn.push(
        `${auto} with dilations [${dil.join(', ')}]: sized as ONNX defines it (ceil(in / stride)); onnxruntime pads for the undilated kernel and gives fewer positions`,
      );
    if (input?.length === 3) {
      // ONNX: total = max((ceil(in / s) − 1)·s + (k − 1)·d + 1 − in, 0); SAME_UPPER puts the odd one at the end.
      const total = [0, 1].map((a) =>
        Math.max(
          (Math.ceil(input[a + 1] / strides[a]) - 1) * strides[a] + (kernel[a] - 1) * dil[a] + 1 - input[a + 1],
          0,
        ),
      );
      const small = total.map((t) => (auto === 'SAME_UPPER' ? Math.floor(t / 2) : Math.ceil(t / 2)));
      pads = [small[0], small[1], total[0] - small[0], total[1] - small[1]];
    } else {
      if (strides.some((v) => v !== 1)) warn.push(`${auto} padding with stride > 1 is approximated by half the kernel`);
      const half = [0, 1].map((a) => Math.floor((dil[a] * (kernel[a] - 1)) / 2));
      pads = [half[0], half[1], half[0], half[1]];
    }
  }
  const [t, l, b, r] = pads;
  const base = {
    kernel: pair(kernel[0], kernel[1]),
    stride: pair(strides[0], strides[1]),
    ...(dil[0] !== 1 || dil[1] !== 1 ? { dilation: pair(dil[0], dil[1]) } : {}),
  };
  const wide = pool && [t, l].some((v, a) => v > Math.floor((dil[a] * (kernel[a] - 1) + 1) / 2));
  if (t === b && l === r && !wide) return { ...base, padding: pair(t, l) };
  return { ...base, padding: 0, prePad: [l, r, t, b] };
}

/** The op's layers, after a pad layer when its padding is asymmetric (windowFields' prePad). */
function withPrePad(win: { prePad?: number[] }, spec: Record<string, unknown>): LayerSpec[] {
  const op: Record<string, unknown> = { ...spec };
  delete op.prePad;
  return win.prePad ? [{ type: 'pad', pad: win.prePad } as LayerSpec, op as LayerSpec] : [op as LayerSpec];
}

/**
 * kernel/stride/padding/dilation of a 1-D or 3-D window: numbers for 1-D (conv1d, pool1d), lists
 * for 3-D; asymmetric padding is rounded down with a warning, as in 2-D.
 */
function ndWindowFields(n: OnnxNode, kernel: number[], warn: string[]): Record<string, unknown> | string {
  const r = kernel.length;
  const strides = ints(n, 'strides') ?? kernel.map(() => 1);
  const dil = ints(n, 'dilations') ?? kernel.map(() => 1);
  const pads = ints(n, 'pads') ?? kernel.map(() => 0).concat(kernel.map(() => 0));
  const auto = str(n, 'auto_pad', 'NOTSET');
  if (auto !== 'NOTSET' && auto !== 'VALID') return `${n.opType} with ${auto} padding over ${r} spatial dims`;
  const padding = kernel.map((_k, i) => {
    const [a, b] = auto === 'VALID' ? [0, 0] : [pads[i], pads[i + r]];
    if ((a + b) % 2)
      warn.push(`asymmetric padding [${pads.join(', ')}] is rounded down to the same padding on both sides`);
    return Math.floor((a + b) / 2);
  });
  const one = (v: number[]) => (r === 1 ? v[0] : v);
  return {
    kernel: one(kernel),
    stride: one(strides),
    padding: one(padding),
    ...(dil.some((d) => d !== 1) ? { dilation: one(dil) } : {}),
  };
}

/** Conv over 1 or 3 spatial dims: conv1d / conv3d (transposed ones have no kind). */
function convNd(n: OnnxNode, w: { dims: number[] }): Mapped {
  const kernel = ints(n, 'kernel_shape')?.map(Number) ?? w.dims.slice(2);
  const warn: string[] = [];
  const win = ndWindowFields(n, kernel, warn);
  if (typeof win === 'string') return { unsupported: win };
  const spec = {
    type: kernel.length === 1 ? 'conv1d' : 'conv3d',
    out: w.dims[0],
    ...win,
    groups: int(n, 'group', 1),
    bias: !!n.inputs[2],
  };
  return { layers: [spec as LayerSpec], ...(warn.length ? { warning: warn.join('; ') } : {}) };
}

export function conv(n: OnnxNode, ctx: OpContext, transposed: boolean): Mapped {
  const w = ctx.constant(n.inputs[1]);
  if (!w || w.dims.length < 3 || w.dims.length > 5)
    return { unsupported: 'the weight is not a constant 3-, 4- or 5-D tensor' };
  if (transposed) return convTranspose(n, w.dims, ctx.shape);
  if (w.dims.length !== 4) return convNd(n, w);
  const warn: string[] = [];
  const win = windowFields(n, ints(n, 'kernel_shape') ?? w.dims.slice(2), warn, ctx.shape);
  if (typeof win === 'string') return { unsupported: win };
  const spec = { type: 'conv2d', out: w.dims[0], ...win, groups: int(n, 'group', 1), bias: !!n.inputs[2] };
  return { layers: withPrePad(win, spec), ...(warn.length ? { warning: warn.join('; ') } : {}) };
}

/**
 * ConvTranspose onto convtranspose1d / 2d / 3d, whose output is base − 2p + op (base = s(in − 1) + d(k − 1) + 1,
 * p the padding on each side, op the output_padding added at the end; PyTorch needs op < max(s, d)).
 * ONNX fixes the output by pads (begin and end may differ), output_padding, output_shape or auto_pad
 * SAME: per axis a window [head, head + out) of the full output base + output_padding (onnx/docs/Operators.md;
 * SAME and output_shape split total = base + output_padding − out as onnxruntime does, total ≥ 0 for SAME, so
 * SAME gives min(in·s, base + output_padding)). The exact count sees which rows are cropped (the taps landing
 * per position differ near the ends), so p and op are chosen to crop the same rows: the crops (a, b) at the
 * two ends of base are PyTorch's (p, p − op), or mirrored (every position's landing count is symmetric about the
 * middle of base). Where no op below the stride does that, the size is kept with symmetric crops and a warning
 * says the exact count is approximate. Only output_shape needs the input's size.
 */
function convTranspose(n: OnnxNode, wDims: number[], input: readonly number[] | undefined): Mapped {
  const kernel = (ints(n, 'kernel_shape') ?? wDims.slice(2)).map(Number);
  const r = kernel.length;
  const each = (v: number) => Array<number>(r).fill(v);
  const s = (ints(n, 'strides') ?? each(1)).map(Number);
  const d = (ints(n, 'dilations') ?? each(1)).map(Number);
  const outPad = (ints(n, 'output_padding') ?? each(0)).map(Number);
  const pads = (ints(n, 'pads') ?? each(0).concat(each(0))).map(Number);
  const auto = str(n, 'auto_pad', 'NOTSET');
  const shape = ints(n, 'output_shape')?.map(Number).slice(-r);
  if (r < 1 || r > 3) return { unsupported: `ConvTranspose over ${r} spatial dims (1 to 3)` };
  if (shape && input?.length !== r + 1)
    return { unsupported: 'ConvTranspose to an output_shape, from an input of unknown size' };
  const same = auto === 'SAME_UPPER' || auto === 'SAME_LOWER';
  // Per axis: the crops (a at the start, b at the end) of base; b < 0 adds empty rows at the end.
  const crops = kernel.map((k, a) => {
    // base − in·s = d(k − 1) + 1 − s: SAME needs no input size.
    const base = (i: number) => s[a] * (i - 1) + d[a] * (k - 1) + 1;
    const full = d[a] * (k - 1) + 1 - s[a] + outPad[a]; // base + output_padding, minus in·s (or minus base)
    let total: number;
    if (shape) total = base((input as readonly number[])[a + 1]) + outPad[a] - shape[a];
    else if (same) total = Math.max(0, full);
    else {
      const [pb, pe] = auto === 'VALID' ? [0, 0] : [pads[a], pads[a + r]];
      return { a: pb, b: pe - outPad[a] };
    }
    // onnxruntime's split: SAME_UPPER puts the odd row at the end, else at the start; none below 0.
    const t = Math.max(0, total);
    const head = auto === 'SAME_UPPER' ? Math.floor(t / 2) : t - Math.floor(t / 2);
    return { a: head, b: total - head - outPad[a] };
  });
  const limit = (a: number) => Math.max(s[a], d[a]);
  // Per axis: the same rows cropped where an output_padding below the stride allows, else symmetric crops.
  const chosen = crops.map(({ a, b }, i) => {
    const exact = b >= 0 ? { p: Math.max(a, b), op: Math.abs(a - b) } : { p: a, op: a - b };
    if (exact.op < limit(i)) return { ...exact, fits: true };
    const p = Math.max(0, Math.ceil((a + b) / 2));
    return { p, op: 2 * p - (a + b), fits: false };
  });
  const fits = chosen.every((x) => x.fits);
  const p = chosen.map((x) => x.p);
  const op = chosen.map((x) => x.op);
  if (op.some((v, a) => v >= limit(a)))
    return {
      unsupported: `ConvTranspose whose output size needs an output_padding [${op.join(', ')}] not below its stride`,
    };
  // Per-axis fields as each kind writes them: a number (1-D), a pair (2-D), a list (3-D).
  const field = (v: number[]) =>
    r === 1 ? v[0] : r === 2 ? pair(v[0], v[1]) : v.every((x) => x === v[0]) ? [v[0]] : v;
  const groups = int(n, 'group', 1);
  const spec = {
    type: `convtranspose${r}d`,
    out: wDims[1] * groups,
    kernel: field(kernel),
    stride: field(s),
    padding: field(p),
    ...(op.some((v) => v) ? { output_padding: field(op) } : {}),
    ...(d.some((v) => v !== 1) ? { dilation: field(d) } : {}),
    groups,
    bias: !!n.inputs[2],
  };
  const warning = fits
    ? undefined
    : `the rows cropped (start, end per axis: ${crops.map(({ a, b }) => `${a}, ${b}`).join('; ')}) are no padding and output_padding below the stride: the output size is kept, the exact count is approximate`;
  return { layers: [spec as LayerSpec], ...(warning ? { warning } : {}) };
}

export function pool(n: OnnxNode, type: 'maxpool2d' | 'avgpool2d', input?: readonly number[]): Mapped {
  const kernel = ints(n, 'kernel_shape')?.map(Number);
  if (kernel && (kernel.length === 1 || kernel.length === 3)) {
    const warn: string[] = [];
    const win = ndWindowFields(n, kernel, warn);
    if (typeof win === 'string') return { unsupported: win };
    const nd = `${type.slice(0, -2)}${kernel.length}d`;
    const spec = { type: nd, ...win, ...(int(n, 'ceil_mode', 0) ? { ceil: true } : {}) };
    return { layers: [spec as LayerSpec], ...(warn.length ? { warning: warn.join('; ') } : {}) };
  }
  const warn: string[] = [];
  const win = windowFields(n, ints(n, 'kernel_shape'), warn, input, true);
  if (typeof win === 'string') return { unsupported: win };
  // MaxPool has dilations since opset 10, AveragePool since 19: the pool kinds' dilation.
  const spec = { type, ...win, ...(int(n, 'ceil_mode', 0) ? { ceil: true } : {}) };
  return { layers: withPrePad(win, spec), ...(warn.length ? { warning: warn.join('; ') } : {}) };
}
