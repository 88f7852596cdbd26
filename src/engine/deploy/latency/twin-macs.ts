/**
 * FlopLab's conv + linear MACs of a table's network, for the twin adapters (twin-<table>.ts):
 * evaluated once per network on demand, since evaluating a large preset takes milliseconds and a
 * device's twin needs only the networks it compares.
 */
import { groupDigits } from '../../digits';
import { evaluateModel } from '../../evaluate';
import type { Model } from '../../format/model';
import { presetByName } from '../../presets';
import { presetKey } from './preset-eval';
import type { TwinCandidate, TwinSize } from './twin-core';

const cache = new Map<string, bigint | undefined>();

/** A count computed once per key. */
export function cachedMacs(key: string, count: () => bigint | undefined): bigint | undefined {
  if (!cache.has(key)) cache.set(key, count());
  return cache.get(key);
}

/** MACs of a model built on demand, cached by key; undefined when it does not evaluate. */
export const modelMacs = (key: string, build: () => Model | undefined, input?: readonly number[]) =>
  cachedMacs(key, () => {
    const m = build();
    if (!m) return undefined;
    const r = evaluateModel(m, input ? { input: [...input] } : {});
    return r.errors || r.modelError ? undefined : r.totals.macs;
  });

/** MACs of a zoo preset at its knobs and input, cached. */
export const presetMacs = (
  preset: string,
  knobs?: Record<string, number>,
  input?: readonly number[],
): bigint | undefined => modelMacs(presetKey(preset, knobs, input), () => presetByName(preset)?.build(knobs), input);

/** A FlopLab count as a ranking size. */
export function flopLabSize(macs: bigint | undefined): TwinSize | undefined {
  return macs === undefined
    ? undefined
    : { value: Number(macs), exact: macs, text: `${groupDigits(macs)} MACs (FlopLab's count)` };
}

/** A candidate's fields when its row is a zoo preset: the same-network check and the ranking both use FlopLab's count. */
export function presetFields(
  preset: string,
  knobs?: Record<string, number>,
  input?: readonly number[],
): Pick<TwinCandidate, 'preset' | 'flopLabMacs' | 'size'> {
  const flopLabMacs = () => presetMacs(preset, knobs, input);
  return { preset, flopLabMacs, size: () => flopLabSize(flopLabMacs()) };
}
