/**
 * torch.utils.flop_counter.FlopCounterMode (torch 2.13): FLOPs = 2 × MACs of matmuls and
 * convolutions only. The registry (flop_registry) covers mm, addmm, bmm, baddbmm,
 * convolution and SDPA; every other op counts 0. Bias is ignored ("Should be 2 * c_in - 1
 * technically", conv_flop_count).
 */
import { add, mul } from '../expr';
import type { Convention } from './types';
import { CONV_MACS, CONVT_MACS, LINEAR_MACS, sameNote } from './shared';
import { LEAF_KINDS, BLOCK_KINDS } from '../layers/registry';

const counted = new Set(['conv2d', 'convtranspose2d', 'linear', 'matmul', 'attention']);

export const torch: Convention = {
  id: 'torch',
  name: 'torch FlopCounterMode',
  unit: 'FLOP',
  summary: '2 × (conv + matmul MACs); bias, norms, activations, pools and adds are 0',
  source: 'pytorch/pytorch torch/utils/flop_counter.py: conv_flop_count, addmm_flop, mm_flop (torch 2.13)',
  rules: {
    conv2d: mul(2, CONV_MACS),
    // conv_flop_count(transposed=True) uses the input's spatial size: 2·N·Hin·Win·prod(w_shape).
    convtranspose2d: mul(2, CONVT_MACS),
    linear: mul(2, LINEAR_MACS),
    // bmm_flop / mm_flop: 2·b·n·k·m; matmul expands broadcast dims and calls bmm (or mm).
    matmul: mul(2, 'N', 'B', 'n', 'k', 'm'),
    // addmm for the projections; bmm for Q·Kᵀ and A·V with need_weights; the CPU
    // scaled_dot_product_attention kernel has no entry in the registry (0).
    attention: mul(2, 'N', add(mul(4, 'L', 'E', 'E'), mul('nw', 2, 'L', 'L', 'E'))),
  },
  notes: {
    ...sameNote(
      [...LEAF_KINDS, ...BLOCK_KINDS].map((k) => k.type).filter((t) => !counted.has(t)),
      'Not in flop_counter’s registry (only mm/addmm/bmm/convolution/SDPA are): 0.',
    ),
    conv2d: '2·N·Cout·(Cin/g)·Kh·Kw·Ho·Wo; the bias add is ignored.',
    linear: '2·N·R·I·O (addmm_flop); the bias add is ignored.',
    sdpa: 'The registry has SDPA entries for the flash/efficient kernels, not for the CPU kernel torch 2.13 runs: 0 on CPU (checked on vit_b_16, whose attention calls it).',
    matmul: '2·N·B·n·k·m (bmm_flop or mm_flop): matmul, @ and bmm reach the same aten op.',
    attention:
      '2·N·4·L·E² for the projections; with need_weights 2·N·2·L²·E for the two bmm calls; without it the CPU SDPA kernel is not in the registry (0).',
  },
};
