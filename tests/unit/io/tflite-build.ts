/**
 * Hand-built TFLite files for the importer's tests, written with the builders flatc generated
 * from TensorFlow's schema (the same code a TFLite writer would use): forms the fixtures do not
 * have (an unknown op code, a WHILE loop, shapes past sane bounds, uneven SAME pooling).
 */
import * as flatbuffers from 'flatbuffers';
import { Buffer } from '../../../src/engine/import/tflite/generated/tflite/buffer';
import { BuiltinOperator } from '../../../src/engine/import/tflite/generated/tflite/builtin-operator';
import { BuiltinOptions } from '../../../src/engine/import/tflite/generated/tflite/builtin-options';
import { Model } from '../../../src/engine/import/tflite/generated/tflite/model';
import { Operator } from '../../../src/engine/import/tflite/generated/tflite/operator';
import { QuantizationParameters } from '../../../src/engine/import/tflite/generated/tflite/quantization-parameters';
import { OperatorCode } from '../../../src/engine/import/tflite/generated/tflite/operator-code';
import { SubGraph } from '../../../src/engine/import/tflite/generated/tflite/sub-graph';
import { Tensor } from '../../../src/engine/import/tflite/generated/tflite/tensor';
import { TensorType } from '../../../src/engine/import/tflite/generated/tflite/tensor-type';

export interface TensorDef {
  readonly name: string;
  readonly shape: number[];
  readonly signature?: number[];
  readonly type?: TensorType;
  /** Constant data (little-endian bytes). */
  readonly data?: Uint8Array;
  /** Quantization: one scale and zero point per tensor, or one per channel. */
  readonly quant?: { readonly scale: number[]; readonly zeroPoint: number[] };
}

export interface OpDef {
  /** A BuiltinOperator name or a raw code; `custom` makes it CUSTOM. */
  readonly code: keyof typeof BuiltinOperator | number;
  readonly custom?: string;
  readonly inputs: number[];
  readonly outputs: number[];
  /** Options: their BuiltinOptions type and a writer returning the table's offset. */
  readonly options?: readonly [BuiltinOptions, (b: flatbuffers.Builder) => number];
}

export interface GraphDef {
  readonly name?: string;
  readonly tensors: TensorDef[];
  readonly ops: OpDef[];
  readonly inputs: number[];
  readonly outputs: number[];
}

export const int32s = (v: number[]) => new Uint8Array(new Int32Array(v).buffer);
export const float32s = (v: number[]) => new Uint8Array(new Float32Array(v).buffer);
/** `n` float32 zeros: a weight tensor's data of n elements. */
export const zeros = (n: number) => new Uint8Array(4 * n);

/** A TFLite file (identifier "TFL3") with these subgraphs; the first is the model. */
export function tflite(...graphs: GraphDef[]): Uint8Array {
  const b = new flatbuffers.Builder(1024);
  const datas: Uint8Array[] = [];
  const codes: { code: number; custom?: string }[] = [];
  const codeIndex = (op: OpDef) => {
    const code =
      op.custom !== undefined
        ? BuiltinOperator.CUSTOM
        : typeof op.code === 'number'
          ? op.code
          : BuiltinOperator[op.code];
    let i = codes.findIndex((c) => c.code === code && c.custom === op.custom);
    if (i < 0) i = codes.push({ code, custom: op.custom }) - 1;
    return i;
  };
  const subgraphs = graphs.map((g) => {
    const tensors = g.tensors.map((t) => {
      const buffer = t.data ? datas.push(t.data) : 0;
      const name = b.createString(t.name);
      const shape = Tensor.createShapeVector(b, t.shape);
      const sig = t.signature ? Tensor.createShapeSignatureVector(b, t.signature) : 0;
      let quant = 0;
      if (t.quant) {
        const scale = QuantizationParameters.createScaleVector(b, t.quant.scale);
        const zero = QuantizationParameters.createZeroPointVector(b, t.quant.zeroPoint.map(BigInt));
        QuantizationParameters.startQuantizationParameters(b);
        QuantizationParameters.addScale(b, scale);
        QuantizationParameters.addZeroPoint(b, zero);
        quant = QuantizationParameters.endQuantizationParameters(b);
      }
      Tensor.startTensor(b);
      Tensor.addShape(b, shape);
      if (sig) Tensor.addShapeSignature(b, sig);
      Tensor.addType(b, t.type ?? TensorType.FLOAT32);
      Tensor.addBuffer(b, buffer);
      Tensor.addName(b, name);
      if (quant) Tensor.addQuantization(b, quant);
      return Tensor.endTensor(b);
    });
    const ops = g.ops.map((op) => {
      const index = codeIndex(op);
      const ins = Operator.createInputsVector(b, op.inputs);
      const outs = Operator.createOutputsVector(b, op.outputs);
      const opts = op.options ? op.options[1](b) : 0;
      Operator.startOperator(b);
      Operator.addOpcodeIndex(b, index);
      Operator.addInputs(b, ins);
      Operator.addOutputs(b, outs);
      if (op.options) {
        Operator.addBuiltinOptionsType(b, op.options[0]);
        Operator.addBuiltinOptions(b, opts);
      }
      return Operator.endOperator(b);
    });
    const name = b.createString(g.name ?? 'main');
    return SubGraph.createSubGraph(
      b,
      SubGraph.createTensorsVector(b, tensors),
      SubGraph.createInputsVector(b, g.inputs),
      SubGraph.createOutputsVector(b, g.outputs),
      SubGraph.createOperatorsVector(b, ops),
      name,
      0,
    );
  });
  const opcodes = codes.map((c) =>
    OperatorCode.createOperatorCode(
      b,
      Math.min(c.code, 127),
      c.custom !== undefined ? b.createString(c.custom) : 0,
      1,
      c.code,
    ),
  );
  // Buffer 0 is the empty sentinel every TFLite file starts with.
  const buffers = [
    Buffer.createBuffer(b, 0, 0n, 0n),
    ...datas.map((d) => Buffer.createBuffer(b, Buffer.createDataVector(b, d), 0n, 0n)),
  ];
  const model = Model.createModel(
    b,
    3,
    Model.createOperatorCodesVector(b, opcodes),
    Model.createSubgraphsVector(b, subgraphs),
    b.createString('hand-built'),
    Model.createBuffersVector(b, buffers),
    0,
    0,
    0,
    0,
    0,
  );
  Model.finishModelBuffer(b, model);
  return b.asUint8Array().slice();
}
