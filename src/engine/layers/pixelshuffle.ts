/**
 * Pixel shuffle and unshuffle (nn.PixelShuffle(r): [C·r², H, W] → [C, H·r, W·r], the sub-pixel
 * upsampling of ESPCN and super-resolution heads; nn.PixelUnshuffle(r) the inverse). A
 * rearrangement: no arithmetic.
 */
import { ZERO } from '../expr';
import { commonSymbols, needsMap, type LeafKind } from './kind';
import { say } from '../messages';

export const pixelshuffle: LeafKind = {
  type: 'pixelshuffle',
  label: 'PixelShuffle',
  category: 'shape',
  summary: 'Channels to space: [C·r², H, W] → [C, H·r, W·r] (or back, unshuffle)',
  fields: [
    { name: 'factor', kind: 'int', min: 1, required: true, label: 'Factor', help: 'Upscale factor r' },
    {
      name: 'inverse',
      kind: 'bool',
      default: false,
      label: 'Unshuffle',
      help: 'nn.PixelUnshuffle: space to channels, [C, H·r, W·r] → [C·r², H, W]',
    },
  ],
  shape(p, input) {
    const bad = needsMap('pixelshuffle', input);
    if (bad) return { error: bad };
    const r = p.factor as number;
    const [c, h, w] = input;
    if (!p.inverse)
      return c % (r * r) === 0
        ? { output: [c / (r * r), h * r, w * r] }
        : { error: say('layer.shuffleChannels', { c, r2: r * r }) };
    return h % r === 0 && w % r === 0
      ? { output: [c * r * r, h / r, w / r] }
      : { error: say('layer.unshuffleSize', { h, w, r }) };
  },
  symbols: (p, input, output, batch) => commonSymbols(input, output, batch, { r: p.factor as number }),
  params: ZERO,
  exact: ZERO,
  exactNote: 'A rearrangement of the same elements: no arithmetic.',
};
