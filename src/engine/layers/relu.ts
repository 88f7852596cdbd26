/** ReLU: max(0, x), one comparison per element (seed: Hout·Wout·Cout). */
import { elementwiseKind } from './elementwise';
import { fnSymbol, moduleField } from './call';

export const relu = elementwiseKind({
  type: 'relu',
  label: 'ReLU',
  summary: 'max(0, x)',
  opsPerElement: 1,
  exactNote: 'One comparison per element.',
  fields: [moduleField('nn.ReLU()', 'F.relu(x)')],
  symbols: (p) => ({ fn: fnSymbol(p.call) }),
});
