/**
 * The nodes an imported ONNX file computes without the input's values — shape arithmetic (Shape →
 * Gather → Div → Unsqueeze → Concat → a Reshape's target), pad lists — which the importer folds
 * into constants, as bookkeeping on a few integers, not work on a tensor. onnx-tool folds nothing
 * (model_profile's constant_folding is False) and counts each such node by its rule in
 * onnx_tool/node.py on those tiny tensors. This row carries that count (`macs`, summed by the
 * importer, src/engine/import/onnx/shape-arith.ts) so the onnx-tool convention prints the tool's
 * total; it passes its input through, has no parameters, and every other convention counts 0.
 */
import { sym, ZERO } from '../expr';
import { commonSymbols, type LeafKind } from './kind';

export const shapeops: LeafKind = {
  type: 'shapeops',
  label: 'Shape arithmetic',
  category: 'shape',
  summary:
    'The shape arithmetic an imported ONNX file folds into constants (Shape → Gather → Concat …): counted by onnx-tool only',
  fields: [
    {
      name: 'macs',
      kind: 'int',
      min: 0,
      default: 0,
      label: 'onnx-tool MACs',
      help: 'onnx-tool’s MACs of the folded nodes, at the batch the file was imported with (a batch change does not scale it)',
    },
    {
      name: 'ops',
      kind: 'text',
      pattern: /^[\w ×,.:()-]{1,200}$/,
      maxLength: 200,
      rule: 'the counted nodes by op type, e.g. "Add ×13, Div ×13, Mul ×26"',
      default: 'shape arithmetic',
      label: 'Ops',
      help: 'The folded nodes onnx-tool counts, by op type',
    },
  ],
  shape: (_p, input) => ({ output: input }),
  symbols: (p, input, output, batch) => commonSymbols(input, output, batch, { M: p.macs as number }),
  params: ZERO,
  exact: ZERO,
  exactNote:
    'Shape bookkeeping (a few integers computed from tensor shapes: reshape targets, pad sizes), not tensor work: 0. FlopLab folds it into constants; only onnx-tool counts it.',
};

/** onnx-tool's count of the folded shape arithmetic: the row's `macs`. */
export const SHAPEOPS_MACS = sym('M');
