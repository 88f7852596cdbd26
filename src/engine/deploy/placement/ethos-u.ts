/**
 * Arm Ethos-U NPU (Vela compiler), from Vela's generated SUPPORTED_OPS.md (Vela 3.6.1, as kept in
 * NXP's mirror of ethos-u-vela): the TFLite operators Vela can place on the NPU, the generic
 * constraints every op must meet and each op's own constraints. "If the constraints are not met,
 * then that operator will be scheduled on the CPU instead" — op by op.
 */
import type { Source } from '../devices/schema';
import { acceleratorRule, tfliteFusions } from './rule-maker';
import {
  ADAPTIVE_AS_POOL,
  adaptiveIsPool,
  BN_AS_MUL_ADD,
  ctxLimit,
  dilatedKernel,
  isDepthwise,
  isPlainConv,
  pairOf,
  pairWithin,
  poolsToOne,
  reducesSpatialOnly,
  strParam,
  tensorsOf,
} from './limits';
import { TFLITE_FUSED_ACTIVATIONS, TFLITE_OPS_COMPAT } from './edgetpu';
import type { Limit, OpRule, PlacementTarget } from './types';

const COMMIT = '090f18a55fcd4f7ae8ca1ae633418d05c62cbb6e';
export const VELA_OPS: Source = {
  title: 'Vela SUPPORTED_OPS.md (Vela 3.6.1): TFLite operators that can be placed on the Ethos-U NPU',
  url: `https://github.com/nxp-imx/ethos-u-vela/blob/${COMMIT}/SUPPORTED_OPS.md`,
};

const V = acceleratorRule('ethos-u', VELA_OPS, (op) => `${op} is in Vela's supported operators`);

const dilatedHeight = (max: number): Limit =>
  ctxLimit(`Dilated kernel height must be in the range [1, ${max}]`, ({ row }) => {
    const k = dilatedKernel(row);
    return k && k[0] > max ? `dilated kernel height ${k[0]}` : null;
  });
const dilatedArea = (max: number): Limit =>
  ctxLimit(`Product of dilated kernel width and height must be in the range [1, ${max}]`, ({ row }) => {
    const k = dilatedKernel(row);
    return k && k[0] * k[1] > max ? `dilated kernel ${k[0]}×${k[1]} = ${k[0] * k[1]}` : null;
  });
const kernelHeight = (max: number): Limit =>
  ctxLimit(`Kernel filter height must be in the range [1, ${max}]`, ({ row }) => {
    const k = pairOf(row, 'kernel');
    return k && k[0] > max ? `kernel height ${k[0]}` : null;
  });
const kernelArea = (max: number): Limit =>
  ctxLimit(`Product of kernel filter width and height must be in the range [1, ${max}]`, ({ row }) => {
    const k = pairOf(row, 'kernel');
    return k && k[0] * k[1] > max ? `kernel ${k[0]}×${k[1]}` : null;
  });
const poolStride = pairWithin(
  'stride',
  'stride',
  1,
  3,
  'Stride values for both width and height must be in the range [1, 3]',
);
/** Pool padding other than 0 is TFLite SAME, where the kernel must be within [1, 8]. */
const avgSameKernel = ctxLimit(
  'Kernel filter values for both width and height must be in the range [1, 8]',
  ({ row }) => {
    const k = pairOf(row, 'kernel');
    const p = pairOf(row, 'padding') ?? [0, 0];
    const same = p.some((x) => x > 0);
    return same && k && k.some((x) => x > 8) ? `kernel ${k.join('×')} with padding (SAME)` : null;
  },
);
const meanArea = ctxLimit('Product of height and width must be no greater than 65536', ({ row }) => {
  const hw = (row.input?.[1] ?? 1) * (row.input?.[2] ?? 1);
  return hw > 65536 ? `H×W = ${hw}` : null;
});

