/**
 * Rockchip RK3588 NPU (RKNN toolkit 2), from Rockchip's "RKNN Compiler Support Operator List"
 * v2.3.2 (airockchip/rknn-toolkit2, doc/05_RKNN_Compiler_Support_Operator_List_V2.3.2.pdf):
 * chapter 3.2 lists the ops the RK3588 NPU runs with their parameter ranges, chapter 4 the ops the
 * runtime runs on the CPU. FlopLab checks the ranges of the convolutions and pools (kernel, stride,
 * padding, dilation, map size); the finer conditions written in Chinese prose (Transpose, Slice,
 * Softmax axes) and the recurrent ops' ranges are not checked.
 */
import type { Row } from '../../rows';
import type { Source } from '../devices/schema';
import { acceleratorRule } from './rule-maker';
import {
  ADAPTIVE_AS_POOL,
  adaptiveIsPool,
  ctxLimit,
  isDepthwise,
  pairOf,
  pairWithin,
  poolsToOne,
  strParam,
} from './limits';
import type { Limit, OpRule, PlacementTarget } from './types';

const COMMIT = '59a913d172e7f5ff03c9076e2ec7b1b1288ffd08';
export const RKNN_NPU_OPS: Source = {
  title: 'RKNN Compiler Support Operator List v2.3.2, chapter 3.2 "NPU OPs" for RK3588',
  url: `https://github.com/airockchip/rknn-toolkit2/blob/${COMMIT}/doc/05_RKNN_Compiler_Support_Operator_List_V2.3.2.pdf`,
};
export const RKNN_CPU_OPS: Source = {
  title: 'RKNN Compiler Support Operator List v2.3.2, chapter 4 "CPU OPs"',
  url: RKNN_NPU_OPS.url,
};
const RKNN_ONNX: Source = {
  title: 'RKNNToolKit2 OPs Support 2.3.2 (ONNX ops the toolkit converts; Resize: mode nearest2d/bilinear)',
  url: `https://github.com/airockchip/rknn-toolkit2/blob/${COMMIT}/doc/RKNNToolKit2_OP_Support-2.3.2.md`,
};

const R = acceleratorRule('rknn', RKNN_NPU_OPS, (op) => `${op} is an RK3588 NPU op`);

/** An op the PDF lists among the CPU ops only. */
const CPU = (id: string, kinds: string[], vendorOp: string, undocumented?: string): OpRule => ({
  id: `rknn.${id}`,
  kinds,
  vendorOp,
  on: 'cpu',
  text: `${vendorOp} is listed among the CPU ops, not the RK3588 NPU ops`,
  source: RKNN_CPU_OPS,
  ...(undocumented ? { undocumented } : {}),
});

/** Paddings as (top/bottom, left/right) pairs; a 'same' conv has no fixed pair and is not checked. */
const pads = (max: number): Limit =>
  ctxLimit(`pads_top, pads_left, pads_bottom, pads_right ∈ [0, ${max}]`, ({ row }) => {
    const p = pairOf(row, 'padding');
    return p && p.some((x) => x > max) ? `padding ${p.join('×')}` : null;
  });
const range = (field: string, label: string, lo: number, hi: number) =>
  pairWithin(field, label, lo, hi, `${label}_h, ${label}_w ∈ [${lo}, ${hi}]`);
/** A pool's map: channel, height, width ∈ (0, 8192] (global pools: height, width ∈ (0, 7]). */
const poolMap = (hw: number): Limit =>
  ctxLimit(`channel ∈ (0, 8192], height ∈ (0, ${hw}], width ∈ (0, ${hw}]`, ({ row }) => {
    const [c, h, w] = [row.input?.[0] ?? 1, row.input?.[1] ?? 1, row.input?.[2] ?? 1];
    return c > 8192 || h > hw || w > hw ? `input ${c}×${h}×${w}` : null;
  });
const poolWindow: Limit[] = [range('kernel', 'kernel', 1, 7), range('stride', 'strides', 1, 8), pads(7)];

const mode = (modes: string[]) => (row: Row) => modes.includes(strParam(row, 'mode') ?? 'nearest');

