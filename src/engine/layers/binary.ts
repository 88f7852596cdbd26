/**
 * Builder of the element-wise binary kinds (add, sub, mul, div) on tensors that broadcast, as
 * `x + y` does in PyTorch. Each kind still has its own file stating its op. `k` is the number of
 * operands: an n-ary sum (Caffe's Eltwise with three bottoms) is k − 1 adds per output element.
 * A `scalar` is a number as one more operand (`x * 0.125`, `x.mul(0.125)`, `x + 1`): then one
 * input is enough.
 */
import { mul, sub, ZERO } from '../expr';
import { callField, callSymbols } from './call';
import { broadcastShapes, sameRankError } from './dims';
import { commonSymbols, type LeafKind } from './kind';
import type { Shape } from '../format/model';
import { say } from '../messages';

/**
 * Per image, the element count ptflops and DeepSpeed compute for torch.add / torch.mul: they
 * build the "broadcast" shape by aligning dims from the left (final[i] = max(a[i], b[i])), not
 * from the right as PyTorch does, so [L, D] + [D] would count max(L, D)·D. (Inputs here have
 * equal ranks, where both alignments agree.) k inputs are k − 1 calls (((a + b) + c) …), each on
 * the running result, so a small intermediate ([C, 1, 1] + [C, 1, 1]) counts small. (ptflops pytorch_ops.py
 * _elementwise_tensor_flops_hook; DeepSpeed profiler.py _elementwise_flops_compute; read in
 * their sources, see docs/conventions.md.)
 */
export function leftAligned(inputs: readonly Shape[], scalar = false): number {
  let acc: Shape = inputs[0];
  let total = 0;
  for (let j = 1; j < inputs.length; j++) {
    const b = inputs[j];
    let n = 1;
    for (let i = 0; i < Math.max(acc.length, b.length); i++) n *= Math.max(acc[i] ?? 1, b[i] ?? 1);
    total += n;
    const next = broadcastShapes('', [acc, b]);
    if ('error' in next) return total;
    acc = next.output;
  }
  // A Python number as the last operand: the running result's own numel.
  if (scalar) total += acc.reduce((a, b) => a * b, 1);
  return total;
}

export function binaryKind(k: {
  type: string;
  label: string;
  summary: string;
  /** The PyTorch forms, for the `call` field's help. */
  examples: string;
  /** Most inputs: 2 for sub and div, more for add and mul. */
  maxInputs: number;
  exactNote: string;
}): LeafKind {
  return {
    type: k.type,
    label: k.label,
    category: 'elementwise',
    summary: k.summary,
    fields: [
      callField(k.examples),
      {
        name: 'scalar',
        kind: 'number',
        label: 'Scalar',
        help: 'A number as the other operand (x * 0.125, x + 1); then one input is enough',
      },
    ],
    arity: [1, k.maxInputs],
    shape(p, _input, inputs) {
      const scalar = p.scalar !== undefined;
      if (inputs.length + (scalar ? 1 : 0) > k.maxInputs)
        return { error: say('layer.maxOperands', { type: k.type, max: k.maxInputs, n: inputs.length }) };
      if (inputs.length === 1 && !scalar)
        return {
          error: say(k.maxInputs > 2 ? 'layer.binaryTooFewOrMore' : 'layer.binaryTooFew', { type: k.type }),
        };
      if (inputs.length === 1) return { output: inputs[0] };
      const rank = sameRankError(k.type, inputs);
      return rank ? { error: rank } : broadcastShapes(k.type, inputs);
    },
    symbols: (p, input, output, batch, inputs) =>
      commonSymbols(
        input,
        output,
        batch,
        callSymbols(p.call, {
          k: inputs.length + (p.scalar !== undefined ? 1 : 0),
          lalign: leftAligned(inputs, p.scalar !== undefined),
        }),
      ),
    params: ZERO,
    exact: mul(sub('k', 1), 'numel_out'),
    exactNote: k.exactNote,
  };
}
