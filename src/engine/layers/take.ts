/**
 * Values taken along a dim by an index tensor computed at run time (numpy.take(x, idx, axis); ONNX
 * Gather whose indices are not constants; x[:, idx] in PyTorch with a tensor idx). Only the index
 * tensor's shape is known before running, and it is all the output needs: the dim is replaced by
 * that shape (a scalar index drops it). Dims count the batch as 0, as in PyTorch; the index tensor
 * has no batch of its own. A copy: no arithmetic. Constant indices are the select and indexselect kinds.
 */
import { ZERO } from '../expr';
import { dimField, dimIndex } from './dims';
import { commonSymbols, type LeafKind } from './kind';
import { say } from '../messages';

export const take: LeafKind = {
  type: 'take',
  label: 'Take',
  category: 'shape',
  summary: 'Take values along a dim by run-time indices of a known shape (ONNX Gather, numpy.take)',
  fields: [
    dimField('dim', 'Dim', 1, 'The dim, as in PyTorch (1 = the first after the batch)'),
    {
      name: 'indexShape',
      kind: 'ints',
      min: 1,
      maxLength: 8,
      label: 'Index shape',
      help: 'The shape of the index tensor, which takes the dim’s place; empty: one index, the dim is dropped',
    },
  ],
  shape(p, input) {
    const at = dimIndex('take', 'dim', p.dim as number, input.length);
    if (typeof at === 'string') return { error: at };
    const idx = (p.indexShape as number[] | undefined) ?? [];
    const out = [...input.slice(0, at), ...idx, ...input.slice(at + 1)];
    if (out.length > 8) return { error: say('layer.takeTooManyDims', { n: out.length + 1 }) };
    return { output: out.length ? out : [1] };
  },
  symbols: (_p, input, output, batch) => commonSymbols(input, output, batch),
  params: ZERO,
  exact: ZERO,
  exactNote: 'A copy of the values the indices point at: no arithmetic.',
};
