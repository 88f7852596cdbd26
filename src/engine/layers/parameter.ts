/**
 * A learned tensor used directly (nn.Parameter in a module's forward): a ViT's class token and
 * position embedding, a Swin relative-position bias table. It takes no input; its output has the
 * given shape (batch left out, as everywhere: `class_token.expand(n, -1, -1)` is a view) and
 * numel(shape) parameters — or buffers with `buffer` (a registered buffer such as a causal mask, a
 * constant an ONNX file reads in a Where). Other layers take it with `from`.
 */
import { mul, sub, ZERO } from '../expr';
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
    {
      name: 'buffer',
      kind: 'bool',
      default: false,
      label: 'Buffer',
      help: 'A stored constant, not learned (a registered buffer such as a causal mask): counted as buffers, not parameters',
    },
  ],
  arity: [0, 0],
  shape: (p) => ({ output: p.shape as number[] }),
  symbols: (p, _input, output, batch) =>
    commonSymbols(output, output, batch, { P: prod(output), bf: p.buffer ? 1 : 0 }),
  params: mul(sub(1, 'bf'), 'P'),
  buffers: mul('bf', 'P'),
  exact: ZERO,
  exactNote: 'A stored tensor: no arithmetic.',
};
