/**
 * The zoo's dense-prediction presets (issue 15) and their reference numbers: name, input side,
 * params, conv MACs (torchvision convention), _ops, output shape. Params and _ops: torchvision
 * 0.28 weights metadata (num_params, _ops); the exact MACs: DeepSpeed on torchvision's own model
 * (deepspeed_macs in tests/fixtures/torchvision-tools.jsonl, scripts/fixtures/seg_det_tool_fixtures.py).
 * unet has no torchvision weights: its params and MACs are the same fixture's, on
 * milesial/Pytorch-UNet's UNet (its `_ops` is null).
 */
export const DENSE_ZOO: readonly [string, number, number, number, string | null, number[]][] = [
  ['fcn_resnet50', 520, 35_322_218, 152_716_512_000, '152.717', [21, 520, 520]],
  ['fcn_resnet101', 520, 54_314_346, 232_737_606_400, '232.738', [21, 520, 520]],
  ['deeplabv3_resnet50', 520, 42_004_074, 178_721_945_088, '178.722', [21, 520, 520]],
  ['deeplabv3_resnet101', 520, 60_996_202, 258_743_039_488, '258.743', [21, 520, 520]],
  ['deeplabv3_mobilenet_v3_large', 520, 11_029_328, 10_452_447_938, '10.452', [21, 520, 520]],
  ['lraspp_mobilenet_v3_large', 520, 3_221_538, 2_086_219_688, '2.086', [21, 520, 520]],
  // The last layer is the classification head's cat: 8732 / 3234 default boxes × 91 classes.
  ['ssd300_vgg16', 300, 35_641_826, 34_858_153_472, '34.858', [8732, 91]],
  ['ssdlite320_mobilenet_v3_large', 320, 3_440_060, 583_171_904, '0.583', [3234, 91]],
  ['unet', 572, 31_037_698, 238_837_101_568, null, [2, 572, 572]],
];
