/** ONNX node attributes as the protobuf codec (schema.ts) takes them. */
import { AttrType } from '../import/onnx/schema';

export type Attr = Record<string, unknown>;
export const ints = (name: string, v: number[]): Attr => ({ name, type: AttrType.INTS, ints: v });
export const int = (name: string, v: number): Attr => ({ name, type: AttrType.INT, i: v });
export const float = (name: string, v: number): Attr => ({ name, type: AttrType.FLOAT, f: v });
export const str = (name: string, v: string): Attr => ({ name, type: AttrType.STRING, s: new TextEncoder().encode(v) });
