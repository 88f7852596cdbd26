/**
 * One Keras layer call → FlopLab layers, by class name. Classes not listed here (Lambda,
 * TFOpLambda, custom and unknown layers, and the listed ones with options no kind computes)
 * answer `unsupported`; the importer keeps them as "not counted" rows with the file's shape and
 * weights. Only layers from Keras itself are mapped: a custom class that happens to share a name
 * with a Keras layer (registered_name "package>Dense") is not assumed to compute the same thing.
 */
import { conv, convTranspose, cropping, globalPool, pool, upsampling, zeroPadding } from './map-conv';
import {
  activation,
  batchNorm,
  concatenate,
  dense,
  dropout,
  embedding,
  flatten,
  groupNorm,
  layerNorm,
  merge,
  permute,
  prelu,
  reluLayer,
  rescaling,
  reshape,
  softmax,
} from './map-core';
import { bidirectional, multiHeadAttention, recurrent, timeDistributed } from './map-seq';
import { num, type KCall, type MapContext, type Mapped } from './map-util';

type Mapper = (call: KCall, ctx: MapContext) => Mapped;

const each = (names: string[], m: Mapper): [string, Mapper][] => names.map((n) => [n, m]);
const dims = (base: string) => ['1D', '2D', '3D'].map((d) => base + d);

const MAPPERS = new Map<string, Mapper>([
  ...each(dims('Conv'), (c, x) => conv(c, x, 'conv')),
  ...each(['Convolution1D', 'Convolution2D', 'Convolution3D'], (c, x) => conv(c, x, 'conv')),
  ...each(['DepthwiseConv1D', 'DepthwiseConv2D'], (c, x) => conv(c, x, 'depthwise')),
  ...each(['SeparableConv1D', 'SeparableConv2D', 'SeparableConvolution2D'], (c, x) => conv(c, x, 'separable')),
  ...each(['Conv2DTranspose', 'Convolution2DTranspose', 'Conv1DTranspose', 'Conv3DTranspose'], convTranspose),
  ...each([...dims('MaxPooling'), ...dims('MaxPool')], (c, x) => pool(c, x, 'max')),
  ...each([...dims('AveragePooling'), ...dims('AvgPool')], (c, x) => pool(c, x, 'avg')),
  ...each([...dims('GlobalAveragePooling'), ...dims('GlobalAvgPool')], (c, x) => globalPool(c, x, 'mean')),
  ...each([...dims('GlobalMaxPooling'), ...dims('GlobalMaxPool')], (c, x) => globalPool(c, x, 'amax')),
  ...each(dims('ZeroPadding'), zeroPadding),
  ...each(dims('Cropping'), cropping),
  ...each(dims('UpSampling'), upsampling),
  ['Dense', dense],
  ['BatchNormalization', batchNorm],
  ['LayerNormalization', layerNorm],
  ['GroupNormalization', groupNorm],
  ['Activation', activation],
  ['ReLU', reluLayer],
  [
    'LeakyReLU',
    (c) => ({
      specs: [{ type: 'leakyrelu', name: c.name, negative_slope: num(c.cfg.negative_slope ?? c.cfg.alpha, 0.3) }],
    }),
  ],
  ['ELU', (c) => ({ specs: [{ type: 'elu', name: c.name, alpha: num(c.cfg.alpha, 1) }] })],
  ['PReLU', prelu],
  ['Softmax', softmax],
  ['Rescaling', rescaling],
  ['Add', (c, x) => merge(c, x, 'add')],
  ['Multiply', (c, x) => merge(c, x, 'mul')],
  ['Subtract', (c, x) => merge(c, x, 'sub')],
  ['Average', (c, x) => merge(c, x, 'avg')],
  ['Maximum', (c, x) => merge(c, x, 'max')],
  ['Concatenate', concatenate],
  ['Flatten', flatten],
  ['Reshape', reshape],
  ['Permute', permute],
  ...each(
    ['Dropout', 'SpatialDropout1D', 'SpatialDropout2D', 'SpatialDropout3D', 'AlphaDropout', 'GaussianDropout'],
    dropout,
  ),
  // Inference no-ops: noise is added in training only; a mask changes no arithmetic here.
  ...each(['GaussianNoise', 'ActivityRegularization', 'Masking', 'Identity'], (c) => ({
    specs: [{ type: 'identity', name: c.name }],
  })),
  ['Embedding', embedding],
  ...each(['LSTM', 'GRU', 'SimpleRNN', 'CuDNNLSTM', 'CuDNNGRU'], recurrent),
  ['Bidirectional', bidirectional],
  ['MultiHeadAttention', multiHeadAttention],
  [
    'TimeDistributed',
    (c, x) => {
      const inner = timeDistributed(c);
      return 'unsupported' in inner ? inner : dense(inner, x);
    },
  ],
]);