export const RKNN_RULES: readonly OpRule[] = [
  R('depthwise', ['conv2d'], 'Depthwise Convolution', {
    when: isDepthwise,
    limits: [
      range('kernel', 'kernel', 1, 8),
      range('stride', 'stride', 1, 7),
      pads(15),
      range('dilation', 'dilations', 1, 32),
    ],
  }),
  R('conv', ['conv2d'], 'Convolution', {
    limits: [
      range('kernel', 'kernel', 1, 31),
      range('stride', 'stride', 1, 7),
      pads(15),
      range('dilation', 'dilations', 1, 31),
    ],
  }),
  R('conv-transpose', ['convtranspose2d'], 'ConvTranspose', {
    limits: [range('kernel', 'kernel', 1, 31), pads(15), range('dilation', 'dilations', 1, 32)],
  }),
  R('batchnorm', ['batchnorm2d'], 'BatchNormalization'),
  R('relu', ['relu'], 'Relu'),
  R('relu6', ['relu6'], 'Clip/ReLU6'),
  R('leakyrelu', ['leakyrelu'], 'LeakyRelu'),
  R('prelu', ['prelu'], 'PRelu'),
  R('sigmoid', ['sigmoid'], 'Sigmoid'),
  R('tanh', ['tanh'], 'Tanh'),
  R('hardsigmoid', ['hardsigmoid'], 'HardSigmoid'),
  R('hardswish', ['hardswish'], 'HardSwish'),
  R('elu', ['elu'], 'Elu'),
  R('swish', ['silu'], 'exSwish'),
  R('gelu', ['gelu'], 'exGelu'),
  R('add', ['add', 'residual'], 'Add'),
  R('sub', ['sub'], 'Sub'),
  R('mul', ['mul', 'scale', 'layerscale'], 'Mul'),
  R('div', ['div'], 'Div'),
  R('max', ['maximum'], 'Max'),
  R('concat', ['cat', 'concat'], 'Concat'),
  R('maxpool', ['maxpool2d'], 'MaxPool', { limits: [poolMap(8192), ...poolWindow] }),
  R('avgpool', ['avgpool2d'], 'AveragePool', { limits: [poolMap(8192), ...poolWindow] }),
  R('global-avgpool', ['adaptiveavgpool2d'], 'GlobalAveragePool', { when: poolsToOne, limits: [poolMap(7)] }),
  R('global-maxpool', ['adaptivemaxpool2d'], 'GlobalMaxPool', { when: poolsToOne, limits: [poolMap(7)] }),
  R('adaptive-avgpool', ['adaptiveavgpool2d'], 'AveragePool', {
    when: adaptiveIsPool,
    source: ADAPTIVE_AS_POOL,
    text: 'an adaptive average pool whose output divides its input exports as AveragePool, an RK3588 NPU op',
    limits: [
      poolMap(8192),
      ctxLimit('kernel_h, kernel_w ∈ (0, 7], strides_h, strides_w ∈ (0, 8] (AveragePool)', ({ row }) => {
        const k = [(row.input?.[1] ?? 1) / (row.output?.[1] ?? 1), (row.input?.[2] ?? 1) / (row.output?.[2] ?? 1)];
        return k.some((x) => x > 7) ? `kernel = stride = ${k.join('×')}` : null;
      }),
    ],
  }),
  R('reshape', ['reshape'], 'Reshape'),
  CPU(
    'flatten',
    ['flatten'],
    'Flatten',
    'whether the toolkit rewrites a Flatten into a Reshape (an NPU op) is not stated',
  ),
  R('transpose', ['permute', 'transpose'], 'Transpose'),
  R('channel-shuffle', ['channelshuffle'], 'Reshape + Transpose', {
    undocumented: 'a channel shuffle is exported as Reshape, Transpose, Reshape; FlopLab places it as those NPU ops',
  }),
  R('slice', ['slice'], 'Slice'),
  R('split', ['chunk'], 'Split'),
  R('pad', ['pad'], 'Pad'),
  R('resize', ['upsample'], 'Resize', { when: mode(['nearest', 'bilinear']) }),
  R('softmax', ['softmax'], 'Softmax'),
  R('gather', ['embedding'], 'Gather'),
  R('lstm', ['lstm'], 'LSTM'),
  R('gru', ['gru'], 'GRU'),
  R('matmul', ['matmul'], 'exMatMul', {
    undocumented: "the NPU list names exMatMul, Rockchip's internal op; FlopLab assumes MatMul becomes it",
  }),
  R('linear', ['linear'], 'Gemm (rewritten)', {
    text: 'Gemm is in neither the NPU nor the CPU op list, so the toolkit must rewrite it (Convolution or exMatMul are NPU ops)',
    undocumented: 'which NPU op a Gemm becomes is not stated',
  }),
  R('attention', ['attention', 'sdpa'], 'exSDPAttention', {
    undocumented: 'the PDF lists exSDPAttention as an RK3588 NPU op; FlopLab assumes attention is fused into it',
  }),
  CPU(
    'layernorm',
    ['layernorm'],
    'LayerNormalization',
    'the NPU list has exNorm; whether LayerNorm becomes it is not stated',
  ),
  CPU('mean', ['mean'], 'ReduceMean'),
  CPU('reduce', ['reduce'], 'ReduceSum / ReduceMax / ReduceMin'),
  CPU('squeeze', ['squeeze'], 'Squeeze'),
  CPU('l2norm', ['l2norm'], 'LpNormalization'),
  CPU('lrn', ['lrn'], 'exLRN'),
  CPU('depth-to-space', ['pixelshuffle'], 'DepthToSpace'),
  CPU('instancenorm', ['instancenorm'], 'InstanceNormalization'),
];

export const RKNN_RK3588: PlacementTarget = {
  id: 'rknn-rk3588',
  name: 'Rockchip RK3588 NPU (RKNN toolkit 2)',
  accelerator: 'RK3588 NPU',
  dtypes: ['int8', 'fp16'],
  dtypeSource: {
    title: 'RKNN Compiler Support Operator List v2.3.2: NPU op tensors "int8(Tensor), float16(Tensor)"',
    url: RKNN_NPU_OPS.url,
  },
  fallbackMode: 'per-op',
  fallbackSource: RKNN_CPU_OPS,
  documented: true,
  rules: RKNN_RULES,
  sources: [RKNN_NPU_OPS, RKNN_ONNX],
  notes:
    "The PDF's ranges are checked for convolutions and pools; its prose conditions (Transpose, Slice, Softmax axes) and recurrent ranges are not.",
};
