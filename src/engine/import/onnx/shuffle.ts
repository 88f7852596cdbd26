/**
 * ShuffleNet's channel moves as exporters write them, onto the channelshuffle kind (and slices):
 *
 * - ShuffleNet v1 / torchvision v2's `channel_shuffle`: Reshape to [N, g, C/g, H, W], Transpose
 *   with perm [0, 2, 1, 3, 4], Reshape back to 4-D → channelshuffle(g).
 * - Megvii's ShuffleNetV2 `channel_shuffle` (FastestDet and the official repo): Reshape to
 *   [N·C/2, 2, H·W], Transpose [1, 0, 2], Reshape to [2, −1, C/2, H, W], then Gather 0 and 1 —
 *   the even and the odd channels. That is channelshuffle(C/2) (out[j·C/2 + i] = in[2i + j])
 *   followed by the first or second half: a slice of C/2 channels each.
 *
 * The intermediate steps are pass-through rows; a pattern left half-way is handed back to the
 * builder (`unfinished`) so its nodes become "not counted" rows like any other operator.
 */
import type { LayerSpec, Shape } from '../../format/model';
import type { GraphNode } from '../graph';
import type { OnnxNode, OnnxTensor } from './decode';

export interface ShuffleHost {
  batch(): number;
  constant(name: string | undefined): OnnxTensor | undefined;
  shape(value: string): Shape | null;
  push(node: GraphNode): void;
  /** The nodes that read a value; null when it is a graph output. */
  readers(value: string): readonly OnnxNode[] | null;
}

type Open =
  /** v1: after the 5-D Reshape (groups g), then after the Transpose (step 'moved'). */
  | { kind: 'v1'; step: 'reshaped' | 'moved'; groups: number; node: OnnxNode }
  /** Megvii v2: after the 3-D Reshape, the Transpose, then the 5-D Reshape (a shuffled value). */
  | { kind: 'split'; step: 'reshaped' | 'moved'; channels: number; node: OnnxNode }
  | { kind: 'split'; step: 'shuffled'; channels: number; node: OnnxNode; shuffled: string };

export class ShufflePatterns {
  private readonly open = new Map<string, Open>();

  constructor(private readonly host: ShuffleHost) {}

  private silent(n: OnnxNode, from: string) {
    this.host.push({ label: n.name || n.opType, op: 'layers', layers: [], inputs: [from], output: n.outputs[0] });
  }

  private layer(n: OnnxNode, spec: Record<string, unknown>, from: string, output = n.outputs[0]) {
    const layers = [{ ...spec, ...(n.name ? { name: n.name } : {}) } as LayerSpec];
    this.host.push({ label: n.name || n.opType, op: 'layers', layers, inputs: [from], output });
  }

  /** Takes the node when it is a step of a pattern; true when taken. */
  step(n: OnnxNode, x: string): boolean {
    const out = n.outputs[0];
    const open = this.open.get(x);
    const target = n.opType === 'Reshape' ? this.host.constant(n.inputs[1])?.values : undefined;
    const perm = n.attrs.get('perm')?.ints?.join(',');
    if (n.opType === 'Reshape' && !open && target) {
      const s = this.host.shape(x);
      // Only a reshape read by the pattern's Transpose opens it (attention's 5-D qkv reshape is a plain reshape).
      const next = (p: string) =>
        !!this.host.readers(out)?.every((r) => r.opType === 'Transpose' && r.attrs.get('perm')?.ints?.join(',') === p);
      if (target.length === 5 && next('0,2,1,3,4')) {
        this.open.set(out, { kind: 'v1', step: 'reshaped', groups: target[1], node: n });
      } else if (
        target.length === 3 &&
        next('1,0,2') &&
        s?.length === 3 &&
        target[1] === 2 &&
        s[0] % 2 === 0 &&
        target[0] === (this.host.batch() * s[0]) / 2 &&
        target[2] === s[1] * s[2]
      ) {
        this.open.set(out, { kind: 'split', step: 'reshaped', channels: s[0], node: n });
      } else return false;
      this.silent(n, x);
      return true;
    }
    if (!open) return false;
    this.open.delete(x);
    if (open.kind === 'v1') {
      if (n.opType === 'Transpose' && open.step === 'reshaped' && perm === '0,2,1,3,4') {
        this.open.set(out, { ...open, step: 'moved', node: n });
        this.layer(n, { type: 'channelshuffle', groups: open.groups }, x);
        return true;
      }
      if (n.opType === 'Reshape' && open.step === 'moved' && target?.length === 4) {
        this.silent(n, x);
        return true;
      }
    } else if (open.step === 'reshaped' && n.opType === 'Transpose' && perm === '1,0,2') {
      this.open.set(out, { ...open, step: 'moved', node: n });
      this.silent(n, x);
      return true;
    } else if (open.step === 'moved' && n.opType === 'Reshape' && target?.length === 5 && target[0] === 2) {
      this.open.set(out, { ...open, step: 'shuffled', node: n, shuffled: out });
      this.layer(n, { type: 'channelshuffle', groups: open.channels / 2 }, x);
      return true;
    } else if (open.step === 'shuffled' && n.opType === 'Gather' && Number(n.attrs.get('axis')?.i ?? 0) === 0) {
      const k = this.host.constant(n.inputs[1])?.values;
      if (k?.length === 1 && (k[0] === 0 || k[0] === 1)) {
        this.open.set(x, open); // the other half is read from it too
        const half = open.channels / 2;
        this.layer(n, { type: 'slice', dim: 1, start: k[0] * half, end: (k[0] + 1) * half }, x);
        return true;
      }
    }
    this.open.set(x, open);
    return false;
  }

  /** Patterns left half-way: the nodes that must become "not counted" rows, and why. */
  unfinished(): { node: OnnxNode; why: string }[] {
    const out: { node: OnnxNode; why: string }[] = [];
    for (const o of this.open.values()) {
      if (o.kind === 'split' && o.step === 'shuffled') continue; // read by its Gathers: complete
      if (o.kind === 'v1' && o.step === 'moved') {
        out.push({ node: o.node, why: 'channel shuffle not reshaped back to 4-D' });
        continue;
      }
      out.push({ node: o.node, why: 'a reshape not followed by the rest of a channel shuffle' });
    }
    return out;
  }
}
