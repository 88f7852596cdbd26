/**
 * Values picked along a dim by an index tensor of the input's rank: torch.gather(x, dim, index),
 * ONNX GatherElements (out[i][j][k] = x[index[i][j][k]][j][k] for dim 0, and so on). The output has
 * the index's shape. The index is the second input (computed per sample: the indices of a TopK,
 * a target unsqueezed) or, known only by its shape, `indexShape` (a run-time constant). Dims count
 * the batch as 0, as in PyTorch. A copy: no arithmetic; no tool counts it (fvcore ignores
 * aten::gather, onnx-tool's GatherElementsNode has no cost, the others see no module or patch).
 */
import { ZERO } from '../expr';
import { dimField, dimIndex, sameRankError } from './dims';
import { commonSymbols, type LeafKind } from './kind';
import { say } from '../messages';

export const gather: LeafKind = {
  type: 'gather',
  label: 'Gather',
  category: 'shape',
  summary: 'Pick values along a dim by an index tensor of the same rank (torch.gather, ONNX GatherElements)',
  fields: [
    dimField('dim', 'Dim', 1, 'The dim the indices point along, as in PyTorch (1 = the first after the batch)'),
    {
      name: 'indexShape',
      kind: 'ints',
      min: 1,
      maxLength: 8,
      label: 'Index shape',
      help: 'The index tensor’s shape (without the batch) when it is not a second input; the output has it',
    },
  ],
  arity: [1, 2],
  shape(p, input, inputs) {
    const at = dimIndex('gather', 'dim', p.dim as number, input.length);
    if (typeof at === 'string') return { error: at };
    const index = inputs.length > 1 ? inputs[1] : (p.indexShape as number[] | undefined);
    if (!index) return { error: say('layer.gatherIndex') };
    const rank = sameRankError('gather', [input, index]);
    if (rank) return { error: rank };
    return { output: [...index] };
  },
  symbols: (_p, input, output, batch) => commonSymbols(input, output, batch),
  params: ZERO,
  exact: ZERO,
  exactNote: 'A copy of the values the indices point at: no arithmetic.',
};
