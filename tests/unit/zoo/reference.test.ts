/**
 * Every preset against its official counts. Source of every row: shared/reference/zoo.md
 * (torchvision 0.28 weights metadata `num_params` and `_ops`, with the exact integers behind
 * them); LeNet-5 and MobileNet v1 from that file's "Other published references" table.
 */
import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../../src/engine/evaluate';
import { PRESETS, presetByName } from '../../../src/engine/presets';
import { DENSE_ZOO } from './dense-zoo';

// name, input side, params (exact), conv+linear MACs (exact), _ops (G) — shared/reference/zoo.md
const ZOO: readonly [string, number, number, number, string][] = [
  ['alexnet', 224, 61_100_840, 714_188_480, '0.714'],
  ['vgg11', 224, 132_863_336, 7_609_090_048, '7.609'],
  ['vgg11_bn', 224, 132_868_840, 7_609_090_048, '7.609'],
  ['vgg13', 224, 133_047_848, 11_308_466_176, '11.308'],
  ['vgg13_bn', 224, 133_053_736, 11_308_466_176, '11.308'],
  ['vgg16', 224, 138_357_544, 15_470_264_320, '15.470'],
  ['vgg16_bn', 224, 138_365_992, 15_470_264_320, '15.470'],
  ['vgg19', 224, 143_667_240, 19_632_062_464, '19.632'],
  ['vgg19_bn', 224, 143_678_248, 19_632_062_464, '19.632'],
  ['resnet18', 224, 11_689_512, 1_814_073_344, '1.814'],
  ['resnet34', 224, 21_797_672, 3_663_761_408, '3.664'],
  ['resnet50', 224, 25_557_032, 4_089_184_256, '4.089'],
  ['resnet101', 224, 44_549_160, 7_801_405_440, '7.801'],
  ['resnet152', 224, 60_192_808, 11_513_626_624, '11.514'],
  ['resnext50_32x4d', 224, 25_028_904, 4_230_479_872, '4.230'],
  ['resnext101_32x8d', 224, 88_791_336, 16_414_015_488, '16.414'],
  ['resnext101_64x4d', 224, 83_455_272, 15_460_270_080, '15.460'],
  ['wide_resnet50_2', 224, 68_883_240, 11_398_021_120, '11.398'],
  ['wide_resnet101_2', 224, 126_886_696, 22_753_050_624, '22.753'],
  ['squeezenet1_0', 224, 1_248_424, 818_924_576, '0.819'],
  ['squeezenet1_1', 224, 1_235_496, 349_151_936, '0.349'],
  ['densenet121', 224, 7_978_856, 2_834_161_664, '2.834'],
  ['densenet161', 224, 28_681_000, 7_727_907_072, '7.728'],
  ['densenet169', 224, 14_149_480, 3_359_843_328, '3.360'],
  ['densenet201', 224, 20_013_928, 4_291_365_888, '4.291'],
  ['googlenet', 224, 6_624_904, 1_498_376_192, '1.498'],
  ['inception_v3', 299, 27_161_264, 5_713_216_096, '5.713'],
  ['mobilenet_v2', 224, 3_504_872, 300_774_272, '0.301'],
  ['mobilenet_v3_large', 224, 5_483_032, 216_589_760, '0.217'],
  ['mobilenet_v3_small', 224, 2_542_856, 56_510_400, '0.057'],
  ['mnasnet0_5', 224, 2_218_512, 104_455_968, '0.104'],
  ['mnasnet0_75', 224, 3_170_208, 215_493_104, '0.215'],
  ['mnasnet1_0', 224, 4_383_312, 314_415_872, '0.314'],
  ['mnasnet1_3', 224, 6_282_256, 526_362_432, '0.526'],
  ['shufflenet_v2_x0_5', 224, 1_366_792, 40_476_448, '0.040'],
  ['shufflenet_v2_x1_0', 224, 2_278_604, 144_907_992, '0.145'],
  ['shufflenet_v2_x1_5', 224, 3_503_624, 295_759_392, '0.296'],
  ['shufflenet_v2_x2_0', 224, 7_393_996, 583_253_464, '0.583'],
  ['efficientnet_b0', 224, 5_288_548, 385_814_752, '0.386'],
  ['efficientnet_b1', 240, 7_794_184, 686_802_832, '0.687'],
  ['efficientnet_b2', 288, 9_109_994, 1_087_529_456, '1.088'],
  ['efficientnet_b3', 300, 12_233_232, 1_827_141_392, '1.827'],
  ['efficientnet_b4', 380, 19_341_616, 4_393_771_024, '4.394'],
  ['efficientnet_b5', 456, 30_389_784, 10_266_384_752, '10.266'],
  ['efficientnet_b6', 528, 43_040_704, 19_067_593_536, '19.068'],
  ['efficientnet_b7', 600, 66_347_960, 37_745_884_192, '37.746'],
  // Zoo v2 rows: shared/reference/zoo.md "More torchvision models" (FlopCounterMode ÷ 2 over conv, addmm,
  // mm, bmm, which matches every weights entry's _ops), num_params and _ops from the weights metadata.
  ['efficientnet_v2_s', 384, 21_458_488, 8_365_617_152, '8.366'],
  ['efficientnet_v2_m', 480, 54_139_356, 24_582_460_384, '24.582'],
  ['efficientnet_v2_l', 480, 118_515_272, 56_079_699_008, '56.080'],
  ['regnet_x_400mf', 224, 5_495_976, 413_812_608, '0.414'],
  ['regnet_y_400mf', 224, 4_344_144, 401_842_848, '0.402'],
  ['regnet_x_800mf', 224, 7_259_656, 799_699_712, '0.800'],
  ['regnet_y_800mf', 224, 6_432_512, 833_856_256, '0.834'],
  ['regnet_x_1_6gf', 224, 9_190_136, 1_602_849_792, '1.603'],
  ['regnet_y_1_6gf', 224, 11_202_430, 1_612_076_160, '1.612'],
  ['regnet_x_3_2gf', 224, 15_296_552, 3_176_621_952, '3.177'],
  ['regnet_y_3_2gf', 224, 19_436_338, 3_176_482_752, '3.176'],
  ['regnet_x_8gf', 224, 39_572_648, 7_995_132_416, '7.995'],
  ['regnet_y_8gf', 224, 39_381_472, 8_473_070_592, '8.473'],
  ['regnet_x_16gf', 224, 54_278_536, 15_940_755_456, '15.941'],
  ['regnet_y_16gf', 224, 83_590_140, 15_911_510_272, '15.912'],
  ['regnet_x_32gf', 224, 107_811_560, 31_735_929_792, '31.736'],
  ['regnet_y_32gf', 224, 145_046_770, 32_279_552_832, '32.280'],
  // IMAGENET1K_SWAG_LINEAR_V1 (224; DEFAULT is SWAG_E2E at 384): _ops 127.518, and the exact integer is
  // FlopCounterMode's total ÷ 2 on torchvision's model, tests/fixtures/torchvision-tools.jsonl `torch`.
  ['regnet_y_128gf', 224, 644_812_894, 127_517_815_680, '127.518'],
  ['convnext_tiny', 224, 28_589_128, 4_455_531_264, '4.456'],
  ['convnext_small', 224, 50_223_688, 8_683_712_256, '8.684'],
  ['convnext_base', 224, 88_591_464, 15_354_729_472, '15.355'],
  ['convnext_large', 224, 197_767_336, 34_361_433_600, '34.361'],
  // Transformers: the exact MACs are DeepSpeed's on torchvision's model (conv + linear + attention
  // products, which _ops counts), tests/fixtures/transformer-macs.jsonl (scripts/fixtures/transformer_macs.py).
  ['vit_b_16', 224, 86_567_656, 17_563_828_224, '17.564'],
  ['vit_b_32', 224, 88_224_232, 4_409_186_304, '4.409'],
  ['vit_l_16', 224, 304_326_632, 61_554_712_576, '61.555'],
  ['vit_l_32', 224, 306_535_400, 15_377_539_072, '15.378'],
  ['vit_h_14', 518, 633_470_440, 1_016_716_764_160, '1016.717'],
  ['swin_t', 224, 28_288_354, 4_490_566_656, '4.491'],
  ['swin_s', 224, 49_606_258, 8_740_875_264, '8.741'],
  ['swin_b', 224, 87_768_224, 15_430_946_816, '15.431'],
  // Swin V2 at 256 (its weights' crop): _ops counts the cpb_mlp's two nn.Linear with the attention products.
  ['swin_v2_t', 256, 28_351_570, 5_939_690_496, '5.940'],
  ['swin_v2_s', 256, 49_737_442, 11_545_857_024, '11.546'],
  ['swin_v2_b', 256, 87_930_848, 20_325_134_336, '20.325'],
  // MaxViT-T: _ops counts the convolutions, every nn.Linear and the two einsum products (bmm) per group.
  ['maxvit_t', 224, 30_919_624, 5_558_046_720, '5.558'],
  // The seed article's example is torchvision's resnet18 (shared/reference/conventions.md).
  ['seed_resnet18', 224, 11_689_512, 1_814_073_344, '1.814'],
];

