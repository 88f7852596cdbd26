/**
 * Keras core, normalization, activation, merging and reshaping layers → FlopLab kinds
 * (keras/src/layers/core, normalization, activations, merging, reshaping).
 */
import type { LayerSpec } from '../../format/model';
import {
  activationName,
  activationSpecs,
  bool,
  flDim,
  kerasOf,
  num,
  numel,
  type KCall,
  type MapContext,
  type Mapped,
} from './map-util';

/** Dense on the last axis: a vector, tokens [L, D], or any rank (then `in` says it is meant). */
export function dense(call: KCall, ctx: MapContext): Mapped {
  const x = ctx.as(0, 'same');
  if (!x.shape) return { unsupported: 'input shape unknown' };
  const last = x.shape[x.shape.length - 1];
  const spec: LayerSpec = {
    type: 'linear',
    name: call.name,
    out: num(call.cfg.units, 0),
    ...(x.shape.length > 1 ? { in: last } : {}),
    bias: bool(call.cfg.use_bias, true),
  };
  const act = activationSpecs(call.cfg.activation, `${call.name}/${activationName(call.cfg.activation)}`, -1);
  const tail: LayerSpec[] = act ?? [
    { type: 'opaque', op: `activation ${activationName(call.cfg.activation)}`.slice(0, 80), name: `${call.name}/act` },
  ];
  return { specs: [spec, ...tail], moved: false };
}

/** The single normalised axis as a non-batch index, or null (several axes, out of range). */
function oneAxis(axis: unknown, rank: number): number | null {
  const a = Array.isArray(axis) && axis.length === 1 ? axis[0] : axis;
  if (typeof a !== 'number') return null;
  const k = a < 0 ? rank + a : a - 1;
  return k >= 0 && k < rank ? k : null;
}

/**
 * γ and β each on or off. Both (or neither) is the kinds' `affine`; one of them alone is a
 * per-channel vector, written as a layerscale after the norm (C weights, one op per element).
 */
function affineSpecs(call: KCall): { affine: boolean; extra: LayerSpec[] } {
  const scale = bool(call.cfg.scale, true);
  const center = bool(call.cfg.center, true);
  if (scale === center) return { affine: scale, extra: [] };
  return { affine: false, extra: [{ type: 'layerscale', name: `${call.name}/${scale ? 'gamma' : 'beta'}` }] };
}

const BN_TYPE = ['', 'batchnorm1d', 'batchnorm1d', 'batchnorm2d', 'batchnorm3d'];

/**
 * BatchNormalization over the channel axis. Keras's count_params() holds γ, β and the moving mean
 * and variance, 4·C (keras/src/layers/normalization/batch_normalization.py: moving_mean and
 * moving_variance are weights with trainable=False); FlopLab counts γ, β as parameters and the
 * moving statistics as buffers (PyTorch's running_mean/var), so parameters + buffers = count_params().
 */
export function batchNorm(call: KCall, ctx: MapContext): Mapped {
  const x0 = ctx.inputs[0];
  if (!x0.shape) return { unsupported: 'input shape unknown' };
  const r = x0.shape.length;
  const k = oneAxis(call.cfg.axis ?? -1, r);
  if (k === null) return { unsupported: `axis ${JSON.stringify(call.cfg.axis)} (only one axis)` };
  // The last axis of channels-last data is FlopLab's dim 1 once moved; axis 1 already is dim 1.
  if (r > 1 && k !== r - 1 && k !== 0) return { unsupported: `axis ${k + 1} of a ${r + 1}-D tensor` };
  const x = r === 1 ? x0 : ctx.as(0, k === r - 1 ? 'moved' : 'same');
  if (r > 4) return { unsupported: `a ${r + 1}-D input` };
  const { affine, extra } = affineSpecs(call);
  return { specs: [{ type: BN_TYPE[r], name: call.name, affine }, ...extra], moved: r > 1 && x.moved };
}

/**
 * Keras axes that are the last k of rank r (batch = axis 0), as k; null otherwise. Axes [1, 2, 3] of
 * an image are its 3 dims, the layernorm kind's `dims` 3.
 */
function trailingAxes(axis: unknown, r: number): number | null {
  if (!Array.isArray(axis) || axis.length < 2 || !axis.every((a) => typeof a === 'number')) return null;
  const at = new Set((axis as number[]).map((a) => (a < 0 ? r + a : a - 1)));
  const k = at.size;
  return k === axis.length && k <= r && [...at].every((a) => a >= r - k && a < r) ? k : null;
}

