/** Transpose (x.transpose(1, 2)): swaps two dims, counted as in PyTorch (batch = 0, which stays). No arithmetic. */
import { ZERO } from '../expr';
import { dimField, dimIndex } from './dims';
import { commonSymbols, type LeafKind } from './kind';

const DIM = (name: string, label: string, dflt: number) =>
  dimField(name, label, dflt, 'A dim as in PyTorch: 1 = the first after the batch, -1 = the last');

export const transpose: LeafKind = {
  type: 'transpose',
  label: 'Transpose',
  category: 'shape',
  summary: 'Swap two dims (x.transpose(a, b)); dims count the batch as 0',
  fields: [DIM('dim0', 'Dim a', -2), DIM('dim1', 'Dim b', -1)],
  shape(p, input) {
    const a = dimIndex('transpose', 'dim0', p.dim0 as number, input.length);
    if (typeof a === 'string') return { error: a };
    const b = dimIndex('transpose', 'dim1', p.dim1 as number, input.length);
    if (typeof b === 'string') return { error: b };
    const out = input.slice();
    out[a] = input[b];
    out[b] = input[a];
    return { output: out };
  },
  symbols: (_p, input, output, batch) => commonSymbols(input, output, batch),
  params: ZERO,
  exact: ZERO,
  exactNote: 'A transpose moves data (or only strides); it does no arithmetic.',
};
