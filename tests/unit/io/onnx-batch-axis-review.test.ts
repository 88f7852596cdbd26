/**
 * An adversarial review of src/engine/import/onnx/batch-axis.ts (values whose batch is not a dim
 * of their own) and the input detection in unbatched-inputs.ts. Two kinds of check:
 * - graphs built with onnx.helper and run by onnxruntime (scripts/fixtures/onnx_batch_axis_review.py
 *   → tests/fixtures/onnx-batch-axis-review.jsonl): the output shape FlopLab gives, read as the file
 *   shows it, must be onnxruntime's, and a MatMul after it must count onnxruntime's output elements
 *   × the inner dim (onnx/docs/Operators.md MatMul);
 * - hand-built graphs (onnx-build.ts) against the same computation written batch-first, which the
 *   importer maps without batch-axis.ts.
 * The silent wrong answers the review found (each comment says the input, what ONNX gives and what
 * FlopLab gave) are fixed; their tests stay as regressions.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { importOnnx } from '../../../src/engine/import/onnx';
import { evaluateModel } from '../../../src/engine/evaluate';
import { CONVENTION_IDS } from '../../../src/engine/conventions/registry';
import { onnx, type N } from './onnx-build';

interface Line {
  readonly name: string;
  readonly ort: number[][];
  readonly model: string;
}

const LINES: Line[] = readFileSync(path.resolve(__dirname, '../../fixtures/onnx-batch-axis-review.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => JSON.parse(l) as Line);

function run(bytes: Uint8Array) {
  const r = importOnnx(bytes, 't.onnx');
  if (!r.ok) throw new Error(r.error);
  return { r, e: evaluateModel(r.model, { conventions: CONVENTION_IDS }) };
}

/**
 * The output shapes as the file shows them: an output listed in meta.outputsWithoutBatch is the
 * file's whole; Swin's windows at batch 2 (merged: batch B × [d0, …] is the file's [B·d0, …]);
 * any other is batch × shape.
 */
function fileShapes(c: Line) {
  const { r, e } = run(new Uint8Array(Buffer.from(c.model, 'base64')));
  // meta is free-form (format/model.ts); the importer writes a list of output places (onnx/index.ts).
  const whole = (r.model.meta?.outputsWithoutBatch ?? []) as number[];
  const merged = c.name.startsWith('windows_b2_');
  const shapes = e.outputs.map((o, i) =>
    !o.shape
      ? null
      : whole.includes(i)
        ? o.shape
        : merged
          ? [e.batch * o.shape[0], ...o.shape.slice(1)]
          : [e.batch, ...o.shape],
  );
  return { e, shapes };
}

/**
 * Found by the review and fixed (batch-axis.ts): a Pad of the merged dim 0 at batch 2 was applied
 * per sample (now not counted, with the ops below); MatMul(x[0], x) and x[0] + a [1, F] constant
 * lost a leading 1 (operands now given the widest rank); Unsqueeze at −3 of a batch of one was
 * taken for the batch's axis (negative axes now count the output's rank).
 */
/**
 * Ops along the merged dim 0 at batch 2: batch-first they would mix samples. These files fix the
 * batch at 2, so the importer reads the whole graph as one sample (onnx/index.ts, `oneSampleIfBetter`)
 * and the op is counted on the tensor the file has, said in a notice. With a batch given at import
 * (a symbolic batch set to 2) they stay not counted (onnx-batch-axis.test.ts).
 */
const MIXING = LINES.filter(
  (c) => c.name.startsWith('windows_b2_') && !/linear/.test(c.name) && (!/pad/.test(c.name) || /dim0/.test(c.name)),
);

