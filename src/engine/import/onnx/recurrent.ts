/**
 * ONNX LSTM, GRU and RNN (onnx/docs/Operators.md) onto the lstm / gru / rnn kinds. ONNX's
 * recurrent ops are sequence-first (layout 0): X is [L, N, I] and Y is [L, D, N, H], while FlopLab
 * keeps the batch first everywhere. torch.onnx writes nn.LSTM(batch_first=True) as
 * Transpose(1, 0, 2) → LSTM → Squeeze(1) (one direction) or Transpose(0, 2, 1, 3) → Reshape to
 * [L, N, D·H] (two) per layer, and Transpose(1, 0, 2) back at the end. Those layout moves are
 * followed here as tags on the values (a sequence-first view of a batch-first value), so each
 * recurrent op becomes one layer on the batch-first tensor and the moves cost nothing, as they
 * cost nothing in PyTorch. Y_h of a one-direction op is the last step of Y (a select). A tagged
 * value read by any other op is read batch-first, with a warning.
 */
import type { LayerSpec, Shape } from '../../format/model';
import type { GraphNode } from '../graph';
import type { OnnxNode } from './decode';
import { say } from '../../messages';

export const RECURRENT = new Set(['LSTM', 'GRU', 'RNN']);

/** seq: [L, N, F] view of `of` ([N, L, F]); y: Y [L, D, N, H]; y4: Y after Transpose(0, 2, 1, 3); h: Y_h [1, N, H]. */
type Tag = { kind: 'seq' | 'y' | 'y4' | 'h'; of: string; d: number };

export interface RecurrentHost {
  push(node: GraphNode): void;
  /** Makes a value data (a tagged view has no node of its own). */
  markData(value: string): void;
  shape(value: string): Shape | null;
  constantValues(name: string | undefined): number[] | undefined;
  warn(text: string): void;
  /** Whether a recurrent op (LSTM, GRU, RNN) reads the value. */
  feedsRecurrent(value: string): boolean;
}

const perm = (n: OnnxNode) => n.attrs.get('perm')?.ints?.join(',');

export class SeqLayout {
  private readonly tags = new Map<string, Tag>();

  constructor(private readonly host: RecurrentHost) {}

  /** A graph input that an RNN reads directly is sequence-first: its value is its own batch-first view. */
  markSequenceFirstInput(value: string) {
    this.tags.set(value, { kind: 'seq', of: value, d: 1 });
  }

  /** The shape the file has for a tagged value (batch included), for Shape nodes reading it. */
  fileShape(value: string, batch: number): number[] | null {
    const t = this.tags.get(value);
    const s = t ? this.host.shape(t.of) : null;
    if (!t || !s || s.length !== 2) return null;
    const [l, f] = s;
    if (t.kind === 'seq') return [l, batch, f];
    if (t.kind === 'h') return [1, batch, f / t.d];
    return t.kind === 'y' ? [l, t.d, batch, f / t.d] : [l, batch, t.d, f / t.d];
  }

  isTagged(value: string): boolean {
    return this.tags.has(value);
  }

  /** The value standing for a graph output (the batch-first view of a tagged one, said in a warning). */
  output(value: string, warnings: string[]): string {
    const t = this.tags.get(value);
    if (!t) return value;
    warnings.push(say('imp.seqOutput', { name: value }));
    return t.kind === 'h' ? this.last(t.of, value) : t.of;
  }

  /** Y_h of one direction as the last step of Y, made when something reads it. */
  private readonly lasts = new Map<string, string>();
  private last(y: string, hName: string): string {
    let h = this.lasts.get(y);
    if (!h) {
      h = `${hName}\u241fbatch-first`;
      const spec = { type: 'select', dim: 1, index: -1 } as LayerSpec;
      this.host.push({ label: `${hName} (last step)`, op: 'layers', layers: [spec], inputs: [y], output: h });
      this.lasts.set(y, h);
    }
    return h;
  }

  private tag(value: string, t: Tag) {
    this.tags.set(value, t);
    this.host.markData(value);
  }

  /** The batch-first value standing for `value` (itself when untagged). */
  resolve(value: string, reader: OnnxNode): string {
    const t = this.tags.get(value);
    if (!t) return value;
    this.host.warn(say('imp.seqReader', { label: reader.name || reader.opType }));
    return t.kind === 'h' ? this.last(t.of, value) : t.of;
  }

  private alias(out: string, of: string, n: OnnxNode) {
    this.host.push({ label: n.name || n.opType, op: 'layers', layers: [], inputs: [of], output: out });
  }

