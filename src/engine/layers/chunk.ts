/**
 * One piece of torch.chunk along channels (`x.chunk(chunks, dim=1)[index]`), as ShuffleNetV2
 * splits its input between the identity half and the branch. Pieces have ceil(C/chunks)
 * channels, the last one fewer when C does not divide. A view: no parameters, no arithmetic.
 */
import { ZERO } from '../expr';
import { commonSymbols, needsMap, type LeafKind } from './kind';
import { say } from '../messages';

export const chunk: LeafKind = {
  type: 'chunk',
  label: 'Chunk',
  category: 'shape',
  summary: 'Keep one of the channel chunks (torch.chunk on channels)',
  fields: [
    {
      name: 'chunks',
      kind: 'int',
      min: 1,
      required: true,
      label: 'Chunks',
      help: 'Number of pieces to split the channels into',
    },
    { name: 'index', kind: 'int', min: 0, default: 0, label: 'Index', help: 'Which piece to keep (0 = first)' },
  ],
  shape(p, input) {
    const bad = needsMap('chunk', input);
    if (bad) return { error: bad };
    const [c, h, w] = input;
    const n = p.chunks as number;
    const i = p.index as number;
    const size = Math.ceil(c / n);
    const from = i * size;
    const to = Math.min(from + size, c);
    if (from >= c)
      return {
        error: say('layer.chunkNoPiece', { c, size, n: Math.ceil(c / size), i }),
      };
    return { output: [to - from, h, w] };
  },
  symbols: (p, input, output, batch) => commonSymbols(input, output, batch, { chunks: p.chunks as number }),
  params: ZERO,
  exact: ZERO,
  exactNote: 'A view of some channels: no arithmetic.',
};
