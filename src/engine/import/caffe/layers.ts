/**
 * One Caffe layer → nodes of the dataflow graph (builder.ts). Every BVLC Caffe type, the SSD
 * fork's (Normalize, Permute, PriorBox, DetectionOutput) and the community types people ship
 * (ConvolutionDepthwise, ShuffleChannel, Upsample, Interp, Axpy, SegNet's BN, ReLU6) become
 * layer kinds; what no kind can express (data-dependent detection outputs, Python layers, region
 * pooling, a few element-wise functions) becomes a "not counted" row (layers/opaque.ts) with the
 * output shape Caffe gives it, so every layer after it is still counted. docs/import-export.md
 * lists the mapping.
 */
import { opaqueOpName } from '../../layers/opaque';
import type { LayerSpec, Shape } from '../../format/model';
import { msgField, numField, numsField, strField, type TextMessage } from '../prototxt-text';
import type { Builder } from './builder';
import { say } from '../../messages';

/** Layers that compute nothing at inference: metrics, silencers, outputs written to disk. */
export const IGNORED = new Set(['accuracy', 'silence', 'hdf5output']);
/** Loss layers Netscope counts as a softmax (V2 SoftmaxWithLoss, V1 SOFTMAX_LOSS). */
export const SOFTMAX_LOSS = new Set(['softmaxwithloss', 'softmaxloss']);

const prod = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);

/** Values of a 2-D parameter given as `base` (one or two values) or `base_h` / `base_w`. */
export function pairParam(p: TextMessage | undefined, base: string, dflt: number): number | [number, number] {
  const list = numsField(p, base === 'kernel' ? 'kernel_size' : base);
  const h = numField(p, `${base}_h`) ?? list[0] ?? dflt;
  const w = numField(p, `${base}_w`) ?? list[1] ?? list[0] ?? dflt;
  return h === w ? h : [h, w];
}

function convFields(p: TextMessage | undefined, groups?: number): Record<string, unknown> {
  const dil = numsField(p, 'dilation');
  const dilation = dil.length > 1 && dil[0] !== dil[1] ? [dil[0], dil[1]] : (dil[0] ?? 1);
  const stride = pairParam(p, 'stride', 1);
  const padding = pairParam(p, 'pad', 0);
  const g = groups ?? numField(p, 'group') ?? 1;
  // Fields at their PyTorch default are left out, as a person would write the model.
  return {
    out: numField(p, 'num_output'),
    kernel: pairParam(p, 'kernel', 0),
    ...(stride !== 1 ? { stride } : {}),
    ...(padding !== 0 ? { padding } : {}),
    ...(dilation !== 1 ? { dilation } : {}),
    ...(g !== 1 ? { groups: g } : {}),
    bias: strField(p, 'bias_term') !== 'false',
  };
}

/** Caffe's Reshape on the full shape [N, …]: 0 copies a dim, one -1 is inferred; axis / num_axes pick the span. */
export function caffeReshape(full: Shape, dims: readonly number[], axis = 0, numAxes = -1): number[] | string {
  const start = axis < 0 ? full.length + axis + 1 : axis;
  const end = numAxes === -1 ? full.length : start + numAxes;
  if (start < 0 || start > full.length || end > full.length || end < start)
    return `axis ${axis} / num_axes ${numAxes} do not fit the input [${full.join(', ')}]`;
  const mid = dims.map((d, i) => (d === 0 ? (full[start + i] ?? NaN) : d));
  const out = [...full.slice(0, start), ...mid, ...full.slice(end)];
  const free = out.filter((d) => d === -1).length;
  const known = prod(out.filter((d) => d !== -1));
  if (free > 1 || out.some((d) => !Number.isInteger(d) || d === 0 || d < -1))
    return `shape ${dims.join(' × ')} does not fit the input [${full.join(', ')}]`;
  const total = prod(full);
  if (free === 1 && total % known !== 0) return `${total} elements cannot take shape ${dims.join(' × ')}`;
  const res = out.map((d) => (d === -1 ? total / known : d));
  if (prod(res) !== total) return `${total} elements cannot take shape ${res.join(' × ')}`;
  return res;
}

