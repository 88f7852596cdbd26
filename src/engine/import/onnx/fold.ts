/**
 * Constant folding, as onnx-tool and onnxruntime do before they count: nodes whose inputs are all
 * constants (initializers, Constant nodes, earlier folded nodes) — and Shape/Size of a data value
 * whose shape is known — are computed here instead of becoming layers. Exporters build weights
 * this way (a ConstantOfShape filled tensor, a Reshape of an initializer) and compute reshape
 * targets from shapes (Shape → Gather → Unsqueeze → Concat); folded, those are weights and
 * constant targets again. Only dims are needed for big tensors; values are kept for small ones
 * (≤ SMALL), which is all shape arithmetic uses. Semantics: onnx/docs/Operators.md.
 */
import type { OnnxNode, OnnxTensor } from './decode';

const SMALL = 64;
const INT64 = 7;
const FLOAT = 1;

export interface FoldContext {
  constant(name: string): OnnxTensor | undefined;
  /** Full shape (batch first) of a data value, when known. */
  shapeOf(name: string): readonly number[] | null;
}

const numel = (dims: readonly number[]) => dims.reduce((a, b) => a * b, 1);
const tensor = (dims: number[], dataType: number, values?: number[]): OnnxTensor =>
  values && values.length === numel(dims) && values.length <= SMALL ? { dims, dataType, values } : { dims, dataType };
const intAttr = (n: OnnxNode, k: string, d: number) => n.attrs.get(k)?.i ?? d;
const axisOf = (a: number, rank: number) => (a < 0 ? a + rank : a);

/** The tensor a Constant node holds (value, or one of the value_* attributes). */
export function constantOf(n: OnnxNode): OnnxTensor | undefined {
  const a = n.attrs;
  const t = a.get('value')?.t;
  if (t) return t;
  const f = a.get('value_float')?.f ?? a.get('value_int')?.i;
  if (f !== undefined) return { dims: [], dataType: 1, values: [f] };
  const list = a.get('value_floats')?.floats ?? a.get('value_ints')?.ints;
  return list ? { dims: [list.length], dataType: 1, values: list } : undefined;
}

/** Ops this folder computes from constant inputs. */
export const FOLDABLE = new Set([
  'Shape',
  'Size',
  'Gather',
  'Unsqueeze',
  'Squeeze',
  'Concat',
  'Cast',
  'Identity',
  'Reshape',
  'Flatten',
  'ConstantOfShape',
  'Slice',
  'Add',
  'Sub',
  'Mul',
  'Div',
  'Transpose',
  'Expand',
  'Range',
  'Equal',
  'Greater',
  'Less',
  'GreaterOrEqual',
  'LessOrEqual',
  'Not',
  'And',
  'Or',
  'Where',
  'Sqrt',
  'Neg',
  'Floor',
  'Ceil',
  'DequantizeLinear',
  'Tile',
  'ReduceMax',
  'ReduceMin',
  'ReduceSum',
  'ReduceProd',
  'Max',
  'Min',
  'Mod',
  'Reciprocal',
  'Abs',
]);

const REDUCERS: Readonly<Record<string, (a: number, b: number) => number>> = {
  ReduceMax: Math.max,
  ReduceMin: Math.min,
  ReduceSum: (a, b) => a + b,
  ReduceProd: (a, b) => a * b,
};

/**
 * A reduction of a constant (torchvision's transform takes the largest image size): the output's
 * dims, and its value when every dim is reduced.
 */
function reduce(n: OnnxNode, x: OnnxTensor, axesInput: number[] | undefined): OnnxTensor | null {
  const r = x.dims.length;
  const given = n.attrs.get('axes')?.ints ?? axesInput;
  if (!given?.length && intAttr(n, 'noop_with_empty_axes', 0)) return x;
  const axes = new Set((given?.length ? given : x.dims.map((_d, i) => i)).map((a) => axisOf(Number(a), r)));
  const keep = intAttr(n, 'keepdims', 1) !== 0;
  const dims = x.dims.flatMap((d, i) => (axes.has(i) ? (keep ? [1] : []) : [d]));
  const all = axes.size === r;
  const f = REDUCERS[n.opType];
  return tensor(dims, x.dataType, all && x.values?.length ? [x.values.reduce((p, q) => f(p, q))] : undefined);
}

