/**
 * ONNX Hardmax and LpNormalization, read from the ONNX repository's own operator tests
 * (tests/fixtures/onnx-node-cases.jsonl, scripts/fixtures/onnx_node_cases.py): onnx-tool counts both
 * per element whatever the axis (HardmaxNode numel, LpNormalizationNode 33 per element; the suite in
 * onnx-node-cases.test.ts checks those), so the exact count is what shows the axis was read right:
 * hardmax F − 1 comparisons per vector of F values, lpnorm 3F per vector (3F − 1 for p 1), no clamp.
 * The shapes are the tests' own (onnx/backend/test/case/node/hardmax.py, lpnormalization.py).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importOnnx } from '../../../src/engine/import/onnx';
import { evaluateModel } from '../../../src/engine/evaluate';

const LINES = new Map(
  readFileSync(path.resolve(__dirname, '../../fixtures/onnx-node-cases.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.includes('"name"'))
    .map((l) => JSON.parse(l) as { name: string; onnx: string; macs: number })
    .map((l) => [l.name, l] as const),
);

// [file, file's input shape, axis (normalised), p or 0 for hardmax]
const CASES: readonly [string, number[], number, number][] = [
  ['test_hardmax_axis_0', [3, 4, 5], 0, 0],
  ['test_hardmax_axis_1', [3, 4, 5], 1, 0],
  ['test_hardmax_axis_2', [3, 4, 5], 2, 0],
  ['test_hardmax_negative_axis', [3, 4, 5], 2, 0],
  ['test_hardmax_default_axis', [3, 4, 5], 2, 0],
  ['test_hardmax_example', [4, 4], 1, 0],
  ['test_l1normalization_axis_0', [2], 0, 1],
  ['test_l1normalization_axis_1', [2, 2], 1, 1],
  ['test_l1normalization_axis_last', [2, 2, 3], 2, 1],
  ['test_l2normalization_axis_0', [2, 2, 3], 0, 2],
  ['test_l2normalization_axis_1', [2, 2], 1, 2],
  ['test_lpnormalization_default', [2, 2, 3], 2, 2],
];

describe('ONNX Hardmax and LpNormalization: one row, the axis read right', () => {
  it.each(CASES)('%s', (name, shape, axis, p) => {
    const line = LINES.get(name);
    if (!line) throw new Error(`${name} missing from onnx-node-cases.jsonl`);
    const r = importOnnx(Uint8Array.from(Buffer.from(line.onnx, 'base64')), `${name}.onnx`);
    if (!r.ok) throw new Error(r.error);
    expect(r.model.layers.map((l) => l.type)).toEqual([p ? 'lpnorm' : 'hardmax']);
    const e = evaluateModel(r.model, { conventions: ['exact', 'onnx-tool'] });
    const numel = shape.reduce((a, b) => a * b, 1);
    const f = shape[axis];
    const vectors = numel / f;
    const exact = p === 0 ? vectors * (f - 1) : vectors * (3 * f - (p === 1 ? 1 : 0));
    expect(e.totals.counts).toEqual([BigInt(exact), BigInt(line.macs)]);
    expect(line.macs).toBe(p === 0 ? numel : 33 * numel);
  });
});