describe('onnxruntime’s output shapes (tests/fixtures/onnx-batch-axis-review.jsonl)', () => {
  const regular = LINES.filter((c) => !MIXING.includes(c));
  it.each(regular.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const { e, shapes } = fileShapes(c);
    expect(e.errors).toBe(0);
    expect(e.notCounted).toEqual([]);
    expect(shapes).toEqual(c.ort);
    // A MatMul by [2, 3] last: onnxruntime's output elements × 2 multiply-adds each.
    const lin = e.rows.find((x) => x.type === 'linear');
    if (lin) expect(lin.macs).toBe(BigInt(c.ort[0].reduce((a, b) => a * b, 1) * 2));
  });

  it.each(MIXING.map((c) => [c.name, c] as const))('%s: read whole, as one sample, never per sample', (_n, c) => {
    const { r, e } = run(new Uint8Array(Buffer.from(c.model, 'base64')));
    expect(e.errors).toBe(0);
    expect(e.notCounted).toEqual([]);
    expect(e.batch).toBe(1);
    expect(r.ok && r.warnings[0]).toMatch(/the whole graph is read as one sample, batch 1/);
    // The output shapes as the file has them (an output the graph gave a leading 1 again is batch-first): onnxruntime's.
    const whole = (r.ok ? (r.model.meta?.outputsWithoutBatch ?? []) : []) as number[];
    expect(e.outputs.map((o, i) => (whole.includes(i) ? o.shape : [e.batch, ...(o.shape ?? [])]))).toEqual(c.ort);
  });
});

type Graph = Parameters<typeof onnx>[0];

function load(g: Graph) {
  return run(onnx({ opset: 17, ...g }));
}
const counts = (t: ReturnType<typeof load>['e']['totals']) => ({ ...t, activations: 0n });
const x0: N[] = [
  { op: 'Constant', in: [], out: ['i0'], attrs: { value: { t: { dims: [], ints: [0] } } } },
  { op: 'Gather', in: ['x', 'i0'], out: ['m'], attrs: { axis: 0 } },
];

describe('Softmax’s axis on a merged value, by opset (onnx/docs/Changelog.md Softmax-11, Softmax-13)', () => {
  // Softmax-11 coerces its input to 2-D at `axis` (default 1): on the file's [3, 4, 6] that is 3
  // vectors of 24; the reference writes that as a reshape to [1, 3, 24] and a softmax over the last dim.
  const reference: Graph = {
    input: [1, 3, 4, 6],
    ints: { s: [1, 3, 24] },
    nodes: [
      { op: 'Reshape', in: ['x', 's'], out: ['r'] },
      { op: 'Softmax', in: ['r'], out: ['y'], attrs: { axis: -1 } },
    ],
  };

  // x [1, 3, 4, 6], Softmax-11 (no axis) of x[0]: 3 vectors of 24 (the softmax kind: vectors ·
  // (3F − 1) = 213 FLOPs in the default convention); FlopLab rewrote the missing axis as −1 (fixed) (the
  // opset-13 default): 12 vectors of 6, 204. batch-axis-ops.ts AXIS_ATTR `Softmax: -1` (and
  // LogSoftmax, Hardmax) is the opset-13 default; before 13 it is 1, coerced to 2-D.
  it('opset 11, no axis: the default axis 1 (every dim after the first), as the file means', () => {
    const { e } = load({ opset: 11, input: [1, 3, 4, 6], nodes: [...x0, { op: 'Softmax', in: ['m'], out: ['y'] }] });
    const want = load({ ...reference, opset: 13 }).e;
    expect(e.notCounted).toEqual([]);
    expect(counts(e.totals)).toEqual(counts(want.totals));
  });

  it('opset 13, axis −1 of x[0]: the same vectors as the batch-first softmax over the last dim', () => {
    const { e } = load({
      input: [1, 3, 4, 6],
      nodes: [...x0, { op: 'Softmax', in: ['m'], out: ['y'], attrs: { axis: -1 } }],
    });
    const want = load({ input: [1, 3, 4, 6], nodes: [{ op: 'Softmax', in: ['x'], out: ['y'], attrs: { axis: 3 } }] }).e;
    expect(e.errors).toBe(0);
    expect(counts(e.totals)).toEqual(counts(want.totals));
  });

  // Outside the change (math-ops.ts, `case 'Softmax'`): a Softmax-13 with no axis attribute is the
  // softmax kind's default dim 1, where ONNX's default is −1. x [1, 4, 6]: ONNX 4 vectors of 6 (68
  // FLOPs), FlopLab 6 vectors of 4 (66).
  it('outside the change: a batch-first Softmax-13 without axis takes ONNX’s −1', () => {
    const { e } = load({ input: [1, 4, 6], nodes: [{ op: 'Softmax', in: ['x'], out: ['y'] }] });
    const want = load({ input: [1, 4, 6], nodes: [{ op: 'Softmax', in: ['x'], out: ['y'], attrs: { axis: -1 } }] }).e;
    expect(counts(e.totals)).toEqual(counts(want.totals));
  });
});

