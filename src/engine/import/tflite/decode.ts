/**
 * TFLite bytes → a plain model (subgraphs, tensors, operators with their options, buffer sizes).
 *
 * The reading is done by the classes flatc generated from TensorFlow's schema.fbs (generated/,
 * see scripts/gen-tflite-schema.sh) over the `flatbuffers` runtime. Flatbuffers has no
 * verifier in JavaScript and its ByteBuffer reads past the end as zeros, so a truncated or
 * corrupt file would decode as garbage: CheckedByteBuffer throws on any read outside the
 * bytes, and every list is checked against the file size before it is walked. Weight bytes are
 * never copied: only their sizes are read, and the values of small constants (axes, paddings,
 * shapes, scalar operands) that an operator needs.
 */
import * as flatbuffers from 'flatbuffers';
import { BuiltinOperator } from './generated/tflite/builtin-operator';
import { Model } from './generated/tflite/model';
import type { Operator } from './generated/tflite/operator';
import type { Tensor } from './generated/tflite/tensor';
import { TensorType } from './generated/tflite/tensor-type';
import { readOptions, type Options } from './options';
import { MAX_IMPORT_NODES, MAX_IMPORT_TENSORS, tooMany, type ImportProgress } from '../result';

export interface TfliteTensor {
  readonly name: string;
  /** Dims as stored (`shape`); a dim the converter could not fix is 1 here and −1 in `signature`. */
  readonly shape: number[];
  readonly signature: number[] | null;
  /** TensorType name in lower case: float32, int8, int32 … */
  readonly dtype: string;
  /** Bytes of the constant data the file stores for this tensor (0: not a constant). */
  readonly dataBytes: number;
  readonly buffer: number;
  /** Bytes of its quantization arrays as stored: scale float32 (4 each), zero_point int64 (8 each). */
  readonly quantBytes: number;
  /** Per-tensor (or first per-channel) scale and zero point, when quantized. */
  readonly scale?: number;
  readonly zeroPoint?: number;
  /** Values of small constants (≤ SMALL elements), dequantized when quantized. */
  readonly values?: number[];
  readonly sparse: boolean;
}

export interface TfliteOp {
  /** Builtin operator name (CONV_2D …), or CUSTOM. */
  readonly code: string;
  /** The custom op's name (CUSTOM only, e.g. FlexExtractImagePatches, TFLite_Detection_PostProcess). */
  readonly custom?: string;
  /** Tensor indices; −1 is an optional input left out. */
  readonly inputs: number[];
  readonly outputs: number[];
  readonly options: Options;
}

export interface TfliteSubgraph {
  readonly name: string;
  readonly tensors: TfliteTensor[];
  readonly ops: TfliteOp[];
  readonly inputs: number[];
  readonly outputs: number[];
}

export interface TfliteModel {
  readonly version: number;
  readonly description: string;
  readonly subgraphs: TfliteSubgraph[];
}

const SMALL = 64;
const PROGRESS_EVERY_OPS = 2000;

/** Bytes per element of each TensorType (0: not a fixed size, e.g. string, resource). */
const ELEMENT_BYTES: Readonly<Record<string, number>> = {
  float32: 4,
  float16: 2,
  bfloat16: 2,
  float64: 8,
  int64: 8,
  uint64: 8,
  int32: 4,
  uint32: 4,
  int16: 2,
  uint16: 2,
  int8: 1,
  uint8: 1,
  bool: 1,
  complex64: 8,
  complex128: 16,
};

export const elementBytes = (dtype: string): number => ELEMENT_BYTES[dtype] ?? 0;

/** A ByteBuffer that throws on a read outside the bytes (the runtime would return zeros). */
class CheckedByteBuffer extends flatbuffers.ByteBuffer {
  private readonly size: number;
  constructor(bytes: Uint8Array) {
    super(bytes);
    this.size = bytes.length;
  }
  private check(offset: number, n: number) {
    if (!(offset >= 0 && offset + n <= this.size))
      throw new RangeError(`a read at byte ${offset} runs past the end of the file (${this.size} bytes)`);
  }
  override readUint8(offset: number): number {
    this.check(offset, 1);
    return super.readUint8(offset);
  }
  override readUint16(offset: number): number {
    this.check(offset, 2);
    return super.readUint16(offset);
  }
  override readInt32(offset: number): number {
    this.check(offset, 4);
    return super.readInt32(offset);
  }
}

