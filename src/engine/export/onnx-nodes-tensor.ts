/**
 * ONNX export, the kinds of graphs and transformers: layers that take several inputs (`from`), learned
 * tensors, tensor indexing and reshaping, and attention written as torch.onnx writes it (projections
 * as MatMul, heads by Reshape and Transpose, Softmax between two MatMuls). Dims in FlopLab's fields count
 * the batch as 0, as ONNX axes do, so a dim is an axis as it stands (negative ones count from the end).
 * Each kind is written with the operators the importer reads back (docs/import-export.md).
 */
import type { Shape } from '../format/model';
import type { Params } from '../layers/kind';
import { int, ints, str, type Attr } from './onnx-attrs';
import type { NodeSink } from './onnx-nodes';
import { say } from '../messages';

type In = readonly (readonly [string, Shape])[];
/** A dim as an ONNX axis of a tensor of `rank` dims, the batch included. */
const axisOf = (d: number, rank: number) => (d < 0 ? d + rank : d);
const BINARY: Readonly<Record<string, string>> = { add: 'Add', mul: 'Mul', sub: 'Sub', div: 'Div' };
const VARIADIC: Readonly<Record<string, string>> = { maximum: 'Max', minimum: 'Min' };
const COMPARE: Readonly<Record<string, string>> = {
  gt: 'Greater',
  lt: 'Less',
  ge: 'GreaterOrEqual',
  le: 'LessOrEqual',
  eq: 'Equal',
  and: 'And',
  or: 'Or',
  xor: 'Xor',
  not: 'Not',
};
const LOGIC = new Set(['and', 'or', 'xor', 'not']);
/** TensorProto.DataType BOOL, the type of comparisons (Cast's `to`). */
export const BOOL = 9;
const REDUCE: Readonly<Record<string, string>> = {
  sum: 'ReduceSum',
  amax: 'ReduceMax',
  amin: 'ReduceMin',
  prod: 'ReduceProd',
  l1: 'ReduceL1',
  l2: 'ReduceL2',
  sumsquare: 'ReduceSumSquare',
  logsum: 'ReduceLogSum',
  logsumexp: 'ReduceLogSumExp',
};

