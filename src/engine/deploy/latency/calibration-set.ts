/**
 * The published latency measurements the efficiencies are fitted to, one entry per row of
 * shared/reference/latency-calibration.md (a row listing several models or devices is split).
 * Models come from the zoo presets (width/resolution knobs; other inputs via the evaluator's
 * input override) or, for the MLPerf Tiny networks, from latency-tiny-models.ts.
 */
import { evaluateModel, type ModelResult } from '../../evaluate';
import type { Model } from '../../format/model';
import { presetByName } from '../../presets';
import type { Precision } from '../devices/schema';
import { dscnn, resnet8 } from './tiny-models';

export interface CalibrationPoint {
  /** Stable id: device/precision/model. */
  readonly id: string;
  readonly device: string;
  readonly precision: Precision;
  readonly model: string;
  readonly measuredMs: number;
  readonly setup: string;
  readonly source: string;
  /** Builds and evaluates the model; a sentence when it cannot be built. */
  evaluate(): ModelResult | { error: string };
}

const TF_SLIM = 'tensorflow/models research/slim/nets/mobilenet/README.md';
const MNV3 = 'Howard et al. 2019, Searching for MobileNetV3, Table 3';
const TFLITE = 'tensorflow tensorflow/lite/g3doc/performance/benchmarks.md';
const CORAL = 'coral.ai/docs/edgetpu/benchmarks, Table 1';
const TRT = 'kentaroy47/benchmark-FP32-FP16-INT8-with-TensorRT README';
const TINY = 'mlcommons/tiny_results_v1.0, closed, STMicroelectronics';

type Build = { preset: string; knobs?: Record<string, number>; input?: number[] } | { custom: () => Model };

function evaluator(b: Build): () => ModelResult | { error: string } {
  return () => {
    let model: Model;
    try {
      if ('custom' in b) model = b.custom();
      else {
        const p = presetByName(b.preset);
        if (!p) return { error: `preset ${b.preset} is not in the zoo yet` };
        model = p.build(b.knobs);
      }
    } catch (err) {
      return { error: (err as Error).message };
    }
    const r = evaluateModel(model, 'input' in b && b.input ? { input: b.input } : {});
    if (r.errors || r.modelError)
      return {
        error: `${model.name ?? 'model'} does not evaluate: ${r.modelError ?? r.rows.find((x) => x.error)?.error}`,
      };
    return r;
  };
}

/** MobileNet v1 as the MLPerf Tiny VWW network: width 0.25 at 96×96 with a 2-way classifier. */
function mobilenetV1Vww(): Model {
  const p = presetByName('mobilenet_v1');
  if (!p) throw new Error('preset mobilenet_v1 is not in the zoo yet');
  const m = p.build({ width: 0.25, resolution: 96 });
  const layers = [...m.layers];
  const last = layers.length - 1;
  if (layers[last]?.type !== 'linear') throw new Error('mobilenet_v1 preset does not end in a linear layer');
  layers[last] = { ...layers[last], out: 2 };
  return { ...m, name: 'MobileNet v1 0.25 (MLPerf Tiny VWW, 96×96, 2 classes)', layers };
}

const points: CalibrationPoint[] = [];
function add(
  device: string,
  precision: Precision,
  model: string,
  ms: number,
  setup: string,
  source: string,
  build: Build,
) {
  points.push({
    id: `${device}/${precision}/${model}`,
    device,
    precision,
    model,
    measuredMs: ms,
    setup,
    source,
    evaluate: evaluator(build),
  });
}

// Pixel 1, one large core, TFLite fp32: MobileNetV2 width × resolution grid (TF-slim README).
const PIXEL1: [number, number[], number[]][] = [
  [1.4, [224], [138.0]],
  [1.3, [224], [123.0]],
  [1.0, [224, 192, 160, 128, 96], [73.8, 55.1, 40.2, 27.6, 17.6]],
  [0.75, [224, 192, 160, 128, 96], [55.8, 41.6, 30.4, 21.9, 14.2]],
  [0.5, [224, 192, 160, 128, 96], [28.7, 21.1, 14.9, 9.9, 6.4]],
  [0.35, [224, 192, 160, 128, 96], [19.7, 14.6, 10.5, 6.9, 4.5]],
];
for (const [w, sizes, ms] of PIXEL1)
  sizes.forEach((s, i) =>
    add('pixel1-cpu-1core', 'fp32', `mobilenet_v2 ${w} @${s}`, ms[i], 'TFLite, one large core', TF_SLIM, {
      preset: 'mobilenet_v2',
      knobs: { width: w, resolution: s },
    }),
  );

