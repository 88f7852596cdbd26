import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../../src/engine/evaluate';
import { presetByName } from '../../../src/engine/presets';
import { placeModel, placementSummary, type Placement } from '../../../src/engine/deploy/placement';
import { estimateLatencyWithPlacement } from '../../../src/engine/deploy/placement/latency';
import { estimateLatency } from '../../../src/engine/deploy/latency/latency';
import { deviceById } from '../../../src/engine/deploy/devices';
import { place } from './one-layer';

const preset = (name: string) => evaluateModel(presetByName(name)!.build({}));
const placed = (name: string, target: string, dtype?: 'int8' | 'fp16' | 'fp32'): Placement => {
  const p = placeModel(preset(name), target, dtype);
  if ('error' in p) throw new Error(p.error);
  return p;
};

describe('placement of real presets', () => {
  it('MobileNetV2 at int8 runs entirely on the Edge TPU', () => {
    const p = placed('mobilenet_v2', 'edgetpu', 'int8');
    expect(p.firstFallback).toBeNull();
    expect(p.opsOnAccelerator).toBe(p.opsTotal);
    expect(p.partitions).toEqual([
      { on: 'accelerator', firstIndex: 0, lastIndex: p.partitions[0].lastIndex, ops: p.opsTotal },
    ]);
    // BN and ReLU6 are fused into their convs: ops are convs, residual adds, the pool, the reshape and the FC.
    const r = preset('mobilenet_v2');
    const convs = r.rows.filter((x) => x.type === 'conv2d').length;
    const adds = r.rows.filter((x) => x.type === 'residual').length;
    expect(p.opsTotal).toBe(convs + adds + 3);
  });

  it('MobileNetV3-Small on the Edge TPU: the first hardswish and everything after it run on the CPU', () => {
    const r = preset('mobilenet_v3_small');
    const p = placed('mobilenet_v3_small', 'edgetpu');
    const firstHs = r.rows.findIndex((x) => x.type === 'hardswish');
    expect(p.firstFallback?.index).toBe(firstHs);
    expect(p.firstFallback?.ruleId).toBe('edgetpu.not-listed');
    expect(p.partitions.map((x) => x.on)).toEqual(['accelerator', 'cpu']);
    const ops = p.rows.filter((x) => x.role === 'op');
    expect(ops.filter((x) => x.index > firstHs).every((x) => x.on === 'cpu')).toBe(true);
    // Later ops the table supports are sent to the CPU by the single-partition rule; the others by their own.
    const later = ops.filter((x) => x.index !== firstHs && x.on === 'cpu');
    expect(later.length).toBe(p.opsTotal - p.opsOnAccelerator - 1);
    expect(later.filter((x) => x.ruleId === 'edgetpu.rest-on-cpu').length).toBeGreaterThan(later.length / 2);
    expect(later.every((x) => x.ruleId === 'edgetpu.rest-on-cpu' || x.ruleId === 'edgetpu.not-listed')).toBe(true);
  });

  it('a per-op delegate returns to the accelerator after a fallback (MobileNetV3-Small on the TFLite GPU delegate)', () => {
    const p = placed('mobilenet_v3_small', 'tflite-gpu', 'fp16');
    expect(p.partitions.length).toBeGreaterThan(2);
    expect(p.partitions[0].on).toBe('accelerator');
    expect(p.partitions.filter((x) => x.on === 'accelerator').length).toBeGreaterThan(1);
  });

  it('a residual add is placed after its body, so rest-on-CPU covers it when its body falls back', () => {
    const p = place(
      'edgetpu',
      [8, 8, 8],
      [
        { type: 'conv2d', out: 8, kernel: 1 },
        { type: 'residual', body: [{ type: 'conv2d', out: 8, kernel: 1 }, { type: 'hardswish' }] },
        { type: 'conv2d', out: 8, kernel: 1 },
      ],
    );
    const byType = (t: string) => p.rows.find((x) => x.type === t)!;
    expect(byType('hardswish').on).toBe('cpu');
    expect(byType('residual').on).toBe('cpu');
    expect(byType('residual').ruleId).toBe('edgetpu.rest-on-cpu');
    expect(p.partitions.map((x) => [x.on, x.ops])).toEqual([
      ['accelerator', 2],
      ['cpu', 3],
    ]);
  });

  it('fused, elided and constant rows are not ops and follow their op', () => {
    const p = place(
      'edgetpu',
      [8, 8, 8],
      [{ type: 'conv2d', out: 8, kernel: 1 }, { type: 'batchnorm2d' }, { type: 'relu' }, { type: 'dropout' }],
    );
    expect(p.rows.map((x) => [x.type, x.role, x.on])).toEqual([
      ['conv2d', 'op', 'accelerator'],
      ['batchnorm2d', 'fused', 'accelerator'],
      ['relu', 'fused', 'accelerator'],
      ['dropout', 'elided', 'accelerator'],
    ]);
    expect(p.opsTotal).toBe(1);
  });

  it('Hailo-8 has no public table: placement says unknown instead of guessing', () => {
    const p = placed('resnet18', 'hailo8');
    expect(p.documented).toBe(false);
    expect(p.notes.join(' ')).toMatch(/unknown/);
    expect(p.rows.filter((x) => x.role === 'op').every((x) => x.undocumented && x.on === 'cpu')).toBe(true);
  });

  it('the one-line summary says N of M ops, the partitions and the first fallback', () => {
    const p = placed('mobilenet_v3_small', 'edgetpu');
    expect(placementSummary(p)).toBe(
      `1 of ${p.opsTotal} ops on the Edge TPU (2 partitions); first fallback: layers[2] — ${p.firstFallback!.why}`,
    );
    expect(placementSummary(placed('mobilenet_v2', 'edgetpu'))).toMatch(
      /^(\d+) of \1 ops on the Edge TPU \(1 partition\)$/,
    );
    expect(placementSummary(placed('resnet18', 'hailo8'))).toMatch(/unknown/);
  });

  it('unknown targets and broken models give an error, not a throw', () => {
    expect(placeModel(preset('resnet18'), 'nope')).toHaveProperty('error');
  });
});

