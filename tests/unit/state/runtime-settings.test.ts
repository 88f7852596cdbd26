/**
 * Issue 5's settings (device, precision) in share links and autosaves, and the runtime worker's
 * answer (src/worker/runtime.ts) against the engine it wraps.
 */
import { describe, expect, it } from 'vitest';
import { deflateSync } from 'fflate';
import { DEFAULT_DEVICE, defaultSettings, starterModel } from '../../../src/state/defaults';
import { decodeShare, encodeShare, toBase64Url } from '../../../src/state/urlCodec';
import { readSaved } from '../../../src/state/persistence';
import { deviceById, DEVICES } from '../../../src/engine/deploy/devices';
import { evaluateModel } from '../../../src/engine/evaluate';
import { estimateLatency } from '../../../src/engine/deploy/latency/latency';
import { memoryPlan } from '../../../src/engine/deploy/device-memory';
import { activationMemory } from '../../../src/engine/deploy/memory';
import { presetByName } from '../../../src/engine/presets';
import { runtimeOf } from '../../../src/worker/runtime';
import { aggregateLatency, aggregateMemory, rooflinePoints } from '../../../src/ui/charts/chartData';

const model = starterModel();

describe('device and precision settings', () => {
  it('the default device exists and is calibrated from measurements', () => {
    expect(deviceById(DEFAULT_DEVICE)).toBeDefined();
    expect(defaultSettings().precision).toBe('fp32');
  });

  it.each([
    ['a device and int8', { device: 'coral-edgetpu', precision: 'int8' as const }],
    ['no device', { device: null, precision: 'fp16' as const }],
  ])('share links carry %s', (_name, s) => {
    const d = decodeShare(encodeShare({ model, convention: 'thop', settings: s }));
    expect(d.ok && d.state.settings).toEqual(s);
  });

  it('an old v1 link without device settings still opens (receiver keeps its own)', () => {
    // Hand-made payload in the v1 format as it was before issue 5 (no s.v / s.r).
    const { format: _f, ...m } = model;
    const json = JSON.stringify({ m, c: 'thop', s: { n: 'exact', d: 'fp16', t: 'dark' } });
    const d = decodeShare('#v1.' + toBase64Url(deflateSync(new TextEncoder().encode(json))));
    expect(d.ok).toBe(true);
    if (d.ok) expect(d.state.settings).toEqual({ numberFormat: 'exact', dtype: 'fp16', theme: 'dark' });
  });

  it('rejects a link whose precision is not fp32/fp16/int8', () => {
    const { format: _f, ...m } = model;
    const json = JSON.stringify({ m, c: 'thop', s: { r: 'fp64' } });
    expect(decodeShare('#v1.' + toBase64Url(deflateSync(new TextEncoder().encode(json)))).ok).toBe(false);
  });

  it.each([
    ['missing (older autosave)', {}, DEFAULT_DEVICE, 'fp32'],
    ['kept', { device: 'jetson-nano', precision: 'fp16' }, 'jetson-nano', 'fp16'],
    ['none', { device: null, precision: 'int8' }, null, 'int8'],
    ['wrong types fall back', { device: 42, precision: 'fp64' }, DEFAULT_DEVICE, 'fp32'],
  ])('autosave settings: %s', (_name, settings, device, precision) => {
    const r = readSaved(JSON.stringify({ model, settings }));
    expect(r?.ok && r.saved.settings.device).toBe(device);
    expect(r?.ok && r.saved.settings.precision).toBe(precision);
  });
});

