/**
 * Coral's "Edge TPU performance benchmarks", Table 1 (coral.json, extracted by
 * scripts/measurements/coral-extract.ts): time per inference in ms of ImageNet TFLite models on a
 * desktop CPU, the same CPU with the USB Accelerator (USB 3.0), an embedded CPU and the Dev Board;
 * "the time required to execute the model only" (the page's note).
 *
 * Device: the USB Accelerator column is coral-edgetpu (devices/data-edge.ts is defined from this very
 * table's setup). The Dev Board runs the same Edge TPU over PCIe, a different host link: not a FlopLab
 * device, nor are the CPUs.
 * Network: a row is a preset only where the network has one architecture and FlopLab's count of it is
 * checked (tests/unit/latency/coral.test.ts); the three rows the calibration set already holds
 * (calibration-set.ts, same page) keep its model names so the two cannot drift apart.
 */
import coralJson from './coral.json';

export type CoralMap =
  | {
      readonly preset: string;
      readonly knobs?: Record<string, number>;
      /** No depthwise convolution: the split's stratum. */
      readonly dense: boolean;
      /** The calibration set's name of the same measurement, when it holds it. */
      readonly calibration?: string;
      /** The count that ties the row to the preset, as the test checks it. */
      readonly check?: { readonly params: string; readonly from: string };
    }
  | { readonly unmapped: string };

export interface CoralRow {
  /** Stable id: coral:<line of the saved page text>. */
  readonly id: string;
  readonly model: string;
  readonly input: readonly number[] | null;
  readonly desktopCpu: number;
  /** Desktop CPU + USB Accelerator: coral-edgetpu. */
  readonly usbAccelerator: number;
  readonly embeddedCpu: number;
  readonly devBoard: number;
  readonly map: CoralMap;
  readonly source: { readonly url: string; readonly date: string; readonly line: number; readonly read: string };
}

const J = coralJson as unknown as {
  source: { url: string; date: string; read: string; columns: string[] };
  rows: {
    model: string;
    input: number[] | null;
    desktopCpu: number;
    usbAccelerator: number;
    embeddedCpu: number;
    devBoard: number;
    line: number;
  }[];
};

export const CORAL_SOURCE = J.source;

const KERAS_APPS = 'the Keras Applications table (Callidior/keras-applications README, "Size")';
const NOT_STATED = (what: string) => `the page does not say which ${what}; no count to check a preset against`;

export const CORAL_MODELS: Readonly<Record<string, CoralMap>> = {
  'MobileNet v1 (224x224)': {
    preset: 'mobilenet_v1',
    knobs: { width: 1, resolution: 224 },
    dense: false,
    calibration: 'mobilenet_v1 1.0 @224',
  },
  'MobileNet v2 (224x224)': {
    preset: 'mobilenet_v2',
    knobs: { width: 1, resolution: 224 },
    dense: false,
    calibration: 'mobilenet_v2 1.0 @224',
  },
  'Inception v1 (224x224)': { preset: 'googlenet', dense: true, calibration: 'googlenet @224' },
  'VGG16 (224x224)': { preset: 'vgg16', dense: true, check: { params: '138.4M', from: KERAS_APPS } },
  'VGG19 (224x224)': { preset: 'vgg19', dense: true, check: { params: '143.7M', from: KERAS_APPS } },
  'DenseNet (224x224)': { unmapped: NOT_STATED('DenseNet depth (121, 169, 201)') },
  'SqueezeNet (224x224)': { unmapped: NOT_STATED('SqueezeNet version (1.0 or 1.1)') },
  'ResNet-50 V1 (299x299)': { unmapped: NOT_STATED('ResNet-50 v1 graph (where the stride sits differs)') },
};

export const CORAL_ROWS: readonly CoralRow[] = J.rows.map((r) => ({
  id: `coral:${r.line}`,
  model: r.model,
  input: r.input,
  desktopCpu: r.desktopCpu,
  usbAccelerator: r.usbAccelerator,
  embeddedCpu: r.embeddedCpu,
  devBoard: r.devBoard,
  map: CORAL_MODELS[r.model] ?? { unmapped: 'no FlopLab preset of this network' },
  source: { url: J.source.url, date: J.source.date, line: r.line, read: J.source.read },
}));
