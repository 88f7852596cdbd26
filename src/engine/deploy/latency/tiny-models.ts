/**
 * The MLPerf Tiny v1.0 reference networks the STM32H7 calibration rows ran, written in the
 * model format from the engine's layers (they are not zoo presets). Architectures from
 * mlcommons/tiny benchmark/training (keras_model.py of image_classification and
 * keyword_spotting); Keras defaults apply: convolutions have a bias, BN follows them.
 * Parameter checks (tests/unit/latency/tiny-models.test.ts): DS-CNN 23,756 trainable
 * parameters (NXP eiq-model-zoo DS-CNN card); ResNet-8 78,186 trainable (78,666 with the
 * BN moving statistics Keras lists).
 */
import { MODEL_FORMAT, type LayerSpec, type Model } from '../../format/model';

const conv = (
  out: number,
  kernel: number | [number, number],
  stride = 1,
  padding: number | [number, number] = 0,
  groups = 1,
): LayerSpec => ({
  type: 'conv2d',
  out,
  kernel,
  stride,
  padding,
  groups,
});
const bn: LayerSpec = { type: 'batchnorm2d' };
const relu: LayerSpec = { type: 'relu' };

/** MLPerf Tiny image classification: ResNet-8 on CIFAR-10 (32×32×3). */
export function resnet8(): Model {
  // Keras padding "same" with stride 2 on an even side pads (0, 1); PyTorch padding 1 gives the same output size and MACs.
  const stack = (ch: number, stride: number): LayerSpec => ({
    type: 'residual',
    body: [conv(ch, 3, stride, 1), bn, relu, conv(ch, 3, 1, 1), bn],
    ...(stride === 1 ? {} : { shortcut: [conv(ch, 1, stride, 0)] }),
  });
  return {
    format: MODEL_FORMAT,
    name: 'ResNet-8 (MLPerf Tiny, CIFAR-10)',
    input: [3, 32, 32],
    layers: [
      conv(16, 3, 1, 1),
      bn,
      relu,
      stack(16, 1),
      relu,
      stack(32, 2),
      relu,
      stack(64, 2),
      relu,
      { type: 'avgpool2d', kernel: 8 },
      { type: 'flatten' },
      { type: 'linear', out: 10 },
    ],
  };
}

/** MLPerf Tiny keyword spotting: DS-CNN on 49×10 MFCC frames, 12 classes. */
export function dscnn(): Model {
  // Keras "same" on 49×10 with a (10, 4) kernel and stride 2 gives 25×5; symmetric padding [5, 1] gives the same.
  const block: LayerSpec[] = [conv(64, 3, 1, 1, 64), bn, relu, conv(64, 1), bn, relu];
  return {
    format: MODEL_FORMAT,
    name: 'DS-CNN (MLPerf Tiny keyword spotting)',
    input: [1, 49, 10],
    layers: [
      conv(64, [10, 4], 2, [5, 1]),
      bn,
      relu,
      { type: 'repeat', times: 4, body: block },
      { type: 'avgpool2d', kernel: [25, 5] },
      { type: 'flatten' },
      { type: 'linear', out: 12 },
    ],
  };
}
