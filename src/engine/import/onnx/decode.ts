/**
 * ONNX bytes → a plain graph (nodes, attributes, initializer shapes, small constant values).
 *
 * The model and graph messages are walked field by field with proto.ts's reader so progress
 * can be reported as nodes arrive; each node, initializer and value info is decoded with the
 * schema. Weight bytes are never copied: the reader hands out views, and only tensors of at most
 * SMALL_TENSOR elements (shapes, scales, clip bounds) have their values read. No code is
 * generated (no eval), so this runs under the page's CSP as well as in a worker or in Node.
 */
import { ProtoReader } from './proto-wire';
import { AttrType, DataType, OnnxTypes } from './schema';
import { checkStringLength, MAX_IMPORT_NODES, MAX_IMPORT_STRING, tooMany, type ImportProgress } from '../result';

export interface OnnxTensor {
  readonly dims: number[];
  readonly dataType: number;
  /** Values of small tensors (≤ SMALL_TENSOR elements) when their type is numeric. */
  readonly values?: number[];
}

export interface OnnxAttribute {
  readonly type: number;
  readonly f?: number;
  readonly i?: number;
  readonly s?: string;
  readonly t?: OnnxTensor;
  readonly floats?: number[];
  readonly ints?: number[];
  /** A subgraph (If's branches, Loop's and Scan's body). */
  readonly g?: OnnxGraph;
}

export interface OnnxNode {
  readonly name: string;
  readonly opType: string;
  readonly domain: string;
  readonly inputs: string[];
  readonly outputs: string[];
  readonly attrs: ReadonlyMap<string, OnnxAttribute>;
}

export interface OnnxValueInfo {
  readonly name: string;
  /** Dimensions; a symbolic dimension (dim_param) or a missing one is null. */
  readonly dims: (number | null)[] | null;
  /** The dim_param names of symbolic dims ("batch", "sequence"), null elsewhere. */
  readonly dimNames?: (string | null)[];
  /** Indices of the dims the file states as 0 (null in `dims`: see valueInfoOf). */
  readonly zeros?: number[];
  /** The element type (TensorProto.DataType), where stated. */
  readonly elemType?: number;
}

export interface OnnxGraph {
  readonly name: string;
  readonly opset: number;
  readonly nodes: OnnxNode[];
  readonly initializers: Map<string, OnnxTensor>;
  readonly inputs: OnnxValueInfo[];
  readonly outputs: OnnxValueInfo[];
  /** Shapes the file states for intermediate values (value_info), by value name. */
  readonly valueInfo: ReadonlyMap<string, OnnxValueInfo['dims']>;
}

const SMALL_TENSOR = 64;
const PROGRESS_EVERY_NODES = 2000;
const PROGRESS_EVERY_BYTES = 16 * 1024 * 1024;

/** int64 values arrive as numbers; a bigint or a Long-like object (from other decoders) becomes one too. */
export function toNum(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v && typeof (v as { toNumber?: unknown }).toNumber === 'function')
    return (v as { toNumber(): number }).toNumber();
  return Number(v ?? 0);
}

const text = (b: unknown) => (b instanceof Uint8Array ? new TextDecoder().decode(b) : String(b ?? ''));

/**
 * A string attribute: bytes in the schema, and some carry data rather than text (ONNX Runtime's
 * EPContext nodes embed a compiled model). Only the first MAX_IMPORT_STRING bytes are read: the
 * attributes read as text (modes, directions) are short.
 */
const attrText = (b: unknown) =>
  text(b instanceof Uint8Array && b.length > MAX_IMPORT_STRING ? b.subarray(0, MAX_IMPORT_STRING) : b);

/** Nodes decoded so far in one file, its subgraphs' included, against MAX_IMPORT_NODES. */
interface NodeBudget {
  nodes: number;
}

function spend(budget: NodeBudget, n: number): void {
  budget.nodes += n;
  if (budget.nodes > MAX_IMPORT_NODES) throw tooMany(budget.nodes, 'nodes');
}

type Raw = Record<string, unknown>;

function rawValues(raw: Uint8Array, type: number, count: number): number[] | undefined {
  const size =
    type === DataType.FLOAT || type === DataType.INT32
      ? 4
      : type === DataType.INT64 || type === DataType.DOUBLE
        ? 8
        : 0;
  if (!size || raw.length < size * count) return undefined;
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const out: number[] = [];
  for (let k = 0; k < count; k++) {
    const at = k * size;
    out.push(
      type === DataType.FLOAT
        ? view.getFloat32(at, true)
        : type === DataType.INT32
          ? view.getInt32(at, true)
          : type === DataType.DOUBLE
            ? view.getFloat64(at, true)
            : Number(view.getBigInt64(at, true)),
    );
  }
  return out;
}

