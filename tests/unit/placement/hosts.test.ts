import { describe, expect, it } from 'vitest';
import { deviceById } from '../../../src/engine/deploy/devices';
import { HOST_OF_DEVICE, TARGET_OF_DEVICE } from '../../../src/engine/deploy/placement';
import { estimateLatencyWithPlacement } from '../../../src/engine/deploy/placement/latency';
import { evaluateModel } from '../../../src/engine/evaluate';
import { presetByName } from '../../../src/engine/presets';
import { evaluate } from './one-layer';

const preset = (name: string) => evaluateModel(presetByName(name)!.build({}));

// An accelerator may go without a host CPU only for a reason listed here (none today). Adding a
// device to TARGET_OF_DEVICE with a null host makes this file fail until the reason is accepted.
const NULL_HOST_ACCEPTED: Readonly<Record<string, string>> = {};

// Hosts that are the accelerator's own chip (not assumed) and the stand-ins (assumed).
const SAME_CHIP: [accelerator: string, host: string][] = [
  ['pixel3-gpu', 'pixel3-cpu-4t'],
  ['pixel4-gpu', 'pixel4-cpu-4t'],
  ['iphone-xs-gpu', 'apple-a12-cpu'],
  ['snapdragon-8gen3-npu', 'sd8g3-cpu'],
  ['k210', 'k210-cpu'],
  ['apple-a17-ane', 'apple-a17-cpu'],
  ['imx93-npu', 'imx93-cpu'],
];
const STAND_INS = ['coral-edgetpu', 'rk3588-npu', 'hailo-8'];

// The accelerators whose host was null before issue 17's device side, and the i.MX 93, with the
// precision their runtime places at.
const NEWLY_HOSTED: [device: string, precision: 'int8' | 'fp16'][] = [
  ['snapdragon-8gen3-npu', 'int8'],
  ['apple-a17-ane', 'fp16'],
  ['iphone-xs-gpu', 'fp16'],
  ['k210', 'int8'],
  ['imx93-npu', 'int8'],
];

describe('HOST_OF_DEVICE (issue 17)', () => {
  it.each(Object.keys(TARGET_OF_DEVICE))('%s has a host CPU of the database, or an accepted reason', (id) => {
    const h = HOST_OF_DEVICE[id];
    expect(h, id).toBeDefined();
    expect(h.reason.length).toBeGreaterThan(10);
    if (h.device === null) expect(NULL_HOST_ACCEPTED[id], `${id}: null host (${h.reason})`).toBeDefined();
    else expect(['phone-cpu', 'sbc-cpu', 'mcu']).toContain(deviceById(h.device)?.category);
  });

  it('every host choice belongs to a device with a placement table', () => {
    for (const id of Object.keys(HOST_OF_DEVICE)) expect(TARGET_OF_DEVICE[id], id).toBeDefined();
  });

  it.each(SAME_CHIP)('%s falls back to its own chip: %s (not assumed)', (acc, host) => {
    expect(HOST_OF_DEVICE[acc].device).toBe(host);
    expect(HOST_OF_DEVICE[acc].assumed).toBeUndefined();
  });

  it.each(STAND_INS)('%s: the stand-in host says it is assumed', (acc) => {
    expect(HOST_OF_DEVICE[acc].assumed).toBe(true);
    expect(HOST_OF_DEVICE[acc].reason).toMatch(/^assumed/);
  });

  it("the i.MX 93's NPU is placed with the Ethos-U (Vela) table", () => {
    expect(TARGET_OF_DEVICE['imx93-npu']).toBe('ethos-u');
  });
});

describe('latency with placement now has a host for every accelerator', () => {
  it.each(NEWLY_HOSTED)('MobileNetV2 on %s (%s): a number, with the mapped host', (id, precision) => {
    const e = estimateLatencyWithPlacement(preset('mobilenet_v2'), id, precision);
    if ('error' in e) throw new Error(e.error);
    expect(Number.isFinite(e.ms) && e.ms > 0).toBe(true);
    expect(e.host).toBe(HOST_OF_DEVICE[id].device);
    expect(e.ms).toBeCloseTo(e.acceleratorMs + e.cpuMs + e.transferMs, 9);
  });

  // ViT-B/16 falls back on these four (GELU, layer norm, attention ops), so the host's time is used.
  it.each(NEWLY_HOSTED.filter(([id]) => id !== 'snapdragon-8gen3-npu'))(
    'ViT-B/16 on %s: fallback ops are timed on the host CPU',
    (id, precision) => {
      const e = estimateLatencyWithPlacement(preset('vit_b_16'), id, precision);
      if ('error' in e) throw new Error(e.error);
      expect(e.placement.opsOnAccelerator).toBeLessThan(e.placement.opsTotal);
      expect(e.cpuMs).toBeGreaterThan(0);
      expect(e.boundaries.length).toBe(e.placement.partitions.length - 1);
    },
  );

  it('Snapdragon 8 Gen 3: an op the HTP table lacks (LSTM, executorch QNN table) runs on the Kryo CPU', () => {
    const r = evaluate(
      [5, 16],
      [
        { type: 'linear', out: 16 },
        { type: 'lstm', hidden: 8 },
      ],
    );
    const e = estimateLatencyWithPlacement(r, 'snapdragon-8gen3-npu', 'int8');
    if ('error' in e) throw new Error(e.error);
    expect(e.host).toBe('sd8g3-cpu');
    expect(e.layers.some((l) => l.on === 'cpu' && l.ms > 0)).toBe(true);
  });

  it('K210: the RISC-V host has no int8 figure, so its fallback ops are timed at fp32 and the answer says so', () => {
    const e = estimateLatencyWithPlacement(preset('mobilenet_v2'), 'k210', 'int8');
    if ('error' in e) throw new Error(e.error);
    expect(e.hostPrecision).toBe('fp32');
    expect(e.notes.join(' ')).toMatch(/no int8 figure/);
  });
});
