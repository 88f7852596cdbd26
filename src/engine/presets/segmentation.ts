/**
 * torchvision's semantic segmentation models (torchvision/models/segmentation/{fcn,deeplabv3,
 * lraspp}.py): FCN and DeepLabV3 on a dilated ResNet-50/101, DeepLabV3 and LR-ASPP on a dilated
 * MobileNetV3-Large. Each is the backbone's IntermediateLayerGetter features, the head(s), and
 * F.interpolate back to the input size, in the order _SimpleSegmentationModel.forward runs them.
 */
import type { LayerSpec } from '../format/model';
import { act, cna, conv, gap, maxpool, stage, definePreset, resolutionKnob, tvCode } from './build';
import { named as withName, seq } from './build';
import { bneck, LARGE, V3_PAPER } from './mobilenet_v3';
import { bottleneck, RESNET_STAGES } from './resnet';
import { halve, interpolateTo, named, side, takes, tvDense } from './seg-parts';
import type { Preset, PresetKnob } from './types';

type Layers = LayerSpec[];

const dropout = (p: number): LayerSpec => ({ type: 'dropout', p });

// ——— dilated ResNet (resnet50/101 with replace_stride_with_dilation=[False, True, True]) ———

/**
 * ResNet._make_layer with dilate: layer3 and layer4 keep stride 1, and the dilation doubles
 * instead (1 → 2 → 4); a layer's first block keeps the previous dilation, the rest take the new.
 * Ids `layer3` and `layer4` name the IntermediateLayerGetter outputs ("aux", "out").
 */
export function dilatedResnet(depth: 50 | 101): Layers {
  const counts = RESNET_STAGES[depth];
  const stem = [...cna(64, 7, { s: 2 }), maxpool(3, 2, 1)];
  const layers: Layers = stem.map((l, i) => withName(`backbone.${['conv1', 'bn1', 'relu', 'maxpool'][i]}`, l));
  let cin = 64;
  let dilation = 1;
  [64, 128, 256, 512].forEach((planes, i) => {
    const dilate = i >= 2;
    const previous = dilation;
    const s = i === 1 ? 2 : 1;
    if (dilate) dilation *= 2;
    const blocks = stage(
      counts[i],
      // torchvision's module names (backbone.layerN.k): the repeated block's index from its iteration.
      bottleneck(`backbone.layer${i + 1}.0`, cin, planes, s, 1, 64, previous),
      bottleneck(`backbone.layer${i + 1}.{i+1}`, planes * 4, planes, 1, 1, 64, dilation),
    );
    layers.push(...(i >= 2 ? named(blocks, `layer${i + 1}`) : blocks));
    cin = planes * 4;
  });
  return layers;
}

/** Output side of the dilated ResNet (stride 8): stem conv, max pool, layer2's stride. */
const resnetSide = (n: number) => halve(halve(side(n, 7, 2, 3)), 3);

// ——— heads ———

/**
 * FCNHead: 3×3 conv to in/4, BN, ReLU, Dropout(0.1), 1×1 conv (bias) to the classes; an nn.Sequential,
 * so its modules are `${p}.0` … `${p}.4` (`classifier` or `aux_classifier`).
 */
const fcnHead = (p: string, cin: number, classes: number): Layers =>
  seq(p, [...cna(cin / 4, 3), dropout(0.1), conv(classes, 1, { bias: true })]);

/**
 * DeepLabHead: ASPP(in, [12, 24, 36]) — 1×1, three dilated 3×3 and the image-pool branch
 * (AdaptiveAvgPool2d(1), 1×1 conv, BN, ReLU, F.interpolate back to the map's h×w), concatenated,
 * projected by a 1×1 conv + BN + ReLU + Dropout(0.5) — then 3×3 conv, BN, ReLU, 1×1 conv (bias).
 */
const deeplabHead = (classes: number, h: number): Layers => [
  // classifier.0 is the ASPP module: its branches `convs.k`, torch.cat (no module), then `project`.
  {
    type: 'concat',
    branches: [
      seq('classifier.0.convs.0', cna(256, 1)),
      ...[12, 24, 36].map((r, i) => seq(`classifier.0.convs.${i + 1}`, cna(256, 3, { d: r }))),
      [...seq('classifier.0.convs.4', [gap(), ...cna(256, 1)]), interpolateTo(h)],
    ],
  },
  ...seq('classifier.0.project', [...cna(256, 1), dropout(0.5)]),
  ...seq('classifier', [...cna(256, 3), conv(classes, 1, { bias: true })], 1),
];

