/**
 * Auxiliary (training-only) head: a side branch that reads the block's input, whose output is
 * dropped, and that runs only in training — Inception v3's AuxLogits, GoogLeNet's aux1/aux2.
 * Its parameters are part of the model (torchvision's `num_params` counts them); inference
 * does not run it, so the evaluator reports its layers' shapes and parameters with zero
 * compute (`trainingOnly`), matching eval-mode counts such as torchvision's `_ops`.
 */
import { ZERO } from '../expr';
import type { BlockKind } from './block';
import { commonSymbols } from './kind';

export const aux: BlockKind = {
  type: 'aux',
  label: 'Auxiliary head',
  category: 'block',
  summary: 'Training-only side branch: parameters count, no inference compute; passes its input on',
  fields: [],
  listFields: [
    {
      name: 'body',
      nested: false,
      required: true,
      help: 'Layers of the side branch (e.g. pool → conv → conv → pool → flatten → linear); its output is dropped',
    },
  ],
  mode: 'parallel',
  trainingOnly: true,
  lists: (spec) => [{ key: 'body', layers: (spec.body as never[]) ?? [] }],
  combine: (_p, input) => ({ output: input }),
  symbols: (_p, input, output, batch) => commonSymbols(input, output, batch),
  exact: ZERO,
  exactNote: 'Runs only in training: no inference arithmetic.',
};