/** One leaf layer of these kinds written through `w`; returns its output value, or "!reason". */
export function tensorNodes(
  w: NodeSink,
  type: string,
  p: Params,
  ins: In,
  out: Shape,
  label: string,
  name: string | undefined,
): string {
  const [x, inp] = ins[0];
  const R = inp.length + 1;
  const named = (op: string, inputs: string[], attrs: Attr[] = [], outputs = 1) =>
    w.op(op, inputs, label, attrs, outputs, name)[0];
  const i64 = (base: string, v: number[], dims?: number[]) => w.constant(base, v, 'int64', dims);
  // Per-sample shapes broadcast from the last dim; with the batch in front, a shorter operand gets
  // size-1 dims after its batch so that the batches line up ([N, D] + [N, L, D] → [N, 1, D]).
  const lift = (v: readonly [string, Shape], rank: number): string => {
    const k = rank - 1 - v[1].length;
    if (k <= 0) return v[0];
    const axes = Array.from({ length: k }, (_d, i) => i + 1);
    return w.op('Unsqueeze', [v[0], i64('axes', axes)], label)[0];
  };
  const R_OUT = out.length + 1;
  const batched = (v: readonly [string, Shape]): string =>
    w.batch > 1 && w.unbatched.has(v[0]) ? w.op('Expand', [v[0], i64('shape', [w.batch, ...v[1]])], label)[0] : v[0];
  switch (type) {
    case 'parameter': {
      // One copy of a learned tensor, [1, …] (no batch): broadcast where it is read, expanded to the
      // batch only where an operator needs equal batches (Concat, Einsum), as torchvision expands its
      // class token (`expand(n, -1, -1)`) and adds its position embedding as it is.
      const t = w.op('Identity', [w.weight(label, [1, ...(p.shape as number[])])], label, [], 1, name)[0];
      w.unbatched.add(t);
      return t;
    }
    case 'add':
    case 'mul':
    case 'sub':
    case 'div': {
      const op = BINARY[type];
      if (p.scalar !== undefined) return named(op, [x, w.constant('scalar', [p.scalar as number], 'float', [])]);
      if (ins.length === 1) return named('Identity', [x]);
      // ONNX's arithmetic takes two operands: more are combined left to right.
      let acc = lift(ins[0], R_OUT);
      for (let i = 1; i < ins.length; i++)
        acc = w.op(op, [acc, lift(ins[i], R_OUT)], label, [], 1, i === ins.length - 1 ? name : undefined)[0];
      return acc;
    }
    case 'maximum':
    case 'minimum':
      return named(
        VARIADIC[type],
        ins.map((v) => lift(v, R_OUT)),
      );
    case 'pow':
      // The exponent of fed_exponent is no value of the model (its shape and values unknown): nothing to write.
      if (p.fed_exponent) return '!' + say('export.powFed');
      if (p.base !== undefined) return named('Pow', [w.constant('base', [p.base as number], 'float', []), x]);
      return named('Pow', [lift(ins[0], R_OUT), lift(ins[1], R_OUT)]);
    case 'cat':
      return named('Concat', ins.map(batched), [int('axis', axisOf(p.dim as number, R))]);
    case 'compare': {
      // A comparison gives booleans (the writer casts them back to float where another kind reads
      // them); the logic ops take booleans, so other values are cast to them first.
      const op = p.op as string;
      const asBool = (v: string) => (w.bools.has(v) ? v : w.op('Cast', [v], label, [int('to', BOOL)])[0]);
      const operands = ins.map((v) => (LOGIC.has(op) ? asBool(v[0]) : v[0]));
      if (p.scalar !== undefined && op !== 'not')
        operands.push(
          LOGIC.has(op)
            ? asBool(w.constant('scalar', [p.scalar as number], 'float', []))
            : w.constant('scalar', [p.scalar as number], 'float', []),
        );
      const y = named(COMPARE[op], operands);
      w.bools.add(y);
      return y;
    }
    case 'where': {
      // Condition, then x and y: each a named input or the layer's number.
      const cond = w.bools.has(x) ? x : w.op('Cast', [x], label, [int('to', BOOL)])[0];
      let k = 1;
      const operand = (f: 'x' | 'y') =>
        p[f] !== undefined ? w.constant(f, [p[f] as number], 'float', []) : floatOf(w, ins[k++][0], label);
      const a = operand('x');
      return named('Where', [cond, a, operand('y')]);
    }
    case 'matmul':
      return named('MatMul', [ins[0][0], ins[1][0]]);
    case 'einsum': {
      // FlopLab's equation is per sample: a letter no operand uses becomes the batch of each.
      const eq = (p.equation as string).replace(/\s/g, '');
      const b = [...'zyxwvutsrqponmlkjihgfedcbaZYXWVUTSRQPONMLKJIHGFEDCBA'].find((c) => !eq.includes(c));
      if (!b) return '!' + say('export.einsumLetters');
      const [lhs, rhs] = eq.split('->');
      const equation = `${lhs
        .split(',')
        .map((t) => b + t)
        .join(',')}->${b}${rhs}`;
      return named('Einsum', ins.map(batched), [str('equation', equation)]);
    }
    case 'sdpa':
      return attend(w, ins[0], ins[1][0], ins[2][0], label, name);
    case 'attention':
      return selfAttention(w, p, ins[0], label, name);
    case 'pad': {
      // F.pad's (before, after) pairs run from the last dim; ONNX wants all begins, then all ends.
      const pairs = p.pad as number[];
      const begin = Array<number>(R).fill(0);
      const end = Array<number>(R).fill(0);
      for (let k = 0; 2 * k < pairs.length; k++) {
        begin[R - 1 - k] = pairs[2 * k];
        end[R - 1 - k] = pairs[2 * k + 1] ?? 0;
      }
      return named('Pad', [x, i64('pads', [...begin, ...end])], [str('mode', 'constant')]);
    }
    case 'slice': {
      const axis = axisOf(p.dim as number, R);
      const v = (k: string, d: number) => i64(k, [(p[k] as number | undefined) ?? d]);
      return named('Slice', [x, v('start', 0), v('end', 1e9), i64('axes', [axis]), v('step', 1)]);
    }
    case 'select':
      return named('Gather', [x, i64('index', [p.index as number], [])], [int('axis', axisOf(p.dim as number, R))]);
    case 'indexselect':
      return named('Gather', [x, i64('index', p.index as number[])], [int('axis', axisOf(p.dim as number, R))]);
    case 'take': {
      // The indices are run-time values of a known shape: zeros of that shape (no count reads them).
      const dims = (p.indexShape as number[] | undefined) ?? [];
      const n = dims.reduce((a, b) => a * b, 1);
      return named(
        'Gather',
        [x, i64('index', Array<number>(n).fill(0), dims)],
        [int('axis', axisOf(p.dim as number, R))],
      );
    }
    case 'gather': {
      const axis = int('axis', axisOf(p.dim as number, R));
      if (ins.length > 1) {
        const index = w.op('Cast', [ins[1][0]], label, [int('to', 7)])[0];
        return named('GatherElements', [x, index], [axis]);
      }
      const dims = [w.batch, ...(p.indexShape as number[])];
      const n = dims.reduce((a, b) => a * b, 1);
      return named('GatherElements', [x, i64('index', Array<number>(n).fill(0), dims)], [axis]);
    }
    case 'embedding': {
      const ids = w.op('Cast', [x], label, [int('to', 7)])[0];
      return named('Gather', [w.weight(`${label}.weight`, [p.vocab as number, p.dim as number]), ids]);
    }
    case 'transpose': {
      const perm = Array.from({ length: R }, (_d, i) => i);
      const a = axisOf(p.dim0 as number, R);
      const b = axisOf(p.dim1 as number, R);
      [perm[a], perm[b]] = [perm[b], perm[a]];
      return named('Transpose', [x], [ints('perm', perm)]);
    }
    case 'expand':
      return named('Expand', [lift(ins[0], R_OUT), i64('shape', [1, ...(p.shape as number[])])]);
    case 'tile':
      return named('Tile', [x, i64('repeats', [1, ...(p.repeats as number[])])]);
    case 'squeeze':
      return named('Squeeze', [x, i64('axes', [axisOf(p.dim as number, R)])]);
    case 'unsqueeze':
      return named('Unsqueeze', [x, i64('axes', [axisOf(p.dim as number, R + 1)])]);
    case 'reduce': {
      const axes = (p.dims as number[]).map((d) => axisOf(d, R));
      return named(REDUCE[p.op as string], [x, i64('axes', axes)], [int('keepdims', p.keepdim ? 1 : 0)]);
    }
    case 'cumsum':
      return named(
        'CumSum',
        [x, i64('axis', [axisOf(p.dim as number, R)], [])],
        [int('exclusive', p.exclusive ? 1 : 0), int('reverse', p.reverse ? 1 : 0)],
      );
    case 'topk': {
      const attrs = [int('axis', axisOf(p.dim as number, R)), int('largest', p.largest === false ? 0 : 1)];
      return named('TopK', [x, i64('k', [p.k as number])], attrs, 2);
    }
    case 'roll':
      return roll(w, p, ins[0], label, name);
    case 'l2norm': {
      // SSD's Normalize: x / ‖x‖₂ over the channels (or over C·H·W across_spatial), times a learned scale.
      const axes = p.across_spatial ? Array.from({ length: R - 1 }, (_d, i) => i + 1) : [1];
      const norm = w.op('ReduceL2', [x, i64('axes', axes)], label, [int('keepdims', 1)])[0];
      // ssd.pytorch's L2Norm adds its eps to the norm (one add per norm, as the kind counts).
      const eps = w.op('Add', [norm, w.constant('eps', [1e-10], 'float', [])], label)[0];
      const unit = w.op('Div', [x, eps], label)[0];
      const scale = w.weight(`${label}.weight`, p.channel_shared ? [1] : [inp[0], ...inp.slice(1).map(() => 1)]);
      return named('Mul', [unit, scale]);
    }
    case 'opaque':
      // A file's operator no kind models: FlopLab knows its shape, not what it computes.
      return '!' + say('export.opaque', { op: String(p.op) });
    default:
      return '!' + say('export.layerType', { type });
  }
}

