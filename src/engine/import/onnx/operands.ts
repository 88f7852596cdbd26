/**
 * Constant operands of binary ops (constantOperand: a scalar field or a parameter row; biasAdd: a
 * linear layer's bias; constantMul: a layer scale), and constant tensor operands of a Where (its condition — a causal mask the exporter sliced from a stored
 * buffer —, or a tensor x or y) or of a comparison (a threshold per channel): each becomes a `parameter` row with `buffer` (a constant the file stores,
 * not learned; onnx-tool counts it among its weights as every initializer a node reads) of the data's
 * rank: leading 1s dropped, then 1s put in front, so the kind broadcasts it as ONNX does. A one-value
 * x or y, or a comparison's one-value operand, stays out: it is the kind's field (math-ops.ts).
 */
import type { LayerSpec } from '../../format/model';
import type { GraphNode } from '../graph';
import type { OnnxNode, OnnxTensor } from './decode';

/** What the builder offers (builder.ts): constants, the data values and their shapes, a way to add rows. */
export interface OperandDeps {
  constant(name: string): OnnxTensor | undefined;
  readonly shapes: { get(v: string): readonly number[] | null | undefined };
  readonly data: ReadonlySet<string>;
  push(node: GraphNode): void;
  /** The rows so far, and which one writes each value (a bias Add folds into the linear row before it). */
  readonly nodes: GraphNode[];
  readonly producer: ReadonlyMap<string, number>;
  /** The graph input's batch, values whose first dim merges it (batch-axis.ts), and a data input as read (recurrent layouts). */
  readonly batch: number;
  readonly lead: { readonly merged: Set<string> };
  readonly seq: { resolve(v: string, n: OnnxNode): string };
}

/** Max / Min of a tensor and a constant: the constant is a parameter operand (no `scalar` field on these kinds). */
const MIN_MAX: Readonly<Record<string, string>> = { Max: 'maximum', Min: 'minimum' };

/**
 * x + c, x · c, c − x, x / c with a constant c: a scalar is the binary kind's `scalar`; a tensor
 * (a position embedding, a per-channel scale or shift) is a parameter of its shape, leading 1s
 * dropped (the batch broadcasts), taken with the data by the binary kind — the file's weights
 * stay weights and the op counts one per output element.
 */
export function constantOperand(n: OnnxNode, x: string, deps: OperandDeps): boolean {
  const at = n.inputs.findIndex((v) => v !== x);
  const k = at < 0 ? undefined : deps.constant(n.inputs[at]);
  if (!k || n.inputs.length !== 2) return false;
  const type = MIN_MAX[n.opType] ?? n.opType.toLowerCase();
  const label = n.name || n.opType;
  const named = n.name ? { name: n.name } : {};
  const numel = k.dims.reduce((a, b) => a * b, 1);
  if (numel === 1 && !MIN_MAX[n.opType]) {
    const v = k.values?.[0];
    const scalar = v === undefined || !Number.isFinite(v) ? 1 : Number(v.toPrecision(7));
    deps.push({
      label,
      op: 'layers',
      layers: [{ type, scalar, ...named } as LayerSpec],
      inputs: [x],
      output: n.outputs[0],
    });
    return true;
  }
  // The binary kinds take operands of the data's rank (batch left out): leading 1s (the batch,
  // broadcast dims) dropped, then 1s put in front up to that rank.
  const rank = deps.shapes.get(x)?.length;
  if (rank === undefined) return false;
  const dims = k.dims.slice();
  while (dims.length > rank && dims[0] === 1) dims.shift();
  if (dims.length > rank || dims.some((d) => d < 1)) return false;
  while (dims.length < rank) dims.unshift(1);
  const param = `${n.outputs[0]}:constant`;
  deps.push({
    label: `${label} (constant)`,
    op: 'layers',
    layers: [{ type: 'parameter', shape: dims }],
    inputs: [],
    output: param,
  });
  const from = at === 0 ? [param, x] : [x, param];
  if (type === 'add' || type === 'mul') deps.push({ label, ...named, op: type, inputs: from, output: n.outputs[0] });
  else
    deps.push({ label, op: 'layers', layers: [{ type, ...named } as LayerSpec], inputs: from, output: n.outputs[0] });
  return true;
}

/** Add of a constant vector right after a bias-free MatMul is that linear layer's bias. */
export function biasAdd(n: OnnxNode, x: string, deps: OperandDeps): boolean {
  const at = deps.producer.get(x);
  const prev = at === undefined ? undefined : deps.nodes[at];
  const last = prev?.layers?.[prev.layers.length - 1];
  const k = n.inputs.map((v) => deps.constant(v)).find(Boolean);
  // A bias has the layer's out features; a one-value (or other) constant is an operand of its own.
  if (!prev || last?.type !== 'linear' || last.bias !== false || k?.dims.length !== 1 || k.dims[0] !== last.out)
    return false;
  deps.nodes[at as number] = { ...prev, layers: [...(prev.layers ?? []).slice(0, -1), { ...last, bias: true }] };
  deps.push({ label: n.name || n.opType, op: 'layers', layers: [], inputs: [x], output: n.outputs[0] });
  return true;
}

