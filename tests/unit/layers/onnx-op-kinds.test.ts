/**
 * The kinds and fields issue 14's ONNX operators map onto: minimum (Min), clamp (Clip), logsoftmax
 * (LogSoftmax), the reduce kind's ONNX ops (ReduceProd, ReduceL1, ReduceL2, ReduceSumSquare,
 * ReduceLogSum, ReduceLogSumExp) and maxpool2d's dilation. Shapes as ONNX defines them (checked on
 * onnxruntime in tests/unit/io/onnx-more-ops.test.ts) and the exact count each kind's exactNote states,
 * worked out by hand here on [4, 6, 6] at batch 2 (288 elements).
 */
import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../../src/engine/evaluate';
import type { LayerSpec } from '../../../src/engine/format/model';

const N = 288;
const run = (layers: LayerSpec[], input = [4, 6, 6]) =>
  evaluateModel({ format: 'floplab.model/2', input, batch: 2, layers }, { conventions: ['exact'] });
const exact = (spec: LayerSpec, input = [4, 6, 6]) => {
  const r = run([spec], input);
  expect(r.errors).toBe(0);
  return Number(r.totals.counts[0]);
};

describe('minimum', () => {
  it('k − 1 comparisons per output element, broadcasting as torch.minimum', () => {
    const r = run([
      { type: 'identity', id: 'a' },
      { type: 'adaptiveavgpool2d', out: 1, id: 'p' },
      { type: 'minimum', from: ['a', 'p', 'a'] },
    ] as LayerSpec[]);
    expect(r.errors).toBe(0);
    expect(r.rows[2].output).toEqual([4, 6, 6]);
    // Two compares per element for three inputs: 2·288.
    expect(Number(r.rows[2].counts[0])).toBe(2 * N);
  });
  it('needs two inputs', () => {
    expect(run([{ type: 'minimum' } as LayerSpec]).errors).toBe(1);
  });
});

describe('clamp', () => {
  it.each([
    [{ min: -1, max: 1 }, 2],
    [{ min: 0.5 }, 1],
    [{ max: 2 }, 1],
  ])('%j: one comparison per bound and element', (bounds, per) => {
    expect(exact({ type: 'clamp', ...bounds } as LayerSpec)).toBe(per * N);
  });
  it('refuses no bound, or min above max', () => {
    expect(run([{ type: 'clamp' } as LayerSpec]).errors).toBe(1);
    expect(run([{ type: 'clamp', min: 2, max: 1 } as LayerSpec]).errors).toBe(1);
  });
});

describe('logsoftmax', () => {
  it.each([1, 2, -1])('dim %d: F exps, F − 1 adds, one log, F subtracts per vector = 3 per element', (dim) => {
    expect(exact({ type: 'logsoftmax', dim } as LayerSpec)).toBe(3 * N);
  });
  it('refuses a dim the input does not have', () => {
    expect(run([{ type: 'logsoftmax', dim: 4 } as LayerSpec]).errors).toBe(1);
  });
});

describe('cumsum', () => {
  it.each([
    [{ dim: 1 }, 3 * 72], // L = 4: 3 adds per line, 72 lines
    [{ dim: -1 }, 5 * 48], // L = 6: 5 adds per line, 48 lines
    [{ dim: -1, exclusive: true, reverse: true }, 4 * 48], // exclusive: L − 2 adds per line
  ])('%j: L − 1 adds per line (L − 2 exclusive)', (fields, want) => {
    const r = run([{ type: 'cumsum', ...fields } as LayerSpec]);
    expect(r.rows[0].output).toEqual([4, 6, 6]);
    expect(Number(r.totals.counts[0])).toBe(want);
  });
});