/** A value as float: a comparison's booleans cast back (as PyTorch promotes them in arithmetic). */
export function floatOf(w: NodeSink, v: string, label: string): string {
  return w.bools.has(v) ? w.op('Cast', [v], label, [int('to', 1)])[0] : v;
}

/** softmax(q/√d · kᵀ)·v on the last two dims. */
function attend(
  w: NodeSink,
  q: readonly [string, Shape],
  k: string,
  v: string,
  label: string,
  name: string | undefined,
): string {
  const R = q[1].length + 1;
  const perm = Array.from({ length: R }, (_d, i) => i);
  [perm[R - 2], perm[R - 1]] = [perm[R - 1], perm[R - 2]];
  const kt = w.op('Transpose', [k], label, [ints('perm', perm)])[0];
  // q is scaled before the product (L·d multiplies, as the sdpa and attention kinds count it).
  const d = q[1][q[1].length - 1];
  const scaled = w.op('Mul', [q[0], w.constant('scale', [1 / Math.sqrt(d)], 'float', [])], label)[0];
  const scores = w.op('MatMul', [scaled, kt], label)[0];
  const probs = w.op('Softmax', [scores], label, [int('axis', -1)])[0];
  return w.op('MatMul', [probs, v], label, [], 1, name)[0];
}

