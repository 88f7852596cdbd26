/**
 * What the preset picker shows per preset, counted by the engine (never by the UI): parameters
 * and torchvision-convention MACs of the preset at its default knobs, and the check against its
 * official reference (torchvision `num_params` and `_ops`). Pure and Node-safe: the engine
 * worker runs it (engine.worker.ts `presetSummaries`), tests call it directly.
 */
import { evaluateModel } from '../engine/evaluate';
import { PRESETS, presetByName } from '../engine/presets';

export interface PresetSummary {
  readonly name: string;
  /** Learnable parameters of `build()` (default knobs). */
  readonly params: bigint;
  /** Conv + linear MACs at the preset's input, the `torchvision` convention (batch 1). */
  readonly macs: bigint;
  /** torchvision's `_ops` format of `macs`: GMACs with 3 decimals. */
  readonly ops: string;
  /** Rows the engine could not evaluate (0 for every shipped preset; a check, not an assumption). */
  readonly errors: number;
  readonly reference: {
    readonly params: bigint;
    readonly macs: bigint;
    readonly ops: string;
    readonly source: string;
    readonly note?: string;
  } | null;
  /**
   * `match`: params and MACs both equal the reference; `differs`: see the differences;
   * `none`: no official reference (lenet5, mobilenet_v1).
   */
  readonly check: 'match' | 'differs' | 'none';
  /** Ours − reference (0n without a reference). */
  readonly paramsDiff: bigint;
  readonly macsDiff: bigint;
}

/** torchvision prints `_ops` as GMACs rounded to 3 decimals (weights metadata). */
export const gmacs3 = (macs: bigint): string => (Number(macs) / 1e9).toFixed(3);

export function presetSummary(name: string): PresetSummary | { readonly name: string; readonly error: string } {
  const p = presetByName(name);
  if (!p) return { name, error: `no preset named "${name}"` };
  try {
    const r = evaluateModel(p.build(), { conventions: ['torchvision'] });
    const macs = r.totals.counts[0] ?? 0n;
    const ref = p.reference
      ? { ...p.reference, params: BigInt(p.reference.params), macs: BigInt(p.reference.macs) }
      : null;
    const paramsDiff = ref ? r.totals.params - ref.params : 0n;
    const macsDiff = ref ? macs - ref.macs : 0n;
    return {
      name,
      params: r.totals.params,
      macs,
      ops: gmacs3(macs),
      errors: r.errors + (r.modelError ? 1 : 0),
      reference: ref,
      check: !ref ? 'none' : paramsDiff === 0n && macsDiff === 0n && r.errors === 0 ? 'match' : 'differs',
      paramsDiff,
      macsDiff,
    };
  } catch (err) {
    // build() throws only on bad knobs, and defaults are valid; kept so one bad preset cannot hide the rest.
    return { name, error: `${name} could not be built: ${(err as Error).message}` };
  }
}

export type PresetSummaryResult = ReturnType<typeof presetSummary>;

/** Summaries of `names` (all presets when omitted), in the order asked. */
export function presetSummaries(names: readonly string[] = PRESETS.map((p) => p.name)): PresetSummaryResult[] {
  return names.map(presetSummary);
}
