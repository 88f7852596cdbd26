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
import { msgField, numField, numsField, strField } from '../prototxt-text';
import type { Builder } from './builder';
import { say } from '../../messages';
import { caffeReshape, convFields, interpSize, pairParam, priorsPerPosition, type LayerIn } from './layer-params';
import { biasLayer, cropLayer, eltwise, scaleLayer, sliceLayer, sppLayer } from './layers-multi';

export { caffeReshape, pairParam, priorsPerPosition, type LayerIn };

/** Layers that compute nothing at inference: metrics, silencers, outputs written to disk. */
export const IGNORED = new Set(['accuracy', 'silence', 'hdf5output']);
/** Loss layers Netscope counts as a softmax (V2 SoftmaxWithLoss, V1 SOFTMAX_LOSS). */
export const SOFTMAX_LOSS = new Set(['softmaxwithloss', 'softmaxloss']);

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
