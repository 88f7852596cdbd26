/**
 * The 15 Ultralytics presets (YOLOv5u, YOLOv8, YOLO11 × n/s/m/l/x) against Ultralytics' own model
 * and the real counting tools on it (tests/fixtures/yolo-tools.jsonl, made by
 * scripts/fixtures/yolo_tool_fixtures.py: ultralytics 8.4.52 @93e0555, ultralytics-thop 2.0.19,
 * torch 2.13 CPU, the tools at the commits of torchvision_tool_fixtures.py). The tools count the
 * model up to the Detect head's convolutions (forward_head), as the presets do.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateModel, type ModelResult } from '../../../src/engine/evaluate';
import { presetByName } from '../../../src/engine/presets';

interface YoloRow {
  model: string;
  input: number[];
  ultralytics_params: number;
  ultralytics_gflops: number;
  ultralytics_gflops_by_size: Record<string, number>;
  ultralytics_gflops_640x480: number;
  ultralytics_gflops_eval: number;
  ultralytics_stride: number;
  ultralytics_thop_macs_at_stride: number;
  ultralytics_thop_macs_at_640: number;
  ultralytics_thop_macs_at_640_eval: number;
  modules: [string, string, number[], number][];
  thop: number;
  deepspeed: number;
  deepspeed_macs: number;
  deepspeed_params: number;
  ptflops?: number;
  fvcore?: number;
  torch?: number;
  torchinfo?: number;
  torchinfo_params?: number;
  thop_full?: number;
  torch_full?: number;
  errors?: Record<string, string>;
}

const rows = readFileSync(path.resolve(__dirname, '../../fixtures/yolo-tools.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as YoloRow);

const TOOLS = ['thop', 'ptflops', 'fvcore', 'torch', 'deepspeed', 'torchinfo', 'torchvision'] as const;
const run = (name: string, knobs?: Record<string, number>) =>
  evaluateModel(presetByName(name)!.build(knobs), { conventions: [...TOOLS] });
const count = (r: ModelResult, tool: (typeof TOOLS)[number]) => r.totals.counts[TOOLS.indexOf(tool)];

/** Anchors at a square side s: one per cell of the stride-8, 16 and 32 maps. */
const anchors = (s: number) => (s / 8) ** 2 + (s / 16) ** 2 + (s / 32) ** 2;
/** The DFL's 1×1 conv (16 bins → 1) on 4 sides × A anchors: post-processing the presets leave out. */
const dflMacs = (s: number) => BigInt(4 * 16 * anchors(s));

/**
 * DeepSpeed's artefact on Ultralytics models: Conv.default_act is ONE nn.SiLU shared by every Conv,
 * its __flops__ accumulate over all K calls (S outputs in all), and get_module_flops adds a module's
 * __flops__ once per parent module, so DeepSpeed counts S K times where FlopLab counts it once.
 */
function sharedSiluExtra(r: ModelResult): bigint {
  const silu = r.rows.filter((x) => x.type === 'silu');
  const s = silu.reduce((a, x) => a + BigInt(x.output!.reduce((p, d) => p * d, 1)), 0n);
  return BigInt(silu.length - 1) * s;
}

