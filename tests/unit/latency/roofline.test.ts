import { describe, expect, it } from 'vitest';
import { kernelTime, estimateLatency, kernelsOf, type Roof } from '../../../src/engine/deploy/latency/latency';
import { layerClassOf, LAYER_CLASSES, type LayerClass } from '../../../src/engine/deploy/latency/classes';
import { evaluateModel } from '../../../src/engine/evaluate';
import { MODEL_FORMAT, type Model } from '../../../src/engine/format/model';
import { deviceById } from '../../../src/engine/deploy/devices';
import { calibrationFor } from '../../../src/engine/deploy/latency/calibration';

// The roofline (Williams, Waterman, Patterson, "Roofline", CACM 2009; LLM-Viewer hardwares/roofline_model.py,
// cited in shared/reference/latency-calibration.md): time = ops / min(peak, intensity × bandwidth).
// Here each roof is scaled by its class efficiency and a fixed per-kernel overhead is added.
const flat = (compute: number, memory: number) =>
  Object.fromEntries(LAYER_CLASSES.map((c) => [c, { compute, memory }])) as Record<
    LayerClass,
    { compute: number; memory: number }
  >;
const roof = (o: Partial<Roof> = {}): Roof => ({
  peakGops: 100,
  bandwidthGBs: 10,
  classes: flat(0.5, 1),
  overheadUs: 0,
  spillFraction: 0,
  hostLinkGBs: Infinity,
  ...o,
});

describe('kernelTime: roofline arithmetic', () => {
  // Hand-computed: ms = ops / (GOP/s × eff × 1e6), ms = bytes / (GB/s × eff × 1e6).
  const rows: [
    string,
    { ops: number; act: number; w: number },
    Roof,
    { ms: number; bound: string; computeMs: number; memoryMs: number; attainable: number },
  ][] = [
    // 2 GOP at 100 × 0.5 = 50 GOP/s → 40 ms; 1 MB at 10 GB/s → 0.1 ms; intensity 2000 op/B.
    [
      'compute-bound conv',
      { ops: 2e9, act: 5e5, w: 5e5 },
      roof(),
      { ms: 40, bound: 'compute', computeMs: 40, memoryMs: 0.1, attainable: 50 },
    ],
    // 1 MOP → 0.02 ms; 8 MB at 10 GB/s → 0.8 ms; intensity 0.125 op/B → attainable 1.25 GOP/s.
    [
      'memory-bound activation',
      { ops: 1e6, act: 8e6, w: 0 },
      roof(),
      { ms: 0.8, bound: 'memory', computeMs: 0.02, memoryMs: 0.8, attainable: 1.25 },
    ],
    // Same, plus 50 µs overhead.
    [
      'overhead adds',
      { ops: 1e6, act: 8e6, w: 0 },
      roof({ overheadUs: 50 }),
      { ms: 0.85, bound: 'memory', computeMs: 0.02, memoryMs: 0.8, attainable: 1.25 },
    ],
    // Memory efficiency 0.5 halves the memory roof: 1.6 ms.
    [
      'memory efficiency',
      { ops: 1e6, act: 8e6, w: 0 },
      roof({ classes: flat(0.5, 0.5) }),
      { ms: 1.6, bound: 'memory', computeMs: 0.02, memoryMs: 1.6, attainable: 0.625 },
    ],
    // Half of 4 MB weights spill over a 0.5 GB/s link: 2e6 / 0.5e6 = 4 ms on top of max(0.02, 0.4).
    [
      'weights spill over the host link',
      { ops: 1e6, act: 0, w: 4e6 },
      roof({ spillFraction: 0.5, hostLinkGBs: 0.5 }),
      { ms: 4.4, bound: 'memory', computeMs: 0.02, memoryMs: 0.4, attainable: 2.5 },
    ],
    // Ridge point: intensity = peak·e / bw = 50 / 10 = 5 op/B; at exactly 5 both terms are equal → compute.
    [
      'at the ridge point',
      { ops: 5e6, act: 1e6, w: 0 },
      roof(),
      { ms: 0.1, bound: 'compute', computeMs: 0.1, memoryMs: 0.1, attainable: 50 },
    ],
  ];
  it.each(rows)('%s', (_name, k, r, want) => {
    const t = kernelTime({ ops: k.ops, activationBytes: k.act, weightBytes: k.w, layerClass: 'conv' }, r);
    expect(t.ms).toBeCloseTo(want.ms, 9);
    expect(t.bound).toBe(want.bound);
    expect(t.computeMs).toBeCloseTo(want.computeMs, 9);
    expect(t.memoryMs).toBeCloseTo(want.memoryMs, 9);
    expect(t.attainableGops).toBeCloseTo(want.attainable, 9);
  });
});