/** A list length that cannot fit in the file is corruption, found before walking it. */
function count(n: number, perItem: number, what: string, total: number): number {
  if (!Number.isInteger(n) || n < 0 || n * perItem > total)
    throw new RangeError(`${what}: ${n} entries cannot fit in ${total} bytes (corrupt file?)`);
  return n;
}

function ints(get: (i: number) => number | null, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(get(i) ?? 0);
  return out;
}

export const dtypeName = (t: number): string => (TensorType[t] ?? `type ${t}`).toLowerCase();

/** Little-endian values of a small constant; null for types without numbers here. */
function readValues(bytes: Uint8Array, at: number, n: number, dtype: string): number[] | null {
  const v = new DataView(bytes.buffer, bytes.byteOffset + at, n * elementBytes(dtype));
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    if (dtype === 'float32') out.push(v.getFloat32(4 * i, true));
    else if (dtype === 'int32') out.push(v.getInt32(4 * i, true));
    else if (dtype === 'int64') out.push(Number(v.getBigInt64(8 * i, true)));
    else if (dtype === 'int16') out.push(v.getInt16(2 * i, true));
    else if (dtype === 'int8') out.push(v.getInt8(i));
    else if (dtype === 'uint8' || dtype === 'bool') out.push(v.getUint8(i));
    else return null;
  }
  return out;
}

interface BufferInfo {
  /** Byte offset of the data in the file, and its length. */
  readonly at: number;
  readonly bytes: number;
}

function buffersOf(m: Model, bb: CheckedByteBuffer, total: number): BufferInfo[] {
  const n = count(m.buffersLength(), 4, 'buffers', total);
  const out: BufferInfo[] = [];
  for (let i = 0; i < n; i++) {
    const b = m.buffers(i);
    if (!b) throw new RangeError(`buffer ${i} is missing`);
    const len = b.dataLength();
    if (len > 0) {
      const field = bb.__offset(b.bb_pos, 4);
      const at = bb.__vector(b.bb_pos + field);
      if (at < 0 || at + len > total) throw new RangeError(`buffer ${i} runs past the end of the file (truncated?)`);
      out.push({ at, bytes: len });
      continue;
    }
    // Schema 3c: data of a model over 2 GB sits after the flatbuffer, at `offset` (1 = none).
    const offset = Number(b.offset());
    const size = Number(b.size());
    if (offset > 1 && size > 0) {
      if (offset + size > total) throw new RangeError(`buffer ${i} runs past the end of the file (truncated?)`);
      out.push({ at: offset, bytes: size });
    } else out.push({ at: 0, bytes: 0 });
  }
  return out;
}

function tensorOf(t: Tensor, buffers: BufferInfo[], bytes: Uint8Array, total: number): TfliteTensor {
  const shape = ints((i) => t.shape(i), count(t.shapeLength(), 4, 'a tensor shape', total));
  const sigLen = t.shapeSignatureLength();
  const signature = sigLen ? ints((i) => t.shapeSignature(i), count(sigLen, 4, 'a shape signature', total)) : null;
  const dtype = dtypeName(t.type());
  const buffer = t.buffer();
  const buf = buffers[buffer];
  if (buffer !== 0 && !buf)
    throw new RangeError(`tensor "${t.name() ?? ''}" names buffer ${buffer} of ${buffers.length}`);
  const q = t.quantization();
  const scales = q ? count(q.scaleLength(), 4, 'quantization scales', total) : 0;
  const zeros = q ? count(q.zeroPointLength(), 8, 'quantization zero points', total) : 0;
  const scale = scales ? (q?.scale(0) ?? undefined) : undefined;
  const zeroPoint = zeros ? Number(q?.zeroPoint(0) ?? 0) : undefined;
  const dataBytes = buf?.bytes ?? 0;
  const elements = shape.reduce((a, b) => a * b, 1);
  let values: number[] | undefined;
  if (dataBytes > 0 && elements <= SMALL && elements * elementBytes(dtype) <= dataBytes) {
    const raw = readValues(bytes, buf.at, elements, dtype);
    // A quantized constant (an int8 "3" for hard sigmoid) means scale · (q − zero point).
    if (raw) values = scale !== undefined && dtype !== 'float32' ? raw.map((v) => scale * (v - (zeroPoint ?? 0))) : raw;
  }
  return {
    name: t.name() ?? '',
    shape,
    signature,
    dtype,
    dataBytes,
    buffer,
    quantBytes: 4 * scales + 8 * zeros,
    ...(scale !== undefined ? { scale } : {}),
    ...(zeroPoint !== undefined ? { zeroPoint } : {}),
    ...(values ? { values } : {}),
    sparse: t.sparsity() !== null,
  };
}

