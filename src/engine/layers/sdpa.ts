/**
 * F.scaled_dot_product_attention(q, k, v): softmax(q·kᵀ / √d) · v on [..., L, d], [..., S, d] and
 * [..., S, dv] (heads in the leading dims), the inputs named with `from`. B = the leading dims
 * (batch apart). How nn.MultiheadAttention runs with need_weights=False, and how timm and
 * Hugging Face models call attention.
 */
import { add, mul, sub, ZERO } from '../expr';
import { shapeText } from '../format/model';
import { prod, sameRankError } from './dims';
import { commonSymbols, type LeafKind } from './kind';
import { say } from '../messages';

export const sdpa: LeafKind = {
  type: 'sdpa',
  label: 'Scaled dot-product attention',
  category: 'linear',
  summary: 'softmax(q·kᵀ/√d)·v (F.scaled_dot_product_attention); from names q, k, v',
  fields: [],
  arity: [3, 3],
  shape(_p, q, inputs) {
    const [, k, v] = inputs;
    const rank = sameRankError('sdpa', inputs);
    if (rank) return { error: rank };
    if (q.length < 2) return { error: say('layer.sdpaRank', { shape: shapeText(q) }) };
    const r = q.length;
    const lead = (s: readonly number[]) => s.slice(0, r - 2).join('×');
    if (lead(k) !== lead(q) || lead(v) !== lead(q))
      return {
        error: say('layer.sdpaLeading', { q: shapeText(q), k: shapeText(k), v: shapeText(v) }),
      };
    if (k[r - 1] !== q[r - 1]) return { error: say('layer.sdpaLast', { a: q[r - 1], b: k[r - 1] }) };
    if (v[r - 2] !== k[r - 2]) return { error: say('layer.sdpaLength', { a: k[r - 2], b: v[r - 2] }) };
    return { output: [...q.slice(0, r - 1), v[r - 1]] };
  },
  symbols(_p, q, output, batch, inputs) {
    const r = q.length;
    const [, k, v] = inputs;
    return commonSymbols(q, output, batch, {
      B: prod(q, 0, r - 2),
      L: q[r - 2],
      S: k[r - 2],
      d: q[r - 1],
      dv: v[r - 1],
    });
  },
  params: ZERO,
  // The two products, as FlopCounterMode and DeepSpeed define an attention's MACs.
  macs: mul('N', 'B', 'L', 'S', add('d', 'dv')),
  exact: mul(
    'N',
    'B',
    add(
      mul('L', 'S', sub(mul(2, 'd'), 1)),
      mul('L', 'd'),
      mul('L', sub(mul(3, 'S'), 1)),
      mul('L', 'dv', sub(mul(2, 'S'), 1)),
    ),
  ),
  exactNote:
    'Per query: S scores of 2d − 1 ops, d multiplies to scale it, a softmax over S (3S − 1), dv outputs of 2S − 1 ops.',
};
