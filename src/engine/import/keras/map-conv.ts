/**
 * Keras convolutions, pools, padding, cropping and upsampling (keras/src/layers/convolutional,
 * pooling, reshaping) → FlopLab's channels-first kinds. Output sizes follow Keras exactly: TF's
 * "same" padding is asymmetric when the needed padding is odd, and then becomes a pad layer
 * before a layer with padding 0 (the pad adds no arithmetic; the layer after it counts its windows
 * over the padded input as TF computes them).
 */
import type { LayerSpec } from '../../format/model';
import {
  activationSpecs,
  activationName,
  bool,
  num,
  padList,
  sizeField,
  str,
  tfSame,
  tuple,
  type KCall,
  type MapContext,
  type Mapped,
} from './map-util';

/** Spatial dims of a class: Conv2D, Conv2DTranspose, MaxPooling1D … (0 when it does not say). */
export const rankOf = (cls: string): number => Number(/([123])D/.exec(cls)?.[1] ?? 0);

/** The input in FlopLab's channels-first layout (a channels_first Keras layer already has it). */
function channelsFirst(call: KCall, ctx: MapContext) {
  const cf = str(call.cfg.data_format, 'channels_last') === 'channels_first';
  return { x: ctx.as(0, cf ? 'same' : 'moved'), moved: !cf };
}

/** Per-dim (before, after) for "valid", "same" or "causal", or why not. */
function paddingOf(
  call: KCall,
  spatial: readonly number[],
  k: number[],
  s: number[],
  d: number[],
): [number, number][] | string {
  const mode = str(call.cfg.padding, 'valid').toLowerCase();
  if (mode === 'valid') return spatial.map(() => [0, 0]);
  if (mode === 'same') return spatial.map((n, i) => tfSame(n, k[i], s[i], d[i]));
  if (mode === 'causal' && spatial.length === 1) return [[(k[0] - 1) * d[0], 0]];
  return `padding "${mode}"`;
}

/** A layer with symmetric padding, or a pad layer then the layer with padding 0. */
function padded(call: KCall, pads: [number, number][], make: (padding: number | number[]) => LayerSpec): LayerSpec[] {
  const even = pads.every(([a, b]) => a === b);
  if (even) return [make(sizeField(pads.map(([a]) => a)))];
  return [{ type: 'pad', name: `${call.name}/same padding`, pad: padList(pads) }, make(pads.length === 3 ? [0] : 0)];
}

function withActivation(call: KCall, specs: LayerSpec[]): LayerSpec[] | string {
  const act = activationSpecs(call.cfg.activation, `${call.name}/${activationName(call.cfg.activation)}`, 1);
  if (act) return [...specs, ...act];
  return [
    ...specs,
    { type: 'opaque', op: `activation ${activationName(call.cfg.activation)}`.slice(0, 80), name: `${call.name}/act` },
  ];
}

const CONV_TYPE = ['', 'conv1d', 'conv2d', 'conv3d'];

/** Conv1D/2D/3D, DepthwiseConv1D/2D, SeparableConv1D/2D. */
export function conv(call: KCall, ctx: MapContext, kind: 'conv' | 'depthwise' | 'separable'): Mapped {
  const n = rankOf(call.cls);
  const { x, moved } = channelsFirst(call, ctx);
  if (!x.shape || x.shape.length !== n + 1)
    return { unsupported: `${call.cls} needs a ${n + 1}-D input, got ${x.shape ? `[${x.shape.join(', ')}]` : '?'}` };
  const c = x.shape[0];
  const k = tuple(call.cfg.kernel_size, n, 1);
  const s = tuple(call.cfg.strides, n, 1);
  const d = tuple(call.cfg.dilation_rate, n, 1);
  const pads = paddingOf(call, x.shape.slice(1), k, s, d);
  if (typeof pads === 'string') return { unsupported: pads };
  const bias = bool(call.cfg.use_bias, true);
  const dil = d.some((v) => v !== 1) ? { dilation: n === 3 ? d : sizeField(d) } : {};
  const base = (padding: number | number[]) => ({
    type: CONV_TYPE[n],
    kernel: n === 3 ? k : sizeField(k),
    stride: n === 3 ? s : sizeField(s),
    padding,
    ...dil,
  });
  const m = num(call.cfg.depth_multiplier, 1);
  let specs: LayerSpec[];
  if (kind === 'conv') {
    const groups = num(call.cfg.groups, 1);
    specs = padded(call, pads, (p) => ({
      ...base(p),
      name: call.name,
      out: num(call.cfg.filters, 0),
      ...(groups !== 1 ? { groups } : {}),
      bias,
    }));
  } else {
    // Depthwise: one filter bank per input channel (groups = C), depth_multiplier outputs each.
    const depthwise = (p: number | number[]) => ({
      ...base(p),
      name: call.name,
      out: c * m,
      groups: c,
      bias: kind === 'depthwise' && bias,
    });
    specs = padded(call, pads, depthwise);
    // SeparableConv: the depthwise step has no bias; the 1×1 pointwise conv has the layer's.
    if (kind === 'separable')
      specs.push({
        type: CONV_TYPE[n],
        name: `${call.name}/pointwise`,
        out: num(call.cfg.filters, 0),
        kernel: n === 3 ? [1] : 1,
        bias,
      });
  }
  const all = withActivation(call, specs);
  return typeof all === 'string' ? { unsupported: all } : { specs: all, moved };
}

