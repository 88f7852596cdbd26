import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CALIBRATION_SET } from '../../../src/engine/deploy/latency/calibration-set';
import { estimateLatency } from '../../../src/engine/deploy/latency/latency';
import { calibrationError, calibrationTable } from '../../../src/engine/deploy/latency/calibration';
import { absPctError, median } from '../../../src/engine/deploy/latency/fit';
import { deviceById } from '../../../src/engine/deploy/devices';
import { TRAIN_POINTS } from '../../../src/engine/deploy/latency/measured-fit';
import { TABLE_TRAIN_POINTS } from '../../../src/engine/deploy/latency/table-fit';

// The committed calibration (src/engine/deploy/devices/calibration.json) against the published measurements of
// shared/reference/latency-calibration.md, checked against the error docs/latency.md states.
const doc = readFileSync(new URL('../../../docs/latency.md', import.meta.url), 'utf8');
const stated = (label: string): number => {
  const m = doc.match(new RegExp(`${label}: ([0-9.]+) %`));
  if (!m) throw new Error(`docs/latency.md has no "${label}" line`);
  return Number(m[1]);
};
const docRow = (device: string, precision: string, model: string): number | undefined => {
  // Cells are trimmed: prettier pads the table columns.
  const cells = doc.split('\n').map((l) => l.split('|').map((c) => c.trim()));
  const row = cells.find((c) => c[1] === device && c[2] === precision && c[3] === model);
  return row ? Number(row[6]) : undefined;
};

const results = CALIBRATION_SET.map((p) => {
  const r = p.evaluate();
  if ('error' in r) return { p, error: r.error };
  const e = estimateLatency(r, p.device, p.precision);
  if ('error' in e) return { p, error: e.error };
  return { p, ms: e.ms, low: e.low_ms, high: e.high_ms, errorPct: absPctError(e.ms, p.measuredMs) };
});

describe('calibration on the published measurements', () => {
  it('calibration.json loads', () => expect(calibrationError()).toBeUndefined());
  it('every row of the set builds and estimates', () => {
    expect(results.filter((r) => 'error' in r).map((r) => `${r.p.id}: ${(r as { error: string }).error}`)).toEqual([]);
    expect(results.length).toBe(Number(doc.match(/- Rows: (\d+)/)?.[1]));
  });
  const errs = () => results.map((r) => ('errorPct' in r ? r.errorPct! : Infinity));
  it('median absolute error is at most what docs/latency.md states, and at most 25 %', () => {
    const med = median(errs());
    expect(med).toBeLessThanOrEqual(stated('Median absolute error') + 0.01);
    expect(med).toBeLessThanOrEqual(25);
  });
  it('worst absolute error is at most what docs/latency.md states', () => {
    expect(Math.max(...errs())).toBeLessThanOrEqual(stated('Worst absolute error') + 0.01);
  });
  it.each(results.map((r) => [r.p.id, r] as const))('%s matches its docs/latency.md row', (_id, r) => {
    const want = docRow(r.p.device, r.p.precision, r.p.model);
    expect(want, 'row missing from docs/latency.md').toBeDefined();
    expect('errorPct' in r && r.errorPct).toBeCloseTo(want!, 0);
    // The measurement lies inside the uncertainty band the estimate reports.
    if ('low' in r) {
      expect(r.p.measuredMs).toBeGreaterThanOrEqual(r.low!);
      expect(r.p.measuredMs).toBeLessThanOrEqual(r.high!);
    }
  });
  it('every fitted device exists and was fitted on rows of the set (never per model)', () => {
    for (const [id, byPrecision] of Object.entries(calibrationTable().devices)) {
      expect(deviceById(id), id).toBeDefined();
      for (const [prec, e] of Object.entries(byPrecision))
        expect(e!.rows).toBe(
          [...CALIBRATION_SET, ...TRAIN_POINTS, ...TABLE_TRAIN_POINTS].filter(
            (p) => p.device === id && p.precision === prec,
          ).length,
        );
    }
  });
});
