/**
 * ptflops 0.7.6 (sovrasov/flops-counter.pytorch @d612c75), default pytorch backend with
 * count_functional=True. Two sources add up (pytorch_engine.py get_flops_pytorch):
 *  - module hooks (pytorch_ops.py MODULES_MAPPING, looked up by exact type);
 *  - patched torch.nn.functional calls (FUNCTIONAL_MAPPING: F.relu, F.prelu, F.elu, F.gelu,
 *    F.silu, every F.*pool*, F.softmax, F.interpolate).
 * So nn.ReLU, nn.PReLU, nn.ELU, nn.GELU, pools and nn.Upsample are counted twice.
 * ptflops reports the cost of ONE image: get_model_complexity_info feeds a batch of 1 built from
 * input_res, and compute_average_flops_cost divides by __batch_counter__. The tool fixtures at
 * batch 2 and 4 (shared/reference/tool-fixtures.jsonl) confirm the per-image figure, so every
 * rule here is per sample (numel ÷ N) and the count does not grow with the batch.
 */
import { add, div, mul, sub } from '../expr';
import type { Convention } from './types';
import { PTFLOPS_RNN } from './recurrent-rules';
import { bySwinVersion, sameNote, STRUCTURAL_NOTES } from './shared';

/** Per-image element counts. */
const IN1 = div('numel_in', 'N');
const OUT1 = div('numel_out', 'N');

