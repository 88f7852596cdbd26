/**
 * thop 0.1.1 (Lyken17/pytorch-OpCounter @43c064a): MACs from forward hooks on leaf modules,
 * looked up by exact type in profile.py `register_hooks`; a module type without a rule counts
 * 0 (thop/vision/basic_hooks.py, thop/vision/calc_func.py).
 */
import { add, div, mul, num, sub } from '../expr';
import type { Convention } from './types';
import { THOP_RNN } from './recurrent-rules';
import { bySwinVersion, CONV_MACS, CPB_LINEAR_MACS, LINEAR_MACS, sameNote, STRUCTURAL_NOTES } from './shared';
import { SOFTMAX_VECTORS } from '../layers/softmax';

const NO_RULE = 'No entry in thop’s register_hooks: 0 MACs (and 0 params in thop’s own total).';

export const thop: Convention = {
  id: 'thop',
  name: 'thop 0.1.1',
  unit: 'MAC',
  summary: 'Conv/linear MACs without bias, BN 4·numel, avg pools, PReLU; ReLU/max-pool/sigmoid 0',
  source:
    'Lyken17/pytorch-OpCounter @43c064a: thop/profile.py register_hooks, thop/vision/basic_hooks.py, calc_func.py',
  rules: {
    // Swin V2's cpb_mlp nn.Linear modules, once per call (count_linear); version 1 has no module thop sees.
    windowattention: bySwinVersion(num(0), CPB_LINEAR_MACS),
    // rnn_hooks.py count_lstm / count_gru / count_rnn (recurrent-rules.ts).
    lstm: THOP_RNN.lstm,
    gru: THOP_RNN.gru,
    rnn: THOP_RNN.rnn,
    // count_convNd → calculate_conv2d_flops: numel(y)·(Cin//g)·prod(w.shape[2:]); bias unused.
    conv2d: CONV_MACS,
    // Same hook for ConvTranspose2d: numel of the *output* × (Cin//g) × Kh·Kw.
    convtranspose2d: mul('numel_out', div('Cin', 'g'), 'Kh', 'Kw'),
    // count_linear: in_features × numel(y).
    // F.linear (call: function) has no module to hook: 0.
    linear: mul(sub(1, 'fn'), LINEAR_MACS),
    // count_normalization: calculate_norm = 2·numel(x), doubled when affine.
    batchnorm2d: mul(2, 'numel_in', add(1, 'affine')),
    // An nn.LayerNorm subclass (torchvision's LayerNorm2d) misses the exact-type lookup: 0.
    layernorm: mul(sub(sub(1, 'sub'), 'fn'), 2, 'numel_in', add(1, 'affine')),
    // nn.InstanceNorm1d/2d/3d: count_normalization (affine doubles it).
    instancenorm: mul(2, 'numel_in', add(1, 'affine')),
    // count_prelu: numel(x) when not training (eval).
    prelu: mul(1, 'numel_in'),
    // count_avgpool: calculate_avgpool(numel(y)).
    avgpool2d: mul(sub(1, 'fn'), 'numel_out'),
    // count_adap_avgpool: int((prod(in/out as float64) + 1)·numel(y)).
    adaptiveavgpool2d: (s) => num(s.fn ? 0 : Math.trunc(((s.Hin / s.Ho) * (s.Win / s.Wo) + 1) * s.numel_out)),
    // count_softmax with nn.Softmax(dim=1): batch·(F exp + F−1 add + F div).
    // F.softmax and x.softmax have no module to hook: 0.
    softmax: mul(sub(sub(1, 'fn'), 'method'), SOFTMAX_VECTORS, sub(mul(3, 'F'), 1)),
    // count_upsample → calculate_upsample: nearest ×1, linear ×5, bilinear ×11, bicubic ×(224 + 35);
    // trilinear is "not implemented yet" (a warning, 0). F.interpolate has no module to hook: 0.
    upsample: mul(
      sub(1, 'fn'),
      'numel_out',
      add('nearest', mul(5, 'linear'), mul(11, 'bilinear'), mul(259, 'bicubic')),
    ),
  },
  notes: {
    indexselect: 'torch.index_select / x[:, [i, j]] are not modules: 0.',
    topk: 'torch.topk is not a module: 0.',
    take: 'x[:, idx] is not a module: 0.',
    gather: 'torch.gather is not a module: 0.',
    where: 'torch.where / x.masked_fill are not modules: 0.',
    expand: 'x.expand is not a module: 0.',
    tile: 'x.repeat / torch.tile are not modules: 0.',
    shapeops:
      'A PyTorch model has no such step: the shape arithmetic an ONNX export computes from Shape / Size (reshape targets, pad sizes) is Python integers in the model, never a traced op: 0.',
    compare:
      'torch.gt / lt / ge / le / eq, x > y and torch.logical_and / or / xor / not are not modules, and register_hooks (thop/profile.py) lists modules only: 0 (read, not run).',
    mod: 'x % y, torch.remainder and torch.fmod are not modules: 0 (read, not run).',
    lpnorm: 'F.normalize is not a module: 0 (as measured for the l2norm kind’s F.normalize).',
    hardmax: 'PyTorch has no hardmax module: F.one_hot(x.argmax(dim), n) is no module either: 0.',
    pow: 'torch.pow(x, y) is not a module: 0 (x ** n, the same function, measured 0 for the unary kind).',
    cumsum: 'torch.cumsum is not a module: 0.',
    clamp:
      'FlopLab’s Clamp helper module (torch.clamp) has no entry in register_hooks, nor has nn.Hardtanh: 0 (read in thop/profile.py, not run).',
    minimum: 'torch.minimum(a, b) is not a module: 0.',
    logsoftmax:
      'register_hooks lists nn.Softmax (count_softmax) but not nn.LogSoftmax, and F.log_softmax is no module: 0 (read in thop/profile.py).',
    quantize:
      "torch.quantize_per_tensor / quantize_per_channel and x.dequantize() are not modules, and nn.quantized.Quantize / DeQuantize have no entry in register_hooks: 0 (measured for every form; thop's params 0: the scale and zero point are buffers).",
    einsum: 'torch.einsum is not a module: 0.',
    unary:
      'torch.exp(x), x.sqrt(), -x, x ** n, abs(x) … are not modules, and nn.Softplus has no entry in register_hooks: 0 (measured for every op and form).',
    ...sameNote(['reduce', 'roll'], 'Not a module (a tensor method or torch function): thop’s hooks never see it, 0.'),
    ...sameNote(
      ['lstm', 'gru', 'rnn'],
      'rnn_hooks.py: per step and direction, g·H·(in + H) per layer plus the cell’s adds and products (LSTM 8H + 8bH, GRU 7H + 6bH, RNN H + 2bH), in = I then D·H — a projection (proj_size) is ignored.',
    ),
    ...STRUCTURAL_NOTES,
    ...sameNote(['relu', 'relu6', 'maxpool2d', 'adaptivemaxpool2d', 'dropout'], 'zero_ops in register_hooks: 0.'),
    ...sameNote(
      [
        'elu',
        'sigmoid',
        'tanh',
        'hardswish',
        'hardsigmoid',
        'silu',
        'gelu',
        'identity',
        'flatten',
        'layerscale',
        'lrn',
        'chunk',
      ],
      NO_RULE,
    ),
    leakyrelu: 'count_relu → calculate_relu_flops returns 0.',
    conv2d: 'N·Cout·Ho·Wo·(Cin/g)·Kh·Kw; the bias argument is passed but never used.',
    softmax:
      'count_softmax: per vector of F values F exps, F − 1 adds, F divides; F.softmax and x.softmax have no module: 0.',
    linear: 'count_linear: in_features × numel(y); written as F.linear there is no module to hook: 0.',
    convtranspose2d: 'count_convNd on the output: N·Cout·Ho·Wo·(Cin/g)·Kh·Kw (calculate_conv2d_flops).',
    layernorm:
      'count_normalization for nn.LayerNorm (elementwise_affine doubles it). A subclass (torchvision’s LayerNorm2d, “written as subclass”) misses thop’s exact-type lookup, and F.layer_norm has no module: 0.',
    upsample:
      'calculate_upsample on numel_out: nearest 1, linear 5, bilinear 11, bicubic 259 (224 to solve the coefficients + 35); trilinear logs “not implemented yet” and counts 0; F.interpolate written directly: no module, 0.',
    adaptiveavgpool2d:
      'int((Hin/Ho·Win/Wo + 1)·numel_out) in float64, as count_adap_avgpool computes it; written as F.adaptive_avg_pool2d there is no module to hook: 0.',
    avgpool2d: 'count_avgpool: numel_out; written as F.avg_pool2d there is no module to hook: 0.',
    residual: '`out += identity` is not a module: 0.',
    scale: '`body(x) * x` is not a module: 0.',
    concat: 'torch.cat is not a module: 0.',
    channelshuffle: 'view/transpose are not modules (nn.ChannelShuffle has no rule): 0.',
    ...sameNote(
      ['add', 'sub', 'mul', 'div', 'matmul', 'cat', 'reshape', 'permute', 'transpose'],
      'Not a module (an operator, a torch function or a Tensor method): thop’s hooks never see it, 0.',
    ),
    ...sameNote(['parameter', 'select'], 'Not a module: 0.'),
    attention:
      'nn.MultiheadAttention has no entry in register_hooks, and its out_proj (NonDynamicallyQuantizableLinear) is missed by the exact-type lookup: 0.',
    ...sameNote(
      [...['squeeze', 'unsqueeze', 'slice', 'pad'], 'mean', 'sdpa'],
      'Not a module: thop’s hooks never see it, 0.',
    ),
    embedding:
      'nn.Embedding has no entry in register_hooks: 0. torchvision’s scale · F.normalize(x) (call: function) is no module either: 0.',
    groupnorm: 'nn.GroupNorm has no entry in register_hooks (BatchNorm, LayerNorm and InstanceNorm do): 0.',
    instancenorm: 'count_normalization: 2·numel, doubled with affine.',
    pixelshuffle: 'nn.PixelShuffle is zero_ops (nn.PixelUnshuffle has no entry): 0.',
    windowattention:
      'ShiftedWindowAttention has no entry in register_hooks, and its qkv and proj nn.Linear are never called as modules (their weights go to F.linear): 0. Version 2 (Swin V2): its cpb_mlp’s nn.Linear modules are called, once per call whatever the batch: count_linear in_features·numel(out), Tb·512·(2 + h); the ReLU is zero_ops.',
    maximum: 'torch.max(a, b) is not a module: 0.',
    l2norm:
      'A custom module (ssd.pytorch’s L2Norm module (x.pow(2).sum(1).sqrt() + eps, torch.div, weight * x)) has no entry in register_hooks: 0.',
  },
};