/** Number of boxes per position of an SSD PriorBox layer (prior_box_layer.cpp LayerSetUp). */
export function priorsPerPosition(p: TextMessage | undefined): number {
  const ars = [1];
  const flip = strField(p, 'flip') !== 'false';
  for (const ar of numsField(p, 'aspect_ratio')) {
    if (ars.some((a) => Math.abs(a - ar) < 1e-6)) continue;
    ars.push(ar);
    if (flip) ars.push(1 / ar);
  }
  const mins = Math.max(1, numsField(p, 'min_size').length);
  return ars.length * mins + numsField(p, 'max_size').length;
}

/** DeepLab/PSPNet Interp output size (interp_layer.cpp). */
function interpSize(p: TextMessage | undefined, h: number, w: number, ref: Shape | null): [number, number] | string {
  const padBeg = numField(p, 'pad_beg') ?? 0;
  const padEnd = numField(p, 'pad_end') ?? 0;
  const he = h + padBeg + padEnd;
  const we = w + padBeg + padEnd;
  const zoom = numField(p, 'zoom_factor');
  const shrink = numField(p, 'shrink_factor');
  if (shrink !== undefined && zoom !== undefined) {
    const hs = Math.floor((he - 1) / shrink) + 1;
    const ws = Math.floor((we - 1) / shrink) + 1;
    return [hs + (hs - 1) * (zoom - 1), ws + (ws - 1) * (zoom - 1)];
  }
  if (zoom !== undefined) return [he + (he - 1) * (zoom - 1), we + (we - 1) * (zoom - 1)];
  if (shrink !== undefined) return [Math.floor((he - 1) / shrink) + 1, Math.floor((we - 1) / shrink) + 1];
  const H = numField(p, 'height');
  const W = numField(p, 'width');
  if (H && W) return [H, W];
  if (ref && ref.length === 3) return [ref[1], ref[2]];
  return 'interp_param gives no output size (height/width, zoom_factor or shrink_factor) and there is no second bottom';
}

export interface LayerIn {
  readonly l: TextMessage;
  /** Normalised type: lower case without underscores (V1 INNER_PRODUCT → innerproduct). */
  readonly type: string;
  /** The type as written. */
  readonly caffeType: string;
  readonly name: string;
  readonly label: string;
  readonly tops: string[];
  /** Values of the bottoms that exist. */
  readonly ins: string[];
  /** Blob names of the bottoms. */
  readonly bottoms: string[];
}

