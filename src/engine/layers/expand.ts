/**
 * Broadcast to a larger shape (x.expand(N, *shape); ONNX Expand): each dim of size 1 takes the
 * size given, others keep theirs (numpy rules, aligned at the last dim). `shape` leaves the batch out
 * and may be shorter than the input (a shorter ONNX target aligns with the last dims). A view: no
 * arithmetic.
 */
import { ZERO } from '../expr';
import { shapeText } from '../format/model';
import { broadcastShapes } from './dims';
import { commonSymbols, type LeafKind } from './kind';
import { say } from '../messages';

export const expand: LeafKind = {
  type: 'expand',
  label: 'Expand',
  category: 'shape',
  summary: 'Broadcast size-1 dims to the sizes given (x.expand, ONNX Expand)',
  fields: [
    {
      name: 'shape',
      kind: 'ints',
      min: 1,
      maxLength: 8,
      required: true,
      label: 'Shape',
      help: 'The sizes without the batch, aligned at the last dim; 1 keeps the input’s size',
    },
  ],
  shape(p, input) {
    const shape = p.shape as number[];
    if (shape.length > input.length)
      return {
        error: say('layer.expandRank', { shape: shapeText(shape), input: shapeText(input) }),
      };
    const r = broadcastShapes('expand', [input, shape]);
    if ('error' in r) return r;
    return { output: r.output };
  },
  symbols: (_p, input, output, batch) => commonSymbols(input, output, batch),
  params: ZERO,
  exact: ZERO,
  exactNote: 'A broadcast view: no arithmetic.',
};