export const ptflops: Convention = {
  id: 'ptflops',
  name: 'ptflops 0.7.6 (pytorch backend)',
  unit: 'MAC',
  summary: 'Per-image conv/linear MACs with bias, BN, ReLU and pools — ReLU, pools and upsample counted twice',
  source:
    'sovrasov/flops-counter.pytorch @d612c75: ptflops/pytorch_ops.py (MODULES_MAPPING, FUNCTIONAL_MAPPING), ptflops/pytorch_engine.py (patch_functional, compute_average_flops_cost)',
  batchScaling: 'per-image',
  rules: {
    // rnn_flops_counter_hook (recurrent-rules.ts), per image.
    lstm: PTFLOPS_RNN.lstm,
    gru: PTFLOPS_RNN.gru,
    rnn: PTFLOPS_RNN.rnn,
    // conv_flops_counter_hook: Kh·Kw·Cin·(Cout/g)·Ho·Wo + bias Cout·Ho·Wo, per sample.
    conv2d: add(mul('Kh', 'Kw', 'Cin', div('Cout', 'g'), 'Ho', 'Wo'), mul('b', OUT1)),
    // Same hook with transpose=True: the kernel runs over the input positions.
    convtranspose2d: add(mul('Kh', 'Kw', 'Cin', div('Cout', 'g'), 'Hin', 'Win'), mul('b', OUT1)),
    // linear_flops_counter_hook: (I·O + b·O)·prod(input.shape[:-1]): the bias on every row (R rows).
    // F.linear is not patched (commented out in patch_functional): 0 when called directly.
    linear: mul(sub(1, 'fn'), 'R', add(mul('I', 'O'), mul('b', 'O'))),
    // bn_flops_counter_hook: numel(x), ×2 when `.affine`.
    batchnorm2d: mul(IN1, add(1, 'affine')),
    // Same hook; nn.LayerNorm has no `.affine` attribute, so never ×2. F.layer_norm is not patched,
    // so a subclass of nn.LayerNorm (LayerNorm2d), missed by the exact-type MODULES_MAPPING, is 0.
    layernorm: mul(sub(sub(1, 'sub'), 'fn'), IN1),
    // bn_flops_counter_hook for nn.GroupNorm and nn.InstanceNorm*d, which have `.affine`: ×2 with it.
    groupnorm: mul(IN1, add(1, 'affine')),
    instancenorm: mul(IN1, add(1, 'affine')),
    // relu_flops_counter_hook (numel(y)) + F.relu/F.prelu/F.elu/F.gelu patched (numel(x)).
    // nn.ReLU: hook + the patched F.relu inside it; F.relu written directly: the patch only.
    relu: add(mul(sub(1, 'fn'), OUT1), IN1),
    prelu: add(OUT1, IN1),
    elu: add(OUT1, IN1),
    gelu: add(mul(sub(1, 'fn'), OUT1), IN1),
    // nn.ReLU6 calls F.hardtanh and nn.LeakyReLU F.leaky_relu: neither is patched, module hook only.
    relu6: OUT1,
    leakyrelu: OUT1,
    // nn.SiLU / nn.Softmax have no module hook; F.silu and F.softmax are patched (the Tensor method x.softmax is not).
    silu: IN1,
    softmax: mul(sub(1, 'method'), IN1),
    // pool_flops_counter_hook (numel(x)) + patched F.*pool* (numel(x)); a functional pool: the patch only.
    maxpool2d: mul(sub(2, 'fn'), IN1),
    avgpool2d: mul(sub(2, 'fn'), IN1),
    adaptiveavgpool2d: mul(sub(2, 'fn'), IN1),
    adaptivemaxpool2d: mul(sub(2, 'fn'), IN1),
    // upsample_flops_counter_hook takes output[0] (one image): C·Ho·Wo; plus F.interpolate:
    // size → prod(size)·N·C, scale s → numel(x)·s² — both the output numel.
    upsample: mul(sub(2, 'fn'), OUT1),
    // F.local_response_norm (torch/nn/functional.py): input.mul(input), avg_pool3d over the
    // channel-padded squares (N·(C+n−1)·H·W), .mul(alpha), .add(k) — all patched calls.
    lrn: add(mul(3, IN1), mul(add('C', 'n', -1), 'Hin', 'Win')),
    // patch_tensor_ops: torch.add / Tensor.add / torch.mul / Tensor.mul count the numel of a
    // shape aligned from the LEFT (_elementwise_tensor_flops_hook); `+`, `*`, `+=` are C slots that
    // are not patched, and sub/div are not patched at all.
    add: mul(add('call_function', 'call_method'), 'lalign'),
    mul: mul(add('call_function', 'call_method'), 'lalign'),
    // _matmul_tensor_flops_hook: numel(A)·B.shape[-1] for torch.matmul, Tensor.matmul, torch.bmm;
    // `@` (Tensor.__matmul__) is not patched.
    matmul: mul(add('call_function', 'call_method', 'call_bmm'), IN1, 'm'),
    // multihead_attention_counter_hook (per sample): q scaling L·E, projections 4·L·E², in-proj bias
    // 3·L·E, the out-proj bias L·E (added even without a bias), per head Q·Kᵀ, softmax and A·V
    // (2·L²·E + H·L²). With need_weights the slow path also calls torch.bmm twice and F.softmax,
    // which are patched: counted again.
    // No hook for ShiftedWindowAttention and F.linear is not patched (commented out in
    // patch_functional); q.matmul / attn.matmul are patched Tensor.matmul (numel(A)·m: 2·nW·T²·C)
    // and F.softmax numel (nW·h·T²). Per image.
    // Swin V2: Q·Kᵀ is written `@` (not patched), so only attn.matmul(v) nW·T²·C and softmax; its
    // cpb_mlp is hooked: Linear 2→512 Tb·(2·512 + 512), the nn.ReLU module Tb·512 plus the F.relu it
    // calls (patched) Tb·512 again, Linear 512→h Tb·512·h.
    windowattention: bySwinVersion(
      mul('nW', 'T', add(mul(2, 'T', 'C'), mul('h', 'T'))),
      add(mul('nW', 'T', 'T', add('C', 'h')), mul('Tb', 512, add(5, 'h'))),
    ),
    attention: add(
      mul(4, 'L', 'E', 'E'),
      mul(2, 'L', 'L', 'E'),
      mul('H', 'L', 'L'),
      mul(2, 'L', 'E'),
      mul(3, 'b', 'L', 'E'),
      mul('nw', add(mul(2, 'L', 'L', 'E'), mul('H', 'L', 'L'))),
    ),
  },
  notes: {
    indexselect: 'torch.index_select is not patched: 0.',
    topk: 'torch.topk / x.topk are not patched (FUNCTIONAL_MAPPING / TENSOR_OPS_MAPPING in pytorch_ops.py @d612c75, read, not run): 0.',
    take: 'Indexing by a tensor (x[:, idx]) is not patched: 0.',
    gather: 'torch.gather / x.gather are not patched (pytorch_ops.py): 0.',
    where: 'torch.where / masked_fill are not patched: 0 (read in pytorch_ops.py; not run).',
    expand: 'x.expand is not patched: 0.',
    tile: 'x.repeat / torch.tile are not patched: 0.',
    shapeops:
      'A PyTorch model has no such step: the shape arithmetic an ONNX export computes from Shape / Size (reshape targets, pad sizes) is Python integers in the model, never a traced op: 0.',
    compare:
      'No module hook and no patched call: TENSOR_OPS_MAPPING (pytorch_ops.py) patches matmul, mm, bmm, addmm, baddbmm, mul and add only, FUNCTIONAL_MAPPING no comparison or logical op: torch.gt / eq / x > y / torch.logical_and … are 0 (read, not run).',
    mod: 'No module hook and no patched call (pytorch_ops.py has no remainder or fmod): 0 (read, not run).',
    lpnorm:
      'No module, and F.normalize is not patched (FUNCTIONAL_MAPPING in pytorch_ops.py), nor the * or / operators it calls: 0 (as measured for the l2norm kind’s F.normalize).',
    hardmax:
      'PyTorch has no hardmax: F.one_hot(x.argmax(dim), n), neither in FUNCTIONAL_MAPPING nor TENSOR_OPS_MAPPING (pytorch_ops.py): 0.',
    pow: 'torch.pow is not patched: 0 (x ** n measured 0 for the unary kind; a tensor exponent calls the same function).',
    cumsum: 'torch.cumsum / x.cumsum are not patched: 0 (read in pytorch_ops.py; not run).',
    clamp:
      'torch.clamp is not patched and nn.Hardtanh has no module hook: 0 (read in pytorch_ops.py MODULES_MAPPING, FUNCTIONAL_MAPPING; not run).',
    minimum: 'torch.minimum / torch.min are not patched: 0.',
    logsoftmax:
      'nn.LogSoftmax has no module hook and F.log_softmax is not patched (F.softmax is): 0 (read in pytorch_ops.py; not run).',
    quantize:
      'No module hook (nn.quantized.Quantize / DeQuantize have none) and no patched call (torch.quantize_per_tensor, quantize_per_channel, x.dequantize() are not patched): 0, under the aten backend too (measured for every form).',
    einsum: 'torch.einsum is not patched: 0.',
    unary:
      'No module hook (nn.Softplus has none) and no patched call: torch.exp, Tensor methods, operators (-x, x ** n, 1 / x) and F.softplus are not patched, 0 (measured for every op and form).',
    ...sameNote(
      ['reduce', 'roll'],
      'No module hook and no patched call (x.sum, x.amax, x.prod, torch.linalg.vector_norm, x.logsumexp, torch.roll are not patched): 0.',
    ),
    ...sameNote(
      ['lstm', 'gru', 'rnn'],
      'rnn_flops_counter_hook: |W_ih| + |W_hh| + the biases + the cell’s extras (RNN H, GRU 7H, LSTM 10H) per layer, × L × D, per image; a projection’s W_hr is not counted.',
    ),
    ...STRUCTURAL_NOTES,
    ...sameNote(
      ['sigmoid', 'tanh', 'hardswish', 'hardsigmoid', 'dropout', 'identity', 'flatten', 'channelshuffle', 'chunk'],
      'No module hook and no patched functional: 0.',
    ),
    linear:
      'linear_flops_counter_hook: (I·O + b·O) per row, the bias on every row; F.linear written directly is not patched (commented out in patch_functional): 0.',
    relu: 'nn.ReLU is counted twice: its hook and the patched F.relu inside it; F.relu written directly (torchvision’s BasicConv2d, DenseNet) once.',
    prelu: 'Counted twice: the nn.PReLU hook and the patched F.prelu.',
    elu: 'Counted twice: the nn.ELU hook and the patched F.elu.',
    gelu: 'nn.GELU counted twice: its hook and the patched F.gelu; F.gelu written directly once.',
    maxpool2d:
      'As a module counted twice: pool_flops_counter_hook (numel_in per sample) and the patched F.max_pool2d; written as F.max_pool2d once.',
    avgpool2d:
      'As a module counted twice: pool_flops_counter_hook (numel_in per sample) and the patched F.avg_pool2d; written as F.avg_pool2d once.',
    adaptiveavgpool2d:
      'As a module counted twice: pool_flops_counter_hook (numel_in per sample) and the patched F.adaptive_avg_pool2d; written as F.adaptive_avg_pool2d once.',
    adaptivemaxpool2d:
      'As a module counted twice: pool_flops_counter_hook (numel_in per sample) and the patched F.adaptive_max_pool2d; written as F.adaptive_max_pool2d once.',
    upsample:
      'nn.Upsample counted twice: its hook (output numel) and the patched F.interpolate inside; F.interpolate written directly once. Every mode alike.',
    layernorm:
      'bn_flops_counter_hook checks `.affine`, which nn.LayerNorm lacks: numel_in, never doubled. A subclass (torchvision’s LayerNorm2d) is not in the exact-type MODULES_MAPPING and F.layer_norm is not patched: 0 for both, and for F.layer_norm written directly.',
    layerscale: '`γ * x` is an operator, not torch.mul: 0.',
    softmax:
      'nn.Softmax has no hook but calls the patched F.softmax: numel_in per sample, as F.softmax written directly; x.softmax(dim) (a Tensor method, as Ultralytics’ attention writes it) is not patched: 0.',
    lrn: 'No module hook, but F.local_response_norm calls patched Tensor.mul (twice), Tensor.add and F.avg_pool3d on the channel-padded squares. Read from torch/nn/functional.py, not run.',
    residual: '`out += identity` is not torch.add: 0.',
    scale: '`body(x) * x` is not torch.mul: 0.',
    concat: 'torch.cat is not patched: 0.',
    add: 'torch.add / x.add: numel of the shapes aligned from the left (ptflops’s broadcast); x + y and x += y: 0 (not patched).',
    mul: 'torch.mul / x.mul: numel of the shapes aligned from the left; x * y: 0 (not patched).',
    sub: 'torch.sub is not patched: 0.',
    div: 'torch.div is not patched: 0.',
    matmul:
      'torch.matmul, x.matmul, torch.bmm: numel(A)·m; x @ y is not patched: 0. Broadcast leading dims of B are missed.',
    ...sameNote(['cat', 'reshape', 'permute', 'transpose'], 'No arithmetic call is patched: 0.'),
    ...sameNote(['parameter', 'select'], 'No arithmetic call is patched: 0.'),
    windowattention:
      'Only the patched Tensor.matmul calls (Q·Kᵀ and A·V, 2·nW·T²·C) and F.softmax (nW·h·T²), per image: the projections are F.linear, which ptflops does not patch, and ShiftedWindowAttention has no hook. Version 2 (Swin V2): Q·Kᵀ is written with `@`, which ptflops does not patch, so only A·V (nW·T²·C) and softmax (nW·h·T²); the cpb_mlp’s modules are hooked once per call: Linear 2 → 512 Tb·3·512 (its bias counted once per row), nn.ReLU Tb·512 and the F.relu inside it Tb·512 again, Linear 512 → h Tb·512·h.',
    attention:
      'multihead_attention_counter_hook: 4·L·E² + 2·L²·E + H·L² + 2·L·E (+ 3·L·E with biases), per image; with need_weights the patched bmm/softmax calls inside add 2·L²·E + H·L² again.',
    ...sameNote(
      [...['squeeze', 'unsqueeze', 'slice', 'pad'], 'mean', 'embedding'],
      'No module hook and no patched call: 0.',
    ),
    sdpa: 'F.scaled_dot_product_attention is not patched: 0.',
    ...sameNote(
      ['groupnorm', 'instancenorm'],
      'bn_flops_counter_hook: numel_in per image, ×2 when `.affine`; F.group_norm / F.instance_norm are not patched.',
    ),
    pixelshuffle: 'nn.PixelShuffle has no hook and nothing it calls is patched: 0.',
    maximum: 'torch.max / torch.maximum are not patched: 0.',
    l2norm:
      'No module hook for a custom module (ssd.pytorch’s L2Norm module (x.pow(2).sum(1).sqrt() + eps, torch.div, weight * x)), and none of its calls is patched (pow, sum, sqrt, the + and * operators, torch.div): 0. torchvision’s scale · F.normalize(x) (call: function): F.normalize and the * operator are not patched either: 0.',
  },
};
