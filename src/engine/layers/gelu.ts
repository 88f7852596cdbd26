/** GELU (torch.nn.GELU, approximate='none', ConvNeXt): x · ½ · (1 + erf(x / √2)). */
import { fnSymbol, moduleField } from './call';
import { elementwiseKind } from './elementwise';

export const gelu = elementwiseKind({
  fields: [
    moduleField('nn.GELU', 'F.gelu'),
    {
      name: 'fused',
      kind: 'bool',
      default: false,
      label: 'One ONNX Gelu node',
      help: 'Written as one ONNX Gelu node (opset 20), not as Div, Erf, Add, Mul, Mul: onnx-tool counts 34 per element then (GeluNode), 7 otherwise; the arithmetic is the same',
    },
  ],
  symbols: (p) => ({ fn: fnSymbol(p.call), fu: p.fused ? 1 : 0 }),
  type: 'gelu',
  label: 'GELU',
  summary: 'x · Φ(x), the exact erf form (ConvNeXt)',
  opsPerElement: 5,
  exactNote: 'Per element: divide by √2, erf (counted as one operation), add 1, multiply by x, multiply by ½.',
});