const mnv2_035 = { preset: 'mobilenet_v2', knobs: { width: 0.35, resolution: 224 } };
add('pixel2-cpu-1core', 'fp32', 'mobilenet_v2 0.35 @224', 19.6, 'TFLite, one large core', MNV3, mnv2_035);
add('pixel3-cpu-1core', 'fp32', 'mobilenet_v2 0.35 @224', 13.9, 'TFLite, one large core', MNV3, mnv2_035);

const mnv1 = { preset: 'mobilenet_v1', knobs: { width: 1, resolution: 224 } };
const squeeze = { preset: 'squeezenet1_1' };
const T4 = 'TFLite, 4 threads, Android 10';
const GPU = 'TFLite GPU delegate, Android 10';
add('pixel3-cpu-4t', 'fp32', 'mobilenet_v1 1.0 @224', 23.9, T4, TFLITE, mnv1);
add('pixel3-gpu', 'fp32', 'mobilenet_v1 1.0 @224', 6.45, GPU, TFLITE, mnv1);
add('pixel3-cpu-4t', 'int8', 'mobilenet_v1 1.0 @224 (quantized)', 13.4, T4, TFLITE, mnv1);
add('pixel3-cpu-4t', 'fp32', 'squeezenet1_1 @224', 35.8, T4, TFLITE, squeeze);
add('pixel3-gpu', 'fp32', 'squeezenet1_1 @224', 9.5, GPU, TFLITE, squeeze);
add('pixel4-cpu-4t', 'fp32', 'mobilenet_v1 1.0 @224', 14.0, T4, TFLITE, mnv1);
add('pixel4-gpu', 'fp32', 'mobilenet_v1 1.0 @224', 9.0, GPU, TFLITE, mnv1);
add('pixel4-cpu-4t', 'int8', 'mobilenet_v1 1.0 @224 (quantized)', 5.0, T4, TFLITE, mnv1);
add('iphone-xs-gpu', 'fp32', 'mobilenet_v1 1.0 @224', 3.4, 'TFLite GPU delegate', TFLITE, mnv1);

const EDGE = 'USB Accelerator, desktop host, model execution only';
add('coral-edgetpu', 'int8', 'mobilenet_v1 1.0 @224', 2.4, EDGE, CORAL, mnv1);
add('coral-edgetpu', 'int8', 'mobilenet_v2 1.0 @224', 2.6, EDGE, CORAL, {
  preset: 'mobilenet_v2',
  knobs: { width: 1, resolution: 224 },
});
add('coral-edgetpu', 'int8', 'googlenet @224', 3.4, EDGE, CORAL, { preset: 'googlenet' });

const r50 = { preset: 'resnet50', input: [3, 256, 256] };
add('jetson-nano', 'fp32', 'resnet50 @256', 79, 'TensorRT, 1×3×256×256', TRT, r50);
add('jetson-nano', 'fp16', 'resnet50 @256', 42, 'TensorRT, 1×3×256×256', TRT, r50);

const STM = 'STM32H7A3 at 280 MHz, X-CUBE-AI 7.3, MLPerf Tiny v1.0';
add('stm32h7', 'int8', 'resnet8 (CIFAR-10) @32', 54.3, STM, TINY, { custom: resnet8 });
add('stm32h7', 'int8', 'mobilenet_v1 0.25 (VWW) @96', 50.7, STM, TINY, { custom: mobilenetV1Vww });
add('stm32h7', 'int8', 'ds-cnn (KWS) 49×10', 16.8, STM, TINY, { custom: dscnn });

export const CALIBRATION_SET: readonly CalibrationPoint[] = points;