export const ETHOS_U_RULES: readonly OpRule[] = [
  V('conv2d', ['conv2d'], 'CONV_2D', {
    when: isPlainConv,
    limits: [
      pairWithin('stride', 'stride', 1, 4, 'Stride values for both width and height must be between 1 and 4'),
      dilatedHeight(64),
      dilatedArea(4096),
    ],
  }),
  V('depthwise', ['conv2d'], 'DEPTHWISE_CONV_2D', {
    when: isDepthwise,
    limits: [
      dilatedHeight(64),
      dilatedArea(4096),
      pairWithin('stride', 'stride', 1, 3, 'Stride values for both width and height must be between 1 and 3'),
    ],
  }),
  {
    id: 'ethos-u.grouped-conv',
    kinds: ['conv2d'],
    vendorOp: 'CONV_2D with groups',
    on: 'cpu',
    text: 'a grouped (not depthwise) convolution matches neither CONV_2D nor DEPTHWISE_CONV_2D ("For depth multipliers > 1, IFM channels must be 1")',
    source: VELA_OPS,
  },
  V('transpose-conv', ['convtranspose2d'], 'TRANSPOSE_CONV', {
    limits: [
      dilatedHeight(64),
      dilatedArea(4096),
      pairWithin('stride', 'stride', 2, 2, 'Stride values for both width and height must be 2'),
    ],
  }),
  V('fully-connected', ['linear'], 'FULLY_CONNECTED', {
    limits: [
      ctxLimit('The output tensor(s) must have 2D shape', ({ row }) =>
        (row.output?.length ?? 0) > 1 ? `output per sample ${row.output?.join('×')}` : null,
      ),
    ],
  }),
  V('add', ['add', 'residual'], 'ADD'),
  V('sub', ['sub'], 'SUB'),
  V('mul', ['mul', 'scale', 'layerscale'], 'MUL'),
  V('maximum', ['maximum'], 'MAXIMUM'),
  V('relu', ['relu'], 'RELU'),
  V('relu6', ['relu6'], 'RELU6'),
  V('logistic', ['sigmoid'], 'LOGISTIC'),
  V('tanh', ['tanh'], 'TANH'),
  V('hard-swish', ['hardswish'], 'HARD_SWISH'),
  V('leaky-relu', ['leakyrelu'], 'LEAKY_RELU'),
  V('prelu', ['prelu'], 'PRELU'),
  V('silu', ['silu'], 'LOGISTIC + MUL', {
    undocumented: 'FlopLab assumes the converter writes x·sigmoid(x) as LOGISTIC and MUL',
  }),
  V('avgpool', ['avgpool2d'], 'AVERAGE_POOL_2D', {
    limits: [poolStride, avgSameKernel, kernelHeight(256), kernelArea(65536)],
  }),
  V('maxpool', ['maxpool2d'], 'MAX_POOL_2D', { limits: [poolStride, kernelHeight(256), kernelArea(65536)] }),
  V('global-mean', ['adaptiveavgpool2d'], 'MEAN', { when: poolsToOne, limits: [meanArea] }),
  {
    id: 'ethos-u.adaptive-avgpool',
    kinds: ['adaptiveavgpool2d'],
    when: adaptiveIsPool,
    vendorOp: 'AVERAGE_POOL_2D',
    on: 'accelerator',
    text: 'an adaptive average pool whose output divides its input is an AVERAGE_POOL_2D (kernel = stride = input / output)',
    source: ADAPTIVE_AS_POOL,
    limits: [
      ctxLimit(
        'Stride values for both width and height must be in the range [1, 3] (Vela AVERAGE_POOL_2D)',
        ({ row }) => {
          const s = [(row.input?.[1] ?? 1) / (row.output?.[1] ?? 1), (row.input?.[2] ?? 1) / (row.output?.[2] ?? 1)];
          return s.some((x) => x > 3) ? `stride ${s.join('×')}` : null;
        },
      ),
    ],
  },
  V('batchnorm', ['batchnorm2d'], 'MUL + ADD', {
    text: "MUL and ADD are both in Vela's supported operators",
    undocumented: BN_AS_MUL_ADD,
  }),
  V('mean', ['mean'], 'MEAN', {
    limits: [
      ctxLimit('Axis indices must correspond to height and width axes', ({ row }) =>
        reducesSpatialOnly(row) ? null : `dims ${JSON.stringify(row.params_?.dims)}`,
      ),
      meanArea,
    ],
  }),
  V('concat', ['cat', 'concat'], 'CONCATENATION'),
  V('reshape', ['reshape', 'flatten'], 'RESHAPE'),
  V('squeeze', ['squeeze'], 'SQUEEZE'),
  V('expand-dims', ['unsqueeze'], 'EXPAND_DIMS'),
  V('strided-slice', ['slice'], 'STRIDED_SLICE', {
    limits: [
      ctxLimit('All Strides values must be 1', ({ row }) =>
        (row.params_?.step ?? 1) === 1 ? null : `step ${row.params_?.step}`,
      ),
    ],
  }),
  V('split', ['chunk'], 'SPLIT'),
  V('pad', ['pad'], 'PAD', {
    limits: [
      ctxLimit('The pad tensor can only pad width and height', ({ row }) => {
        const p = row.params_?.pad;
        return Array.isArray(p) && p.slice(4).some((x) => x !== 0) ? `pads ${p.join(', ')}` : null;
      }),
    ],
  }),
  V('resize', ['upsample'], 'RESIZE_NEAREST_NEIGHBOR / RESIZE_BILINEAR', {
    when: (r) => ['nearest', 'bilinear'].includes(strParam(r, 'mode') ?? 'nearest'),
    limits: [
      ctxLimit('W and H scaling must be equal and OFM W and H must be 2x/4x/8x IFM W and H', ({ row }) => {
        const [h0, w0] = [row.input?.[1] ?? 0, row.input?.[2] ?? 0];
        const [h1, w1] = [row.output?.[1] ?? 0, row.output?.[2] ?? 0];
        const s = h0 ? h1 / h0 : 0;
        if (h0 === h1 && w0 === w1) return null;
        return w1 === w0 * s && [2, 4, 8].includes(s) ? null : `${h0}×${w0} → ${h1}×${w1}`;
      }),
    ],
  }),
  V('softmax', ['softmax'], 'SOFTMAX'),
  // Vela lists QUANTIZE (int8 ↔ int16 requantizing); DEQUANTIZE is not in its list, and a model's
  // float-input QUANTIZE fails the generic tensor-type constraint: both are edgeConversions below.
  V('quantize', ['quantize'], 'QUANTIZE', { when: (r) => r.params_?.mode !== 'dequantize' }),
];

