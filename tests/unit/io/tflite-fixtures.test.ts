/**
 * The TFLite importer on files FlopLab did not write: TensorFlow's converter output for
 * keras.applications models and small functional models (float, int8, int16), and files from
 * tensorflow/tflite-micro made by other people, one of them a PyTorch model converted to TFLite.
 * What they must give comes from TensorFlow itself (tests/fixtures/tflite/expected.json, made by
 * scripts/fixtures/tflite_fixtures.py; see scripts/fixtures/README-tflite.md).
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../../src/engine/evaluate';
import type { Model, Shape } from '../../../src/engine/format/model';
import { importFile } from '../../../src/engine/import';
import { decodeTflite, elementBytes } from '../../../src/engine/import/tflite/decode';
import { fixture } from './helpers';

interface Io {
  readonly name: string;
  readonly shape: number[];
  readonly dtype: string;
}
interface Expected {
  readonly file: string;
  readonly keras_params?: number;
  readonly bn_params?: number;
  readonly zero_biases_added?: number;
  readonly params_from_keras?: number;
  readonly params: number;
  readonly weight_bytes: number;
  readonly quant_bytes: number;
  readonly weight_dtypes: Record<string, number>;
  readonly interpreter_bytes?: number;
  readonly custom_ops: string[];
  readonly ops: string[];
  readonly inputs: Io[];
  readonly outputs: Io[];
  readonly op_outputs: { name: string; shape: number[] }[][];
  /** Per op: it reads only stored constants (a float16 weight's DEQUANTIZE, run once at load). */
  readonly op_const: boolean[];
}

const ALL = JSON.parse(readFileSync(fixture('tflite/expected.json'), 'utf8')) as Record<string, Expected>;
/**
 * The tflite-micro files (tflm_*) are third-party and not committed (tests/fixtures/tflite/SOURCES.md
 * says where each comes from): their checks run where the file is present and are skipped, naming
 * it, elsewhere. The files made by scripts/fixtures/tflite_fixtures.py are always here.
 */
const present = (e: Expected) => existsSync(fixture(`tflite/${e.file}`));
const CASES = Object.entries(ALL).filter(([k, e]) => !k.startsWith('_') && present(e));
const ABSENT = Object.entries(ALL).filter(([k, e]) => !k.startsWith('_') && !present(e));
/** Not-counted rows each file must have: its ops that no layer kind models. */
const NOT_COUNTED: Record<string, string[]> = {
  flex_patches: ['CUSTOM:FlexExtractImagePatches'],
};
/** A PyTorch-made file keeps its NCHW input (then TRANSPOSEs it to NHWC): read as it is. */
const NCHW_INPUT = new Set(['tflm_pytorch_mobilenet_v2_quantized']);

/** The interpreter's NHWC shape in FlopLab's layout: batch left out, [N, H, W, C] → [C, H, W]. */
function channelsFirst(shape: readonly number[], nchw = false): Shape {
  if (shape.length === 4 && !nchw) return [shape[3], shape[1], shape[2]];
  if (shape.length >= 2 && shape[0] === 1) return shape.slice(1);
  return shape.length ? shape.slice() : [1];
}

const load = (e: Expected) => {
  const bytes = new Uint8Array(readFileSync(fixture(`tflite/${e.file}`)));
  const r = importFile(e.file, bytes);
  if (!r.ok) throw new Error(r.error);
  return { bytes, model: r.model, warnings: r.warnings, result: evaluateModel(r.model) };
};

const inputsOf = (m: Model) => ('inputs' in m && m.inputs ? m.inputs.map((i) => i.shape) : [m.input as Shape]);
const shortName = (n: string) => n.split(';')[0];

