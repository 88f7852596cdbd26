/**
 * Layer classes of the runtime estimate, and the efficiencies a device reaches on each before
 * calibration (the priors the fit starts from and falls back to).
 *
 * Why these classes: on real hardware a 3×3 convolution, a depthwise convolution and a 1×1
 * convolution of the same op count run at very different speeds (depthwise layers have little
 * reuse and are memory-bound on phone CPUs; Zhang et al., AAAI'20), and norm / activation /
 * pooling / element-wise layers do so little arithmetic per byte that only bandwidth matters.
 */
import type { Row } from '../../evaluate';
import type { DeviceCategory } from '../devices/schema';

export const LAYER_CLASSES = [
  'conv',
  'depthwise',
  'pointwise',
  'linear',
  'norm',
  'activation',
  'pooling',
  'elementwise',
] as const;
export type LayerClass = (typeof LAYER_CLASSES)[number];

export const LAYER_CLASS_LABELS: Readonly<Record<LayerClass, string>> = {
  conv: 'Convolution',
  depthwise: 'Depthwise convolution',
  pointwise: 'Pointwise (1×1) convolution',
  linear: 'Linear',
  norm: 'Normalisation',
  activation: 'Activation',
  pooling: 'Pooling',
  elementwise: 'Element-wise / other',
};

/**
 * The class of a row. Depthwise = groups equal to input channels (> 1); pointwise = 1×1 kernel,
 * one group; any other convolution (including grouped ones) = conv. Blocks' combining steps
 * (residual add, concat, scale) and unknown categories are element-wise / other.
 */
export function layerClassOf(row: Pick<Row, 'category' | 'symbols' | 'block'>): LayerClass {
  const s = row.symbols ?? {};
  switch (row.category) {
    case 'conv': {
      const g = Number(s.g ?? 1);
      const cin = Number(s.Cin ?? 0);
      if (g > 1 && g === cin) return 'depthwise';
      if (g === 1 && Number(s.Kh ?? 0) === 1 && Number(s.Kw ?? 0) === 1) return 'pointwise';
      return 'conv';
    }
    case 'linear':
      return 'linear';
    case 'norm':
      return 'norm';
    case 'activation':
      return 'activation';
    case 'pool':
      return 'pooling';
    default:
      return 'elementwise';
  }
}

export interface ClassEfficiency {
  /** Fraction of the device's peak throughput this class reaches when compute-bound. */
  readonly compute: number;
  /** Fraction of the memory bandwidth it reaches when memory-bound (above 1: cache-resident data). */
  readonly memory: number;
}

export type ClassEfficiencies = Readonly<Record<LayerClass, ClassEfficiency>>;

export interface CategoryPrior {
  readonly classes: ClassEfficiencies;
  /** Fixed cost per executed kernel (dispatch, scheduling), microseconds. */
  readonly overheadUs: number;
}

const make = (
  dense: number,
  pointwise: number,
  depthwise: number,
  linear: number,
  other: number,
  memory: number,
): ClassEfficiencies => ({
  conv: { compute: dense, memory },
  depthwise: { compute: depthwise, memory },
  pointwise: { compute: pointwise, memory },
  linear: { compute: linear, memory },
  norm: { compute: other, memory },
  activation: { compute: other, memory },
  pooling: { compute: other, memory },
  elementwise: { compute: other, memory },
});

/**
 * Starting efficiencies per device category. They are deliberately round: the fit moves them
 * (docs/latency.md). Sources for their order of magnitude: shared/reference/devices.md (Edge
 * TPU ≈6 % of peak on MobileNetV2; Pixel 4 CPU ≈½ of an assumed peak on MobileNetV1) and
 * latency-calibration.md (an Adreno 660 reaches 45 % of peak FLOPS and 68 % of bandwidth).
 */
export const CATEGORY_PRIORS: Readonly<Record<DeviceCategory, CategoryPrior>> = {
  'phone-cpu': { classes: make(0.5, 0.6, 0.15, 0.3, 0.1, 0.5), overheadUs: 10 },
  'sbc-cpu': { classes: make(0.5, 0.6, 0.15, 0.3, 0.1, 0.5), overheadUs: 10 },
  'phone-gpu': { classes: make(0.4, 0.4, 0.1, 0.2, 0.05, 0.6), overheadUs: 30 },
  'edge-gpu': { classes: make(0.5, 0.5, 0.1, 0.3, 0.05, 0.6), overheadUs: 20 },
  'phone-npu': { classes: make(0.3, 0.3, 0.05, 0.1, 0.05, 0.4), overheadUs: 20 },
  'edge-npu': { classes: make(0.3, 0.3, 0.05, 0.1, 0.05, 0.4), overheadUs: 10 },
  mcu: { classes: make(0.5, 0.5, 0.3, 0.4, 0.2, 0.5), overheadUs: 20 },
};
