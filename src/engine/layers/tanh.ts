/** Tanh (torch.nn.Tanh): (e^{2x} − 1) / (e^{2x} + 1). */
import { elementwiseKind } from './elementwise';

export const tanh = elementwiseKind({
  type: 'tanh',
  label: 'Tanh',
  summary: 'Hyperbolic tangent',
  opsPerElement: 5,
  exactNote: 'Per element, as (e²ˣ − 1)/(e²ˣ + 1): a doubling multiply, an exp, a subtract, an add and a divide.',
});