describe('unbatched-inputs.ts: inputs that do have a batch dim', () => {
  const conv: N = { op: 'Conv', in: ['x', 'W'], out: ['c'], attrs: { kernel_shape: [3, 3] } };
  // torch.stack([x, x]) of the input: Unsqueeze(x, 0) twice and a Concat along 0 (a test-time
  // augmentation wrapper writes that), next to the network on x itself.
  const stack: N[] = [
    { op: 'Unsqueeze', in: ['x', 'a0'], out: ['u'] },
    { op: 'Concat', in: ['u', 'u'], out: ['s'], attrs: { axis: 0 } },
  ];

  // x [1, 3, 8, 8] read by a Conv [4, 3, 3, 3] and by an Unsqueeze at 0: unbatchedInputs flagged x (fixed: an input a Conv reads has its batch) as
  // an image without a batch dim (any Unsqueeze(x, [0]) does, unbatched-inputs.ts, the `axes[0] === 0`
  // test), so the Conv reads a "merged" [1·1, 3, 8, 8] and is not counted (PER_MAP): 0 of its
  // 3888 multiply-adds (4·6·6 outputs × 27), partial. Before the change it was counted.
  it('[1, 3, 8, 8] read by a Conv and stacked: the Conv is counted as without the stack', () => {
    const { r, e } = load({
      input: [1, 3, 8, 8],
      ints: { a0: [0] },
      weights: { W: [4, 3, 3, 3] },
      nodes: [conv, ...stack],
      outputs: ['c', 's'],
    });
    const want = load({ input: [1, 3, 8, 8], weights: { W: [4, 3, 3, 3] }, nodes: [conv] }).e;
    expect(e.rows.find((x) => x.type === 'conv2d')?.macs).toBe(want.rows.find((x) => x.type === 'conv2d')?.macs);
    expect(r.ok && r.warnings.join('\n')).not.toMatch(/has no batch dim/);
  });

  // x [N, 8, 16] (symbolic batch), MatMul by [16, 4], and stacked as above. Flagged unbatched, x
  // becomes [1, N, 8, 16] and N takes inputs.ts's default for dim 1 of a 4-D input, 3 (an image's
  // channels), said as "N = 3": the MatMul counts 3·8·4·16 = 1536 multiply-adds where a symbolic
  // batch is 1 everywhere else (512). unbatched-inputs.ts flagged it (fixed: only a [C, H, W] image with C fixed at 1, 3 or 4); inputs.ts `defaultSize(i, r)`
  // then sizes the batch as a channel dim.
  it('[N, 8, 16] with a symbolic batch, stacked: N stays the batch, 1 by default', () => {
    const w = { W: [16, 4] };
    const mm: N = { op: 'MatMul', in: ['x', 'W'], out: ['y'] };
    const { r, e } = load({
      input: ['N', 8, 16],
      ints: { a0: [0] },
      weights: w,
      nodes: [mm, ...stack],
      outputs: ['y', 's'],
    });
    const want = load({ input: ['N', 8, 16], weights: w, nodes: [mm] }).e;
    expect(e.rows.find((x) => x.type === 'linear')?.macs).toBe(want.rows.find((x) => x.type === 'linear')?.macs);
    expect(r.ok && r.warnings.join('\n')).not.toMatch(/has no batch dim/);
  });

  it('an Unsqueeze at 1 (a channel for Conv3d) does not flag the input', () => {
    const { r, e } = load({
      input: [1, 3, 8, 8],
      ints: { a1: [1] },
      nodes: [
        { op: 'Unsqueeze', in: ['x', 'a1'], out: ['u'] },
        { op: 'Relu', in: ['u'], out: ['y'] },
      ],
    });
    expect(r.ok && r.warnings.join('\n')).not.toMatch(/has no batch dim/);
    expect(e.outputs[0].shape).toEqual([1, 3, 8, 8]);
  });
});

