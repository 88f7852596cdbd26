/**
 * The seed article's own numbers (shared/seed/000_3df1a665ae2e01c7.txt, summarised in
 * shared/reference/conventions.md "The seed article") and its formulas under `seed`.
 */
import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../../src/engine/evaluate';
import type { LayerSpec } from '../../../src/engine/format/model';

const run = (input: number[], layers: LayerSpec[], batch = 1) =>
  evaluateModel({ format: 'floplab.model/2', input, batch, layers }, { conventions: ['seed'] });

describe('seed article: parameters', () => {
  it('VGG-16 FC: 7·7·512 → 4096 has 102,760,448 weights (+4,096 biases)', () => {
    expect(run([512, 7, 7], [{ type: 'flatten' }, { type: 'linear', out: 4096, bias: false }]).totals.params).toBe(
      102_760_448n,
    );
    expect(run([512, 7, 7], [{ type: 'flatten' }, { type: 'linear', out: 4096 }]).totals.params).toBe(
      102_760_448n + 4096n,
    );
  });

  it('conv parameters (Kh·Kw·Cin)·Cout + Cout', () =>
    expect(run([3, 32, 32], [{ type: 'conv2d', out: 64, kernel: 7 }]).totals.params).toBe(BigInt(7 * 7 * 3 * 64 + 64)));

  it.each([2, 4, 8, 32])('a group conv with g = %i has 1/g of the parameters', (g) => {
    const conv = (groups: number) =>
      run([64, 14, 14], [{ type: 'conv2d', out: 128, kernel: 3, groups, bias: false }]).totals.params;
    expect(conv(1)).toBe(conv(g) * BigInt(g));
  });

  it.each([
    [3, 512],
    [3, 64],
    [5, 128],
  ])('depthwise-separable / standard = 1/Cout + 1/(K·K) without bias (K = %i, Cout = %i)', (k, cout) => {
    const cin = 256;
    const std = run([cin, 14, 14], [{ type: 'conv2d', out: cout, kernel: k, padding: 1, bias: false }]).totals.params;
    const sep = run(
      [cin, 14, 14],
      [
        { type: 'conv2d', out: cin, kernel: k, padding: 1, groups: cin, bias: false },
        { type: 'conv2d', out: cout, kernel: 1, bias: false },
      ],
    ).totals.params;
    // sep / std = 1/Cout + 1/K²  ⇔  sep·Cout·K² = std·(K² + Cout), in exact integers.
    expect(sep * BigInt(cout * k * k)).toBe(std * BigInt(k * k + cout));
  });

  it.each(['maxpool2d', 'avgpool2d'])('%s has no parameters', (type) =>
    expect(run([64, 56, 56], [{ type, kernel: 3, stride: 2 }]).totals.params).toBe(0n),
  );
  it.each(['adaptiveavgpool2d', 'adaptivemaxpool2d'])('%s has no parameters', (type) =>
    expect(run([512, 7, 7], [{ type, out: 1 }]).totals.params).toBe(0n),
  );
});

describe('seed article: FLOPs formulas', () => {
  const H = 14;
  it('conv with bias: 2·Kh·Kw·Cin·Hout·Wout·Cout ("params × output H·W", ×2)', () =>
    expect(run([32, H, H], [{ type: 'conv2d', out: 64, kernel: 3, padding: 1 }]).totals.counts[0]).toBe(
      BigInt(2 * 3 * 3 * 32 * H * H * 64),
    ));
  it('conv without bias: [(Kh·Kw·Cin) + (Kh·Kw·Cin − 1)]·Hout·Wout·Cout', () =>
    expect(run([32, H, H], [{ type: 'conv2d', out: 64, kernel: 3, padding: 1, bias: false }]).totals.counts[0]).toBe(
      BigInt((9 * 32 + (9 * 32 - 1)) * H * H * 64),
    ));
  it('completion: a depthwise conv uses Cin/g (= 1 input channel per output)', () =>
    expect(run([32, H, H], [{ type: 'conv2d', out: 32, kernel: 3, padding: 1, groups: 32 }]).totals.counts[0]).toBe(
      BigInt(2 * 9 * 1 * H * H * 32),
    ));
  it('FC: (2I − 1)·O without bias, 2·I·O with bias', () => {
    expect(run([4096], [{ type: 'linear', out: 1000, bias: false }]).totals.counts[0]).toBe(
      BigInt((2 * 4096 - 1) * 1000),
    );
    expect(run([4096], [{ type: 'linear', out: 1000 }]).totals.counts[0]).toBe(BigInt(2 * 4096 * 1000));
  });
  it('ReLU: Hout·Wout·Cout; sigmoid: 4·Hout·Wout·Cout', () => {
    expect(run([8, 5, 5], [{ type: 'relu' }]).totals.counts[0]).toBe(200n);
    expect(run([8, 5, 5], [{ type: 'sigmoid' }]).totals.counts[0]).toBe(800n);
  });
  it('max pool: one operation per output (Hout·Wout), × C', () =>
    expect(run([8, 6, 6], [{ type: 'maxpool2d', kernel: 2 }]).totals.counts[0]).toBe(BigInt(3 * 3 * 8)));
  it('avg pool: (Sh·Sw − 1 + 1)·Hout·Wout, × C — the stride window as written', () =>
    expect(run([8, 6, 6], [{ type: 'avgpool2d', kernel: 3, stride: 2, padding: 1 }]).totals.counts[0]).toBe(
      BigInt(2 * 2 * 3 * 3 * 8),
    ));
  it('completion: the batch multiplies every count', () =>
    expect(run([8, 5, 5], [{ type: 'relu' }], 7).totals.counts[0]).toBe(1400n));
  it('"don’t forget the shortcut adds": one per output element', () => {
    const r = run([8, 5, 5], [{ type: 'residual', body: [{ type: 'identity' }] }]);
    expect(r.rows[0].counts[0]).toBe(200n);
  });
});