/**
 * Conv2DTranspose. Keras's output size (keras/src/utils/conv_utils.py deconv_output_length):
 * valid: in·s + max(k − s, 0); same: in·s; with output_padding op: (in − 1)·s + k − 2·pad + op,
 * pad = k // 2 for same. PyTorch's is (in − 1)·s − 2p + k + op, so p and op are chosen to match.
 */
export function convTranspose(call: KCall, ctx: MapContext): Mapped {
  if (rankOf(call.cls) !== 2) return { unsupported: `${call.cls} (only the 2-D transposed convolution has a kind)` };
  const { x, moved } = channelsFirst(call, ctx);
  if (!x.shape || x.shape.length !== 3) return { unsupported: 'Conv2DTranspose needs a 3-D input' };
  const k = tuple(call.cfg.kernel_size, 2, 1);
  const s = tuple(call.cfg.strides, 2, 1);
  const d = tuple(call.cfg.dilation_rate, 2, 1);
  const same = str(call.cfg.padding, 'valid') === 'same';
  const given = Array.isArray(call.cfg.output_padding) || typeof call.cfg.output_padding === 'number';
  const opIn = tuple(call.cfg.output_padding, 2, 0);
  const p: number[] = [];
  const op: number[] = [];
  for (let i = 0; i < 2; i++) {
    const eff = (k[i] - 1) * d[i] + 1;
    if (given) {
      p.push(same ? Math.floor(eff / 2) : 0);
      op.push(opIn[i]);
      continue;
    }
    // Wanted: −2p + op = (same ? s : s + max(eff − s, 0)) − eff … solved with 0 ≤ op < max(s, d).
    const t = (same ? s[i] : s[i] + Math.max(eff - s[i], 0)) - eff;
    const pi = t >= 0 ? 0 : Math.ceil(-t / 2);
    const oi = t + 2 * pi;
    if (oi >= Math.max(s[i], d[i]))
      return {
        unsupported: `Conv2DTranspose output size ${same ? 'same' : 'valid'} with kernel ${k[i]}, stride ${s[i]}`,
      };
    p.push(pi);
    op.push(oi);
  }
  const spec: LayerSpec = {
    type: 'convtranspose2d',
    name: call.name,
    out: num(call.cfg.filters, 0),
    kernel: sizeField(k),
    stride: sizeField(s),
    padding: sizeField(p),
    ...(op.some((v) => v) ? { output_padding: sizeField(op) } : {}),
    ...(d.some((v) => v !== 1) ? { dilation: sizeField(d) } : {}),
    ...(num(call.cfg.groups, 1) !== 1 ? { groups: num(call.cfg.groups, 1) } : {}),
    bias: bool(call.cfg.use_bias, true),
  };
  const all = withActivation(call, [spec]);
  return typeof all === 'string' ? { unsupported: all } : { specs: all, moved };
}

/** MaxPooling1D/2D/3D, AveragePooling1D/2D/3D (strides default to the pool size). */
export function pool(call: KCall, ctx: MapContext, op: 'max' | 'avg'): Mapped {
  const n = rankOf(call.cls);
  const { x, moved } = channelsFirst(call, ctx);
  if (!x.shape || x.shape.length !== n + 1) return { unsupported: `${call.cls} needs a ${n + 1}-D input` };
  const k = tuple(call.cfg.pool_size, n, 2);
  const s = call.cfg.strides === null || call.cfg.strides === undefined ? k : tuple(call.cfg.strides, n, 1);
  const pads = paddingOf(call, x.shape.slice(1), k, s, Array(n).fill(1));
  if (typeof pads === 'string') return { unsupported: pads };
  const type = `${op}pool${n}d`;
  const specs = padded(call, pads, (padding) => ({
    type,
    name: call.name,
    kernel: n === 3 ? k : sizeField(k),
    stride: n === 3 ? s : sizeField(s),
    padding,
  }));
  return { specs, moved };
}

