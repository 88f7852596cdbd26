/**
 * Clamp every element into [min, max] (torch.clamp(x, min, max), nn.Hardtanh; ONNX Clip with any
 * bounds: attributes before opset 11, inputs after). Either bound may be left out, not both. ReLU6
 * (Clip(0, 6)) keeps its own kind. Symbol `nb` = the number of bounds given (1 or 2).
 */
import { mul, ZERO } from '../expr';
import { commonSymbols, type LeafKind } from './kind';
import { say } from '../messages';

const bound = (name: 'min' | 'max', label: string, help: string) => ({ name, kind: 'number', label, help }) as const;

export const clamp: LeafKind = {
  type: 'clamp',
  label: 'Clamp',
  category: 'activation',
  summary: 'Limit each element to [min, max] (torch.clamp, ONNX Clip); give one bound or both',
  fields: [
    bound('min', 'Min', 'Lower bound: smaller values become min (leave out for none)'),
    bound('max', 'Max', 'Upper bound: larger values become max (leave out for none)'),
  ],
  shape: (p, input) => {
    if (p.min === undefined && p.max === undefined) return { error: say('layer.clampGive') };
    if (p.min !== undefined && p.max !== undefined && (p.min as number) > (p.max as number))
      return { error: say('layer.clampRange', { min: String(p.min), max: String(p.max) }) };
    return { output: input };
  },
  symbols: (p, input, output, batch) =>
    commonSymbols(input, output, batch, {
      C: input[0],
      nb: (p.min !== undefined ? 1 : 0) + (p.max !== undefined ? 1 : 0),
    }),
  params: ZERO,
  exact: mul('nb', 'numel_out'),
  exactNote: 'One comparison per element for each bound given: nb·numel.',
};