export function tensorOf(m: Raw): OnnxTensor {
  const dims = ((m.dims as unknown[]) ?? []).map(toNum);
  const dataType = toNum(m.data_type);
  const count = dims.reduce((a, b) => a * b, 1);
  let values: number[] | undefined;
  // An empty tensor (a size of 0: an axes list of none, Resize's unused scales) has its values: none.
  if (count === 0) values = [];
  else if (count <= SMALL_TENSOR) {
    const raw = m.raw_data as Uint8Array | undefined;
    const lists = [m.float_data, m.int32_data, m.int64_data, m.double_data] as unknown[][];
    const list = lists.find((l) => Array.isArray(l) && l.length >= count && l.length > 0);
    if (raw && raw.length) values = rawValues(raw, dataType, count);
    else if (list) values = list.slice(0, count).map(toNum);
  }
  return { dims, dataType, ...(values ? { values } : {}) };
}

function attributeOf(a: Raw, budget: NodeBudget): [string, OnnxAttribute] {
  const type = toNum(a.type);
  const attr: OnnxAttribute = {
    type,
    ...(a.f !== undefined ? { f: toNum(a.f) } : {}),
    ...(a.i !== undefined ? { i: toNum(a.i) } : {}),
    ...(a.s !== undefined && type === AttrType.STRING ? { s: attrText(a.s) } : {}),
    ...(a.t ? { t: tensorOf(a.t as Raw) } : {}),
    ...(Array.isArray(a.floats) && a.floats.length ? { floats: a.floats.map(toNum) } : {}),
    ...(Array.isArray(a.ints) && a.ints.length ? { ints: a.ints.map(toNum) } : {}),
    ...(a.g ? { g: subgraphOf(a.g as Raw, budget) } : {}),
  };
  return [String(a.name ?? ''), attr];
}

function nodeOf(m: Raw, budget: NodeBudget): OnnxNode {
  return {
    name: String(m.name ?? ''),
    opType: String(m.op_type ?? ''),
    domain: String(m.domain ?? ''),
    inputs: ((m.input as unknown[]) ?? []).map(String),
    outputs: ((m.output as unknown[]) ?? []).map(String),
    attrs: new Map(((m.attribute as Raw[]) ?? []).map((a) => attributeOf(a, budget))),
  };
}

function valueInfoOf(m: Raw): OnnxValueInfo {
  const tt = (m.type as Raw | undefined)?.tensor_type as Raw | undefined;
  const shape = tt?.shape as Raw | undefined;
  const dims = shape
    ? ((shape.dim as Raw[]) ?? []).map((d) =>
        d.dim_value !== undefined && toNum(d.dim_value) > 0 ? toNum(d.dim_value) : null,
      )
    : null;
  const dimNames = shape ? ((shape.dim as Raw[]) ?? []).map((d) => (d.dim_param ? String(d.dim_param) : null)) : [];
  // A stated 0 is an empty tensor to ONNX, and a size left open to some exporters (Paddle2ONNX wrote 0
  // for the batch: PaddlePaddle/Paddle2ONNX#53): read as unknown above, kept here to be said and to
  // know an empty run-time constant (an axes input of [0]: no axes).
  const zeros = shape
    ? ((shape.dim as Raw[]) ?? []).flatMap((d, i) =>
        d.dim_value !== undefined && !d.dim_param && toNum(d.dim_value) === 0 ? [i] : [],
      )
    : [];
  const elemType = tt?.elem_type === undefined ? 0 : toNum(tt.elem_type);
  return {
    name: String(m.name ?? ''),
    dims,
    ...(dimNames.some(Boolean) ? { dimNames } : {}),
    ...(zeros.length ? { zeros } : {}),
    ...(elemType ? { elemType } : {}),
  };
}

/** A subgraph, decoded whole by the schema (bodies are small next to the main graph). */
function subgraphOf(m: Raw, budget: NodeBudget): OnnxGraph {
  const nodes = (m.node as Raw[]) ?? [];
  spend(budget, nodes.length);
  const valueInfo = new Map<string, OnnxValueInfo['dims']>();
  for (const v of ((m.value_info as Raw[]) ?? []).map(valueInfoOf)) valueInfo.set(v.name, v.dims);
  const outputs = ((m.output as Raw[]) ?? []).map(valueInfoOf);
  for (const o of outputs) if (!valueInfo.has(o.name)) valueInfo.set(o.name, o.dims);
  const initializers = new Map<string, OnnxTensor>();
  for (const t of (m.initializer as Raw[]) ?? []) initializers.set(String(t.name ?? ''), tensorOf(t));
  return {
    name: String(m.name ?? ''),
    opset: 0,
    nodes: nodes.map((n) => nodeOf(n, budget)),
    initializers,
    inputs: ((m.input as Raw[]) ?? []).map(valueInfoOf),
    outputs,
    valueInfo,
  };
}