/** Maps one layer; returns false when its type has no mapping (the caller adds a not-counted row). */
export function mapLayer(b: Builder, L: LayerIn): boolean {
  const { l, type, name, label, tops, ins } = L;
  const x = ins[0];
  const xs = b.shape(x);
  const named = (spec: Record<string, unknown>): LayerSpec => ({ type: String(spec.type), name, ...spec });
  const leaf = (...specs: LayerSpec[]) => b.add(label, name, 'layers', [x], tops, specs);
  const multi = (inputs: string[], spec: Record<string, unknown>) =>
    b.add(label, name, 'layers', inputs, tops, [named(spec)]);
  /** A not-counted row with Caffe's output shape (or the input's). */
  const opaque = (why: string, shape?: Shape | null, inputs: string[] = [x], params = 0) => {
    b.notCountedLayer(L.caffeType, name);
    b.warnings.push(say('file.caffeNotCounted', { label, why }));
    b.add(label, name, 'layers', inputs, tops, [
      named({
        type: 'opaque',
        op: opaqueOpName(L.caffeType),
        ...(shape ? { shape: [...shape] } : {}),
        ...(params ? { params } : {}),
      }),
    ]);
    return true;
  };

  switch (type) {
    case 'convolution':
      leaf(named({ type: 'conv2d', ...convFields(msgField(l, 'convolution_param')) }));
      return true;
    // Community depthwise layers (yonghenglh6/DepthwiseConvolution, ShuffleNet ports): one filter per channel.
    case 'convolutiondepthwise':
    case 'depthwiseconvolution': {
      const c = xs?.[0];
      leaf(named({ type: 'conv2d', ...convFields(msgField(l, 'convolution_param'), c ?? 1) }));
      if (c === undefined) b.warnings.push(say('imp.groupsUnknown', { label }));
      return true;
    }
    case 'deconvolution':
      leaf(named({ type: 'convtranspose2d', ...convFields(msgField(l, 'convolution_param')) }));
      return true;
    case 'pooling': {
      const p = msgField(l, 'pooling_param');
      const pool = (strField(p, 'pool') ?? 'MAX').toUpperCase();
      const max = pool !== 'AVE';
      if (pool === 'STOCHASTIC') b.warnings.push(say('imp.stochastic', { label }));
      if (strField(p, 'global_pooling') === 'true')
        leaf(named({ type: max ? 'adaptivemaxpool2d' : 'adaptiveavgpool2d', out: 1 }));
      else
        leaf(
          named({
            type: max ? 'maxpool2d' : 'avgpool2d',
            kernel: pairParam(p, 'kernel', 0),
            stride: pairParam(p, 'stride', 1),
            padding: pairParam(p, 'pad', 0),
            ceil: (strField(p, 'round_mode') ?? 'CEIL').toUpperCase() !== 'FLOOR',
          }),
        );
      return true;
    }
    case 'innerproduct': {
      const p = msgField(l, 'inner_product_param');
      const axis = numField(p, 'axis') ?? 1;
      const fc = named({ type: 'linear', out: numField(p, 'num_output'), bias: strField(p, 'bias_term') !== 'false' });
      // Caffe flattens every dim from `axis` on; FlopLab's linear reads the last dim.
      const rank = xs ? xs.length : 3;
      if (rank - axis + 1 > 1)
        leaf({ type: 'flatten', name: `${name}.flatten`, ...(axis !== 1 ? { start: axis } : {}) }, fc);
      else leaf(fc);
      return true;
    }
    case 'relu': {
      const slope = numField(msgField(l, 'relu_param'), 'negative_slope') ?? 0;
      leaf(named(slope ? { type: 'leakyrelu', negative_slope: slope } : { type: 'relu' }));
      return true;
    }
    case 'relu6':
    case 'elu':
    case 'sigmoid':
    case 'tanh':
      leaf(named({ type }));
      return true;
    case 'swish': {
      const beta = numField(msgField(l, 'swish_param'), 'beta') ?? 1;
      if (beta !== 1) return opaque(say('why.swishBeta', { beta }));
      leaf(named({ type: 'silu' }));
      return true;
    }
    case 'clip': {
      const p = msgField(l, 'clip_param');
      if (numField(p, 'min') === 0 && numField(p, 'max') === 6) {
        leaf(named({ type: 'relu6' }));
        return true;
      }
      return opaque(say('why.clipBounds'));
    }
    case 'prelu': {
      const shared = strField(msgField(l, 'prelu_param'), 'channel_shared') === 'true';
      leaf(named({ type: 'prelu', num_parameters: shared ? 1 : (xs?.[0] ?? 1) }));
      return true;
    }
    case 'dropout': {
      const ratio = numField(msgField(l, 'dropout_param'), 'dropout_ratio');
      leaf(named(ratio === undefined ? { type: 'dropout' } : { type: 'dropout', p: ratio }));
      return true;
    }
    case 'softmax':
    case 'softmaxwithloss':
    case 'softmaxloss': {
      const axis = numField(msgField(l, 'softmax_param'), 'axis') ?? 1;
      leaf(named(axis === 1 ? { type: 'softmax' } : { type: 'softmax', dim: axis }));
      return true;
    }
    case 'lrn': {
      const p = msgField(l, 'lrn_param');
      if (strField(p, 'norm_region') === 'WITHIN_CHANNEL') b.warnings.push(say('imp.withinChannel', { label }));
      const f: Record<string, unknown> = { type: 'lrn', size: numField(p, 'local_size') ?? 5 };
      for (const k of ['alpha', 'beta', 'k'] as const) if (numField(p, k) !== undefined) f[k] = numField(p, k);
      leaf(named(f));
      return true;
    }
    case 'batchnorm':
      leaf(named({ type: 'batchnorm2d', affine: false }));
      return true;
    // SegNet's and PSPNet's BN: normalisation with its own scale and shift.
    case 'bn':
      leaf(named({ type: 'batchnorm2d' }));
      return true;
    case 'scale':
      return scaleLayer(b, L, named);
    case 'bias':
      return biasLayer(b, L);
    case 'eltwise':
      return eltwise(b, L, named);
    case 'axpy': {
      // F = a · X + Y (SENet's fused SE multiply and shortcut add): bottoms a [C, 1, 1], X, Y.
      if (ins.length !== 3) return opaque(say('why.axpy', { n: ins.length }), null, ins.slice(0, 1));
      const [a, X, Y] = ins;
      const scaled = b.add(label, name, 'mul', [X, a], [b.fresh(`${name}.scale`)]);
      b.add(label, name, 'add', [scaled, Y], tops);
      return true;
    }
    case 'concat': {
      const p = msgField(l, 'concat_param');
      const axis = numField(p, 'axis') ?? numField(p, 'concat_dim') ?? 1;
      if (ins.length === 1) leaf(named({ type: 'identity' }));
      else if (axis === 1) b.add(label, name, 'concat', ins, tops);
      else multi(ins, { type: 'cat', dim: axis });
      return true;
    }
    case 'split':
      for (const t of tops) b.blob.set(t, x);
      return true;
    case 'slice':
      return sliceLayer(b, L);
    case 'crop':
      return cropLayer(b, L, named);
    case 'flatten': {
      const p = msgField(l, 'flatten_param');
      const start = numField(p, 'axis') ?? 1;
      const end = numField(p, 'end_axis') ?? -1;
      leaf(named({ type: 'flatten', ...(start !== 1 ? { start } : {}), ...(end !== -1 ? { end } : {}) }));
      return true;
    }
    case 'reshape': {
      const p = msgField(l, 'reshape_param');
      const dims = numsField(msgField(p, 'shape'), 'dim');
      if (!xs) return opaque(say('why.inputUnknown'));
      const full = [1, ...xs];
      const r = caffeReshape(full, dims, numField(p, 'axis') ?? 0, numField(p, 'num_axes') ?? -1);
      if (typeof r === 'string') return opaque(say('why.reshape', { error: r }));
      if (r[0] !== 1) return opaque(say('why.reshapeBatch', { n: r[0] }));
      leaf(named({ type: 'reshape', shape: r.slice(1) }));
      return true;
    }
    case 'permute': {
      const order = numsField(msgField(l, 'permute_param'), 'order');
      const rank = (xs?.length ?? 3) + 1;
      const full = [...order, ...Array.from({ length: rank }, (_, i) => i).filter((i) => !order.includes(i))];
      if (full[0] !== 0) return opaque(say('why.permuteBatch'));
      if (full.every((d, i) => d === i)) leaf(named({ type: 'identity' }));
      else leaf(named({ type: 'permute', dims: full }));
      return true;
    }
    case 'normalize': {
      const p = msgField(l, 'norm_param');
      leaf(
        named({
          type: 'l2norm',
          ...(strField(p, 'across_spatial') !== 'false' ? { across_spatial: true } : {}),
          ...(strField(p, 'channel_shared') !== 'false' ? { channel_shared: true } : {}),
        }),
      );
      return true;
    }
    case 'priorbox': {
      // Boxes that depend only on the shapes: [1, 2, H·W·priors·4] (means and variances).
      const n = priorsPerPosition(msgField(l, 'prior_box_param'));
      const shape = xs && xs.length === 3 ? [2, xs[1] * xs[2] * n * 4] : null;
      return opaque(say('why.priorBox'), shape);
    }
    case 'detectionoutput': {
      const p = msgField(l, 'detection_output_param');
      const keep = numField(p, 'keep_top_k') ?? numField(msgField(p, 'nms_param'), 'top_k') ?? 1;
      return opaque(say('why.detection'), [1, keep > 0 ? keep : 1, 7], ins);
    }
    case 'interp': {
      if (!xs || xs.length !== 3) return opaque(say('why.notMap'));
      const size = interpSize(msgField(l, 'interp_param'), xs[1], xs[2], b.shape(ins[1]));
      if (typeof size === 'string') return opaque(size);
      leaf(named({ type: 'upsample', size, mode: 'bilinear' }));
      return true;
    }
    case 'upsample': {
      // SegNet/ENet: max-unpooling with the pool's mask (bottom 1); YOLO ports: nearest by `scale`.
      const p = msgField(l, 'upsample_param');
      if (!xs || xs.length !== 3) return opaque(say('why.notMap'));
      const s = numField(p, 'scale') ?? 2;
      const sh = numField(p, 'scale_h') ?? s;
      const sw = numField(p, 'scale_w') ?? s;
      const h = numField(p, 'upsample_h') ?? xs[1] * sh;
      const w = numField(p, 'upsample_w') ?? xs[2] * sw;
      if (h === xs[1] * s && w === xs[2] * s) leaf(named({ type: 'upsample', scale: s }));
      else leaf(named({ type: 'upsample', size: [h, w] }));
      const uh = numField(p, 'upsample_h');
      const uw = numField(p, 'upsample_w');
      if (ins.length > 1 && uh && uw) b.unpools.push({ label, mask: ins[1], h: uh, w: uw });
      if (ins.length > 1) b.warnings.push(say('imp.unpool', { label }));
      return true;
    }
    case 'shufflechannel': {
      const g = numField(msgField(l, 'shuffle_channel_param'), 'group') ?? 1;
      leaf(named(g === 1 ? { type: 'identity' } : { type: 'channelshuffle', groups: g }));
      return true;
    }
    case 'power': {
      const p = msgField(l, 'power_param');
      const power = numField(p, 'power') ?? 1;
      const scale = numField(p, 'scale') ?? 1;
      const shift = numField(p, 'shift') ?? 0;
      // (shift + scale·x)^power: the scale and shift as scalar ops, the power as the unary kind.
      const specs: LayerSpec[] = [];
      if (scale !== 1) specs.push(named({ type: 'mul', scalar: scale }));
      if (shift !== 0) specs.push({ type: 'add', name: scale !== 1 ? `${name}.shift` : name, scalar: shift });
      if (power !== 1)
        specs.push({ type: 'unary', op: 'pow', exponent: power, name: specs.length ? `${name}.power` : name });
      leaf(...(specs.length ? specs : [named({ type: 'identity' })]));
      return true;
    }
    case 'embed': {
      const p = msgField(l, 'embed_param');
      leaf(named({ type: 'embedding', vocab: numField(p, 'input_dim'), dim: numField(p, 'num_output') }));
      if (strField(p, 'bias_term') !== 'false') b.warnings.push(say('imp.embedBias', { label }));
      return true;
    }
    case 'tile': {
      const p = msgField(l, 'tile_param');
      const tiles = numField(p, 'tiles') ?? 1;
      multi(Array<string>(Math.max(1, tiles)).fill(x), { type: 'cat', dim: numField(p, 'axis') ?? 1 });
      return true;
    }
    case 'mvn': {
      const p = msgField(l, 'mvn_param');
      if (strField(p, 'normalize_variance') === 'false') return opaque(say('why.mvn'));
      leaf(
        named(
          strField(p, 'across_channels') === 'true'
            ? { type: 'groupnorm', groups: 1, affine: false }
            : { type: 'instancenorm', affine: false },
        ),
      );
      return true;
    }
    case 'reduction': {
      const p = msgField(l, 'reduction_param');
      const op = (strField(p, 'operation') ?? 'SUM').toUpperCase();
      const axis = numField(p, 'axis') ?? 0;
      const rank = (xs?.length ?? 0) + 1;
      const at = axis < 0 ? axis + rank : axis;
      if ((op !== 'SUM' && op !== 'MEAN') || at < 1 || (numField(p, 'coeff') ?? 1) !== 1 || !xs)
        return opaque(
          `Reduction ${op} over axis ${axis} has no kind`,
          xs ? (at >= 1 ? xs.slice(0, at - 1) : [1]) : null,
        );
      const dims = Array.from({ length: rank - at }, (_, i) => at + i);
      leaf(named(op === 'SUM' ? { type: 'reduce', op: 'sum', dims } : { type: 'mean', dims }));
      return true;
    }
    case 'spp':
      return sppLayer(b, L);
    case 'parameter': {
      const dims = numsField(msgField(msgField(l, 'parameter_param'), 'shape'), 'dim');
      const shape = dims.length > 1 ? dims.slice(1) : dims;
      b.add(label, name, 'layers', [], tops, [named({ type: 'parameter', shape })]);
      return true;
    }
    case 'roipooling': {
      const p = msgField(l, 'roi_pooling_param');
      const shape = xs ? [xs[0], numField(p, 'pooled_h') ?? 1, numField(p, 'pooled_w') ?? 1] : null;
      opaque(say('why.roiPool'), shape);
      b.warnings.push(say('imp.perRegion', { label }));
      return true;
    }
    case 'im2col': {
      const p = msgField(l, 'convolution_param');
      const k = [pairParam(p, 'kernel', 1), pairParam(p, 'stride', 1), pairParam(p, 'pad', 0)].map((v) =>
        typeof v === 'number' ? [v, v] : v,
      );
      const shape =
        xs && xs.length === 3
          ? [
              xs[0] * k[0][0] * k[0][1],
              Math.floor((xs[1] + 2 * k[2][0] - k[0][0]) / k[1][0]) + 1,
              Math.floor((xs[2] + 2 * k[2][1] - k[0][1]) / k[1][1]) + 1,
            ]
          : null;
      return opaque(say('why.im2col'), shape);
    }
    case 'reorg': {
      const s = numField(msgField(l, 'reorg_param'), 'stride') ?? 2;
      const shape = xs && xs.length === 3 ? [xs[0] * s * s, Math.floor(xs[1] / s), Math.floor(xs[2] / s)] : null;
      return opaque(say('why.reorg'), shape);
    }
    case 'lstm':
    case 'rnn': {
      const n = numField(msgField(l, 'recurrent_param'), 'num_output');
      const shape = xs && n ? [...xs.slice(0, 1), n] : null;
      return opaque(say('why.recurrent', { type: L.caffeType }), shape, [x]);
    }
    case 'argmax': {
      const p = msgField(l, 'argmax_param');
      const k = numField(p, 'top_k') ?? 1;
      const axis = numField(p, 'axis');
      const withVal = strField(p, 'out_max_val') === 'true';
      let shape: number[] | null = null;
      if (xs && axis !== undefined && axis >= 1) shape = xs.map((d, i) => (i === axis - 1 ? k : d));
      else if (xs) shape = [withVal ? 2 : 1, k];
      return opaque(say('why.argmax'), shape);
    }
    case 'python': {
      const p = msgField(l, 'python_param');
      const mod = `${strField(p, 'module') ?? '?'}.${strField(p, 'layer') ?? '?'}`;
      return opaque(say('why.python', { module: mod }), null, ins);
    }
    case 'absval':
    case 'bnll':
      // BNLL is log(1 + exp(x)): softplus.
      leaf(named({ type: 'unary', op: L.caffeType.toLowerCase() === 'absval' ? 'abs' : 'softplus' }));
      return true;
    case 'exp':
    case 'log': {
      // Exp: base^(shift + scale·x); Log: log_base(shift + scale·x); base e by default.
      const p = msgField(l, `${L.caffeType.toLowerCase()}_param`);
      const scale = numField(p, 'scale') ?? 1;
      const shift = numField(p, 'shift') ?? 0;
      const base = numField(p, 'base') ?? -1;
      if (base !== -1) return opaque(say('why.base', { type: L.caffeType, base }));
      const specs: LayerSpec[] = [];
      if (scale !== 1) specs.push({ type: 'mul', scalar: scale, name: `${name}.scale` });
      if (shift !== 0) specs.push({ type: 'add', scalar: shift, name: `${name}.shift` });
      specs.push(named({ type: 'unary', op: L.caffeType.toLowerCase() }));
      leaf(...specs);
      return true;
    }
    case 'threshold':
      return opaque(say('why.noKind', { type: L.caffeType }));
    default:
      return false;
  }
}

