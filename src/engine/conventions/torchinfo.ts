/**
 * torchinfo (TylerYep/torchinfo @5c4164f) "Total mult-adds": torchinfo/layer_info.py
 * LayerInfo.calculate_macs derives MACs from each leaf module's `weight`/`bias` parameters:
 *  - class name contains "Conv": params × N·Hout·Wout (output size without the channel dim);
 *  - class name contains "Linear": params × numel(output[:-1]) = params × N;
 *  - any other module with a weight/bias: params × N (output_size[0] = the batch).
 * Modules without parameters (activations, pools) count 0; the total sums the leaf layers.
 */
import { add, div, mul, sub } from '../expr';
import type { Convention } from './types';
import { TORCHINFO_RNN } from './recurrent-rules';
import { bySwinVersion, sameNote, STRUCTURAL_NOTES } from './shared';

export const torchinfo: Convention = {
  id: 'torchinfo',
  name: 'torchinfo mult-adds',
  unit: 'MAC',
  summary:
    'Parameters × output positions for conv and linear, × batch for norms; parameter-free layers and attention 0',
  source: 'TylerYep/torchinfo @5c4164f: torchinfo/layer_info.py LayerInfo.calculate_macs, model_statistics.py',
  rules: {
    // Swin V2's cpb_mlp nn.Linear leaves, once per call: parameters (bias included) × Tb rows.
    windowattention: bySwinVersion(mul(0, 'N'), mul('Tb', add(3 * 512, mul(512, 'h')))),
    // weight_ih_l0-style names: every parameter × N·L.
    lstm: TORCHINFO_RNN.lstm,
    gru: TORCHINFO_RNN.gru,
    rnn: TORCHINFO_RNN.rnn,
    // "Conv" in class name: (weight + bias) numel × N·Hout·Wout.
    conv2d: mul('N', 'Ho', 'Wo', add(mul('Cout', div('Cin', 'g'), 'Kh', 'Kw'), mul('b', 'Cout'))),
    // ConvTranspose2d has "Conv" in its name: same rule with its weight [Cin, Cout/g, Kh, Kw].
    convtranspose2d: mul('N', 'Ho', 'Wo', add(mul('Cin', div('Cout', 'g'), 'Kh', 'Kw'), mul('b', 'Cout'))),
    // "Linear": (I·O + b·O) × N.
    // calculate_macs: "Linear" in the class name → params × prod(output_size[:-1]) = N·R·(I·O + b·O).
    // F.linear (call: function) is no layer: 0.
    linear: mul(sub(1, 'fn'), 'N', 'R', add(mul('I', 'O'), mul('b', 'O'))),
    // Other modules with weight/bias: params × N.
    batchnorm2d: mul('N', 2, 'affine', 'C'),
    layernorm: mul(sub(1, 'fn'), 'N', 2, 'affine', 'C'),
    // Weighted layers other than Conv/Linear: output_size[0]·params = N·2C with affine.
    groupnorm: mul('N', 2, 'affine', 'C'),
    instancenorm: mul('N', 2, 'affine', 'C'),
    prelu: mul('N', 'A'),
    // calculate_macs: a layer with a "weight" that is neither Conv nor Linear: output_size[0] × params = N·V·D.
    embedding: mul('N', 'V', 'D'),
    // A module with a parameter named weight (not Conv/Linear): output_size[0]·params = N·G. Written
    // scale · F.normalize(x) (call: function), the scale belongs to a module that is no leaf: 0.
    l2norm: mul(sub(1, 'fn'), 'N', 'G'),
  },
  notes: {
    indexselect: 'No layer with weights: 0.',
    topk: 'No layer with weights: 0.',
    take: 'No layer with weights: 0.',
    gather: 'No layer with weights: 0.',
    where: 'No layer with weights: 0.',
    expand: 'No layer with weights: 0.',
    tile: 'No layer with weights: 0.',
    shapeops: 'No layer with weights: 0 (the shape arithmetic of an imported ONNX file, folded).',
    compare: 'No layer with weights: 0.',
    mod: 'No layer with weights: 0.',
    lpnorm: 'No layer with weights: 0.',
    hardmax: 'No layer with weights: 0.',
    pow: 'No layer with weights: 0.',
    cumsum: 'No layer with weights: 0.',
    clamp: 'No layer with weights: 0.',
    minimum: 'torch.minimum(a, b) is not a module: 0.',
    logsoftmax: 'No layer with weights: 0.',
    quantize:
      'No layer with weights (nn.quantized.Quantize holds its scale and zero point as buffers, not parameters): 0 (measured for every form).',
    einsum: 'No layer with weights: 0.',
    unary: 'No layer with weights (nn.Softplus has none): 0.',
    ...sameNote(['reduce', 'roll'], 'No layer with weights: 0.'),
    ...sameNote(
      ['lstm', 'gru', 'rnn'],
      'calculate_macs’ RNN branch (“weight” or “bias” in the name): every parameter × prod(output[:2]) = N·L.',
    ),
    ...STRUCTURAL_NOTES,
    ...sameNote(
      [
        'relu',
        'relu6',
        'leakyrelu',
        'elu',
        'sigmoid',
        'tanh',
        'hardswish',
        'hardsigmoid',
        'silu',
        'gelu',
        'softmax',
        'dropout',
        'maxpool2d',
        'avgpool2d',
        'adaptiveavgpool2d',
        'adaptivemaxpool2d',
        'upsample',
        'flatten',
        'channelshuffle',
        'identity',
        'lrn',
        'chunk',
      ],
      'No weight or bias parameter: 0.',
    ),
    batchnorm2d: '2·C (weight + bias) × N — not a per-pixel cost. Running statistics are buffers, not counted.',
    layernorm: '2·C (weight + bias) × N; F.layer_norm on weights held elsewhere is no layer: 0.',
    linear: 'Parameters × every output row: N·R·(I·O + b·O); F.linear on weights held elsewhere is no layer: 0.',
    ...sameNote(
      ['groupnorm', 'instancenorm'],
      '2·C (weight + bias, when affine) × N: a weighted layer other than Conv/Linear.',
    ),
    pixelshuffle: 'No weights: 0.',
    prelu: 'num_parameters × N.',
    layerscale: 'γ is not named weight/bias (torchvision keeps it as CNBlock.layer_scale, a non-leaf): 0.',
    ...sameNote(['residual', 'scale', 'concat'], 'An operator on tensors, not a module: 0.'),
    ...sameNote(
      ['add', 'sub', 'mul', 'div', 'matmul', 'cat', 'reshape', 'permute', 'transpose'],
      'Not a module with parameters: Mult-Adds come only from layers with weights, 0.',
    ),
    ...sameNote(['parameter', 'select'], 'No layer with weights: 0.'),
    windowattention:
      'ShiftedWindowAttention holds qkv and proj, so it is not a leaf, and those nn.Linear are never called (F.linear takes their weights): 0 Mult-Adds, its parameters still in the total. Version 2 (Swin V2): the cpb_mlp’s nn.Linear leaves are called once per call, each counted as its parameters (bias included) × the Tb rows: Tb·(3·512 + 512·h).',
    attention:
      'nn.MultiheadAttention is not a leaf (it holds out_proj) and out_proj is never called as a module, so no Mult-Adds are summed for it: 0 (checked: ViT-B/16 gives 11,280,392,680, all of it convolution, linear and LayerNorm).',
    ...sameNote([...['squeeze', 'unsqueeze', 'slice', 'pad'], 'mean', 'sdpa'], 'No layer with weights: 0.'),
    embedding:
      'calculate_macs gives a weighted layer other than Conv/Linear batch × parameters: N·V·D (a table lookup counted as Mult-Adds).',
    maximum: 'torch.max(a, b) is not a module: 0.',
    l2norm:
      'calculate_macs: a module whose parameter is named weight, neither Conv nor Linear: batch × parameters = N·G (ssd.pytorch’s L2Norm module (x.pow(2).sum(1).sqrt() + eps, torch.div, weight * x)). Written scale · F.normalize(x) (call: function, torchvision’s SSDFeatureExtractorVGG), the scale is a parameter of a module with children, whose MACs the total (leaf layers only) leaves out: 0. Both measured (tests/fixtures/l2norm-tools.jsonl).',
  },
};
