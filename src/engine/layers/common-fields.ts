/** Field specs reused by several layer kinds, so labels and help read the same everywhere. */
import type { FieldSpec } from './fields';

export const OUT_CHANNELS: FieldSpec = {
  name: 'out',
  kind: 'int',
  min: 1,
  required: true,
  label: 'Out channels',
  help: 'Number of output channels (Cout)',
};
export const KERNEL: FieldSpec = {
  name: 'kernel',
  kind: 'pair',
  min: 1,
  required: true,
  label: 'Kernel',
  help: 'Kernel size: one number or [h, w]',
};
export const STRIDE = (dflt: number | undefined, help = 'Stride: one number or [h, w]'): FieldSpec =>
  dflt === undefined
    ? { name: 'stride', kind: 'pair', min: 1, label: 'Stride', help: `${help}; defaults to the kernel` }
    : { name: 'stride', kind: 'pair', min: 1, default: dflt, label: 'Stride', help };
export const PADDING: FieldSpec = {
  name: 'padding',
  kind: 'padding',
  default: 0,
  label: 'Padding',
  help: 'Zero padding per side: a number, [h, w] or "same"',
};
export const DILATION: FieldSpec = {
  name: 'dilation',
  kind: 'pair',
  min: 1,
  default: 1,
  label: 'Dilation',
  help: 'Spacing between kernel taps',
};
export const CEIL: FieldSpec = {
  name: 'ceil',
  kind: 'bool',
  default: false,
  label: 'Ceil mode',
  help: 'Round the output size up (PyTorch ceil_mode, Caffe pooling)',
};
export const BIAS: FieldSpec = {
  name: 'bias',
  kind: 'bool',
  default: true,
  label: 'Bias',
  help: 'Add a learnable bias per output (PyTorch default: true)',
};

export const GROUPS: FieldSpec = {
  name: 'groups',
  kind: 'int',
  min: 1,
  default: 1,
  label: 'Groups',
  help: 'Channel groups; Cin and Cout must divide by it',
};
