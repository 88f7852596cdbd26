/**
 * DeepSpeed flops profiler (microsoft/DeepSpeed @38327e0,
 * deepspeed/profiling/flops_profiler/profiler.py), its FLOPs figure. get_model_profile calls
 * model.eval(), then counts patched torch.nn.functional calls (_patch_functionals) and tensor
 * methods (_patch_tensor_methods: torch.add/mul, Tensor.add/mul, matmul…) for the whole batch.
 * Its MACs figure (`deepspeed_macs`) is conv + linear MACs only — torchvision's count.
 */
import { add, div, mul, num, sub, sym, ZERO, type Expr, type Symbols } from '../expr';
import type { Convention } from './types';
import { numpyEinsumCost } from '../layers/einsum';
import { DEEPSPEED_RNN } from './recurrent-rules';
import { bySwinVersion, CPB_LINEAR_MACS, sameNote, STRUCTURAL_NOTES } from './shared';

/** s^k as an expression of O(log k) nodes (square and multiply). */
function power(base: Expr, k: number): Expr {
  let result: Expr = num(1);
  let sq = base;
  for (let e = k; e > 0; e = Math.floor(e / 2)) {
    if (e % 2 === 1) result = mul(result, sq);
    sq = mul(sq, sq);
  }
  return result;
}

/**
 * numel_in · s^N. Past 2^1000 DeepSpeed's own number_to_string fails (float conversion
 * OverflowError), so there is no figure to reproduce: such layers count 0 (see the note).
 */
function scaledByPowerOfBatch(s: Symbols): Expr {
  if (s.s > 1 && s.N * Math.log2(s.s) + Math.log2(s.numel_in) > 1000) return ZERO;
  return mul('numel_in', power(sym('s'), s.N));
}

