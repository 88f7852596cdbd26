/**
 * ONNX GatherElements (onnx/docs/Operators.md: the output has the indices' shape, same rank as the
 * data) → the gather kind (torch.gather). The detector idiom: TopK over scores, its indices gather
 * the boxes (RT-DETR's query selection); and indices known only by their shape. A copy: 0 in every
 * convention, and no longer a not-counted row that makes the totals partial.
 */
import { describe, expect, it } from 'vitest';
import { importBuilt } from './onnx-build';

describe('GatherElements: the gather kind, the indices’ shape', () => {
  it.each([1, 2])('TopK indices gather the boxes along axis 1 (batch %i): [N, 2, 4], counted', (batch) => {
    const { r, e, shapes } = importBuilt(
      {
        input: ['N', 6, 4],
        nodes: [
          { op: 'TopK', in: ['x', 'k'], out: ['v', 'i'], attrs: { axis: 1 } },
          { op: 'GatherElements', in: ['x', 'i'], out: ['y'], attrs: { axis: 1 } },
        ],
        ints: { k: [2] },
      },
      { inputShapes: { x: [batch, 6, 4] }, conventions: ['exact', 'onnx-tool'] },
    );
    expect(r.model.layers.map((l) => l.type)).toEqual(['topk', 'gather']);
    expect([e.errors, e.notCounted]).toEqual([0, []]);
    expect(shapes).toEqual([[batch, 2, 4]]);
    // TopK k 2 of 6 per column: 5 + 4 compares × 4 columns per sample; the gather is a copy.
    expect(e.totals.counts).toEqual([BigInt(36 * batch), 0n]);
  });

  it('indices of a graph input carrying the batch: its second input, [3, 2] as the file says', () => {
    const { r, e, shapes } = importBuilt({
      input: [3, 4],
      nodes: [{ op: 'GatherElements', in: ['x', 'idx'], out: ['y'], attrs: { axis: 1 } }],
      extraInputs: { idx: [3, 2] },
    });
    expect(r.model.layers.map((l) => l.type)).toEqual(['gather']);
    expect([e.errors, e.notCounted]).toEqual([0, []]);
    expect(shapes).toEqual([[3, 2]]);
  });

  it('constant indices (int32 [3, 2], stored): known by their shape, the sample’s part as indexShape', () => {
    const { r, e, shapes } = importBuilt({
      input: [3, 4],
      nodes: [{ op: 'GatherElements', in: ['x', 'idx'], out: ['y'], attrs: { axis: 1 } }],
      typed: { idx: { type: 6, dims: [3, 2], values: [0, 1, 2, 3, 0, 1] } },
    });
    expect(r.model.layers.map((l) => [l.type, (l as { indexShape?: number[] }).indexShape])).toEqual([['gather', [2]]]);
    expect([e.errors, e.notCounted]).toEqual([0, []]);
    expect(shapes).toEqual([[3, 2]]);
  });

  it('along the batch: not counted, said so', () => {
    // A symbolic batch set at import keeps the batch-first reading (no whole-graph fallback).
    const { r, e } = importBuilt(
      {
        input: ['N', 6, 4],
        nodes: [
          { op: 'TopK', in: ['x', 'k'], out: ['v', 'i'], attrs: { axis: 0 } },
          { op: 'GatherElements', in: ['x', 'i'], out: ['y'], attrs: { axis: 0 } },
        ],
        ints: { k: [1] },
      },
      { inputShapes: { x: [2, 6, 4] } },
    );
    // TopK along the batch is not counted either: its two outputs, and the gather.
    expect(e.notCounted.length).toBe(3);
    expect(r.warnings.join(' ')).toMatch(/GatherElements \(GatherElements along the batch/);
  });
});
