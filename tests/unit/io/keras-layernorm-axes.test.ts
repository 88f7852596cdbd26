/**
 * Keras LayerNormalization over a list of trailing axes, read as the layernorm kind with `dims` k
 * (the last k dims normalised together): tests/fixtures/keras/layernorm_axes.{keras,h5}, made by
 * scripts/fixtures/keras_fixtures.py, against what Keras reported on it (expected.json). The model:
 * Conv2D(8) on a 16×16×3 image → LayerNormalization(axis=[1, 2, 3]) (γ, β over 16·16·8) → Reshape
 * to (256, 8) → LayerNormalization(axis=[-2, -1], center=False, scale=False) → GlobalAveragePooling1D
 * → Dense(4). The generic checks in keras-import.test.ts pass on not-counted rows too (they keep
 * Keras's shape and weights), so this file holds the two norms to being counted.
 */
import { describe, expect, it } from 'vitest';
import { EXPECTED, evaluate, held, importFixture, moved } from './keras-fixtures';

const m = EXPECTED.models.layernorm_axes;
const layer = (name: string) => m.layers.find((l) => l.name === name);

describe.each(['layernorm_axes.keras', 'layernorm_axes.h5'])('%s', (file) => {
  it('is counted whole: no not-counted rows, no errors, parameters + buffers equal count_params()', async () => {
    const r = await importFixture(file);
    const e = evaluate(r);
    expect(e.errors).toBe(0);
    expect(e.notCounted).toEqual([]);
    expect(r.warnings.filter((w) => /not counted/.test(w))).toEqual([]);
    expect(e.totals.params + e.totals.buffers).toBe(BigInt(m.count_params));
    expect(e.totals.params).toBe(BigInt(m.trainable));
  });

  it('the two LayerNormalizations are layernorm rows with dims 3 (affine) and 2 (no γ, β)', async () => {
    const e = evaluate(await importFixture(file));
    const norms = e.rows.filter((row) => row.type === 'layernorm');
    expect(norms.map((row) => row.name)).toEqual(['ln_image', 'ln_seq']);
    expect(norms.map((row) => row.params_?.dims)).toEqual([3, 2]);
    expect(norms.map((row) => row.params_?.affine)).toEqual([true, false]);
    // γ and β over all of [16, 16, 8]; none without scale and center.
    expect(norms.map((row) => row.params)).toEqual([
      BigInt(layer('ln_image')?.params ?? -1),
      BigInt(layer('ln_seq')?.params ?? -1),
    ]);
    expect(norms.map((row) => row.params)).toEqual([2n * 16n * 16n * 8n, 0n]);
    for (const row of norms) expect(row.flops, row.name).toBeGreaterThan(0n);
  });

  it("every layer's output shape is Keras's (images channels first), and so are the input and output", async () => {
    const e = evaluate(await importFixture(file));
    const byName = new Map(e.rows.map((row) => [row.name, row]));
    for (const l of m.layers) {
      if (l.class === 'InputLayer') continue;
      const keras = l.outputs?.[0][0] ?? [];
      expect(byName.get(l.name)?.output, l.name).toEqual(keras.length >= 3 ? moved(keras) : keras);
    }
    expect(e.inputs.map((i) => i.shape)).toEqual(m.inputs.map((i) => held(i.shape)));
    expect(e.outputs.map((o) => o.shape)).toEqual(m.outputs);
  });
});
