/**
 * The dense-prediction presets (issue 15): torchvision's segmentation models and SSDs, and
 * milesial/Pytorch-UNet's UNet. Reference numbers: dense-zoo.ts (torchvision weights metadata and
 * tests/fixtures/torchvision-tools.jsonl, made by scripts/fixtures/seg_det_tool_fixtures.py on the
 * real models); every tool's total on them is checked in torchvision-tools.test.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../../src/engine/evaluate';
import { presetByName } from '../../../src/engine/presets';
import { DENSE_ZOO } from './dense-zoo';

const TOOLS = ['thop', 'ptflops', 'fvcore', 'torch', 'deepspeed', 'torchinfo'] as const;

interface FixtureLine extends Partial<Record<(typeof TOOLS)[number], number>> {
  model: string;
  input: number[];
  params: number;
  deepspeed_macs: number;
  deepspeed_params: number;
  tv_num_params: number | null;
  tv_ops_gflops: number | null;
  built: string;
}
const fixtures = new Map(
  readFileSync(path.resolve(__dirname, '../../fixtures/torchvision-tools.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as FixtureLine)
    .map((l) => [l.model, l] as const),
);

const gops = (macs: bigint) => (Number(macs) / 1e9).toFixed(3);
const run = (name: string, knobs: Record<string, number> = {}, conventions: string[] = ['torchvision']) => {
  const r = evaluateModel(presetByName(name)!.build(knobs), { conventions });
  expect(r.errors).toBe(0);
  return r;
};

describe('dense-prediction presets against their references', () => {
  it.each(DENSE_ZOO)('%s at input side %i', (name, side, params, macs, ops, output) => {
    const p = presetByName(name)!;
    expect(p.input).toEqual([3, side, side]);
    expect(p.task).toBe(name.startsWith('ssd') ? 'detection' : 'segmentation');
    expect(p.code?.commit).toMatch(/^[0-9a-f]{40}$/);
    const r = run(name);
    expect(r.output).toEqual(output);
    expect(r.totals.params).toBe(BigInt(params));
    expect(r.totals.counts[0]).toBe(BigInt(macs));
    expect(r.notCounted).toEqual([]);
    // The fixture line: torchvision's model (all of its parameters: the SSDs' too) and DeepSpeed's MACs.
    const f = fixtures.get(name)!;
    expect([f.params, f.deepspeed_params, f.deepspeed_macs]).toEqual([params, params, macs]);
    if (ops === null) {
      expect(p.reference).toBeUndefined();
      expect(f.tv_ops_gflops).toBeNull();
    } else {
      expect(gops(r.totals.counts[0])).toBe(ops);
      expect(f.tv_num_params).toBe(params);
      expect(f.tv_ops_gflops?.toFixed(3)).toBe(ops);
      expect(p.reference).toMatchObject({ params, macs, ops });
    }
  });
});

describe('knobs', () => {
  // aux = 0 is the builder's default with weights=None (aux_loss None): the ":noaux" fixture lines.
  it.each(['fcn_resnet50', 'deeplabv3_mobilenet_v3_large'])(
    '%s aux = 0 equals torchvision without the aux head',
    (name) => {
      const f = fixtures.get(`${name}:noaux`)!;
      expect(f.built).toBe('torchvision.models.get_model(name, weights=None, weights_backbone=None)');
      const r = run(name, { aux: 0 }, ['torchvision', ...TOOLS]);
      expect(Number(r.totals.params)).toBe(f.params);
      expect(Number(r.totals.counts[0])).toBe(f.deepspeed_macs);
      expect(r.totals.counts.slice(1).map(Number)).toEqual(TOOLS.map((t) => f[t]));
    },
  );

  it('classes: the 1×1 classifiers change; FCN-ResNet50 at 10 classes has 11·(512 + 1) + 11·(256 + 1) fewer parameters', () => {
    const r = run('fcn_resnet50', { classes: 10 });
    expect(r.output).toEqual([10, 520, 520]);
    expect(r.totals.params).toBe(35_322_218n - 11n * 513n - 11n * 257n);
    expect(run('ssd300_vgg16', { classes: 21 }).output).toEqual([8732, 21]);
    expect(run('ssdlite320_mobilenet_v3_large', { classes: 2 }).output).toEqual([3234, 2]);
    expect(run('unet', { classes: 1 }).output).toEqual([1, 572, 572]);
  });

  it('resolution: the output and every F.interpolate follow the input; parameters do not', () => {
    for (const [name, n] of [
      ['deeplabv3_resnet50', 480],
      ['deeplabv3_mobilenet_v3_large', 333],
      ['lraspp_mobilenet_v3_large', 224],
      ['fcn_resnet101', 97],
      ['unet', 512],
      ['unet', 100],
    ] as const) {
      const r = run(name, { resolution: n });
      expect(r.output).toEqual([name === 'unet' ? 2 : 21, n, n]);
      expect(r.totals.params).toBe(BigInt(DENSE_ZOO.find((z) => z[0] === name)![2]));
    }
  });
});

describe('layers the dense presets rely on', () => {
  it('DeepLabV3: ASPP’s image-pool branch is upsampled from 1×1 to the 65×65 stride-8 map; the logits to 520×520', () => {
    const ups = run('deeplabv3_resnet50').rows.filter((row) => row.type === 'upsample');
    expect(ups.map((u) => [u.input, u.output])).toEqual([
      [
        [256, 1, 1],
        [256, 65, 65],
      ],
      [
        [21, 65, 65],
        [21, 520, 520],
      ],
      [
        [21, 65, 65],
        [21, 520, 520],
      ],
    ]);
  });

  it('the dilated ResNet: layer3’s 3×3 convs dilated 1 then 2, layer4’s 2 then 4, the map stays 65×65', () => {
    const convs = run('fcn_resnet50').rows.filter((row) => row.type === 'conv2d' && row.symbols?.Kh === 3);
    const dil = convs.map((c) => `${c.symbols!.Dh}@${c.output![1]}`);
    // layer1 (3 blocks), layer2 (4), layer3 (6), layer4 (3), then the FCN heads' 3×3 convs.
    expect(dil).toEqual([
      ...Array<string>(3).fill('1@130'),
      ...Array<string>(4).fill('1@65'),
      '1@65',
      ...Array<string>(5).fill('2@65'),
      '2@65',
      '4@65',
      '4@65',
      '1@65',
      '1@65',
    ]);
  });

  it('U-Net at 572: the upsampled 70 and 142 are padded to the skips’ 71 and 143', () => {
    const pads = run('unet').rows.filter((row) => row.type === 'pad');
    expect(pads.map((p) => [p.input![1], p.output![1]])).toEqual([
      [70, 71],
      [142, 143],
      [286, 286],
      [572, 572],
    ]);
  });
});