const model = (input: number[], layers: Model['layers'], batch = 1): Model => ({
  format: MODEL_FORMAT,
  input,
  batch,
  layers,
});

describe('layer classes', () => {
  // Depthwise = groups equal to input channels (seed article: depthwise separable convolution; PyTorch groups).
  const rows: [string, Model['layers'][number], LayerClass][] = [
    ['3×3 conv', { type: 'conv2d', out: 8, kernel: 3 }, 'conv'],
    ['1×1 conv', { type: 'conv2d', out: 8, kernel: 1 }, 'pointwise'],
    ['depthwise 3×3', { type: 'conv2d', out: 4, kernel: 3, groups: 4 }, 'depthwise'],
    ['grouped (not depthwise) 3×3', { type: 'conv2d', out: 8, kernel: 3, groups: 2 }, 'conv'],
    ['grouped 1×1 (ShuffleNet) is conv', { type: 'conv2d', out: 8, kernel: 1, groups: 2 }, 'conv'],
    ['batch norm', { type: 'batchnorm2d' }, 'norm'],
    ['relu', { type: 'relu' }, 'activation'],
    ['max pool', { type: 'maxpool2d', kernel: 2 }, 'pooling'],
  ];
  it.each(rows)('%s → %s', (_n, layer, cls) => {
    const r = evaluateModel(model([4, 8, 8], [layer]));
    expect(r.errors).toBe(0);
    expect(layerClassOf(r.rows[0])).toBe(cls);
  });
});

describe('kernels: ops = 2 × MACs, fusion, bytes', () => {
  // conv 3→8, 3×3, pad 1 on 8×8: MACs = 8·8·8·3·3·3 = 13,824 (seed: Ho·Wo·Cout·Cin·Kh·Kw).
  const m = model(
    [3, 8, 8],
    [
      { type: 'conv2d', out: 8, kernel: 3, padding: 1, bias: false },
      { type: 'batchnorm2d' },
      { type: 'relu' },
      { type: 'maxpool2d', kernel: 2 },
      { type: 'flatten' },
      { type: 'linear', out: 10 },
    ],
  );
  const r = evaluateModel(m);
  const { kernels, fusedInto } = kernelsOf(r, 'fp32');
  it('has three kernels: conv (with BN and ReLU fused), pool, linear; flatten is a view', () => {
    expect(kernels.map((k) => k.layerClass)).toEqual(['conv', 'pooling', 'linear']);
    expect(kernels[0].fused).toEqual(['layers[1]', 'layers[2]']);
    expect(fusedInto.get(1)?.path).toBe('layers[0]');
  });
  it('counts conv ops as 2 × MACs plus the fused BN (2/element) and ReLU (1/element)', () => {
    expect(kernels[0].ops).toBe(2 * 13_824 + 2 * 512 + 512);
  });
  it('counts conv bytes as input + output + weights in fp32', () => {
    // input 3·8·8 = 192, output 8·8·8 = 512 elements; weights 8·3·3·3 = 216.
    expect(kernels[0].activationBytes).toBe((192 + 512) * 4);
    expect(kernels[0].weightBytes).toBe(216 * 4);
  });
  it('int8 is a quarter of the fp32 bytes', () => {
    const k8 = kernelsOf(r, 'int8').kernels[0];
    expect(k8.activationBytes).toBe(192 + 512);
    expect(k8.weightBytes).toBe(216);
  });
  it('batch 4 multiplies activations, not weights', () => {
    const k4 = kernelsOf(evaluateModel(m, { batch: 4 }), 'fp32').kernels[0];
    expect(k4.activationBytes).toBe(4 * (192 + 512) * 4);
    expect(k4.weightBytes).toBe(216 * 4);
    expect(k4.ops).toBe(4 * kernels[0].ops);
  });
  it('a residual add reads two operands and an activation after it fuses into it', () => {
    const rr = evaluateModel(
      model(
        [4, 8, 8],
        [{ type: 'residual', body: [{ type: 'conv2d', out: 4, kernel: 3, padding: 1 }] }, { type: 'relu' }],
      ),
    );
    const ks = kernelsOf(rr, 'fp32').kernels;
    const add = ks.find((k) => k.path === 'layers[0]')!;
    expect(add.activationBytes).toBe(3 * 256 * 4);
    expect(add.fused).toEqual(['layers[1]']);
  });
});

