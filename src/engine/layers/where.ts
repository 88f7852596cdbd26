/**
 * Pick from x where a condition holds, else from y (torch.where(cond, x, y), x.masked_fill; ONNX
 * Where), with broadcasting. The inputs are named with `from` in that order (condition, x, y); a
 * number may stand for x or y (`x` / `y` fields: Where(mask, scores, −1e9)). A selection: no
 * arithmetic.
 */
import { ZERO } from '../expr';
import { broadcastShapes, sameRankError } from './dims';
import { commonSymbols, type LeafKind } from './kind';
import { say } from '../messages';

const operand = (name: 'x' | 'y') =>
  ({
    name,
    kind: 'number',
    label: name === 'x' ? 'x (number)' : 'y (number)',
    help: `A number as ${name === 'x' ? 'the value where the condition holds' : 'the value elsewhere'}; then that input is left out`,
  }) as const;

export const where: LeafKind = {
  type: 'where',
  label: 'Where',
  category: 'elementwise',
  summary: 'x where the condition holds, else y (torch.where, ONNX Where); name condition, x, y with from',
  fields: [operand('x'), operand('y')],
  arity: [1, 3],
  shape(p, _input, inputs) {
    const numbers = (p.x !== undefined ? 1 : 0) + (p.y !== undefined ? 1 : 0);
    if (inputs.length + numbers !== 3)
      return {
        error: say('layer.whereInputs', { n: inputs.length, m: numbers }),
      };
    if (inputs.length === 1) return { output: inputs[0] };
    const rank = sameRankError('where', inputs);
    return rank ? { error: rank } : broadcastShapes('where', inputs);
  },
  symbols: (_p, input, output, batch) => commonSymbols(input, output, batch),
  params: ZERO,
  exact: ZERO,
  exactNote: 'A selection, element by element: no arithmetic.',
};