describe('Ultralytics YOLO presets against the real model and tools', () => {
  it('has every one of the 15 models, with no failed run', () => {
    expect(rows.map((r) => r.model)).toEqual(
      ['yolov5', 'yolov8', 'yolo11'].flatMap((f) => [...'nsmlx'].map((s) => `${f}${s}${f === 'yolov5' ? 'u' : ''}`)),
    );
    expect(rows.filter((r) => r.errors)).toEqual([]);
  });

  describe.each(rows.map((r) => [r.model, r] as const))('%s', (name, f) => {
    const preset = presetByName(name)!;
    const r = run(name);

    it('params equal model.info() and the reference; no row errors, nothing opaque', () => {
      expect(r.errors).toBe(0);
      expect(r.notCounted).toEqual([]);
      expect(r.totals.params).toBe(BigInt(f.ultralytics_params));
      expect(preset.reference?.params).toBe(f.ultralytics_params);
      expect(f.deepspeed_params).toBe(f.ultralytics_params);
    });

    it('every Conv2d, BatchNorm2d, MaxPool2d and Upsample call is a row of the same name, shape and params', () => {
      const want = f.modules.map(([n, , shape, params]) => [n, shape, params]);
      const kinds = new Set(['conv2d', 'batchnorm2d', 'maxpool2d', 'upsample']);
      const got = r.rows.filter((x) => kinds.has(x.type)).map((x) => [x.name, x.output, Number(x.params)]);
      expect(got).toEqual(want);
    });

    it('thop and DeepSpeed’s MACs equal; DeepSpeed’s FLOPs differ by the shared SiLU only', () => {
      expect(count(r, 'thop')).toBe(BigInt(f.thop));
      expect(r.totals.macs).toBe(BigInt(f.deepspeed_macs));
      expect(count(r, 'torchvision')).toBe(BigInt(f.deepspeed_macs));
      expect(preset.reference?.macs).toBe(f.deepspeed_macs);
      expect(count(r, 'deepspeed') + sharedSiluExtra(r)).toBe(BigInt(f.deepspeed));
    });

    it.runIf(f.ptflops !== undefined)('ptflops, fvcore, FlopCounterMode and torchinfo equal', () => {
      const got = (['ptflops', 'fvcore', 'torch', 'torchinfo'] as const).map((t) => count(r, t));
      expect(got).toEqual([f.ptflops, f.fvcore, f.torch, f.torchinfo].map((v) => BigInt(v!)));
      expect(f.torchinfo_params).toBe(f.ultralytics_params);
    });

    it.runIf(f.thop_full !== undefined)(
      'the full eval forward adds exactly the DFL conv (thop, FlopCounterMode)',
      () => {
        expect(BigInt(f.thop_full!)).toBe(count(r, 'thop') + dflMacs(640));
        // thop 0.1.1 and ultralytics-thop 2.0.19 agree on the whole forward.
        expect(f.thop_full).toBe(f.ultralytics_thop_macs_at_640);
        expect(BigInt(f.torch_full!)).toBe(count(r, 'torch') + 2n * dflMacs(640));
      },
    );

    it('Ultralytics’ GFLOPs = 2 × (thop + DFL conv) at any size: thop at 32×32, scaled by the area', () => {
      expect(f.ultralytics_stride).toBe(32);
      expect(f.ultralytics_thop_macs_at_640).toBe(f.ultralytics_thop_macs_at_stride * 400);
      expect(f.ultralytics_thop_macs_at_640_eval).toBe(f.ultralytics_thop_macs_at_640);
      for (const [side, gflops] of Object.entries(f.ultralytics_gflops_by_size)) {
        const s = Number(side);
        const macs = count(run(name, { resolution: s }), 'thop') + dflMacs(s);
        expect(macs).toBe((BigInt(f.ultralytics_thop_macs_at_stride) * BigInt(s * s)) / 1024n);
        expect(gflops).toBeCloseTo((2 * Number(macs)) / 1e9, 9);
      }
      expect(f.ultralytics_gflops).toBe(f.ultralytics_gflops_by_size['640']);
      // imgsz=[h, w] scales by (h/32)·(w/32); eval mode changes nothing (thop.profile sets it anyway).
      expect(f.ultralytics_gflops_640x480).toBeCloseTo(f.ultralytics_gflops * 0.75, 9);
      expect(f.ultralytics_gflops_eval).toBe(f.ultralytics_gflops);
      expect(preset.reference?.note).toContain(`prints ${f.ultralytics_gflops.toFixed(1)} GFLOPs`);
      expect(preset.reference?.note).toContain(`get_flops gives ${f.ultralytics_gflops})`);
    });
  });
});

describe('knobs', () => {
  it('classes: the last 1×1 convs of the class branch, and its 3×3 width while nc exceeds the P3 channels', () => {
    const at = (nc: number) => run('yolov8n', { classes: nc }).rows.filter((x) => x.name?.startsWith('model.22.cv3.0'));
    expect(at(80).map((x) => x.output?.[0])).toEqual([80, 80, 80, 80, 80, 80, 80]);
    expect(at(20).map((x) => x.output?.[0])).toEqual([64, 64, 64, 64, 64, 64, 20]);
  });
  it('the C2PSA attention runs on (s/32)² tokens: its q·kᵀ is [heads, N, N]', () => {
    const qk = run('yolo11n', { resolution: 320 }).rows.find((x) => x.name === 'model.10.m.0.attn (q @ k)');
    expect(qk?.output).toEqual([2, 100, 100]);
  });
});
