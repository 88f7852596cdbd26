/** Hand-built ONNX graphs for importer tests (operators our writer never emits). */
import { AttrType, DataType, OnnxTypes } from '../../../src/engine/import/onnx/schema';
import { importOnnx } from '../../../src/engine/import/onnx';
import { evaluateModel } from '../../../src/engine/evaluate';
import { fileShapes } from './file-shapes';

export type A =
  | number
  | number[]
  | string
  | { t: { dims: number[]; ints?: number[]; floats?: number[] } }
  /** A subgraph (If's branches, Loop's body): its nodes, constants and outputs. */
  | { g: { nodes: N[]; ints?: Record<string, number[]>; weights?: Record<string, number[]>; outputs: string[] } };
export interface N {
  op: string;
  in: string[];
  out: string[];
  name?: string;
  attrs?: Record<string, A>;
}

function attr(name: string, v: A): Record<string, unknown> {
  if (typeof v === 'string') return { name, type: AttrType.STRING, s: new TextEncoder().encode(v) };
  if (Array.isArray(v))
    return v.every(Number.isInteger) && name !== 'scales'
      ? { name, type: AttrType.INTS, ints: v }
      : { name, type: AttrType.FLOATS, floats: v };
  if (typeof v === 'number')
    return Number.isInteger(v) && !name.match(/alpha|beta|min|max|ratio|bias/)
      ? { name, type: AttrType.INT, i: v }
      : { name, type: AttrType.FLOAT, f: v };
  if ('g' in v) return { name, type: AttrType.GRAPH, g: graphOf(name, v.g) };
  return { name, type: AttrType.TENSOR, t: tensor(name, v.t.dims, v.t.ints, v.t.floats) };
}

const nodeOf = (n: N): Record<string, unknown> => ({
  op_type: n.op,
  input: n.in,
  output: n.out,
  ...(n.name ? { name: n.name } : {}),
  attribute: Object.entries(n.attrs ?? {}).map(([k, v]) => attr(k, v)),
});

function graphOf(name: string, g: Extract<A, { g: unknown }>['g']): Record<string, unknown> {
  return {
    name,
    node: g.nodes.map(nodeOf),
    initializer: [
      ...Object.entries(g.weights ?? {}).map(([n, d]) => tensor(n, d)),
      ...Object.entries(g.ints ?? {}).map(([n, v]) => tensor(n, [v.length], v)),
    ],
    output: g.outputs.map((o) => info(o, [])),
  };
}

function tensor(name: string, dims: number[], ints?: number[], floats?: number[]) {
  return {
    name,
    dims,
    data_type: ints ? DataType.INT64 : DataType.FLOAT,
    ...(ints ? { int64_data: ints } : {}),
    ...(floats ? { float_data: floats } : {}),
  };
}

/** A value's type; `dims` null states no shape (an empty list would state a 0-d scalar). */
const info = (name: string, dims: (number | string)[] | null) => ({
  name,
  type: {
    tensor_type: {
      elem_type: 1,
      ...(dims
        ? { shape: { dim: dims.map((d) => (typeof d === 'string' ? { dim_param: d } : { dim_value: d })) } }
        : {}),
    },
  },
});

/** An ONNX model: input "x" of `input` dims, weights as dims-only initializers, int64/float constants with values. */
export function onnx(g: {
  input: (number | string)[];
  nodes: N[];
  weights?: Record<string, number[]>;
  ints?: Record<string, number[]>;
  floats?: Record<string, number[]>;
  /** Initializers of any TensorProto.DataType (int8 zero points…), values in int32_data. */
  typed?: Record<string, { type: number; dims: number[]; values: number[] }>;
  outputs?: string[];
  initializersAsInputs?: boolean;
  opset?: number;
  /** More graph inputs, by name. */
  extraInputs?: Record<string, (number | string)[]>;
  /** Shapes stated for intermediate values (graph.value_info). */
  valueInfo?: Record<string, (number | string)[]>;
  /** Shapes stated for graph outputs (none stated otherwise). */
  outputShapes?: Record<string, (number | string)[]>;
}): Uint8Array {
  const inits = [
    ...Object.entries(g.weights ?? {}).map(([n, d]) => tensor(n, d)),
    ...Object.entries(g.ints ?? {}).map(([n, v]) => tensor(n, [v.length], v)),
    ...Object.entries(g.floats ?? {}).map(([n, v]) => tensor(n, v.length === 1 ? [] : [v.length], undefined, v)),
    ...Object.entries(g.typed ?? {}).map(([name, t]) => ({
      name,
      dims: t.dims,
      data_type: t.type,
      int32_data: t.values,
    })),
  ];
  const outputs = g.outputs ?? [g.nodes[g.nodes.length - 1].out[0]];
  return OnnxTypes.Model.encode({
    ir_version: 7,
    opset_import: [{ domain: '', version: g.opset ?? 13 }],
    graph: {
      name: 'hand-built',
      node: g.nodes.map(nodeOf),
      initializer: inits,
      input: [
        info('x', g.input),
        ...Object.entries(g.extraInputs ?? {}).map(([n, d]) => info(n, d)),
        ...(g.initializersAsInputs ? inits.map((t) => info(t.name, t.dims)) : []),
      ],
      output: outputs.map((o) => info(o, g.outputShapes?.[o] ?? null)),
      value_info: Object.entries(g.valueInfo ?? {}).map(([n, d]) => info(n, d)),
    },
  });
}

export type Graph = Parameters<typeof onnx>[0];

/**
 * A hand-built graph imported (a refusal throws) and evaluated: the result, the rows and totals in
 * `conventions` (onnx-tool by default), and the output shapes as the file shows them.
 */
export function importBuilt(
  g: Graph,
  opts: { opset?: number; inputShapes?: Record<string, number[]>; conventions?: string[] } = {},
) {
  const r = importOnnx(onnx({ opset: opts.opset ?? 13, ...g }), 't.onnx', { inputShapes: opts.inputShapes });
  if (!r.ok) throw new Error(r.error);
  const e = evaluateModel(r.model, { conventions: opts.conventions ?? ['onnx-tool'] });
  return { r, e, shapes: fileShapes(r.model, e) };
}
