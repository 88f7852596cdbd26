/**
 * onnx-tool (ThanatosShinji/onnx-tool @00f5f0a) profiling the ONNX export of the equivalent
 * PyTorch model (torch.onnx.export, eval mode, opset 17, BatchNormalization kept as a node).
 * Unit: its "MACs" = instruction costs per node (onnx_tool/node.py): MUL = ADD = CMP = 1,
 * DIV = 4, EXP = 32, SQRT = 24, TANH = EXP + 2·ADD + DIV = 38. Its "FLOPs" figure is 2 × this.
 * Checked against the real tool on 42 models: tests/unit/conventions/onnx-tool-fixtures.test.ts
 * (generator and how the graph is exported: scripts/fixtures/README-onnx-tool.md).
 */
import { add, ceildiv, div, mul, sub, ZERO, type Expr, type Symbols } from '../expr';
import type { Convention, Rule } from './types';
import { ONNX_TOOL_RNN } from './recurrent-rules';
import { bySwinVersion, CONV_TAPS, BIAS_ADDS, sameNote, STRUCTURAL_NOTES } from './shared';
import { unaryOpOf, type UnaryOp } from '../layers/unary';
import { reduceOpOf } from '../layers/reduce';
import { SHAPEOPS_MACS } from '../layers/shapeops';
import { LPNORM_VECTORS } from '../layers/lpnorm';

const per = (k: number): Expr => mul(k, 'numel_out');
const per25In = mul(25, 'numel_in');

/**
 * Per element, the node torch.onnx writes for each unary op, as onnx-tool counts it (onnx_tool/node.py
 * constants: EXP 32, LOG 43, SQRT 24, DIV 4, SIN = COS 39, ATAN = SQRT + 4·MUL + DIV = 32 at TanhNode's
 * ratio 2); measured on every op and form, batch 1 and 2 (tests/fixtures/onnx-tool-unary.jsonl).
 */
export const ONNX_TOOL_UNARY: Readonly<Record<UnaryOp, number>> = {
  exp: 32, // ExpNode
  log: 43, // LogNode
  sqrt: 24, // SqrtNode
  rsqrt: 28, // torch writes Div(1, Sqrt(x)): SQRT + DIV
  reciprocal: 4, // ReciprocalNode (1 / x too: torch writes Reciprocal)
  abs: 1, // AbsNode: CMP
  neg: 1, // NegNode: CMP
  pow: 32, // PowNode: POW = EXP, whatever the exponent
  erf: 0, // ErfNode is a FusedBase: 0
  sin: 39, // SinNode
  cos: 39, // CosNode
  atan: 64, // AtanNode inherits TanhNode's ratio 2: 2·ATAN
  floor: 1, // FloorNode: CMP
  ceil: 1, // CeilNode (NpMathBase): ADD
  round: 1, // RoundNode (LessNode): CMP
  sign: 1, // SignNode: CMP
  softplus: 76, // SoftplusNode: EXP + ADD + LOG
};

/** Adaptive pools export as a Global*Pool node for out 1, as a plain pool when the size divides, else not at all. */
const divisible = (s: Symbols) => s.Hin % s.Ho === 0 && s.Win % s.Wo === 0;

/**
 * PoolBase._profile_core: numel(y)·Kh·Kw, y as PoolBase.shape_infer makes it. In ceil mode (_pooling_shape_calc)
 * that is ceil((in + pads − ((K − 1)·D + 1)) / S + 1), keeping a last window that starts in the right padding,
 * which ONNX and PyTorch drop (test_averagepool_2d_ceil_last_window_starts_on_pad: 2 × 2 where ONNX has 1 × 1).
 */
const otPoolSize = (i: string, k: string, st: string, p: string, d: string) =>
  add(ceildiv(sub(add(i, mul(2, p)), add(mul(d, sub(k, 1)), 1)), st), 1);
const POOL_MACS: Rule = (s) =>
  s.cm
    ? mul('N', 'C', otPoolSize('Hin', 'Kh', 'Sh', 'Ph', 'Dh'), otPoolSize('Win', 'Kw', 'Sw', 'Pw', 'Dw'), 'Kh', 'Kw')
    : mul('numel_out', 'Kh', 'Kw');