/** Scale: after a BatchNorm its γ, β; alone a per-channel γ; with two bottoms x · y. */
function scaleLayer(b: Builder, L: LayerIn, named: (s: Record<string, unknown>) => LayerSpec): boolean {
  const { ins, tops, name, label } = L;
  const x = ins[0];
  if (ins.length >= 2) {
    b.add(label, name, 'mul', [x, broadcastable(b, L, ins[1], b.shape(x))], tops);
    return true;
  }
  // BatchNorm followed by Scale is Caffe's affine batch norm (γ, β in the Scale layer).
  const at = b.producer.get(x);
  const bn = at === undefined ? undefined : b.nodes[at];
  const only = bn?.layers?.length === 1 ? bn.layers[0] : undefined;
  if (at !== undefined && only?.type === 'batchnorm2d' && only.affine === false && !b.used.has(x)) {
    b.replace(at, [{ ...only, affine: true }]);
    for (const t of tops) b.blob.set(t, x);
    return true;
  }
  b.add(label, name, 'layers', [x], tops, [named({ type: 'layerscale' })]);
  if (strField(msgField(L.l, 'scale_param'), 'bias_term') === 'true') b.warnings.push(say('imp.scaleBias', { label }));
  return true;
}

/** A learned per-channel bias (one bottom) or the sum with a second bottom. */
function biasLayer(b: Builder, L: LayerIn): boolean {
  const { ins, tops, name, label } = L;
  const x = ins[0];
  const xs = b.shape(x);
  const other =
    ins.length >= 2
      ? broadcastable(b, L, ins[1], xs)
      : b.add(
          label,
          `${name}.bias`,
          'layers',
          [],
          [b.fresh(`${name}.bias`)],
          [{ type: 'parameter', name: `${name}.bias`, shape: xs && xs.length === 3 ? [xs[0], 1, 1] : [xs?.[0] ?? 1] }],
        );
  b.add(label, name, 'add', [x, other], tops);
  return true;
}