/** torchvision's `_ops`: GMACs printed with 3 decimals. */
const gops = (macs: bigint) => (Number(macs) / 1e9).toFixed(3);

describe('zoo presets reproduce torchvision num_params and _ops exactly', () => {
  it.each(ZOO)('%s at input side %i', (name, side, params, macs, ops) => {
    const p = presetByName(name);
    expect(p, `preset ${name} exists`).toBeDefined();
    if (!p) return;
    const m = p.build();
    expect(m.input).toEqual([3, side, side]);
    const r = evaluateModel(m, { conventions: ['torchvision'] });
    expect(r.errors).toBe(0);
    expect(r.output).toEqual([1000]);
    expect(r.totals.params).toBe(BigInt(params));
    expect(r.totals.counts[0]).toBe(BigInt(macs));
    expect(r.totals.macs).toBe(BigInt(macs));
    expect(gops(r.totals.counts[0])).toBe(ops);
    // The metadata the picker shows is the same reference.
    expect(p.reference).toMatchObject({ params, macs, ops });
  });
});

// shared/reference/zoo.md "Other published references".
describe('presets without torchvision weights', () => {
  it('lenet5: 61,706 parameters and 416,520 MACs (common modern variant)', () => {
    const r = evaluateModel(presetByName('lenet5')!.build(), { conventions: ['torchvision'] });
    expect(r.errors).toBe(0);
    expect(r.output).toEqual([10]);
    expect(r.totals.params).toBe(61_706n);
    expect(r.totals.counts[0]).toBe(416_520n);
  });
  it('mobilenet_v1 1.0-224: 569 M mult-adds and 4.2 M parameters (Howard et al. 2017, Table 4)', () => {
    const r = evaluateModel(presetByName('mobilenet_v1')!.build(), { conventions: ['torchvision'] });
    expect(r.errors).toBe(0);
    expect(Math.round(Number(r.totals.counts[0]) / 1e6)).toBe(569);
    expect((Number(r.totals.params) / 1e6).toFixed(1)).toBe('4.2');
  });
});

