/**
 * `seed`: the formulas of the seed article (RaySue 2020, shared/seed/, summarised in
 * shared/reference/conventions.md), in FLOPs with 1 MAC = 2 FLOPs. Where the article leaves a
 * factor out, the completion is stated in the type's note: groups (Cin/g), the channel factor
 * C and the batch N everywhere; layers the article does not treat (batch norm, the SE
 * multiply, tanh, hardswish, softmax, …) use the `exact` count of their kind.
 */
import { add, mul, sub, sym } from '../expr';
import type { Convention, Rule } from './types';
import { CONV_TAPS, CONVT_MACS, STRUCTURAL_NOTES } from './shared';
import { kindOf } from '../layers/registry';

/** k − 1 element-wise operations per output element for k inputs. */
const ELTWISE = mul(sub('k', 1), 'numel_out');

const COMPLETION = 'Completion: the article does not treat this layer; FlopLab uses its exact operation count. ';
const exactOf = (type: string): Rule => kindOf(type)?.exact ?? mul(0, 'N');
const exactNoteOf = (type: string): string => {
  const k = kindOf(type);
  return k && 'exactNote' in k ? (k.exactNote ?? '') : '';
};
const byExact = [
  'tanh',
  'hardswish',
  'hardsigmoid',
  'silu',
  'gelu',
  'softmax',
  'layernorm',
  'upsample',
  'lrn',
  'layerscale',
  'attention',
  'windowattention',
  'groupnorm',
  'lstm',
  'gru',
  'rnn',
  'reduce',
  'einsum',
  'unary',
  'quantize',
  'instancenorm',
  'mean',
  'sdpa',
  'l2norm',
  'minimum',
  'clamp',
  'logsoftmax',
  'cumsum',
  'pow',
  'where',
  'expand',
  'tile',
  'compare',
  'mod',
  'lpnorm',
  'hardmax',
  'shapeops',
  'indexselect',
  'topk',
  'take',
  'gather',
];

