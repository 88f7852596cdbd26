/**
 * The `unary` kind through the writers and the ONNX importer: FlopLab's ONNX file reads back to
 * the same rows (rsqrt, which ONNX has no operator for, as Sqrt then Reciprocal: the same exact
 * and onnx-tool counts); the forms torch.onnx writes (tests/fixtures/onnx-tool-unary.jsonl `nodes`:
 * Pow by a Constant exponent, rsqrt as Div(1, Sqrt(x)), 1 / x as Reciprocal) are read; the PyTorch
 * and prototxt writers write each op.
 */
import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../../src/engine/evaluate';
import { modelToOnnx } from '../../../src/engine/export/onnx';
import { modelToPrototxt } from '../../../src/engine/export/prototxt';
import { modelToPytorch } from '../../../src/engine/export/pytorch';
import type { LayerSpec, Model } from '../../../src/engine/format/model';
import { importOnnx } from '../../../src/engine/import/onnx';
import { UNARY_OPS } from '../../../src/engine/layers/unary';
import { rowsOf } from './helpers';
import { onnx } from './onnx-build';

const model = (layers: LayerSpec[]): Model => ({
  format: 'floplab.model/2',
  name: 'unary',
  input: [4, 6, 6],
  batch: 2,
  layers,
});

function roundTrip(m: Model) {
  const w = modelToOnnx(m);
  if (!w.ok) throw new Error(w.error);
  const r = importOnnx(w.bytes, 'unary.onnx');
  if (!r.ok) throw new Error(r.error);
  return r;
}

const imp = (bytes: Uint8Array) => {
  const r = importOnnx(bytes, 't.onnx');
  if (!r.ok) throw new Error(r.error);
  return r;
};

describe('unary through ONNX', () => {
  it('every op but rsqrt, and pow by 3, 0.5 and −1, read back to the same rows', () => {
    const m = model([
      ...UNARY_OPS.filter((op) => op !== 'rsqrt').map((op): LayerSpec => ({ type: 'unary', op })),
      { type: 'unary', op: 'pow', exponent: 3 },
      { type: 'unary', op: 'pow', exponent: 0.5 },
      { type: 'unary', op: 'pow', exponent: -1 },
    ]);
    const r = roundTrip(m);
    expect(r.warnings).toEqual([]);
    expect(rowsOf(r.model)).toEqual(rowsOf(m));
  });

  it('rsqrt is written as Sqrt then Reciprocal and read back as those two: the same exact and onnx-tool counts', () => {
    const m = model([{ type: 'unary', op: 'rsqrt' }]);
    const r = roundTrip(m);
    expect(r.model.layers).toEqual([
      { type: 'unary', op: 'sqrt' },
      { type: 'unary', op: 'reciprocal' },
    ]);
    const totals = (x: Model) => evaluateModel(x, { conventions: ['exact', 'onnx-tool'] }).totals.counts;
    expect(totals(r.model)).toEqual(totals(m));
    expect(totals(m)).toEqual([576n, 8064n]);
  });

  it('reads what torch.onnx writes: Pow by a Constant, rsqrt as Div(1, Sqrt(x)), Reciprocal, Softplus, a lone Erf', () => {
    const r = imp(
      onnx({
        input: [1, 4, 6, 6],
        nodes: [
          { op: 'Constant', in: [], out: ['two'], attrs: { value: { t: { dims: [], floats: [2] } } } },
          { op: 'Pow', in: ['x', 'two'], out: ['p'] },
          { op: 'Sqrt', in: ['p'], out: ['s'] },
          { op: 'Div', in: ['one', 's'], out: ['d'] },
          { op: 'Reciprocal', in: ['d'], out: ['q'] },
          { op: 'Softplus', in: ['q'], out: ['sp'] },
          { op: 'Erf', in: ['sp'], out: ['e'] },
          { op: 'Atan', in: ['e'], out: ['y'] },
        ],
        floats: { one: [1] },
      }),
    );
    expect(r.model.layers).toEqual([
      { type: 'unary', op: 'pow', exponent: 2 },
      { type: 'unary', op: 'sqrt' },
      { type: 'div', scalar: 1 },
      { type: 'unary', op: 'reciprocal' },
      { type: 'unary', op: 'softplus' },
      { type: 'unary', op: 'erf' },
      { type: 'unary', op: 'atan' },
    ]);
    expect(r.warnings).toEqual([]);
  });

  it('Pow by several values is not counted, with the reason; a constant base is the pow kind', () => {
    const r = imp(
      onnx({
        input: [1, 4],
        nodes: [
          { op: 'Pow', in: ['x', 'e4'], out: ['a'] },
          { op: 'Pow', in: ['two', 'a'], out: ['y'] },
        ],
        floats: { e4: [1, 2, 3, 4], two: [2] },
      }),
    );
    expect(r.model.layers.map((l) => l.type)).toEqual(['opaque', 'pow']);
    expect(r.model.layers[1]).toMatchObject({ type: 'pow', base: 2 });
    expect(r.warnings.filter((w) => w.startsWith('not counted'))).toEqual([
      'not counted (no formula for it; shape and weights kept): Pow (Pow by a constant of 4 values (only one exponent)) × 1 (a)',
    ]);
  });
});

describe('unary through the PyTorch and prototxt writers', () => {
  const m = model([
    { type: 'unary', op: 'exp' },
    { type: 'unary', op: 'pow', exponent: 0.5 },
    { type: 'unary', op: 'softplus' },
    { type: 'unary', op: 'neg' },
    { type: 'unary', op: 'sqrt' },
  ]);

  it('PyTorch: torch.<op>(x) in a Unary helper, torch.pow with the exponent, nn.Softplus', () => {
    const r = modelToPytorch(m);
    if (!r.ok) throw new Error(r.error);
    expect(r.code).toContain('class Unary(nn.Module):');
    expect(r.code).toContain('return torch.pow(x, self.exponent)');
    expect(r.code).toContain('return getattr(torch, self.op)(x)');
    for (const line of ['Unary("exp"),', 'Unary("pow", 0.5),', 'nn.Softplus(),', 'Unary("neg"),', 'Unary("sqrt"),'])
      expect(r.code).toContain(line);
  });

  it('prototxt: Power layers for pow, sqrt and neg (scale −1), Exp / Log / AbsVal / BNLL, and no layer for erf', () => {
    const r = modelToPrototxt(m);
    if (!r.ok) throw new Error(r.error);
    expect(r.text).toContain('type: "Exp"');
    expect(r.text).toContain('type: "Power" bottom: "layers[0]" top: "layers[1]" power_param { power: 0.5 }');
    expect(r.text).toContain('type: "BNLL"');
    expect(r.text).toContain('power_param { power: 1 scale: -1 }');
    expect(r.text).toContain('type: "Power" bottom: "layers[3]" top: "layers[4]" power_param { power: 0.5 }');
    expect(r.unknown).toEqual(['layers[0]', 'layers[2]']);
    const erf = modelToPrototxt(model([{ type: 'unary', op: 'erf' }]));
    expect(erf).toEqual({ ok: false, error: 'layers[0]: Caffe has no layer for erf' });
  });
});
