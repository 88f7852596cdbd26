/**
 * torchvision's SSD detectors up to their heads (torchvision/models/detection/ssd.py, ssdlite.py):
 * the backbone's feature maps, the extra layers, and the regression and classification heads with
 * SSDScoringHead's view / permute / reshape / cat — every layer and parameter of the model. Not
 * here: GeneralizedRCNNTransform (normalise, resize to the fixed size), DefaultBoxGenerator's
 * anchors, box decoding and NMS, which are data-dependent post-processing, not layers.
 */
import type { LayerSpec } from '../format/model';
import { cna, conv, maxpool, relu, definePreset, tvCode } from './build';
import { named as withName, seq, seqOf } from './build';
import { bneck, LARGE, V3_PAPER, type Bneck } from './mobilenet_v3';
import { halve, named, side, takes, tvDense } from './seg-parts';
import type { Preset, PresetKnob } from './types';

type Layers = LayerSpec[];

/** A feature map the heads read: its id, and its side (square input). */
interface Feature {
  id: string;
  side: number;
  channels: number;
}

/** A head's predictor for one feature map, its modules named under `p` (`head.….module_list.i`). */
type Predictor = (out: number, f: Feature, p: string) => Layers;

/**
 * SSDScoringHead.forward for one head: per feature map its predictor (`${module}.module_list.i`),
 * then view(N, −1, K, H, W).permute(0, 3, 4, 1, 2).reshape(N, −1, K), and torch.cat(dim=1) — functions,
 * so those rows stay unnamed.
 */
function scoringHead(
  prefix: string,
  module: string,
  features: readonly Feature[],
  anchors: readonly number[],
  columns: number,
  predictor: Predictor,
): Layers {
  const ids = features.map((f) => `${prefix}${f.id}`);
  const per = features.flatMap((f, i) =>
    named(
      takes(f.id, [
        ...predictor(anchors[i] * columns, f, `${module}.module_list.${i}`),
        { type: 'reshape', shape: [-1, columns, f.side, f.side] },
        { type: 'permute', dims: [0, 3, 4, 1, 2] },
        { type: 'reshape', shape: [-1, columns] },
      ]),
      ids[i],
    ),
  );
  return [...per, { type: 'cat', dim: 1, from: ids, id: prefix }];
}

/** SSDHead / SSDLiteHead.forward: bbox_regression (4 columns) first, then cls_logits. */
const heads = (
  features: readonly Feature[],
  anchors: readonly number[],
  classes: number,
  predictor: Predictor,
): Layers => [
  ...scoringHead('bbox_regression', 'head.regression_head', features, anchors, 4, predictor),
  ...scoringHead('cls_logits', 'head.classification_head', features, anchors, classes, predictor),
];

// ——— SSD300 VGG16 ———

/** VGG-16 conv layers (3×3, padding 1, bias) with ReLU, as torchvision's vgg `features`. */
const vggConvs = (...outs: number[]): Layers => outs.flatMap((c) => [conv(c, 3, { bias: true }), relu()]);

/**
 * SSDFeatureExtractorVGG: conv1_1 … conv4_3 (maxpool3 with ceil_mode), the L2 normalisation of
 * conv4_3 times scale_weight (20 per channel, F.normalize), then extra[0] = maxpool4, conv5_x,
 * maxpool(3, 1, 1), FC6 (3×3 dilated 6) and FC7 (1×1), and four 1×1 + 3×3 extra blocks.
 */
