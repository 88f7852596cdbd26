/**
 * onnx-tool's count of the nodes FlopLab folds into constants (fold.ts): shape arithmetic (Shape →
 * Gather → Div → Unsqueeze → Concat), pad lists, weights built in the graph. onnx-tool's
 * model_profile folds nothing — its graph config's constant_folding is False by default
 * (onnx_tool/utils.py l. 10; graph.py __update_nodes_tensors__ removes constant nodes only when it
 * is set, l. 205) — so each such node is profiled by its rule in onnx_tool/node.py
 * (ThanatosShinji/onnx-tool @00f5f0a) on its small tensor: 91 MACs in torchvision's ShuffleNet
 * export (Add, Div, Mul on [1] per block), while Swin's Mod of two scalar Constants is a row of 0
 * (a scalar's volume is 0). This sums them for one `shapeops` row (layers/shapeops.ts) that only
 * the onnx-tool convention counts.
 */
import type { OnnxNode, OnnxTensor } from './decode';

/**
 * onnx-tool's volume (tensor.py l. 145): a scalar (shape []) has volume 0, so a node on scalars
 * counts 0 (Swin's padding arithmetic: Mod, Sub, Div of scalars are nodes with 0 MACs there).
 */
const volume = (dims: readonly number[]) => (dims.length ? dims.reduce((a, b) => a * b, 1) : 0);

/**
 * MACs per output element, node.py (line numbers @00f5f0a): ADD_MACS = MUL_MACS = CMP_MACS = 1,
 * DIV_MACS = 4, SQRT_MACS = 24, POW_MACS = EXP_MACS = 32 (l. 19–33). NpMathBase (l. 267) and PWNode
 * (l. 248) multiply by a ratio max(1, inputs − 1) set in __init__ before the graph adds the inputs,
 * so it is 1 (the onnx-tool convention's `maximum` note: Max of 3 inputs measured numel(Y)).
 */
const PER_OUTPUT: Readonly<Record<string, { k: number }>> = {
  Add: { k: 1 }, // AddNode (l. 296): NpMathBase, ADD_MACS
  Sub: { k: 1 }, // SubNode (l. 289): NpMathBase, ADD_MACS
  Mul: { k: 1 }, // MulNode (l. 363): MUL_MACS
  Div: { k: 4 }, // DivNode (l. 335): DIV_MACS
  Mod: { k: 1 }, // ModNode (l. 352): ADD_MACS
  Max: { k: 1 }, // MaxNode (l. 316): NpMathBase's ADD_MACS
  Min: { k: 1 }, // MinNode (l. 303): CMP_MACS
  Neg: { k: 1 }, // NegNode (l. 325): CMP_MACS
  Abs: { k: 1 }, // AbsNode (l. 374): CMP_MACS
  Ceil: { k: 1 }, // CeilNode (l. 385): NpMathBase's ADD_MACS
  Sqrt: { k: 24 }, // SqrtNode (l. 465): PWNode, SQRT_MACS
  Reciprocal: { k: 4 }, // ReciprocalNode (l. 1004): PWNode, DIV_MACS
  Pow: { k: 32 }, // PowNode (l. 476, _profile_core l. 491): volume(Y)·POW_MACS
  Less: { k: 1 }, // LessNode (l. 763, _profile_core l. 774): volume(Y)·CMP_MACS
  LessOrEqual: { k: 1 }, // LessOrEqualNode (l. 779) < LessNode
  Not: { k: 1 }, // NotNode (l. 793) < LessNode
  And: { k: 1 }, // AndNode (l. 800) < LessNode
  Or: { k: 1 }, // OrNode (l. 807) < LessNode
  Xor: { k: 1 }, // XorNode (l. 814) < LessNode
  Equal: { k: 1 }, // EqualNode (l. 2283, l. 2288): volume(Y)·CMP_MACS
  Floor: { k: 1 }, // FloorNode (l. 2293, l. 2298): volume(Y)·CMP_MACS
  Greater: { k: 1 }, // GreaterNode (l. 2486, l. 2491): volume(Y)·CMP_MACS
  GreaterOrEqual: { k: 1 }, // GreaterOrEqualNode (l. 2496) < GreaterNode
};