/** Folds one node; null when it cannot be computed here (the node is then handled as an operator). */
export function fold(n: OnnxNode, ctx: FoldContext): OnnxTensor | null {
  const c = (i: number) => (n.inputs[i] ? ctx.constant(n.inputs[i]) : undefined);
  const x = c(0);
  switch (n.opType) {
    case 'Shape': {
      const s = ctx.shapeOf(n.inputs[0]) ?? x?.dims;
      if (!s) return null;
      const r = s.length;
      const start = axisOf(intAttr(n, 'start', 0), r);
      const end = axisOf(n.attrs.get('end')?.i ?? r, r);
      const v = s.slice(Math.max(0, start), Math.min(r, end));
      return tensor([v.length], INT64, v.slice());
    }
    case 'Size': {
      const s = ctx.shapeOf(n.inputs[0]) ?? x?.dims;
      return s ? tensor([], INT64, [numel(s)]) : null;
    }
    case 'Identity':
    case 'Cast':
      return x ? { ...x, dataType: n.opType === 'Cast' ? intAttr(n, 'to', x.dataType) : x.dataType } : null;
    case 'ConstantOfShape': {
      // An empty shape (dims [0], no values stored) is a scalar: torchvision's anchor grid starts from one.
      const dims = x?.values ?? (x && numel(x.dims) === 0 ? [] : undefined);
      if (!dims) return null;
      const fill = n.attrs.get('value')?.t?.values?.[0] ?? 0;
      const d = dims.map(Number);
      // Values only for small tensors: a 60 M-element weight needs its dims, not 60 M zeros.
      const k = numel(d);
      const values = k <= SMALL ? new Array<number>(k).fill(fill) : undefined;
      return tensor(d, n.attrs.get('value')?.t?.dataType ?? FLOAT, values);
    }
    case 'Reshape': {
      const target = c(1)?.values;
      if (!x || !target) return null;
      const total = numel(x.dims);
      const d = target.map((v, i) => (v === 0 ? (x.dims[i] ?? 1) : Number(v)));
      const known = numel(d.filter((v) => v !== -1));
      const out = d.map((v) => (v === -1 ? total / known : v));
      return numel(out) === total ? tensor(out, x.dataType, x.values) : null;
    }
    case 'Flatten': {
      if (!x) return null;
      const a = axisOf(intAttr(n, 'axis', 1), x.dims.length);
      return tensor([numel(x.dims.slice(0, a)), numel(x.dims.slice(a))], x.dataType, x.values);
    }
    case 'Unsqueeze':
    case 'Squeeze':
      return x ? squeeze(n, x, c(1)?.values) : null;
    case 'Concat': {
      const parts = n.inputs.map((v) => ctx.constant(v));
      if (parts.some((p) => !p) || !parts.length) return null;
      const ts = parts as OnnxTensor[];
      const r = ts[0].dims.length;
      const a = axisOf(intAttr(n, 'axis', 0), r);
      const dims = ts[0].dims.slice();
      dims[a] = ts.reduce((s, t) => s + (t.dims[a] ?? 1), 0);
      const values = r === 1 && ts.every((t) => t.values) ? ts.flatMap((t) => t.values as number[]) : undefined;
      return tensor(dims, ts[0].dataType, values);
    }
    case 'Gather': {
      const idx = c(1);
      if (!x || !idx) return null;
      const a = axisOf(intAttr(n, 'axis', 0), x.dims.length);
      const dims = [...x.dims.slice(0, a), ...idx.dims, ...x.dims.slice(a + 1)];
      let values: number[] | undefined;
      if (x.dims.length === 1 && x.values && idx.values)
        values = idx.values.map((i) => (x.values as number[])[i < 0 ? i + x.dims[0] : i]);
      return tensor(dims, x.dataType, values);
    }
    case 'Slice':
      return x ? slice(n, x, ctx) : null;
    case 'Transpose': {
      if (!x) return null;
      const perm = n.attrs.get('perm')?.ints ?? x.dims.map((_d, i) => x.dims.length - 1 - i);
      const dims = perm.map((p) => x.dims[p]);
      const values =
        x.values && numel(dims) <= SMALL
          ? gatherValues(x.dims, dims, (out) => x.dims.map((_d, a) => out[perm.indexOf(a)]), x.values)
          : undefined;
      return tensor(dims, x.dataType, values);
    }
    case 'Expand':
    case 'Tile': {
      const shape = c(1)?.values;
      if (!x || !shape) return null;
      if (n.opType === 'Tile')
        return tensor(
          x.dims.map((d, i) => d * Number(shape[i] ?? 1)),
          x.dataType,
        );
      return broadcast([x.dims, shape.map(Number)], x.dataType);
    }
    case 'Range': {
      const [s, l, d] = [c(0)?.values?.[0], c(1)?.values?.[0], c(2)?.values?.[0]];
      if (s === undefined || l === undefined || !d) return null;
      const count = Math.max(Math.ceil((l - s) / d), 0);
      return tensor(
        [count],
        x?.dataType ?? INT64,
        count <= SMALL ? Array.from({ length: count }, (_v, i) => s + i * d) : undefined,
      );
    }
    case 'DequantizeLinear':
      return x ? { dims: x.dims, dataType: FLOAT } : null;
    case 'ReduceMax':
    case 'ReduceMin':
    case 'ReduceSum':
    case 'ReduceProd':
      return x ? reduce(n, x, c(1)?.values) : null;
    case 'Where': {
      const ts = [c(0), c(1), c(2)];
      if (ts.some((t) => !t)) return null;
      const [cond, a, b] = ts as OnnxTensor[];
      const out = broadcast([cond.dims, a.dims, b.dims], a.dataType);
      if (!out || !cond.values || !a.values || !b.values || out.dims.length > 1) return out;
      const at = (t: OnnxTensor, i: number) => (t.values as number[])[t.values?.length === 1 ? 0 : i];
      const k = numel(out.dims);
      return tensor(
        out.dims,
        a.dataType,
        Array.from({ length: k }, (_v, i) => (at(cond, i) ? at(a, i) : at(b, i))),
      );
    }
    default:
      return elementwise(n, x, c(1));
  }
}

