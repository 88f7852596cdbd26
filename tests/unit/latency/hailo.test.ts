import { describe, expect, it } from 'vitest';
import {
  HAILO_PRESETS,
  HAILO_ROWS,
  HAILO_SOURCE,
  HAILO_UNMAPPED,
} from '../../../src/engine/deploy/latency/measurements/hailo';
import { presetByName } from '../../../src/engine/presets';
import { evaluateModel } from '../../../src/engine/evaluate';
import { deviceById } from '../../../src/engine/deploy/devices';

const HASH = /^[0-9a-f]{40}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const decimals = (x: number) => (String(x).split('.')[1] ?? '').length;

/** FlopLab's parameter counts (as is, batch norms folded) and MACs for a preset at an input. */
function counts(preset: string, knobs: Record<string, number> | undefined, input: readonly number[]) {
  const p = presetByName(preset);
  expect(p, preset).toBeDefined();
  const r = evaluateModel(p!.build(knobs as never), { input: [...input] });
  expect(r.errors).toBe(0);
  const norms = r.rows.filter((x) => !x.block && x.type === 'batchnorm2d').reduce((s, x) => s + Number(x.params), 0);
  return { params: [Number(r.totals.params), Number(r.totals.params) - norms / 2], macs: Number(r.totals.macs) };
}

const sameNetwork = (stated: { paramsM: number; opsG: number }, c: ReturnType<typeof counts>) => ({
  params: c.params.some(
    (p) => (p / 1e6).toFixed(decimals(stated.paramsM)) === stated.paramsM.toFixed(decimals(stated.paramsM)),
  ),
  ops: Math.abs((2 * c.macs) / 1e9 - stated.opsG) / stated.opsG <= 0.05,
});

describe('hailo_model_zoo Hailo-8 measurements', () => {
  it('every row has its source file, commit, line, file commit and date', () => {
    expect(HAILO_ROWS.length).toBeGreaterThan(50);
    const bad = HAILO_ROWS.filter(
      (r) =>
        r.source.repo !== 'hailo-ai/hailo_model_zoo' ||
        !r.source.path.endsWith('.rst') ||
        !HASH.test(r.source.commit) ||
        !HASH.test(r.source.rowCommit) ||
        !DAY.test(r.source.date) ||
        r.source.date > HAILO_SOURCE.date ||
        !r.source.url.includes(r.source.commit) ||
        !(r.fps1 > 0) ||
        Math.abs(r.ms * r.fps1 - 1000) > 1e-9 ||
        // Several inputs (stereonet: "368x1232x3, 368x1232x3") have no single [C, H, W].
        (r.chw.length !== 3 && !r.input.includes(',')),
    );
    expect(bad.map((r) => r.id)).toEqual([]);
  });
  it('no duplicate rows', () => {
    expect(new Set(HAILO_ROWS.map((r) => r.id)).size).toBe(HAILO_ROWS.length);
    const key = (r: (typeof HAILO_ROWS)[number]) => `${r.source.path}|${r.dataset}|${r.model}|${r.input}`;
    expect(new Set(HAILO_ROWS.map(key)).size).toBe(HAILO_ROWS.length);
  });
  it('rows are on the FlopLab device hailo-8', () => {
    expect(deviceById('hailo-8')).toBeDefined();
    expect(HAILO_ROWS.every((r) => r.device === 'hailo-8')).toBe(true);
  });
  it('every preset named in the map is used by a row', () => {
    const used = new Set(HAILO_ROWS.filter((r) => 'preset' in r.map).map((r) => r.model));
    expect(Object.keys(HAILO_PRESETS).filter((m) => !used.has(m))).toEqual([]);
  });
  const mapped = HAILO_ROWS.filter((r) => 'preset' in r.map);
  it.each(mapped.map((r) => [r.model, r] as const))('%s: same parameters and operations as the preset', (_, r) => {
    const map = r.map as { preset: string; knobs?: Record<string, number> };
    const c = counts(map.preset, map.knobs, r.chw);
    expect(sameNetwork({ paramsM: r.paramsM!, opsG: r.opsG! }, c), `${r.model} → ${map.preset}`).toEqual({
      params: true,
      ops: true,
    });
  });
  // An unmapped look-alike must really fail the check: a stale exception would hide a mapping.
  it.each(Object.entries(HAILO_UNMAPPED))('%s is not the same network as its look-alike', (model, u) => {
    const r = HAILO_ROWS.find((x) => x.model === model);
    expect(r, model).toBeDefined();
    expect('unmapped' in r!.map).toBe(true);
    const [preset, knobs] = u.near.split(' ');
    const c = counts(preset, knobs ? (JSON.parse(knobs) as Record<string, number>) : undefined, r!.chw);
    const s = sameNetwork({ paramsM: r!.paramsM!, opsG: r!.opsG! }, c);
    expect(s.params && s.ops).toBe(false);
  });
});
