/**
 * Qualcomm Hexagon NPU (QNN HTP backend, Snapdragon), from the QNN operator support table that
 * Qualcomm's ExecuTorch backend keeps ("Operator Support Status", column "HTP - 100/120 Enabled")
 * and the PyTorch ops it lowers through decomposition passes. Qualcomm's own SupportedOps page
 * (docs.qualcomm.com, QNN SDK) has the same information per backend but could not be read in full
 * here. An op the partitioner cannot validate runs on the CPU, op by op.
 */
import type { Row } from '../../rows';
import type { Source } from '../devices/schema';
import { acceleratorRule } from './rule-maker';
import { isDepthwise, isPlainConv, strParam } from './limits';
import type { OpRule, PlacementTarget } from './types';

const COMMIT = '01ce0f2f53dd999f47192b31646d721ba7899a4c';
export const QNN_OPS: Source = {
  title: 'ExecuTorch Qualcomm backend, builders/README.md: Operator Support Status (HTP) and ops supported via passes',
  url: `https://github.com/pytorch/executorch/blob/${COMMIT}/backends/qualcomm/builders/README.md`,
};
export const QNN_BUILDERS: Source = {
  title: 'ExecuTorch Qualcomm backend, one op builder per file (backends/qualcomm/builders/op_*.py)',
  url: 'https://github.com/pytorch/executorch/tree/main/backends/qualcomm/builders',
};
const QNN_TYPES: Source = {
  title: 'ExecuTorch Qualcomm backend README: Supported Inference Type — Quantized, FP16',
  url: 'https://android.googlesource.com/platform/external/executorch/+/HEAD/backends/qualcomm/README.md',
};
const QNN_FALLBACK: Source = {
  title: 'ExecuTorch Qualcomm builders/README.md: a validation failure "will fallback this operator to CPU" (per op)',
  url: QNN_OPS.url,
};

const Q = acceleratorRule('qnn-htp', QNN_OPS, (op) => `${op}: ✓ in the HTP column`);

const NOT = (id: string, kinds: string[], vendorOp: string): OpRule => ({
  id: `qnn-htp.${id}`,
  kinds,
  vendorOp,
  on: 'cpu',
  text: `${vendorOp}: ✗ (not supported) in the HTP column`,
  source: QNN_OPS,
});

const unaryOp = (ops: string[]) => (row: Row) => ops.includes(strParam(row, 'op') ?? '');
const mode = (modes: string[]) => (row: Row) => modes.includes(strParam(row, 'mode') ?? 'nearest');

const DECOMPOSED = 'decomposed by the backend into FullyConnected, MatMul, Softmax (each ✓ in the HTP column)';

