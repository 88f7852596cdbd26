/**
 * fvcore FlopCountAnalysis (facebookresearch/fvcore @3378afe), model in eval mode. It traces the
 * model with torch.jit and counts aten ops with the handles in flop_count.py
 * `_DEFAULT_SUPPORTED_OPS` (jit_handles.py); ops in jit_analysis.py `_IGNORED_OPS` count 0
 * silently; any other op counts 0 with an "unsupported operator" warning. One "flop" = one
 * fused multiply-add.
 */
import { add, floordiv, mul, num, ZERO } from '../expr';
import type { Convention } from './types';
import { numpyEinsumCost } from '../layers/einsum';
import {
  bySwinVersion,
  CONV_MACS,
  CONVT_MACS,
  CPB_LINEAR_MACS,
  LINEAR_MACS,
  sameNote,
  STRUCTURAL_NOTES,
} from './shared';

const UNSUPPORTED = (op: string) => `fvcore warns "Unsupported operator ${op} encountered" and counts 0.`;

export const fvcore: Convention = {
  id: 'fvcore',
  name: 'fvcore FlopCountAnalysis',
  unit: 'MAC',
  summary: 'Conv/linear MACs without bias, BN, layer norm, adaptive avg pool, upsample; the rest 0',
  source:
    'facebookresearch/fvcore @3378afe: fvcore/nn/flop_count.py _DEFAULT_SUPPORTED_OPS, fvcore/nn/jit_handles.py, fvcore/nn/jit_analysis.py _IGNORED_OPS',
  nonlinearInBatch: ['einsum'],
  rules: {
    // einsum_flop_jit: two bmm-like equations as bmm (N·P), else ⌊numpy's printed cost / 2⌋.
    einsum: (s) => (s.sp ? mul('N', 'P') : floordiv(numpyEinsumCost(s.N, s.P, s.S), 2)),
    // conv_flop_jit → conv_flop_count: N·prod(w_shape)·prod(out spatial); bias ignored.
    conv2d: CONV_MACS,
    // transposed: N·prod(w_shape)·prod(input spatial), w = [Cin, Cout/g, Kh, Kw].
    convtranspose2d: CONVT_MACS,
    // linear_flop_jit: prod(input_shape)·out_features.
    linear: LINEAR_MACS,
    // batchnorm_flop_jit, eval: numel·(2 if affine else 1).
    batchnorm2d: mul('numel_in', add(1, 'affine')),
    // norm_flop_counter(2) for aten::layer_norm: numel·(5 if affine else 4).
    layernorm: mul('numel_in', add(4, 'affine')),
    // norm_flop_counter for aten::group_norm and aten::instance_norm: numel·(5 if affine else 4).
    groupnorm: mul('numel_in', add(4, 'affine')),
    instancenorm: mul('numel_in', add(4, 'affine')),
    // Only aten::adaptive_avg_pool2d has a handle; the 1-D and 3-D ops are unsupported.
    adaptiveavgpool1d: num(0),
    adaptiveavgpool3d: num(0),
    // elementwise_flop_counter(1, 0) for aten::adaptive_avg_pool2d: numel of the input.
    adaptiveavgpool2d: mul(1, 'numel_in'),
    // upsample_nearest2d: elementwise_flop_counter(0, 1); upsample_bilinear2d: (0, 4). The 1-D and
    // 3-D ops and bicubic have no handle: 0.
    upsample: (s) => mul('numel_out', add(s.sp === 2 ? mul(1, 'nearest') : ZERO, mul(4, 'bilinear'))),
    // matmul_flop_jit / bmm_flop_jit: prod(A.shape)·B.shape[-1].
    matmul: mul('numel_in', 'm'),
    // The in- and out-projections are aten::linear (4·L·E²); scaled_dot_product_attention has no
    // handle (0); with need_weights the two torch.bmm calls count (2·L²·E).
    attention: mul('N', add(mul(4, 'L', 'E', 'E'), mul('nw', 2, 'L', 'L', 'E'))),
    // aten::linear (F.linear) 4·nW·T·C²; aten::matmul prod(A)·m twice, 2·nW·T²·C; mul, add,
    // softmax, roll, gather, pad are not counted.
    windowattention: bySwinVersion(
      mul('N', 'nW', 'T', add(mul(4, 'C', 'C'), mul(2, 'T', 'C'))),
      add(mul('N', 'nW', 'T', add(mul(4, 'C', 'C'), mul(2, 'T', 'C'))), CPB_LINEAR_MACS),
    ),
  },
  notes: {
    topk: 'aten::topk has no handle and is not in _IGNORED_OPS: 0, listed as an unsupported operator (read in jit_analysis.py @3378afe, not run).',
    take: 'aten::index (x[:, idx]) is in _IGNORED_OPS: 0, without a warning (aten::gather too).',
    gather: 'aten::gather is in _IGNORED_OPS (jit_analysis.py @3378afe): 0, without a warning.',
    indexselect:
      'aten::index_select has no handle: 0, listed as an unsupported operator (aten::index, x[:, [i, j]], is in _IGNORED_OPS); read, not run.',
    where:
      'aten::where has no handle: 0, listed as an unsupported operator (aten::masked_fill is in _IGNORED_OPS: 0 without a warning); read, not run.',
    expand: 'aten::expand is in _IGNORED_OPS: 0, without a warning.',
    tile: 'aten::repeat has no handle: 0, listed as an unsupported operator (read, not run).',
    shapeops:
      'A PyTorch model has no such step: the shape arithmetic an ONNX export computes from Shape / Size (reshape targets, pad sizes) is Python integers in the model, never a traced op (torch.onnx writes it from x.shape / x.size()): 0.',
    compare:
      'aten::gt, aten::ge and aten::eq are in _IGNORED_OPS (jit_analysis.py), as aten::__and__ and aten::bitwise_not (a & b, ~a): 0 without a warning; aten::lt, aten::le and aten::logical_and / or / xor / not have no handle in _DEFAULT_SUPPORTED_OPS: 0, listed as unsupported operators (read, not run).',
    mod: 'aten::remainder is in _IGNORED_OPS (jit_analysis.py): 0 without a warning; aten::fmod has no handle: 0, listed as an unsupported operator (read, not run).',
    lpnorm:
      'F.normalize traces to aten::linalg_vector_norm / clamp_min / expand_as / div, none in _DEFAULT_SUPPORTED_OPS: 0, with “unsupported operator” warnings (as measured for the l2norm kind’s F.normalize).',
    hardmax:
      'PyTorch has no hardmax: F.one_hot(x.argmax(dim), n) traces to aten::argmax and aten::one_hot, neither handled nor in _IGNORED_OPS (jit_analysis.py @3378afe): 0, listed as unsupported operators.',
    pow: 'aten::pow has no handle: 0, with an “unsupported operator” warning (as measured for the unary kind’s pow).',
    cumsum:
      'aten::cumsum has no handle and is not in _IGNORED_OPS: 0, listed as an unsupported operator (read, not run).',
    clamp: 'aten::clamp is in _IGNORED_OPS: 0, without a warning (read in jit_analysis.py).',
    minimum:
      'aten::minimum has no handle and is not in _IGNORED_OPS: 0, listed as an unsupported operator (read, not run).',
    logsoftmax:
      'aten::log_softmax has no handle: 0, listed as an unsupported operator (read in flop_count.py, not run).',
    quantize:
      'No handle for aten::quantize_per_tensor, aten::quantize_per_channel or aten::dequantize: 0, each listed as an “unsupported operator” (measured for every form: function, method, nn.quantized.Quantize / DeQuantize).',
    unary:
      'No handle for aten::exp, log, sqrt, rsqrt, reciprocal, abs, neg, pow, erf, sin, cos, atan, ceil, round, sign or softplus: 0, with an “unsupported operator” warning (1 / x traces as aten::reciprocal and aten::mul); aten::floor is in _IGNORED_OPS: 0 silently. Measured for every op and form.',
    einsum:
      'einsum_flop_jit: with the letters renamed in order (batch first), abc,abd->acd and abc,adc->adb count as bmm (N·P); any other equation is ⌊c / 2⌋, c = numpy’s einsum_path cost N·P·(2 if an index is summed, else 1) + 1 as printed with "%.3e" (4 significant digits).',
    ...sameNote(
      ['reduce', 'roll'],
      'aten::sum / amax / amin / prod / linalg_vector_norm / logsumexp / log and aten::roll have no handle: 0.',
    ),
    ...sameNote(
      ['lstm', 'gru', 'rnn'],
      'aten::lstm / aten::gru / aten::rnn_tanh have no handle: 0, with an “unsupported operator” warning.',
    ),
    ...STRUCTURAL_NOTES,
    relu: 'aten::relu is in _IGNORED_OPS: 0.',
    upsample:
      'upsample_nearest2d: numel_out; upsample_bilinear2d: 4·numel_out. The 1-D and 3-D ops (nearest1d/3d, linear1d, trilinear3d) and bicubic2d have no handle: 0, with a warning.',
    ...sameNote(
      ['groupnorm', 'instancenorm'],
      'norm_flop_counter: numel·(5 with affine, else 4) — “5 is just a rough estimate”.',
    ),
    ...sameNote(
      ['adaptiveavgpool1d', 'adaptiveavgpool3d'],
      'Only aten::adaptive_avg_pool2d has a handle: the 1-D and 3-D ops are skipped with an “unsupported operator” warning, 0.',
    ),
    pixelshuffle: 'aten::pixel_shuffle has no handle: 0.',
    dropout: 'aten::dropout is in _IGNORED_OPS: 0.',
    flatten: 'aten::flatten is in _IGNORED_OPS: 0.',
    channelshuffle: 'view/transpose/contiguous are in _IGNORED_OPS: 0.',
    chunk: 'aten::chunk is in _IGNORED_OPS: 0.',
    concat: 'aten::cat is in _IGNORED_OPS: 0.',
    identity: 'nn.Identity emits no op: 0.',
    relu6: UNSUPPORTED('aten::hardtanh'),
    leakyrelu: UNSUPPORTED('aten::leaky_relu'),
    prelu: UNSUPPORTED('aten::prelu'),
    elu: UNSUPPORTED('aten::elu'),
    sigmoid: UNSUPPORTED('aten::sigmoid'),
    tanh: UNSUPPORTED('aten::tanh'),
    hardswish: UNSUPPORTED('aten::hardswish'),
    hardsigmoid: UNSUPPORTED('aten::hardsigmoid'),
    silu: UNSUPPORTED('aten::silu'),
    gelu: UNSUPPORTED('aten::gelu'),
    softmax: UNSUPPORTED('aten::softmax'),
    maxpool2d: UNSUPPORTED('aten::max_pool2d'),
    avgpool2d: UNSUPPORTED('aten::avg_pool2d'),
    adaptivemaxpool2d: UNSUPPORTED('aten::adaptive_max_pool2d'),
    lrn: UNSUPPORTED('aten::mul / aten::avg_pool3d / aten::pow / aten::div'),
    layerscale: UNSUPPORTED('aten::mul'),
    residual: UNSUPPORTED('aten::add_'),
    scale: UNSUPPORTED('aten::mul'),
    batchnorm2d: 'Eval mode: 2·numel with affine (train mode would be 5·numel); BN is not ignored by the current code.',
    ...sameNote(
      ['add', 'sub', 'mul', 'div'],
      'aten::add / mul / sub / div have no handle in _DEFAULT_SUPPORTED_OPS: 0, with an "unsupported operator" warning.',
    ),
    matmul: 'matmul_flop_jit (or bmm_flop_jit): numel(A)·m, whatever the Python form.',
    ...sameNote(['cat', 'reshape', 'permute', 'transpose'], 'Shape ops are ignored (_IGNORED_OPS) or have no cost: 0.'),
    ...sameNote(['parameter', 'select'], 'Views and stored tensors: 0.'),
    windowattention:
      'aten::linear for the F.linear projections (4·nW·T·C²) and aten::matmul for Q·Kᵀ and A·V (2·nW·T²·C); the scaling, bias and mask adds, softmax and roll are not counted. Version 2 adds the cpb_mlp’s aten::linear calls once per call, Tb·512·(2 + h); F.normalize (aten::linalg_vector_norm, div), clamp, exp and sigmoid are not counted.',
    attention:
      'Projections (aten::linear) 4·N·L·E²; without need_weights the attention itself is aten::scaled_dot_product_attention, which fvcore does not handle (0, with a warning); with need_weights its bmm calls count 2·N·L²·E.',
    ...sameNote(['squeeze', 'unsqueeze', 'slice', 'pad'], 'Views and copies: ignored or no cost, 0.'),
    ...sameNote(
      ['mean', 'embedding', 'sdpa'],
      'aten::mean / embedding / scaled_dot_product_attention have no handle: 0, with an "unsupported operator" warning.',
    ),
    maximum: 'torch.max(a, b) traces to aten::max, which is in _IGNORED_OPS: 0, without a warning.',
    l2norm:
      'ssd.pytorch’s L2Norm module (x.pow(2).sum(1).sqrt() + eps, torch.div, weight * x) traces to aten::pow / sum / sqrt / add / div / mul, none in _DEFAULT_SUPPORTED_OPS: 0, with "unsupported operator" warnings. torchvision’s scale · F.normalize(x) (call: function): aten::linalg_vector_norm / clamp_min / expand_as / div / mul, none supported: 0.',
  },
};
