import { describe, expect, it } from 'vitest';
import { RKNN_ROWS, RKNN_SKIPPED, RKNN_SOURCE } from '../../../src/engine/deploy/latency/measurements/rknn';

const HASH = /^[0-9a-f]{40}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

describe('rknn_model_zoo measurements', () => {
  it('every row has its source file, commit, line, blame commit and date', () => {
    expect(RKNN_SOURCE.repo).toBe('airockchip/rknn_model_zoo');
    const bad = RKNN_ROWS.filter(
      (r) =>
        !HASH.test(r.source.commit) ||
        !HASH.test(r.source.rowCommit) ||
        !DAY.test(r.source.date) ||
        r.source.date > RKNN_SOURCE.date ||
        !(r.source.line > 0) ||
        !r.source.url.includes(r.source.commit),
    );
    expect(bad.map((r) => r.id)).toEqual([]);
  });
  it('no duplicate rows, and each is a frame rate with its time', () => {
    expect(new Set(RKNN_ROWS.map((r) => r.id)).size).toBe(RKNN_ROWS.length);
    const key = (r: (typeof RKNN_ROWS)[number]) => `${r.demo}|${r.model}|${r.deviceLabel}`;
    expect(new Set(RKNN_ROWS.map(key)).size).toBe(RKNN_ROWS.length);
    const bad = RKNN_ROWS.filter((r) => !(r.fps > 0) || Math.abs(r.ms * r.fps - 1000) > 1e-9);
    expect(bad.map((r) => r.id)).toEqual([]);
  });
  it('only "/" and real-time factors are skipped', () => {
    const bad = RKNN_SKIPPED.filter((s) => s.cell !== '/' && !/^RTF/.test(s.cell));
    expect(bad).toEqual([]);
  });
  it('no row claims a FlopLab device or preset, each says why', () => {
    for (const r of RKNN_ROWS) {
      expect(r).not.toHaveProperty('device');
      expect(r.deviceNote.length).toBeGreaterThan(20);
      expect(r.unmapped.length).toBeGreaterThan(20);
    }
    // The RK3588 column is one NPU core: its note must say so (not that RK3588 is unknown to FlopLab).
    const rk = RKNN_ROWS.filter((r) => r.deviceLabel.startsWith('RK3588'));
    expect(rk.length).toBeGreaterThan(0);
    expect(rk.every((r) => r.deviceLabel.includes('single_core') && r.deviceNote.includes('rk3588-npu'))).toBe(true);
  });
});