describe('latency with placement', () => {
  it('without a fallback it equals the accelerator estimate', () => {
    const r = preset('mobilenet_v2');
    const e = estimateLatencyWithPlacement(r, 'coral-edgetpu', 'int8');
    const plain = estimateLatency(r, 'coral-edgetpu', 'int8');
    if ('error' in e || 'error' in plain) throw new Error('estimate failed');
    expect(e.cpuMs).toBe(0);
    expect(e.boundaries).toEqual([]);
    expect(e.ms).toBeCloseTo(plain.ms, 9);
  });

  it('a fallback on a host that is not a device of the database is an error, not a guess', () => {
    // MobileNetV3's hard-swish is on the ANE's negative list, so it needs the host.
    const e = estimateLatencyWithPlacement(preset('mobilenet_v3_small'), 'apple-a17-ane', 'fp16', { host: 'nope' });
    expect('error' in e && e.error).toMatch(/unknown host device "nope"/);
  });

  it("the Coral's default host is an assumed Raspberry Pi 4, and the answer says so", () => {
    const e = estimateLatencyWithPlacement(preset('mobilenet_v3_small'), 'coral-edgetpu', 'int8');
    if ('error' in e) throw new Error(e.error);
    expect(e.host).toBe('rpi4-cpu');
    expect(e.hostReason).toMatch(/^assumed/);
  });

  it('MobileNetV3-Small on Coral with a Raspberry Pi 4 host: CPU time plus one USB transfer', () => {
    const r = preset('mobilenet_v3_small');
    const e = estimateLatencyWithPlacement(r, 'coral-edgetpu', 'int8', { host: 'rpi4-cpu' });
    if ('error' in e) throw new Error(e.error);
    expect(e.boundaries.length).toBe(1);
    const b = e.boundaries[0];
    const out = r.rows[b.afterIndex].output!;
    const bytes = out.reduce((a, x) => a * x, 1) * 1; // int8
    expect(b.bytes).toBe(bytes);
    const usb = deviceById('coral-edgetpu')!.hostLink!.value;
    expect(b.ms).toBeCloseTo(bytes / (usb * 1e6), 12);
    expect(e.ms).toBeCloseTo(e.acceleratorMs + e.cpuMs + e.transferMs, 9);
    expect(e.cpuMs).toBeGreaterThan(e.acceleratorMs);
    const sum = e.layers.reduce((s, l) => s + l.ms, 0);
    expect(sum).toBeCloseTo(e.acceleratorMs + e.cpuMs, 9);
  });

  it("a phone GPU falls back to the same phone's CPU over shared memory", () => {
    const e = estimateLatencyWithPlacement(preset('mobilenet_v3_small'), 'pixel4-gpu', 'fp16');
    if ('error' in e) throw new Error(e.error);
    expect(e.host).toBe('pixel4-cpu-4t');
    expect(e.link.what).toMatch(/memory bandwidth/);
    expect(e.cpuMs).toBeGreaterThan(0);
    expect(e.boundaries.length).toBe(e.placement.partitions.length - 1);
  });
});
