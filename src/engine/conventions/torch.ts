/**
 * torch.utils.flop_counter.FlopCounterMode (torch 2.13): FLOPs = 2 × MACs of matmuls and
 * convolutions only. The registry (flop_registry) covers mm, addmm, bmm, baddbmm,
 * convolution and SDPA; every other op counts 0. Bias is ignored ("Should be 2 * c_in - 1
 * technically", conv_flop_count).
 */
import { add, mul, sub } from '../expr';
import type { Convention } from './types';
import { TORCH_RNN } from './recurrent-rules';
import { SAME_AS } from './same-as';
import { bySwinVersion, CONV_MACS, CONVT_MACS, CPB_LINEAR_MACS, LINEAR_MACS, sameNote } from './shared';
import { LEAF_KINDS, BLOCK_KINDS } from '../layers/registry';

const counted = new Set([
  'conv2d',
  'convtranspose2d',
  'linear',
  'matmul',
  'attention',
  'windowattention',
  'lstm',
  'gru',
  'rnn',
]);

export const torch: Convention = {
  id: 'torch',
  name: 'torch FlopCounterMode',
  unit: 'FLOP',
  summary: '2 × (conv + matmul MACs); bias, norms, activations, pools and adds are 0',
  source: 'pytorch/pytorch torch/utils/flop_counter.py: conv_flop_count, addmm_flop, mm_flop (torch 2.13)',
  rules: {
    // einsum with a summed index becomes one bmm: 2·N·P; an outer product is a mul (0).
    einsum: mul(2, 'N', 'P', 'S', sub('k', 1)),
    // CPU kernels (recurrent-rules.ts): fused LSTM unseen, the rest as mm/addmm per step.
    lstm: TORCH_RNN.lstm,
    gru: TORCH_RNN.gru,
    rnn: TORCH_RNN.rnn,
    conv2d: mul(2, CONV_MACS),
    // conv_flop_count(transposed=True) uses the input's spatial size: 2·N·Hin·Win·prod(w_shape).
    convtranspose2d: mul(2, CONVT_MACS),
    linear: mul(2, LINEAR_MACS),
    // bmm_flop / mm_flop: 2·b·n·k·m; matmul expands broadcast dims and calls bmm (or mm).
    matmul: mul(2, 'N', 'B', 'n', 'k', 'm'),
    // addmm for the projections; bmm for Q·Kᵀ and A·V with need_weights; the CPU
    // scaled_dot_product_attention kernel has no entry in the registry (0).
    attention: mul(2, 'N', add(mul(4, 'L', 'E', 'E'), mul('nw', 2, 'L', 'L', 'E'))),
    // F.linear → addmm 2·4·nW·T·C²; the two 4-D matmuls → bmm 2·2·nW·T²·C.
    windowattention: bySwinVersion(
      mul(2, 'N', 'nW', 'T', add(mul(4, 'C', 'C'), mul(2, 'T', 'C'))),
      mul(2, add(mul('N', 'nW', 'T', add(mul(4, 'C', 'C'), mul(2, 'T', 'C'))), CPB_LINEAR_MACS)),
    ),
  },
  notes: {
    einsum:
      'Two operands with a summed index decompose into one bmm: 2·N·P. An outer product becomes aten.mul and a one-operand sum aten.sum: 0.',
    lstm: 'On torch 2.13’s CPU, nn.LSTM without a projection runs a fused kernel FlopCounterMode does not see: 0. With proj_size it runs step by step: 2·N·L·D·(W_ih + W_hh + W_hr) (mm/addmm).',
    ...sameNote(
      ['gru', 'rnn'],
      'Step by step on CPU: the mm/addmm of W_ih·x and W_hh·h, 2·N·L·D·(Wih + Whh); the gates’ element-wise ops are not in the registry.',
    ),
    ...sameNote(
      [...LEAF_KINDS, ...BLOCK_KINDS].map((k) => k.type).filter((t) => !counted.has(t) && !(t in SAME_AS)),
      'Not in flop_counter’s registry (only mm/addmm/bmm/convolution/SDPA are): 0.',
    ),
    shapeops:
      'A PyTorch model has no such step: the shape arithmetic an ONNX export computes from Shape / Size (reshape targets, pad sizes) is Python integers in the model, never a traced op: 0.',
    compare:
      'aten.gt / lt / ge / le / eq and aten.logical_and / or / xor / not are not in flop_registry (torch/utils/flop_counter.py): 0 (a FlopCounterMode run on each, torch 2.13, gives 0).',
    mod: 'aten.remainder and aten.fmod are not in flop_registry (torch/utils/flop_counter.py): 0 (a FlopCounterMode run on both, torch 2.13, gives 0).',
    gather: 'aten.gather is not in flop_registry (torch/utils/flop_counter.py): 0.',
    lpnorm:
      'F.normalize calls aten.linalg_vector_norm, clamp_min and div, none in flop_registry (torch/utils/flop_counter.py): 0 (as measured for the l2norm kind’s F.normalize).',
    hardmax:
      'PyTorch has no hardmax: F.one_hot(x.argmax(dim), n); aten.argmax and aten.one_hot are not in flop_registry: 0.',
    conv2d: '2·N·Cout·(Cin/g)·Kh·Kw·Ho·Wo; the bias add is ignored.',
    linear: '2·N·R·I·O (addmm_flop); the bias add is ignored.',
    sdpa: 'The registry has SDPA entries for the flash/efficient kernels, not for the CPU kernel torch 2.13 runs: 0 on CPU (checked on vit_b_16, whose attention calls it).',
    matmul: '2·N·B·n·k·m (bmm_flop or mm_flop): matmul, @ and bmm reach the same aten op.',
    windowattention:
      '2·N·nW·T·(4C² + 2·T·C): the F.linear projections (addmm) and the two matmuls (bmm); scaling, bias and mask adds, softmax 0. Version 2 adds its cpb_mlp (addmm, mm) once per call: 2·Tb·512·(2 + h); F.normalize, the logit scale and sigmoid 0.',
    attention:
      '2·N·4·L·E² for the projections; with need_weights 2·N·2·L²·E for the two bmm calls; without it the CPU SDPA kernel is not in the registry (0).',
    quantize:
      'aten.quantize_per_tensor, quantize_per_channel and dequantize are not in flop_counter’s registry: 0 (measured for every form).',
  },
};