export const onnxTool: Convention = {
  id: 'onnx-tool',
  name: 'onnx-tool',
  unit: 'MAC',
  summary: 'Instruction-weighted MACs of the ONNX graph: BN 31, sigmoid 32, tanh 76, pools K², adds 1 per element',
  source: 'ThanatosShinji/onnx-tool @00f5f0a: onnx_tool/node.py (*Node._profile_core), data/Profile.md',
  rules: {
    // QuantizeLinearNode / DequantizeLinearNode: MUL_MACS + ADD_MACS per element.
    quantize: per(2),
    // The node of each unary op at its own cost per element (ONNX_TOOL_UNARY).
    unary: (s) => per(ONNX_TOOL_UNARY[unaryOpOf(s)]),
    // EinsumNode: the product of every index size of its two inputs.
    einsum: mul('N', 'P', sub('k', 1)),
    // As torch.onnx (opset 17) writes shifted_window_attention (tests/fixtures/onnx-tool-swin.json):
    // MatMuls 4·T·C² + 2·T²·C, bias Adds 3·qb + pb and the q-scaling Mul per token and channel,
    // the relative-bias Add (+ the mask Add when shifted) and Softmax (36) per score. The mask
    // itself, built from shapes only, is left out with the rest of the shape arithmetic.
    // Version 2 (tests/fixtures/onnx-tool-window-attention-v2.jsonl): no q scaling; F.normalize of q and k
    // as ReduceL2 (25 per element), Clip (2 per norm) and Div (4 per element); the logit-scale Mul and the
    // bias Add per score, Softmax 36; once per call the cpb_mlp (MatMul Tb·512·(2 + h), its bias Add and
    // Relu Tb·512 each), Sigmoid 32 and ×16 per bias entry (h·T²), the logit scale's Clip 2 and Exp 32 per head.
    windowattention: bySwinVersion(
      mul(
        'N',
        'nW',
        add(
          mul(4, 'T', 'C', 'C'),
          mul(add(mul(3, 'qb'), 1, 'pb'), 'T', 'C'),
          mul(2, 'T', 'T', 'C'),
          mul(add(37, 'sh'), 'h', 'T', 'T'),
        ),
      ),
      add(
        mul(
          'N',
          'nW',
          add(
            mul(4, 'T', 'C', 'C'),
            mul(add(mul(3, 'qb'), 'pb', 58), 'T', 'C'),
            mul(2, 'T', 'T', 'C'),
            mul(add(38, 'sh'), 'h', 'T', 'T'),
            mul(4, 'h', 'T'),
          ),
        ),
        mul('Tb', 512, add(4, 'h')),
        mul(33, 'h', 'T', 'T'),
        mul(34, 'h'),
      ),
    ),
    // ReduceSum (ReduceMeanNode's profile), ReduceMax/ReduceMin (CMP), ReduceProd (MUL): numel(X);
    // ReduceL2Node: (ADD + SQRT)·numel(X) = 25; the other four have no node class that infers a shape
    // (model_profile fails on the file): 0. Measured: reduce* in tests/fixtures/onnx-tool-more-ops.jsonl.
    reduce: (s) => {
      const op = reduceOpOf(s);
      return op === 'l2' ? per25In : ['sum', 'amax', 'amin', 'prod'].includes(op) ? mul(1, 'numel_in') : ZERO;
    },
    // LSTMNode / GRUNode (recurrent-rules.ts); no RNNNode (0).
    lstm: ONNX_TOOL_RNN.lstm,
    gru: ONNX_TOOL_RNN.gru,
    // ConvNode: numel(y)·prod(W.shape[1:]) + numel(y) with a bias.
    conv2d: add(mul('numel_out', CONV_TAPS), BIAS_ADDS),
    // ConvTransposeNode: same code, W = [Cin, Cout/g, Kh, Kw] → numel(y)·(Cout/g)·Kh·Kw.
    convtranspose2d: add(mul('numel_out', div('Cout', 'g'), 'Kh', 'Kw'), BIAS_ADDS),
    // GemmNode: numel(y)·I + numel(y) with a bias.
    linear: add(mul('numel_out', 'I'), BIAS_ADDS),
    // BatchNormalizationNode: numel·(ADD + SQRT + DIV + ADD + MUL) = 31·numel.
    batchnorm2d: per(31),
    // LayerNormalizationNode (axis −1, channels-last): numel·(3 MUL + 4 ADD) + positions·(ADD + SQRT + DIV).
    // LayerNormalizationNode: 7 per element, 29 per row, its rows being numel / shape[axis] (it sets only the axis's
    // dim to 1): the real rows over one dim, fewer over several (Ax = the first normalised dim; test_layer_normalization_*).
    layernorm: add(mul(7, 'numel_out'), mul(29, div('numel_in', 'Ax'))),
    // InstanceNormalizationNode: ADD + MUL + ADD + DIV = 7 per element; PWNode's ratio is always 1
    // (graph.py builds the node before adding its inputs). Measured: tests/fixtures/onnx-tool-nd-kinds.jsonl.
    instancenorm: per(7),
    // torch.onnx (opset 17) writes GroupNorm as Reshape → InstanceNormalization over the G groups →
    // Reshape → Mul → Add (constants 1 and 0 without affine): 7 + 1 + 1 per element.
    groupnorm: per(9),
    // PoolBase reads the first kernel dim, and the second only for a 2-D kernel: numel_out·Kd in 3-D.
    maxpool3d: mul('numel_out', 'Kd'),
    avgpool3d: mul('numel_out', 'Kd'),
    // out 1 → GlobalAveragePool (numel_in + 4·numel_out); sizes that divide → a pool with kernel In/Out
    // (numel_out·Din/Do, the first dim again); others cannot be exported.
    adaptiveavgpool3d: (s) =>
      s.g1 ? add('numel_in', mul(4, 'numel_out')) : s.dv ? mul('numel_out', div('Din', 'Do')) : ZERO,
    adaptivemaxpool3d: (s) => (s.dv ? mul('numel_out', div('Din', 'Do')) : ZERO),
    relu: per(1), // ReluNode: CMP
    relu6: per(2), // exported as Clip(0, 6): ClipNode 2·CMP
    leakyrelu: per(2), // LeakyReluNode: MUL + CMP
    prelu: per(2), // PReluNode: CMP + MUL (ratio 1 for 2 inputs)
    elu: per(35), // EluNode: CMP + EXP + ADD + MUL
    sigmoid: per(32), // SigmoidNode inherits ExpNode: EXP
    tanh: per(76), // TanhNode: TANH_MACS with ratio 2
    hardswish: per(5), // HardSwishNode: 2·MUL + ADD + 2·CMP
    hardsigmoid: per(4), // HardSigmoidNode: MUL + ADD + 2·CMP
    silu: per(33), // exported as Sigmoid (32) + Mul (1)
    // Opset < 20: Div (4) + Erf (0) + Add (1) + Mul (1) + Mul (1); one Gelu node (opset 20, `fused`):
    // GeluNode op_mac = EXP_MACS + 2·MUL_MACS = 34 (measured: test_gelu_* in onnx-node-cases.jsonl).
    gelu: (s) => (s.fu || s.ta ? per(34) : per(7)),
    softmax: per(36), // SoftmaxNode: EXP + DIV
    // PoolBase: numel(y)·Kh·Kw, on its own output size: in ceil mode ⌈span / S⌉ + 1 with no window dropped.
    maxpool2d: POOL_MACS,
    avgpool2d: POOL_MACS,
    // GlobalAveragePoolNode: numel(x)·ADD + numel(y)·DIV; divisible sizes export as AveragePool (numel(y)·k²).
    adaptiveavgpool2d: (s) =>
      s.Ho === 1 && s.Wo === 1 ? add('numel_in', mul(4, 'numel_out')) : divisible(s) ? mul(1, 'numel_in') : ZERO,
    // torch.onnx symbolic_opset9._adaptive_pool: with the input size known (always, for a fixed
    // input), out 1 and dividing sizes both export as MaxPool(kernel = stride = In/Out), which
    // PoolBase counts numel(y)·k² = numel_in. (GlobalMaxPool, unregistered in onnx-tool, is written
    // only when the exporter has lost the input size.) Checked: onnx-extra-norms-softmax in
    // tests/fixtures/onnx-tool-fixtures.jsonl (MaxPool 72 = 8·3·3).
    adaptivemaxpool2d: (s) => (divisible(s) ? mul(1, 'numel_in') : ZERO),
    // ResizeNode: nearest 0, linear 4·numel(y).
    upsample: mul(add(mul(4, add('linear', 'bilinear', 'trilinear')), mul(8, 'bicubic')), 'numel_out'),
    // LRNNode: numel·(DIV + EXP + ADD + size·MUL).
    lrn: mul('numel_out', add(37, 'n')),
    layerscale: per(1), // Mul with γ
    residual: per(1), // AddNode: 2 inputs → ratio 1
    scale: per(1), // MulNode (broadcast)
    // NpMathBase (Add/Sub/Mul): numel(Y)·max(1, #inputs − 1); Div costs DIV = 4 per element.
    add: mul(sub('k', 1), 'numel_out'),
    sub: mul(1, 'numel_out'),
    mul: mul(sub('k', 1), 'numel_out'),
    div: mul(4, 'numel_out'),
    // MatMulNode: numel(Y)·k, Y's leading dims those of the input with the larger volume (Bv), not broadcast.
    matmul: mul('N', 'Bv', 'n', 'm', 'k'),
    // nn.MultiheadAttention as torch 2.13 exports it (opset 17): in-proj MatMul 3·L·E² + bias Add
    // 3·L·E, the scaling Mul on q and on k (one Mul with need_weights), Q·Kᵀ and A·V MatMuls 2·L²·E,
    // Softmax 36·H·L², out-proj Gemm L·E² + L·E (MatMul without a bias). Measured on exported files
    // (scripts/fixtures, docs/conventions.md); the exporter's shape arithmetic on one-element tensors
    // (Mod, Add, Sqrt, Div: 2 + 76) is left out, as for every file.
    attention: mul(
      'N',
      add(
        mul(4, 'L', 'E', 'E'),
        mul(2, 'L', 'L', 'E'),
        mul(36, 'H', 'L', 'L'),
        mul(4, 'b', 'L', 'E'),
        mul(sub(2, 'nw'), 'L', 'E'),
      ),
    ),
    // ReduceMeanNode: numel(X).
    mean: mul(1, 'numel_in'),
    // The nodes torch exports for SDPA: a scaling Mul on q and on k, MatMul, Softmax (36 per
    // score), MatMul (as inside nn.MultiheadAttention, tests/fixtures/onnx-tool-attention.jsonl).
    sdpa: mul('N', 'B', add(mul('L', 'd'), mul('S', 'd'), mul('L', 'S', 'd'), mul(36, 'L', 'S'), mul('L', 'S', 'dv'))),
    // MaxNode / MinNode (NpMathBase, ADD_MACS / CMP_MACS): numel(Y)·ratio, and the ratio stays 1 for any
    // number of inputs (set in __init__ before the graph adds the inputs): max3, min3 measured numel(Y).
    maximum: per(1),
    minimum: per(1),
    // ClipNode: 2·CMP per element, ratio 1, whatever bounds are given (clip_* in onnx-tool-more-ops.jsonl).
    clamp: per(2),
    // An identity read from a Clip without bounds (ClipNode 2), a Max / Min of one input (NpMathBase, ratio 1) or a
    // no-op Reduce* (ReduceMeanNode family: numel(X)·ADD / MUL / CMP = 1; ReduceL2Node: ADD + SQRT = 25): per element.
    identity: mul(add(mul(2, 'oc'), 'om', mul(25, 'ol')), 'numel_out'),
    // LogSoftmaxNode: EXP + DIV + ADD + LOG = 80 per element (logsoftmax_* measured).
    logsoftmax: per(80),
    // CumSumNode: a PWNode of ADD, ratio 1: numel(Y), exclusive or reverse alike (cumsum* measured).
    cumsum: per(1),
    // PowNode: POW_MACS (= EXP_MACS) 32 per output element, whatever the operands (pow_data, pow_const_base).
    pow: per(32),
    // GreaterNode, LessNode, EqualNode, GreaterOrEqualNode, LessOrEqualNode, AndNode, OrNode, XorNode, NotNode:
    // volume(Y)·CMP_MACS = numel(Y), whatever the op or the operands (compare_* in onnx-tool-more-ops.jsonl).
    compare: per(1),
    // ModNode (NpMathBase, op_mac ADD_MACS): numel(Y) (measured: test_mod_* in onnx-node-cases.jsonl).
    mod: per(1),
    // LpNormalizationNode (a PWNode of EXP + ADD): 33 per element. F.normalize (clamp) as torch.onnx writes it:
    // ReduceL2 25·numel (ReduceL1: no node class, 0 as the reduce kind's l1), Clip 2 per vector, Div 4·numel.
    lpnorm: add(
      mul(sub(1, 'clamp'), 33, 'numel_in'),
      mul('clamp', add(mul(25, sub(1, 'L1'), 'numel_in'), mul(4, 'numel_in'), mul(2, LPNORM_VECTORS))),
    ),
    // HardmaxNode: a PWNode (ADD_MACS, ratio 1): numel(Y) (measured: test_hardmax_* in onnx-node-cases.jsonl).
    hardmax: per(1),
    // The folded shape arithmetic's MACs as onnx-tool counts them, summed by the importer (import/onnx/shape-arith.ts).
    shapeops: SHAPEOPS_MACS,
    // ssd.pytorch’s L2Norm exported: Pow 32·numel, ReduceSum numel, Sqrt 24·P, Add eps P, Div 4·numel, Mul numel.
    // F.normalize (call: function): ReduceL2 25·numel, Clip 2·P, Expand 0, Div 4·numel, Mul numel.
    l2norm: add(
      mul(sub(1, 'fn'), add(mul(38, 'numel_out'), mul(25, 'N', 'P'))),
      mul('fn', add(mul(30, 'numel_out'), mul(2, 'N', 'P'))),
    ),
  },
  notes: {
    quantize:
      'QuantizeLinearNode and DequantizeLinearNode are PWNodes of op_mac MUL_MACS + ADD_MACS, ratio 1: 2 per element, whatever the integer type (int8, uint8, int16), one scale per channel or per block (measured on one-node graphs, batch 1 and 2: tests/fixtures/onnx-tool-quantize.jsonl; blocked, block_size > 0: ONNX’s node tests dequantizelinear_blocked 48 and quantizelinear_blocked_asymmetric 24, tests/fixtures/onnx-node-cases.jsonl). onnx-tool counts the scale and zero point it reads as parameters, as every initializer: 0 for per-tensor scalars (their shape is [], volume 0 there), 2·C per channel, the scale’s volume twice when blocked; FlopLab keeps them as buffers (layers/quantize.ts). A QuantizeLinear without its optional zero point is not profiled: its shape_infer reads input 2’s type and the graph’s shape inference fails.',
    unary:
      'The node torch.onnx writes, per element: Exp 32, Log 43, Sqrt 24, rsqrt as Div(1, Sqrt) 28, Reciprocal 4 (1 / x too), Abs, Neg, Floor, Ceil, Round, Sign 1, Pow 32 whatever the exponent, Sin and Cos 39, Atan 64 (AtanNode keeps TanhNode’s ratio 2), Softplus 76 (EXP + ADD + LOG), Erf 0 (a FusedBase). Measured on every op and form (tests/fixtures/onnx-tool-unary.jsonl).',
    einsum:
      'EinsumNode: the product of every index size of its two inputs (batch included); its _profile_core reads two inputs, so a one-operand einsum is not profiled: 0. Read from onnx_tool/node.py.',
    windowattention:
      'The exported window attention: MatMul for Q, K, V and the output (4·nW·T·C²) and for Q·Kᵀ and A·V (2·nW·T²·C), the bias Adds and the q scaling per token and channel, the relative-position-bias Add and Softmax (1 + 36 per score), and with a shift the mask Add (1 per score). The shift mask is computed from shapes only (Sub, Equal, Not, Where, ScatterND: 4·nW·T² + Hp·Wp + 72 in onnx-tool’s count, 888,076 in Swin-T) and left out with the rest of the shape arithmetic; roll exports as Slice + Concat (0). Version 2 (Swin V2), measured on single modules (tests/fixtures/onnx-tool-window-attention-v2.jsonl): per window the MatMuls, the bias Adds, F.normalize of q and k (ReduceL2 25 per element, Clip 2 per norm, Div 4 per element: 58·T·C + 4·h·T), the logit-scale Mul, bias Add (+ mask Add) and Softmax per score ((38 + sh)·h·T²); once per call, whatever the batch, the cpb_mlp (constant folding leaves it in the graph: MatMul Tb·512·(2 + h), bias Add and Relu Tb·512 each), 16·sigmoid per bias entry (33·h·T²) and the logit scale’s Clip and Exp (34·h).',
    reduce:
      'ReduceSum / ReduceMax / ReduceMin / ReduceProd: numel(X) (torch.max(x, dim) also exports an ArgMax, not counted here); ReduceL2: ADD + SQRT = 25 per input element. ReduceL1, ReduceSumSquare, ReduceLogSum and ReduceLogSumExp have no node class that infers their shape: model_profile stops with a ValueError, so onnx-tool prints no number for such a file (0 here). Measured on one-node files, opsets 11 to 18, axes as attribute and as input (tests/fixtures/onnx-tool-more-ops.jsonl).',
    roll: 'torch.onnx writes torch.roll as Slice + Concat: no arithmetic, 0.',
    lstm: 'LSTMNode per layer: (|W| + |R| + |B|)·N·L + N·L·H·(4 adds + 3 sigmoids at EXP 32 + 2 tanh at 38 + 4 blend) = 180·N·L·H, that last term without the direction factor. torch.onnx cannot export proj_size: 0. Read from onnx_tool/node.py.',
    gru: 'GRUNode per layer: (|W| + |R| + |B|)·N·L + N·L·H·(3 adds + 2 sigmoids at 32 + tanh 38 + 5 blend) = 110·N·L·H, without the direction factor. Read from onnx_tool/node.py.',
    rnn: 'onnx-tool cannot profile a graph with an ONNX RNN node: it has no class for it, and model_profile stops with a ValueError (measured). FlopLab shows 0 for this layer; onnx-tool prints no number for the file.',
    ...STRUCTURAL_NOTES,
    instancenorm:
      'InstanceNormalization: ADD + MUL + ADD + DIV = 7 per element (its PWNode ratio stays 1: the node is built before its inputs are added). Measured on exported files (tests/fixtures/onnx-tool-nd-kinds.jsonl).',
    groupnorm:
      'As torch.onnx (opset 17) writes nn.GroupNorm: InstanceNormalization over the groups (7 per element), then Mul and Add by γ, β (constants 1 and 0 without affine): 9 per element. Measured.',
    ...sameNote(
      ['maxpool3d', 'avgpool3d'],
      'PoolBase multiplies numel_out by the first kernel dim, and by the second only when the kernel has exactly two: numel_out·Kd for a 3-D pool. Measured on AvgPool3d. On the layer’s own output: in ceil mode onnx-tool’s 3-D shape_infer (no last window dropped, the third axis on the second dilation) is not copied.',
    ),
    ...sameNote(
      ['adaptiveavgpool3d', 'adaptivemaxpool3d'],
      'Exported as GlobalAveragePool (out 1, avg: numel_in + 4·numel_out) or as a pool with kernel In/Out when the sizes divide (numel_out times the first kernel dim); other sizes cannot be exported (0). Read from onnx_tool/node.py.',
    ),
    pixelshuffle: 'DepthToSpace / SpaceToDepth: no _profile_core, 0.',
    batchnorm2d:
      'Assumes the exporter keeps BatchNormalization as a node (onnx-tool does not fuse it); a Conv+BN fusion would drop it.',
    adaptiveavgpool2d:
      'out 1 → GlobalAveragePool: numel_in + 4·N·C. Sizes that divide the input export as AveragePool (= numel_in); other sizes cannot be exported (0).',
    adaptivemaxpool2d:
      'out 1 and sizes that divide the input export as MaxPool with kernel = In/Out (= numel_in); other sizes cannot be exported (0).',
    gelu: 'torch.onnx opset 17/18 writes GELU as Div, Erf, Add, Mul, Mul (Erf is a FusedBase: 0): 7 per element. One Gelu node (opset 20; an imported one has `fused`) is GeluNode, EXP_MACS + 2·MUL_MACS = 34 per element, whatever its approximate attribute; the tanh form is taken as one such node (FlopLab’s ONNX writer writes it so, as torch.onnx does at opset 20).',
    silu: 'torch.onnx writes SiLU as Sigmoid + Mul.',
    relu6: 'torch.onnx writes ReLU6 as Clip(0, 6).',
    layernorm:
      'LayerNormalization (opset 17; torch.onnx writes nn.LayerNorm with k normalised dims as axis −k): LayerNormalizationNode counts (3 MUL + 4 ADD) = 7 per element and (ADD + SQRT + DIV) = 29 per row, its rows being numel / shape[axis], as it sets only that one dim to 1 (onnx_tool/node.py): the real rows P = numel / C over one dim, but over several (dims k > 1) numel / (the first normalised dim), fewer than it normalises. Measured: the 21 test_layer_normalization_* files of tests/fixtures/onnx-node-cases.jsonl.',
    ...sameNote(
      ['maxpool2d', 'avgpool2d'],
      'PoolBase: numel(y)·Kh·Kw (CMP or ADD), y as its shape_infer computes it: in ceil mode _pooling_shape_calc gives ceil((in + 2·P − D·(K − 1) − 1) / S + 1) and keeps a last window that would start in the right padding, which ONNX and PyTorch drop, so onnx-tool counts one more output row or column than the layer has then (onnx_tool/node.py; measured: test_averagepool_2d_ceil_last_window_starts_on_pad, test_maxpool_2d_ceil_output_size_reduce_by_one in onnx-node-cases.jsonl).',
    ),
    identity:
      'An Identity node counts 0. An imported identity that names its ONNX node is counted as onnx-tool counts that node: a Clip without bounds 2 per element (ClipNode: op_mac 2·CMP_MACS, whatever bounds it has), a Max or Min of one input 1 per element (MaxNode / MinNode, NpMathBase: ratio max(1, inputs − 1) = 1), a Reduce* over an empty axes list with noop_with_empty_axes as that reduction: ReduceSum, ReduceMean, ReduceProd, ReduceMin, ReduceMax 1 per element (ReduceMeanNode: volume(X)·ADD_MACS, and MUL / CMP for Prod / Min / Max), ReduceL2 25 (ADD_MACS + SQRT_MACS); onnx_tool/node.py, measured: test_clip_default_inbounds, test_max_one_input, test_min_one_input, test_reduce_sum_empty_axes_input_noop in onnx-node-cases.jsonl.',
    dropout: 'Dropout disappears in an eval-mode export (a Dropout node would count 0).',
    ...Object.fromEntries(
      ['flatten', 'channelshuffle', 'chunk', 'concat'].map((t) => [t, 'Reshape/Transpose/Slice/Concat nodes count 0.']),
    ),
    matmul:
      'MatMulNode: numel(Y)·k (one MAC per product), Y as GemmNode.shape_infer makes it: the leading dims of the input whose leading dims have the larger volume (a’s on a tie), not the two broadcast, so [3, 1, 3, 4] @ [1, 2, 4, 2] counts [3, 1, 3, 2]·4 = 72 where the product has [3, 2, 3, 2] (onnx_tool/node.py; measured: test_matmul_bcast in onnx-node-cases.jsonl). Inputs whose leading dims agree count numel(Y)·k. Both inputs are taken to carry the batch, as two activations do (the importer maps no MatMul with a constant of rank > 2); a parameter row has none in an exported file, where onnx-tool compares N·(a’s volume) with the parameter’s.',
    attention:
      'The nodes torch exports for it: MatMul/Gemm projections 4·L·E², bias Adds 4·L·E, scaling Muls (2 − need_weights)·L·E, two MatMuls 2·L²·E, Softmax 36·H·L² (EXP + DIV); × N.',
    div: 'DivNode: 4 per element (DIV = 4 instructions).',
    ...sameNote(['cat', 'reshape', 'permute', 'transpose'], 'Concat / Reshape / Transpose: no computation, 0.'),
    ...sameNote(['parameter', 'select'], 'An initializer / Gather of one index: 0.'),
    ...sameNote(
      [...['squeeze', 'unsqueeze', 'slice', 'pad'], 'embedding', 'indexselect'],
      'Squeeze / Unsqueeze / Slice / Pad / Gather: no computation, 0.',
    ),
    take: 'Gather is one of model_profile’s hidden ops (NoMacsOps) and GatherNode.profile returns 0 MACs, whatever the indices (measured: gather_runtime_* in tests/fixtures/onnx-tool-more-ops.jsonl).',
    gather:
      'GatherElementsNode defines shape_infer and value_infer only; Node._profile_core returns 0 (onnx_tool/node.py; measured: the expanded NLL-loss node tests in tests/fixtures/onnx-node-cases.jsonl, where its row is 0).',
    topk: 'TopKNode defines only shape_infer (the axis takes k; the indices output the same shape); Node._profile_core returns 0 (measured: topk_* in tests/fixtures/onnx-tool-more-ops.jsonl). onnx-tool counts the int64 k it reads as a weight; FlopLab does not. An imported ArgMax is a topk with k = 1: ArgMaxNode has no _profile_core either, 0 (measured: argmax_*); ArgMinNode has no value_infer, so model_profile fails on a file with one (argmin_*).',
    mean: 'ReduceMeanNode: numel(X).',
    sdpa: 'Mul (q and k scaling) + MatMul + Softmax (36 per score) + MatMul, as torch exports scaled_dot_product_attention.',
    maximum:
      'MaxNode: numel(Y) whatever the number of inputs: NpMathBase sets its ratio max(1, inputs − 1) in __init__, before the graph adds the inputs, so it stays 1 (measured: Max of 2 and of 3 inputs both numel(Y), tests/fixtures/onnx-tool-more-ops.jsonl).',
    cumsum:
      'CumSumNode: a PWNode of ADD_MACS with ratio 1: numel(Y), whatever the axis, exclusive or reverse (measured: cumsum, cumsum_excl_rev in tests/fixtures/onnx-tool-more-ops.jsonl).',
    ...sameNote(
      ['where', 'expand', 'tile'],
      'WhereNode, ExpandNode and TileNode have no _profile_core: 0 (measured: where, where_const, expand, expand_short_shape, tile in tests/fixtures/onnx-tool-more-ops.jsonl). onnx-tool counts the int64 shape or repeats they read as weights; FlopLab does not.',
    ),
    shapeops:
      'The MACs onnx-tool gives the nodes the ONNX importer folds into constants (shape arithmetic, pad lists): model_profile folds nothing (its graph config’s constant_folding is False, onnx_tool/utils.py), so each is profiled by its node.py rule on its small tensor, a scalar’s volume being 0 — Add, Sub, Mul, Mod, Max, Ceil, Min, Neg, Abs, Floor, comparisons, Not, And, Or, Xor 1 per output element; Div and Reciprocal 4, Sqrt 24, Pow 32; ReduceSum / Prod / Min / Max 1 per input element; Gather, Concat, Unsqueeze, Cast, Range, Where, ConstantOfShape … 0. The importer sums them into this one row (src/engine/import/onnx/shape-arith.ts); measured: ShuffleNet 91, ViT 158, Swin 5 (tests/fixtures/onnx-made), vit_pgd 48 (onnx-real).',
    compare:
      'GreaterNode, LessNode, EqualNode, GreaterOrEqualNode, LessOrEqualNode, AndNode, OrNode, XorNode and NotNode return volume(Y)·CMP_MACS (1): numel(Y), with a number operand or a broadcast one alike (onnx_tool/node.py; measured: the compare_* cases in tests/fixtures/onnx-tool-more-ops.jsonl). torch.onnx (opset 17) writes torch.gt / lt / ge / le / eq as one such node, logical_and / or / xor / not as Cast nodes (hidden, 0) and the node.',
    mod: 'ModNode (an NpMathBase with op_mac ADD_MACS): numel(Y), fmod or not, with a number or a broadcast tensor (onnx_tool/node.py; measured: test_mod_* in tests/fixtures/onnx-node-cases.jsonl).',
    lpnorm:
      'An ONNX LpNormalization (clamp off): LpNormalizationNode, a PWNode whose op_mac is EXP_MACS + ADD_MACS: 33 per element, p 1 or 2 alike (measured: test_l1normalization_* / test_l2normalization_* in onnx-node-cases.jsonl). F.normalize (clamp on) as torch.onnx (opset 17) writes it: ReduceL2 (ADD + SQRT = 25 per input element), Clip of eps (CMP_MACS · 2 per vector), Expand 0, Div (DIV_MACS 4 per element): 29·numel + 2 per vector; for p 1 a ReduceL1, which has no node class (onnx-tool stops; 0 here, as for the reduce kind’s l1): 4·numel + 2 per vector.',
    hardmax:
      'HardmaxNode is a PWNode (op_mac ADD_MACS, ratio 1): numel(Y), whatever the axis (measured: the 7 test_hardmax_* files of onnx-node-cases.jsonl).',
    pow: 'PowNode: POW_MACS = EXP_MACS = 32 per output element, for two computed operands, a constant base or a fed exponent alike (measured: pow_data, pow_const_base in tests/fixtures/onnx-tool-more-ops.jsonl; ONNX’s node test pow_bcast_scalar, 96 for 3 elements).',
    minimum:
      'MinNode (CMP_MACS): numel(Y) whatever the number of inputs, as MaxNode (measured: min2, min3, min_broadcast).',
    clamp:
      'ClipNode: 2·CMP per element with ratio 1, whatever bounds the node has (min only, max only, both; attributes or inputs): measured on every form (clip_* in tests/fixtures/onnx-tool-more-ops.jsonl). ReLU6 keeps its own kind (Clip(0, 6), the same 2 per element).',
    logsoftmax:
      'LogSoftmaxNode: EXP + DIV + ADD + LOG = 32 + 4 + 1 + 43 = 80 per element, whatever the axis (measured, tests/fixtures/onnx-tool-more-ops.jsonl).',
    l2norm:
      'ssd.pytorch’s L2Norm module (x.pow(2).sum(1).sqrt() + eps, torch.div, weight * x) exported to ONNX: Pow (POW_MACS 32 per element), ReduceSum (numel of its input), Sqrt (SQRT_MACS 24 per norm), Add of eps (1 per norm), Div (DIV_MACS 4 per element), Mul by γ (1 per element): 38·numel + 25 per norm. Written scale · F.normalize(x) (call: function, torchvision’s SSD): ReduceL2 (ADD_MACS + SQRT_MACS = 25 per input element), Clip of eps (CMP_MACS · 2 per norm), Expand 0, Div 4 and Mul 1 per element: 30·numel + 2 per norm. Both measured (tests/fixtures/onnx-tool-l2norm.jsonl).',
  },
};
