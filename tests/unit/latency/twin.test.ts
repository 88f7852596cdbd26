/**
 * The nearest measured twin on every table that measures a FlopLab device (latency/twin*.ts). Expected
 * rows are looked up in the tables themselves, never typed in, so a change of a table or of the twin's
 * choice fails here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { twinParagraph } from '../../../scripts/calibrate-twin';
import { DEVICES } from '../../../src/engine/deploy/devices';
import type { Precision } from '../../../src/engine/deploy/devices/schema';
import { CALIBRATION_SET } from '../../../src/engine/deploy/latency/calibration-set';
import { AIHUB_ROWS } from '../../../src/engine/deploy/latency/measurements/aihub';
import { CORAL_ROWS, CORAL_SOURCE } from '../../../src/engine/deploy/latency/measurements/coral';
import { HAILO_ROWS } from '../../../src/engine/deploy/latency/measurements/hailo';
import { MOBILE_ROWS } from '../../../src/engine/deploy/latency/measurements/mlperf-mobile';
import { TINY_ROWS } from '../../../src/engine/deploy/latency/measurements/mlperf-tiny';
import { DATE_NOT_PUBLISHED } from '../../../src/engine/deploy/latency/measurements/sources';
import { AIHUB_S24_CHIPSET } from '../../../src/engine/deploy/latency/table-fit';
import { resnet8 } from '../../../src/engine/deploy/latency/tiny-models';
import { measuredTwin, TWIN_ADAPTERS, twinCandidates } from '../../../src/engine/deploy/latency/twin';
import { AIHUB_TWIN_DEVICE } from '../../../src/engine/deploy/latency/twin-aihub';
import { groupDigits } from '../../../src/engine/digits';
import { twinFrom, type TwinTableId } from '../../../src/engine/deploy/latency/twin-core';
import { mobileCandidates } from '../../../src/engine/deploy/latency/twin-mlperf';
import { TWIN_TABLE_DEVICES } from '../../../src/engine/deploy/latency/twin-tables';
import { evaluateModel } from '../../../src/engine/evaluate';
import type { Model } from '../../../src/engine/format/model';
import { presetByName } from '../../../src/engine/presets';

const macsOf = (m: Model) => evaluateModel(m).totals.macs;
const query = (preset: string, precision: Precision, knobs?: Record<string, number>) => {
  const m = presetByName(preset)!.build(knobs);
  return { preset, precision, macs: macsOf(m) };
};

const aihubRow = (model: string, precision: string) =>
  AIHUB_ROWS.find(
    (r) =>
      r.device === 'Samsung Galaxy S24' && r.model === model && r.precision === precision && r.runtime === 'qnn_dlc',
  );

describe('same network measured on the device', () => {
  const cases: {
    name: string;
    device: string;
    preset: string;
    precision: Precision;
    table: TwinTableId;
    row: () => { id: string; ms: number | null } | undefined;
  }[] = [
    {
      name: 'MobileNetV2 on the Coral USB Accelerator',
      device: 'coral-edgetpu',
      preset: 'mobilenet_v2',
      precision: 'int8',
      table: 'coral',
      row: () => {
        const r = CORAL_ROWS.find((x) => 'preset' in x.map && x.map.preset === 'mobilenet_v2');
        return r && { id: r.id, ms: r.usbAccelerator };
      },
    },
    {
      name: 'ResNet-50 w8a8 on the Galaxy S24 NPU (AI Hub, QNN first)',
      device: 'snapdragon-8gen3-npu',
      preset: 'resnet50',
      precision: 'int8',
      table: 'aihub',
      row: () => aihubRow('resnet50', 'w8a8'),
    },
    {
      name: 'ResNet-50 float (fp16 on the NPU) on the Galaxy S24',
      device: 'snapdragon-8gen3-npu',
      preset: 'resnet50',
      precision: 'fp16',
      table: 'aihub',
      row: () => aihubRow('resnet50', 'float'),
    },
    {
      name: 'ResNet-18 on the Hailo-8 (a throughput: no ms)',
      device: 'hailo-8',
      preset: 'resnet18',
      precision: 'int8',
      table: 'hailo',
      row: () => {
        const r = HAILO_ROWS.find((x) => 'preset' in x.map && x.map.preset === 'resnet18');
        return r && { id: r.id, ms: null };
      },
    },
  ];
  it.each(cases)('$name', ({ device, preset, precision, table, row }) => {
    const want = row();
    expect(want).toBeDefined();
    const t = measuredTwin(device, query(preset, precision));
    expect(t?.kind).toBe('same');
    expect(t!.rows[0].table).toBe(table);
    expect(t!.rows[0].id).toBe(want!.id);
    expect(t!.rows[0].ms).toBe(want!.ms);
    expect(t!.precision).toBe(precision);
  });

  it('the Coral twin carries the page and the row line as its source', () => {
    const t = measuredTwin('coral-edgetpu', query('mobilenet_v2', 'int8'))!;
    const r = CORAL_ROWS.find((x) => x.id === t.rows[0].id)!;
    expect(t.rows[0].source).toMatchObject({ url: CORAL_SOURCE.url, date: CORAL_SOURCE.date, line: r.source.line });
    expect(t.note).toContain('USB Accelerator');
  });

  it('hailo-8: the note says streaming throughput in FPS, never ms per inference', () => {
    const t = measuredTwin('hailo-8', query('resnet18', 'int8'))!;
    const r = HAILO_ROWS.find((x) => x.id === t.rows[0].id)!;
    expect(t.rows[0].fps).toEqual({ batch1: r.fps1, batch8: r.fps8 });
    expect(t.note).toContain(`streaming throughput ${groupDigits(r.fps1)} FPS at batch 1`);
    expect(t.note).toContain("not one frame's latency");
    expect(t.note).not.toMatch(/\d ms\b/);
  });

  it('stm32h7: the MLPerf Tiny VWW row is the same network as mobilenet_v1 0.25 @96 with 2 classes', () => {
    const vww = CALIBRATION_SET.find((p) => p.device === 'stm32h7' && p.model.includes('VWW'))!;
    const e = vww.evaluate();
    if ('error' in e) throw new Error(e.error);
    const t = measuredTwin('stm32h7', { preset: 'mobilenet_v1', precision: 'int8', macs: e.totals.macs })!;
    const row = TINY_ROWS.find((r) => r.device === 'stm32h7' && r.benchmark === 'vww')!;
    expect(t.kind).toBe('same');
    expect(t.rows[0].id).toBe(row.id);
    expect(t.rows[0].ms).toBe(row.ms);
    expect(t.note).toContain('MLPerf Tiny');
  });
});

describe('closest measured network, or the list of what was measured', () => {
  it('stm32h7: ResNet-8 (no preset) gets the MLPerf Tiny ic row by FlopLab MACs, and names ad (no MACs)', () => {
    const macs = macsOf(resnet8());
    const t = measuredTwin('stm32h7', { macs, precision: 'int8' })!;
    const row = TINY_ROWS.find((r) => r.device === 'stm32h7' && r.benchmark === 'ic')!;
    expect(t.kind).toBe('closest');
    expect(t.rows[0].id).toBe(row.id);
    expect(t.macs).toBe(macs);
    expect(t.note).toContain('also measured here');
  });

  it.each([
    ['snapdragon-8gen3-npu', 'mobilenet_v2', 'int8'],
    ['coral-edgetpu', 'resnet18', 'int8'],
    ['hailo-8', 'efficientnet_b0', 'int8'],
    ['rpi4-ncnn-4t', 'convnext_tiny', 'fp32'],
  ] as const)('%s, %s: no ranked candidate is closer in MACs than the one returned', (device, preset, precision) => {
    const q = query(preset, precision);
    const t = measuredTwin(device, q)!;
    expect(t.kind).toBe('closest');
    const d = (v: number) => Math.abs(Math.log(v / Number(q.macs)));
    const cands = twinCandidates(device);
    const chosen = cands.find((c) => c.row.id === t.rows[0].id)!;
    const dChosen = d(chosen.size!()!.value);
    for (const c of cands) {
      const s = c.size?.();
      if (s) expect(d(s.value)).toBeGreaterThanOrEqual(dChosen);
    }
    expect(t.note).toContain('different network');
  });

  it('MLPerf Mobile alone gives no MACs: its models are listed, one row per task', () => {
    const c = mobileCandidates('snapdragon-8gen3-npu');
    const t = twinFrom(c, { macs: 1_000_000n, precision: 'int8' })!;
    expect(t.kind).toBe('listed');
    expect(t.rows.length).toBe(MOBILE_ROWS.filter((r) => r.device === 'snapdragon-8gen3-npu').length);
    expect(t.note).toContain('measured models on this device');
  });

  it.each(['pixel3-gpu', 'rk3588-npu', 'jetson-nano'])('%s: no table measures it, no twin', (device) => {
    expect(measuredTwin(device, { macs: 1_000_000n, precision: 'int8' })).toBeUndefined();
  });
});

describe('tables, devices and sources', () => {
  it("the worker's device lists are exactly the devices each table yields rows for", () => {
    for (const [table, adapter] of Object.entries(TWIN_ADAPTERS)) {
      const yielded = DEVICES.filter((d) => adapter(d.id).length > 0).map((d) => d.id);
      expect([...yielded].sort(), table).toEqual([...TWIN_TABLE_DEVICES[table as TwinTableId]].sort());
    }
  });

  it('the AI Hub device is the S24 whose chipset table-fit.ts cites', () => {
    expect(AIHUB_TWIN_DEVICE.label).toBe(AIHUB_S24_CHIPSET.device);
  });

  it('every twin row has a complete source and says what was measured', () => {
    const devices = [...new Set(Object.values(TWIN_TABLE_DEVICES).flat())];
    let n = 0;
    for (const device of devices)
      for (const { row } of twinCandidates(device)) {
        n++;
        const s = row.source;
        expect(s.url, row.id).toMatch(/^https:\/\//);
        expect(s.date === DATE_NOT_PUBLISHED || /^\d{4}-\d{2}-\d{2}$/.test(s.date), `${row.id} date ${s.date}`).toBe(
          true,
        );
        if (s.repo !== null) {
          expect(s.path, row.id).toBeTruthy();
          expect(s.commit, row.id).toMatch(/^[0-9a-f]{40}$/);
          expect(s.url, row.id).toContain(`github.com/${s.repo}/blob/${s.commit}/${s.path}`);
        } else expect(s.line, row.id).toBeGreaterThan(0);
        if (s.line !== null) expect(Number.isInteger(s.line) && s.line > 0, row.id).toBe(true);
        expect(row.setup.length, row.id).toBeGreaterThan(10);
        // A throughput row never poses as a time per inference.
        if (row.fps) expect(row.ms, row.id).toBeNull();
        else expect(row.ms, row.id).toBeGreaterThan(0);
      }
    expect(n).toBeGreaterThan(0);
  });

  // docs/latency.md is written by npm run calibrate: a stale twin table means it was not rerun.
  it('docs/latency.md lists the tables that feed the twin, with their current row counts', () => {
    const doc = readFileSync(new URL('../../../docs/latency.md', import.meta.url), 'utf8');
    const cells = (l: string) => l.split('|').map((c) => c.trim());
    const rows = twinParagraph()
      .split('\n')
      .filter((l) => l.startsWith('| ') && !l.startsWith('| table'));
    expect(rows.length).toBe(Object.keys(TWIN_TABLE_DEVICES).length);
    for (const want of rows) {
      const line = doc.split('\n').find((l) => cells(l)[1] === cells(want)[1]);
      expect(line, cells(want)[1]).toBeDefined();
      expect(cells(line!)).toEqual(cells(want));
    }
  });
});
