/**
 * The preset picker's numbers (src/worker/presetSummaries.ts) and their page-side cache
 * (src/worker/presetClient.ts). Reference rows: shared/reference/zoo.md (torchvision weights
 * metadata num_params and _ops) and its "Other published references" table for LeNet-5.
 */
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../../src/engine/presets';
import { gmacs3, presetSummaries, presetSummary, type PresetSummary } from '../../../src/worker/presetSummaries';
import { BATCH, PresetSummaryStore, isSummary } from '../../../src/worker/presetClient';

// name, params, torchvision MACs, _ops — shared/reference/zoo.md
const ROWS: [string, bigint, bigint, string][] = [
  ['mobilenet_v2', 3_504_872n, 300_774_272n, '0.301'],
  ['resnet18', 11_689_512n, 1_814_073_344n, '1.814'],
  ['seed_resnet18', 11_689_512n, 1_814_073_344n, '1.814'],
  ['inception_v3', 27_161_264n, 5_713_216_096n, '5.713'],
  ['shufflenet_v2_x0_5', 1_366_792n, 40_476_448n, '0.040'],
];

describe('presetSummary', () => {
  it.each(ROWS)('%s: engine counts and a ✓ check', (name, params, macs, ops) => {
    const s = presetSummary(name) as PresetSummary;
    expect(s).toMatchObject({ name, params, macs, ops, errors: 0, check: 'match', paramsDiff: 0n, macsDiff: 0n });
    expect(s.reference).toMatchObject({ params, macs, ops });
  });

  it('lenet5 has no torchvision weights: counted, check "none" (61,706 params; 416,520 MACs)', () =>
    expect(presetSummary('lenet5')).toMatchObject({ params: 61_706n, macs: 416_520n, check: 'none', reference: null }));

  it('an unknown name is an error entry, not a throw', () =>
    expect(presetSummary('resnet9000')).toEqual({ name: 'resnet9000', error: 'no preset named "resnet9000"' }));

  it('gmacs3 rounds like torchvision _ops', () => {
    expect(gmacs3(40_476_448n)).toBe('0.040');
    expect(gmacs3(37_745_884_192n)).toBe('37.746');
  });

  it('every preset: no row errors, and every reference matches', () => {
    const all = presetSummaries();
    expect(all.map((s) => s.name)).toEqual(PRESETS.map((p) => p.name));
    for (const s of all) {
      expect(isSummary(s), s.name).toBe(true);
      if (!isSummary(s)) continue;
      expect(s.errors, s.name).toBe(0);
      expect(s.check, s.name).toBe(PRESETS.find((p) => p.name === s.name)!.reference ? 'match' : 'none');
    }
  }, 30_000);
});

describe('PresetSummaryStore', () => {
  const names = PRESETS.slice(0, BATCH + 2).map((p) => p.name);

  it('asks in batches, publishes each, caches, and stops the worker', async () => {
    const asked: string[][] = [];
    let stopped = 0;
    const store = new PresetSummaryStore(() => ({
      count: async (batch) => (asked.push([...batch]), presetSummaries(batch)),
      stop: () => void stopped++,
    }));
    const sizes: number[] = [];
    store.subscribe(() => sizes.push(store.get().byName.size));
    await store.start(names);
    await store.start(names); // cached: no second run
    expect(asked).toEqual([names.slice(0, BATCH), names.slice(BATCH)]);
    expect(stopped).toBe(1);
    expect(store.get()).toMatchObject({ done: true, mode: 'worker' });
    expect([...store.get().byName.keys()]).toEqual(names);
    expect(sizes).toEqual([0, BATCH, names.length, names.length]);
  });

  it('a dead worker hands the rest to the page', async () => {
    let calls = 0;
    const store = new PresetSummaryStore(() => ({
      count: async (batch) => {
        if (++calls === 2) throw new Error('worker died');
        return presetSummaries(batch);
      },
      stop: () => {},
    }));
    await store.start(names);
    expect(store.get().mode).toBe('main-thread');
    expect([...store.get().byName.keys()]).toEqual(names);
    expect([...store.get().byName.values()].every(isSummary)).toBe(true);
  });

  it('without Worker it counts on the page', async () => {
    const store = new PresetSummaryStore(() => null);
    await store.start(names.slice(0, 2));
    expect(store.get()).toMatchObject({ done: true, mode: 'main-thread' });
    expect(store.get().byName.get('lenet5')).toMatchObject({ params: 61_706n });
  });
});