function ssd300(classes: number): Layers {
  const pre: Predictor = (c, _f, p) => [withName(p, conv(c, 3, { p: 1, bias: true }))];
  // 300 → 150 → 75 → 38 (maxpool3 rounds up) → 19 → 10 → 5 → 3 → 1 (3×3 convs without padding).
  const c4 = side(side(side(300, 2, 2), 2, 2), 2, 2) + 1;
  const f2 = halve(side(c4, 2, 2));
  const sides = [c4, side(c4, 2, 2), f2, halve(f2), side(halve(f2), 3), side(side(halve(f2), 3), 3)];
  const channels = [512, 1024, 512, 256, 256, 256];
  const features = sides.map((s, i) => ({ id: `f${i}`, side: s, channels: channels[i] }));
  // Module names: `backbone.features.0` … `.22` (vgg16 features up to conv4_3's ReLU), `backbone.extra.k`.
  const extra = (k: number, mid: number, out: number, s: number, p: number, id: string): Layers =>
    named(
      seq(`backbone.extra.${k}`, [conv(mid, 1, { bias: true }), relu(), conv(out, 3, { s, p, bias: true }), relu()]),
      id,
    );
  return [
    ...seq('backbone.features', [
      ...vggConvs(64, 64),
      maxpool(2),
      ...vggConvs(128, 128),
      maxpool(2),
      ...vggConvs(256, 256, 256),
      maxpool(2, 2, 0, true),
      ...named(vggConvs(512, 512, 512), 'conv4_3'),
    ]),
    // scale_weight · F.normalize(x): a function (the parameter belongs to the feature extractor), unnamed.
    { type: 'l2norm', call: 'function', id: 'f0' },
    ...seq('backbone.extra.0', takes('conv4_3', [maxpool(2), ...vggConvs(512, 512, 512)])),
    ...seq('backbone.extra.0.7', [
      maxpool(3, 1, 1),
      conv(1024, 3, { d: 6, bias: true }),
      relu(),
      ...named([conv(1024, 1, { bias: true }), relu()], 'f1'),
    ]),
    ...extra(1, 256, 512, 2, 1, 'f2'),
    ...extra(2, 128, 256, 2, 1, 'f3'),
    ...extra(3, 128, 256, 1, 0, 'f4'),
    ...extra(4, 128, 256, 1, 0, 'f5'),
    // DefaultBoxGenerator([[2], [2, 3], [2, 3], [2, 3], [2], [2]]): 2 + 2·len(ratios) boxes per position.
    ...heads(features, [4, 6, 6, 6, 4, 4], classes, pre),
  ];
}

// ——— SSDlite320 MobileNetV3-Large ———

/** mobilenet_v3_large(reduced_tail=True): the C4 stage (rows 12–14) at half width, 160 → 80. */
const REDUCED: readonly Bneck[] = LARGE.map((r, i) =>
  i < 12
    ? r
    : i === 12
      ? [r[0], r[1], r[2], r[3] / 2, r[4], r[5], r[6]]
      : [r[0] / 2, r[1], r[2] / 2, r[3] / 2, r[4], r[5], r[6]],
);

const relu6 = 'relu6';

/**
 * _extra_block `backbone.extra.k`: 1×1 to out/2, depthwise 3×3 stride 2, 1×1 to out; BN and ReLU6 after
 * each (three Conv2dNormActivation: `.k.0.0` … `.k.2.2`).
 */
const extraBlock = (k: number, out: number, id: string): Layers =>
  named(
    seqOf(`backbone.extra.${k}`, [
      cna(out / 2, 1, {}, relu6),
      cna(out / 2, 3, { s: 2, g: out / 2 }, relu6),
      cna(out, 1, {}, relu6),
    ]),
    id,
  );

/** Every layer's name (deep: through blocks' bodies) with `from` at its start replaced by `to`. */
function renamed(layers: Layers, from: string, to: string): Layers {
  return layers.map((l) => {
    const out = { ...l } as LayerSpec & { name?: string; body?: Layers };
    if (typeof out.name === 'string' && out.name.startsWith(from)) out.name = to + out.name.slice(from.length);
    if (Array.isArray(out.body)) out.body = renamed(out.body, from, to);
    return out as LayerSpec;
  });
}

/**
 * SSDLiteFeatureExtractorMobileNet: features[0] runs to the C4 block's expansion conv (672
 * channels at stride 16), features[1] from its depthwise conv to the last 1×1 conv (480 at
 * stride 32), then four extra blocks (512, 256, 256, 128), each halving the side.
 */
