/**
 * A power with a computed exponent: x ** y of two tensors with broadcasting (torch.pow(x, y); ONNX
 * Pow of two computed inputs), or base ** x with a constant base (torch.pow(2, x); ONNX Pow of a
 * constant base), or x ** y with y fed at run time (`fed_exponent`: ONNX Pow whose exponent is a graph
 * input read as a run-time constant, values unknown, broadcasting to x: the one input is x). x ** constant
 * is the unary kind's pow (unary.ts), which counts its multiplies; an exponent of unknown values has no
 * multiplies to count, so it is a pow evaluation per element, as two tensors are.
 */
import { mul, ZERO } from '../expr';
import { broadcastShapes, sameRankError } from './dims';
import { commonSymbols, type LeafKind } from './kind';
import { say } from '../messages';

export const pow: LeafKind = {
  type: 'pow',
  label: 'Pow',
  category: 'elementwise',
  summary: 'x ** y of two tensors (torch.pow(x, y)), or base ** x with a number as the base; name them with from',
  fields: [
    {
      name: 'base',
      kind: 'number',
      label: 'Base',
      help: 'A number as the base (2 ** x): then the one input is the exponent',
    },
    {
      name: 'fed_exponent',
      kind: 'bool',
      default: false,
      label: 'Exponent fed at run time',
      help: 'x ** y with y a tensor fed at run time (not a layer input) that broadcasts to x: the one input is x, the output its shape',
    },
  ],
  arity: [1, 2],
  shape(p, _input, inputs) {
    if (p.fed_exponent) {
      if (p.base !== undefined || inputs.length !== 1) return { error: say('layer.powFed') };
      return { output: inputs[0] };
    }
    if (p.base !== undefined) return inputs.length === 1 ? { output: inputs[0] } : { error: say('layer.powBase') };
    if (inputs.length !== 2) return { error: say('layer.powInputs') };
    const rank = sameRankError('pow', inputs);
    return rank ? { error: rank } : broadcastShapes('pow', inputs);
  },
  symbols: (_p, input, output, batch) => commonSymbols(input, output, batch),
  params: ZERO,
  exact: mul(1, 'numel_out'),
  exactNote: 'One evaluation of pow per output element, counted once as exp is (unary.ts).',
};