describe('estimateLatency', () => {
  const r = evaluateModel(model([3, 32, 32], [{ type: 'conv2d', out: 16, kernel: 3, padding: 1 }, { type: 'relu' }]));
  it('total = sum of layer times; band from the calibration', () => {
    const e = estimateLatency(r, 'pixel4-cpu-4t', 'fp32');
    if ('error' in e) throw new Error(e.error);
    const sum = e.layers.reduce((s, l) => s + l.ms, 0);
    expect(e.ms).toBeCloseTo(sum, 12);
    const band = calibrationFor(deviceById('pixel4-cpu-4t')!, 'fp32').band;
    expect(e.low_ms).toBeCloseTo(e.ms / band, 12);
    expect(e.high_ms).toBeCloseTo(e.ms * band, 12);
    expect(e.layers.map((l) => [l.path, l.fusedInto])).toEqual([
      ['layers[0]', undefined],
      ['layers[1]', 'layers[0]'],
    ]);
    expect(e.layers[1].ms).toBe(0);
  });
  it('JSON-serialises (the CLI prints it with --json)', () => {
    const e = estimateLatency(r, 'jetson-nano', 'fp16');
    expect(() => JSON.stringify(e)).not.toThrow();
    expect(Object.keys(e)).toEqual(
      expect.arrayContaining(['device', 'precision', 'ms', 'low_ms', 'high_ms', 'layers']),
    );
  });
  const bad: [string, string, 'fp32' | 'fp16' | 'int8', RegExp][] = [
    ['unknown device', 'pixel99', 'fp32', /unknown device "pixel99"/],
    [
      'unsupported precision (Jetson Nano has no INT8: kentaroy47 benchmark README)',
      'jetson-nano',
      'int8',
      /no int8 figure; it supports fp32, fp16/,
    ],
  ];
  it.each(bad)('%s gives a message, not a throw', (_n, dev, prec, msg) => {
    const e = estimateLatency(r, dev, prec);
    expect('error' in e && e.error).toMatch(msg);
  });
  it('a model error gives a message', () => {
    const e = estimateLatency(
      evaluateModel({ format: MODEL_FORMAT, input: [0], layers: [] } as Model),
      'pixel4-cpu-4t',
      'fp32',
    );
    expect('error' in e).toBe(true);
  });
  it('a device without measurements uses category priors and a band of 3', () => {
    const e = estimateLatency(r, 'rpi5-cpu', 'fp32');
    if ('error' in e) throw new Error(e.error);
    expect(e.calibration.source).toBe('default');
    expect(e.high_ms / e.ms).toBeCloseTo(3, 12);
  });
  it('a precision without measurements borrows the device fit and says so', () => {
    const e = estimateLatency(r, 'pixel4-cpu-4t', 'fp16');
    if ('error' in e) throw new Error(e.error);
    expect(e.calibration).toMatchObject({ source: 'borrowed' });
    expect(e.notes.join(' ')).toMatch(/borrowed/);
  });
  it('layers with errors are not timed and a note says so', () => {
    const broken = evaluateModel(
      model(
        [3, 8, 8],
        [
          { type: 'conv2d', out: 4, kernel: 3 },
          { type: 'linear', out: 2 },
        ],
      ),
    );
    const e = estimateLatency(broken, 'pixel4-cpu-4t', 'fp32');
    if ('error' in e) throw new Error(e.error);
    expect(e.layers.map((l) => l.path)).toEqual(['layers[0]']);
    expect(e.notes.join(' ')).toMatch(/1 layer\(s\) have errors/);
  });
});
