import { describe, expect, it } from 'vitest';
import { CORAL_ROWS, CORAL_SOURCE } from '../../../src/engine/deploy/latency/measurements/coral';
import { CALIBRATION_SET } from '../../../src/engine/deploy/latency/calibration-set';
import { DATE_NOT_PUBLISHED } from '../../../src/engine/deploy/latency/measurements/sources';
import { presetByName } from '../../../src/engine/presets';
import { evaluateModel } from '../../../src/engine/evaluate';

describe('Coral Edge TPU benchmarks, Table 1', () => {
  it('every row has its source: the page, its line in the saved text, and no invented date', () => {
    expect(CORAL_SOURCE.url).toBe('https://coral.ai/docs/edgetpu/benchmarks');
    expect(CORAL_SOURCE.date).toBe(DATE_NOT_PUBLISHED);
    for (const r of CORAL_ROWS) {
      expect(r.source.url).toBe(CORAL_SOURCE.url);
      expect(r.source.line).toBeGreaterThan(0);
      for (const v of [r.desktopCpu, r.usbAccelerator, r.embeddedCpu, r.devBoard]) expect(v).toBeGreaterThan(0);
    }
    expect(new Set(CORAL_ROWS.map((r) => r.id)).size).toBe(CORAL_ROWS.length);
  });
  it('the rows the calibration set holds agree with it', () => {
    const held = CORAL_ROWS.filter((r) => 'calibration' in r.map && r.map.calibration);
    expect(held.length).toBe(CALIBRATION_SET.filter((p) => p.device === 'coral-edgetpu').length);
    for (const r of held) {
      const name = 'calibration' in r.map ? r.map.calibration : undefined;
      const p = CALIBRATION_SET.find((x) => x.device === 'coral-edgetpu' && x.model === name);
      expect(p, r.model).toBeDefined();
      expect(p!.measuredMs).toBe(r.usbAccelerator);
    }
  });
  it('a row claimed to be a preset has the stated parameter count, at its rounding', () => {
    for (const r of CORAL_ROWS) {
      if (!('preset' in r.map) || !r.map.check) continue;
      const m = evaluateModel(presetByName(r.map.preset)!.build(r.map.knobs), {});
      const stated = Number(r.map.check.params.replace(/M$/, ''));
      expect(Number(m.totals.params) / 1e6, r.model).toBeCloseTo(stated, 1);
      // The split's stratum matches the network.
      const depthwise = m.rows.some(
        (x) => x.category === 'conv' && Number(x.symbols?.g ?? 1) > 1 && x.symbols?.g === x.symbols?.Cin,
      );
      expect(r.map.dense, r.model).toBe(!depthwise);
    }
  });
});