describe('recurrent ops with a batch of one: the same per-sample count as with two (recurrent.ts before batch-axis.ts)', () => {
  // torch.onnx's batch_first LSTM (Transpose → LSTM → Squeeze(1) → Transpose), nn.LSTMCell
  // (Unsqueeze(0) → LSTM → Squeeze(0) of Y_h), a GRU's last state (Squeeze(0) of Y_h): at batch 1
  // the Transpose, Unsqueeze and Squeeze at 0 are also batch-axis.ts's moves of a batch of one;
  // the counts must be half those at batch 2 (a recurrent op's work is per sample).
  const lstm = (b: number): Graph => ({
    input: [b, 5, 8],
    ints: { a1: [1] },
    weights: { W: [1, 24, 8], R: [1, 24, 6] },
    nodes: [
      { op: 'Transpose', in: ['x'], out: ['t'], attrs: { perm: [1, 0, 2] } },
      { op: 'LSTM', in: ['t', 'W', 'R'], out: ['Y', 'Yh'], attrs: { hidden_size: 6 } },
      { op: 'Squeeze', in: ['Y', 'a1'], out: ['s'] },
      { op: 'Transpose', in: ['s'], out: ['y'], attrs: { perm: [1, 0, 2] } },
    ],
  });
  const cell = (b: number): Graph => ({
    input: [b, 16],
    ints: { a0: [0] },
    weights: { W: [1, 32, 16], R: [1, 32, 8] },
    nodes: [
      { op: 'Unsqueeze', in: ['x', 'a0'], out: ['x1'] },
      { op: 'LSTM', in: ['x1', 'W', 'R'], out: ['Y', 'Yh'], attrs: { hidden_size: 8 } },
      { op: 'Squeeze', in: ['Yh', 'a0'], out: ['y'] },
    ],
  });
  const gru = (b: number): Graph => ({
    input: [b, 5, 8],
    ints: { a0: [0] },
    weights: { W: [1, 18, 8], R: [1, 18, 6] },
    nodes: [
      { op: 'Transpose', in: ['x'], out: ['t'], attrs: { perm: [1, 0, 2] } },
      { op: 'GRU', in: ['t', 'W', 'R'], out: ['Y', 'Yh'], attrs: { hidden_size: 6 } },
      { op: 'Squeeze', in: ['Yh', 'a0'], out: ['y'] },
    ],
  });
  it.each([
    ['batch_first LSTM', lstm, [5, 6]],
    ['LSTMCell', cell, [8]],
    ['GRU’s last state', gru, [6]],
  ] as const)('%s', (_n, g, shape) => {
    const one = load(g(1)).e;
    const two = load(g(2)).e;
    expect(one.errors + two.errors).toBe(0);
    expect(one.notCounted).toEqual([]);
    expect(one.outputs[0].shape).toEqual(shape);
    expect(two.outputs[0].shape).toEqual(shape);
    expect(one.totals.macs * 2n).toBe(two.totals.macs);
    expect(one.totals.macs).toBeGreaterThan(0n);
  });
});

describe('a Concat of a merged value and a batch-first one is never silently mis-shaped', () => {
  // x [1, 4]; u = x transposed twice ([1, 4] in the file, merged); Concat along 0: [2, 4] in the
  // file (onnx/docs/Operators.md Concat). With a symbolic batch the two operands' per-sample ranks
  // differ; FlopLab must say so (an error row or a not-counted row), never give a shape. With the
  // batch fixed at 1 and no conv, the file is read whole (onnx/index.ts): the file's [2, 4].
  const concat = (batch: number | string, order: readonly string[]): Graph => ({
    input: [batch, 4],
    nodes: [
      { op: 'Transpose', in: ['x'], out: ['t'], attrs: { perm: [1, 0] } },
      { op: 'Transpose', in: ['t'], out: ['u'], attrs: { perm: [1, 0] } },
      { op: 'Concat', in: [...order], out: ['y'], attrs: { axis: 0 } },
    ],
  });
  it.each([
    ['merged first', ['u', 'x']],
    ['batch-first first', ['x', 'u']],
  ] as const)('%s', (_n, order) => {
    const symbolic = load(concat('N', order)).e;
    expect(symbolic.errors + symbolic.notCounted.length).toBeGreaterThan(0);
    const { r, e } = load(concat(1, order));
    expect(e.errors + e.notCounted.length).toBe(0);
    expect(r.ok && r.warnings[0]).toMatch(/the whole graph is read as one sample/);
    const whole = (r.ok ? (r.model.meta?.outputsWithoutBatch ?? []) : []) as number[];
    expect(whole.includes(0) ? e.outputs[0].shape : [e.batch, ...(e.outputs[0].shape ?? [])]).toEqual([2, 4]);
  });
});