export const seed: Convention = {
  id: 'seed',
  name: 'Seed article',
  unit: 'FLOP',
  summary: 'The article’s formulas: conv 2·K²·Cin·HoWo·Cout (− 1 without bias), FC (2I − 1)·O, ReLU 1, sigmoid 4',
  source: 'shared/seed/000_3df1a665ae2e01c7.txt (RaySue 2020); shared/reference/conventions.md "The seed article"',
  rules: {
    // [(K²·Cin) + (K²·Cin − 1)]·HoWo·Cout without bias; 2·K²·Cin·HoWo·Cout with bias.
    conv2d: mul('N', 'Cout', 'Ho', 'Wo', add(sub(mul(2, CONV_TAPS), 1), 'b')),
    convtranspose2d: mul(2, CONVT_MACS),
    // (2I − 1)·O without bias, 2·I·O with bias.
    linear: mul('N', 'R', 'O', add(sub(mul(2, 'I'), 1), 'b')),
    // Max pool: Hout·Wout ("one operation, take the max"); × C × N.
    maxpool2d: mul(1, 'numel_out'),
    adaptivemaxpool2d: mul(1, 'numel_out'),
    // Avg pool: (Sh·Sw − 1 + 1)·Hout·Wout — adds over the stride window plus one divide; × C × N.
    avgpool2d: mul('Sh', 'Sw', 'numel_out'),
    // Adaptive avg: the window replaces the stride; A = summed window area of one map.
    adaptiveavgpool2d: mul('N', 'C', 'A'),
    // ReLU / PReLU / ELU: Hout·Wout·Cout; the ReLU family likewise.
    relu: mul(1, 'numel_out'),
    relu6: mul(1, 'numel_out'),
    leakyrelu: mul(1, 'numel_out'),
    prelu: mul(1, 'numel_out'),
    elu: mul(1, 'numel_out'),
    // Sigmoid: 4·Hout·Wout·Cout (negate, exp, add 1, reciprocal).
    sigmoid: mul(4, 'numel_out'),
    // Batch norm (eval): a multiply and an add per element.
    batchnorm2d: mul(2, 'numel_in'),
    // "Don't forget the shortcut adds": one add per output element.
    residual: mul(1, sym('numel_out')),
    // The squeeze-excite multiply: one per output element.
    scale: mul(1, sym('numel_out')),
    ...Object.fromEntries(byExact.map((t) => [t, exactOf(t)])),
    // The article counts every add, subtract, multiply and divide as one FLOP: k − 1 per output element.
    add: ELTWISE,
    sub: ELTWISE,
    mul: ELTWISE,
    div: ELTWISE,
    // Completion: one comparison per output element and extra input, as the article's element-wise ops.
    maximum: ELTWISE,
    // Completion: a product of two matrices counted like the article's fully connected layer, (2k − 1) per output.
    matmul: mul('N', 'B', 'n', 'm', sub(mul(2, 'k'), 1)),
  },
  notes: {
    ...STRUCTURAL_NOTES,
    conv2d:
      'The article’s formula with Cin replaced by Cin/g (without it a depthwise conv is overcounted by Cin) and × N. With bias 2·(Cin/g)·K²·HoWo·Cout, without (2·(Cin/g)·K² − 1)·HoWo·Cout.',
    convtranspose2d:
      'Completion: the article has no transposed conv; 1 MAC = 2 FLOPs over PyTorch’s MACs, 2·N·Hin·Win·Cin·(Cout/g)·K², bias adds not counted (as in its conv-with-bias count).',
    linear: 'The article’s (2I − 1)·O without bias, 2·I·O with bias; × N.',
    maxpool2d:
      'As written: one operation per output (Hout·Wout), × C × N. The exact count is Kh·Kw − 1 comparisons per output (`exact`).',
    adaptivemaxpool2d: 'As max pooling: one operation per output, × C × N.',
    avgpool2d:
      'As written: (Sh·Sw − 1 adds + 1 divide) per output with the *stride* window, × C × N; equals the kernel window only when stride = kernel.',
    adaptiveavgpool2d: 'The avg-pool formula over each output’s own window (global pool: Hin·Win per output), × C × N.',
    ...Object.fromEntries(
      ['relu', 'relu6', 'leakyrelu', 'prelu', 'elu'].map((t) => [
        t,
        'ReLU family: 1 per output element (Hout·Wout·Cout), × N.',
      ]),
    ),
    sigmoid: '4 per output element (negate, exp, add 1, reciprocal), × N.',
    batchnorm2d: 'Completion: the article omits batch norm; eval-mode BN folds into a multiply and an add per element.',
    residual: 'The article says "don’t forget the shortcut adds": one add per output element.',
    scale: 'Completion: the squeeze-excite multiply, one per output element.',
    ...Object.fromEntries(byExact.map((t) => [t, COMPLETION + exactNoteOf(t)])),
    ...Object.fromEntries(
      ['dropout', 'identity', 'flatten', 'channelshuffle', 'chunk', 'concat'].map((t) => [t, 'No arithmetic: 0.']),
    ),
    ...Object.fromEntries(
      ['add', 'sub', 'mul', 'div'].map((t) => [t, 'One FLOP per output element and operation (k − 1 for k inputs).']),
    ),
    maximum:
      'Completion: one comparison per output element and extra input (k − 1 for k inputs), as the article counts element-wise ops.',
    matmul: 'Completion, as for a fully connected layer without bias: (2k − 1) per output element.',
    ...Object.fromEntries(
      ['cat', 'reshape', 'permute', 'transpose', 'pixelshuffle', 'roll'].map((t) => [t, 'No arithmetic: 0.']),
    ),
    ...Object.fromEntries(['parameter', 'select'].map((t) => [t, 'No arithmetic: 0.'])),
    ...Object.fromEntries(
      [...['squeeze', 'unsqueeze', 'slice', 'pad'], 'embedding'].map((t) => [t, 'No arithmetic: 0.']),
    ),
  },
};
