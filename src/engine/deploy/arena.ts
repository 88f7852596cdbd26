/**
 * The activation arena a microcontroller runtime would reserve: TensorFlow Lite Micro's greedy
 * memory planner, run on the tensors and lifetimes of `activationMemory` (memory.ts).
 *
 * What TFLM does (tensorflow/tflite-micro, tensorflow/lite/micro/memory_planner/
 * greedy_memory_planner.cc, GreedyMemoryPlanner::CalculateOffsetsIfNeeded; sizes aligned in
 * micro_allocation_info.cc / micro_allocator.cc with AlignSizeUp(bytes, MicroArenaBufferAlignment()),
 * 16 bytes, micro_arena_constants.h):
 * - every buffer's size is rounded up to 16 bytes;
 * - buffers are taken largest first (a stable sort: equal sizes keep the order they were added);
 * - the first goes at offset 0; each next one goes into the lowest gap, in offset order, between
 *   the already-placed buffers whose lifetimes overlap its own ([first, last] inclusive), or after
 *   the last of them;
 * - the arena is the highest end offset.
 *
 * The liveness lower bound is the most bytes live at one step: no planner can do with less; the
 * greedy plan is at least that (fragmentation makes up the difference).
 *
 * Not modelled: TFLM's persistent allocations (tensor structs, kernel state) and per-kernel scratch
 * buffers, which depend on the kernel library (CMSIS-NN, Xtensa) — the docs say so next to the figure.
 */
import type { Buffer } from './memory';
import { groupDigits } from '../digits';
import { say } from '../messages';

/** TFLM's MicroArenaBufferAlignment() (micro_arena_constants.h: kBufferAlignment = 16). */
export const ARENA_ALIGNMENT = 16n;

/**
 * Beyond this many buffers the plan is not computed (the greedy placement is quadratic: 10,000
 * buffers take ≈0.2 s in the runtime worker); the answer says so and gives the lower bound.
 */
export const MAX_PLANNED_BUFFERS = 10_000;

export interface PlacedBuffer {
  /** Index into the buffers given. */
  readonly buffer: number;
  readonly offset: bigint;
  /** Size after alignment. */
  readonly size: bigint;
}

export type ArenaPlan =
  | {
      readonly planned: true;
      /** The arena's size: the highest end offset of any placed buffer. */
      readonly arenaBytes: bigint;
      /** Offset of each buffer, in the order given. */
      readonly placed: PlacedBuffer[];
    }
  | { readonly planned: false; readonly reason: string };

const alignUp = (n: bigint): bigint => ((n + ARENA_ALIGNMENT - 1n) / ARENA_ALIGNMENT) * ARENA_ALIGNMENT;

/** A buffer as TFLM's planner takes it: a size and the steps [first, last] it is live in. */
export interface Requirement {
  readonly size: bigint;
  readonly first: number;
  readonly last: number;
}

const overlaps = (a: Requirement, b: Requirement): boolean => !(a.first > b.last || b.first > a.last);

/**
 * TFLM's GreedyMemoryPlanner on sizes as given (no alignment: the caller aligns, as TFLM's
 * allocator does): each buffer's offset, in the order given, and the highest end offset.
 */
export function greedyPlan(reqs: readonly Requirement[]): { offsets: bigint[]; size: bigint } {
  // Largest first; Array.prototype.sort is stable, as TFLM's ReverseSortInPlace is.
  const order = reqs
    .map((_, i) => i)
    .sort((a, b) => (reqs[a].size > reqs[b].size ? -1 : reqs[a].size < reqs[b].size ? 1 : 0));
  const offsets: bigint[] = new Array<bigint>(reqs.length).fill(0n);
  // Placed buffers in offset order; a new one goes after every placed one at an offset ≤ its own
  // (TFLM's list insertion).
  const byOffset: number[] = [];
  let size = 0n;
  for (const id of order) {
    const want = reqs[id];
    let candidate = 0n;
    for (const other of byOffset) {
      if (!overlaps(reqs[other], want)) continue;
      if (offsets[other] - candidate >= want.size) break;
      const end = offsets[other] + reqs[other].size;
      if (end > candidate) candidate = end;
    }
    offsets[id] = candidate;
    let pos = byOffset.length;
    while (pos > 0 && offsets[byOffset[pos - 1]] > candidate) pos--;
    byOffset.splice(pos, 0, id);
    const end = candidate + want.size;
    if (end > size) size = end;
  }
  return { offsets, size };
}

/** The activation arena for `buffers` (memory.ts): sizes aligned to 16 bytes, then TFLM's greedy plan. */
export function greedyArena(buffers: readonly Buffer[]): ArenaPlan {
  if (buffers.length > MAX_PLANNED_BUFFERS)
    return {
      planned: false,
      reason: say('arena.tooMany', {
        n: groupDigits(buffers.length),
        max: groupDigits(MAX_PLANNED_BUFFERS),
      }),
    };
  const reqs = buffers.map((b): Requirement => ({ size: alignUp(b.bytes), first: b.first, last: b.last }));
  const { offsets, size } = greedyPlan(reqs);
  return {
    planned: true,
    arenaBytes: size,
    placed: reqs.map((r, i) => ({ buffer: i, offset: offsets[i], size: r.size })),
  };
}

/**
 * The arena in use at each step: the highest end offset among the buffers live then (what the
 * memory chart draws over time beside the live bytes). `steps` is the number of steps.
 */
export function arenaHighWater(buffers: readonly Buffer[], plan: ArenaPlan, steps: number): bigint[] {
  const high = new Array<bigint>(steps).fill(0n);
  if (!plan.planned) return high;
  for (const p of plan.placed) {
    const b = buffers[p.buffer];
    const end = p.offset + p.size;
    for (let s = Math.max(0, b.first); s <= b.last && s < steps; s++) if (end > high[s]) high[s] = end;
  }
  return high;
}
