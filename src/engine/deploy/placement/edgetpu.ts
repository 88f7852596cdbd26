/**
 * Google Coral Edge TPU, from the Edge TPU compiler's documented requirements (coral.ai "TensorFlow
 * models on the Edge TPU"): fully 8-bit quantized TFLite models, tensors of at most three non-1
 * dimensions, the supported-operations table, and the compiler's single partition — the first
 * unsupported op and everything after it run on the CPU.
 *
 * The supported-operations table below is the version FlopLab could read in full (a verbatim copy
 * of coral.ai's table kept in dgist-datalab/Datalab_Intern); the live page may list ops added for
 * newer runtimes, which FlopLab does not assume. Ops that TFLite fuses (a batch norm folded into the
 * conv, RELU/RELU6/TANH as the conv's fused activation) are not ops of their own.
 */
import type { Row } from '../../rows';
import type { Source } from '../devices/schema';
import { tfliteFusions } from './rule-maker';
import {
  ADAPTIVE_AS_POOL,
  adaptiveIsPool,
  BN_AS_MUL_ADD,
  ctxLimit,
  isDepthwise,
  isPlainConv,
  numel,
  poolsToOne,
  reducesSpatialOnly,
  strParam,
  tensorsOf,
} from './limits';
import type { OpRule, PlacementTarget } from './types';

const COMMIT = '6b78cf3fa7a87a239f365386846c1059a4ed9227';
export const EDGETPU_OPS: Source = {
  title: 'Coral, "TensorFlow models on the Edge TPU", Supported operations (table as copied verbatim)',
  url: 'https://coral.ai/docs/edgetpu/models-intro/#supported-operations',
  document: `dgist-datalab/Datalab_Intern@${COMMIT}:Edge_TPU/convert_model_for_Edge_TPU.md (the copy FlopLab read in full)`,
};
export const EDGETPU_COMPILING: Source = {
  title:
    'Coral, "TensorFlow models on the Edge TPU", Compiling: "the Edge TPU compiler cannot partition the model more than once"',
  url: 'https://coral.ai/docs/edgetpu/models-intro/#compiling',
};
/**
 * TFLite's schema, as FlopLab's TFLite importer reads it: the fused activations (ActivationFunctionType:
 * NONE, RELU, RELU_N1_TO_1, RELU6, TANH, SIGN_BIT) and the builtin operators, among which there is no
 * batch-norm and no SiLU op.
 */
export const TFLITE_FUSED_ACTIVATIONS: Source = {
  title: 'TensorFlow Lite schema: enum ActivationFunctionType and enum BuiltinOperator (no batch-norm, no SiLU op)',
  url: 'https://github.com/tensorflow/tflite-micro/blob/90b983c2b3f1480642e040bbd2ddb37b998f3424/tensorflow/compiler/mlir/lite/schema/schema.fbs',
  document: 'src/engine/import/tflite/generated/tflite/activation-function-type.ts, builtin-operator.ts',
};
export const TFLITE_OPS_COMPAT: Source = {
  title: 'TensorFlow Lite and TensorFlow operator compatibility: "those operations may be elided or fused"',
  url: 'https://www.tensorflow.org/lite/guide/ops_compatibility',
};

const T = (
  id: string,
  kinds: string[],
  vendorOp: string,
  text: string,
  extra: Partial<Pick<OpRule, 'when' | 'limits' | 'undocumented'>> = {},
): OpRule => ({ id: `edgetpu.${id}`, kinds, vendorOp, on: 'accelerator', text, source: EDGETPU_OPS, ...extra });

const spatialPadOnly = ctxLimit('Supports padding along x- and/or y-dimensions only', ({ row }) => {
  const p = row.params_?.pad;
  if (!Array.isArray(p)) return null;
  // F.pad order: (left, right) of the last dim, then (top, bottom) of the one before, then channels.
  return p.slice(4).some((x) => x !== 0) ? `pads a non-spatial dim (${p.join(', ')})` : null;
});

const softmaxLimit = ctxLimit('Supports only 1D input tensor with a max of 16,000 elements', ({ row }) => {
  const n = numel(row.input);
  const big = (row.input ?? []).filter((d) => d > 1).length;
  if (big > 1) return `input ${row.input?.join('×')} has ${big} dims larger than 1`;
  return n > 16000 ? `input has ${n} elements (> 16,000)` : null;
});

