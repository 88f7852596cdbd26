/**
 * Matrix product of two activations (torch.matmul / `@` / torch.bmm), e.g. attention's Q·Kᵀ and
 * A·V. Each input is [..., n, k] and [..., k, m] without the batch; the leading dims broadcast,
 * so the result is [..., n, m] with B = the product of the leading dims (batch N apart). A
 * product with a weight matrix is a `linear` layer, not this.
 */
import { mul, sub, ZERO } from '../expr';
import { shapeText } from '../format/model';
import { broadcastShapes, prod, sameRankError } from './dims';
import { commonSymbols, type LeafKind } from './kind';
import { say } from '../messages';

export const matmul: LeafKind = {
  type: 'matmul',
  label: 'MatMul',
  category: 'linear',
  summary: 'Matrix product of two tensors (x @ y, torch.matmul, bmm); the inputs are named with from',
  fields: [
    {
      name: 'call',
      kind: 'enum',
      options: ['operator', 'function', 'method', 'bmm'],
      default: 'operator',
      label: 'Written as',
      help: 'How the PyTorch code writes it (x @ y, torch.matmul(x, y), x.matmul(y), torch.bmm(x, y)); counting tools that patch functions see only some forms',
    },
  ],
  arity: [2, 2],
  shape(_p, a, inputs) {
    const b = inputs[1];
    if (a.length < 2 || b.length < 2)
      return {
        error: say('layer.matmulRank', { a: shapeText(a), b: shapeText(b) }),
      };
    const rank = sameRankError('matmul', inputs);
    if (rank) return { error: rank };
    const k = a[a.length - 1];
    if (b[b.length - 2] !== k)
      return {
        error: say('layer.matmulInner', { a: shapeText(a), b: shapeText(b), k, k2: b[b.length - 2] }),
      };
    const lead = broadcastShapes('matmul', [a.slice(0, -2), b.slice(0, -2)]);
    if ('error' in lead) return lead;
    return { output: [...lead.output, a[a.length - 2], b[b.length - 1]] };
  },
  symbols(p, a, output, batch, inputs) {
    const b = inputs[1];
    return commonSymbols(a, output, batch, {
      B: prod(output, 0, output.length - 2),
      // The larger of the two inputs' leading volumes: onnx-tool's batch (conventions/onnx-tool.ts).
      Bv: Math.max(prod(a, 0, a.length - 2), prod(b, 0, b.length - 2)),
      n: a[a.length - 2],
      k: a[a.length - 1],
      m: b[b.length - 1],
      call_operator: p.call === 'operator' ? 1 : 0,
      call_function: p.call === 'function' ? 1 : 0,
      call_method: p.call === 'method' ? 1 : 0,
      call_bmm: p.call === 'bmm' ? 1 : 0,
    });
  },
  params: ZERO,
  macs: mul('N', 'B', 'n', 'k', 'm'),
  exact: mul('N', 'B', 'n', 'm', sub(mul(2, 'k'), 1)),
  exactNote: 'Per output element: k multiplies and k − 1 adds.',
};