function ssdlite(classes: number): Layers {
  // Module names: features[0] is Sequential(backbone[0 … 12], C4 block's block[0]) and features[1] is
  // Sequential(C4's block[1:] — a Sequential keeping its keys 1, 2, 3 —, backbone[14], [15], [16]).
  const index = (i: number) => (i < 13 ? `backbone.features.0.${i}` : `backbone.features.1.${i - 13}`);
  const blocks = REDUCED.map((row, i) => bneck(row, 1, index(i + 1)));
  const c4 = [
    ...renamed(blocks[12].slice(0, 3), 'backbone.features.1.0.block.0.', 'backbone.features.0.13.'),
    ...renamed(blocks[12].slice(3), 'backbone.features.1.0.block.', 'backbone.features.1.0.'),
  ];
  // 320 → 20 after the stem, C1, C2 (5×5) and C3; then 10, 5, 3, 2, 1.
  const sides = [halve(halve(halve(halve(320)), 5))];
  for (let i = 1; i < 6; i++) sides.push(halve(sides[i - 1]));
  const channels = [672, 480, 512, 256, 256, 128];
  const features = sides.map((side, i) => ({ id: `f${i}`, side, channels: channels[i] }));
  // _prediction_block: depthwise 3×3 + BN + ReLU6 on the map's channels, then a 1×1 conv (bias).
  const predictor: Predictor = (out, f, p) =>
    seqOf(p, [cna(f.channels, 3, { g: f.channels }, relu6), conv(out, 1, { bias: true })]);
  return [
    ...seq('backbone.features.0.0', cna(16, 3, { s: 2 }, 'hardswish')),
    ...blocks.slice(0, 12).flat(),
    ...named(c4.slice(0, 3), 'f0'),
    ...c4.slice(3),
    ...blocks.slice(13).flat(),
    ...named(seq('backbone.features.1.3', cna(480, 1, {}, 'hardswish')), 'f1'),
    ...extraBlock(0, 512, 'f2'),
    ...extraBlock(1, 256, 'f3'),
    ...extraBlock(2, 256, 'f4'),
    ...extraBlock(3, 128, 'f5'),
    ...heads(features, [6, 6, 6, 6, 6, 6], classes, predictor),
  ];
}

// ——— presets ———

const classesKnob = (dflt: number): PresetKnob => ({
  name: 'classes',
  label: 'Classes',
  default: dflt,
  min: 1,
  max: 1000,
  step: 1,
  help: `num_classes, the background included (${dflt}: COCO as torchvision numbers it, the published weights)`,
});

const HEADS_NOTE =
  'Counted: the backbone, the extra layers and the regression and classification heads (their view, permute, ' +
  'reshape and cat), i.e. every layer and every parameter of the model (the parameters equal num_params). Not ' +
  'counted: GeneralizedRCNNTransform (normalise, then resize each image to the fixed size), the anchors ' +
  '(DefaultBoxGenerator), box decoding and NMS: data-dependent post-processing, not layers.';

/**
 * One SSD preset at its fixed input side: the transform resizes every image to it, so there is
 * no resolution knob; conv MACs there equal torchvision's _ops to the last digit.
 */
const ssdPreset = (
  name: string,
  title: string,
  file: string,
  paper: Preset['paper'],
  side: number,
  reference: ReturnType<typeof tvDense>,
  layers: (classes: number) => Layers,
  note: string,
): Preset =>
  definePreset({
    name,
    family: 'SSD',
    task: 'detection',
    code: tvCode(`detection/${file}`),
    title,
    paper,
    input: [3, side, side],
    knobs: [classesKnob(91)],
    reference,
    notes: [
      HEADS_NOTE,
      `The input is fixed at ${side}×${side} (the transform resizes every image to it), so there is no resolution ` +
        'knob. Conv MACs there equal _ops to the last digit: the transform, anchors and NMS have no conv or linear.',
      note,
    ],
    layers: (k) => layers(k.classes),
  });

export const SSD_PRESETS: readonly Preset[] = [
  ssdPreset(
    'ssd300_vgg16',
    'SSD300 VGG16',
    'ssd',
    {
      title: 'SSD: Single Shot MultiBox Detector',
      authors: 'Liu, Anguelov, Erhan, Szegedy, Reed, Fu, Berg',
      year: 2016,
      url: 'https://arxiv.org/abs/1512.02325',
    },
    300,
    tvDense(35_641_826, 34_858_153_472, '34.858'),
    ssd300,
    'conv4_3’s L2 normalisation is scale_weight · F.normalize(x), the 512 scales a parameter of ' +
      'SSDFeatureExtractorVGG: an l2norm row written as a function (torchinfo counts it 0, and thop’s own ' +
      'parameter count leaves the 512 out).',
  ),
  ssdPreset(
    'ssdlite320_mobilenet_v3_large',
    'SSDlite320 MobileNetV3-Large',
    'ssdlite',
    V3_PAPER,
    320,
    tvDense(3_440_060, 583_171_904, '0.583'),
    ssdlite,
    'Backbone: mobilenet_v3_large(reduced_tail=True) — the builder reduces the tail whenever weights_backbone is ' +
      'None, which loading the COCO weights also sets — so the last stage has 80 channels (expanded 480) and the last conv 480.',
  ),
];