// ——— dilated MobileNetV3-Large (mobilenet_v3_large(dilated=True).features) ———

/**
 * features[0 … 16]; the last stage (C4, rows 12–14) is dilated by 2 with stride 1. Ids: `low`
 * on features[4] (stage_indices[-4], C2: 40 channels at stride 8), `high` on features[16]
 * (960 channels at stride 16).
 */
function dilatedMobilenetV3(): Layers {
  // IntermediateLayerGetter over `features` keeps its indices: `backbone.0` … `backbone.16`.
  const blocks = LARGE.map((row, i) => bneck(row, 1, `backbone.${i + 1}`, i >= 12 ? 2 : 1));
  return [
    ...seq('backbone.0', cna(16, 3, { s: 2 }, 'hardswish')),
    ...blocks.slice(0, 3).flat(),
    ...named(blocks[3], 'low'),
    ...blocks.slice(4).flat(),
    ...named(seq('backbone.16', cna(960, 1, {}, 'hardswish')), 'high'),
  ];
}

/** stem, C1, C2 halve the side (stride 8, the `low` map); C3 once more (stride 16, `high`). */
const mobileLowSide = (n: number) => halve(halve(halve(n)), 5);

// ——— models ———

type Head = 'fcn' | 'deeplabv3';

function resnetSegmentation(head: Head, depth: 50 | 101, k: Record<string, number>): Layers {
  const n = k.resolution;
  const h = resnetSide(n);
  const main = head === 'fcn' ? fcnHead('classifier', 2048, k.classes) : deeplabHead(k.classes, h);
  return [
    ...dilatedResnet(depth),
    ...takes('layer4', main),
    interpolateTo(n),
    ...(k.aux ? [...takes('layer3', fcnHead('aux_classifier', 1024, k.classes)), interpolateTo(n)] : []),
  ];
}

function deeplabMobile(k: Record<string, number>): Layers {
  const n = k.resolution;
  const h = halve(mobileLowSide(n));
  return [
    ...dilatedMobilenetV3(),
    ...takes('high', deeplabHead(k.classes, h)),
    interpolateTo(n),
    ...(k.aux ? [...takes('low', fcnHead('aux_classifier', 40, k.classes)), interpolateTo(n)] : []),
  ];
}

/**
 * LRASPPHead: x = cbr(high) · scale(high) (scale: AdaptiveAvgPool2d(1), 1×1 conv, sigmoid),
 * F.interpolate to the low map's size, then low_classifier(low) + high_classifier(x).
 */
function lraspp(k: Record<string, number>): Layers {
  const n = k.resolution;
  return [
    ...dilatedMobilenetV3(),
    ...named(takes('high', seq('classifier.cbr', cna(128, 1))), 'cbr'),
    ...named(takes('high', seq('classifier.scale', [gap(), conv(128, 1), act('sigmoid')])), 'scale'),
    { type: 'mul', from: ['cbr', 'scale'] },
    ...named([interpolateTo(mobileLowSide(n))], 'x'),
    ...named(takes('low', [withName('classifier.low_classifier', conv(k.classes, 1, { bias: true }))]), 'low_out'),
    ...named(takes('x', [withName('classifier.high_classifier', conv(k.classes, 1, { bias: true }))]), 'high_out'),
    { type: 'add', from: ['low_out', 'high_out'] },
    interpolateTo(n),
  ];
}

// ——— presets ———

const classesKnob: PresetKnob = {
  name: 'classes',
  label: 'Classes',
  default: 21,
  min: 1,
  max: 1000,
  step: 1,
  help: 'num_classes: output channels of the classifier (21: COCO with the VOC labels, the published weights)',
};
const auxKnob: PresetKnob = {
  name: 'aux',
  label: 'Aux classifier',
  default: 1,
  options: [0, 1],
  help:
    'aux_loss: 1 adds the FCNHead on the stride-8 features, as the builder does when weights are given ' +
    '(num_params and _ops count it); weights=None leaves aux_loss=None, i.e. 0',
};

const FCN_PAPER = {
  title: 'Fully Convolutional Networks for Semantic Segmentation',
  authors: 'Long, Shelhamer, Darrell',
  year: 2015,
  url: 'https://arxiv.org/abs/1411.4038',
};
const DEEPLAB_PAPER = {
  title: 'Rethinking Atrous Convolution for Semantic Image Segmentation',
  authors: 'Chen, Papandreou, Schroff, Adam',
  year: 2017,
  url: 'https://arxiv.org/abs/1706.05587',
};

