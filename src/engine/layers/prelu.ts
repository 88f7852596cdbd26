/**
 * PReLU (torch.nn.PReLU): x if x > 0 else a·x with a learnable slope a — one shared slope
 * (num_parameters = 1, the PyTorch default) or one per channel (num_parameters = C).
 *
 * Files from other frameworks store slopes of other shapes: ONNX's PRelu broadcasts its slope
 * against the input numpy-style (aligned on the last dim: a Keras-style [N, T, C] graph has
 * slopes [C]), Keras's PReLU has one slope per element except on its shared axes. `slopes` holds
 * that shape; the count is the same (one compare, one multiply per element), only the check differs.
 */
import { sym } from '../expr';
import type { Shape } from '../format/model';
import { elementwiseKind } from './elementwise';
import type { Params } from './kind';
import { say } from '../messages';

function slopesError(p: Params, input: Shape): string | null {
  const a = p.num_parameters as number;
  const slopes = p.slopes as number[] | undefined;
  if (!slopes?.length) return a === 1 || a === input[0] ? null : say('layer.preluChannels', { c: input[0], a });
  const numel = slopes.reduce((x, y) => x * y, 1);
  if (numel !== a) return say('layer.preluCount', { n: numel, a });
  // Numpy broadcasting of the slopes onto the input (the batch left out): aligned on the last dim.
  const fits =
    slopes.length <= input.length && slopes.every((d, k) => d === 1 || d === input[input.length - slopes.length + k]);
  return fits ? null : say('layer.preluBroadcast', { slopes: slopes.join(', '), shape: input.join(', ') });
}

export const prelu = elementwiseKind({
  type: 'prelu',
  label: 'PReLU',
  summary: 'LeakyReLU with a learnable slope (1 shared or 1 per channel)',
  opsPerElement: 2,
  exactNote: 'One comparison and one multiply (by the learned slope) per element.',
  fields: [
    {
      name: 'num_parameters',
      kind: 'int',
      min: 1,
      default: 1,
      label: 'Slopes',
      help: 'Number of learnable slopes: 1 (shared, PyTorch default) or the channel count',
    },
    {
      name: 'slopes',
      kind: 'ints',
      min: 1,
      maxLength: 8,
      label: 'Slope shape',
      help: 'Shape of the slopes when not one per channel (ONNX, Keras): broadcast numpy-style against the input, without the batch',
    },
  ],
  params: sym('A'),
  check: slopesError,
  symbols: (p) => ({ A: p.num_parameters as number }),
});
