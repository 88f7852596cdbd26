/**
 * The writers that follow the layer stack (PyTorch code, prototxt) refuse a model wired by
 * `from` (or a kind they have no module for) with the reason, instead of writing a wrong network: the ViT and Swin
 * presets, whose class token, position embedding and patch merging are graph edges. The ONNX writer
 * writes graphs (onnx-graph-export.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { modelToPrototxt, modelToPytorch } from '../../../src/engine/export';
import { PRESETS } from '../../../src/engine/presets';
import { usesGraph } from './helpers';

const graphPresets = PRESETS.filter((p) => usesGraph(p.build().layers));

describe('graph presets are refused by the stack writers, with the reason', () => {
  it('are the five ViTs, six Swins (V1 and V2), MaxViT-T, 15 YOLOs and the segmentation and detection presets', () =>
    expect(graphPresets.map((p) => p.name)).toEqual([
      'vit_b_16',
      'vit_b_32',
      'vit_l_16',
      'vit_l_32',
      'vit_h_14',
      'swin_t',
      'swin_s',
      'swin_b',
      'swin_v2_t',
      'swin_v2_s',
      'swin_v2_b',
      'maxvit_t',
      // The Ultralytics detectors: YAML `from` wiring (Concat of earlier layers, C2f's split and cat, Detect's three inputs).
      ...['yolov5', 'yolov8', 'yolo11'].flatMap((f) => [...'nsmlx'].map((s) => `${f}${s}${f === 'yolov5' ? 'u' : ''}`)),
      // Zoo v2's dense-prediction presets: heads on named backbone taps, U-Net skips, SSD feature maps.
      'fcn_resnet50',
      'fcn_resnet101',
      'deeplabv3_resnet50',
      'deeplabv3_resnet101',
      'deeplabv3_mobilenet_v3_large',
      'lraspp_mobilenet_v3_large',
      'ssd300_vgg16',
      'ssdlite320_mobilenet_v3_large',
      'unet',
    ]));

  it.each(graphPresets.map((p) => [p.name, p] as const))('%s', (_n, p) => {
    const m = p.build();
    for (const r of [modelToPytorch(m), modelToPrototxt(m)]) {
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(/from|layer type|no Caffe mapping/);
    }
  });
});
