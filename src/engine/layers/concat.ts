/**
 * Channel concatenation of branches (torch.cat(dim=1)); an empty branch is the identity
 * (DenseNet). No arithmetic: it only copies.
 */
import { ZERO } from '../expr';
import { shapeText } from '../format/model';
import type { BlockKind } from './block';
import { commonSymbols } from './kind';
import { say } from '../messages';

export const concat: BlockKind = {
  type: 'concat',
  label: 'Concat',
  category: 'block',
  summary: 'Concatenate branch outputs along channels; empty branch = identity',
  fields: [],
  listFields: [{ name: 'branches', nested: true, required: true, help: 'One layer list per branch (at least one)' }],
  mode: 'parallel',
  lists: (spec) => ((spec.branches as never[][]) ?? []).map((layers, i) => ({ key: `branches[${i}]`, layers })),
  combine(_p, _input, outputs) {
    if (outputs.length === 0) return { error: say('layer.concatNone') };
    const first = outputs[0];
    if (first.length !== 3 && outputs.length > 1)
      return { error: say('layer.concatMaps', { shape: shapeText(first) }) };
    for (let i = 1; i < outputs.length; i++) {
      const o = outputs[i];
      if (o.length !== first.length || o[1] !== first[1] || o[2] !== first[2])
        return {
          error: say('layer.concatSpatial', { i, shape: shapeText(o), first: shapeText(first) }),
        };
    }
    const channels = outputs.reduce((s, o) => s + o[0], 0);
    return { output: [channels, ...first.slice(1)] };
  },
  symbols: (_p, input, output, batch, outputs) => commonSymbols(input, output, batch, { inputs: outputs.length }),
  exact: ZERO,
  exactNote: 'Concatenation copies; it does no arithmetic.',
};