const fcOneDim = ctxLimit('Output tensor is one-dimensional', ({ row }) =>
  (row.output?.length ?? 0) > 1 ? `output per sample is ${row.output?.join('×')}, not one-dimensional` : null,
);

const resizeMode = (modes: string[]) => (row: Row) => modes.includes(strParam(row, 'mode') ?? 'nearest');

const RESIZE_NOTE =
  'Input/output is a 3-dimensional tensor. Depending on input/output size, this operation may not be mapped to the Edge TPU to avoid loss in precision.';

export const EDGETPU_RULES: readonly OpRule[] = [
  T('quantize', ['quantize'], 'QUANTIZE', 'QUANTIZE is a supported operation (runtime 13 and later)', {
    when: (r) => r.params_?.mode !== 'dequantize',
  }),
  T('conv2d', ['conv2d'], 'Conv2d', 'Conv2d (no known limitations listed)', { when: isPlainConv }),
  T('depthwise', ['conv2d'], 'DepthwiseConv2d', 'DepthwiseConv2d (no known limitations listed)', {
    when: isDepthwise,
  }),
  {
    id: 'edgetpu.grouped-conv',
    kinds: ['conv2d'],
    vendorOp: 'CONV_2D with groups',
    on: 'cpu',
    text: 'The table lists Conv2d and DepthwiseConv2d only; a grouped (not depthwise) convolution is neither',
    source: EDGETPU_OPS,
    undocumented: 'whether the compiler maps a grouped CONV_2D is not stated',
  },
  T(
    'fully-connected',
    ['linear'],
    'FullyConnected',
    'FullyConnected: Only default format supported for fully-connected weights. Output tensor is one-dimensional.',
    {
      limits: [fcOneDim],
    },
  ),
  T('logistic', ['sigmoid'], 'Logistic', 'Logistic'),
  T('relu', ['relu'], 'Relu', 'Relu'),
  T('relu6', ['relu6'], 'Relu6', 'Relu6'),
  T('tanh', ['tanh'], 'Tanh', 'Tanh'),
  T('silu', ['silu'], 'Logistic + Mul', 'Logistic and Mul are both in the table', {
    undocumented:
      'TFLite has no SiLU op of its own here; FlopLab assumes the converter writes x·sigmoid(x) as LOGISTIC and MUL',
  }),
  T('add', ['add', 'residual'], 'Add', 'Add'),
  T('sub', ['sub'], 'Sub', 'Sub'),
  T('mul', ['mul', 'scale', 'layerscale'], 'Mul', 'Mul'),
  T('maximum', ['maximum'], 'Maximum', 'Maximum'),
  T('avgpool', ['avgpool2d'], 'AveragePool2d', 'AveragePool2d: No fused activation function.'),
  T('maxpool', ['maxpool2d'], 'MaxPool2d', 'MaxPool2d: No fused activation function.'),
  T('global-mean', ['adaptiveavgpool2d'], 'Mean', 'Mean: Supports reduction along x- and/or y-dimensions only.', {
    when: poolsToOne,
  }),
  {
    id: 'edgetpu.adaptive-avgpool',
    kinds: ['adaptiveavgpool2d'],
    when: adaptiveIsPool,
    vendorOp: 'AveragePool2d',
    on: 'accelerator',
    text: 'an adaptive average pool whose output divides its input is an AveragePool2d (kernel = stride = input / output)',
    source: ADAPTIVE_AS_POOL,
  },
  T('batchnorm', ['batchnorm2d'], 'Mul + Add', 'Mul and Add are both in the table', { undocumented: BN_AS_MUL_ADD }),
  T('mean', ['mean'], 'Mean', 'Mean: Supports reduction along x- and/or y-dimensions only.', {
    limits: [
      ctxLimit('reduction along x- and/or y-dimensions only', ({ row }) =>
        reducesSpatialOnly(row) ? null : `reduces dims ${JSON.stringify(row.params_?.dims)} of ${row.input?.join('×')}`,
      ),
    ],
  }),
  T('concat', ['cat', 'concat'], 'Concatenation', 'Concatenation: No fused activation function.'),
  T('reshape', ['reshape', 'flatten'], 'Reshape', 'Reshape'),
  T(
    'squeeze',
    ['squeeze'],
    'Squeeze',
    'Squeeze: Supported only when input tensor dimensions that have leading 1s (no relayout needed)',
    {
      undocumented: 'FlopLab does not check the leading-1s condition',
    },
  ),
  T('slice', ['slice'], 'StridedSlice', 'StridedSlice: Supported only when all strides are equal to 1', {
    limits: [
      ctxLimit('all strides are equal to 1', ({ row }) =>
        (row.params_?.step ?? 1) === 1 ? null : `step ${row.params_?.step}`,
      ),
    ],
  }),
  T('split', ['chunk'], 'Split', 'Split'),
  T('pad', ['pad'], 'Pad', 'Pad: Supports padding along x- and/or y-dimensions only.', { limits: [spatialPadOnly] }),
  T('resize-bilinear', ['upsample'], 'ResizeBilinear', `ResizeBilinear: ${RESIZE_NOTE}`, {
    when: resizeMode(['bilinear']),
    undocumented: 'the sizes at which the compiler refuses a resize are not published',
  }),
  T('resize-nearest', ['upsample'], 'ResizeNearestNeighbor', `ResizeNearestNeighbor: ${RESIZE_NOTE}`, {
    when: resizeMode(['nearest']),
    undocumented: 'the sizes at which the compiler refuses a resize are not published',
  }),
  T('softmax', ['softmax'], 'Softmax', 'Softmax: Supports only 1D input tensor with a max of 16,000 elements.', {
    limits: [softmaxLimit],
  }),
  T('l2norm', ['l2norm'], 'L2Normalization', 'L2Normalization'),
];

