/** Starting values of the editor state (no zustand here: the CLI and tests import it too). */
import { MODEL_FORMAT, type Model } from '../engine/format/model';
import { DEFAULT_CONVENTION } from '../engine/conventions/registry';

export type NumberFormat = 'si' | 'exact';
export type Dtype = 'fp32' | 'fp16' | 'int8';
export type Theme = 'light' | 'dark';

export interface Settings {
  readonly convention: string;
  readonly numberFormat: NumberFormat;
  readonly dtype: Dtype;
  readonly theme: Theme;
  /** Runtime estimate target (src/engine/deploy/devices id; null = none) and its arithmetic precision. */
  readonly device: string | null;
  readonly precision: Dtype;
}

/** Device shown before the user picks one (must exist in src/engine/deploy/devices; checked by a unit test). */
export const DEFAULT_DEVICE = 'pixel4-cpu-4t';
/** Longest device id a saved state or link may carry (ids are short kebab-case names). */
export const MAX_DEVICE_ID = 64;

export const NUMBER_FORMATS: readonly NumberFormat[] = ['si', 'exact'];
export const DTYPES: readonly Dtype[] = ['fp32', 'fp16', 'int8'];
export const THEMES: readonly Theme[] = ['light', 'dark'];

/** What "new model" gives: an ImageNet-sized input and no layers. */
export const emptyModel = (): Model => ({ format: MODEL_FORMAT, name: 'Untitled', input: [3, 224, 224], layers: [] });

/** What a first visit shows, so the screen has numbers before anyone types: a small CIFAR CNN. */
export const starterModel = (): Model => ({
  format: MODEL_FORMAT,
  name: 'Small CNN',
  input: [3, 32, 32],
  layers: [
    { type: 'conv2d', name: 'conv1', out: 32, kernel: 3, padding: 1 },
    { type: 'batchnorm2d', name: 'bn1' },
    { type: 'relu' },
    { type: 'maxpool2d', kernel: 2 },
    { type: 'conv2d', name: 'conv2', out: 64, kernel: 3, padding: 1 },
    { type: 'batchnorm2d', name: 'bn2' },
    { type: 'relu' },
    { type: 'adaptiveavgpool2d', out: 1 },
    { type: 'flatten' },
    { type: 'linear', name: 'fc', out: 10 },
  ],
});

const prefersDark = (): boolean => {
  try {
    return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
  } catch {
    return false;
  }
};

export const defaultSettings = (): Settings => ({
  convention: DEFAULT_CONVENTION,
  numberFormat: 'si',
  dtype: 'fp32',
  theme: prefersDark() ? 'dark' : 'light',
  // A phone CPU with published measurements (fitted, not category defaults), so the first look is calibrated.
  device: DEFAULT_DEVICE,
  precision: 'fp32',
});