/** GlobalAveragePooling1D/2D/3D and GlobalMaxPooling*: a mean / max over the spatial dims as held. */
export function globalPool(call: KCall, ctx: MapContext, op: 'mean' | 'amax'): Mapped {
  const cf = str(call.cfg.data_format, 'channels_last') === 'channels_first';
  const x = cf ? ctx.as(0, 'same') : ctx.inputs[0];
  if (!x.shape || x.shape.length < 2) return { unsupported: `${call.cls} needs a map or a sequence` };
  const r = x.shape.length;
  // Channels at dim 1 (moved, or channels_first) or at the last dim (a sequence held [L, C]).
  const first = cf || x.moved;
  const dims = Array.from({ length: r - 1 }, (_v, i) => (first ? i + 2 : i + 1));
  const keepdim = bool(call.cfg.keepdims, false);
  const spec: LayerSpec =
    op === 'mean'
      ? { type: 'mean', name: call.name, dims, ...(keepdim ? { keepdim } : {}) }
      : { type: 'reduce', name: call.name, op: 'amax', dims, ...(keepdim ? { keepdim } : {}) };
  return { specs: [spec], moved: keepdim && x.moved };
}

/** (before, after) per spatial dim from an int, a tuple of ints or a tuple of pairs. */
function pairs(v: unknown, n: number, d: number): [number, number][] {
  if (typeof v === 'number') return Array.from({ length: n }, () => [v, v]);
  if (Array.isArray(v) && v.length === 2 && n === 1 && v.every((x) => typeof x === 'number')) return [[v[0], v[1]]];
  if (Array.isArray(v) && v.length === n)
    return v.map((e) =>
      typeof e === 'number'
        ? [e, e]
        : Array.isArray(e) && e.length === 2
          ? [Number(e[0]), Number(e[1])]
          : ([d, d] as [number, number]),
    );
  return Array.from({ length: n }, () => [d, d]);
}

export function zeroPadding(call: KCall, ctx: MapContext): Mapped {
  const n = rankOf(call.cls);
  const { x, moved } = channelsFirst(call, ctx);
  if (!x.shape || x.shape.length !== n + 1) return { unsupported: `${call.cls} needs a ${n + 1}-D input` };
  return { specs: [{ type: 'pad', name: call.name, pad: padList(pairs(call.cfg.padding, n, 1)) }], moved };
}

/** Cropping1D/2D/3D: a slice per cropped dim (views: no arithmetic). */
export function cropping(call: KCall, ctx: MapContext): Mapped {
  const n = rankOf(call.cls);
  const { x, moved } = channelsFirst(call, ctx);
  if (!x.shape || x.shape.length !== n + 1) return { unsupported: `${call.cls} needs a ${n + 1}-D input` };
  const specs: LayerSpec[] = [];
  pairs(call.cfg.cropping, n, 0).forEach(([a, b], i) => {
    if (a || b)
      specs.push({
        type: 'slice',
        name: specs.length ? `${call.name}/${i}` : call.name,
        dim: i + 2,
        start: a,
        ...(b ? { end: -b } : {}),
      });
  });
  return { specs: specs.length ? specs : [{ type: 'identity', name: call.name }], moved };
}

/** UpSampling1D/2D/3D (nearest; 2-D also bilinear and bicubic). */
export function upsampling(call: KCall, ctx: MapContext): Mapped {
  const n = rankOf(call.cls);
  const { x, moved } = channelsFirst(call, ctx);
  if (!x.shape || x.shape.length !== n + 1) return { unsupported: `${call.cls} needs a ${n + 1}-D input` };
  const size = tuple(call.cfg.size, n, 2);
  const interp = str(call.cfg.interpolation, 'nearest');
  const mode =
    n === 2 && (interp === 'bilinear' || interp === 'bicubic') ? interp : interp === 'nearest' ? 'nearest' : null;
  if (!mode) return { unsupported: `${interp} interpolation` };
  if (size.every((v) => v === size[0]))
    return { specs: [{ type: 'upsample', name: call.name, scale: size[0], mode }], moved };
  if (n !== 2) return { unsupported: `unequal sizes [${size.join(', ')}] over ${n} dims` };
  const hw = [x.shape[1] * size[0], x.shape[2] * size[1]];
  return { specs: [{ type: 'upsample', name: call.name, size: hw, mode }], moved };
}
