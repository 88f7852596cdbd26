/**
 * Netscope (dgschwend/netscope @8ae36d8, src/analyzer.coffee) analysing the equivalent Caffe
 * model. Netscope keeps five separate counters per layer (macc, comp, add, div, exp) and never
 * adds them up; this convention reports their sum (a macc counts 1) and names the counter in
 * each note. Layers Caffe/Netscope do not know raise "Unknown Layer" there and count 0 here.
 * Shapes are FlopLab's (PyTorch) shapes: Netscope sizes pooling outputs with ceil (Caffe), so
 * a floor-mode pool is counted at its PyTorch size.
 * Checked against the real Netscope @8ae36d8 (its parser + analyzer run in Node) on 44 models,
 * per layer: tests/fixtures/netscope-fixtures.jsonl, scripts/fixtures/README-netscope.md.
 */
import { add, div, floordiv, mul, type Expr, type Symbols } from '../expr';
import { num } from '../expr';
import { unaryOpOf } from '../layers/unary';
import type { Convention } from './types';
import { CONV_MACS, LINEAR_MACS, sameNote, STRUCTURAL_NOTES } from './shared';

const numel = (k: number): Expr => mul(k, 'numel_out');

/**
 * Caffe's Power layer, y = (shift + scale·x)^power, is how the prototxt writes pow (power = the
 * exponent), sqrt (0.5), rsqrt (−0.5), reciprocal (−1) and neg (scale −1). Netscope's "power" case
 * counts macc when scale ≠ 1, add when shift ≠ 0 and exp when power ≠ 1, each over w·h·ch of one
 * image: it leaves the batch out (every other case multiplies by batchOut).
 */
function powerLayer(s: Symbols): Expr {
  const op = unaryOpOf(s);
  const counters = op === 'neg' || (op === 'pow' && s.exponent !== 1) || ['sqrt', 'rsqrt', 'reciprocal'].includes(op);
  return counters ? div('numel_out', 'N') : num(0);
}
// Analyzer.analyze's default branch only calls onerror: the layer keeps the 0×0×0 output it was
// initialised with, so Netscope counts the layers after it with zero sizes. FlopLab keeps its shapes.
const UNKNOWN = (caffe: string) =>
  `No ${caffe} case in analyzer.coffee: Netscope reports "Unknown Layer" and sizes its output 0, so its counts after it are wrong; counted 0 here.`;

