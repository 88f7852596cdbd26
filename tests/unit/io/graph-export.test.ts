/**
 * Graph presets (layers wired by `from`, named outputs): the PyTorch writer writes them as a Net
 * whose forward names each value (pytorch-graph.ts; each file run in real PyTorch by
 * scripts/check-pytorch-export.py: parameters and output shapes equal FlopLab's for all 107 presets);
 * the prototxt writer follows the layer stack only and still refuses them with the reason, instead
 * of writing a wrong network. The ONNX writer writes graphs too (onnx-graph-export.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { modelToPrototxt, modelToPytorch } from '../../../src/engine/export';
import { evaluateModel } from '../../../src/engine/evaluate';
import { PRESETS } from '../../../src/engine/presets';
import { usesGraph } from './helpers';
import { tokenizePython } from './python-parse';

const graphPresets = PRESETS.filter((p) => usesGraph(p.build().layers));

describe('graph presets', () => {
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

  it.each(graphPresets.map((p) => [p.name, p] as const))(
    '%s: PyTorch written as a graph forward; prototxt refuses it',
    (_n, p) => {
      const m = p.build();
      const r = modelToPytorch(m);
      if (!r.ok) throw new Error(r.error);
      tokenizePython(r.code); // indentation and brackets as Python wants them
      // Helper classes it calls are defined in the file.
      const defined = new Set([...r.code.matchAll(/^class (\w+)\(/gm)].map((x) => x[1]));
      for (const [, cls] of r.code.matchAll(/= ([A-Z]\w*)\(/g)) expect(defined.has(cls), cls).toBe(true);
      const e = evaluateModel(m);
      expect(r.code).toContain(`# Parameters: ${e.totals.params.toLocaleString('en-US')} (FlopLab)`);
      expect(r.code).not.toContain('self.layers(x)');
      const ret = /^ {8}return (.*)$/m.exec(r.code.slice(r.code.indexOf('class Net(')))?.[1] ?? '';
      expect(ret.split(', ')).toHaveLength(e.outputs.length);
      const w = modelToPrototxt(m);
      expect(w.ok).toBe(false);
      if (!w.ok) expect(w.error).toMatch(/from|layer type|no Caffe mapping/);
    },
  );
});
