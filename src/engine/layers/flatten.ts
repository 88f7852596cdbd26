/** Flatten (torch.nn.Flatten, start_dim 1): [C, H, W] → [C·H·W]. No arithmetic. */
import { ZERO } from '../expr';
import { commonSymbols, type LeafKind } from './kind';

export const flatten: LeafKind = {
  type: 'flatten',
  label: 'Flatten',
  category: 'shape',
  summary: 'Reshape a feature map to a flat vector',
  fields: [],
  shape: (_p, input) => ({ output: [input.reduce((a, b) => a * b, 1)] }),
  symbols: (_p, input, output, batch) => commonSymbols(input, output, batch),
  params: ZERO,
  exact: ZERO,
};
