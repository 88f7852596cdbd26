/**
 * Scale block: x · body(x) with broadcasting (squeeze-and-excitation). The body usually
 * ends in [C, 1, 1]; its output must broadcast to x. One multiply per output element.
 */
import { mul, sym } from '../expr';
import { shapeText } from '../format/model';
import type { BlockKind } from './block';
import { commonSymbols } from './kind';
import { say } from '../messages';

export const scale: BlockKind = {
  type: 'scale',
  label: 'Scale (SE)',
  category: 'block',
  summary: 'x multiplied by body(x), broadcast (squeeze-excite)',
  fields: [],
  listFields: [
    {
      name: 'body',
      nested: false,
      required: true,
      help: 'Layers computing the scale, e.g. pool → conv → relu → conv → sigmoid',
    },
  ],
  mode: 'parallel',
  lists: (spec) => [{ key: 'body', layers: (spec.body as never[]) ?? [] }],
  combine(_p, input, [gate]) {
    const ok = gate.length === input.length && gate.every((d, i) => d === input[i] || d === 1);
    if (!ok) return { error: say('layer.scaleBroadcast', { gate: shapeText(gate), shape: shapeText(input) }) };
    return { output: input };
  },
  symbols: (_p, input, output, batch) => commonSymbols(input, output, batch, { inputs: 2 }),
  exact: mul(sym('numel_out')),
  exactNote: 'One multiply per output element.',
};
