/**
 * Embedding (nn.Embedding(V, D)): looks up a D-vector per token id. Its input is the ids, [L]
 * (or any shape), its output [..., D]; V·D parameters. A lookup: no arithmetic.
 */
import { mul, ZERO } from '../expr';
import { commonSymbols, type LeafKind } from './kind';

export const embedding: LeafKind = {
  type: 'embedding',
  label: 'Embedding',
  category: 'linear',
  summary: 'Look up a learned vector per token id (nn.Embedding)',
  fields: [
    {
      name: 'vocab',
      kind: 'int',
      min: 1,
      required: true,
      label: 'Vocabulary',
      help: 'Number of embeddings V (num_embeddings)',
    },
    {
      name: 'dim',
      kind: 'int',
      min: 1,
      required: true,
      label: 'Dim',
      help: 'Size of each embedding D (embedding_dim)',
    },
  ],
  shape: (p, input) => ({ output: [...input, p.dim as number] }),
  symbols: (p, input, output, batch) =>
    commonSymbols(input, output, batch, { V: p.vocab as number, D: p.dim as number }),
  params: mul('V', 'D'),
  exact: ZERO,
  exactNote: 'A table lookup: no arithmetic.',
};