/**
 * Decodes an ONNX model. Throws on malformed protobuf (the caller turns that into a message);
 * returns null when the bytes hold no graph.
 */
export function decodeOnnx(bytes: Uint8Array, onProgress?: (p: ImportProgress) => void): OnnxGraph | null {
  const r = new ProtoReader(bytes);
  let graph: OnnxGraph | null = null;
  let opset = 0;
  const budget: NodeBudget = { nodes: 0 };
  while (r.pos < r.len) {
    const tag = r.uint32();
    const field = tag >>> 3;
    if (field === 7 && (tag & 7) === 2) {
      const end = r.uint32() + r.pos;
      if (end > r.len) throw new RangeError('the graph is cut off (truncated file?)');
      spend(budget, countNodes(r, end));
      graph = decodeGraph(r, end, bytes.length, budget, onProgress);
    } else if (field === 8 && (tag & 7) === 2) {
      const o = OnnxTypes.OperatorSetId.decode(r, r.uint32()) as unknown as Raw;
      if (!o.domain || o.domain === 'ai.onnx') opset = toNum(o.version);
    } else if (field === 0) {
      throw new RangeError('invalid field number 0');
    } else r.skipType(tag & 7);
  }
  return graph ? { ...graph, opset } : null;
}

/**
 * The main graph's nodes (GraphProto field 1) between the reader's position and `end`, counted by
 * skipping over them: a file with too many is refused before any node is decoded.
 */
function countNodes(r: ProtoReader, end: number): number {
  const scan = new ProtoReader(r.buf);
  scan.pos = r.pos;
  let n = 0;
  while (scan.pos < end) {
    const tag = scan.uint32();
    if (tag >>> 3 === 1 && (tag & 7) === 2) n++;
    scan.skipType(tag & 7);
  }
  return n;
}

function decodeGraph(
  r: ProtoReader,
  end: number,
  total: number,
  budget: NodeBudget,
  onProgress?: (p: ImportProgress) => void,
) {
  const g = { name: '', opset: 0, nodes: [] as OnnxNode[], initializers: new Map<string, OnnxTensor>() };
  const inputs: OnnxValueInfo[] = [];
  const outputs: OnnxValueInfo[] = [];
  const valueInfo = new Map<string, OnnxValueInfo['dims']>();
  let lastBytes = 0;
  const report = () => onProgress?.({ bytes: r.pos, totalBytes: total, nodes: g.nodes.length });
  while (r.pos < end) {
    const tag = r.uint32();
    const field = tag >>> 3;
    const wire = tag & 7;
    if (wire !== 2 || ![1, 2, 5, 11, 12, 13].includes(field)) {
      if (field === 0) throw new RangeError('invalid field number 0');
      r.skipType(wire);
      continue;
    }
    const len = r.uint32();
    if (r.pos + len > end) throw new RangeError('a graph entry runs past the end of the graph (truncated file?)');
    if (field === 1) g.nodes.push(nodeOf(OnnxTypes.Node.decode(r, len) as unknown as Raw, budget));
    else if (field === 2) {
      checkStringLength(len, 'the graph name');
      g.name = text(r.buf.subarray(r.pos, (r.pos += len)));
    } else if (field === 5) {
      const t = OnnxTypes.Tensor.decode(r, len) as unknown as Raw;
      g.initializers.set(String(t.name ?? ''), tensorOf(t));
    } else if (field === 13) {
      const v = valueInfoOf(OnnxTypes.ValueInfo.decode(r, len) as unknown as Raw);
      valueInfo.set(v.name, v.dims);
    } else (field === 11 ? inputs : outputs).push(valueInfoOf(OnnxTypes.ValueInfo.decode(r, len) as unknown as Raw));
    if ((field === 1 && g.nodes.length % PROGRESS_EVERY_NODES === 0) || r.pos - lastBytes >= PROGRESS_EVERY_BYTES) {
      lastBytes = r.pos;
      report();
    }
  }
  report();
  for (const o of outputs) if (!valueInfo.has(o.name)) valueInfo.set(o.name, o.dims);
  return { ...g, inputs, outputs, valueInfo };
}
