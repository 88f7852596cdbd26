/**
 * Knobs change a preset the way the papers define them (issue 4): ResNet depth, DenseNet
 * growth rate, EfficientNet compound scaling, MobileNet width and resolution — and bad knob
 * values give a clear message.
 */
import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../../src/engine/evaluate';
import { knobError, PRESETS, presetByName } from '../../../src/engine/presets';

const macsOf = (name: string, knobs?: Record<string, number>) =>
  evaluateModel(presetByName(name)!.build(knobs), { conventions: ['torchvision'] }).totals;

describe('depth (ResNet, He et al. 2016 Table 1)', () => {
  it.each([18, 34, 50, 101, 152])('resnet18 with depth %i is resnet%i', (d) => {
    expect(presetByName('resnet18')!.build({ depth: d }).layers).toEqual(presetByName(`resnet${d}`)!.build().layers);
  });
  it('resnext50_32x4d at depth 101 has resnet101’s 104 convs with 32-group 3×3s of width 128…1024', () => {
    const rows = evaluateModel(presetByName('resnext50_32x4d')!.build({ depth: 101 })).rows;
    const convs = rows.filter((x) => x.type === 'conv2d');
    const ref = evaluateModel(presetByName('resnet101')!.build()).rows.filter((x) => x.type === 'conv2d');
    expect(convs.length).toBe(ref.length);
    const grouped = convs.filter((x) => x.params_?.groups === 32);
    expect(grouped.length).toBe(33);
    expect(new Set(grouped.map((x) => x.output?.[0]))).toEqual(new Set([128, 256, 512, 1024]));
  });
});

describe('growth rate (DenseNet-BC, Huang et al. 2017)', () => {
  it('densenet121 at k = 48 has a 2k = 96-channel stem and adds k channels per layer', () => {
    const r = evaluateModel(presetByName('densenet121')!.build({ growth: 48 }));
    expect(r.errors).toBe(0);
    expect(r.rows[0].output).toEqual([96, 112, 112]);
    // First dense block: 6 layers of +48 on the 96-channel stem → 384 channels.
    const firstTransitionConv = r.rows.find((x) => x.type === 'conv2d' && x.input?.[0] === 384);
    expect(firstTransitionConv?.output?.[0]).toBe(192);
  });
  it('parameters grow with k', () => {
    expect(macsOf('densenet121', { growth: 16 }).params).toBeLessThan(macsOf('densenet121').params);
  });
});

describe('compound scaling (EfficientNet, torchvision width/depth per variant)', () => {
  it.each([1, 2, 3, 4, 5, 6, 7])('efficientnet_b0 with variant %i at its resolution is efficientnet_b%i', (b) => {
    const target = presetByName(`efficientnet_b${b}`)!;
    const scaled = presetByName('efficientnet_b0')!.build({ variant: b, resolution: target.input[1] });
    expect(scaled.layers).toEqual(target.build().layers);
    expect(scaled.input).toEqual(target.build().input);
  });
});

describe('resolution', () => {
  it('resnet50 at 448 has 4× the conv MACs of 224 except the fc (same 2048→1000)', () => {
    const a = macsOf('resnet50').counts[0];
    const b = macsOf('resnet50', { resolution: 448 }).counts[0];
    expect(b - 2_048_000n).toBe(4n * (a - 2_048_000n));
  });
  it('sets the model input', () => {
    expect(presetByName('mobilenet_v2')!.build({ resolution: 160 }).input).toEqual([3, 160, 160]);
  });
});

describe('bad knob values give a clear message', () => {
  const rows: [string, Record<string, number>, RegExp][] = [
    ['resnet18', { depth: 20 }, /depth must be one of 18, 34, 50, 101, 152, got 20/],
    ['mobilenet_v2', { width: 2 }, /width must be at most 1\.4, got 2/],
    ['mobilenet_v2', { width: 0.1 }, /width must be at least 0\.25/],
    ['mobilenet_v2', { growth: 3 }, /has no knob "growth" \(knobs: width, resolution\)/],
    ['lenet5', { width: 1 }, /has no knob "width" \(it has no knobs\)/],
    ['densenet121', { growth: 12.5 }, /growth must be an integer/],
    ['efficientnet_b0', { resolution: Number.NaN }, /resolution must be a number/],
    // YOLO's image side is a multiple of its largest stride (Ultralytics' check_imgsz).
    ['yolo11n', { resolution: 650 }, /resolution must be a multiple of 32, got 650/],
    ['yolov8s', { classes: 0 }, /classes must be at least 1/],
  ];
  it.each(rows)('%s %j', (name, knobs, msg) => {
    const p = presetByName(name)!;
    expect(knobError(p, knobs)).toMatch(msg);
    expect(() => p.build(knobs)).toThrow(msg);
  });
  it('valid knobs give no message', () => expect(knobError(presetByName('mobilenet_v2')!, { width: 0.35 })).toBeNull());
});

const oddSide = (k: { min?: number; step?: number }) => (k.step && k.step > 1 ? (k.min ?? 0) + k.step : 97);

describe('every knob range evaluates without row errors', () => {
  const cases = PRESETS.flatMap((p) =>
    p.knobs.flatMap((k) =>
      // An odd side (97) where any side is allowed; min + step where the side is a grid (YOLO).
      (k.options ?? [k.min ?? k.default, k.max ?? k.default, k.name === 'resolution' ? oddSide(k) : k.default]).map(
        (v) => [p.name, k.name, v] as const,
      ),
    ),
  );
  it.each(cases)('%s %s=%s', (name, knob, v) => {
    const r = evaluateModel(presetByName(name)!.build({ [knob]: v }));
    expect(r.rows.filter((x) => x.error).map((x) => x.error)).toEqual([]);
  });
});
