import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { calibrationFor, calibrationTable } from '../../../src/engine/deploy/latency/calibration';
import { heldOut, quantile, TEST_POINTS, TRAIN_POINTS } from '../../../src/engine/deploy/latency/measured-fit';
import { TABLE_CAL_TRAIN, TABLE_TEST_POINTS, TABLE_TRAIN_POINTS } from '../../../src/engine/deploy/latency/table-fit';
import { MEASUREMENTS, ncnnMacs } from '../../../src/engine/deploy/latency/measurements';
import { measuredTwin } from '../../../src/engine/deploy/latency/twin';
import { deviceById } from '../../../src/engine/deploy/devices';
import { presetByName } from '../../../src/engine/presets';
import { evaluateModel } from '../../../src/engine/evaluate';

// docs/latency.md and calibration.json are written by npm run calibrate; these tests recompute the
// held-out figures from the committed file and the table, so a stale file or doc fails.
const doc = readFileSync(new URL('../../../docs/latency.md', import.meta.url), 'utf8');
// Every fitted table's held-out rows, as npm run calibrate (scripts/calibrate-heldout.ts) checks them.
const ALL_TEST = [...TEST_POINTS, ...TABLE_TEST_POINTS];
const ALL_TRAIN = [...TRAIN_POINTS, ...TABLE_TRAIN_POINTS, ...TABLE_CAL_TRAIN];
const ho = heldOut(calibrationTable(), ALL_TEST, ALL_TRAIN);

describe('held-out error on the measurement table', () => {
  it('no training row is held out, and every held-out point is estimated', () => {
    const train = new Set(ALL_TRAIN.map((p) => p.id));
    expect(ALL_TEST.filter((p) => train.has(p.id))).toEqual([]);
    expect(ho.skipped).toEqual([]);
    expect(ho.rows.length).toBe(ALL_TEST.length);
    expect(ho.rows.filter((r) => !Number.isFinite(r.predictedMs))).toEqual([]);
  });
  it('the calibration file holds each device’s held-out error as recomputed, and bands are never narrower', () => {
    for (const d of ho.devices) {
      const entries = Object.values(calibrationTable().devices[d.device] ?? {});
      expect(entries.length, d.device).toBeGreaterThan(0);
      for (const e of entries) {
        expect(e!.heldOut, d.device).toEqual({
          rows: d.testRows,
          medianErrorPct: d.medianPct,
          p90ErrorPct: d.p90Pct,
          band: d.band,
        });
        expect(e!.band).toBeGreaterThanOrEqual(d.band);
      }
      const dev = deviceById(d.device)!;
      expect(calibrationFor(dev, 'int8').band).toBeGreaterThanOrEqual(d.band);
    }
  });
  it('docs/latency.md states the held-out table as recomputed', () => {
    // Only the held-out section: coral-edgetpu also has rows in the calibration-set table above it.
    const section = doc.slice(doc.indexOf('## Held-out error on the public measurement table'));
    const cells = section.split('\n').map((l) => l.split('|').map((c) => c.trim()));
    for (const d of ho.devices) {
      const row = cells.find((c) => c[1] === d.device && c.length > 8);
      expect(row, d.device).toBeDefined();
      expect([Number(row![4]), Number(row![5]), Number(row![6]), Number(row![7])]).toEqual([
        d.trainRows,
        d.testRows,
        Number(d.medianPct.toFixed(1)),
        Number(d.p90Pct.toFixed(1)),
      ]);
    }
    const m = doc.match(/Held-out median absolute error, all rows: ([0-9.]+) %; 90th percentile: ([0-9.]+) %/);
    expect(m).not.toBeNull();
    const errs = ho.rows.map((r) => r.errorPct);
    expect(Number(m![1])).toBeCloseTo(quantile(errs, 0.5), 1);
    expect(Number(m![2])).toBeCloseTo(quantile(errs, 0.9), 1);
  });
  it('quantile interpolates between order statistics', () => {
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.9)).toBe(10);
  });
});

describe('nearest measured twin', () => {
  const evalPreset = (name: string, knobs?: Record<string, number>) =>
    evaluateModel(presetByName(name)!.build(knobs), {}).totals.macs;

  it('finds the measurement of the same preset on the device, with its source', () => {
    const t = measuredTwin('rpi4-ncnn-4t', {
      preset: 'mobilenet_v1',
      macs: evalPreset('mobilenet_v1'),
      precision: 'fp32',
    });
    expect(t?.kind).toBe('same');
    const row = MEASUREMENTS.find((m) => m.device === 'rpi4-ncnn-4t' && m.model === 'mobilenet');
    expect(t!.rows[0].id).toBe(row!.id);
    expect(t!.rows[0].ms).toBe(row!.ms);
    expect(t!.rows[0].source.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(t!.note).toContain(`${row!.ms} ms`);
  });
  it('prefers the row at the asked precision', () => {
    const t = measuredTwin('rpi4-ncnn-4t', {
      preset: 'mobilenet_v1',
      macs: evalPreset('mobilenet_v1'),
      precision: 'int8',
    });
    expect(t?.kind).toBe('same');
    expect(t!.rows[0].model).toBe('mobilenet_int8');
  });
  it('a different width of the preset is not the same network: the closest by MACs instead', () => {
    const macs = evalPreset('mobilenet_v1', { width: 0.5, resolution: 224 });
    const t = measuredTwin('rpi4-ncnn-4t', { preset: 'mobilenet_v1', macs, precision: 'fp32' });
    expect(t?.kind).toBe('closest');
    // No model measured on the device is closer in MACs than the one returned.
    const d = (x: bigint) => Math.abs(Math.log(Number(x) / Number(macs)));
    const models = new Set(MEASUREMENTS.filter((m) => m.device === 'rpi4-ncnn-4t').map((m) => m.model));
    for (const name of models) {
      const x = ncnnMacs(name);
      if (x !== undefined) expect(d(x)).toBeGreaterThanOrEqual(d(t!.macs!));
    }
    expect(t!.note).toContain('different network');
  });
  it('is undefined on a device without measurements in the table', () => {
    expect(measuredTwin('pixel3-gpu', { macs: 1n, precision: 'fp32' })).toBeUndefined();
  });
});
