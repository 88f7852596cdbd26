/**
 * The subset of the ONNX protobuf schema (onnx/onnx.proto, proto2, IR version 9) that FlopLab
 * reads and writes, as a table: message → field → { type, id, rule }. Field numbers are the
 * schema's own; fields not listed here (sub-graphs of If/Loop, sparse tensors, training info,
 * functions) are skipped by the decoder, which also keeps hostile nesting out of reach.
 * proto.ts encodes and decodes from this table without generating code (the page's CSP forbids
 * eval); the table has the shape of a protobufjs JSON descriptor's fields, so the tests can check
 * that codec against protobufjs on the same schema.
 */
import { compileSchema, type FieldDescriptor, type MessageDescriptor } from './proto';

const repeated = (type: string, id: number): FieldDescriptor => ({ rule: 'repeated', type, id });

/** TensorProto.DataType values used here. */
export const DataType = { FLOAT: 1, INT32: 6, INT64: 7, FLOAT16: 10, DOUBLE: 11 } as const;

/** AttributeProto.AttributeType values. */
export const AttrType = {
  FLOAT: 1,
  INT: 2,
  STRING: 3,
  TENSOR: 4,
  GRAPH: 5,
  FLOATS: 6,
  INTS: 7,
  STRINGS: 8,
  GRAPHS: 10,
} as const;

/** Message name (package onnx) → its fields. */
export const ONNX_MESSAGES = {
  ModelProto: {
    fields: {
      ir_version: { type: 'int64', id: 1 },
      opset_import: repeated('OperatorSetIdProto', 8),
      producer_name: { type: 'string', id: 2 },
      producer_version: { type: 'string', id: 3 },
      domain: { type: 'string', id: 4 },
      model_version: { type: 'int64', id: 5 },
      doc_string: { type: 'string', id: 6 },
      graph: { type: 'GraphProto', id: 7 },
    },
  },
  OperatorSetIdProto: { fields: { domain: { type: 'string', id: 1 }, version: { type: 'int64', id: 2 } } },
  GraphProto: {
    fields: {
      node: repeated('NodeProto', 1),
      name: { type: 'string', id: 2 },
      initializer: repeated('TensorProto', 5),
      doc_string: { type: 'string', id: 10 },
      input: repeated('ValueInfoProto', 11),
      output: repeated('ValueInfoProto', 12),
      value_info: repeated('ValueInfoProto', 13),
    },
  },
  NodeProto: {
    fields: {
      input: repeated('string', 1),
      output: repeated('string', 2),
      name: { type: 'string', id: 3 },
      op_type: { type: 'string', id: 4 },
      domain: { type: 'string', id: 7 },
      attribute: repeated('AttributeProto', 5),
      doc_string: { type: 'string', id: 6 },
    },
  },
  AttributeProto: {
    fields: {
      name: { type: 'string', id: 1 },
      type: { type: 'int32', id: 20 },
      f: { type: 'float', id: 2 },
      i: { type: 'int64', id: 3 },
      s: { type: 'bytes', id: 4 },
      t: { type: 'TensorProto', id: 5 },
      // Control flow's bodies: If's then/else_branch, Loop's and Scan's body.
      g: { type: 'GraphProto', id: 6 },
      floats: repeated('float', 7),
      ints: repeated('int64', 8),
      strings: repeated('bytes', 9),
      graphs: repeated('GraphProto', 11),
    },
  },
  TensorProto: {
    fields: {
      dims: repeated('int64', 1),
      data_type: { type: 'int32', id: 2 },
      float_data: repeated('float', 4),
      int32_data: repeated('int32', 5),
      int64_data: repeated('int64', 7),
      name: { type: 'string', id: 8 },
      raw_data: { type: 'bytes', id: 9 },
      double_data: repeated('double', 10),
      data_location: { type: 'int32', id: 14 },
    },
  },
  ValueInfoProto: {
    fields: { name: { type: 'string', id: 1 }, type: { type: 'TypeProto', id: 2 } },
  },
  TypeProto: { fields: { tensor_type: { type: 'TensorTypeProto', id: 1 } } },
  TensorTypeProto: {
    fields: { elem_type: { type: 'int32', id: 1 }, shape: { type: 'TensorShapeProto', id: 2 } },
  },
  TensorShapeProto: { fields: { dim: repeated('Dimension', 1) } },
  Dimension: { fields: { dim_value: { type: 'int64', id: 1, presence: true }, dim_param: { type: 'string', id: 2 } } },
} satisfies Record<string, MessageDescriptor>;

const types = compileSchema(ONNX_MESSAGES);

/** The messages FlopLab encodes and decodes directly; nested ones are reached through their fields. */
export const OnnxTypes = {
  Model: types.ModelProto,
  OperatorSetId: types.OperatorSetIdProto,
  Graph: types.GraphProto,
  Node: types.NodeProto,
  Tensor: types.TensorProto,
  ValueInfo: types.ValueInfoProto,
};
