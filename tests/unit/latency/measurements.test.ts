import { describe, expect, it } from 'vitest';
import {
  MAPPED,
  MEASUREMENTS,
  ncnnMacs,
  networkKey,
  SPLIT,
  splitOf,
  type Mapped,
} from '../../../src/engine/deploy/latency/measurements';
import { NCNN_MODELS } from '../../../src/engine/deploy/latency/measurements/ncnn-models';
import { NCNN_DEVICES, NCNN_GPU_IDS, NCNN_VENDORS } from '../../../src/engine/deploy/devices/data-ncnn';
import {
  NCNN_RUNS,
  NCNN_SECTION_LINES,
  NCNN_SECTION_TITLES,
} from '../../../src/engine/deploy/latency/measurements/ncnn-sections';
import ncnnJson from '../../../src/engine/deploy/latency/measurements/ncnn.json';
import { deviceById } from '../../../src/engine/deploy/devices';
import { presetByName } from '../../../src/engine/presets';
import { evaluateModel } from '../../../src/engine/evaluate';

const HASH = /^[0-9a-f]{40}$/;

describe('measurement table: sources', () => {
  it('holds the ncnn table (thousands of rows, on ≥ 60 FlopLab devices)', () => {
    expect(MEASUREMENTS.length).toBeGreaterThan(5000);
    expect(new Set(MAPPED.map((m) => m.device)).size).toBeGreaterThanOrEqual(60);
  });
  it('every row has a source: repository, file, commit, line, the commit that added it and its date', () => {
    const bad = MEASUREMENTS.filter(
      (m) =>
        !m.source.repo ||
        !m.source.path ||
        !HASH.test(m.source.commit) ||
        !HASH.test(m.source.rowCommit) ||
        !(m.source.line > 0) ||
        !/^\d{4}-\d{2}-\d{2}$/.test(m.source.date) ||
        !m.source.url.includes(m.source.commit),
    );
    expect(bad.map((m) => m.id)).toEqual([]);
  });
  it('every row is a positive time on a known input, with a unique id', () => {
    expect(MEASUREMENTS.filter((m) => !(m.ms > 0)).map((m) => m.id)).toEqual([]);
    expect(new Set(MEASUREMENTS.map((m) => m.id)).size).toBe(MEASUREMENTS.length);
    const noInput = MEASUREMENTS.filter((m) => m.input.length !== 3 && !('unmapped' in m.map));
    expect(noInput.map((m) => m.id)).toEqual([]);
  });
});

describe('measurement table: models', () => {
  it('every model of the table is mapped to a preset or unmapped with a reason', () => {
    const models = [...new Set(MEASUREMENTS.map((m) => m.model))];
    for (const name of models) {
      const map = NCNN_MODELS[name];
      expect(map, name).toBeDefined();
      if ('unmapped' in map) expect(map.unmapped.length, name).toBeGreaterThan(10);
      else expect(presetByName(map.preset), `${name} → ${map.preset}`).toBeDefined();
    }
  });
  // The check that a mapped model really is the preset: FlopLab's MACs equal those of ncnn's param.
  it.each(Object.entries(NCNN_MODELS).filter(([, m]) => 'preset' in m))(
    '%s is the network of its preset',
    (name, map) => {
      if (!('preset' in map)) return;
      const model = presetByName(map.preset)!.build(map.knobs);
      const r = evaluateModel(model, map.input ? { input: [...map.input] } : {});
      expect(r.errors).toBe(0);
      const theirs = ncnnMacs(name);
      expect(theirs, `${name} has no MACs from its param`).toBeDefined();
      // The split's stratum: dense = no depthwise convolution in the network.
      const depthwise = r.rows.some(
        (x) => x.category === 'conv' && Number(x.symbols?.g ?? 1) > 1 && x.symbols?.g === x.symbols?.Cin,
      );
      expect(map.dense === true, `${name} dense flag`).toBe(!depthwise);
      if (map.match === 'same') expect(r.totals.macs).toBe(theirs);
      else {
        expect(map.note).toBeTruthy();
        const diffPct = (Math.abs(Number(r.totals.macs - theirs!)) / Number(theirs)) * 100;
        expect(diffPct).toBeGreaterThan(0);
        expect(diffPct).toBeLessThanOrEqual(map.tolerancePct!);
      }
    },
  );
});