  /** Handles the node when it is a recurrent op or a layout move of a tagged value; true when handled. */
  step(n: OnnxNode, ins: readonly string[]): boolean {
    if (RECURRENT.has(n.opType)) return this.recurrent(n, ins);
    const x = ins[0];
    const t = x === undefined ? undefined : this.tags.get(x);
    const out = n.outputs[0];
    // nn.LSTMCell / GRUCell as torch.onnx writes them: x [N, F] → Unsqueeze(0) → [1, N, F], a
    // sequence of one step; batch-first that is [N, 1, F].
    // Only before a recurrent op: elsewhere (a detector's per-image boxes) it is batch-axis.ts's.
    if (
      n.opType === 'Unsqueeze' &&
      !t &&
      ins.length === 1 &&
      this.axes(n)?.join() === '0' &&
      this.host.feedsRecurrent(out)
    ) {
      const s = this.host.shape(x);
      if (!s || s.length !== 1) return false;
      const of = `${out}\u241fbatch-first`;
      const spec = { type: 'unsqueeze', dim: 1 } as LayerSpec;
      this.host.push({ label: n.name || n.opType, op: 'layers', layers: [spec], inputs: [x], output: of });
      this.tag(out, { kind: 'seq', of, d: 1 });
      return true;
    }
    if (n.opType === 'Transpose' && ins.length === 1 && perm(n) === '1,0,2') {
      if (!t) {
        const s = this.host.shape(x);
        if (!s || s.length !== 2) return false;
        this.tag(out, { kind: 'seq', of: x, d: 1 });
        return true;
      }
      if (t.kind !== 'seq') return false;
      this.alias(out, t.of, n);
      return true;
    }
    if (!t) return false;
    if (n.opType === 'Transpose' && t.kind === 'y' && perm(n) === '0,2,1,3') {
      this.tag(out, { ...t, kind: 'y4' });
      return true;
    }
    // [L, D, N, H] → [L, N, D·H]: after the Transpose (y4), or directly when D = 1 (CNTK).
    if (n.opType === 'Reshape' && (t.kind === 'y4' || (t.kind === 'y' && t.d === 1))) {
      const target = this.host.constantValues(n.inputs[1]);
      if (target?.length !== 3) return false;
      this.tag(out, { ...t, kind: 'seq' });
      return true;
    }
    if (n.opType === 'Squeeze') {
      const axes = this.axes(n);
      const axis = axes?.length === 1 ? axes[0] : null;
      if (t.kind === 'y' && t.d === 1 && axis === 1) this.tag(out, { ...t, kind: 'seq' });
      else if (t.kind === 'h' && axis === 0) this.alias(out, this.last(t.of, x), n);
      else return false;
      return true;
    }
    return false;
  }

  private axes(n: OnnxNode): readonly number[] | undefined {
    return n.attrs.get('axes')?.ints ?? this.host.constantValues(n.inputs[1]);
  }

  private recurrent(n: OnnxNode, ins: readonly string[]): boolean {
    const t = this.tags.get(ins[0]);
    if (!t || t.kind !== 'seq' || Number(n.attrs.get('layout')?.i ?? 0) !== 0) return false;
    const hidden = Number(n.attrs.get('hidden_size')?.i ?? 0);
    if (!hidden) return false;
    const direction = n.attrs.get('direction')?.s ?? 'forward';
    const d = direction === 'bidirectional' ? 2 : 1;
    const type = n.opType.toLowerCase();
    const spec: Record<string, unknown> = { type, hidden, ...(d === 2 ? { bidirectional: true } : {}) };
    if (!n.inputs[3]) spec.bias = false;
    if (type === 'rnn') {
      const act = n.attrs.get('activations')?.s ?? 'Tanh';
      if (/relu/i.test(act)) spec.nonlinearity = 'relu';
    }
    if (type === 'gru' && Number(n.attrs.get('linear_before_reset')?.i ?? 0) !== 1)
      this.host.warn(say('imp.gruReset', { label: n.name || 'GRU' }));
    if (direction === 'reverse') this.host.warn(say('imp.reverse', { label: n.name || n.opType }));
    if (n.name) spec.name = n.name;
    const y = `${n.outputs[0] || n.name}\u241fbatch-first`;
    this.host.push({ label: n.name || n.opType, op: 'layers', layers: [spec as LayerSpec], inputs: [t.of], output: y });
    if (n.outputs[0]) this.tag(n.outputs[0], { kind: 'y', of: y, d });
    // Y_h of one direction: the last step of Y (made when read).
    if (n.outputs[1] && d === 1) this.tag(n.outputs[1], { kind: 'h', of: y, d });
    // An LSTM's Y_c has Y_h's shape; computing it is part of the lstm row's count, so reading it
    // costs nothing more (the same last-step view stands for it).
    if (n.outputs[2] && d === 1 && type === 'lstm') this.tag(n.outputs[2], { kind: 'h', of: y, d });
    return true;
  }
}

/** Graph inputs that a recurrent op reads as its X directly (sequence-first in the file). */
export function sequenceFirstInputs(nodes: readonly OnnxNode[], inputs: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const n of nodes)
    if (RECURRENT.has(n.opType) && inputs.has(n.inputs[0]) && Number(n.attrs.get('layout')?.i ?? 0) === 0)
      out.add(n.inputs[0]);
  return out;
}