describe('pow', () => {
  it('x ** y of two tensors or base ** x: one pow per output element', () => {
    expect(exact({ type: 'pow', base: 2 } as LayerSpec)).toBe(N);
    const r = run([
      { type: 'identity', id: 'a' },
      { type: 'pow', from: ['a', 'a'] },
    ] as LayerSpec[]);
    expect(Number(r.rows[1].counts[0])).toBe(N);
  });
  // x ** y with y fed at run time (fed_exponent): one input, x's shape, one pow per element; onnx-tool
  // PowNode's volume(Y) · POW_MACS, POW_MACS = EXP_MACS = 32 (onnx_tool/node.py 25 and 476-494, @00f5f0a).
  it.each([
    [[4, 6, 6], N],
    [[7], 14],
    [[3, 5], 30],
  ])('fed_exponent on %j: x’s shape, %i pow evaluations (exact), 32 each (onnx-tool)', (input, numel) => {
    const r = evaluateModel(
      { format: 'floplab.model/2', input, batch: 2, layers: [{ type: 'pow', fed_exponent: true } as LayerSpec] },
      { conventions: ['exact', 'onnx-tool'] },
    );
    expect(r.errors).toBe(0);
    expect(r.rows[0].output).toEqual(input);
    expect(r.totals.counts).toEqual([BigInt(numel), BigInt(32 * numel)]);
  });
  it('fed_exponent takes x only, and no base', () => {
    const fed = { type: 'pow', fed_exponent: true };
    const two = run([
      { type: 'identity', id: 'a' },
      { ...fed, from: ['a', 'a'] },
    ] as LayerSpec[]);
    expect(two.rows[1].error).toBe('pow: with fed_exponent, give x only and no base (the exponent is fed at run time)');
    expect(run([{ ...fed, base: 2 } as LayerSpec]).errors).toBe(1);
  });
  it('needs a second input or a base, not both', () => {
    expect(run([{ type: 'pow' } as LayerSpec]).errors).toBe(1);
    expect(
      run([
        { type: 'identity', id: 'a' },
        { type: 'pow', base: 2, from: ['a', 'a'] },
      ] as LayerSpec[]).errors,
    ).toBe(1);
  });
});

describe('reduce: the ONNX Reduce* ops over dim 1 (R = 4 values per output, 72 outputs)', () => {
  // numel_in 288, numel_out 72.
  it.each([
    ['sum', 288 - 72], // R − 1 adds per output
    ['prod', 288 - 72], // R − 1 multiplies per output
    ['l1', 288 + (288 - 72)], // |x| per value, R − 1 adds
    ['sumsquare', 288 + (288 - 72)], // x² per value, R − 1 adds
    ['l2', 288 + (288 - 72) + 72], // x², adds, a square root per output
    ['logsum', 288 - 72 + 72], // adds, a log per output
    ['logsumexp', 288 + (288 - 72) + 72], // exp per value, adds, a log per output
  ])('%s', (op, want) => {
    const r = run([{ type: 'reduce', op, dims: [1] } as LayerSpec]);
    expect(r.rows[0].output).toEqual([6, 6]);
    expect(Number(r.totals.counts[0])).toBe(want);
  });
});

describe('maxpool2d dilation', () => {
  it.each([
    // out = floor((in + 2·pad − d·(k − 1) − 1) / s) + 1 (PyTorch's MaxPool2d, ONNX MaxPool).
    [{ kernel: 3, stride: 1, dilation: 2 }, [4, 2, 2]],
    [{ kernel: 3, dilation: 2 }, [4, 1, 1]], // the stride defaults to the kernel, as in PyTorch
    [{ kernel: 3, stride: 2, padding: 2, dilation: 2 }, [4, 3, 3]],
  ])('%j gives %j, Kh·Kw − 1 compares per output', (fields, out) => {
    const r = run([{ type: 'maxpool2d', ...fields } as LayerSpec]);
    expect(r.errors).toBe(0);
    expect(r.rows[0].output).toEqual(out);
    expect(Number(r.totals.counts[0])).toBe(2 * out.reduce((a, b) => a * b, 1) * 8);
  });
  it('padding may reach half the dilated kernel, not more', () => {
    expect(run([{ type: 'maxpool2d', kernel: 3, dilation: 2, padding: 3 } as LayerSpec]).errors).toBe(1);
    expect(run([{ type: 'maxpool2d', kernel: 3, padding: 2 } as LayerSpec]).errors).toBe(1);
  });
});