/**
 * Layers keras.applications defines for its own models (module keras.src.applications.*):
 * ConvNeXt's LayerScale is x · γ per channel (convnext.py: `return x * self.gamma`, γ of
 * projection_dim), the layerscale kind; InceptionResNetV2's CustomScaleLayer is
 * inputs[0] + inputs[1] · scale (inception_resnet_v2.py), a multiply by a number on the
 * residual branch and an add.
 */
const APPLICATION_MAPPERS = new Map<string, Mapper>([
  [
    'LayerScale',
    (c, x) => {
      if ((x.inputs[0].shape?.length ?? 0) > 1) x.as(0, 'moved');
      return { specs: [{ type: 'layerscale', name: c.name }] };
    },
  ],
  [
    'CustomScaleLayer',
    (c, x) => {
      if (x.inputs.length !== 2) return { unsupported: `CustomScaleLayer of ${x.inputs.length} inputs` };
      const scale = num(c.cfg.scale, Number.NaN);
      if (!Number.isFinite(scale)) return { unsupported: 'no scale' };
      x.inputs.forEach((_v, i) => x.as(i, x.inputs[0].moved ? 'moved' : 'same'));
      return {
        specs: [],
        join: 'add',
        before: { input: 1, specs: [{ type: 'mul', name: `${c.name}/scale`, scalar: scale }] },
      };
    },
  ],
]);

const isApplicationModule = (module: unknown) =>
  typeof module === 'string' && /^keras(\.src)?\.applications\./.test(module);

/** Whether a layer entry is Keras's own class (not a custom one registered under a package). */
export function isKerasClass(module: unknown, registered: unknown): boolean {
  if (typeof registered === 'string' && registered.includes('>')) return false;
  if (module === undefined || module === null) return registered === undefined || registered === null;
  return typeof module === 'string' && (module === 'keras.layers' || module.startsWith('keras.src.layers'));
}

/**
 * Arithmetic written as operators on Keras tensors: keras.ops in a Keras 3 functional graph
 * (`x + 3.0` is an Add operation of keras.src.ops.numpy; MobileNetV3's hard sigmoid is
 * ReLU(6)(x + 3) · (1/6)), Keras 2's TFOpLambda (tf.__operators__.add, tf.math.multiply …).
 */
const ARITHMETIC: Readonly<Record<string, 'add' | 'sub' | 'mul' | 'div'>> = {
  Add: 'add',
  Subtract: 'sub',
  Multiply: 'mul',
  Divide: 'div',
  TrueDivide: 'div',
  'tf.__operators__.add': 'add',
  'tf.math.add': 'add',
  'tf.math.subtract': 'sub',
  'tf.math.multiply': 'mul',
  'tf.math.truediv': 'div',
  'tf.math.divide': 'div',
};

function arithmetic(call: KCall, ctx: MapContext, op: 'add' | 'sub' | 'mul' | 'div'): Mapped {
  const scalars = call.scalars ?? [];
  // A constant operand: one op per element whichever side it is on (3 − x counts as x − 3).
  if (ctx.inputs.length === 1 && scalars.length === 1)
    return { specs: [{ type: op, name: call.name, scalar: scalars[0] }] };
  if (ctx.inputs.length === 2 && !scalars.length) {
    if (op === 'add' || op === 'mul') return merge(call, ctx, op);
    ctx.inputs.forEach((_v, i) => ctx.as(i, ctx.inputs[0].moved ? 'moved' : 'same'));
    return { specs: [{ type: op, name: call.name }] };
  }
  return { unsupported: `${call.cls} of ${ctx.inputs.length} tensors and ${scalars.length} numbers` };
}

export function mapLayer(call: KCall, ctx: MapContext, keras: boolean, module?: unknown): Mapped {
  // Keras 3 names the module; a legacy .h5 only the class, which these names are taken to be.
  const app = APPLICATION_MAPPERS.get(call.cls);
  if (app && (isApplicationModule(module) || (keras && module === undefined))) return app(call, ctx);
  if (typeof module === 'string' && module.startsWith('keras.src.ops')) {
    const op = ARITHMETIC[call.cls];
    return op ? arithmetic(call, ctx, op) : { unsupported: `the operation ${module}.${call.cls}` };
  }
  if (call.cls === 'TFOpLambda') {
    const op = ARITHMETIC[String(call.cfg.function)];
    return op ? arithmetic(call, ctx, op) : { unsupported: 'a TensorFlow function called on a Keras tensor' };
  }
  // Keras 3 writes keras.ops as plain classes in a legacy .h5: a number operand tells them apart.
  if (keras && call.scalars?.length && ARITHMETIC[call.cls]) return arithmetic(call, ctx, ARITHMETIC[call.cls]);
  const m = keras ? MAPPERS.get(call.cls) : undefined;
  if (!m) return { unsupported: keras ? 'no layer kind for this class' : 'a custom layer' };
  return m(call, ctx);
}