const AUX_NOTE =
  'The aux classifier (FCNHead on the stride-8 features, with its own F.interpolate to the input) is counted ' +
  '(aux = 1): torchvision’s builder sets aux_loss=True whenever weights are given, and its num_params and _ops ' +
  'are of that model; the aux head runs in eval mode too (_SimpleSegmentationModel.forward computes result["aux"] ' +
  'whenever the head exists). With weights=None the builder leaves aux_loss=None and builds no aux head: aux = 0.';
const SIZE_NOTE =
  'Counted at 520×520, the size torchvision’s _ops was measured at (SemanticSegmentation resize_size=520): ' +
  'conv MACs at 520×520 equal _ops to the last digit; a stride-8 map of 65×65.';

const DILATED_NOTE =
  'Backbone: resnet with replace_stride_with_dilation=[False, True, True] — layer3 and layer4 keep stride 1 and ' +
  'dilate their 3×3 convs by 2 and 4 (each layer’s first block keeps the previous dilation), so the features stay at stride 8.';
const MOBILE_NOTE =
  'Backbone: mobilenet_v3_large(dilated=True).features — the last stage’s depthwise convs dilated by 2 with stride 1 ' +
  '(output stride 16); features[4] (C2, 40 channels, stride 8) is the low/aux tap, features[16] (960 channels) the high/out one.';

const LRASPP_NOTE = 'LR-ASPP has no aux classifier (the builder raises NotImplementedError for aux_loss).';

const PAPERS: Record<string, typeof FCN_PAPER> = { FCN: FCN_PAPER, DeepLabV3: DEEPLAB_PAPER, 'LR-ASPP': V3_PAPER };
const FILES: Record<string, string> = { FCN: 'fcn', DeepLabV3: 'deeplabv3', 'LR-ASPP': 'lraspp' };

/** name, title, family, num_params, exact MACs, _ops, layers. */
type SegRow = [string, string, string, number, number, string, (k: Record<string, number>) => Layers];

function seg([name, title, family, params, macs, ops, layers]: SegRow): Preset {
  const aux = family !== 'LR-ASPP';
  const backbone = name.includes('mobilenet') ? MOBILE_NOTE : DILATED_NOTE;
  return definePreset({
    name,
    family,
    task: 'segmentation',
    code: tvCode(`segmentation/${FILES[family]}`),
    title,
    paper: PAPERS[family],
    input: [3, 520, 520],
    knobs: [classesKnob, resolutionKnob(520, 64, 1024), ...(aux ? [auxKnob] : [])],
    reference: tvDense(params, macs, ops),
    notes: aux ? [AUX_NOTE, SIZE_NOTE, backbone] : [SIZE_NOTE, backbone, LRASPP_NOTE],
    layers,
  });
}

const resnetSeg = (head: Head, depth: 50 | 101) => (k: Record<string, number>) => resnetSegmentation(head, depth, k);

export const SEGMENTATION_PRESETS: readonly Preset[] = (
  [
    ['fcn_resnet50', 'FCN ResNet-50', 'FCN', 35_322_218, 152_716_512_000, '152.717', resnetSeg('fcn', 50)],
    ['fcn_resnet101', 'FCN ResNet-101', 'FCN', 54_314_346, 232_737_606_400, '232.738', resnetSeg('fcn', 101)],
    [
      'deeplabv3_resnet50',
      'DeepLabV3 ResNet-50',
      'DeepLabV3',
      42_004_074,
      178_721_945_088,
      '178.722',
      resnetSeg('deeplabv3', 50),
    ],
    [
      'deeplabv3_resnet101',
      'DeepLabV3 ResNet-101',
      'DeepLabV3',
      60_996_202,
      258_743_039_488,
      '258.743',
      resnetSeg('deeplabv3', 101),
    ],
    [
      'deeplabv3_mobilenet_v3_large',
      'DeepLabV3 MobileNetV3-Large',
      'DeepLabV3',
      11_029_328,
      10_452_447_938,
      '10.452',
      deeplabMobile,
    ],
    ['lraspp_mobilenet_v3_large', 'LR-ASPP MobileNetV3-Large', 'LR-ASPP', 3_221_538, 2_086_219_688, '2.086', lraspp],
  ] satisfies SegRow[]
).map(seg);
