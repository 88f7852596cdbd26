/**
 * A model's memory on a device, in the dtype the device runs: the liveness lower bound, the
 * greedy activation arena (arena.ts), the weights, and the fit verdict against the device's
 * sourced capacities (fit.ts). Shared by the runtime worker (app) and the CLI, so both say the same.
 */
import type { ModelResult } from '../evaluate';
import { arenaHighWater, greedyArena, type ArenaPlan } from './arena';
import type { Device, Precision } from './devices/schema';
import { fitOnDevice, type Fit } from './fit';
import { kernelsOf } from './latency/latency';
import { activationMemory, type ActivationMemory } from './memory';
import { say } from '../messages';

export interface MemoryPlan {
  readonly mem: ActivationMemory;
  readonly plan: ArenaPlan;
}

/**
 * Activation memory and its arena plan for a dtype, with norms and activations fused into the
 * conv before them the way TFLite, TensorRT and X-CUBE-AI run them (the latency model's kernels),
 * so they write in place. Callers keep one per dtype: the plan is the costly part.
 */
export function memoryPlan(result: ModelResult, dtype: Precision): MemoryPlan {
  const fused = new Set(kernelsOf(result, dtype).fusedInto.keys());
  const mem = activationMemory(result, dtype, fused);
  return { mem, plan: greedyArena(mem.buffers) };
}

/** The arena in use at each execution step (for the memory chart), zeros when not planned. */
export const planHighWater = (p: MemoryPlan): bigint[] => arenaHighWater(p.mem.buffers, p.plan, p.mem.steps.length);

export interface DeviceMemory {
  readonly deviceId: string;
  readonly dtype: Precision;
  /** The most activation bytes live at one step: no planner can need less. */
  readonly lowerBoundBytes: bigint;
  /** TFLM's greedy arena; null when not planned (arenaNote says why, and the fit uses the lower bound). */
  readonly arenaBytes: bigint | null;
  readonly arenaNote?: string;
  readonly weightBytes: bigint;
  /** False when a layer has an error or no shape: its tensors count as 0 bytes, so the figures may be low. */
  readonly complete: boolean;
  readonly fit: Fit;
}

/** Memory and fit of a model on a device; `plans` caches plans by dtype across devices. */
export function deviceMemory(
  result: ModelResult,
  device: Device,
  dtype: Precision,
  plans: Map<Precision, MemoryPlan> = new Map(),
): DeviceMemory {
  let p = plans.get(dtype);
  if (!p) {
    p = memoryPlan(result, dtype);
    plans.set(dtype, p);
  }
  const lower = p.mem.peak?.liveBytes ?? 0n;
  const arena = p.plan.planned ? p.plan.arenaBytes : null;
  const fit = fitOnDevice(device, { activationBytes: arena ?? lower, weightBytes: p.mem.weightBytes });
  return {
    deviceId: device.id,
    dtype,
    lowerBoundBytes: lower,
    arenaBytes: arena,
    ...(p.plan.planned ? {} : { arenaNote: say('arena.notPlanned', { reason: p.plan.reason }) }),
    weightBytes: p.mem.weightBytes,
    complete: p.mem.complete,
    fit,
  };
}
