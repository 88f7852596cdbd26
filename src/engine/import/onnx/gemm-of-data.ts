/**
 * A Gemm, MatMulInteger or QLinearMatMul whose B is computed or fed at run time (torch's `mm` and
 * `addmm` of two inputs, ONNX's node tests), not a weight: read as what it does,
 * `[Transpose(A)] [Transpose(B)] → MatMul(A, B) → [Add(C)]`, so the product is the matmul kind of
 * two tensors and C an add. onnx-tool counts the same (GemmNode._profile_core: volume(Y)·K, plus
 * volume(Y) with C; MatMulIntegerNode and QLinearMatMulNode volume(Y)·K); alpha and beta are
 * scalings it does not count, nor does FlopLab's Gemm of a weight (`linear`), and the integer ops'
 * scales and zero points are the quantization FlopLab's linear of a constant B leaves out too.
 * A product of a constant B stays one `linear` row (ops.ts).
 */
import type { OnnxNode, OnnxTensor } from './decode';

const int = (n: OnnxNode, k: string) => Number(n.attrs.get(k)?.i ?? 0);

/** Where each op reads A and B. */
const OPERANDS: Readonly<Record<string, readonly [number, number]>> = {
  Gemm: [0, 1],
  MatMulInteger: [0, 1],
  QLinearMatMul: [0, 3],
};

/**
 * A Gemm of a stored B whose C is no bias of N values (C computed, or stored as [M, N], [M, 1], one
 * value, or a 0-d input): `Gemm(A, B)` → `Add(C)`, so C is an operand of its own shape and its stored
 * elements are counted as they are, not as a bias of N. The count is the same (volume(Y) adds).
 */
function splitC(n: OnnxNode, constant: Constant): OnnxNode[] | null {
  const [b, c] = [constant(n.inputs[1]), n.inputs[2]];
  if (n.opType !== 'Gemm' || !b || b.dims.length !== 2 || !c) return null;
  const cols = int(n, 'transB') ? b.dims[0] : b.dims[1];
  const k = constant(c)?.dims;
  if (k && (k.length === 1 || (k.length === 2 && k[0] === 1)) && k[k.length - 1] === cols) return null;
  const product = `${n.outputs[0]}:A·B`;
  return [
    { ...n, inputs: n.inputs.slice(0, 2), outputs: [product] },
    { ...n, name: n.name ? `${n.name} (+ C)` : n.name, opType: 'Add', inputs: [product, c], attrs: new Map() },
  ];
}

type Constant = (name: string) => OnnxTensor | undefined;

/** The nodes to read in place of `n`: `[n]` itself unless it is one of those of a data B (or a Gemm's C is no bias). */
export function gemmOfData(n: OnnxNode, data: ReadonlySet<string>, constant: Constant): OnnxNode[] {
  const at = OPERANDS[n.opType];
  if (!at) return [n];
  if (!data.has(n.inputs[at[1]]) || !data.has(n.inputs[at[0]]))
    return (data.has(n.inputs[0]) && splitC(n, constant)) || [n];
  const out = n.outputs[0];
  const nodes: OnnxNode[] = [];
  const part = (opType: string, inputs: string[], output: string, attrs = new Map()): OnnxNode => ({
    ...n,
    name:
      n.name && opType !== 'MatMul' ? `${n.name} (${opType === 'Add' ? '+ C' : output.slice(out.length + 1)})` : n.name,
    opType,
    inputs,
    outputs: [output],
    attrs,
  });
  const transposed = (v: string, key: string) => {
    if (!int(n, key)) return v;
    const t = `${out}:${key === 'transA' ? 'Aᵀ' : 'Bᵀ'}`;
    nodes.push(part('Transpose', [v], t, new Map([['perm', { type: 7, ints: [1, 0] }]])));
    return t;
  };
  const a = transposed(n.inputs[at[0]], 'transA');
  const b = transposed(n.inputs[at[1]], 'transB');
  const c = n.opType === 'Gemm' ? n.inputs[2] : undefined;
  const product = c ? `${out}:A·B` : out;
  nodes.push(part('MatMul', [a, b], product));
  if (c) nodes.push(part('Add', [product, c], out));
  return nodes;
}