describe('a batch-of-one rewrite evaluated at another batch (the editor’s batch, the CLI’s --batch)', () => {
  // x [N, 4, 6] (symbolic batch, imported at 1), x[0], MatMul by [6, 3]. At N = 2 the file still
  // multiplies one sample: [4, 6] × [6, 3], 4·3·6 = 72 multiply-adds (onnx/docs/Operators.md Gather,
  // MatMul). batch-axis.ts `dropLead` makes x[0] of a batch of one an identity row (`{ layers: [],
  // merged: true }`), right at batch 1 only, but the model keeps no trace that its batch is fixed:
  // evaluateModel(model, { batch: 2 }) counts 144; the import now says so (file.batchOfOne). The same holds
  // for squeeze(0), Unsqueeze(0) of a merged value, a reduction or transpose of the batch's 1 and an
  // input without a batch dim.
  // Not countable at batch 2 by batch-first rows (the rows after x[0] run once, the rows before it
  // twice): the import says so, and names the nodes (file.batchOfOne).
  it('x[0] of a symbolic batch: the import says it is read at batch 1 only, naming the node', () => {
    const { r } = load({
      input: ['N', 4, 6],
      weights: { W: [6, 3] },
      nodes: [...x0, { op: 'MatMul', in: ['m', 'W'], out: ['y'] }],
    });
    expect(r.ok && r.warnings.join('\n')).toMatch(/1 node\(s\) \(m\) take the batch of one apart .* read at batch 1/);
  });

  it('at the imported batch 1 the same file counts 72', () => {
    const { e } = load({
      input: ['N', 4, 6],
      weights: { W: [6, 3] },
      nodes: [...x0, { op: 'MatMul', in: ['m', 'W'], out: ['y'] }],
    });
    expect(e.totals.macs).toBe(72n);
  });
});

describe('outside the change: a constant [C, 1, 1] times a merged rank-4 value', () => {
  // Swin's windows [B·nW, heads, N, N] times a per-head [heads, 1, 1] constant (SwinV2's logit
  // scale): x [1, 4, 3, 5, 5] reshaped to [4, 3, 5, 5] (merged), Mul by g [3, 1, 1]. operands.ts
  // constantMul read any [C, 1, 1] as a layer scale (fixed: on a [C, H, W] map only), whose C is the data's first per-sample dim:
  // 4 parameters for a 3-element initializer (the same on batch-first [1, 4, 3, 5, 5]: the check
  // takes the constant's rank, not the data's). The file's weights are g's 3 elements.
  it('the weights are the constant’s 3 elements', () => {
    const { e } = load({
      input: [1, 4, 3, 5, 5],
      ints: { s: [-1, 3, 5, 5] },
      weights: { g: [3, 1, 1] },
      nodes: [
        { op: 'Reshape', in: ['x', 's'], out: ['w'] },
        { op: 'Mul', in: ['w', 'g'], out: ['y'] },
      ],
    });
    expect(e.totals.params).toBe(3n);
  });
});

describe('outside the change: LayerNormalization over several trailing dims', () => {
  // x [1, 5, 4, 6], LayerNormalization axis 2 (normalise each [4, 6]; onnx/docs/Operators.md) with
  // scale and B of [4, 6]: 48 weights in the file. ops.ts `case 'LayerNormalization'` mapped any axis (fixed in math-ops.ts `layerNorm`)
  // but −1 to the layernorm kind without `last`, which reads dim 1 as the channels: 2·5 = 10 weights.
  // On x[0] (merged, axis 1 shifted to 2) the same.
  it.each([
    ['batch-first, axis 2', { input: [1, 5, 4, 6], nodes: [] as N[], x: 'x', axis: 2 }],
    ['x[0], axis 1', { input: [1, 5, 4, 6], nodes: x0, x: 'm', axis: 1 }],
  ] as const)('%s: the weights are scale’s and B’s 48 elements', (_n, c) => {
    const { e } = load({
      input: [...c.input],
      weights: { s: [4, 6], b: [4, 6] },
      nodes: [...c.nodes, { op: 'LayerNormalization', in: [c.x, 's', 'b'], out: ['y'], attrs: { axis: c.axis } }],
    });
    expect(e.totals.params).toBe(48n);
  });
});
