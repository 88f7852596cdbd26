/**
 * Shifted-window multi-head self-attention (Swin; torchvision's ShiftedWindowAttention and its
 * shifted_window_attention function, torchvision/models/swin_transformer.py) on a channels-last
 * map [H, W, C]: pad H and W up to multiples of the window w, roll the map by −shift when shifting
 * (a shift is dropped along a dim the window already covers), cut into nW windows of T = w² tokens,
 * then per window: F.linear to Q, K, V (3C² + 3C weights), q scaled, Q·Kᵀ (q.matmul), plus the
 * learned relative position bias ((2w − 1)²·heads parameters, gathered to [heads, T, T]), plus the
 * shift mask when shifting, F.softmax, A·V (matmul), F.linear out (C² + C); windows merged, rolled
 * back and cropped. The projections are F.linear calls on the module's own weights: hook-based tools
 * never see them (docs/conventions.md).
 *
 * Symbols: C, h heads, hd = C/h, w, T = w², nW windows (after padding), sh = 1 when the map is
 * rolled and masked, qb/pb the qkv and proj biases.
 */
import { add, mul, sub } from '../expr';
import { shapeText } from '../format/model';
import { commonSymbols, type LeafKind } from './kind';

/** Windows per image after padding, and whether a shift survives (torchvision drops it where w ≥ the padded size). */
export function windowsOf(H: number, W: number, w: number, shift: number): { nW: number; sh: number } {
  const pH = Math.ceil(H / w) * w;
  const pW = Math.ceil(W / w) * w;
  const shifted = shift > 0 && (w < pH || w < pW);
  return { nW: (pH / w) * (pW / w), sh: shifted ? 1 : 0 };
}

export const windowattention: LeafKind = {
  type: 'windowattention',
  label: 'Window attention',
  category: 'linear',
  summary: 'Swin’s shifted-window self-attention on a channels-last map [H, W, C]',
  fields: [
    {
      name: 'heads',
      kind: 'int',
      min: 1,
      required: true,
      label: 'Heads',
      help: 'Number of heads; C must divide by it',
    },
    { name: 'window', kind: 'int', min: 1, default: 7, label: 'Window', help: 'Window side w (T = w² tokens each)' },
    {
      name: 'shift',
      kind: 'int',
      min: 0,
      default: 0,
      label: 'Shift',
      help: 'Cyclic shift before windowing (Swin: 0 in even blocks, w // 2 in odd ones)',
    },
    { name: 'qkv_bias', kind: 'bool', default: true, label: 'QKV bias', help: 'Bias of the Q, K, V projection' },
    { name: 'proj_bias', kind: 'bool', default: true, label: 'Proj bias', help: 'Bias of the output projection' },
  ],
  shape(p, input) {
    if (input.length !== 3)
      return {
        error: `windowattention needs a channels-last map [H, W, C], got ${shapeText(input)}: permute [C, H, W] with dims 0, 2, 3, 1 first`,
      };
    const heads = p.heads as number;
    if (input[2] % heads !== 0)
      return { error: `windowattention: ${input[2]} channels do not divide by ${heads} heads` };
    return { output: input };
  },
  symbols(p, input, output, batch) {
    const w = p.window as number;
    const { nW, sh } = windowsOf(input[0], input[1], w, p.shift as number);
    const C = input[2];
    const h = p.heads as number;
    return commonSymbols(input, output, batch, {
      C,
      h,
      hd: C / h,
      w,
      T: w * w,
      nW,
      sh,
      qb: p.qkv_bias ? 1 : 0,
      pb: p.proj_bias ? 1 : 0,
    });
  },
  // qkv 3C² + 3C·qb, proj C² + C·pb, the relative position bias table (2w − 1)²·h.
  params: add(mul(4, 'C', 'C'), mul(3, 'qb', 'C'), mul('pb', 'C'), mul(sub(mul(2, 'w'), 1), sub(mul(2, 'w'), 1), 'h')),
  // Projections 4·nW·T·C² and the two products Q·Kᵀ and A·V, 2·nW·T²·C (torchvision's _ops).
  macs: mul('N', 'nW', 'T', add(mul(4, 'C', 'C'), mul(2, 'T', 'C'))),
  exact: mul(
    'N',
    'nW',
    add(
      mul('T', 3, 'C', add(sub(mul(2, 'C'), 1), 'qb')),
      mul('T', 'C'),
      mul('h', 'T', 'T', sub(mul(2, 'hd'), 1)),
      mul(add(1, 'sh'), 'h', 'T', 'T'),
      mul('h', 'T', sub(mul(3, 'T'), 1)),
      mul('h', 'T', 'hd', sub(mul(2, 'T'), 1)),
      mul('T', 'C', add(sub(mul(2, 'C'), 1), 'pb')),
    ),
  ),
  exactNote:
    'Per window: Q, K, V projection (2C − 1 + bias per output), scaling q (T·C), Q·Kᵀ (2·hd − 1 per score), the bias add (+ the mask add when shifted) per score, softmax (3T − 1 per row), A·V (2T − 1 per output), the output projection. The shift mask is built from the shapes once per call, whatever the batch (3·nW·T² subtracts and compares): not counted, like the bias table’s gather.',
};