export const deepspeed: Convention = {
  id: 'deepspeed',
  name: 'DeepSpeed flops profiler',
  unit: 'FLOP',
  summary: '2 × conv/linear MACs + conv bias, BN, activations, pools (numel_in); sigmoid/adds 0',
  source:
    'microsoft/DeepSpeed @38327e0: deepspeed/profiling/flops_profiler/profiler.py (_patch_functionals, _conv_flops_compute, _linear_flops_compute, …)',
  nonlinearInBatch: ['upsample', 'einsum'],
  rules: {
    // _einsum_flops_compute: numpy's printed einsum_path cost, read back (4 significant digits); macs 0.
    einsum: (s) => numpyEinsumCost(s.N, s.P, s.S),
    // _rnn_forward_hook (recurrent-rules.ts).
    lstm: DEEPSPEED_RNN.lstm,
    gru: DEEPSPEED_RNN.gru,
    rnn: DEEPSPEED_RNN.rnn,
    // _conv_flops_compute: 2·K·Cin·(Cout/g)·N·Ho'·Wo' + bias Cout·N·Ho'·Wo' (Ho' = its own size formula).
    conv2d: mul('N', 'Cout', 'Hds', 'Wds', add(mul(2, div('Cin', 'g'), 'Kh', 'Kw'), 'b')),
    // _conv_trans_flops_compute reads out_channels = weight.shape[1] = Cout/g and divides it by g
    // again; the bias term uses its forward-conv size formula (Hds, Wds).
    convtranspose2d: add(
      mul(2, 'Kh', 'Kw', 'Cin', div(div('Cout', 'g'), 'g'), 'N', 'Hin', 'Win'),
      mul('b', div('Cout', 'g'), 'N', 'Hds', 'Wds'),
    ),
    // _linear_flops_compute: 2·numel(x)·out_features = 2·N·R·I·O; bias ignored.
    linear: mul(2, 'N', 'R', 'I', 'O'),
    // _batch_norm_flops_compute, eval: numel·(2 if affine else 1).
    batchnorm2d: mul('numel_in', add(1, 'affine')),
    // _layer_norm_flops_compute: numel·(5 if affine else 4).
    layernorm: mul('numel_in', add(4, 'affine')),
    // Patched F.group_norm / F.instance_norm: numel·(5 if weight else 4).
    groupnorm: mul('numel_in', add(4, 'affine')),
    instancenorm: mul('numel_in', add(4, 'affine')),
    // _relu/_prelu/_elu/_leaky_relu/_silu/_gelu_flops_compute: numel(x).
    relu: mul(1, 'numel_in'),
    prelu: mul(1, 'numel_in'),
    elu: mul(1, 'numel_in'),
    leakyrelu: mul(1, 'numel_in'),
    silu: mul(1, 'numel_in'),
    gelu: mul(1, 'numel_in'),
    // _softmax_flops_compute: numel(x), for F.softmax (nn.Softmax calls it); x.softmax is not patched.
    softmax: mul(sub(1, 'method'), 'numel_in'),
    // _pool_flops_compute (every avg/max/adaptive pool): numel(x).
    maxpool2d: mul(1, 'numel_in'),
    avgpool2d: mul(1, 'numel_in'),
    adaptiveavgpool2d: mul(1, 'numel_in'),
    adaptivemaxpool2d: mul(1, 'numel_in'),
    // _upsample_flops_compute: size → prod(size), or int(size) for one number (no N, no C); scale s → numel(x)·s^len(input),
    // and len(input) is the batch N (a bug, verified: 1×16×8×8 at ×2 gives 2048).
    upsample: (s): Expr => (s.bySize ? mul(1, 'sizeProd') : scaledByPowerOfBatch(s)),
    // F.local_response_norm: input.mul(input), F.avg_pool3d on the channel-padded squares,
    // .mul(alpha), .add(k) are patched (torch/nn/functional.py); pow and `/` are not.
    lrn: add(mul(3, 'numel_in'), mul('N', add('C', 'n', -1), 'Hin', 'Win')),
    // _elementwise_flops_compute for torch.add / Tensor.add / torch.mul / Tensor.mul: the numel of
    // the shapes aligned from the left; `+`, `*`, `+=`, sub and div are not patched.
    add: mul(add('call_function', 'call_method'), 'N', 'lalign'),
    mul: mul(add('call_function', 'call_method'), 'N', 'lalign'),
    // _matmul_flops_compute: 2·numel(A)·B.shape[-1]; Tensor.__matmul__ (`@`) is patched too.
    matmul: mul(2, 'numel_in', 'm'),
    // F.linear projections 2·4·L·E²; Q·Kᵀ and A·V 2·2·L²·E (bmm with need_weights, the SDPA formula
    // without); with need_weights F.softmax adds H·L².
    attention: mul('N', add(mul(8, 'L', 'E', 'E'), mul(4, 'L', 'L', 'E'), mul('nw', 'H', 'L', 'L'))),
    // Patched F.linear 2·numel(x)·out (8·nW·T·C², biases ignored), Tensor.matmul twice
    // (4·nW·T²·C), F.softmax numel (h·nW·T²); `q * scale` and `attn + bias` are operators: 0.
    // Swin V2: + its cpb_mlp once per call, F.linear 2·Tb·512·(2 + h) and F.relu Tb·512.
    windowattention: bySwinVersion(
      mul('N', 'nW', 'T', add(mul(8, 'C', 'C'), mul(4, 'T', 'C'), mul('h', 'T'))),
      add(
        mul('N', 'nW', 'T', add(mul(8, 'C', 'C'), mul(4, 'T', 'C'), mul('h', 'T'))),
        mul(2, CPB_LINEAR_MACS),
        mul('Tb', 512),
      ),
    ),
    // _attn_flops_compute: 2·(numel(Q)·Lk + prod(Q[:-1])·Lk·dv) = 2·N·B·L·S·(d + dv).
    sdpa: mul(2, 'N', 'B', 'L', 'S', add('d', 'dv')),
  },
  notes: {
    indexselect: 'torch.index_select is not patched: 0.',
    topk: 'torch.topk is not patched (_patch_functionals / _patch_tensor_methods in profiler.py, read, not run): 0.',
    take: 'Indexing by a tensor (x[:, idx], torch.take) is not patched: 0.',
    gather: 'torch.gather is not patched (_patch_functionals / _patch_tensor_methods in profiler.py): 0.',
    where: 'torch.where / masked_fill are not patched: 0 (read in profiler.py; not run).',
    expand: 'x.expand is not patched: 0.',
    tile: 'x.repeat / torch.tile are not patched: 0.',
    shapeops:
      'A PyTorch model has no such step: the shape arithmetic an ONNX export computes from Shape / Size (reshape targets, pad sizes) is Python integers in the model, never a traced op: 0.',
    compare:
      'Not patched: _patch_tensor_methods (profiler.py) wraps matmul, mm, bmm, addmm, baddbmm, mul, add and einsum, _patch_functionals no comparison or logical op: torch.gt / eq / x > y / torch.logical_and … are 0 (read, not run).',
    mod: 'Not patched: _patch_tensor_methods and _patch_functionals (profiler.py) have no remainder or fmod: x % y, torch.remainder and torch.fmod are 0 (read, not run).',
    lpnorm:
      'F.normalize is not patched (_patch_functionals in profiler.py), nor the norm, clamp_min and division it calls: 0 (as measured for the l2norm kind’s F.normalize).',
    hardmax:
      'PyTorch has no hardmax: F.one_hot(x.argmax(dim), n), neither patched (_patch_functionals / _patch_tensor_methods in profiler.py): 0.',
    pow: 'torch.pow is not patched: 0 (as measured for the unary kind’s pow).',
    cumsum: 'torch.cumsum is not patched: 0 (read in profiler.py; not run).',
    clamp: 'torch.clamp is not patched: 0 (read in profiler.py _patch_functionals / _patch_tensor_methods; not run).',
    minimum: 'torch.minimum / torch.min are not patched: 0.',
    logsoftmax:
      'F.log_softmax is not patched (F.softmax is), and nn.LogSoftmax has no module rule: 0 (read in profiler.py; not run).',
    quantize:
      'torch.quantize_per_tensor / quantize_per_channel and x.dequantize() are not patched, and nn.quantized.Quantize / DeQuantize have no module rule: 0 flops and 0 MACs (measured for every form).',
    unary:
      'torch.exp / log / sqrt / rsqrt / pow …, their Tensor methods, the operators (-x, x ** n, 1 / x, abs(x)) and F.softplus are not patched: 0 (measured for every op and form).',
    einsum:
      'Patched torch.einsum: numpy’s einsum_path cost N·P·(2 if an index is summed, else 1) + 1, printed with "%.3e" and read back (4 significant digits, so not linear in N); deepspeed_macs 0.',
    ...sameNote(
      ['reduce', 'roll'],
      'torch.sum / amax / amin / prod / linalg.vector_norm / logsumexp / log / roll are not patched: 0.',
    ),
    ...sameNote(
      ['lstm', 'gru', 'rnn'],
      '_rnn_forward_hook: 2·|W| − g·H for each weight matrix (multiplies and adds), the biases and the cell’s extras (RNN H, GRU 7H, LSTM 10H) per layer, × N × L × D; W_hr of a projection is not counted. deepspeed_macs gets nothing from it.',
    ),
    ...STRUCTURAL_NOTES,
    ...sameNote(
      ['groupnorm', 'instancenorm'],
      'Patched F.group_norm / F.instance_norm: numel·(5 with affine, else 4), an estimate in its source.',
    ),
    pixelshuffle: 'F.pixel_shuffle is not patched: 0.',
    ...sameNote(
      ['sigmoid', 'tanh', 'hardswish', 'hardsigmoid'],
      'torch.sigmoid / torch.tanh / F.hardswish / F.hardsigmoid are not patched: 0.',
    ),
    relu6: 'nn.ReLU6 calls F.hardtanh, which is not patched (only F.relu6 is): 0.',
    dropout: 'F.dropout is not patched (and is the identity in eval): 0.',
    softmax:
      '_softmax_flops_compute (numel) through the patched F.softmax, which nn.Softmax calls too; x.softmax(dim), a Tensor method, is not patched: 0.',
    ...sameNote(['flatten', 'channelshuffle', 'chunk', 'identity', 'concat'], 'No arithmetic call is patched: 0.'),
    layerscale: '`γ * x` is an operator, not torch.mul / Tensor.mul: 0.',
    residual: '`out += identity` is not torch.add / Tensor.add: 0.',
    scale: '`body(x) * x` is not torch.mul / Tensor.mul: 0.',
    conv2d:
      'Output size from its own formula with padding d·(k−1)//2 per side: equal to PyTorch except padding "same" with an even dilated kernel span. deepspeed_macs = N·Cout·(Cin/g)·Kh·Kw·Ho·Wo.',
    linear: 'deepspeed_macs = N·I·O.',
    convtranspose2d:
      'out_channels is read from weight.shape[1] (= Cout/g) and divided by g again, so grouped transposed convs are undercounted; the bias uses the forward-conv output size.',
    lrn: 'Read from torch/nn/functional.py local_response_norm, not run.',
    upsample:
      'With a size: prod(size) as written (Ho·Wo for [h, w]; int(size) when the size is one number, whatever the rank). With a scale: numel_in·scale^N (the exponent is len(input) = the batch). When that passes 2^1000, DeepSpeed itself fails to print it (OverflowError) and FlopLab counts 0.',
    add: 'torch.add / x.add: numel of the shapes aligned from the left; x + y and x += y: 0 (not patched).',
    mul: 'torch.mul / x.mul: numel of the shapes aligned from the left; x * y: 0 (not patched).',
    sub: 'Not patched: 0.',
    div: 'Not patched: 0.',
    matmul: '2·numel(A)·m for torch.matmul, x.matmul, x @ y and torch.bmm (all patched); deepspeed_macs = numel(A)·m.',
    ...sameNote(['cat', 'reshape', 'permute', 'transpose'], 'No arithmetic call is patched: 0.'),
    ...sameNote(['parameter', 'select'], 'No arithmetic call is patched: 0.'),
    windowattention:
      'F.linear (patched) 2·4·nW·T·C², q.matmul and attn.matmul (patched Tensor.matmul) 2·2·nW·T²·C, F.softmax nW·h·T²; the scale multiply and the bias and mask adds are operators, not patched: 0. deepspeed_macs = 4·nW·T·C² + 2·nW·T²·C. Version 2 (Swin V2) adds its cpb_mlp once per call, whatever the batch: F.linear 2·Tb·512·(2 + h) and F.relu Tb·512 (deepspeed_macs + Tb·512·(2 + h)); F.normalize, clamp, exp and sigmoid are not patched.',
    attention:
      'Projections (F.linear) 8·N·L·E², the two products 4·N·L²·E (torch.bmm, or _attn_flops_compute for SDPA), F.softmax N·H·L² with need_weights; deepspeed_macs = 4·N·L·E² + 2·N·L²·E.',
    ...sameNote(
      [...['squeeze', 'unsqueeze', 'slice', 'pad'], 'mean', 'embedding'],
      'No arithmetic call is patched: 0.',
    ),
    sdpa: '_attn_flops_compute: 2·N·B·L·S·(d + dv) (mask, causal and dropout ignored); deepspeed_macs the half.',
    maximum: 'torch.max / torch.maximum are not patched: 0.',
    l2norm:
      'None of the calls of ssd.pytorch’s L2Norm module (x.pow(2).sum(1).sqrt() + eps, torch.div, weight * x) is patched (pow, sum, sqrt, the + and * operators, torch.div): 0. torchvision’s scale · F.normalize(x) (call: function): neither F.normalize nor the * operator is patched: 0.',
  },
};
