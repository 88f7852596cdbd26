/**
 * Constant tensor operands of a Where (its condition — a causal mask the exporter sliced from a stored
 * buffer —, or a tensor x or y): each becomes a `parameter` row with `buffer` (a constant the file stores,
 * not learned; onnx-tool counts it among its weights as every initializer a node reads) of the data's
 * rank: leading 1s dropped, then 1s put in front, so the where kind broadcasts it as ONNX does. A one-value
 * x or y stays out: it is the where kind's field (math-ops.ts).
 */
import type { GraphNode } from '../graph';
import type { OnnxNode, OnnxTensor } from './decode';

/** What the builder offers (builder.ts): constants, the data values and their shapes, a way to add rows. */
export interface OperandDeps {
  constant(name: string): OnnxTensor | undefined;
  readonly shapes: { get(v: string): readonly number[] | null | undefined };
  readonly data: ReadonlySet<string>;
  push(node: GraphNode): void;
}

/**
 * The node's inputs in order — `data`, its computed ones as the builder resolved them, and constants as
 * parameter rows —, or null when a constant cannot be one.
 */
export function whereOperands(n: OnnxNode, data: readonly string[], deps: OperandDeps): string[] | null {
  const rank = data.length ? deps.shapes.get(data[0])?.length : undefined;
  if (rank === undefined || n.inputs.length !== 3) return null;
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
    if (at > 0 && numel === 1) continue; // the where kind's x / y field
    const dims = k.dims.slice();
    while (dims.length > rank && dims[0] === 1) dims.shift();
    if (dims.length > rank || dims.some((d) => d < 1)) return null;
    while (dims.length < rank) dims.unshift(1);
    const param = `${n.outputs[0]}:operand${at}`;
    deps.push({
      label: `${n.name || n.opType} (constant ${['condition', 'x', 'y'][at]})`,
      op: 'layers',
      layers: [{ type: 'parameter', shape: dims, buffer: true }],
      inputs: [],
      output: param,
    });
    out.push(param);
  }
  return out;
}
