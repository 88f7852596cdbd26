/**
 * Constant folding of the arithmetic detectors and windowed transformers compute their sizes with
 * (src/engine/import/onnx/fold.ts): Mod (timm's Swin pads H to a multiple of the window:
 * (7 − H mod 7) mod 7), Max, Min, Reciprocal, Abs (torchvision's resize scale
 * min(320 / min(H, W), 320 / max(H, W))) and ReduceMax/Min/Sum/Prod of a constant (the largest image
 * size), and ConstantOfShape of an empty shape (torchvision's anchor grid starts from a scalar). Expected values from the operators' definitions, onnx/docs/Operators.md (Mod: fmod = 0
 * takes the divisor's sign, as Python's %; fmod = 1 the dividend's, as C's fmod).
 */
import { describe, expect, it } from 'vitest';
import { fold } from '../../../src/engine/import/onnx/fold';
import type { OnnxAttribute, OnnxNode, OnnxTensor } from '../../../src/engine/import/onnx/decode';

const INT64 = 7;
const FLOAT = 1;
const t = (values: number[], dims = [values.length], dataType = INT64): OnnxTensor => ({ dims, dataType, values });

function run(op: string, inputs: OnnxTensor[], attrs: Record<string, OnnxAttribute> = {}) {
  const names = inputs.map((_x, i) => `c${i}`);
  const n: OnnxNode = {
    name: op,
    opType: op,
    domain: '',
    inputs: names,
    outputs: ['y'],
    attrs: new Map(Object.entries(attrs)),
  };
  const consts = new Map(names.map((k, i) => [k, inputs[i]]));
  return fold(n, { constant: (k) => consts.get(k), shapeOf: () => null });
}

const CASES: [string, string, OnnxTensor[], Record<string, OnnxAttribute>, number[], number[] | undefined][] = [
  // name, op, inputs, attrs, expected dims, expected values
  ['Mod, fmod 0: 7 mod 7 = 0 (Swin’s pad (7 − 56 mod 7) mod 7)', 'Mod', [t([7]), t([7])], {}, [1], [0]],
  ['Mod, fmod 0: −3 mod 7 = 4 (the divisor’s sign)', 'Mod', [t([-3]), t([7])], {}, [1], [4]],
  [
    'Mod, fmod 1: −3 fmod 7 = −3 (the dividend’s sign)',
    'Mod',
    [t([-3], [1], FLOAT), t([7], [1], FLOAT)],
    { fmod: { type: 2, i: 1 } },
    [1],
    [-3],
  ],
  ['Max of two constants', 'Max', [t([3, 9]), t([5, 2])], {}, [2], [5, 9]],
  ['Min of two constants', 'Min', [t([3, 9]), t([5, 2])], {}, [2], [3, 2]],
  ['Reciprocal of 320', 'Reciprocal', [t([320], [], FLOAT)], {}, [], [1 / 320]],
  ['Abs', 'Abs', [t([-2, 3])], {}, [2], [2, 3]],
  [
    'ReduceMax of [320, 240], keepdims 0: a scalar',
    'ReduceMax',
    [t([320, 240])],
    { keepdims: { type: 2, i: 0 } },
    [],
    [320],
  ],
  ['ReduceMin of [320, 240], dims kept', 'ReduceMin', [t([320, 240])], {}, [1], [240]],
  ['ReduceSum of [1, 2, 3]', 'ReduceSum', [t([1, 2, 3])], { keepdims: { type: 2, i: 0 } }, [], [6]],
  ['ReduceProd of [2, 3, 4]', 'ReduceProd', [t([2, 3, 4])], { keepdims: { type: 2, i: 0 } }, [], [24]],
  [
    'ReduceMax over axis 1 of a [2, 3] constant: dims only',
    'ReduceMax',
    [t([1, 2, 3, 4, 5, 6], [2, 3]), t([1])],
    {},
    [2, 1],
    undefined,
  ],
];

describe('folding size arithmetic on constants', () => {
  it.each(CASES)('%s', (_name, op, inputs, attrs, dims, values) => {
    const y = run(op, inputs, attrs);
    expect(y?.dims).toEqual(dims);
    expect(y?.values).toEqual(values);
  });
});