describe('runtime answer (what the runtime worker sends)', () => {
  const mobilenet = presetByName('mobilenet_v2')!.build();
  const result = evaluateModel(mobilenet);
  const answer = runtimeOf(mobilenet, { deviceId: 'pixel4-cpu-4t', precision: 'fp32', dtype: 'fp16', compare: true });

  it('memory is the engine memory model for the chosen dtype (norms and activations fused, as runtimes run them)', () => {
    const { mem, plan } = memoryPlan(result, 'fp16');
    expect(answer.memory?.peakBytes).toBe(mem.peak!.liveBytes);
    // Fusing BN and ReLU6 into the conv before them lowers the peak below the layer-by-layer one.
    expect(mem.peak!.liveBytes < activationMemory(result, 'fp16').peak!.liveBytes).toBe(true);
    expect(answer.memory?.arenaBytes).toBe(plan.planned ? plan.arenaBytes : null);
    expect(answer.memory?.weightBytes).toBe(mem.weightBytes);
    expect(answer.memory?.points).toHaveLength(mem.steps.length);
  });

  it('latency is the engine estimate, each layer with the model path the editor selects', () => {
    const e = estimateLatency(result, 'pixel4-cpu-4t', 'fp32');
    if ('error' in e) throw new Error(e.error);
    const l = answer.latency;
    if (!l || 'error' in l) throw new Error('no estimate');
    expect(l.estimate.ms).toBe(e.ms);
    expect(l.estimate.layers.map((x) => x.path)).toEqual(e.layers.map((x) => x.path));
    const paths = new Set(result.rows.map((r) => r.modelPath));
    expect(l.estimate.layers.every((x) => paths.has(x.modelPath))).toBe(true);
  });

  it('compares every device, fastest first, each equal to its own estimate', () => {
    expect(answer.devices).toHaveLength(DEVICES.length);
    const ok = answer.devices.filter((d) => !('error' in d)) as Extract<
      (typeof answer.devices)[number],
      { ms: number }
    >[];
    for (let i = 1; i < ok.length; i++) expect(ok[i].ms).toBeGreaterThanOrEqual(ok[i - 1].ms);
    for (const d of ok) {
      const e = estimateLatency(result, d.id, d.precision);
      expect('error' in e ? NaN : e.ms).toBe(d.ms);
      expect(d.boundMs.compute + d.boundMs.memory).toBeCloseTo(d.ms, 9);
    }
  });

  it('reports an unknown device and a bad model as messages, not throws', () => {
    const bad = runtimeOf(mobilenet, { deviceId: 'nope', precision: 'fp32', dtype: 'fp32', compare: false });
    expect(bad.latency && 'error' in bad.latency && bad.latency.error).toMatch(/unknown device "nope"/);
    const broken = runtimeOf(
      { ...mobilenet, input: [3, 0, 0] },
      { deviceId: null, precision: 'fp32', dtype: 'fp32', compare: false },
    );
    expect(broken.modelError ?? (broken.memory?.complete === false ? 'incomplete' : '')).not.toBe('');
  });
});

describe('charts stay small with 1,000+ layers', () => {
  // 1,200 conv/relu layers at top level (each its own top-level group).
  const big = {
    ...model,
    input: [8, 16, 16],
    layers: Array.from({ length: 600 }, () => [
      { type: 'conv2d', out: 8, kernel: 3, padding: 1 },
      { type: 'relu' },
    ]).flat(),
  };
  const answer = runtimeOf(big, { deviceId: 'rpi4-cpu', precision: 'fp32', dtype: 'fp32', compare: false });
  const latency = answer.latency as Exclude<typeof answer.latency, { error: string } | null>;

  it('memory bars merge into at most 300, keeping the peak and its height', () => {
    const m = aggregateMemory(answer.memory!.points);
    expect(answer.memory!.points.length).toBeGreaterThan(1000);
    expect(m.aggregated).toBe(true);
    expect(m.points.length).toBeLessThanOrEqual(300);
    expect(m.points.filter((p) => p.peak)).toHaveLength(1);
    expect(Math.max(...m.points.map((p) => p.liveBytes))).toBe(Number(answer.memory!.peakBytes));
  });

  it('time bars merge into at most 300 and keep the total', () => {
    const t = aggregateLatency(latency.points);
    expect(t.points.length).toBeLessThanOrEqual(300);
    const sum = (xs: { ms: number }[]) => xs.reduce((s, p) => s + p.ms, 0);
    expect(sum(t.points)).toBeCloseTo(sum(latency.points), 9);
    expect(sum(t.points)).toBeCloseTo(latency.estimate.ms, 9);
  });

  it('the roofline keeps the 300 slowest kernels', () => {
    const r = rooflinePoints(latency.points);
    expect(r).toHaveLength(300);
    const cut = Math.min(...r.map((p) => p.ms));
    expect(latency.points.filter((p) => p.ms > cut).length).toBeLessThan(300);
  });
});
