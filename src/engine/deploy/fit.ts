/**
 * "Does it fit?": a model's activation arena and weights set against a device's memories.
 *
 * Where each part must live depends on the kind of device, read from which figures it has
 * (devices/schema.ts), so a device with no capacity figure gets no verdict rather than a guess:
 * - `flash` (an MCU): the weights are read in place from flash; the activation arena must fit in
 *   `ram` (on-chip SRAM), or, with `externalRam` (PSRAM), it fits with off-chip memory, slower.
 * - `onChipMemory` with a `hostLink` (Coral's Edge TPU): weights beyond the on-chip parameter
 *   memory stream over the link on every inference ("fits with off-chip streaming").
 * - `ram` only (boards, phones, K210): weights and activations together must fit in it.
 * - none of these: unknown, and the answer says which figure is missing.
 *
 * The activation figure is the greedy arena (arena.ts) when it was planned, else the liveness
 * lower bound (the most bytes live at once), which is then said.
 */
import type { Device, Figure } from './devices/schema';
import { say } from '../messages';

export type FitVerdict = 'fits' | 'streams' | 'does-not-fit' | 'unknown';

export interface MemoryCheck {
  /** What must fit. */
  readonly what: 'activations' | 'weights' | 'weights and activations';
  readonly needBytes: bigint;
  /** The memory it must fit in, by label ('RAM', 'flash', 'on-chip memory') with its sourced figure. */
  readonly memory: string;
  readonly haveBytes: bigint;
  readonly figure: Figure;
  /** need ≤ have. */
  readonly ok: boolean;
  /** When it does not fit here: the slower memory that can take the rest, if the device has one. */
  readonly spill?: {
    readonly memory: string;
    readonly haveBytes: bigint;
    readonly figure: Figure;
    readonly ok: boolean;
  };
}

export interface Fit {
  readonly verdict: FitVerdict;
  readonly checks: MemoryCheck[];
  /** Bytes missing in the tightest failed check (0 when it fits or streams). */
  readonly shortBytes: bigint;
  /** The part that spills or streams (0 when it fits). */
  readonly spillBytes: bigint;
  /** Why there is no verdict (unknown), or what the activation figure is when not planned. */
  readonly note?: string;
}

export interface FitInput {
  /** Activation memory: the planned arena, or the lower bound when there is no plan. */
  readonly activationBytes: bigint;
  readonly weightBytes: bigint;
}

/** A figure in MB (10^6 bytes) as exact bytes (rounded down: a capacity is never overstated). */
export const figureBytes = (f: Figure): bigint => BigInt(Math.floor(f.value * 1e6));

function check(
  what: MemoryCheck['what'],
  need: bigint,
  memory: string,
  figure: Figure,
  spill?: { memory: string; figure: Figure },
): MemoryCheck {
  const have = figureBytes(figure);
  const ok = need <= have;
  if (ok || !spill) return { what, needBytes: need, memory, haveBytes: have, figure, ok };
  const spillHave = figureBytes(spill.figure);
  return {
    what,
    needBytes: need,
    memory,
    haveBytes: have,
    figure,
    ok,
    spill: { memory: spill.memory, haveBytes: spillHave, figure: spill.figure, ok: need - have <= spillHave },
  };
}

/** The fit of a model on a device (weights and activations in the dtype it runs). */
export function fitOnDevice(device: Device, input: FitInput): Fit {
  const { activationBytes: acts, weightBytes: weights } = input;
  const checks: MemoryCheck[] = [];
  if (device.flash && device.ram) {
    checks.push(check('weights', weights, 'flash', device.flash));
    checks.push(
      check(
        'activations',
        acts,
        'RAM',
        device.ram,
        device.externalRam ? { memory: 'external RAM', figure: device.externalRam } : undefined,
      ),
    );
  } else if (device.onChipMemory && device.hostLink) {
    const c = check('weights', weights, 'on-chip memory', device.onChipMemory);
    checks.push(c);
    // Streaming over the host link has no capacity limit: what does not fit streams.
    const spillBytes = c.ok ? 0n : weights - c.haveBytes;
    return {
      verdict: c.ok ? 'fits' : 'streams',
      checks,
      shortBytes: 0n,
      spillBytes,
      note: say('fit.streamNote'),
    };
  } else if (device.ram) {
    checks.push(
      check(
        'weights and activations',
        weights + acts,
        'RAM',
        device.ram,
        device.externalRam ? { memory: 'external RAM', figure: device.externalRam } : undefined,
      ),
    );
  } else {
    return {
      verdict: 'unknown',
      checks,
      shortBytes: 0n,
      spillBytes: 0n,
      note: say('fit.noCapacity', { device: device.name }),
    };
  }
  let short = 0n;
  let spill = 0n;
  let streams = false;
  for (const c of checks) {
    if (c.ok) continue;
    if (c.spill?.ok) {
      streams = true;
      spill += c.needBytes - c.haveBytes;
    } else {
      const missing = c.needBytes - c.haveBytes - (c.spill?.haveBytes ?? 0n);
      if (missing > short) short = missing;
    }
  }
  const verdict: FitVerdict = short > 0n ? 'does-not-fit' : streams ? 'streams' : 'fits';
  return { verdict, checks, shortBytes: short, spillBytes: spill };
}
