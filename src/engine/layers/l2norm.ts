/**
 * L2 normalisation across channels with a learned scale (Caffe's Normalize layer from the SSD
 * fork, ssd.pytorch's L2Norm): y = γ · x / sqrt(Σ_c x² + eps), one norm per position (or, with
 * `across_spatial`, one per image over C·H·W). γ has one value per channel, or one in all with
 * `channel_shared`. Per norm of R values: R squares, R − 1 adds, the eps add and a square root;
 * then per element a divide and the multiply by γ: 4·numel − P + 2·P = 4·numel + P for P norms.
 * torchvision's SSD writes it γ · F.normalize(x) (clamp_min(eps) instead of + eps: the same count),
 * with γ a parameter of the enclosing module: `call: function`, which torchinfo and onnx-tool see
 * differently (symbol `fn`).
 */
import { add, mul, sym } from '../expr';
import { fnSymbol } from './call';
import { commonSymbols, needsMap, type LeafKind } from './kind';

export const l2norm: LeafKind = {
  type: 'l2norm',
  label: 'L2Norm',
  category: 'norm',
  summary: 'Divide by the L2 norm over the channels, times a learned scale (SSD Normalize, L2Norm)',
  fields: [
    {
      name: 'across_spatial',
      kind: 'bool',
      default: false,
      label: 'Across space',
      help: 'One norm per image over C·H·W instead of one per position over C (Caffe across_spatial)',
    },
    {
      name: 'channel_shared',
      kind: 'bool',
      default: false,
      label: 'Shared scale',
      help: 'One scale γ for every channel instead of one per channel (Caffe channel_shared)',
    },
    {
      name: 'call',
      kind: 'enum',
      options: ['module', 'function'],
      default: 'module',
      label: 'Written as',
      help: 'An L2Norm module with its own weight (module, ssd.pytorch) or scale · F.normalize(x) with the scale held by the enclosing module (function, torchvision SSD); torchinfo and onnx-tool count them differently',
    },
  ],
  shape(_p, input) {
    const bad = needsMap('l2norm', input);
    return bad ? { error: bad } : { output: input };
  },
  symbols(p, input, output, batch) {
    const [c, h, w] = input;
    return commonSymbols(input, output, batch, {
      C: c,
      // P: norms per image.
      P: p.across_spatial ? 1 : h * w,
      G: p.channel_shared ? 1 : c,
      fn: fnSymbol(p.call),
    });
  },
  params: sym('G'),
  exact: add(mul(4, 'numel_out'), mul('N', 'P')),
  exactNote:
    'Per norm of R values: R squares, R − 1 adds, the eps add and a square root; then a divide and the multiply by γ per element: 4·numel + (norms).',
};