describe.each(CASES)('TFLite fixture %s', (key, e) => {
  const { bytes, model, warnings, result } = load(e);

  it('loads with no row in error and the not-counted rows it must have', () => {
    expect(result.errors).toBe(0);
    const opaque = result.notCounted.map((i) => result.rows[i].params_?.op);
    expect(opaque).toEqual(NOT_COUNTED[key] ?? []);
    // Custom ops in the file are exactly those listed as not counted.
    expect(e.custom_ops.map((c) => `CUSTOM:${c}`)).toEqual(opaque.filter((o) => String(o).startsWith('CUSTOM:')));
  });

  it("counts the file's weights: count_params() less folded batch norms plus converter biases", () => {
    // FlopLab reports the weights the file holds (read with TensorFlow's own reader). For Keras
    // models that is count_params() minus every BatchNormalization's 4·C (folded into the
    // convolution before it) plus the bias of C_out the converter gives each convolution
    // Keras had without one (where the folded BN's shift lands): params_from_keras.
    expect(result.totals.params).toBe(BigInt(e.params));
    if (e.keras_params !== undefined) {
      expect(e.params_from_keras).toBe(e.keras_params - (e.bn_params ?? 0) + (e.zero_biases_added ?? 0));
      expect(result.totals.params).toBe(BigInt(e.params_from_keras as number));
    }
  });

  it("records the file's real weight bytes, dtypes and quantization arrays", () => {
    expect(model.meta?.weightBytes).toBe(e.weight_bytes);
    expect(model.meta?.weightQuantBytes).toBe(e.quant_bytes);
    expect(model.meta?.weightDtypes).toEqual(e.weight_dtypes);
    expect(warnings.some((w) => w.includes(`${e.weight_bytes.toLocaleString('en-US')} bytes`))).toBe(true);
    if (e.interpreter_bytes !== undefined) {
      // The interpreter's view: Σ numel · itemsize over the constant tensors (shared buffers twice).
      const g = decodeTflite(bytes).subgraphs[0];
      const sum = g.tensors
        .filter((t) => t.dataBytes > 0)
        .reduce((s, t) => s + t.shape.reduce((a, b) => a * b, 1) * elementBytes(t.dtype), 0);
      expect(sum).toBe(e.interpreter_bytes);
    }
  });

  it("has the interpreter's input and output shapes", () => {
    expect(inputsOf(model)).toEqual(e.inputs.map((i) => channelsFirst(i.shape, NCHW_INPUT.has(key))));
    expect(result.outputs.map((o) => o.shape)).toEqual(e.outputs.map((o) => channelsFirst(o.shape)));
  });

  it("gives every op's output the interpreter's shape, and passes none through silently", () => {
    // Rows carry the file's names: the last row of an op's layers (pad → conv → relu6) is its output.
    const byName = new Map<string, Shape | null>();
    for (const r of result.rows) if (r.name !== undefined) byName.set(r.name, r.output);
    const ops = e.ops.map((op, i) => ({ op, outs: e.op_outputs[i], loadTime: e.op_const[i] }));
    // Shape arithmetic (int32 vectors from SHAPE) and ops on constants only (evaluated when the
    // model loads) are not part of the network; Keras's upsampling is EXPAND_DIMS → TILE →
    // RESHAPE, one upsample row named after the RESHAPE.
    const network = ops.filter(
      ({ op, outs, loadTime }) =>
        !loadTime &&
        op !== 'SHAPE' &&
        outs[0].shape.length >= 2 &&
        !(op === 'EXPAND_DIMS' && /Repeat/.test(outs[0].name)) &&
        !(op === 'TILE' && /Repeat/.test(outs[0].name)),
    );
    expect(network.length).toBeGreaterThan(0);
    for (const { op, outs } of network) {
      const got = byName.get(shortName(outs[0].name));
      expect(got, `${op} ${outs[0].name}`).toEqual(channelsFirst(outs[0].shape));
    }
  });
});

describe.skipIf(!ABSENT.length)('third-party TFLite files not in this checkout', () => {
  for (const [key, e] of ABSENT)
    it.skip(`${key} — ${e.file} is not in this checkout (third-party files are not committed; see SOURCES.md)`, () => {});
});

describe('TFLite fixtures across quantization', () => {
  const macs = (k: string) => evaluateModel((load(ALL[k]) as { model: Model }).model).totals.macs;
  it.each([
    ['mobilenet_v1_025_128', ['int8', 'int16']],
    ['mobilenet_v2_035_96', ['int8']],
    ['mobilenet_v3_small_050_96', ['int8']],
    ['tiny_two_heads', ['int8', 'int8io', 'float16']],
    ['tiny_tokens', ['int8']],
  ])('%s: the quantized files cost the float file’s MACs', (base, kinds) => {
    const float = macs(`${base}_float`);
    expect(float).toBeGreaterThan(0n);
    for (const k of kinds) expect(macs(`${base}_${k}`)).toBe(float);
  });

  it('an int8 file with float input and output counts its QUANTIZE and DEQUANTIZE as quantize layers', () => {
    const f = load(ALL.mobilenet_v1_025_128_float);
    const q = load(ALL.mobilenet_v1_025_128_int8);
    // QUANTIZE of the 3·128·128 input and DEQUANTIZE of the 1000 outputs, as the quantize kind
    // defines them (layers/quantize.ts): exact 5 per element to quantize, 2 to dequantize (they
    // were one multiply per element before the kind existed); onnx-tool 2 per element each.
    expect(q.result.totals.flops - f.result.totals.flops).toBe(BigInt(5 * 3 * 128 * 128 + 2 * 1000));
    const onnxTool = (m: Model) => evaluateModel(m, { conventions: ['onnx-tool'] }).totals.counts[0];
    expect(onnxTool(q.model) - onnxTool(f.model)).toBe(BigInt(2 * (3 * 128 * 128 + 1000)));
    expect(q.model.layers.filter((l) => l.type === 'quantize').map((l) => (l as Record<string, unknown>).mode)).toEqual(
      ['quantize', 'dequantize'],
    );
    expect(q.warnings.some((w) => /^QUANTIZE × 1, DEQUANTIZE × 1: quantize layers \(exact: 5/.test(w))).toBe(true);
  });
});
