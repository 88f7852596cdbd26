/**
 * A Gemm whose B is computed or fed at run time (torch's `mm` and `addmm` of two inputs), not a
 * weight: read as what it does, `[Transpose(B)] → MatMul(A, B) → [Add(C)]`, so the product is the
 * matmul kind of two tensors and C an add. onnx-tool counts the same (GemmNode._profile_core:
 * volume(Y)·K, plus volume(Y) with C); alpha and beta are scalings it does not count, nor does
 * FlopLab's Gemm of a weight (`linear`). A Gemm of a constant B stays one `linear` row (ops.ts).
 */
import type { OnnxNode } from './decode';

const int = (n: OnnxNode, k: string) => Number(n.attrs.get(k)?.i ?? 0);

/** The nodes to read in place of `n`: `[n]` itself unless it is a Gemm of a data B. */
export function gemmOfData(n: OnnxNode, data: ReadonlySet<string>): OnnxNode[] {
  if (n.opType !== 'Gemm' || !data.has(n.inputs[1]) || int(n, 'transA')) return [n];
  const out = n.outputs[0];
  const nodes: OnnxNode[] = [];
  const part = (opType: string, inputs: string[], output: string, attrs = new Map()): OnnxNode => ({
    ...n,
    name: n.name && opType !== 'MatMul' ? `${n.name} (${opType === 'Add' ? '+ C' : 'Bᵀ'})` : n.name,
    opType,
    inputs,
    outputs: [output],
    attrs,
  });
  let b = n.inputs[1];
  if (int(n, 'transB')) {
    const t = `${out}:Bᵀ`;
    nodes.push(part('Transpose', [b], t, new Map([['perm', { type: 7, ints: [1, 0] }]])));
    b = t;
  }
  const c = n.inputs[2];
  const product = c ? `${out}:A·B` : out;
  nodes.push(part('MatMul', [n.inputs[0], b], product));
  if (c) nodes.push(part('Add', [product, c], out));
  return nodes;
}