describe('measurement table: devices', () => {
  it('every ncnn device is registered, has a vendor and ≥ 5 mapped measurements', () => {
    const counts = new Map<string, number>();
    for (const m of MAPPED) counts.set(m.device, (counts.get(m.device) ?? 0) + 1);
    for (const d of NCNN_DEVICES) {
      expect(deviceById(d.id), d.id).toBe(d);
      expect(NCNN_VENDORS[d.id], d.id).toBeTruthy();
      expect(counts.get(d.id) ?? 0, d.id).toBeGreaterThanOrEqual(5);
    }
  });
  it('every section title sits at the line data-ncnn.ts cites for it', () => {
    for (const [k, line] of Object.entries(NCNN_SECTION_LINES)) {
      const sec = ncnnJson.sections.find((s) => s.line === line);
      expect(sec?.title, k).toBe(NCNN_SECTION_TITLES[k as keyof typeof NCNN_SECTION_LINES]);
    }
  });
  it('every ncnn device has runs, and every run a device names exists in the table', () => {
    expect(Object.keys(NCNN_RUNS).sort()).toEqual(NCNN_DEVICES.map((d) => d.id).sort());
    for (const id of NCNN_GPU_IDS) expect(NCNN_RUNS[id].every((r) => r.gpu === 0)).toBe(true);
    const titles = new Set(MEASUREMENTS.map((m) => m.deviceLabel));
    for (const [id, runs] of Object.entries(NCNN_RUNS))
      for (const r of runs) expect(titles.has(r.section), `${id}: ${r.section}`).toBe(true);
  });
  it('a row belongs to at most one device setting (threads, cores, GPU)', () => {
    for (const m of MAPPED) {
      const owners = Object.entries(NCNN_RUNS).filter(([, runs]) =>
        runs.some(
          (r) =>
            r.section === m.deviceLabel &&
            r.gpu === m.runtime.gpu &&
            (r.threads === -1 || r.threads === m.runtime.threads) &&
            (r.powersave === -1 || r.powersave === m.runtime.powersave),
        ),
      );
      expect(owners.map(([id]) => id)).toEqual([m.device]);
    }
  });
});

describe('train / held-out split', () => {
  it('no (device, network) pair is in both splits', () => {
    const sides = new Map<string, Set<string>>();
    for (const m of MAPPED) {
      const k = `${m.device}|${networkKey(m)}`;
      sides.set(k, (sides.get(k) ?? new Set()).add(SPLIT.get(m.id)!));
    }
    expect([...sides].filter(([, s]) => s.size > 1).map(([k]) => k)).toEqual([]);
  });
  it('each device trains on and holds out both dense and depthwise networks', () => {
    const kinds = new Map<string, Set<string>>();
    for (const m of MAPPED) {
      const k = `${m.device}|${SPLIT.get(m.id)}`;
      kinds.set(k, (kinds.get(k) ?? new Set()).add(m.map.dense ? 'dense' : 'depthwise'));
    }
    for (const id of new Set(MAPPED.map((m) => m.device))) expect(kinds.get(`${id}|train`)?.size, id).toBe(2);
  });
  it('is deterministic and independent of the order of the rows', () => {
    const reversed = splitOf([...MAPPED].reverse());
    const shuffled = splitOf([...MAPPED].sort((a, b) => (a.ms - b.ms) * (a.source.line % 2 ? 1 : -1)));
    for (const m of MAPPED) {
      expect(reversed.get(m.id)).toBe(SPLIT.get(m.id));
      expect(shuffled.get(m.id)).toBe(SPLIT.get(m.id));
    }
  });
  it('every device keeps training rows and has held-out rows', () => {
    const by = new Map<string, Mapped[]>();
    for (const m of MAPPED) by.set(m.device, [...(by.get(m.device) ?? []), m]);
    for (const [id, rows] of by) {
      const test = rows.filter((m) => SPLIT.get(m.id) === 'test').length;
      expect(test, id).toBeGreaterThan(0);
      expect(rows.length - test, id).toBeGreaterThan(0);
    }
  });
});
