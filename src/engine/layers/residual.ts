/**
 * Residual block: body(x) + shortcut(x); an absent or empty shortcut is the identity.
 * The add costs one op per output element (exact); PyTorch tools see `out += identity` and
 * count 0 (shared/reference/conventions.md, "Blocks").
 */
import { mul, sym } from '../expr';
import { shapeText } from '../format/model';
import type { BlockKind } from './block';
import { commonSymbols } from './kind';
import { say } from '../messages';

export const residual: BlockKind = {
  type: 'residual',
  label: 'Residual',
  category: 'block',
  summary: 'body(x) + shortcut(x); empty shortcut = identity',
  fields: [],
  listFields: [
    { name: 'body', nested: false, required: true, help: 'Layers of the main path' },
    { name: 'shortcut', nested: false, required: false, help: 'Layers of the skip path; absent or empty = identity' },
  ],
  mode: 'parallel',
  lists: (spec) => [
    { key: 'body', layers: (spec.body as never[]) ?? [] },
    { key: 'shortcut', layers: (spec.shortcut as never[]) ?? [] },
  ],
  combine(_p, _input, [body, shortcut]) {
    if (body.length !== shortcut.length || body.some((d, i) => d !== shortcut[i]))
      return {
        error: say('layer.residualShapes', { body: shapeText(body), shortcut: shapeText(shortcut) }),
      };
    return { output: body };
  },
  symbols: (_p, input, output, batch) => commonSymbols(input, output, batch, { inputs: 2 }),
  exact: mul(sym('numel_out')),
  exactNote: 'One add per output element.',
};