function squeeze(n: OnnxNode, x: OnnxTensor, axesInput: number[] | undefined): OnnxTensor | null {
  const axes = n.attrs.get('axes')?.ints ?? axesInput;
  if (n.opType === 'Unsqueeze') {
    if (!axes) return null;
    const r = x.dims.length + axes.length;
    const set = new Set(axes.map((a) => axisOf(Number(a), r)));
    const dims: number[] = [];
    let k = 0;
    for (let i = 0; i < r; i++) dims.push(set.has(i) ? 1 : x.dims[k++]);
    return tensor(dims, x.dataType, x.values);
  }
  const r = x.dims.length;
  const set = new Set((axes ?? x.dims.flatMap((d, i) => (d === 1 ? [i] : []))).map((a) => axisOf(Number(a), r)));
  return tensor(
    x.dims.filter((_d, i) => !set.has(i)),
    x.dataType,
    x.values,
  );
}

function slice(n: OnnxNode, x: OnnxTensor, ctx: FoldContext): OnnxTensor | null {
  const get = (i: number, attr: string) =>
    n.attrs.get(attr)?.ints ?? (n.inputs[i] ? ctx.constant(n.inputs[i])?.values : undefined);
  const starts = get(1, 'starts');
  const ends = get(2, 'ends');
  if (!starts || !ends) return null;
  const r = x.dims.length;
  const axes = (get(3, 'axes') ?? starts.map((_s, i) => i)).map((a) => axisOf(Number(a), r));
  const steps = get(4, '') ?? starts.map(() => 1);
  const dims = x.dims.slice();
  const ranges = new Map<number, [number, number, number]>();
  axes.forEach((a, i) => {
    const d = x.dims[a];
    const step = Number(steps[i]) || 1;
    const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v < 0 ? v + d : v, lo), hi);
    const s = step > 0 ? clamp(Number(starts[i]), 0, d) : clamp(Number(starts[i]), -1, d - 1);
    const e = step > 0 ? clamp(Number(ends[i]), 0, d) : clamp(Number(ends[i]), -1, d - 1);
    dims[a] = Math.max(0, Math.ceil((e - s) / step));
    ranges.set(a, [s, e, step]);
  });
  const src = x.values;
  const values =
    src && numel(dims) <= SMALL
      ? gatherValues(
          x.dims,
          dims,
          (out) => out.map((o, a) => (ranges.has(a) ? ranges.get(a)![0] + o * ranges.get(a)![2] : o)),
          src,
        )
      : undefined;
  return tensor(dims, x.dataType, values);
}

