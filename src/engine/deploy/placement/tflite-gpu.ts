/**
 * TensorFlow Lite GPU delegate (OpenCL / OpenGL ES / Metal), from its documented op list
 * (tensorflow/lite/g3doc/performance/gpu.md, "Supported ops"): 16- and 32-bit float. Ops the
 * delegate cannot handle stay on the CPU ("the framework will only run a part of the graph on the
 * GPU and the remaining part on the CPU"), so the graph is cut into partitions op by op.
 *
 * The documented list is shorter than what newer delegate code accepts (no MEAN, no HARD_SWISH in
 * the list); FlopLab follows the list it can cite.
 */
import type { Row } from '../../rows';
import type { Source } from '../devices/schema';
import { acceleratorRule, tfliteFusions } from './rule-maker';
import {
  ADAPTIVE_AS_POOL,
  adaptiveIsPool,
  BN_AS_MUL_ADD,
  isDepthwise,
  isPlainConv,
  poolsToOne,
  strParam,
} from './limits';
import { TFLITE_FUSED_ACTIVATIONS, TFLITE_OPS_COMPAT } from './edgetpu';
import type { OpRule, PlacementTarget } from './types';

const COMMIT = '89d8c43b4b2d35bac31940e9cc5a0f3af572cbd4';
export const GPU_OPS: Source = {
  title: 'TensorFlow Lite on GPU, "Supported ops" (16-bit and 32-bit float)',
  url: `https://github.com/tensorflow/tensorflow/blob/${COMMIT}/tensorflow/lite/g3doc/performance/gpu.md`,
};

const G = acceleratorRule('tflite-gpu', GPU_OPS, (op) => `${op} is in the supported-ops list`);

const mode = (m: string) => (row: Row) => (strParam(row, 'mode') ?? 'nearest') === m;

export const TFLITE_GPU_RULES: readonly OpRule[] = [
  G('conv2d', ['conv2d'], 'CONV_2D', { when: isPlainConv }),
  G('depthwise', ['conv2d'], 'DEPTHWISE_CONV_2D v1-2', { when: isDepthwise }),
  {
    id: 'tflite-gpu.grouped-conv',
    kinds: ['conv2d'],
    vendorOp: 'CONV_2D with groups',
    on: 'cpu',
    text: 'a grouped (not depthwise) convolution is neither CONV_2D nor DEPTHWISE_CONV_2D as listed',
    source: GPU_OPS,
    undocumented: 'the list does not say whether grouped CONV_2D is delegated',
  },
  G('transpose-conv', ['convtranspose2d'], 'TRANSPOSE_CONV'),
  G('fully-connected', ['linear'], 'FULLY_CONNECTED'),
  G('add', ['add', 'residual'], 'ADD'),
  G('sub', ['sub'], 'SUB'),
  G('mul', ['mul', 'scale', 'layerscale'], 'MUL'),
  G('maximum', ['maximum'], 'MAXIMUM'),
  G('concat', ['cat', 'concat'], 'CONCATENATION'),
  G('avgpool', ['avgpool2d'], 'AVERAGE_POOL_2D'),
  G('global-avgpool', ['adaptiveavgpool2d'], 'AVERAGE_POOL_2D', {
    when: poolsToOne,
    text: 'a global average pool written as AVERAGE_POOL_2D over the whole map',
    undocumented: 'converters may write a global pool as MEAN instead, which the list does not have',
  }),
  {
    id: 'tflite-gpu.adaptive-avgpool',
    kinds: ['adaptiveavgpool2d'],
    when: adaptiveIsPool,
    vendorOp: 'AVERAGE_POOL_2D',
    on: 'accelerator',
    text: 'an adaptive average pool whose output divides its input is an AVERAGE_POOL_2D (kernel = stride = input / output)',
    source: ADAPTIVE_AS_POOL,
  },
  G('batchnorm', ['batchnorm2d'], 'MUL + ADD', {
    text: 'MUL and ADD are both in the list',
    undocumented: BN_AS_MUL_ADD,
  }),
  G('maxpool', ['maxpool2d'], 'MAX_POOL_2D'),
  G('relu', ['relu'], 'RELU'),
  G('relu6', ['relu6'], 'RELU6'),
  G('logistic', ['sigmoid'], 'LOGISTIC'),
  G('silu', ['silu'], 'LOGISTIC + MUL', {
    text: 'LOGISTIC and MUL are both in the list',
    undocumented: 'FlopLab assumes the converter writes x·sigmoid(x) as LOGISTIC and MUL',
  }),
  G('prelu', ['prelu'], 'PRELU'),
  G('exp', ['unary'], 'EXP', { when: (r) => strParam(r, 'op') === 'exp' }),
  G('pad', ['pad'], 'PAD'),
  G('reshape', ['reshape', 'flatten'], 'RESHAPE'),
  G('strided-slice', ['slice'], 'STRIDED_SLICE'),
  G('resize-bilinear', ['upsample'], 'RESIZE_BILINEAR v1-3', { when: mode('bilinear') }),
  G('softmax', ['softmax'], 'SOFTMAX'),
];

export const TFLITE_GPU: PlacementTarget = {
  id: 'tflite-gpu',
  name: 'TensorFlow Lite GPU delegate',
  accelerator: 'GPU (TFLite delegate)',
  dtypes: ['fp32', 'fp16'],
  dtypeSource: { title: 'gpu.md: "supports the following ops in 16-bit and 32-bit float precision"', url: GPU_OPS.url },
  fallbackMode: 'per-op',
  fallbackSource: {
    title:
      'TFLite GPU docs: unsupported ops make the framework "run a part of the graph on the GPU and the remaining part on the CPU"',
    url: 'https://www.tensorflow.org/lite/performance/gpu#troubleshooting_gpu_support',
  },
  documented: true,
  fusions: tfliteFusions(TFLITE_FUSED_ACTIVATIONS, {
    kinds: ['relu', 'relu6'],
    text: 'RELU and RELU6 are TFLite fused activations of CONV_2D, FULLY_CONNECTED and ADD (both also in the GPU list)',
  }),
  rules: TFLITE_GPU_RULES,
  sources: [GPU_OPS, TFLITE_OPS_COMPAT, TFLITE_FUSED_ACTIVATIONS],
  notes:
    'The documented list lacks MEAN, HARD_SWISH, LEAKY_RELU, TRANSPOSE and resize-nearest; those run on the CPU here.',
};
