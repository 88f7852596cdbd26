/**
 * Hand-worked expected counts, part of tests/unit/conventions/per-layer.test.ts (split for size):
 * the `unary` kind (element-wise math functions), one case per op on [4, 6, 6] at batch 2 (288
 * elements). The six PyTorch tools print 0 for every op in every form (tests/fixtures/
 * unary-tools.jsonl, batch-2 lines: no hook, patch or handle for any of them); onnx-tool is the
 * batch-2 line of tests/fixtures/onnx-tool-unary.jsonl for the op (its node's cost per element ×
 * 288); Netscope the batch-2 line of tests/fixtures/netscope-unary.jsonl (a Power layer counts one
 * image, 144; Exp, Log, AbsVal, BNLL are "Unknown Layer"); exact and seed the kind's own count
 * (layers/unary.ts exactNote).
 */
import { uncountedByPyTorchCase, type LayerCase } from './layer-case';

const unaryCase = (
  fields: Record<string, unknown>,
  exactPerElement: number,
  onnxTool: number,
  netscope: number,
  source: string,
): LayerCase => uncountedByPyTorchCase('unary', fields, exactPerElement, { onnxTool, netscope }, source);

const NO_CAFFE = 'no Caffe layer (the prototxt writer refuses it), Netscope 0';
const UNKNOWN = (caffe: string) => `Caffe ${caffe}: Netscope "Unknown Layer", 0`;

export const CASES: readonly LayerCase[] = [
  unaryCase({ op: 'exp' }, 1, 9216, 0, `exp_fn / exp_method: ExpNode 32·288; ${UNKNOWN('Exp')}`),
  unaryCase({ op: 'log' }, 1, 12384, 0, `log_fn / log_method: LogNode 43·288; ${UNKNOWN('Log')}`),
  unaryCase({ op: 'sqrt' }, 1, 6912, 144, 'sqrt_fn / sqrt_method: SqrtNode 24·288; Power 0.5: exp counter, 144'),
  unaryCase(
    { op: 'rsqrt' },
    2,
    8064,
    144,
    'rsqrt_fn / rsqrt_method: exported Div(1, Sqrt) 28·288; Power −0.5: 144; exact sqrt + divide',
  ),
  unaryCase(
    { op: 'reciprocal' },
    1,
    1152,
    144,
    'reciprocal_fn / _method / _op (1 / x): ReciprocalNode 4·288; Power −1: 144',
  ),
  unaryCase({ op: 'abs' }, 1, 288, 0, `abs_fn / _method / _op (abs(x)): AbsNode 1·288; ${UNKNOWN('AbsVal')}`),
  unaryCase({ op: 'neg' }, 1, 288, 144, 'neg_fn / _method / _op (-x): NegNode 1·288; Power scale −1: macc 144'),
  unaryCase({ op: 'pow' }, 1, 9216, 144, 'pow2_fn / _method / _op (x ** 2): PowNode 32·288; Power 2: 144; 1 multiply'),
  unaryCase({ op: 'pow', exponent: 3 }, 2, 9216, 144, 'pow3_op (x ** 3): PowNode 32·288; Power 3: 144; 2 multiplies'),
  unaryCase(
    { op: 'pow', exponent: 0.5 },
    1,
    9216,
    144,
    'pow_half_op (x ** 0.5): PowNode 32·288 whatever the exponent; Power 0.5: 144; one pow evaluation',
  ),
  unaryCase(
    { op: 'pow', exponent: -1 },
    1,
    9216,
    144,
    'x ** -1: PowNode 32·288 (any exponent, as measured on 2, 3, 0.5); netscope-unary.jsonl pow −1: 144; a divide',
  ),
  unaryCase(
    { op: 'pow', exponent: 1 },
    0,
    9216,
    0,
    'x ** 1: PowNode 32·288 (any exponent); netscope-unary.jsonl pow 1: Power 1 counts nothing; exact nothing to compute',
  ),
  unaryCase({ op: 'erf' }, 1, 0, 0, `erf_fn / erf_method: ErfNode is a FusedBase, 0; ${NO_CAFFE}`),
  unaryCase({ op: 'sin' }, 1, 11232, 0, `sin_fn / sin_method: SinNode 39·288; ${NO_CAFFE}`),
  unaryCase({ op: 'cos' }, 1, 11232, 0, `cos_fn / cos_method: CosNode 39·288; ${NO_CAFFE}`),
  unaryCase({ op: 'atan' }, 1, 18432, 0, `atan_fn / atan_method: AtanNode 2·32·288 (TanhNode's ratio 2); ${NO_CAFFE}`),
  unaryCase({ op: 'floor' }, 1, 288, 0, `floor_fn / floor_method: FloorNode CMP·288; ${NO_CAFFE}`),
  unaryCase({ op: 'ceil' }, 1, 288, 0, `ceil_fn / ceil_method: CeilNode ADD·288; ${NO_CAFFE}`),
  unaryCase({ op: 'round' }, 1, 288, 0, `round_fn / round_method: RoundNode CMP·288; ${NO_CAFFE}`),
  unaryCase({ op: 'sign' }, 1, 288, 0, `sign_fn / sign_method: SignNode CMP·288; ${NO_CAFFE}`),
  unaryCase(
    { op: 'softplus' },
    3,
    21888,
    0,
    `softplus_module / softplus_fn: SoftplusNode 76·288; ${UNKNOWN('BNLL')}; exact exp, add 1, log`,
  ),
];