/**
 * Values of a small tensor of shape `outDims` taken from `src` (shape `inDims`, row-major): each
 * output index is mapped to the source index it reads. Slices and transposes of the pad lists
 * torch.onnx builds for F.pad ([[0, 64], [0, 0]] reversed and transposed) are 2-D.
 */
function gatherValues(
  inDims: readonly number[],
  outDims: readonly number[],
  sourceIndex: (out: number[]) => number[],
  src: readonly number[],
): number[] {
  const strides = inDims.map((_d, i) => numel(inDims.slice(i + 1)));
  const out: number[] = [];
  const idx = outDims.map(() => 0);
  for (let k = 0; k < numel(outDims); k++) {
    const at = sourceIndex(idx).reduce((s, v, i) => s + v * strides[i], 0);
    out.push(src[at]);
    for (let a = idx.length - 1; a >= 0; a--) {
      if (++idx[a] < outDims[a]) break;
      idx[a] = 0;
    }
  }
  return out;
}

function broadcast(shapes: readonly (readonly number[])[], dataType: number): OnnxTensor | null {
  const r = Math.max(...shapes.map((s) => s.length));
  const out = new Array<number>(r).fill(1);
  for (const s of shapes)
    for (let i = 0; i < s.length; i++) {
      const k = r - s.length + i;
      if (s[i] !== 1) {
        if (out[k] !== 1 && out[k] !== s[i]) return null;
        out[k] = s[i];
      }
    }
  return { dims: out, dataType };
}

const UNARY: Readonly<Record<string, (a: number) => number>> = {
  Sqrt: Math.sqrt,
  Neg: (a) => -a,
  Floor: Math.floor,
  Ceil: Math.ceil,
  Not: (a) => (a ? 0 : 1),
  // torchvision's transform: scale = min(min_size / min(H, W), max_size / max(H, W)) as a Reciprocal.
  Reciprocal: (a) => 1 / a,
  Abs: Math.abs,
};
const BINARY: Readonly<Record<string, (a: number, b: number) => number>> = {
  Add: (a, b) => a + b,
  Sub: (a, b) => a - b,
  Mul: (a, b) => a * b,
  Div: (a, b) => a / b,
  // Comparisons and logic give 0 / 1 (the conditions of If nodes on shapes: "is this dim 1?").
  Equal: (a, b) => (a === b ? 1 : 0),
  Greater: (a, b) => (a > b ? 1 : 0),
  Less: (a, b) => (a < b ? 1 : 0),
  GreaterOrEqual: (a, b) => (a >= b ? 1 : 0),
  LessOrEqual: (a, b) => (a <= b ? 1 : 0),
  And: (a, b) => (a && b ? 1 : 0),
  Or: (a, b) => (a || b ? 1 : 0),
  Max: Math.max,
  Min: Math.min,
  // fmod = 0 (integers): the result takes the divisor's sign, as Python's % (timm's pad = (7 − H % 7) % 7).
  Mod: (a, b) => ((a % b) + b) % b,
};

function elementwise(n: OnnxNode, a: OnnxTensor | undefined, b: OnnxTensor | undefined): OnnxTensor | null {
  const u = UNARY[n.opType];
  if (u) return a ? tensor(a.dims, a.dataType, a.values?.map(u)) : null;
  const f = n.opType === 'Mod' && intAttr(n, 'fmod', 0) ? (p: number, q: number) => p % q : BINARY[n.opType];
  if (!f || !a || !b) return null;
  const out = broadcast([a.dims, b.dims], a.dataType);
  if (!out) return null;
  const k = numel(out.dims);
  if (!a.values || !b.values || out.dims.length > 1 || k > SMALL) return out;
  const at = (t: OnnxTensor, i: number) => (t.values as number[])[t.values?.length === 1 ? 0 : i];
  // Integer tensors divide as integers (shape arithmetic: H / 2).
  const int = a.dataType === INT64 || a.dataType === 6;
  return tensor(
    out.dims,
    a.dataType,
    Array.from({ length: k }, (_v, i) => {
      const v = f(at(a, i), at(b, i));
      return int && n.opType === 'Div' ? Math.trunc(v) : v;
    }),
  );
}
