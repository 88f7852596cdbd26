/**
 * Shape and window arithmetic of adaptive pooling (PyTorch's start = floor(i·In/Out),
 * end = ceil((i+1)·In/Out)). `A` is the summed window area over one output map, so a global
 * pool (out 1) has A = Hin·Win.
 */
import { fnSymbol, moduleField } from './call';
import { pairOf, type Pair, type Shape } from '../format/model';
import { commonSymbols, needsMap, type Params, type ShapeResult } from './kind';
import type { FieldSpec } from './fields';

export const ADAPTIVE_FIELDS: readonly FieldSpec[] = [
  {
    name: 'out',
    kind: 'pair',
    min: 1,
    default: 1,
    label: 'Output size',
    help: 'Output H×W: one number or [h, w]; 1 = global pooling',
  },
  moduleField('nn.AdaptiveAvgPool2d / nn.AdaptiveMaxPool2d', 'F.adaptive_avg_pool2d / F.adaptive_max_pool2d'),
];

export function adaptiveShape(type: string, p: Params, input: Shape): ShapeResult {
  const bad = needsMap(type, input);
  if (bad) return { error: bad };
  const [h, w] = pairOf(p.out as Pair);
  return { output: [input[0], h, w] };
}

function windowSum(inSize: number, outSize: number): number {
  let s = 0;
  for (let i = 0; i < outSize; i++) s += Math.ceil(((i + 1) * inSize) / outSize) - Math.floor((i * inSize) / outSize);
  return s;
}

export function adaptiveSymbols(p: Params, input: Shape, output: Shape, batch: number) {
  return commonSymbols(input, output, batch, {
    fn: fnSymbol(p.call),
    C: input[0],
    A: windowSum(input[1], output[1]) * windowSum(input[2], output[2]),
  });
}
