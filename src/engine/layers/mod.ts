/**
 * The remainder of an element-wise division: torch.remainder (x % y, the sign of the divisor, as
 * Python) or torch.fmod (`fmod`: the sign of the dividend, as C); ONNX Mod (its fmod attribute).
 * Two tensors with broadcasting (named with `from`), or one tensor and a number (`scalar`: x % 2).
 * One operation per output element, a remainder being one division-class instruction.
 *
 * How the PyTorch code writes it changes no tool's count: none hooks, patches or handles it (read in
 * each tool's source, see the conventions' notes), so the kind has no `call`.
 */
import { mul, ZERO } from '../expr';
import { commonSymbols, type LeafKind } from './kind';
import { twoOperandShape } from './compare';

export const mod: LeafKind = {
  type: 'mod',
  label: 'Mod',
  category: 'elementwise',
  summary: 'Element-wise remainder: x % y (torch.remainder) or torch.fmod; ONNX Mod',
  fields: [
    {
      name: 'fmod',
      kind: 'bool',
      default: false,
      label: 'fmod',
      help: 'The sign of the dividend (torch.fmod, C); off: the sign of the divisor (x % y, torch.remainder, Python)',
    },
    {
      name: 'scalar',
      kind: 'number',
      label: 'Scalar',
      help: 'A number as the divisor (x % 2); then one input is enough',
    },
  ],
  arity: [1, 2],
  shape: (p, _input, inputs) => twoOperandShape('mod', p.scalar !== undefined, inputs),
  symbols: (_p, input, output, batch) => commonSymbols(input, output, batch),
  params: ZERO,
  exact: mul(1, 'numel_out'),
  exactNote: 'A remainder is one operation per output element.',
};
