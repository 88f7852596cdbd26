/**
 * A learned tensor used directly (nn.Parameter in a module's forward): a ViT's class token and
 * position embedding, a Swin relative-position bias table. It takes no input; its output has the
 * given shape (batch left out, as everywhere: `class_token.expand(n, -1, -1)` is a view) and
 * numel(shape) parameters. Other layers take it with `from`.
 */
import { sym, ZERO } from '../expr';
import { commonSymbols, type LeafKind } from './kind';
import { prod } from './dims';

export const parameter: LeafKind = {
  type: 'parameter',
  label: 'Parameter',
  category: 'shape',
  summary: 'A learned tensor (class token, position embedding); other layers take it with from',
  fields: [
    {
      name: 'shape',
      kind: 'ints',
      min: 1,
      maxLength: 8,
      required: true,
      label: 'Shape',
      help: 'Its shape without the batch, e.g. 1, 768 for a class token or 197, 768 for a position embedding',
    },
  ],
  arity: [0, 0],
  shape: (p) => ({ output: p.shape as number[] }),
  symbols: (_p, _input, output, batch) => commonSymbols(output, output, batch, { P: prod(output) }),
  params: sym('P'),
  exact: ZERO,
  exactNote: 'A stored tensor: no arithmetic.',
};
