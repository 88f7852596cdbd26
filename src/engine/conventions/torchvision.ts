/**
 * torchvision's `_ops` metadata: conv + linear multiply-accumulates, bias ignored, batch 1
 * at the weights' crop size. torchvision computes it with a FlopCounterMode-based counter
 * (test/common_extended_utils.py) and reports GFLOPS/2 as MACs; see shared/reference/zoo.md.
 * So it is exactly the `torch` convention divided by 2, transposed convolutions included.
 */
import { add, mul, sub } from '../expr';
import type { Convention } from './types';
import { TORCHVISION_RNN } from './recurrent-rules';
import { SAME_AS } from './same-as';
import { bySwinVersion, CONV_MACS, CONVT_MACS, CPB_LINEAR_MACS, LINEAR_MACS, sameNote } from './shared';
import { LEAF_KINDS, BLOCK_KINDS } from '../layers/registry';

const counted = new Set([
  'conv2d',
  'convtranspose2d',
  'linear',
  'matmul',
  'attention',
  'sdpa',
  'windowattention',
  'lstm',
  'gru',
  'rnn',
]);

export const torchvision: Convention = {
  id: 'torchvision',
  name: 'torchvision _ops',
  unit: 'MAC',
  summary: "Conv + linear multiply-accumulates, no bias: what torchvision's model metadata lists",
  source:
    'pytorch/vision test/common_extended_utils.py (FlopCounterMode-based), weights metadata `_ops`; torch/utils/flop_counter.py conv_flop_count',
  rules: {
    einsum: mul('N', 'P', 'S', sub('k', 1)),
    // FlopCounterMode's count / 2 (recurrent-rules.ts).
    lstm: TORCHVISION_RNN.lstm,
    gru: TORCHVISION_RNN.gru,
    rnn: TORCHVISION_RNN.rnn,
    conv2d: CONV_MACS,
    // flop_counter.conv_flop_count with transposed=True: N·prod(w_shape)·Hin·Win, w = [Cin, Cout/g, Kh, Kw].
    convtranspose2d: CONVT_MACS,
    linear: LINEAR_MACS,
    // FlopCounterMode counts aten.bmm/mm, which matmul becomes: N·B·n·k·m multiply-accumulates
    // (ViT-B/16's _ops, 17.56 G, includes its attention products).
    matmul: mul('N', 'B', 'n', 'k', 'm'),
    // flop_counter: in/out projections (addmm) 4·L·E², Q·Kᵀ and A·V (bmm) 2·L²·E.
    attention: mul('N', add(mul(4, 'L', 'E', 'E'), mul(2, 'L', 'L', 'E'))),
    // flop_counter's SDPA entry: the two products, N·B·L·S·(d + dv).
    sdpa: mul('N', 'B', 'L', 'S', add('d', 'dv')),
    // F.linear (addmm) 4·nW·T·C², q.matmul(kᵀ) and attn.matmul(v) (bmm) 2·nW·T²·C: Swin-T's 4.491 G.
    // Swin V2 adds its cpb_mlp's two nn.Linear (addmm, mm) once per call: swin_v2_t's 5.940 G.
    windowattention: bySwinVersion(
      mul('N', 'nW', 'T', add(mul(4, 'C', 'C'), mul(2, 'T', 'C'))),
      add(mul('N', 'nW', 'T', add(mul(4, 'C', 'C'), mul(2, 'T', 'C'))), CPB_LINEAR_MACS),
    ),
  },
  notes: {
    einsum: 'FlopCounterMode’s bmm halved: N·P when two operands share a summed index, else 0.',
    ...sameNote(
      ['lstm', 'gru', 'rnn'],
      'FlopCounterMode’s count halved: the step matmuls N·L·D·(Wih + Whh (+ Wr)); an LSTM without projection is 0 (fused CPU kernel, unseen).',
    ),
    ...sameNote(
      [...LEAF_KINDS, ...BLOCK_KINDS].map((k) => k.type).filter((t) => !counted.has(t) && !(t in SAME_AS)),
      'Only convolutions and linear layers are counted.',
    ),
    convtranspose2d:
      'Counted over the input positions: N·Hin·Win·Cin·(Cout/g)·Kh·Kw (flop_counter.conv_flop_count, transposed).',
    matmul: 'Counted: torch.matmul / @ become aten.bmm or mm, which flop_counter counts (N·B·n·k·m).',
    attention:
      'Counted: the four projections (4·L·E²) and the two attention products (2·L²·E), as ViT-B/16’s _ops (17.56 G) shows.',
    windowattention:
      'Counted: the Q, K, V and output projections (4·nW·T·C²) and the two products per window (2·nW·T²·C), as Swin-T’s _ops (4.491 G) shows. Version 2 (Swin V2) adds its cpb_mlp’s two nn.Linear once per call, whatever the batch: Tb·512·(2 + h), as swin_v2_t’s _ops (5.940 G) shows; F.normalize and the logit-scale multiply are not products.',
    sdpa: 'Counted: the two products of scaled_dot_product_attention, N·B·L·S·(d + dv) (flop_counter’s SDPA formula).',
    quantize:
      'FlopCounterMode (whose count torchvision halves) has no entry for quantize_per_tensor, quantize_per_channel or dequantize: 0.',
  },
};