/**
 * Caffe's Scale/Bias with a second bottom of shape [C] or [C, H] broadcasts it from `axis` 1:
 * FlopLab's broadcasting aligns the last dims, so the second operand gets trailing 1s first.
 */
function broadcastable(b: Builder, L: LayerIn, y: string, xs: Shape | null): string {
  const ys = b.shape(y);
  if (!xs || !ys || ys.length >= xs.length) return y;
  const shape = [...ys, ...Array<number>(xs.length - ys.length).fill(1)];
  return b.add(
    L.label,
    `${L.name}.reshape`,
    'layers',
    [y],
    [b.fresh(`${L.name}.reshape`)],
    [{ type: 'reshape', name: `${L.name}.reshape`, shape }],
  );
}

function eltwise(b: Builder, L: LayerIn, named: (s: Record<string, unknown>) => LayerSpec): boolean {
  const { l, ins, tops, name, label } = L;
  const p = msgField(l, 'eltwise_param');
  const op = (strField(p, 'operation') ?? 'SUM').toUpperCase();
  const coeff = numsField(p, 'coeff');
  if (ins.length < 2) {
    b.add(label, name, 'layers', ins.slice(0, 1), tops, [named({ type: 'identity' })]);
    return true;
  }
  if (op === 'MAX') {
    b.add(label, name, 'layers', ins, tops, [named({ type: 'maximum' })]);
    return true;
  }
  if (op === 'PROD') {
    b.add(
      label,
      name,
      ins.length === 2 ? 'mul' : 'layers',
      ins,
      tops,
      ins.length === 2 ? undefined : [named({ type: 'mul' })],
    );
    return true;
  }
  if (coeff.every((c) => c === 1)) {
    b.add(
      label,
      name,
      ins.length === 2 ? 'add' : 'layers',
      ins,
      tops,
      ins.length === 2 ? undefined : [named({ type: 'add' })],
    );
    return true;
  }
  if (ins.length === 2 && coeff[0] === 1 && coeff[1] === -1) {
    b.add(label, name, 'layers', ins, tops, [named({ type: 'sub' })]);
    return true;
  }
  // Other coefficients: each scaled operand is a multiply by its coefficient, then the sum.
  const scaled = ins.map((v, i) =>
    (coeff[i] ?? 1) === 1
      ? v
      : b.add(
          label,
          `${name}.coeff${i}`,
          'layers',
          [v],
          [b.fresh(`${name}.coeff${i}`)],
          [{ type: 'mul', name: `${name}.coeff${i}`, scalar: coeff[i] }],
        ),
  );
  b.add(label, name, 'layers', scaled, tops, [named({ type: 'add' })]);
  return true;
}

