/** Repeat block: the body applied `times` times in sequence (stages of identical blocks). */
import { ZERO } from '../expr';
import type { BlockKind } from './block';
import { commonSymbols } from './kind';

export const repeat: BlockKind = {
  type: 'repeat',
  label: 'Repeat',
  category: 'block',
  summary: 'Apply the body several times in sequence',
  fields: [
    { name: 'times', kind: 'int', min: 1, required: true, label: 'Times', help: 'How many times the body runs' },
  ],
  listFields: [{ name: 'body', nested: false, required: true, help: 'Layers to repeat' }],
  mode: 'repeat',
  lists: (spec) => [{ key: 'body', layers: (spec.body as never[]) ?? [] }],
  combine: (_p, _input, outputs) => ({ output: outputs[outputs.length - 1] }),
  symbols: (p, input, output, batch) => commonSymbols(input, output, batch, { times: p.times as number }),
  exact: ZERO,
};