/** Mul by a [C, 1, 1] constant is a per-channel scale (ConvNeXt's layer scale). */
export function constantMul(n: OnnxNode, x: string, deps: OperandDeps): boolean {
  // On a [C, H, W] map only: a [heads, 1, 1] scale of Swin's [windows, heads, N, N] is an operand.
  if (deps.shapes.get(x)?.length !== 3) return false;
  const k = n.inputs.map((v) => deps.constant(v)).find(Boolean);
  const d = k?.dims.filter((v, i, all) => !(i === 0 && all.length === 4 && v === 1)) ?? [];
  if (d.length !== 3 || d[1] !== 1 || d[2] !== 1) return false;
  const spec = { type: 'layerscale', ...(n.name ? { name: n.name } : {}) };
  deps.push({ label: n.name || n.opType, op: 'layers', layers: [spec], inputs: [x], output: n.outputs[0] });
  return true;
}

/**
 * The node's inputs in order — `data`, its computed ones as the builder resolved them, and constants as
 * parameter rows —, or null when a constant cannot be one. `field(at)`: a one-value constant there is a
 * field of the kind instead (Where's x / y, a comparison's scalar), left out.
 */
function operandsInOrder(
  n: OnnxNode,
  data: readonly string[],
  deps: OperandDeps,
  role: readonly string[],
  field: (at: number) => boolean,
): string[] | null {
  const rank = data.length ? deps.shapes.get(data[0])?.length : undefined;
  if (rank === undefined || n.inputs.length !== role.length) return null;
  const out: string[] = [];
  let next = 0;
  for (const [at, v] of n.inputs.entries()) {
    if (deps.data.has(v)) {
      out.push(data[next++]);
      continue;
    }
    const k = deps.constant(v);
    if (!k) return null;
    const numel = k.dims.reduce((a, b) => a * b, 1);
    if (numel === 1 && field(at)) continue;
    const dims = k.dims.slice();
    while (dims.length > rank && dims[0] === 1) dims.shift();
    if (dims.length > rank || dims.some((d) => d < 1)) return null;
    while (dims.length < rank) dims.unshift(1);
    const param = `${n.outputs[0]}:operand${at}`;
    deps.push({
      label: `${n.name || n.opType} (constant ${role[at]})`,
      op: 'layers',
      layers: [{ type: 'parameter', shape: dims, buffer: true }],
      inputs: [],
      output: param,
    });
    out.push(param);
  }
  return out;
}

/** Where's condition, x and y in order; a one-value x or y is the where kind's field. */
export const whereOperands = (n: OnnxNode, data: readonly string[], deps: OperandDeps): string[] | null =>
  operandsInOrder(n, data, deps, ['condition', 'x', 'y'], (at) => at > 0);

/**
 * A comparison's two operands in order (a threshold tensor compared with the data); a one-value
 * constant is the compare kind's `scalar` (math-ops.ts).
 */
export const compareOperands = (n: OnnxNode, data: readonly string[], deps: OperandDeps): string[] | null =>
  operandsInOrder(n, data, deps, ['A', 'B'], () => true);

/**
 * A Concat of computed and constant tensors (a ViT's class token, expanded to the batch, before
 * the patches): each constant becomes a parameter of its shape without the batch, in its place.
 * Joined with a merged value with a batch of one, the constant is one sample's tensor whole
 * (torchvision's box index column): a buffer, no learned weight. The data inputs as given when a
 * constant cannot be one.
 */
export function concatOperands(n: OnnxNode, data: string[], deps: OperandDeps): string[] {
  const out: string[] = [];
  const merged = deps.lead.merged.has(data[0]) && deps.batch === 1;
  for (const v of n.inputs) {
    if (deps.data.has(v)) {
      out.push(deps.seq.resolve(v, n));
      continue;
    }
    const k = deps.constant(v);
    const dims = merged ? k?.dims : k?.dims.slice(1);
    if (!k || !dims?.length || k.dims.length < 2 || dims.some((d) => d < 1)) return data;
    const param = `${v}:constant`;
    if (!deps.data.has(param))
      deps.push({
        label: `${v} (constant)`,
        op: 'layers',
        layers: [{ type: 'parameter', shape: dims, ...(merged ? { buffer: true } : {}) }],
        inputs: [],
        output: param,
      });
    if (merged) deps.lead.merged.add(param);
    out.push(param);
  }
  return out;
}
