/**
 * An operator an imported file holds that FlopLab cannot count ("not counted"): a custom op, a
 * detection post-process, an op no layer kind models. It keeps the place, the inputs and the
 * output shape the file states, so every layer after it is still counted, and it carries the
 * weights the file stores for it (those are parameters whatever the op does). Its compute is
 * unknown, not zero: the row says "not counted" and the totals say "partial" (ModelResult.
 * notCounted), in the app, the CLI and the exports.
 */
import { sym, ZERO } from '../expr';
import { shapeText } from '../format/model';
import { commonSymbols, type LeafKind } from './kind';
import { say } from '../messages';

/** The characters `op` allows (letters, digits, . : / @ + - and space), at most `max`. */
export const opaqueOpName = (s: string, max = 80): string => s.replace(/[^\w.:/@+ -]/g, '_').slice(0, max) || 'unknown';

export const opaque: LeafKind = {
  type: 'opaque',
  label: 'Not counted',
  category: 'shape',
  summary: 'An operator from a file that no layer kind models: shape and weights kept, compute not counted',
  fields: [
    {
      name: 'op',
      kind: 'text',
      pattern: /^[\w.:/@+ -]{1,80}$/, // opaqueOpName makes any name fit
      maxLength: 80,
      rule: 'the operator’s name in its file, e.g. "NonMaxSuppression" or "CUSTOM:TFLite_Detection_PostProcess"',
      default: 'custom',
      label: 'Operator',
      help: 'The operator as the file names it (its format’s op type)',
    },
    {
      name: 'shape',
      kind: 'ints',
      min: 1,
      maxLength: 8,
      label: 'Output shape',
      help: 'The output shape the file states, without the batch; empty: the same as the first input',
    },
    {
      name: 'params',
      kind: 'int',
      min: 0,
      default: 0,
      label: 'Weights',
      help: 'Elements of the weights the file stores for this operator (counted as parameters)',
    },
  ],
  arity: [1, 16],
  shape(p, input) {
    const want = p.shape as number[] | undefined;
    if (!want) return { output: input };
    if (want.length === 0) return { error: say('layer.opaqueEmpty', { op: p.op as string, shape: shapeText(input) }) };
    return { output: want };
  },
  symbols: (p, input, output, batch) => commonSymbols(input, output, batch, { P: p.params as number }),
  params: sym('P'),
  exact: ZERO,
  exactNote:
    'Not counted: FlopLab has no formula for this operator, so no convention counts it and the totals are partial. Its output shape and weights are the file’s.',
};

/** Rows whose compute is unknown (see `opaque`): their counts are not zeros but "not counted". */
export const NOT_COUNTED_TYPE = opaque.type;
