/**
 * Spatial output sizes with PyTorch's semantics (torch.nn.Conv2d / MaxPool2d docs):
 *   out = floor((in + 2·pad − dil·(k − 1) − 1) / stride + 1), or ceil(...) in ceil mode,
 * where in ceil mode the last window must start inside the input or the left padding
 * (PyTorch's pooling_output_shape drops it otherwise).
 */
import { pairOf, type Padding, type Pair } from '../format/model';
import { say } from '../messages';

export interface Window2d {
  readonly kernel: [number, number];
  readonly stride: [number, number];
  readonly padding: [number, number];
  readonly dilation: [number, number];
}

/** Reads kernel/stride/padding/dilation fields; "same" padding resolves to d·(k−1)/2 (floor). */
export function windowOf(p: Readonly<Record<string, unknown>>, strideDefault?: Pair): Window2d {
  const kernel = pairOf(p.kernel as Pair);
  const stride = pairOf((p.stride as Pair | undefined) ?? strideDefault ?? 1);
  const dilation = pairOf((p.dilation as Pair | undefined) ?? 1);
  const pad = p.padding as Padding | undefined;
  const padding: [number, number] =
    pad === 'same'
      ? [Math.floor((dilation[0] * (kernel[0] - 1)) / 2), Math.floor((dilation[1] * (kernel[1] - 1)) / 2)]
      : pairOf(pad ?? 0);
  return { kernel, stride, padding, dilation };
}

export function outSize(size: number, k: number, s: number, pad: number, dil: number, ceil: boolean): number {
  const span = size + 2 * pad - dil * (k - 1) - 1;
  if (!ceil) return Math.floor(span / s) + 1;
  let out = Math.ceil(span / s) + 1;
  if ((out - 1) * s >= size + pad) out -= 1;
  return out;
}

/**
 * Output H, W of a sliding window, or an error naming the numbers.
 * `same` means PyTorch's padding="same": output equals input (stride must be 1).
 */
export function slide(
  type: string,
  h: number,
  w: number,
  win: Window2d,
  opts: { ceil?: boolean; same?: boolean } = {},
): { h: number; w: number } | { error: string } {
  if (opts.same) {
    if (win.stride[0] !== 1 || win.stride[1] !== 1)
      return { error: say('layer.sameStride', { type, stride: win.stride.join('×') }) };
    return { h, w };
  }
  const dims: Array<['word.height' | 'word.width', number, number]> = [
    ['word.height', h, 0],
    ['word.width', w, 1],
  ];
  const out: number[] = [];
  for (const [side, size, i] of dims) {
    const eff = win.dilation[i] * (win.kernel[i] - 1) + 1;
    const padded = size + 2 * win.padding[i];
    if (eff > padded)
      return {
        error: say(win.dilation[i] > 1 ? 'layer.kernelLargerDilated' : 'layer.kernelLarger', {
          type,
          k: win.kernel[i],
          eff,
          side: say(side),
          padded,
          size,
          pad: win.padding[i],
          maxK: Math.floor((padded - 1) / win.dilation[i]) + 1,
          needPad: Math.ceil((eff - size) / 2),
        }),
      };
    out.push(outSize(size, win.kernel[i], win.stride[i], win.padding[i], win.dilation[i], opts.ceil ?? false));
  }
  return { h: out[0], w: out[1] };
}

/** Symbols shared by windowed layers. */
export function windowSymbols(win: Window2d): Record<string, number> {
  return {
    Kh: win.kernel[0],
    Kw: win.kernel[1],
    Sh: win.stride[0],
    Sw: win.stride[1],
    Ph: win.padding[0],
    Pw: win.padding[1],
    Dh: win.dilation[0],
    Dw: win.dilation[1],
  };
}