/** MACs per element of the first input: the reductions, ReduceMeanNode's volume(X) (l. 1908–1993). */
const PER_INPUT: Readonly<Record<string, number>> = {
  ReduceSum: 1, // ReduceSumNode (l. 1965) < ReduceMeanNode, ADD_MACS (l. 1943)
  ReduceProd: 1, // ReduceProdNode (l. 1949, l. 1958): MUL_MACS
  ReduceMin: 1, // ReduceMinNode (l. 1976, l. 1986): CMP_MACS
  ReduceMax: 1, // ReduceMaxNode (l. 1993) < ReduceMinNode
};
// Every other op FlopLab folds has no MACs in node.py: Shape (l. 1331), Gather (profile l. 968
// returns 0), Unsqueeze, Squeeze, Concat, Cast, Reshape, Slice, Expand, Tile, Transpose, Flatten,
// ConstantOfShape, Range (l. 519: op_mac set, no _profile_core), Where (l. 821), Identity: 0.
// Left out: a DequantizeLinear of int8 weights, which FlopLab folds into the weights, would be
// 2 per element there (DequantizeLinearNode l. 2502, a PWNode of MUL_MACS + ADD_MACS) — read, not
// measured on a weight; not shape arithmetic, so not in this row.

/** numpy's broadcast of shapes (NpMathBase.shape_infer), for the dims onnx-tool gives an element-wise node. */
function broadcast(shapes: readonly (readonly number[])[]): number[] {
  const r = Math.max(...shapes.map((d) => d.length));
  return Array.from({ length: r }, (_, i) =>
    Math.max(...shapes.map((d) => (i - r + d.length >= 0 ? d[i - r + d.length] : 1))),
  );
}

export class ShapeArith {
  /** Counted nodes by op type, in the order first met. */
  private readonly counts = new Map<string, number>();
  /**
   * Values whose dims onnx-tool sees otherwise than ONNX: ShapeNode (l. 1331) gives the whole shape
   * and ignores start / end (opset 15), so a Shape(start=2, end=3) of a 3-D tensor is [3] there, and
   * the arithmetic on it counts 3 per node, not 1 (ONNX's CausalConvWithState expanded: Sub 3, Sub 3).
   */
  private readonly toolDims = new Map<string, number[]>();
  macs = 0;

  /**
   * A node FlopLab folded into `out`: onnx-tool's MACs added. `dimsOf` gives an input's real dims
   * (a folded constant's, or a value's whole shape, batch included).
   */
  folded(n: OnnxNode, out: OnnxTensor, dimsOf: (name: string) => readonly number[] | undefined) {
    const seen = (v: string) => this.toolDims.get(v) ?? dimsOf(v);
    const ins = n.inputs.filter(Boolean);
    let dims: readonly number[] = out.dims;
    const rank = n.inputs[0] ? dimsOf(n.inputs[0])?.length : undefined;
    if (n.opType === 'Shape' && rank !== undefined && rank !== out.dims[0]) dims = [rank];
    else if (PER_OUTPUT[n.opType] && ins.some((v) => this.toolDims.has(v))) {
      const all = ins.map(seen);
      if (all.every((d) => d !== undefined)) dims = broadcast(all as number[][]);
    }
    if (dims !== out.dims && n.outputs[0]) this.toolDims.set(n.outputs[0], [...dims]);
    const per = PER_OUTPUT[n.opType];
    const input0 = n.inputs[0] ? seen(n.inputs[0]) : undefined;
    const macs = per ? volume(dims) * per.k : PER_INPUT[n.opType] && input0 ? volume(input0) * PER_INPUT[n.opType] : 0;
    if (!macs) return;
    this.macs += macs;
    this.counts.set(n.opType, (this.counts.get(n.opType) ?? 0) + 1);
  }

  /** "Add ×13, Div ×13, Mul ×26": the counted nodes by op type. */
  ops(): string {
    return [...this.counts].map(([op, k]) => `${op} ×${k}`).join(', ');
  }
}
