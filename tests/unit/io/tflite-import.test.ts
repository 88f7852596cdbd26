/**
 * TFLite importer on hand-built files (tflite-build.ts) and damaged ones: unknown and custom
 * ops stay as "not counted" rows with the file's shape, a WHILE loop is not counted, shapes past
 * sane bounds are row errors, uneven SAME padding is exact, and a truncated or corrupt file is a
 * message, never an exception. Semantics from TensorFlow Lite's kernels (tensorflow/lite/kernels).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../../src/engine/evaluate';
import type { LayerSpec } from '../../../src/engine/format/model';
import { IMPORT_EXTENSIONS, importFile } from '../../../src/engine/import';
import { BuiltinOptions } from '../../../src/engine/import/tflite/generated/tflite/builtin-options';
import { CallOnceOptions } from '../../../src/engine/import/tflite/generated/tflite/call-once-options';
import { Conv2DOptions } from '../../../src/engine/import/tflite/generated/tflite/conv2doptions';
import { Model } from '../../../src/engine/import/tflite/generated/tflite/model';
import { Padding } from '../../../src/engine/import/tflite/generated/tflite/padding';
import { Pool2DOptions } from '../../../src/engine/import/tflite/generated/tflite/pool2doptions';
import { WhileOptions } from '../../../src/engine/import/tflite/generated/tflite/while-options';
import * as flatbuffers from 'flatbuffers';
import { fixture } from './helpers';
import { float32s, tflite, zeros, type OpDef, type TensorDef } from './tflite-build';

const ok = (bytes: Uint8Array, name = 't.tflite') => {
  const r = importFile(name, bytes);
  if (!r.ok) throw new Error(r.error);
  return { ...r, result: evaluateModel(r.model) };
};
const types = (layers: readonly LayerSpec[]) => layers.map((l) => l.type);

/** x [1, 8, 8, 3] → conv 3×3 (4 filters, VALID) → y [1, 6, 6, 4], then `tail` ops on y. */
function convThen(tail: OpDef[], extra: TensorDef[], outputs: number[]) {
  const conv: OpDef = {
    code: 'CONV_2D',
    inputs: [0, 1, 2],
    outputs: [3],
    options: [
      BuiltinOptions.Conv2DOptions,
      (b) => Conv2DOptions.createConv2DOptions(b, Padding.VALID, 1, 1, 0, 1, 1, 0),
    ],
  };
  const tensors: TensorDef[] = [
    { name: 'x', shape: [1, 8, 8, 3] },
    { name: 'w', shape: [4, 3, 3, 3], data: zeros(108) },
    { name: 'b', shape: [4], data: zeros(4) },
    { name: 'y', shape: [1, 6, 6, 4] },
    ...extra,
  ];
  return tflite({ tensors, ops: [conv, ...tail], inputs: [0], outputs });
}

/** … → y → [op] → z [1, 3, 3, 8] → conv 1×1 (2 filters) → out [1, 3, 3, 2]: the layers after z. */
function afterUnknown(op: Partial<OpDef>) {
  const extra: TensorDef[] = [
    { name: 'z', shape: [1, 3, 3, 8] },
    { name: 'w2', shape: [2, 1, 1, 8], data: zeros(16) },
    { name: 'k', shape: [5], data: float32s([1, 2, 3, 4, 5]) },
    { name: 'out', shape: [1, 3, 3, 2] },
  ];
  const tail: OpDef[] = [
    { code: 'CUSTOM', inputs: [3, 6], outputs: [4], ...op },
    {
      code: 'CONV_2D',
      inputs: [4, 5, -1],
      outputs: [7],
      options: [
        BuiltinOptions.Conv2DOptions,
        (b) => Conv2DOptions.createConv2DOptions(b, Padding.VALID, 1, 1, 0, 1, 1, 0),
      ],
    },
  ];
  return convThen(tail, extra, [7]);
}

