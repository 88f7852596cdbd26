/**
 * The greedy arena planner against TensorFlow Lite Micro's own planner tests
 * (tensorflow/tflite-micro @17bebc0, tensorflow/lite/micro/memory_planner/greedy_memory_planner_test.cc:
 * TestGreedyBasics, TestGreedyMedium, TestOverlapCase, TestPersonDetectionModel — sizes, lifetimes and
 * expected offsets copied as data), and the arena of hand-made models.
 */
import { describe, expect, it } from 'vitest';
import {
  ARENA_ALIGNMENT,
  arenaHighWater,
  greedyArena,
  greedyPlan,
  MAX_PLANNED_BUFFERS,
  type Requirement,
} from '../../../src/engine/deploy/arena';
import { activationMemory } from '../../../src/engine/deploy/memory';
import { evaluateModel } from '../../../src/engine/evaluate';
import { MODEL_FORMAT, type Model } from '../../../src/engine/format/model';

const req = (size: number, first: number, last: number): Requirement => ({ size: BigInt(size), first, last });

/** No two buffers that are live at the same time share a byte. */
function overlapping(reqs: readonly Requirement[], offsets: readonly bigint[]): boolean {
  for (let a = 0; a < reqs.length; a++)
    for (let b = a + 1; b < reqs.length; b++) {
      const time = !(reqs[a].first > reqs[b].last || reqs[b].first > reqs[a].last);
      const space = offsets[a] < offsets[b] + reqs[b].size && offsets[b] < offsets[a] + reqs[a].size;
      if (time && space) return true;
    }
  return false;
}

describe('greedyPlan: TFLM greedy_memory_planner_test.cc', () => {
  const cases: [string, Requirement[], number[] | null, number][] = [
    ['TestGreedyBasics', [req(10, 0, 1), req(20, 2, 3)], [0, 0], 20],
    [
      'TestGreedyMedium',
      [req(10, 0, 1), req(20, 1, 2), req(30, 2, 3), req(40, 3, 4), req(50, 0, 1)],
      [50, 70, 40, 0, 0],
      90,
    ],
    ['TestOverlapCase', [req(100, 0, 1), req(50, 2, 3), req(20, 1, 2)], null, 120],
  ];
  it.each(cases)('%s', (_name, reqs, offsets, size) => {
    const plan = greedyPlan(reqs);
    if (offsets) expect(plan.offsets).toEqual(offsets.map(BigInt));
    expect(plan.size).toBe(BigInt(size));
    expect(overlapping(reqs, plan.offsets)).toBe(false);
  });

  it('TestPersonDetectionModel: below the 241,027-byte sum, no overlaps, at least the most live at once', () => {
    const sizes: [number, number, number][] = [
      [9216, 0, 29],
      [3, 28, 29],
      [256, 27, 28],
      [2304, 26, 27],
      [2304, 25, 26],
      [2304, 24, 25],
      [1152, 23, 24],
      [4608, 22, 23],
      [4608, 21, 22],
      [4608, 20, 21],
      [4608, 19, 20],
      [4608, 18, 19],
      [4608, 17, 18],
      [4608, 16, 17],
      [4608, 15, 16],
      [4608, 14, 15],
      [4608, 13, 14],
      [4608, 12, 13],
      [2304, 11, 12],
      [9216, 10, 11],
      [9216, 9, 10],
      [9216, 8, 9],
      [4608, 7, 8],
      [18432, 6, 7],
      [18432, 5, 6],
      [18432, 4, 5],
      [9216, 3, 4],
      [36864, 2, 3],
      [18432, 1, 2],
      [18432, 0, 1],
    ];
    const reqs = sizes.map(([s, f, l]) => req(s, f, l));
    const plan = greedyPlan(reqs);
    expect(sizes.reduce((a, [s]) => a + s, 0)).toBe(241027);
    expect(plan.size < 241027n).toBe(true);
    expect(overlapping(reqs, plan.offsets)).toBe(false);
    let most = 0n;
    for (let t = 0; t <= 29; t++) {
      let live = 0n;
      for (const r of reqs) if (r.first <= t && t <= r.last) live += r.size;
      if (live > most) most = live;
    }
    expect(plan.size >= most).toBe(true);
  });

  it('ties keep the order buffers were added (stable, as ReverseSortInPlace)', () => {
    // Two equal buffers live together: the first added goes at 0.
    expect(greedyPlan([req(8, 0, 1), req(8, 0, 1)]).offsets).toEqual([0n, 8n]);
  });
});

describe('greedyArena on a model', () => {
  const model = (layers: Model['layers']): Model => ({ format: MODEL_FORMAT, input: [1, 5, 5], batch: 1, layers });
  it('aligns every buffer to 16 bytes (MicroArenaBufferAlignment) and reuses memory across time', () => {
    // x 25 B (int8) → conv 2ch 50 B → conv 1ch 25 B: 32 + 64 live together, then 64 + 32.
    const r = evaluateModel(
      model([
        { type: 'conv2d', out: 2, kernel: 1, bias: false },
        { type: 'conv2d', out: 1, kernel: 1, bias: false },
      ]),
    );
    const mem = activationMemory(r, 'int8');
    expect(mem.buffers.map((b) => [b.bytes, b.first, b.last])).toEqual([
      [25n, 0, 0],
      [50n, 0, 1],
      [25n, 1, 1],
    ]);
    const plan = greedyArena(mem.buffers);
    expect(ARENA_ALIGNMENT).toBe(16n);
    if (!plan.planned) throw new Error('not planned');
    // Largest (64) at 0; the input (32) and the output (32) both fit after it at 64, at different times.
    expect(plan.placed.map((p) => p.offset)).toEqual([64n, 0n, 64n]);
    expect(plan.arenaBytes).toBe(96n);
    expect(arenaHighWater(mem.buffers, plan, mem.steps.length)).toEqual([96n, 96n]);
    // The lower bound: 25 + 50 at step 0, 50 + 25 at step 1 (unaligned).
    expect(mem.peak?.liveBytes).toBe(75n);
  });

  it('says when a model has more tensors than the planner takes', () => {
    const buffers = Array.from({ length: MAX_PLANNED_BUFFERS + 1 }, (_, i) => ({
      producer: i,
      bytes: 16n,
      first: i,
      last: i,
    }));
    const plan = greedyArena(buffers);
    expect(plan.planned).toBe(false);
    if (!plan.planned) expect(plan.reason).toContain('10,001 tensors');
  });
});