describe('maxpool1d dilation', () => {
  it('out = floor((L + 2·pad − d·(k − 1) − 1) / s) + 1, k − 1 compares per output', () => {
    const r = run([{ type: 'maxpool1d', kernel: 3, stride: 2, padding: 2, dilation: 2 } as LayerSpec], [4, 10]);
    expect(r.errors).toBe(0);
    // (10 + 4 − 4 − 1) / 2 + 1 = 5 outputs per channel.
    expect(r.rows[0].output).toEqual([4, 5]);
    expect(Number(r.totals.counts[0])).toBe(2 * 4 * 5 * 2);
  });
});

describe('where, expand, tile: shapes as ONNX Where / Expand / Tile, no arithmetic', () => {
  it('where broadcasts condition, x and y; a number stands for x or y', () => {
    const r = run([
      { type: 'adaptiveavgpool2d', out: 1, id: 'p' },
      { type: 'where', x: 1, from: ['input', 'p'] },
    ] as LayerSpec[]);
    expect(r.errors).toBe(0);
    expect(r.rows[1].output).toEqual([4, 6, 6]);
    expect(Number(r.rows[1].counts[0])).toBe(0);
    expect(run([{ type: 'where' } as LayerSpec]).errors).toBe(1);
  });
  it('expand: size-1 dims take the size given, aligned at the last dim', () => {
    const r = run([{ type: 'expand', shape: [6, 6] } as LayerSpec], [4, 1, 1]);
    expect(r.rows[0].output).toEqual([4, 6, 6]);
    expect(Number(r.totals.counts[0])).toBe(0);
    expect(run([{ type: 'expand', shape: [5, 6] } as LayerSpec], [4, 2, 6]).errors).toBe(1);
    expect(run([{ type: 'expand', shape: [2, 4, 6, 6] } as LayerSpec], [4, 6, 6]).errors).toBe(1);
  });
  it('tile: each dim times its repeat', () => {
    const r = run([{ type: 'tile', repeats: [2, 1, 3] } as LayerSpec]);
    expect(r.rows[0].output).toEqual([8, 6, 18]);
    expect(Number(r.totals.counts[0])).toBe(0);
    expect(run([{ type: 'tile', repeats: [2, 1] } as LayerSpec]).errors).toBe(1);
  });
});

describe('indexselect', () => {
  it('the dim takes the number of indices, repeats allowed; no arithmetic', () => {
    const r = run([{ type: 'indexselect', dim: -1, index: [5, 0, 0] } as LayerSpec]);
    expect(r.rows[0].output).toEqual([4, 6, 3]);
    expect(Number(r.totals.counts[0])).toBe(0);
    expect(run([{ type: 'indexselect', dim: 1, index: [4] } as LayerSpec]).errors).toBe(1);
  });
});

describe('parameter as a buffer', () => {
  it('a stored constant counts as buffers, not parameters', () => {
    const r = run([{ type: 'parameter', shape: [1, 6, 6], buffer: true } as LayerSpec]);
    expect([r.totals.params, r.totals.buffers]).toEqual([0n, 36n]);
    const learned = run([{ type: 'parameter', shape: [1, 6, 6] } as LayerSpec]);
    expect([learned.totals.params, learned.totals.buffers]).toEqual([36n, 0n]);
  });
});

describe('topk', () => {
  it('the dim takes k; exact: k passes of a max over the values left', () => {
    // run's counts[0] is exact: last dim of 6, k 2: 5 + 4 = 9 compares per line, 2·4·6 lines.
    const r = run([{ type: 'topk', dim: -1, k: 2 } as LayerSpec]);
    expect(r.rows[0].output).toEqual([4, 6, 2]);
    expect(Number(r.totals.counts[0])).toBe(9 * 2 * 4 * 6);
    // k = L sorts the line: L(L − 1)/2 compares.
    expect(Number(run([{ type: 'topk', dim: 1, k: 4 } as LayerSpec]).totals.counts[0])).toBe(6 * 2 * 36);
    expect(run([{ type: 'topk', dim: 1, k: 5 } as LayerSpec]).errors).toBe(1);
    expect(run([{ type: 'topk', dim: 0, k: 1 } as LayerSpec]).errors).toBe(1);
  });
});

