/** Shape rule shared by max and average pooling (PyTorch: stride defaults to the kernel). */
import { fnSymbol } from './call';
import { commonSymbols, needsMap, type Params, type ShapeResult } from './kind';
import type { Shape } from '../format/model';
import { slide, windowOf, windowSymbols } from './geometry';
import { say } from '../messages';

export function poolShape(type: string, p: Params, input: Shape): ShapeResult {
  const bad = needsMap(type, input);
  if (bad) return { error: bad };
  const win = windowOf(p, p.kernel as number);
  for (const i of [0, 1]) {
    // PyTorch's pool_2d_shape_check: pad ≤ half the effective (dilated) kernel d·(k − 1) + 1.
    const eff = win.dilation[i] * (win.kernel[i] - 1) + 1;
    if (win.padding[i] * 2 > eff)
      return {
        error: say(eff === win.kernel[i] ? 'layer.poolPad' : 'layer.poolPadDilated', {
          type,
          p: win.padding[i],
          k: eff,
          max: Math.floor(eff / 2),
        }),
      };
  }
  const r = slide(type, input[1], input[2], win, { ceil: p.ceil as boolean });
  return 'error' in r ? r : { output: [input[0], r.h, r.w] };
}

/** `cm`: ceil mode with numeric padding (onnx-tool keeps a last window PyTorch and ONNX drop: conventions/onnx-tool.ts). */
export function poolSymbols(p: Params, input: Shape, output: Shape, batch: number) {
  return commonSymbols(
    input,
    output,
    batch,
    Object.assign(windowSymbols(windowOf(p, p.kernel as number)), {
      C: input[0],
      fn: fnSymbol(p.call),
      cm: p.ceil === true && p.padding !== 'same' ? 1 : 0,
    }),
  );
}
