/**
 * Multi-head self-attention as torch.nn.MultiheadAttention(E, H, batch_first=True) computes it on
 * tokens [L, E] (`attn(x, x, x)`): a packed input projection to Q, K, V (3E² weights + 3E bias),
 * per head Q·Kᵀ scaled and softmaxed, times V, and an output projection (E² + E). `need_weights`
 * is the forward argument (PyTorch's default true; torchvision's ViT passes false): with it,
 * PyTorch computes the scores with bmm and softmax itself, without it calls
 * F.scaled_dot_product_attention, and the counting tools see different calls (docs/conventions.md).
 */
import { add, mul, sub } from '../expr';
import { shapeText } from '../format/model';
import { commonSymbols, type LeafKind } from './kind';
import { say } from '../messages';

export const attention: LeafKind = {
  type: 'attention',
  label: 'Multi-head attention',
  category: 'linear',
  summary: 'Self-attention over tokens [L, E] (nn.MultiheadAttention, batch_first)',
  fields: [
    {
      name: 'heads',
      kind: 'int',
      min: 1,
      required: true,
      label: 'Heads',
      help: 'Number of heads H; E must divide by it',
    },
    { name: 'bias', kind: 'bool', default: true, label: 'Bias', help: 'Biases of the input and output projections' },
    {
      name: 'need_weights',
      kind: 'bool',
      default: true,
      label: 'need_weights',
      help: 'The forward argument: true (PyTorch default) returns the attention weights; torchvision’s ViT passes false',
    },
  ],
  shape(p, input) {
    if (input.length !== 2)
      return {
        error: say('layer.attentionTokens', { shape: shapeText(input) }),
      };
    const heads = p.heads as number;
    if (input[1] % heads !== 0) return { error: say('layer.headsDivide', { dim: input[1], heads }) };
    return { output: input };
  },
  symbols: (p, input, output, batch) =>
    commonSymbols(input, output, batch, {
      L: input[0],
      E: input[1],
      H: p.heads as number,
      hd: input[1] / (p.heads as number),
      b: p.bias ? 1 : 0,
      nw: p.need_weights ? 1 : 0,
    }),
  // in_proj 3E² + 3E·b, out_proj E² + E·b
  params: add(mul(4, 'E', 'E'), mul(4, 'E', 'b')),
  // Projections 4·L·E² and the two products Q·Kᵀ and A·V, 2·L²·E (torchvision's _ops counts all four).
  macs: mul('N', add(mul(4, 'L', 'E', 'E'), mul(2, 'L', 'L', 'E'))),
  exact: mul(
    'N',
    add(
      mul(4, 'L', 'E', add(sub(mul(2, 'E'), 1), 'b')),
      mul('H', 'L', 'L', sub(mul(2, 'hd'), 1)),
      mul('L', 'E'),
      mul('H', 'L', sub(mul(3, 'L'), 1)),
      mul('H', 'L', 'hd', sub(mul(2, 'L'), 1)),
    ),
  ),
  exactNote:
    'Projections: 4 matrices of E outputs per token, 2E − 1 + b ops each; per head: Q·Kᵀ (2·hd − 1 per score), scaling q (L·E multiplies), softmax (3L − 1 per row), A·V (2L − 1 per output).',
};