/** "If a tensor has more than 3 dimensions, then only the 3 innermost dimensions may have a size greater than 1." */
const rankLimit = {
  id: 'edgetpu.tensor-rank',
  source: EDGETPU_OPS,
  text: 'If a tensor has more than 3 dimensions, then only the 3 innermost dimensions may have a size greater than 1',
  check: ({ row, batch }: { row: Row; batch: number }) => {
    for (const s of tensorsOf(row, batch)) {
      const outer = s.slice(0, Math.max(0, s.length - 3)).filter((d) => d > 1);
      if (outer.length) return `tensor ${s.join('×')} (batch first) has a dimension > 1 outside the innermost 3`;
    }
    return null;
  },
};

export const EDGETPU: PlacementTarget = {
  id: 'edgetpu',
  name: 'Google Coral Edge TPU (edgetpu_compiler)',
  accelerator: 'Edge TPU',
  dtypes: ['int8'],
  dtypeSource: {
    title:
      'Coral models-intro, Compatibility overview: "It supports only TensorFlow Lite models that are fully 8-bit quantized"',
    url: 'https://coral.ai/docs/edgetpu/models-intro/#compatibility-overview',
  },
  fallbackMode: 'rest-on-cpu',
  fallbackSource: EDGETPU_COMPILING,
  documented: true,
  generic: [rankLimit],
  fusions: tfliteFusions(TFLITE_FUSED_ACTIVATIONS, {
    kinds: ['relu', 'relu6', 'tanh'],
    text: 'RELU, RELU6 and TANH are TFLite fused activations of CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED and ADD',
  }),
  rules: EDGETPU_RULES,
  edgeConversions: {
    text: 'the input QUANTIZE of a float-input model is "otherwise supported, but not mapped" and DEQUANTIZE "working on an unsupported data type": both run on the CPU while the ops between them stay on the Edge TPU',
    source: {
      title:
        'edgetpu_compiler operation logs quoted in google-coral/edgetpu#342 ("QUANTIZE 1 Mapped to Edge TPU; QUANTIZE 1 Operation is otherwise supported, but not mapped"), #490 ("DEQUANTIZE 2 Operation is working on an unsupported data type") and #659 (QUANTIZE supported for runtime ≥ 13)',
      url: 'https://github.com/google-coral/edgetpu/issues/342',
    },
  },
  sources: [EDGETPU_OPS, EDGETPU_COMPILING, TFLITE_FUSED_ACTIVATIONS, TFLITE_OPS_COMPAT],
  notes:
    'HARD_SWISH, LEAKY_RELU, TRANSPOSE, GELU and every op not in the table run on the CPU, and with them the rest of the model; newer runtimes may map more ops than the table FlopLab read.',
};