export const QNN_HTP_RULES: readonly OpRule[] = [
  Q('conv2d', ['conv2d'], 'Conv2d', { when: isPlainConv }),
  Q('depthwise', ['conv2d'], 'DepthWiseConv2d', { when: isDepthwise }),
  Q('grouped-conv', ['conv2d'], 'Conv2d (groups)', {
    undocumented: 'the table lists Conv2d without saying whether grouped convolutions are validated',
  }),
  Q('conv3d', ['conv3d'], 'Conv3d'),
  Q('conv1d', ['conv1d'], 'Conv2d', {
    undocumented: 'a 1-D conv is lowered as a Conv2d over a height of 1 (op_conv.py); not in the table',
  }),
  Q('transpose-conv', ['convtranspose2d'], 'TransPoseConv2d'),
  Q('fully-connected', ['linear'], 'FullyConnected'),
  Q('matmul', ['matmul'], 'MatMul'),
  Q('einsum', ['einsum'], 'DecomposeEinsum', { text: 'aten.einsum: supported via the DecomposeEinsum pass' }),
  Q('batchnorm', ['batchnorm2d', 'batchnorm1d', 'batchnorm3d'], 'BatchNorm'),
  Q('layernorm', ['layernorm'], 'LayerNorm'),
  Q('groupnorm', ['groupnorm'], 'GroupNorm'),
  Q('instancenorm', ['instancenorm'], 'InstanceNorm'),
  NOT('l2norm', ['l2norm'], 'L2Norm'),
  NOT('lrn', ['lrn'], 'Lrn'),
  NOT('lstm', ['lstm', 'gru', 'rnn'], 'Lstm'),
  Q('relu', ['relu'], 'Relu'),
  Q('relu6', ['relu6'], 'ReluMinMax', { text: 'Relu6 is deprecated, "supported with other QNN Ops" (ReluMinMax ✓)' }),
  Q('hardswish', ['hardswish'], 'HardSwish'),
  Q('hardsigmoid', ['hardsigmoid'], 'ElementWiseNeuron', {
    source: QNN_BUILDERS,
    text: 'op_hardsigmoid.py builder; ElementWiseNeuron ✓ in the HTP column',
    undocumented: 'the table does not name HardSigmoid; FlopLab takes the builder file as its support',
  }),
  Q('sigmoid', ['sigmoid'], 'Sigmoid'),
  Q('tanh', ['tanh'], 'Tanh'),
  Q('gelu', ['gelu'], 'Gelu'),
  Q('silu', ['silu'], 'DecomposeSilu', { text: 'aten.silu: supported via the DecomposeSilu pass' }),
  Q('elu', ['elu'], 'Elu'),
  Q('prelu', ['prelu', 'leakyrelu'], 'Prelu'),
  Q('softmax', ['softmax'], 'Softmax'),
  Q('add', ['add', 'residual'], 'ElementWiseAdd'),
  Q('sub', ['sub'], 'ElementWiseSubtract'),
  Q('mul', ['mul', 'scale', 'layerscale'], 'ElementWiseMultiply'),
  Q('div', ['div'], 'ElementWiseDivide'),
  Q('maximum', ['maximum'], 'ElementWiseMaximum'),
  Q(
    'unary',
    ['unary'],
    'ElementWise unary (Abs, Ceil, Cos, Exp, Floor, Log, Neg, Round, Rsqrt, Sign, Sin, SquareRoot, Atan, Power)',
    {
      when: unaryOp([
        'abs',
        'ceil',
        'cos',
        'exp',
        'floor',
        'log',
        'neg',
        'round',
        'rsqrt',
        'sign',
        'sin',
        'sqrt',
        'atan',
        'pow',
      ]),
    },
  ),
  Q('reciprocal', ['unary'], 'DecomposeReciprocal', {
    when: unaryOp(['reciprocal']),
    text: 'aten.reciprocal: via the DecomposeReciprocal pass',
  }),
  Q('maxpool', ['maxpool2d'], 'PoolMax2d'),
  Q('avgpool', ['avgpool2d'], 'PoolAvg2d'),
  Q('avgpool3d', ['avgpool3d'], 'PoolAvg3d'),
  Q('maxpool3d', ['maxpool3d'], 'DecomposeMaxPool3d', { text: 'aten.max_pool3d: via the DecomposeMaxPool3d pass' }),
  Q('avgpool1d', ['avgpool1d', 'adaptiveavgpool1d'], 'AnnotateAvgPool1D', {
    text: 'aten.avg_pool1d / adaptive_avg_pool1d: via the AnnotateAvgPool1D pass',
  }),
  Q('adaptive-avgpool', ['adaptiveavgpool2d'], 'op_adaptive_avg_pool2d', {
    source: QNN_BUILDERS,
    text: 'op_adaptive_avg_pool2d.py builder (lowered to PoolAvg2d / ReduceMean, both ✓)',
    undocumented: 'not a row of the table; FlopLab takes the builder file as its support',
  }),
  Q('adaptive-maxpool', ['adaptivemaxpool2d'], 'op_adaptive_max_pool2d', {
    source: QNN_BUILDERS,
    text: 'op_adaptive_max_pool2d.py builder',
    undocumented: 'not a row of the table; FlopLab takes the builder file as its support',
  }),
  Q('mean', ['mean'], 'ReduceMean'),
  Q('reduce', ['reduce'], 'ReduceSum / ReduceMax / ReduceMin'),
  Q('concat', ['cat', 'concat'], 'Concat'),
  Q('split', ['chunk'], 'Split'),
  Q('slice', ['slice', 'select'], 'StridedSlice'),
  Q('reshape', ['reshape', 'flatten', 'squeeze', 'unsqueeze'], 'Reshape / Squeeze / ExpandDims'),
  Q('transpose', ['permute', 'transpose'], 'TransPose'),
  Q('pad', ['pad'], 'Pad'),
  Q('resize', ['upsample'], 'ResizeNearestNeighbor / ResizeBilinear', { when: mode(['nearest', 'bilinear']) }),
  Q('depth-to-space', ['pixelshuffle'], 'DepthToSpace'),
  Q('channel-shuffle', ['channelshuffle'], 'ChannelShuffle'),
  Q('roll', ['roll'], 'DecomposeRoll', { text: 'aten.roll: via the DecomposeRoll pass' }),
  Q('gather', ['embedding'], 'Gather'),
  Q('quantize', ['quantize'], 'Quantize / Dequantize'),
  Q('attention', ['attention', 'sdpa', 'windowattention'], 'FullyConnected + MatMul + Softmax', {
    text: DECOMPOSED,
    undocumented: 'FlopLab models attention as one row; how the converter splits it is not documented here',
  }),
];

export const QNN_HTP: PlacementTarget = {
  id: 'qnn-htp',
  name: 'Qualcomm QNN HTP (Hexagon NPU)',
  accelerator: 'Hexagon NPU (HTP)',
  dtypes: ['int8', 'fp16'],
  dtypeSource: QNN_TYPES,
  fallbackMode: 'per-op',
  fallbackSource: QNN_FALLBACK,
  documented: true,
  rules: QNN_HTP_RULES,
  sources: [QNN_OPS, QNN_BUILDERS, QNN_TYPES],
  notes:
    "The table is ExecuTorch's QNN lowering; QNN's own converters (AI Hub's path) may validate more or fewer ops. HTP has no fp32: place float models at fp16.",
};
