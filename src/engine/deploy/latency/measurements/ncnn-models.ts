/**
 * Which benchncnn built-in models are FlopLab presets. A model is mapped only when it is the same
 * network: the conv + linear MACs FlopLab counts for the preset equal the MACs computed from
 * ncnn's own benchmark/models/<model>.param (ncnn.json `models`), checked in
 * tests/unit/latency/measurements.test.ts. "near" allows a stated, explained difference.
 * The MAC comparison was made against the param files at the extracted commit; rows added years
 * earlier ran the param of their day (the files' history shows format changes, not new networks).
 */
import type { Precision } from '../../devices/schema';

export type NcnnModelMap =
  | {
      readonly preset: string;
      readonly knobs?: Record<string, number>;
      /** Input [C, H, W] when it differs from the preset's resolution. */
      readonly input?: readonly number[];
      /** The model's stored precision; ncnn may compute fp32 models in fp16/bf16 where the CPU/GPU allows. */
      readonly precision: Precision;
      /** Same network (MACs equal) or near (MACs within `tolerancePct`, difference explained). */
      readonly match: 'same' | 'near';
      readonly tolerancePct?: number;
      readonly note?: string;
      /**
       * No depthwise convolution (plain or grouped 3×3 / 1×1 stacks). The split stratifies on it, so each
       * device trains on both kinds and the held-out check never asks the fit to extrapolate from
       * depthwise networks alone to dense ones (checked against the evaluated model in tests).
       */
      readonly dense?: true;
    }
  | { readonly unmapped: string };

const RESNET18_NOTE =
  "ncnn's Caffe ResNet-18 has a 1×1 projection shortcut in its first block (res2a_branch1, 64→64, 12,845,056 MACs) that torchvision's has not; everything else is equal (0.70 % of MACs)";

const differs = (preset: string, pct: string, why: string) =>
  `not the same network as preset ${preset}: MACs differ by ${pct} (${why})`;

export const NCNN_MODELS: Readonly<Record<string, NcnnModelMap>> = {
  mobilenet: { preset: 'mobilenet_v1', knobs: { width: 1, resolution: 224 }, precision: 'fp32', match: 'same' },
  mobilenet_int8: { preset: 'mobilenet_v1', knobs: { width: 1, resolution: 224 }, precision: 'int8', match: 'same' },
  shufflenet_v2: { preset: 'shufflenet_v2_x1_0', precision: 'fp32', match: 'same' },
  mnasnet: { preset: 'mnasnet1_0', precision: 'fp32', match: 'same' },
  efficientnet_b0: { preset: 'efficientnet_b0', precision: 'fp32', match: 'same' },
  // Grouped (group width 8), not depthwise, convolutions: dense by the split's rule.
  regnety_400m: { preset: 'regnet_y_400mf', precision: 'fp32', match: 'same', dense: true },
  vgg16: { preset: 'vgg16', precision: 'fp32', match: 'same', dense: true },
  vgg16_int8: { preset: 'vgg16', precision: 'int8', match: 'same', dense: true },
  resnet18: {
    preset: 'resnet18',
    precision: 'fp32',
    match: 'near',
    tolerancePct: 0.75,
    dense: true,
    note: RESNET18_NOTE,
  },
  resnet18_int8: {
    preset: 'resnet18',
    precision: 'int8',
    match: 'near',
    tolerancePct: 0.75,
    dense: true,
    note: RESNET18_NOTE,
  },
  squeezenet: { unmapped: differs('squeezenet1_1 at 227×227', '−7.3 %', 'Caffe SqueezeNet v1.1 layout') },
  squeezenet_int8: { unmapped: differs('squeezenet1_1 at 227×227', '−7.3 %', 'Caffe SqueezeNet v1.1 layout') },
  mobilenet_v2: { unmapped: differs('mobilenet_v2', '−4.1 %', 'Caffe MobileNetV2 port') },
  mobilenet_v3: { unmapped: differs('mobilenet_v3_large', '−11.8 %', 'a third-party MobileNetV3 port') },
  googlenet: { unmapped: differs('googlenet', '−5.3 %', 'BVLC Caffe GoogLeNet: 5×5 branches and LRN') },
  googlenet_int8: { unmapped: differs('googlenet', '−5.3 %', 'BVLC Caffe GoogLeNet: 5×5 branches and LRN') },
  resnet50: {
    unmapped: differs('resnet50', '+6.0 %', 'Caffe ResNet-50 v1 strides in the 1×1, torchvision v1.5 in the 3×3'),
  },
  resnet50_int8: {
    unmapped: differs('resnet50', '+6.0 %', 'Caffe ResNet-50 v1 strides in the 1×1, torchvision v1.5 in the 3×3'),
  },
  alexnet: {
    unmapped: differs('alexnet', '−1.0 %', 'Caffe AlexNet: 96-filter conv1, two groups, LRN; different layers'),
  },
  efficientnetv2_b0: { unmapped: 'no EfficientNetV2-B0 preset (the zoo has V2-S/M/L only)' },
  shufflenet: { unmapped: 'no ShuffleNet v1 preset' },
  proxylessnasnet: { unmapped: 'no ProxylessNAS preset' },
  blazeface: { unmapped: 'no BlazeFace preset' },
  squeezenet_ssd: { unmapped: 'no SqueezeNet-SSD preset' },
  squeezenet_ssd_int8: { unmapped: 'no SqueezeNet-SSD preset' },
  mobilenet_ssd: { unmapped: 'no MobileNet-SSD (Caffe, 300×300) preset' },
  mobilenet_ssd_int8: { unmapped: 'no MobileNet-SSD (Caffe, 300×300) preset' },
  mobilenet_yolo: { unmapped: 'no MobileNet-YOLO preset' },
  mobilenetv2_yolov3: { unmapped: 'no MobileNetV2-YOLOv3 preset' },
  mobilenet_yolov3: { unmapped: 'old name of mobilenetv2_yolov3 in two early runs; no preset' },
  'yolov4-tiny': { unmapped: 'no YOLOv4-tiny preset' },
  nanodet_m: { unmapped: 'no NanoDet-m preset' },
  'yolo-fastest-1.1': { unmapped: 'no Yolo-Fastest preset' },
  'yolo-fastestv2': { unmapped: 'no Yolo-FastestV2 preset' },
  FastestDet: { unmapped: 'no FastestDet preset' },
  vision_transformer: {
    unmapped:
      'ViT-B/32 at 384×384 by its param (patch 32, width 768, 145 tokens), but the param has no shape hints to check MACs',
  },
};