/**
 * nn.MultiheadAttention (batch_first) on [L, E] as torch.onnx writes it: the packed input projection
 * (MatMul by [E, 3E], Add of the bias), Split into q, k, v, heads by Reshape [N, L, H, hd] and
 * Transpose, attention per head, heads joined back, the output projection.
 */
function selfAttention(
  w: NodeSink,
  p: Params,
  input: readonly [string, Shape],
  label: string,
  name: string | undefined,
): string {
  const [x, [L, E]] = input;
  const H = p.heads as number;
  const hd = E / H;
  const linear = (v: string, part: string, o: number, last?: string) => {
    const y = w.op('MatMul', [v, w.weight(`${label}.${part}_weight`, [E, o])], label)[0];
    if (!p.bias) return y;
    return w.op('Add', [y, w.weight(`${label}.${part}_bias`, [o])], label, [], 1, last)[0];
  };
  const qkv = linear(x, 'in_proj', 3 * E);
  const split = w.op('Split', [qkv, w.constant('split', [E, E, E], 'int64')], label, [int('axis', -1)], 3);
  const heads = split.map((t) => {
    const r = w.op('Reshape', [t, w.constant('shape', [0, L, H, hd], 'int64')], label)[0];
    return w.op('Transpose', [r], label, [ints('perm', [0, 2, 1, 3])])[0];
  });
  const o = attend(w, [heads[0], [H, L, hd]], heads[1], heads[2], label, undefined);
  const joined = w.op('Transpose', [o], label, [ints('perm', [0, 2, 1, 3])])[0];
  const flat = w.op('Reshape', [joined, w.constant('shape', [0, L, E], 'int64')], label)[0];
  const y = linear(flat, 'out_proj', E, name);
  return p.bias ? y : w.op('Identity', [y], label, [], 1, name)[0];
}

/** torch.roll along each dim: the last `shift` elements moved to the front, by Slice and Concat. */
function roll(w: NodeSink, p: Params, input: readonly [string, Shape], label: string, name?: string): string {
  const [x0, inp] = input;
  const R = inp.length + 1;
  const dims = p.dims as number[];
  const shifts = p.shifts as number[];
  let x = x0;
  dims.forEach((d, i) => {
    const axis = axisOf(d, R);
    const n = inp[axis - 1];
    const s = (((shifts[i] ?? 0) % n) + n) % n;
    if (s === 0) return;
    const part = (a: number, b: number) =>
      w.op(
        'Slice',
        [x, w.constant('start', [a], 'int64'), w.constant('end', [b], 'int64'), w.constant('axes', [axis], 'int64')],
        label,
      )[0];
    x = w.op(
      'Concat',
      [part(n - s, n), part(0, n - s)],
      label,
      [int('axis', axis)],
      1,
      i === dims.length - 1 ? name : undefined,
    )[0];
  });
  return x === x0 ? w.op('Identity', [x], label, [], 1, name)[0] : x;
}