describe('take', () => {
  it('the dim is replaced by the index shape (none: dropped); no arithmetic', () => {
    const r = run([{ type: 'take', dim: 2, indexShape: [2, 3] } as LayerSpec]);
    expect(r.rows[0].output).toEqual([4, 2, 3, 6]);
    expect(Number(r.totals.counts[0])).toBe(0);
    expect(run([{ type: 'take', dim: -1 } as LayerSpec]).rows[0].output).toEqual([4, 6]);
    expect(run([{ type: 'take', dim: 0, indexShape: [2] } as LayerSpec]).errors).toBe(1);
  });
});

describe('compare: ONNX Greater, Less, Equal, And, Not…, one operation per output element', () => {
  // A parameter of [1, 6, 1] as the second operand (as the importer makes a constant tensor one).
  const withParam = (shape: number[], spec: Record<string, unknown>) =>
    run(
      [
        { type: 'parameter', shape, id: 'p' },
        { type: 'compare', from: ['input', 'p'], ...spec },
      ] as LayerSpec[],
      [4, 1, 6],
    );
  it('two tensors broadcast as numpy: [4, 1, 6] and [1, 6, 1] give [4, 6, 6], one per output element', () => {
    const r = withParam([1, 6, 1], { op: 'ge' });
    expect(r.errors).toBe(0);
    expect(r.rows[1].output).toEqual([4, 6, 6]);
    expect(Number(r.rows[1].counts[0])).toBe(2 * 4 * 6 * 6);
    expect(withParam([5, 1, 1], { op: 'lt' }).errors).toBe(1);
    expect(withParam([6, 1], { op: 'lt' }).errors).toBe(1); // same rank, as the binary kinds
  });
  it.each(['gt', 'lt', 'ge', 'le', 'eq', 'and', 'or', 'xor'])('%s with a number keeps the shape: numel', (op) => {
    expect(exact({ type: 'compare', op, scalar: 0 } as LayerSpec)).toBe(N);
  });
  it('not takes one input and no number', () => {
    expect(exact({ type: 'compare', op: 'not' } as LayerSpec)).toBe(N);
    expect(run([{ type: 'compare', op: 'not', scalar: 1 } as LayerSpec]).errors).toBe(1);
    expect(run([{ type: 'compare', op: 'not', from: ['input', 'input'] } as LayerSpec]).errors).toBe(1);
  });
  it('two operands exactly: one input without a number, or two inputs and a number, is an error', () => {
    expect(run([{ type: 'compare', op: 'gt' } as LayerSpec]).errors).toBe(1);
    expect(run([{ type: 'compare', op: 'gt', scalar: 1, from: ['input', 'input'] } as LayerSpec]).errors).toBe(1);
  });
});

describe('shapeops: the folded shape arithmetic of an imported ONNX file, counted by onnx-tool only', () => {
  it('passes its input through; exact 0, onnx-tool its macs field whatever the input', () => {
    const r = evaluateModel(
      {
        format: 'floplab.model/2',
        input: [4, 6, 6],
        batch: 2,
        layers: [{ type: 'shapeops', macs: 7, ops: 'Add ×1, Div ×1, Mul ×2' }] as LayerSpec[],
      },
      { conventions: ['exact', 'onnx-tool', 'fvcore'] },
    );
    expect(r.errors).toBe(0);
    expect(r.rows[0].output).toEqual([4, 6, 6]);
    expect(r.rows[0].counts.map(Number)).toEqual([0, 7, 0]);
    expect(r.rows[0].params).toBe(0n);
  });
  it('macs is an integer ≥ 0 and ops a short text', () => {
    expect(run([{ type: 'shapeops', macs: -1, ops: 'Add ×1' } as LayerSpec]).errors).toBe(1);
    expect(run([{ type: 'shapeops', macs: 1.5, ops: 'Add ×1' } as LayerSpec]).errors).toBe(1);
    expect(run([{ type: 'shapeops', macs: 1, ops: 'a\nb' } as LayerSpec]).errors).toBe(1);
  });
});
