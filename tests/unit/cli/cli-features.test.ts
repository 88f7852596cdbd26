import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { onnx } from '../io/onnx-build';
import { capture } from './capture';
import { decodeShare } from '../../../src/state/urlCodec';
import { evaluateModel } from '../../../src/engine/evaluate';
import { presetByName } from '../../../src/engine/presets';

afterEach(() => vi.restoreAllMocks());

describe('CLI presets', () => {
  it('evaluates several presets (zoo.md: resnet18 11,689,512 params; mobilenet_v2 300,774,272 MACs)', async () => {
    const j = JSON.parse(
      (await capture(['--preset', 'resnet18', '--preset', 'mobilenet_v2', '--convention', 'torchvision', '--json']))
        .stdout,
    );
    expect(j.map((m: { name: string }) => m.name)).toEqual(['resnet18', 'mobilenet_v2']);
    expect(j[0].totals.params).toBe(11_689_512);
    expect(j[1].totals.count).toBe(300_774_272);
  });

  it('applies --width and --input as knobs (TF-slim: MobileNetV2 0.5-160 has 50 M MACs)', async () => {
    const j = JSON.parse(
      (
        await capture([
          '--preset',
          'mobilenet_v2',
          '--width',
          '0.5',
          '--input',
          '3,160,160',
          '--json',
          '--convention',
          'torchvision',
        ])
      ).stdout,
    );
    expect(j.input).toEqual([3, 160, 160]);
    expect(Math.round(j.totals.count / 1e6)).toBe(50);
  });

  it('--emit-model prints the preset as a model document that evaluates identically', async () => {
    const m = JSON.parse((await capture(['--preset', 'mobilenet_v2', '--width', '0.75', '--emit-model'])).stdout);
    expect(m.format).toBe('floplab.model/2');
    const direct = evaluateModel(presetByName('mobilenet_v2')!.build({ width: 0.75 }), { conventions: ['seed'] });
    expect(evaluateModel(m, { conventions: ['seed'] }).totals).toEqual(direct.totals);
  });

  it('explains an unknown preset or a bad knob', async () => {
    expect((await capture(['--preset', 'resnet', '--json'])).stderr).toMatch(
      /no preset named "resnet" \(did you mean resnet18/,
    );
    expect((await capture(['--preset', 'resnet18', '--width', '0.5'])).stderr).toMatch(/resnet18 has no knob "width"/);
  });

  it('lists presets as JSON with their counts', async () => {
    const list = JSON.parse((await capture(['--list-presets', '--json'])).stdout);
    const r50 = list.find((p: { name: string }) => p.name === 'resnet50');
    expect(r50).toMatchObject({ family: 'ResNet', params: 25_557_032, macs: 4_089_184_256 });
  });
});

describe('CLI --link', () => {
  it('prints a link the app decodes to the same model and convention, under the --base-url', async () => {
    const { stdout } = await capture([
      '--preset',
      'resnet50',
      '--link',
      '--base-url',
      'https://example.org/floplab/',
      '--convention',
      'thop',
    ]);
    const url = stdout.trim();
    expect(url.startsWith('https://example.org/floplab/#')).toBe(true);
    expect(url.length).toBeLessThanOrEqual(2000);
    const d = decodeShare(url.slice(url.indexOf('#')));
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    expect(d.state.convention).toBe('thop');
    expect(d.state.model).toEqual(presetByName('resnet50')!.build());
  });
});

describe('CLI --device', () => {
  it('adds the latency object with per-layer times and bounds', async () => {
    const j = JSON.parse(
      (await capture(['--preset', 'mobilenet_v1', '--device', 'pixel4-cpu-4t', '--precision', 'int8', '--json']))
        .stdout,
    );
    expect(j.latency).toMatchObject({ device: 'pixel4-cpu-4t', precision: 'int8' });
    expect(j.latency.low_ms).toBeLessThanOrEqual(j.latency.ms);
    expect(j.latency.high_ms).toBeGreaterThanOrEqual(j.latency.ms);
    expect(j.latency.layers.length).toBeGreaterThan(10);
    for (const l of j.latency.layers) expect(['compute', 'memory']).toContain(l.bound);
    const sum = j.latency.layers.reduce((s: number, l: { ms: number }) => s + l.ms, 0);
    expect(Math.abs(sum - j.latency.ms)).toBeLessThan(0.01 + j.latency.ms * 1e-3);
  });

  it('rejects an unknown device with exit code 2', async () => {
    const r = await capture(['--preset', 'resnet18', '--device', 'toaster']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown device "toaster"/);
  });

  it('lists the devices', async () => {
    const ids = JSON.parse((await capture(['--list-devices', '--json'])).stdout).map((d: { id: string }) => d.id);
    expect(ids).toEqual(expect.arrayContaining(['pixel1-cpu-1core', 'coral-edgetpu', 'k210', 'jetson-agx-orin']));
  });
});

describe('CLI on a file with operators FlopLab cannot count', () => {
  const file = 'tests/fixtures/tiny-unmapped.onnx';
  it('marks the row "not counted" and says the totals are partial, naming it', async () => {
    const r = await capture([file, '--convention', 'onnx-tool']);
    expect(r.code).toBe(0);
    const padRow = r.stdout.split('\n').find((l) => /\bpad\b/.test(l) && /opaque/.test(l));
    expect(padRow).toMatch(/not counted$/);
    expect(r.stdout).toContain('partial: 1 layer not counted — pad (Pad); the counts above leave it out');
  });

  it('--json gives count null on that row and lists it in not_counted', async () => {
    const j = JSON.parse((await capture([file, '--json'])).stdout);
    expect(j.partial).toBe(true);
    expect(j.not_counted).toEqual([{ path: 'layers[2]', name: 'pad', op: 'Pad' }]);
    expect(j.layers[2].count).toBeNull();
    expect(j.layers[3].count).not.toBeNull();
  });

  it('a model without one is not partial', async () => {
    const j = JSON.parse((await capture(['--preset', 'resnet18', '--json'])).stdout);
    expect([j.partial, j.not_counted]).toEqual([false, []]);
  });
});

describe('CLI --input-shape (sizes for an ONNX input’s symbolic dims)', () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'floplab-')), 'sym.onnx');
  writeFileSync(
    file,
    onnx({
      input: ['batch', 3, 'h', 'w'],
      nodes: [{ op: 'Conv', in: ['x', 'W'], out: ['y'], attrs: { kernel_shape: [3, 3] } }],
      weights: { W: [4, 3, 3, 3] },
    }),
  );

  it('imports at the sizes given: batch 2 of 3×32×32, no notice of defaults', async () => {
    const r = await capture([file, '--input-shape', 'x=2,3,32,32', '--json', '--convention', 'torchvision']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect([j.batch, j.input]).toEqual([2, [3, 32, 32]]);
    // 2 × 4×30×30 outputs × 27 MACs.
    expect(j.totals.count).toBe(2 * 4 * 30 * 30 * 27);
    expect(r.stderr).not.toMatch(/symbolic/);
  });

  it('refuses a malformed value, and sizes the file contradicts', async () => {
    expect((await capture([file, '--input-shape', 'x=2,three'])).stderr).toContain(
      '--input-shape needs NAME=N,D,… with positive integers, got "x=2,three"',
    );
    const r = await capture([file, '--input-shape', 'x=1,4,32,32']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('input "x" is [batch, 3, h, w]; the sizes given, [1, 4, 32, 32], do not fit it');
  });
});