/** LayerNormalization over the last axis (Keras's default axis −1), or over the last k axes (a list). */
export function layerNorm(call: KCall, ctx: MapContext): Mapped {
  const x0 = ctx.inputs[0];
  if (!x0.shape) return { unsupported: 'input shape unknown' };
  const r = x0.shape.length;
  if (bool(call.cfg.rms_scaling, false)) return { unsupported: 'rms_scaling (RMS norm)' };
  const k = trailingAxes(call.cfg.axis, r);
  // Every dim of an image held [C, H, W] is every dim of Keras's [H, W, C]; fewer trailing ones are other dims.
  if (k && (k === r || !x0.moved) && bool(call.cfg.scale, true) === bool(call.cfg.center, true)) {
    const affine = bool(call.cfg.scale, true);
    return {
      specs: [{ type: 'layernorm', name: call.name, affine, last: true, dims: k } as LayerSpec],
      moved: !!x0.moved,
    };
  }
  if (oneAxis(call.cfg.axis ?? -1, r) !== r - 1) return { unsupported: `axis ${JSON.stringify(call.cfg.axis)}` };
  const { affine, extra } = affineSpecs(call);
  // An image held [C, H, W]: the kind's default normalises the channels of each position.
  if (r === 3 && x0.moved) return { specs: [{ type: 'layernorm', name: call.name, affine }, ...extra], moved: true };
  const x = ctx.as(0, 'same');
  const last = x.shape?.length === 3 ? { last: true } : {};
  return { specs: [{ type: 'layernorm', name: call.name, affine, ...last }, ...extra], moved: false };
}

export function groupNorm(call: KCall, ctx: MapContext): Mapped {
  const x0 = ctx.inputs[0];
  if (!x0.shape || x0.shape.length < 2) return { unsupported: 'GroupNormalization needs channels and positions' };
  if (oneAxis(call.cfg.axis ?? -1, x0.shape.length) !== x0.shape.length - 1) return { unsupported: 'axis' };
  const { affine, extra } = affineSpecs(call);
  ctx.as(0, 'moved');
  return {
    specs: [{ type: 'groupnorm', name: call.name, groups: num(call.cfg.groups, 32), affine }, ...extra],
    moved: true,
  };
}

export function activation(call: KCall, ctx: MapContext): Mapped {
  const x = ctx.inputs[0];
  const dim = x.moved && (x.shape?.length ?? 0) > 1 ? 1 : -1;
  const specs = activationSpecs(call.cfg.activation, call.name, dim);
  if (!specs) return { unsupported: `activation "${activationName(call.cfg.activation)}"` };
  return { specs: specs.length ? specs : [{ type: 'identity', name: call.name }] };
}

/** ReLU(max_value, negative_slope, threshold): relu, relu6 or leakyrelu. */
export function reluLayer(call: KCall): Mapped {
  const max = call.cfg.max_value;
  const slope = num(call.cfg.negative_slope, 0);
  const threshold = num(call.cfg.threshold, 0);
  if (threshold !== 0) return { unsupported: `threshold ${threshold}` };
  if (slope === 0 && (max === null || max === undefined)) return { specs: [{ type: 'relu', name: call.name }] };
  if (slope === 0 && max === 6) return { specs: [{ type: 'relu6', name: call.name }] };
  if (max === null || max === undefined)
    return { specs: [{ type: 'leakyrelu', name: call.name, negative_slope: slope }] };
  return { unsupported: `max_value ${String(max)} with negative_slope ${slope}` };
}

/** PReLU: one slope, or one per channel (shared over the spatial axes); other shapes not counted. */
export function prelu(call: KCall, ctx: MapContext): Mapped {
  const ks = kerasOf(ctx.inputs[0]);
  if (!ks) return { unsupported: 'input shape unknown' };
  const shared = new Set(((call.cfg.shared_axes as number[] | null) ?? []).map((a) => a - 1));
  const alpha = ks.map((d, i) => (shared.has(i) ? 1 : d));
  const n = numel(alpha);
  if (n === 1) return { specs: [{ type: 'prelu', name: call.name, num_parameters: 1 }] };
  if (alpha.slice(0, -1).every((d) => d === 1) && ks.length > 1) {
    ctx.as(0, 'moved');
    return { specs: [{ type: 'prelu', name: call.name, num_parameters: n }], moved: true };
  }
  if (ks.length === 1) return { specs: [{ type: 'prelu', name: call.name, num_parameters: n }] };
  return { unsupported: `slopes of shape [${alpha.join(', ')}] (only one, or one per channel)`, kerasShape: ks };
}

export function softmax(call: KCall, ctx: MapContext): Mapped {
  const x = ctx.inputs[0];
  if (!x.shape) return { unsupported: 'input shape unknown' };
  const a = Array.isArray(call.cfg.axis) && call.cfg.axis.length === 1 ? call.cfg.axis[0] : (call.cfg.axis ?? -1);
  if (typeof a !== 'number') return { unsupported: `axis ${JSON.stringify(call.cfg.axis)} (only one axis)` };
  const dim = flDim(a, x.shape.length, x.moved);
  if (dim === null) return { unsupported: `axis ${String(call.cfg.axis)}` };
  return { specs: [{ type: 'softmax', name: call.name, dim }] };
}

