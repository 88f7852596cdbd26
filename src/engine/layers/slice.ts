/**
 * Slice along one dim (x[..., start:end:step], torch.narrow): Swin's patch merging takes
 * x[..., 0::2, 0::2, :], a YOLO Focus layer x[..., ::2, ::2]. Python's rules: negative indices
 * count from the end, an end past the size is the size. A view: no arithmetic.
 */
import { ZERO } from '../expr';
import { shapeText } from '../format/model';
import { dimField, dimIndex } from './dims';
import { commonSymbols, type LeafKind } from './kind';
import { say } from '../messages';

const BIG = 1_000_000_000;

export const slice: LeafKind = {
  type: 'slice',
  label: 'Slice',
  category: 'shape',
  summary: 'Take start:end:step along a dim (x[:, :, 0::2])',
  fields: [
    dimField('dim', 'Dim', 1, 'The dim to slice, as in PyTorch (1 = the first after the batch, -1 = the last)'),
    { name: 'start', kind: 'int', min: -BIG, default: 0, label: 'Start', help: 'First index (negative: from the end)' },
    {
      name: 'end',
      kind: 'int',
      min: -BIG,
      default: BIG,
      label: 'End',
      help: 'One past the last index (negative: from the end); default: to the end',
    },
    { name: 'step', kind: 'int', min: 1, default: 1, label: 'Step', help: 'Take every step-th element' },
  ],
  shape(p, input) {
    const at = dimIndex('slice', 'dim', p.dim as number, input.length);
    if (typeof at === 'string') return { error: at };
    const n = input[at];
    const clamp = (v: number) => Math.min(Math.max(v < 0 ? v + n : v, 0), n);
    const start = clamp(p.start as number);
    const end = clamp(p.end as number);
    const size = end > start ? Math.ceil((end - start) / (p.step as number)) : 0;
    if (size === 0)
      return {
        error: say('layer.sliceEmpty', {
          start: p.start as number,
          end: p.end as number,
          step: p.step as number,
          n,
          shape: shapeText(input),
        }),
      };
    const out = input.slice();
    out[at] = size;
    return { output: out };
  },
  symbols: (_p, input, output, batch) => commonSymbols(input, output, batch),
  params: ZERO,
  exact: ZERO,
  exactNote: 'A view: no arithmetic.',
};
