/**
 * torchvision's `_ops` metadata: conv + linear multiply-accumulates, bias ignored, batch 1
 * at the weights' crop size. torchvision computes it with a FlopCounterMode-based counter
 * (test/common_extended_utils.py) and reports GFLOPS/2 as MACs; see shared/reference/zoo.md.
 */
import { mul, div } from '../expr';
import type { Convention } from './types';

export const torchvision: Convention = {
  id: 'torchvision',
  name: 'torchvision _ops',
  unit: 'MAC',
  summary: "Conv + linear multiply-accumulates, no bias: what torchvision's model metadata lists",
  source: 'pytorch/vision test/common_extended_utils.py (FlopCounterMode-based), weights metadata `_ops`',
  rules: {
    conv2d: mul('N', 'Cout', 'Ho', 'Wo', div('Cin', 'g'), 'Kh', 'Kw'),
    linear: mul('N', 'I', 'O'),
  },
  notes: {
    relu: 'Only convolutions and linear layers are counted.',
    batchnorm2d: 'Only convolutions and linear layers are counted.',
  },
};