describe('the preset list', () => {
  it('has every required name once, plus lenet5 and mobilenet_v1', () => {
    const names = PRESETS.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    for (const [name] of ZOO) expect(names).toContain(name);
    expect(names).toEqual(expect.arrayContaining(['lenet5', 'mobilenet_v1']));
    // The Ultralytics detectors are checked against their own model in yolo-tools.test.ts, the
    // dense-prediction presets (dense-zoo.ts) in dense-presets.test.ts.
    const yolo = PRESETS.filter((p) => p.code?.repo === 'ultralytics/ultralytics').length;
    expect(yolo).toBe(15);
    expect(names.length).toBe(ZOO.length + 2 + yolo + DENSE_ZOO.length);
  });
  it.each(PRESETS.map((p) => [p.name, p] as const))('%s: metadata is complete and consistent', (_n, p) => {
    expect(p.family).not.toBe('');
    expect(p.paper.year).toBeGreaterThan(1990);
    expect(p.paper.url).toMatch(/^https:\/\//);
    const m = p.build();
    expect(m.input).toEqual([...p.input]);
    expect(m.meta).toMatchObject({ preset: p.name });
    for (const k of p.knobs) expect(k.options ? k.options.includes(k.default) : true).toBe(true);
  });
  // The torchvision commit is the installed wheel's torchvision/version.py git_version (torchvision 0.28.0).
  it.each(
    PRESETS.filter((p) => p.reference && p.code?.repo !== 'ultralytics/ultralytics').map((p) => [p.name, p] as const),
  )('%s: written from a torchvision builder at the reference wheel’s commit', (_n, p) => {
    expect(p.code).toEqual({
      repo: 'pytorch/vision',
      commit: '8fb87713a24951e639c494b0f2a8a81b5f8e33a6',
      // segmentation/ and detection/ builders one folder down.
      path: expect.stringMatching(/^torchvision\/models\/([a-z]+\/)?[a-z_0-9]+\.py$/),
    });
  });
  it('puts the transformers (ViT, Swin, Swin V2, MaxViT) in the transformer section and nothing else', () => {
    const transformers = PRESETS.filter((p) => p.task === 'transformer').map((p) => p.name);
    expect(transformers).toEqual([
      ...['vit_b_16', 'vit_b_32', 'vit_l_16', 'vit_l_32', 'vit_h_14'],
      ...['swin_t', 'swin_s', 'swin_b', 'swin_v2_t', 'swin_v2_s', 'swin_v2_b', 'maxvit_t'],
    ]);
  });
});
