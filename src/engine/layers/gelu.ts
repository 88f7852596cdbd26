/** GELU (torch.nn.GELU, approximate='none', ConvNeXt): x · ½ · (1 + erf(x / √2)). */
import { fnSymbol, moduleField } from './call';
import { elementwiseKind } from './elementwise';

export const gelu = elementwiseKind({
  fields: [moduleField('nn.GELU', 'F.gelu')],
  symbols: (p) => ({ fn: fnSymbol(p.call) }),
  type: 'gelu',
  label: 'GELU',
  summary: 'x · Φ(x), the exact erf form (ConvNeXt)',
  opsPerElement: 5,
  exactNote: 'Per element: divide by √2, erf (counted as one operation), add 1, multiply by x, multiply by ½.',
});