/** Rescaling(scale, offset): x·scale + offset, one multiply and one add per element. */
export function rescaling(call: KCall): Mapped {
  const scale = call.cfg.scale ?? 1;
  const offset = call.cfg.offset ?? 0;
  if (typeof scale !== 'number' || typeof offset !== 'number')
    return { unsupported: 'a scale or offset per channel (only numbers have a kind)' };
  const specs: LayerSpec[] = [];
  if (scale !== 1) specs.push({ type: 'mul', name: call.name, scalar: scale });
  if (offset !== 0) specs.push({ type: 'add', name: specs.length ? `${call.name}/offset` : call.name, scalar: offset });
  return { specs: specs.length ? specs : [{ type: 'identity', name: call.name }] };
}

/** Every input in the first one's layout (element-wise layers and concatenation need one). */
function sameLayout(ctx: MapContext) {
  const first = ctx.inputs[0];
  const layout = first.moved ? 'moved' : 'same';
  return ctx.inputs.map((_v, i) => ctx.as(i, layout));
}

export function merge(call: KCall, ctx: MapContext, op: 'add' | 'mul' | 'sub' | 'avg' | 'max'): Mapped {
  const xs = sameLayout(ctx);
  if (xs.length < 2) return { unsupported: `${call.cls} of ${xs.length} input` };
  if (op === 'add' || op === 'mul') return { specs: [], join: op };
  if (op === 'sub') return { specs: [{ type: 'sub', name: call.name }] };
  if (op === 'max') return { specs: [{ type: 'maximum', name: call.name }] };
  // Average: the sum, then one multiply by 1/n per element.
  return {
    specs: [
      { type: 'add', name: call.name },
      { type: 'mul', name: `${call.name}/mean`, scalar: 1 / xs.length },
    ],
  };
}

export function concatenate(call: KCall, ctx: MapContext): Mapped {
  const xs = sameLayout(ctx);
  const s = xs[0].shape;
  if (!s) return { unsupported: 'input shape unknown' };
  const dim = flDim(num(call.cfg.axis, -1), s.length, xs[0].moved);
  if (dim === null) return { unsupported: `axis ${String(call.cfg.axis)}` };
  if (dim === 1) return { specs: [], join: 'concat' };
  return { specs: [{ type: 'cat', name: call.name, dim }] };
}

/**
 * Reshape(target_shape). Counts depend only on the element count, so the element order is not
 * tracked: a 3-D or 4-D target is held channels-first like any image ([1, 1, C] → [C, 1, 1] in a
 * squeeze-excite block), a 1-D or 2-D one as written.
 */
export function reshape(call: KCall, ctx: MapContext): Mapped {
  const x = ctx.inputs[0];
  const t = call.cfg.target_shape;
  if (!x.shape || !Array.isArray(t) || !t.every((v) => typeof v === 'number'))
    return { unsupported: 'the target shape or the input shape is unknown' };
  const known = numel((t as number[]).filter((v) => v !== -1));
  const total = numel(x.shape);
  const target = (t as number[]).map((v) => (v === -1 ? total / known : v));
  if (!target.every((v) => Number.isInteger(v) && v >= 1) || numel(target) !== total)
    return { unsupported: `cannot reshape [${kerasOf(x)?.join(', ')}] to [${t.join(', ')}]` };
  const moved = target.length >= 3;
  const shape = moved ? [target[target.length - 1], ...target.slice(0, -1)] : target;
  return { specs: [{ type: 'reshape', name: call.name, shape }], moved };
}

/**
 * Permute(dims) as one permute from the layout the input is held in to the one its output is held
 * in (channels-first for 3 or more dims), so no layout conversion is added around it.
 */
export function permute(call: KCall, ctx: MapContext): Mapped {
  const x = ctx.inputs[0];
  const dims = call.cfg.dims;
  const r = x.shape?.length ?? 0;
  if (!x.shape || !Array.isArray(dims) || dims.length !== r || r < 2)
    return { unsupported: 'dims or the input shape unknown' };
  // Keras axis (without the batch) of each FlopLab axis of the input, and of the output.
  const kerasAxis = (i: number, isMoved: boolean) => (isMoved ? (i === 0 ? r - 1 : i - 1) : i);
  const out = r >= 3;
  const order = Array.from({ length: r }, (_v, o) => {
    const a = (dims[kerasAxis(o, out)] as number) - 1;
    return Array.from({ length: r }, (_w, i) => i).find((i) => kerasAxis(i, x.moved) === a) as number;
  });
  return { specs: [{ type: 'permute', name: call.name, dims: [0, ...order.map((i) => i + 1)] }], moved: out };
}

export function flatten(call: KCall): Mapped {
  // Keras flattens [H, W, C] in that order and FlopLab [C, H, W]: the same elements, the same count.
  return { specs: [{ type: 'flatten', name: call.name }], moved: false };
}

export function dropout(call: KCall): Mapped {
  const p = num(call.cfg.rate, 0.5);
  return { specs: [{ type: 'dropout', name: call.name, p }] };
}

export function embedding(call: KCall, ctx: MapContext): Mapped {
  ctx.as(0, 'same');
  return {
    specs: [
      { type: 'embedding', name: call.name, vocab: num(call.cfg.input_dim, 0), dim: num(call.cfg.output_dim, 0) },
    ],
    moved: false,
  };
}
