/**
 * Keras files that are damaged, incomplete or hold what no kind computes: a clear message or a
 * "not counted" row, never an exception and never a silent number.
 */
import { unzipSync, zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../../src/engine/evaluate';
import { importFileAsync, isKerasFile } from '../../../src/engine/import';
import { readFixture } from './helpers';
import { input, keras3, layer, tensor, zip } from './keras-config';

describe('damaged Keras files give a message, never an exception', () => {
  const files = ['two_io.keras', 'two_io.h5', 'nested.h5'];
  it.each(files)('%s cut at a tenth, at half and 1 byte short', async (name) => {
    const bytes = readFixture(`keras/${name}`);
    for (const n of [Math.floor(bytes.length / 10), Math.floor(bytes.length / 2), bytes.length - 1]) {
      const r = await importFileAsync(name, bytes.slice(0, n));
      expect(r.ok, `${name} cut at ${n}`).toBe(false);
      if (!r.ok) expect(r.error).toMatch(new RegExp(`^${name.replace('.', '\\.')}`));
    }
  });

  it.each(files)('%s with bytes overwritten answers (a model or a message) without throwing', async (name) => {
    const bytes = readFixture(`keras/${name}`);
    let seed = 7;
    for (let t = 0; t < 12; t++) {
      const b = bytes.slice();
      for (let i = 0; i < 40; i++) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        b[seed % b.length] = seed & 0xff;
      }
      const r = await importFileAsync(name, b);
      expect(typeof r.ok).toBe('boolean');
      if (r.ok) expect(() => evaluateModel(r.model)).not.toThrow();
    }
  });

  it('says what is missing: no config.json, bad JSON, not a model, a weights-only .h5, unknown input sizes', async () => {
    const cases: [string, Uint8Array, RegExp][] = [
      ['empty.keras', new Uint8Array(0), /is empty/],
      ['a.keras', zipSync({ 'other.txt': strToU8('x') }), /no config\.json/],
      ['b.keras', zipSync({ 'config.json': strToU8('{"class_name": ') }), /config\.json is not valid JSON/],
      ['c.keras', zip({ class_name: 'Dense', config: { units: 3 } }), /a Dense, not a Functional or Sequential/],
      ['d.keras', zip(keras3([input('x', [null, 3])], ['x', 0, 0], ['x', 0, 0])), /unknown sizes \[None, 3\]/],
      ['e.h5', new Uint8Array([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]), /not a readable HDF5/],
      ['f.keras', new TextEncoder().encode('hello'), /neither a \.keras zip nor an HDF5 file/],
    ];
    // The weights file inside a .keras is HDF5 without a model config (what save_weights writes).
    const weights = unzipSync(readFixture('keras/two_io.keras'))['model.weights.h5'];
    cases.push(['w.h5', weights, /no model_config attribute: it holds weights only/]);
    for (const [name, bytes, message] of cases) {
      const r = await importFileAsync(name, bytes);
      expect(r.ok, name).toBe(false);
      if (!r.ok) expect(r.error, name).toMatch(message);
    }
  });

  it('sniffs Keras files by content when the name says nothing', async () => {
    const bytes = readFixture('keras/nested.h5');
    expect(isKerasFile('download', bytes)).toBe(true);
    expect(isKerasFile('download', readFixture('keras/nested.keras'))).toBe(true);
    expect(isKerasFile('model.onnx', readFixture('tiny-cnn.onnx'))).toBe(false);
    const r = await importFileAsync('download', bytes);
    expect(r.ok).toBe(true);
  });
});

describe('layers no kind computes are not-counted rows, and say so', () => {
  // A config Keras 3 would write for Input → FancyLayer (custom) → Dense, without weights.
  const config = keras3(
    [
      input('x', [8, 8, 4]),
      layer('FancyLayer', 'fancy', {}, [tensor('x', [8, 8, 4])], null),
      layer('Flatten', 'flat', {}, [tensor('fancy', [4, 4, 6])]),
      layer('Dense', 'out', { units: 2, activation: 'softplus' }, [tensor('flat', [96])]),
    ],
    [['x', 0, 0]],
    [['out', 0, 0]],
  );

  it('keeps the recorded output shape and marks the row, the totals partial', async () => {
    const r = await importFileAsync('fancy.keras', zip(config));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const e = evaluateModel(r.model);
    expect(e.errors).toBe(0);
    const fancy = e.rows.find((row) => row.name === 'fancy');
    expect(fancy?.type).toBe('opaque');
    // Keras's [4, 4, 6] held channels-first; the Flatten after it sees 96 features.
    expect(fancy?.output).toEqual([6, 4, 4]);
    expect(e.rows.find((row) => row.name === 'out')?.params).toBe(96n * 2n + 2n);
    // softplus has no kind: its own not-counted row after the Dense, the Dense itself counted.
    expect(e.rows.find((row) => row.name === 'out/act')?.type).toBe('opaque');
    expect(e.notCounted).toHaveLength(2);
    const w = r.warnings.join('\n');
    expect(w).toMatch(/not counted .*FancyLayer \(no layer kind for this class\) × 1 — fancy/);
    expect(w).toMatch(/the zip has no model\.weights\.h5/);
    expect(w).toMatch(/fancy: its weights are not in the file/);
  });

  it('an unknown shape is said, not guessed silently', async () => {
    const legacy = {
      class_name: 'Functional',
      config: {
        name: 'k2',
        layers: [
          {
            class_name: 'InputLayer',
            config: { batch_input_shape: [null, 10], name: 'x' },
            name: 'x',
            inbound_nodes: [],
          },
          { class_name: 'Mystery', config: { name: 'm' }, name: 'm', inbound_nodes: [[['x', 0, 0, {}]]] },
          { class_name: 'Dense', config: { name: 'd', units: 3 }, name: 'd', inbound_nodes: [[['m', 0, 0, {}]]] },
        ],
        input_layers: [['x', 0, 0]],
        output_layers: [['d', 0, 0]],
      },
    };
    const r = await importFileAsync('k2.keras', zip(legacy));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings.join('\n')).toMatch(/m: the file does not state its output shape; its input's is used/);
    const e = evaluateModel(r.model);
    expect(e.rows.map((row) => [row.name, row.type])).toEqual([
      ['m', 'opaque'],
      ['d', 'linear'],
    ]);
    expect(e.notCounted).toEqual([0]);
  });
});
