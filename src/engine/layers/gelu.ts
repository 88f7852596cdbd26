/**
 * GELU (torch.nn.GELU, ConvNeXt): x · ½ · (1 + erf(x / √2)); with `approximate: 'tanh'` (GPT-2's)
 * ½ · x · (1 + tanh(√(2/π) · (x + 0.044715 · x³))).
 */
import { add, mul } from '../expr';
import { fnSymbol, moduleField } from './call';
import { elementwiseKind } from './elementwise';

const base = elementwiseKind({
  fields: [
    moduleField('nn.GELU', 'F.gelu'),
    {
      name: 'approximate',
      kind: 'enum',
      options: ['none', 'tanh'],
      default: 'none',
      label: 'Approximate',
      help: 'none: the exact erf form; tanh: the tanh approximation (nn.GELU(approximate="tanh"), GPT-2, ONNX Gelu approximate="tanh")',
    },
    {
      name: 'fused',
      kind: 'bool',
      default: false,
      label: 'One ONNX Gelu node',
      help: 'Written as one ONNX Gelu node (opset 20), not as Div, Erf, Add, Mul, Mul: onnx-tool counts 34 per element then (GeluNode), 7 otherwise; the arithmetic is the same',
    },
  ],
  symbols: (p) => ({ fn: fnSymbol(p.call), fu: p.fused ? 1 : 0, ta: p.approximate === 'tanh' ? 1 : 0 }),
  type: 'gelu',
  label: 'GELU',
  summary: 'x · Φ(x), the exact erf form (ConvNeXt) or the tanh approximation (GPT-2)',
  opsPerElement: 5,
  exactNote:
    'Per element, erf form: divide by √2, erf (counted as one operation), add 1, multiply by x, multiply by ½ = 5. Tanh form: x³ (2 multiplies), · 0.044715, + x, · √(2/π), tanh (one operation), + 1, · x, · ½ = 9.',
});

export const gelu = { ...base, exact: add(mul(5, 'numel_out'), mul(4, 'ta', 'numel_out')) };
