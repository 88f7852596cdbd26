/**
 * Single Keras layers and call patterns in configs written as Keras 3 writes them: several outputs
 * of one call, a nested model called twice, and the layers keras.applications defines for itself.
 */
import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../../src/engine/evaluate';
import { importFileAsync } from '../../../src/engine/import';
import { input, keras3, layer, tensor, zip } from './keras-config';

describe('a layer with several outputs (LSTM with return_state)', () => {
  it('its first output is the layer; another output read later is a not-counted row of the recorded shape', async () => {
    const state = { class_name: '__keras_tensor__', config: { shape: [null, 6], keras_history: ['lstm', 0, 1] } };
    const config = keras3(
      [
        input('seq', [5, 4]),
        layer('LSTM', 'lstm', { units: 6, return_sequences: true, return_state: true }, [tensor('seq', [5, 4])]),
        layer('Dense', 'from_state', { units: 2 }, [state]),
      ],
      [['seq', 0, 0]],
      [
        ['lstm', 0, 0],
        ['from_state', 0, 0],
      ],
    );
    const r = await importFileAsync('state.keras', zip(config));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const e = evaluateModel(r.model);
    expect(e.errors).toBe(0);
    const byName = new Map(e.rows.map((row) => [row.name, row]));
    expect(byName.get('lstm')?.type).toBe('lstm');
    // Keras's LSTM holds one bias per gate: 4·(4·6 + 6·6 + 6).
    expect(byName.get('lstm')?.params).toBe(264n);
    expect(byName.get('lstm #1')?.type).toBe('opaque');
    expect(byName.get('lstm #1')?.output).toEqual([6]);
    expect(byName.get('lstm #1')?.params).toBe(0n);
    expect(byName.get('from_state')?.params).toBe(14n);
    expect(e.outputs.map((o) => o.shape)).toEqual([[5, 6], [2]]);
  });
});

describe('a nested model called twice', () => {
  it('its layers count their weights at the first call; the second call names them in shares', async () => {
    const enc = {
      module: 'keras',
      class_name: 'Sequential',
      config: {
        name: 'enc',
        layers: [
          { module: 'keras.layers', class_name: 'InputLayer', config: { batch_shape: [null, 4], name: 'enc_in' } },
          { module: 'keras.layers', class_name: 'Dense', config: { name: 'd', units: 3, activation: 'relu' } },
        ],
      },
      name: 'enc',
      inbound_nodes: [
        { args: [tensor('a', [4])], kwargs: {} },
        { args: [tensor('b', [4])], kwargs: {} },
      ],
    };
    const both = {
      class_name: '__keras_tensor__',
      config: { shape: [null, 3], keras_history: ['enc', 1, 0] },
    };
    const config = keras3(
      [input('a', [4]), input('b', [4]), enc, layer('Add', 'sum', {}, [[tensor('enc', [3]), both]])],
      [
        ['a', 0, 0],
        ['b', 0, 0],
      ],
      [['sum', 0, 0]],
    );
    const r = await importFileAsync('siamese.keras', zip(config));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const e = evaluateModel(r.model);
    expect(e.errors).toBe(0);
    const byName = new Map(e.rows.map((row) => [row.name, row]));
    expect(byName.get('enc/d')?.params).toBe(15n);
    expect(byName.get('enc@1/d')?.params).toBe(0n);
    expect(byName.get('enc@1/d')?.params_?.shares).toBe('enc/d');
    expect(byName.get('enc@1/d')?.macs).toBe(byName.get('enc/d')?.macs);
    expect(e.totals.params).toBe(15n);
    expect(r.warnings.join('\n')).toMatch(/1 later call\(s\) of shared layers/);
  });
});

describe('layers keras.applications defines for its own models', () => {
  const app = (cls: string, name: string, config: object, args: unknown[], model: string) => ({
    ...layer(cls, name, config, args, `keras.src.applications.${model}`),
    registered_name: cls,
  });

  it("ConvNeXt's LayerScale (x · γ per channel) is a layerscale of C weights", async () => {
    const config = keras3(
      [
        input('x', [6, 6, 8]),
        app('LayerScale', 'ls', { init_values: 1e-6, projection_dim: 8 }, [tensor('x', [6, 6, 8])], 'convnext'),
      ],
      [['x', 0, 0]],
      [['ls', 0, 0]],
    );
    const r = await importFileAsync('ls.keras', zip(config));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const e = evaluateModel(r.model);
    expect(e.rows.map((row) => [row.name, row.type, row.params, row.output])).toEqual([
      ['ls', 'layerscale', 8n, [8, 6, 6]],
    ]);
    expect(e.notCounted).toEqual([]);
  });

  it("InceptionResNetV2's CustomScaleLayer (x + r · scale) is a multiply by the scale on r, then an add", async () => {
    const config = keras3(
      [
        input('x', [5, 5, 4]),
        layer('Conv2D', 'r', { filters: 4, kernel_size: 1 }, [tensor('x', [5, 5, 4])]),
        app(
          'CustomScaleLayer',
          'block',
          { scale: 0.17 },
          [[tensor('x', [5, 5, 4]), tensor('r', [5, 5, 4])]],
          'inception_resnet_v2',
        ),
      ],
      [['x', 0, 0]],
      [['block', 0, 0]],
    );
    const r = await importFileAsync('irv2.keras', zip(config));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const e = evaluateModel(r.model);
    expect(e.errors).toBe(0);
    const scale = e.rows.find((row) => row.name === 'block/scale');
    expect(scale?.type).toBe('mul');
    expect(scale?.params_?.scalar).toBe(0.17);
    // One multiply and one add per element of the [4, 5, 5] map.
    expect(scale?.flops).toBe(100n);
    expect(e.rows.find((row) => row.name === 'block')?.output).toEqual([4, 5, 5]);
    expect(e.notCounted).toEqual([]);
  });

  it('a custom class of the same name from another package stays not counted', async () => {
    const custom = {
      ...layer('LayerScale', 'ls', {}, [tensor('x', [3, 3, 2])], null),
      registered_name: 'mine>LayerScale',
    };
    const r = await importFileAsync(
      'mine.keras',
      zip(keras3([input('x', [3, 3, 2]), custom], [['x', 0, 0]], [['ls', 0, 0]])),
    );
    expect(r.ok).toBe(true);
    if (r.ok) expect(evaluateModel(r.model).rows[0].type).toBe('opaque');
  });
});

describe('options no kind computes are not counted, never dropped', () => {
  it('Softmax over the channels of an image is dim 1; over two axes it is a not-counted row', async () => {
    const config = keras3(
      [
        input('x', [4, 4, 3]),
        layer('Softmax', 'channels', { axis: -1 }, [tensor('x', [4, 4, 3])]),
        layer('Softmax', 'spatial', { axis: [1, 2] }, [tensor('channels', [4, 4, 3])]),
      ],
      [['x', 0, 0]],
      [['spatial', 0, 0]],
    );
    const r = await importFileAsync('softmax.keras', zip(config));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const e = evaluateModel(r.model);
    expect(e.rows.map((row) => [row.name, row.type, row.params_?.dim, row.output])).toEqual([
      ['channels', 'softmax', 1, [3, 4, 4]],
      ['spatial', 'opaque', undefined, [3, 4, 4]],
    ]);
    expect(r.warnings.join('\n')).toMatch(/Softmax \(axis \[1,2\] \(only one axis\)\) × 1 — spatial/);
  });
});
