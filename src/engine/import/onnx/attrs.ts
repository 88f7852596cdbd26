/** Reading an ONNX node's attributes, with the defaults Operators.md gives. */
import type { OnnxNode } from './decode';

export const attr = (n: OnnxNode, k: string) => n.attrs.get(k);
export const int = (n: OnnxNode, k: string, d: number) => attr(n, k)?.i ?? d;
export const ints = (n: OnnxNode, k: string) => attr(n, k)?.ints;
export const float = (n: OnnxNode, k: string, d: number) => attr(n, k)?.f ?? d;
export const str = (n: OnnxNode, k: string, d: string) => attr(n, k)?.s ?? d;
/** A size per axis as a layer field writes it: one number when both are equal. */
export const pair = (h: number, w: number): number | [number, number] => (h === w ? h : [h, w]);
