/**
 * Reference numbers of the Ultralytics presets and the notes that explain them. Every number is
 * from tests/fixtures/yolo-tools.jsonl (scripts/fixtures/yolo_tool_fixtures.py, on ultralytics
 * 8.4.52 @93e0555 with ultralytics-thop 2.0.19), and tests/unit/zoo/yolo-tools.test.ts requires
 * them to equal it: parameters as model.info() prints them (DetectionModel from the YAML, nc=80, no
 * weights), MACs as DeepSpeed's profiler gives them for the model up to the head's convolutions
 * (conv + attention-product MACs, bias excluded), and the GFLOPs that model.info() prints at 640.
 */
import type { PresetReference } from './types';

// name: [model.info() parameters, DeepSpeed MACs at 640 (head convs), Ultralytics get_flops at 640]
const NUMBERS: Readonly<Record<string, readonly [number, number, number]>> = {
  yolov5nu: [2_654_816, 3_861_913_600, 7.840102399999999],
  yolov5su: [9_153_152, 11_997_184_000, 24.2129408],
  yolov5mu: [25_111_456, 32_102_400_000, 64.606464],
  yolov5lu: [53_225_024, 67_493_888_000, 135.62496],
  yolov5xu: [97_276_448, 123_195_904_000, 247.3190912],
  yolov8n: [3_157_200, 4_371_456_000, 8.8575488],
  yolov8s: [11_166_560, 14_300_774_400, 28.816844800000002],
  yolov8m: [25_902_640, 39_467_827_200, 79.3204224],
  yolov8l: [43_691_520, 82_573_721_600, 165.742848],
  yolov8x: [68_229_648, 128_901_632_000, 258.5472512],
  yolo11n: [2_624_080, 3_270_713_600, 6.614336],
  yolo11s: [9_458_752, 10_794_342_400, 21.718374400000002],
  yolo11m: [20_114_688, 34_051_686_400, 68.52838399999999],
  yolo11l: [25_372_160, 43_577_446_400, 87.6134912],
  yolo11x: [56_966_176, 97_635_686_400, 195.9587328],
};

export const YOLO_REFERENCE: Readonly<Record<string, PresetReference>> = Object.fromEntries(
  Object.entries(NUMBERS).map(([name, [params, macs, gflops]]) => [
    name,
    {
      params,
      macs,
      ops: (macs / 1e9).toFixed(3),
      source:
        'Ultralytics 8.4.52 (ultralytics/ultralytics @93e0555): parameters as model.info() prints them; MACs (conv + attention products, bias excluded, up to the Detect head’s convs) from DeepSpeed’s profiler on that model — tests/fixtures/yolo-tools.jsonl',
      note: `Ultralytics prints ${gflops.toFixed(1)} GFLOPs for this model at 640 (model.info(); get_flops gives ${gflops}).`,
    },
  ]),
);

/** The preset's notes: what is counted, and how Ultralytics' and the tools' figures relate to it. */
export function yoloNotes(name: string, legacy: boolean): string[] {
  return [
    'Counted: the network up to the Detect head’s convolutions — backbone, neck and, per level (strides 8, 16, 32), the box branch cv2 (ending in a 1×1 conv to 4·reg_max = 64 channels) and the class branch cv3 (ending in a 1×1 conv to nc channels), then Detect.forward_head’s views and cats into `boxes` [64, A] and `scores` [nc, A], A = (s/8)² + (s/16)² + (s/32)² anchors (8,400 at 640). ' +
      'Not counted — post-processing in Detect._inference: the DFL (softmax over 16 bins, then its fixed 1×1 conv, 4·16·A MACs; that conv’s 16 weights are in model.parameters(), so they are counted as a parameter row `model.<i>.dfl.conv`), make_anchors, the dist2bbox box decode, × strides, the sigmoid of the scores, and NMS.',
    'Ultralytics’ GFLOPs (model.info(imgsz=640), utils/torch_utils.py get_flops): thop profiles the model on a 32×32 input (the largest stride), and the MACs are doubled and multiplied by (h/32)·(w/32) of the imgsz passed (640 unless info() is given another) — so the printed figure scales with the image area, and is exact at any multiple of 32 because every op thop counts is per pixel. thop.profile switches the model to eval mode, so it runs the whole forward in either mode: the printed GFLOPs are 2 × (FlopLab’s thop count + the DFL conv’s 4·16·A MACs; 537,600 at 640) — the DFL’s softmax, the anchors, the box decode and the sigmoid are functional calls thop does not see. ' +
      `What thop counts: conv MACs (bias excluded), 4 per BatchNorm element, 1 per nearest-upsampled output; SiLU, the adds${legacy ? '' : ', the attention products and softmax'} count 0. FlopLab’s conventions count at the image size you set, each as its tool does: thop, ptflops, fvcore and torchinfo 1 per conv MAC, FlopCounterMode and DeepSpeed 2 (FLOPs).`,
    'DeepSpeed’s profiler prints more than FlopLab’s deepspeed count: Ultralytics’ Conv uses one nn.SiLU (Conv.default_act) shared by every Conv, and DeepSpeed’s total adds a module’s accumulated FLOPs once per parent, so the SiLU’s FLOPs over the whole forward (S, one per output) are counted once per Conv with an activation (K of them): (K − 1)·S more. FlopLab counts each SiLU call once; the other five tools are not affected (their totals equal FlopLab’s).',
    ...(name.startsWith('yolov5')
      ? [
          'YOLOv5u: the YOLOv5 backbone and neck (C3 blocks, yolov5.yaml) with the anchor-free YOLOv8 Detect head, as Ultralytics builds `yolov5nu.yaml` … `yolov5xu.yaml`.',
        ]
      : []),
    ...(legacy
      ? []
      : [
          'YOLO11: C3k2 blocks (C3k inside at m/l/x), a C2PSA block whose attention runs on the (s/32)² positions of the stride-32 map (its q·kᵀ and attn·v products grow with the square of that count), and a lighter class branch (depthwise 3×3 + 1×1, twice).',
        ]),
  ];
}
