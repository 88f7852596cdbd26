/**
 * Kendryte K210 KPU (nncase), from nncase's FAQ (v1.9.0, docs/FAQ_EN.md, "K210 and KPU"): the ops
 * the KPU accelerates fully, under feature-map limits, and the ops nncase accelerates partly by
 * wrapping a KPU conv in pads and crops. Everything else runs on the K210's RISC-V cores.
 */
import type { Row } from '../../rows';
import type { Source } from '../devices/schema';
import { ctxLimit, isDepthwise, isPlainConv, pairIn, pairOf } from './limits';
import type { Limit, OpRule, PlacementTarget } from './types';

const COMMIT = '3473131922086334d17afefad1597c37555d67df';
export const KPU_FAQ: Source = {
  title: 'nncase v1.9.0 FAQ, "K210 and KPU": ops fully / partially accelerated by the KPU',
  url: `https://github.com/kendryte/nncase/blob/${COMMIT}/docs/FAQ_EN.md`,
};

/** "Input feature maps smaller than or equal to 320x240(WxH) and output features map larger than or equal to 4x4(WxH) and channels are between 1 to 1024." */
const featureMap: Limit = ctxLimit(
  'Input feature maps ≤ 320x240 (WxH), output feature maps ≥ 4x4 (WxH), channels between 1 and 1024',
  ({ row }) => {
    const [ci, hi, wi] = [row.input?.[0] ?? 0, row.input?.[1] ?? 1, row.input?.[2] ?? 1];
    const [co, ho, wo] = [row.output?.[0] ?? 0, row.output?.[1] ?? 1, row.output?.[2] ?? 1];
    if (wi > 320 || hi > 240) return `input ${wi}×${hi} (W×H) is larger than 320×240`;
    if (wo < 4 || ho < 4) return `output ${wo}×${ho} (W×H) is smaller than 4×4`;
    if (ci > 1024 || co > 1024) return `channels ${ci} → ${co} exceed 1024`;
    return null;
  },
);

const K = (
  id: string,
  kinds: string[],
  vendorOp: string,
  text: string,
  extra: Partial<Pick<OpRule, 'when' | 'limits' | 'undocumented'>> = {},
): OpRule => ({ id: `k210.${id}`, kinds, vendorOp, on: 'accelerator', text, source: KPU_FAQ, ...extra });

const convKernel = pairIn('kernel', 'kernel', [1, 3], 'Normal Conv2D and DepthwiseConv2D of 1x1 or 3x3 filters');
const convLike = (row: Row) => isPlainConv(row) || isDepthwise(row);
const stride12 = (row: Row) => (pairOf(row, 'stride') ?? [1, 1]).every((s) => s === 1 || s === 2);
const dilated = (row: Row) => (pairOf(row, 'dilation') ?? [1, 1]).some((d) => d > 1);

export const K210_RULES: readonly OpRule[] = [
  K(
    'dilated-conv',
    ['conv2d'],
    'SpaceToBatch + KPUConv2D + BatchToSpace',
    'DilatedConv2D: nncase replaces it with a SpaceToBatch + KPUConv2D + BatchToSpace (partially accelerated)',
    {
      when: (r) => convLike(r) && dilated(r),
      limits: [convKernel, featureMap],
      undocumented: 'the SpaceToBatch and BatchToSpace run on the CPU; FlopLab counts the conv as one KPU op',
    },
  ),
  K(
    'conv',
    ['conv2d'],
    'KPUConv2D',
    'Normal Conv2D and DepthwiseConv2D of 1x1 or 3x3 filters and stride is 1 or 2 (fully accelerated)',
    {
      when: (r) => convLike(r) && stride12(r),
      limits: [convKernel, featureMap],
    },
  ),
  K(
    'conv-strided',
    ['conv2d'],
    'KPUConv2D + StridedSlice',
    'stride not 1 or 2: nncase divides it into a KPUConv2D and a StridedSlice (partially accelerated)',
    {
      when: convLike,
      limits: [convKernel, featureMap],
      undocumented: 'the StridedSlice runs on the CPU; FlopLab counts the conv as one KPU op',
    },
  ),
  K(
    'matmul',
    ['linear'],
    'Pad + KPUConv2D(1x1) + Crop',
    'MatMul: nncase replaces it with a Pad (to 4x4) + KPUConv2D (1x1 filters) + Crop (to 1x1) (partially accelerated)',
    {
      limits: [
        ctxLimit('channels between 1 and 1024', ({ row }) => {
          const cin = row.input?.[row.input.length - 1] ?? 0;
          const cout = row.output?.[row.output.length - 1] ?? 0;
          return cin > 1024 || cout > 1024 ? `features ${cin} → ${cout} exceed 1024` : null;
        }),
      ],
      undocumented: 'the Pad and Crop run on the CPU; FlopLab counts the matmul as one KPU op',
    },
  ),
  K(
    'transpose-conv',
    ['convtranspose2d'],
    'Pad + KPUConv2D',
    'TransposeConv2D: nncase replaces it with a Pad + KPUConv2D (partially accelerated)',
    {
      limits: [featureMap],
    },
  ),
  K('pool', ['maxpool2d', 'avgpool2d'], 'KPU pool', 'MaxPool(2x2 or 4x4) and AveragePool(2x2 or 4x4)', {
    limits: [pairIn('kernel', 'pool window', [2, 4], 'MaxPool / AveragePool of 2x2 or 4x4'), featureMap],
  }),
  {
    id: 'k210.prelu',
    kinds: ['prelu'],
    vendorOp: 'PReLU',
    on: 'cpu',
    text: 'PReLU is not supported by KPU',
    source: KPU_FAQ,
  },
  K(
    'activation',
    ['relu', 'relu6', 'leakyrelu', 'sigmoid', 'tanh', 'hardswish', 'hardsigmoid', 'silu', 'elu', 'gelu'],
    'KPU activation',
    'Any elementwise activations (ReLU, ReLU6, LeakyRelu, Sigmoid...)',
    {
      undocumented:
        'the FAQ names ReLU, ReLU6, LeakyRelu and Sigmoid; FlopLab takes "any elementwise activation" at its word for the others',
    },
  ),
];

export const K210_KPU: PlacementTarget = {
  id: 'k210-kpu',
  name: 'Kendryte K210 KPU (nncase)',
  accelerator: 'KPU',
  dtypes: ['int8'],
  dtypeSource: {
    title:
      'nncase FAQ: "Use float tflite models, nncase will take care of quantization" (the KPU runs the quantized model)',
    url: KPU_FAQ.url,
  },
  fallbackMode: 'per-op',
  fallbackSource: {
    title: 'nncase FAQ: ops outside the KPU lists run on the K210 CPU (KPU RAM holds the feature maps)',
    url: KPU_FAQ.url,
  },
  documented: true,
  fusions: [
    {
      hosts: ['conv2d'],
      kinds: ['batchnorm2d'],
      text: 'undocumented: FlopLab folds a batch norm that follows a conv into it, as converters do; the FAQ does not mention batch norm',
      source: KPU_FAQ,
    },
  ],
  rules: K210_RULES,
  sources: [KPU_FAQ],
  notes:
    'The FAQ does not mention batch norm; FlopLab folds one that follows a conv (undocumented) and runs any other on the CPU.',
};