describe('TFLite: ops FlopLab cannot count', () => {
  it('a custom op is a not-counted row with the file’s shape and its weights; the layers after it count', () => {
    const { model, warnings, result } = ok(afterUnknown({ custom: 'TFLite_Detection_PostProcess' }));
    expect(types(model.layers)).toEqual(['conv2d', 'opaque', 'conv2d']);
    expect(model.layers[1]).toMatchObject({ op: 'CUSTOM:TFLite_Detection_PostProcess', shape: [8, 3, 3], params: 5 });
    expect(result.errors).toBe(0);
    expect(result.notCounted).toEqual([1]);
    // conv 3·3·3·4 + 4, the custom op's 5 constant elements, conv 8·2 (no bias).
    expect(result.totals.params).toBe(BigInt(108 + 4 + 5 + 16));
    expect(result.rows[2].output).toEqual([2, 3, 3]);
    expect(result.rows[2].macs).toBe(BigInt(8 * 2 * 9));
    expect(warnings.join('\n')).toMatch(/not counted: CUSTOM:TFLite_Detection_PostProcess .* × 1 \(z\)/);
  });

  it('a custom op with several outputs: one not-counted row per output, its weights on the first', () => {
    const bytes = convThen(
      [{ code: 'CUSTOM', custom: 'TFLite_Detection_PostProcess', inputs: [3, 6], outputs: [4, 5] }],
      [
        { name: 'boxes', shape: [1, 10, 4] },
        { name: 'scores', shape: [1, 10] },
        { name: 'anchors', shape: [10, 4], data: zeros(40) },
      ],
      [4, 5],
    );
    const { model, result } = ok(bytes);
    expect(model.layers.slice(1)).toMatchObject([
      { type: 'opaque', op: 'CUSTOM:TFLite_Detection_PostProcess', shape: [10, 4], params: 40 },
      { type: 'opaque', op: 'CUSTOM:TFLite_Detection_PostProcess output 2', shape: [10] },
    ]);
    expect(result.notCounted).toHaveLength(2);
    expect(result.outputs.map((o) => o.shape)).toEqual([[10, 4], [10]]);
    expect(result.totals.params).toBe(BigInt(108 + 4 + 40));
  });

  it('an op code past the schema this reader knows is listed, not dropped', () => {
    const { model, result } = ok(afterUnknown({ code: 250 }));
    expect(model.layers[1]).toMatchObject({ type: 'opaque', op: 'BUILTIN_250', shape: [8, 3, 3] });
    expect(result.notCounted).toEqual([1]);
    expect(result.rows[2].macs).toBe(BigInt(8 * 2 * 9));
  });

  it('a WHILE loop names the subgraphs it runs and is not counted', () => {
    const body = { name: 'body', tensors: [{ name: 'i', shape: [1] }], ops: [], inputs: [0], outputs: [0] };
    const main = {
      tensors: [
        { name: 'x', shape: [1, 4] },
        { name: 'y', shape: [1, 4] },
      ],
      ops: [
        {
          code: 'WHILE' as const,
          inputs: [0],
          outputs: [1],
          options: [
            BuiltinOptions.WhileOptions,
            (b: flatbuffers.Builder) => WhileOptions.createWhileOptions(b, 1, 2),
          ] as const,
        },
      ],
      inputs: [0],
      outputs: [1],
    };
    const { model, warnings, result } = ok(tflite(main, { ...body, name: 'cond' }, body));
    expect(model.layers[0]).toMatchObject({ type: 'opaque', op: 'WHILE', shape: [4] });
    expect(result.notCounted).toEqual([0]);
    expect(warnings.join('\n')).toMatch(
      /WHILE \(calls subgraph 1 "cond", 0 ops and subgraph 2 "body", 0 ops; its iteration count/,
    );
    expect(warnings.join('\n')).toMatch(/only the main subgraph is read \(3 subgraphs/);
  });

  it('a CALL_ONCE initialisation is named in the notice, not dropped unsaid', () => {
    const init = { name: 'init', tensors: [], ops: [], inputs: [], outputs: [] };
    const main = {
      tensors: [
        { name: 'x', shape: [1, 4] },
        { name: 'y', shape: [1, 4] },
      ],
      ops: [
        {
          code: 'CALL_ONCE' as const,
          inputs: [],
          outputs: [],
          options: [
            BuiltinOptions.CallOnceOptions,
            (b: flatbuffers.Builder) => CallOnceOptions.createCallOnceOptions(b, 1),
          ] as const,
        },
        { code: 'RELU' as const, inputs: [0], outputs: [1] },
      ],
      inputs: [0],
      outputs: [1],
    };
    const { model, warnings } = ok(tflite(main, init));
    expect(types(model.layers)).toEqual(['relu']);
    expect(warnings).toContain('CALL_ONCE runs subgraph 1 "init" (0 ops) once to initialise state: not counted');
  });
});

describe('TFLite: exact shapes', () => {
  it('uneven SAME padding (TF puts the odd one after) is a pad layer before the pool, not an approximation', () => {
    // 3×3 max pool, stride 2, SAME on 6×6: output 3×3, padding 0 before and 1 after.
    const pool: OpDef = {
      code: 'MAX_POOL_2D',
      inputs: [3],
      outputs: [4],
      options: [BuiltinOptions.Pool2DOptions, (b) => Pool2DOptions.createPool2DOptions(b, Padding.SAME, 2, 2, 3, 3, 0)],
    };
    const { model, result } = ok(convThen([pool], [{ name: 'p', shape: [1, 3, 3, 4] }], [4]));
    expect(model.layers.slice(1)).toMatchObject([
      { type: 'pad', pad: [0, 1, 0, 1] },
      { type: 'maxpool2d', kernel: 3, stride: 2, padding: 0 },
    ]);
    expect(result.output).toEqual([4, 3, 3]);
  });

  it('an op whose layers do not give the file’s shape is kept as not counted with the file’s shape', () => {
    // The file claims the pool gives 4×4 (it gives 3×3): the row keeps the file’s word, uncounted.
    const pool: OpDef = {
      code: 'MAX_POOL_2D',
      inputs: [3],
      outputs: [4],
      options: [
        BuiltinOptions.Pool2DOptions,
        (b) => Pool2DOptions.createPool2DOptions(b, Padding.VALID, 2, 2, 2, 2, 0),
      ],
    };
    const { model, warnings, result } = ok(convThen([pool], [{ name: 'p', shape: [1, 4, 4, 4] }], [4]));
    expect(model.layers[1]).toMatchObject({ type: 'opaque', op: 'MAX_POOL_2D', shape: [4, 4, 4] });
    expect(result.notCounted).toEqual([1]);
    expect(warnings.join('\n')).toMatch(
      /MAX_POOL_2D "p": mapped as maxpool2d, which gives \[1, 3, 3, 4\] \(NHWC\), but the file states \[1, 4, 4, 4\]/,
    );
  });

  it.each([
    ['a dim of 0', [1, 0, 3, 8]],
    ['a dim past 2^31', [1, 2 ** 31 - 1, 2 ** 31 - 1, 8]],
  ])('an unmapped op stating %s is an error on its row, never a number', (_what, shape) => {
    const bytes = convThen([{ code: 'CUSTOM', custom: 'Odd', inputs: [3], outputs: [4] }], [{ name: 'z', shape }], [4]);
    const { warnings, result } = ok(bytes);
    const row = result.rows[1];
    expect(row.type).toBe('opaque');
    expect(row.error).toBeTruthy();
    expect(result.errors).toBeGreaterThan(0);
    if (shape[1] === 0) expect(warnings.join('\n')).toMatch(/does not state a usable output shape/);
  });

  it('an input whose size is fixed only at run time is refused with the reason', () => {
    const bytes = tflite({
      tensors: [
        { name: 'x', shape: [1, 1, 1, 3], signature: [-1, -1, -1, 3] },
        { name: 'y', shape: [1, 1, 1, 3] },
      ],
      ops: [{ code: 'RELU', inputs: [0], outputs: [1] }],
      inputs: [0],
      outputs: [1],
    });
    const r = importFile('dyn.tflite', bytes);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(
      /input "x" has sizes fixed only at run time \[-1, -1, -1, 3\]: convert with a fixed input size/,
    );
  });
});

describe('TFLite: files that are not (whole) TFLite models', () => {
  const good = new Uint8Array(readFileSync(fixture('tflite/tiny_two_heads_float.tflite')));

  it('reports progress as operators are read (the page shows it for large files)', () => {
    const seen: { bytes: number; totalBytes: number; nodes: number }[] = [];
    const r = importFile('m.tflite', good, { onProgress: (p) => seen.push(p) });
    expect(r.ok).toBe(true);
    // tiny_two_heads_float has 35 operators: one report at the end (every 2000 before it).
    expect(seen.at(-1)).toEqual({ bytes: good.length, totalBytes: good.length, nodes: 35 });
  });

  it('is chosen by extension and by the "TFL3" identifier', () => {
    expect(IMPORT_EXTENSIONS).toContain('.tflite');
    const sniffed = importFile('model.bin', good);
    expect(sniffed.ok && sniffed.model.meta?.sourceFormat).toBe('tflite');
  });

  it.each([
    ['empty', new Uint8Array(0), /is empty/],
    ['no identifier', new Uint8Array(64), /not a TFLite model \(no "TFL3" identifier/],
    ['truncated to half', good.slice(0, good.length >> 1), /not a valid TFLite file \(.*(past the end|truncated)/],
    ['truncated to 12 bytes', good.slice(0, 12), /not a valid TFLite file/],
  ])('%s: a clear message', (_what, bytes, message) => {
    const r = importFile('m.tflite', bytes);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(message);
  });

  it('a list length past the file is corruption, found before walking it', () => {
    const bytes = good.slice();
    const m = Model.getRootAsModel(new flatbuffers.ByteBuffer(bytes));
    const bb = m.bb as flatbuffers.ByteBuffer;
    // The subgraphs vector's length field, set to 2^30.
    const field = bb.__offset(m.bb_pos, 8);
    const at = m.bb_pos + field + bb.readInt32(m.bb_pos + field);
    new DataView(bytes.buffer).setInt32(at, 2 ** 30, true);
    const r = importFile('m.tflite', bytes);
    expect(!r.ok && r.error).toMatch(/subgraphs: 1073741824 entries cannot fit in \d+ bytes/);
  });

  it('random damage never throws: every answer is a model or a message', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    let models = 0;
    for (let n = 0; n < 300; n++) {
      const bytes = good.slice();
      for (let k = 0; k < 1 + (n % 8); k++)
        bytes[8 + Math.floor(rand() * (bytes.length - 8))] = Math.floor(rand() * 256);
      const r = importFile('m.tflite', bytes);
      if (r.ok) {
        models++;
        expect(() => evaluateModel(r.model)).not.toThrow();
      } else expect(r.error).toMatch(/m\.tflite/);
    }
    // Most single-byte damage hits weights (which are never read), so most files still load.
    expect(models).toBeGreaterThan(0);
  });
});
