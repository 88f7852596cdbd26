import { describe, expect, it } from 'vitest';
import { CALIBRATION_SET } from '../../../src/engine/deploy/latency/calibration-set';
import {
  hasDepthwise,
  TABLE_CAL_TRAIN,
  TABLE_ROWS,
  TABLE_SPLIT,
  TABLE_TEST_POINTS,
  TABLE_TRAIN_POINTS,
  tableSplit,
} from '../../../src/engine/deploy/latency/table-fit';
import { deviceById } from '../../../src/engine/deploy/devices';
import { calibrationFor, calibrationTable } from '../../../src/engine/deploy/latency/calibration';

const used = TABLE_ROWS.filter((r) => !r.unused);

describe('the AI Hub and Coral rows fitted and held out', () => {
  it('every row has a source and a FlopLab device', () => {
    expect(TABLE_ROWS.length).toBeGreaterThan(0);
    for (const r of TABLE_ROWS) {
      expect(r.source, r.id).toMatch(/@ [0-9a-f]{7} \(\d{4}-\d{2}-\d{2}\)|coral\.ai\/docs\/edgetpu\/benchmarks/);
      expect(deviceById(r.device), r.id).toBeDefined();
    }
  });
  it('no (device, network) is on both sides, and a held-out row is never a training or calibration-set row', () => {
    const sides = new Map<string, Set<string>>();
    for (const r of used) {
      const k = `${r.device}|${r.network}`;
      sides.set(k, (sides.get(k) ?? new Set()).add(TABLE_SPLIT.get(r.id)!));
    }
    expect([...sides].filter(([, s]) => s.size > 1).map(([k]) => k)).toEqual([]);
    const trainIds = new Set(TABLE_TRAIN_POINTS.map((p) => p.id));
    expect(TABLE_TEST_POINTS.filter((p) => trainIds.has(p.id))).toEqual([]);
    // A row the calibration set holds (named by it) is fitted there, so it can never be held out.
    for (const r of used.filter((x) => TABLE_SPLIT.get(x.id) === 'test')) expect(r.calibration, r.id).toBeUndefined();
  });
  it('a device the calibration set fits is not refitted: its table rows are held out against that fit', () => {
    const calDevices = new Set(CALIBRATION_SET.map((p) => p.device));
    expect(TABLE_TRAIN_POINTS.filter((p) => calDevices.has(p.device))).toEqual([]);
    for (const p of TABLE_CAL_TRAIN) expect(TABLE_TEST_POINTS.some((t) => t.device === p.device)).toBe(true);
    expect(TABLE_TEST_POINTS.some((p) => p.device === 'coral-edgetpu')).toBe(true);
  });
  it('each fitted device trains on dense and depthwise networks and holds some out', () => {
    for (const device of new Set(TABLE_TRAIN_POINTS.map((p) => p.device))) {
      const mine = used.filter((r) => r.device === device);
      const train = mine.filter((r) => TABLE_SPLIT.get(r.id) === 'train');
      expect(new Set(train.map((r) => hasDepthwise(r))).size, device).toBe(2);
      expect(
        mine.some((r) => TABLE_SPLIT.get(r.id) === 'test'),
        device,
      ).toBe(true);
    }
  });
  it('the split does not depend on the order of the rows', () => {
    const reversed = tableSplit([...used].reverse());
    for (const r of used) expect(reversed.get(r.id)).toBe(TABLE_SPLIT.get(r.id));
  });
});

describe('what the app shows for these devices', () => {
  it('the engine’s calibration of each device carries the held-out error calibrate wrote', () => {
    for (const device of new Set(TABLE_TEST_POINTS.map((p) => p.device))) {
      const entry = Object.values(calibrationTable().devices[device] ?? {})[0];
      expect(entry?.heldOut, device).toBeDefined();
      expect(calibrationFor(deviceById(device)!, 'int8').heldOut, device).toEqual(entry!.heldOut);
    }
  });
});
