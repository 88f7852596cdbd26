/**
 * Cyclic shift along dims (torch.roll(x, shifts, dims)): Swin's shifted windows. Dims count the
 * batch as 0; `shifts` pairs with `dims`. A copy: no arithmetic.
 */
import { ZERO } from '../expr';
import { dimIndex } from './dims';
import { commonSymbols, type LeafKind } from './kind';
import { say } from '../messages';

export const roll: LeafKind = {
  type: 'roll',
  label: 'Roll',
  category: 'shape',
  summary: 'Cyclic shift along dims (torch.roll), as Swin shifts its windows',
  fields: [
    {
      name: 'shifts',
      kind: 'ints',
      min: -1_000_000_000,
      maxLength: 8,
      required: true,
      label: 'Shifts',
      help: 'Shift per dim, e.g. -3, -3',
    },
    {
      name: 'dims',
      kind: 'ints',
      min: -9,
      maxLength: 8,
      required: true,
      label: 'Dims',
      help: 'The dims shifted, as in PyTorch (1, 2 = H and W of [H, W, C])',
    },
  ],
  shape(p, input) {
    const dims = p.dims as number[];
    if ((p.shifts as number[]).length !== dims.length)
      return {
        error: say('layer.rollShifts', { n: (p.shifts as number[]).length, m: dims.length }),
      };
    for (const d of dims) {
      const i = dimIndex('roll', 'dims', d, input.length);
      if (typeof i === 'string') return { error: i };
    }
    return { output: input };
  },
  symbols: (_p, input, output, batch) => commonSymbols(input, output, batch),
  params: ZERO,
  exact: ZERO,
  exactNote: 'A cyclic copy of the same elements: no arithmetic.',
};