export const netscope: Convention = {
  id: 'netscope',
  name: 'Netscope (Caffe)',
  unit: 'MAC',
  summary: 'Sum of Netscope’s macc, comp, add, div and exp counters for the Caffe equivalent',
  source: 'dgschwend/netscope @8ae36d8: src/analyzer.coffee Analyzer.analyze',
  // Its Power layer counts one image whatever the batch (powerLayer).
  nonlinearInBatch: ['unary'],
  rules: {
    // pow, sqrt, rsqrt, reciprocal, neg as a Power layer: one counter per element of ONE image.
    unary: powerLayer,
    // convolution: macc = Kw·Kh·Wout·Hout·Cin·Cout·N/g (no bias op).
    conv2d: CONV_MACS,
    // Netscope's analyzer reads kernel_h/kernel_w only: a 3-D convolution has no Caffe equivalent it analyses.
    conv3d: num(0),
    convtranspose3d: num(0),
    maxpool3d: num(0),
    avgpool3d: num(0),
    adaptiveavgpool3d: num(0),
    adaptivemaxpool3d: num(0),
    // deconvolution: macc = Cin·Cout·Wout·Hout·(Kw/Sw)·(Kh/Sh)·N (groups ignored; fraction floored here).
    convtranspose2d: floordiv(mul('Cin', 'Cout', 'Ho', 'Wo', 'N', 'Kh', 'Kw'), mul('Sh', 'Sw')),
    // innerproduct: macc = Win·Hin·Cin·Cout·N (no bias op).
    linear: LINEAR_MACS,
    // batchnorm: add = div = numel; the affine part is a separate Scale layer: macc = numel.
    batchnorm2d: mul('numel_out', add(2, 'affine')),
    // relu/relu6/elu/prelu/dropout: comp = numel (LeakyReLU is Caffe's ReLU with negative_slope).
    relu: numel(1),
    relu6: numel(1),
    leakyrelu: numel(1),
    prelu: numel(1),
    elu: numel(1),
    dropout: numel(1),
    // softmax: exp = add = div = numel.
    softmax: numel(3),
    // pooling MAX / AVE: comp / add = Hout·Wout·Kh·Kw·C·N.
    maxpool2d: mul('numel_out', 'Kh', 'Kw'),
    avgpool2d: mul('numel_out', 'Kh', 'Kw'),
    // global pooling: Hin·Win·C·N; other adaptive sizes: their summed window area A.
    adaptiveavgpool2d: mul('N', 'C', 'A'),
    adaptivemaxpool2d: mul('N', 'C', 'A'),
    // lrn: macc = numel·size, add = exp = numel, div = 2·numel.
    lrn: mul('numel_out', add('n', 4)),
    // eltwise SUM: add = numel (one per element whatever the number of inputs).
    residual: numel(1),
    // scale layer: macc = numel.
    scale: numel(1),
    layerscale: numel(1),
    // Eltwise: add = numel, one per element whatever the operation and the number of bottoms.
    add: numel(1),
    sub: numel(1),
    mul: numel(1),
    // Eltwise: the add counter whatever the operation (MAX included).
    maximum: numel(1),
    // normalize: the lrn case with local_size 1 (no lrn_param): macc + add + exp = numel, div = 2·numel.
    l2norm: numel(5),
  },
  notes: {
    indexselect: 'Caffe has no index-select layer (the prototxt writer refuses it): 0.',
    topk: 'The prototxt writer refuses this kind (Caffe’s ArgMax with top_k is another layer): 0.',
    take: 'Caffe has no gather layer (the prototxt writer refuses it): 0.',
    gather: 'Caffe has no gather layer (the prototxt writer refuses it): 0.',
    where: 'Caffe has no select layer (the prototxt writer refuses it): 0.',
    expand: 'Caffe has no broadcast layer (the prototxt writer refuses it): 0.',
    shapeops: 'Caffe computes no shapes in the graph (a prototxt states them): 0.',
    compare: 'Caffe has no comparison or logic layer (the prototxt writer refuses it): 0.',
    mod: 'Caffe has no remainder layer (the prototxt writer refuses it): 0.',
    lpnorm:
      'Caffe’s Normalize layer always has a scale (the l2norm kind); no layer divides by a norm alone (the prototxt writer refuses this kind): 0.',
    hardmax: 'Caffe has no hardmax layer (its ArgMax gives indices; the prototxt writer refuses this kind): 0.',
    tile: 'The prototxt writer refuses this kind (Caffe’s Tile repeats one axis; a Caffe Tile is read as a cat of copies): 0.',
    pow: 'Caffe’s Power layer takes a constant exponent only (the prototxt writer refuses this kind): 0.',
    cumsum: 'Caffe has no cumulative-sum layer (the prototxt writer refuses it): 0.',
    clamp: 'Caffe has no clamp layer (the prototxt writer refuses it): Netscope never sees one, 0.',
    minimum: 'Caffe’s Eltwise has PROD, SUM and MAX, no MIN (the prototxt writer refuses it): 0.',
    logsoftmax: 'Caffe has no LogSoftmax layer (the prototxt writer refuses it): 0.',
    quantize: 'Caffe has no quantize or dequantize layer (the prototxt writer refuses it): Netscope never sees one, 0.',
    unary:
      'pow, sqrt, rsqrt, reciprocal and neg are a Caffe Power layer, (shift + scale·x)^power: Netscope counts exp (power ≠ 1) or macc (neg: scale −1) once per element of one image (its "power" case leaves the batch out), and x ** 1 nothing. exp, log, abs and softplus are Caffe’s Exp, Log, AbsVal and BNLL, which analyzer.coffee has no case for ("Unknown Layer", 0); erf, sin, cos, atan, floor, ceil, round and sign have no Caffe layer: 0.',
    einsum: 'No Caffe layer does this: "Unknown Layer", 0.',
    ...sameNote(['reduce', 'roll'], 'No Caffe layer Netscope analyses does this: "Unknown Layer", 0.'),
    ...sameNote(['lstm', 'gru', 'rnn'], 'Netscope’s analyzer has no recurrent layer: "Unknown Layer", 0.'),
    ...STRUCTURAL_NOTES,
    conv2d: 'macc counter; the bias is a parameter, not an op.',
    linear: 'macc counter (innerproduct).',
    convtranspose2d:
      'macc counter (deconvolution); Netscope’s own output size s·(in−1)+k−2p ignores dilation and output_padding; it multiplies by (Kw/Sw)·(Kh/Sh) in floating point and can print a fraction (182857.5), floored here.',
    batchnorm2d: 'add + div counters (BatchNorm), + macc of the Scale layer Caffe needs for γ, β.',
    ...sameNote(['relu', 'relu6', 'leakyrelu', 'prelu', 'elu', 'dropout'], 'comp counter: one comparison per element.'),
    softmax: 'exp + add + div counters.',
    maxpool2d:
      'comp counter. Netscope sizes the output with ceil (Caffe) and keeps a last window that starts in the padding; counted at FlopLab’s size.',
    avgpool2d:
      'add counter (the divide line is commented out in analyzer.coffee). Netscope sizes the output with ceil; counted at FlopLab’s size.',
    adaptiveavgpool2d:
      'Global pooling (out 1): add = Hin·Win·C·N. Caffe has no adaptive pooling for other sizes; counted over the windows.',
    adaptivemaxpool2d: 'Global pooling (out 1): comp = Hin·Win·C·N. Other sizes counted over the windows.',
    lrn: 'macc = size·numel, add = exp = numel, div = 2·numel.',
    residual: 'Eltwise SUM: add counter (Netscope reads no eltwise operation: PROD and MAX count as SUM too).',
    scale: 'Scale layer with a second bottom: macc counter.',
    layerscale: 'Scale layer: macc counter.',
    sigmoid: UNKNOWN('sigmoid'),
    tanh: UNKNOWN('tanh'),
    ...sameNote(['hardswish', 'hardsigmoid', 'silu', 'gelu'], UNKNOWN('Caffe layer for this activation')),
    layernorm: UNKNOWN('layer-norm'),
    ...sameNote(
      ['groupnorm', 'instancenorm', 'pixelshuffle'],
      'No Caffe layer Netscope analyses does this: "Unknown Layer", 0.',
    ),
    ...sameNote(
      ['maxpool3d', 'avgpool3d', 'adaptiveavgpool3d', 'adaptivemaxpool3d'],
      'Netscope’s analyzer reads 2-D pooling windows only: no 3-D pooling, 0.',
    ),
    conv3d: 'Netscope’s analyzer reads 2-D kernels (kernel_h, kernel_w) only: no 3-D convolution, 0.',
    convtranspose3d: 'Netscope’s analyzer reads 2-D kernels (kernel_h, kernel_w) only: no 3-D deconvolution, 0.',
    upsample: UNKNOWN('upsample'),
    channelshuffle: UNKNOWN('channel-shuffle'),
    chunk: UNKNOWN('slice'),
    ...sameNote(['concat', 'flatten'], 'concat / flatten: no computation.'),
    identity: 'No Caffe layer needed: 0.',
    ...sameNote(
      ['add', 'sub', 'mul'],
      'Eltwise: the add counter, one per output element whatever the operation or number of inputs (Netscope reads no eltwise operation).',
    ),
    ...sameNote(['div', 'matmul'], 'No Caffe layer does this: Netscope shows "Unknown Layer" and counts 0.'),
    cat: 'Concat: no computation.',
    reshape: 'Reshape: no computation.',
    ...sameNote(['permute', 'transpose'], 'Permute: no computation.'),
    ...sameNote(
      ['parameter', 'select', 'attention', 'windowattention'],
      'No Caffe layer does this: Netscope shows "Unknown Layer" and counts 0.',
    ),
    ...sameNote(['squeeze', 'unsqueeze'], 'Reshape: no computation.'),
    ...sameNote(
      ['slice', 'pad', 'mean', 'embedding', 'sdpa'],
      'No Caffe layer Netscope analyses does this: "Unknown Layer", 0.',
    ),
    maximum:
      'Eltwise MAX: the add counter, one per output element (analyzer.coffee reads n.eltwise_param, which is never set, so every operation counts as SUM).',
    l2norm:
      'Normalize shares the lrn case with no lrn_param (local_size 1): macc = add = exp = numel, div = 2·numel; its own parameters are 2 (α, β) there.',
  },
};