/** Slice: one view per top, cut at slice_point (or into equal parts) along axis (V1 slice_dim). */
function sliceLayer(b: Builder, L: LayerIn): boolean {
  const { l, ins, tops, name, label } = L;
  const x = ins[0];
  const xs = b.shape(x);
  const p = msgField(l, 'slice_param');
  const axis = numField(p, 'axis') ?? numField(p, 'slice_dim') ?? 1;
  const points = numsField(p, 'slice_point');
  const size = xs ? xs[(axis < 0 ? axis + xs.length + 1 : axis) - 1] : undefined;
  if (size === undefined) {
    b.warnings.push(say('imp.noTops', { label }));
    return true;
  }
  const cuts = points.length
    ? [0, ...points, size]
    : tops.map((_, i) => Math.round((i * size) / tops.length)).concat(size);
  tops.forEach((t, i) => {
    b.add(label, name, 'layers', [x], [t], [{ type: 'slice', name, dim: axis, start: cuts[i], end: cuts[i + 1] }]);
  });
  return true;
}

/** Crop bottom 0 to bottom 1's size from `axis` on (default 2: H and W), at `offset`. */
function cropLayer(b: Builder, L: LayerIn, named: (s: Record<string, unknown>) => LayerSpec): boolean {
  const { l, ins, tops, label, name } = L;
  const x = ins[0];
  const xs = b.shape(x);
  const ref = b.shape(ins[1]) ?? b.shape(b.value(L.bottoms[1] ?? ''));
  if (!xs || !ref || ref.length !== xs.length) {
    b.notCountedLayer(L.caffeType, name);
    b.warnings.push(say('file.caffeNoBottoms', { label }));
    b.add(label, name, 'layers', [x], tops, [named({ type: 'opaque', op: 'Crop' })]);
    return true;
  }
  const p = msgField(l, 'crop_param');
  const axis = numField(p, 'axis') ?? 2;
  const offsets = numsField(p, 'offset');
  const specs: LayerSpec[] = [];
  for (let d = Math.max(1, axis); d <= xs.length; d++) {
    if (ref[d - 1] === xs[d - 1]) continue;
    const off = offsets.length > 1 ? (offsets[d - axis] ?? 0) : (offsets[0] ?? 0);
    specs.push({ type: 'slice', name, dim: d, start: off, end: off + ref[d - 1] });
  }
  b.add(label, name, 'layers', [x], tops, specs.length ? specs : [named({ type: 'identity' })]);
  return true;
}

/** Spatial pyramid pooling: per level an adaptive pool to 2^l × 2^l, flattened; the levels concatenated. */
function sppLayer(b: Builder, L: LayerIn): boolean {
  const { l, ins, tops, name, label } = L;
  const p = msgField(l, 'spp_param');
  const levels = numField(p, 'pyramid_height') ?? 1;
  const max = (strField(p, 'pool') ?? 'MAX').toUpperCase() !== 'AVE';
  const parts = Array.from({ length: levels }, (_, i) =>
    b.add(
      label,
      name,
      'layers',
      [ins[0]],
      [b.fresh(`${name}.level${i}`)],
      [
        { type: max ? 'adaptivemaxpool2d' : 'adaptiveavgpool2d', name: `${name}.level${i}`, out: 2 ** i },
        { type: 'flatten', name: `${name}.level${i}.flatten` },
      ],
    ),
  );
  b.warnings.push(say('imp.spp', { label }));
  if (parts.length === 1) for (const t of tops) b.blob.set(t, parts[0]);
  else b.add(label, name, 'concat', parts, tops);
  return true;
}