const genericRank = {
  id: 'ethos-u.generic-rank',
  source: VELA_OPS,
  text: 'Input(s) and Output tensors must not be greater than 4D; Tensor dimensions must be in the range [1, 65535]',
  check: ({ row, batch }: { row: import('../../rows').Row; batch: number }) => {
    for (const s of tensorsOf(row, batch)) {
      if (s.length > 4) return `tensor ${s.join('×')} is ${s.length}-D`;
      if (s.some((d) => d > 65535)) return `tensor ${s.join('×')} has a dimension > 65535`;
    }
    return null;
  },
};
const genericBatch = {
  id: 'ethos-u.generic-batch',
  source: VELA_OPS,
  text: 'IFM Tensor batch size must be 1 (except FULLY_CONNECTED, RESHAPE, SOFTMAX, SPLIT, SQUEEZE, STRIDED_SLICE …)',
  check: ({ row, batch }: { row: import('../../rows').Row; batch: number }) =>
    batch > 1 && !['linear', 'reshape', 'flatten', 'softmax', 'chunk', 'squeeze', 'slice'].includes(row.type)
      ? `batch ${batch}`
      : null,
};

export const ETHOS_U: PlacementTarget = {
  id: 'ethos-u',
  name: 'Arm Ethos-U (Vela)',
  accelerator: 'Ethos-U NPU',
  dtypes: ['int8'],
  dtypeSource: {
    title: 'Vela generic constraints: "Tensors must be of type: int16, int32, int8, uint8"',
    url: VELA_OPS.url,
  },
  fallbackMode: 'per-op',
  fallbackSource: {
    title: 'Vela: "If the constraints are not met, then that operator will be scheduled on the CPU instead"',
    url: VELA_OPS.url,
  },
  documented: true,
  generic: [genericRank, genericBatch],
  fusions: tfliteFusions(TFLITE_FUSED_ACTIVATIONS, {
    kinds: ['relu', 'relu6', 'tanh'],
    text: 'RELU, RELU6 and TANH are TFLite fused activations; Vela accepts them fused',
  }),
  rules: ETHOS_U_RULES,
  edgeConversions: {
    text: 'the float-input QUANTIZE fails Vela\'s generic constraint "Tensors must be of type: int16, int32, int8, uint8", and DEQUANTIZE is not in its operator list: both run on the CPU',
    source: VELA_OPS,
  },
  sources: [VELA_OPS, TFLITE_OPS_COMPAT, TFLITE_FUSED_ACTIVATIONS],
  notes:
    'Quantization-dependent constraints (scales, zero points, weight sums) are not checked: FlopLab has no weights.',
};