function opOf(op: Operator, codes: { code: string; custom?: string }[], total: number): TfliteOp {
  const c = codes[op.opcodeIndex()];
  if (!c) throw new RangeError(`an operator names opcode ${op.opcodeIndex()} of ${codes.length}`);
  return {
    code: c.code,
    ...(c.custom !== undefined ? { custom: c.custom } : {}),
    inputs: ints((i) => op.inputs(i), count(op.inputsLength(), 4, 'operator inputs', total)),
    outputs: ints((i) => op.outputs(i), count(op.outputsLength(), 4, 'operator outputs', total)),
    options: readOptions(op),
  };
}

/** Operators and tensors of every subgraph, counted from the vectors' lengths before any is decoded. */
function checkBudget(m: Model, nGraphs: number): void {
  let ops = 0;
  let tensors = 0;
  for (let s = 0; s < nGraphs; s++) {
    const g = m.subgraphs(s);
    ops += g?.operatorsLength() ?? 0;
    tensors += g?.tensorsLength() ?? 0;
  }
  if (ops > MAX_IMPORT_NODES) throw tooMany(ops, 'operators');
  if (tensors > MAX_IMPORT_TENSORS) throw tooMany(tensors, 'tensors', MAX_IMPORT_TENSORS);
}

/** Decodes a TFLite model. Throws on a corrupt or truncated file (the caller makes that a message). */
export function decodeTflite(bytes: Uint8Array, onProgress?: (p: ImportProgress) => void): TfliteModel {
  const total = bytes.length;
  if (total < 8) throw new RangeError('the file is too short');
  const bb = new CheckedByteBuffer(bytes);
  const m = Model.getRootAsModel(bb);
  const codes = [];
  const nCodes = count(m.operatorCodesLength(), 4, 'operator codes', total);
  for (let i = 0; i < nCodes; i++) {
    const oc = m.operatorCodes(i);
    if (!oc) throw new RangeError(`operator code ${i} is missing`);
    // Codes past 127 live in builtin_code; older files have only deprecated_builtin_code (TF's GetBuiltinCode).
    const n = Math.max(oc.builtinCode(), oc.deprecatedBuiltinCode());
    const code = BuiltinOperator[n] ?? `BUILTIN_${n}`;
    codes.push(code === 'CUSTOM' ? { code, custom: oc.customCode() ?? '' } : { code });
  }
  const nGraphs = count(m.subgraphsLength(), 4, 'subgraphs', total);
  checkBudget(m, nGraphs);
  const buffers = buffersOf(m, bb, total);
  const subgraphs: TfliteSubgraph[] = [];
  let ops = 0;
  for (let s = 0; s < nGraphs; s++) {
    const g = m.subgraphs(s);
    if (!g) throw new RangeError(`subgraph ${s} is missing`);
    const tensors: TfliteTensor[] = [];
    const nTensors = count(g.tensorsLength(), 4, 'tensors', total);
    for (let i = 0; i < nTensors; i++) {
      const t = g.tensors(i);
      if (!t) throw new RangeError(`tensor ${i} is missing`);
      tensors.push(tensorOf(t, buffers, bytes, total));
    }
    const list: TfliteOp[] = [];
    const nOps = count(g.operatorsLength(), 4, 'operators', total);
    for (let i = 0; i < nOps; i++) {
      const op = g.operators(i);
      if (!op) throw new RangeError(`operator ${i} is missing`);
      list.push(opOf(op, codes, total));
      if (++ops % PROGRESS_EVERY_OPS === 0) onProgress?.({ bytes: total, totalBytes: total, nodes: ops });
    }
    const inputs = ints((i) => g.inputs(i), count(g.inputsLength(), 4, 'subgraph inputs', total));
    const outputs = ints((i) => g.outputs(i), count(g.outputsLength(), 4, 'subgraph outputs', total));
    for (const t of [...inputs, ...outputs, ...list.flatMap((o) => [...o.inputs, ...o.outputs])])
      if (t < -1 || t >= tensors.length) throw new RangeError(`subgraph ${s} names tensor ${t} of ${tensors.length}`);
    subgraphs.push({ name: g.name() ?? '', tensors, ops: list, inputs, outputs });
  }
  onProgress?.({ bytes: total, totalBytes: total, nodes: ops });
  return { version: m.version(), description: m.description() ?? '', subgraphs };
}
