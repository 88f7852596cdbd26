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
 * `version: 2` is Swin V2's ShiftedWindowAttentionV2 (same file): cosine attention —
 * F.normalize(q) @ F.normalize(k)ᵀ times exp(min(logit_scale, ln 100)), a learned [h, 1, 1] — instead
 * of scaling q, and the bias is 16·sigmoid of a continuous-position MLP (cpb_mlp: Linear(2, 512),
 * ReLU, Linear(512, h, no bias)) run on the fixed [1, 2w − 1, 2w − 1, 2] coordinate table: once per
 * call, whatever the batch, and counted by every tool that sees nn.Linear modules or addmm.
 *
 * Symbols: C, h heads, hd = C/h, w, T = w², nW windows (after padding), sh = 1 when the map is
 * rolled and masked, qb/pb the qkv and proj biases, Tb = (2w − 1)² relative positions (bias table
 * rows, or the cpb_mlp's input rows), v2 = 1 for version 2 and v1 = 1 − v2.
 */
import { add, mul, sub, type Expr } from '../expr';
import { shapeText } from '../format/model';
import { commonSymbols, type LeafKind } from './kind';
import { say } from '../messages';

/** Windows per image after padding, and whether a shift survives (torchvision drops it where w ≥ the padded size). */
export function windowsOf(H: number, W: number, w: number, shift: number): { nW: number; sh: number } {
  const pH = Math.ceil(H / w) * w;
  const pW = Math.ceil(W / w) * w;
  const shifted = shift > 0 && (w < pH || w < pW);
  return { nW: (pH / w) * (pW / w), sh: shifted ? 1 : 0 };
}

/** Hidden width of Swin V2's cpb_mlp (torchvision fixes it at 512). */
export const CPB_HIDDEN = 512;

/**
 * The cpb_mlp's two nn.Linear layers as conv/linear MACs, once per call: Tb·512·2 + Tb·512·h
 * (what torchvision's _ops, fvcore and DeepSpeed's MACs add for version 2). Zero for version 1.
 */
export const CPB_MACS: Expr = mul('v2', 'Tb', CPB_HIDDEN, add(2, 'h'));

/** Projections and the two products per window, 4·nW·T·C² + 2·nW·T²·C (both versions). */
const WINDOW_MACS: Expr = mul('N', 'nW', 'T', add(mul(4, 'C', 'C'), mul(2, 'T', 'C')));

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
    {
      name: 'version',
      kind: 'int',
      min: 1,
      default: 1,
      label: 'Version',
      help: 'Swin 1 (scaled dot product, bias table) or 2 (cosine attention, logit scale, continuous-position bias MLP)',
    },
  ],
  shape(p, input) {
    if (input.length !== 3)
      return {
        error: say('layer.swinMap', { shape: shapeText(input) }),
      };
    const heads = p.heads as number;
    if (p.version !== undefined && p.version !== 1 && p.version !== 2)
      return { error: say('layer.swinVersion', { v: String(p.version) }) };
    if (input[2] % heads !== 0) return { error: say('layer.channelsHeads', { c: input[2], heads }) };
    return { output: input };
  },
  symbols(p, input, output, batch) {
    const w = p.window as number;
    const { nW, sh } = windowsOf(input[0], input[1], w, p.shift as number);
    const C = input[2];
    const h = p.heads as number;
    const v2 = p.version === 2 ? 1 : 0;
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
      Tb: (2 * w - 1) * (2 * w - 1),
      v1: 1 - v2,
      v2,
    });
  },
  // qkv 3C² + 3C·qb, proj C² + C·pb; v1 the relative position bias table Tb·h; v2 the logit scale h and
  // the cpb_mlp 2·512 + 512 + 512·h.
  params: add(
    mul(4, 'C', 'C'),
    mul(3, 'qb', 'C'),
    mul('pb', 'C'),
    mul('v1', 'Tb', 'h'),
    mul('v2', add('h', 3 * CPB_HIDDEN, mul(CPB_HIDDEN, 'h'))),
  ),
  // Projections 4·nW·T·C² and the two products Q·Kᵀ and A·V, 2·nW·T²·C (torchvision's _ops), plus V2's cpb_mlp.
  macs: add(WINDOW_MACS, CPB_MACS),
  exact: add(
    mul(
      'N',
      'nW',
      add(
        mul('T', 3, 'C', add(sub(mul(2, 'C'), 1), 'qb')),
        mul('v1', 'T', 'C'),
        mul('v2', 2, 'h', 'T', add(mul(3, 'hd'), 1)),
        mul('h', 'T', 'T', sub(mul(2, 'hd'), 1)),
        mul(add(1, 'sh', 'v2'), 'h', 'T', 'T'),
        mul('h', 'T', sub(mul(3, 'T'), 1)),
        mul('h', 'T', 'hd', sub(mul(2, 'T'), 1)),
        mul('T', 'C', add(sub(mul(2, 'C'), 1), 'pb')),
      ),
    ),
    // Once per call: clamp and exp of the logit scale; the cpb_mlp (Linear 2→512 with bias, ReLU,
    // Linear 512→h), sigmoid (4 per element, as the sigmoid kind) and the ×16.
    mul('v2', add(mul(2, 'h'), mul('Tb', add(4 * CPB_HIDDEN, CPB_HIDDEN, mul(2 * CPB_HIDDEN - 1, 'h'), mul(5, 'h'))))),
  ),
  exactNote:
    'Per window: Q, K, V projection (2C − 1 + bias per output), scaling q (T·C; version 1), Q·Kᵀ (2·hd − 1 per score), the bias add (+ the mask add when shifted) per score, softmax (3T − 1 per row), A·V (2T − 1 per output), the output projection. Version 2 instead of scaling q: F.normalize of q and k (3·hd + 1 per row: squares, adds, sqrt, clamp, divides) and the logit-scale multiply per score; once per call, whatever the batch, clamp and exp of the h logit scales and the cpb_mlp on its Tb rows (Linear 2 → 512 with bias 4 per output, ReLU 1, Linear 512 → h 1023 per output, sigmoid 4, ×16 1). The shift mask is built from the shapes once per call, whatever the batch (3·nW·T² subtracts and compares): not counted, like the bias table’s gather.',
};
