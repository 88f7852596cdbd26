/**
 * Pieces the dense-prediction presets share (segmentation.ts, ssd.ts): naming a tensor for a
 * later `from`, the side of a map after a strided conv or pool, and F.interpolate to a size.
 */
import type { LayerSpec } from '../format/model';

type Layers = LayerSpec[];

/**
 * The layers with `id` on the last one, so a later layer can take their output with `from`
 * (torchvision's IntermediateLayerGetter return_layers, a UNet skip, an SSD feature map).
 */
export function named(layers: Layers, id: string): Layers {
  if (!layers.length) throw new Error(`named(${id}): no layer to name`);
  const last = { ...layers[layers.length - 1], id } as LayerSpec;
  return [...layers.slice(0, -1), last];
}

/** The first layer takes its input from `from` instead of the previous layer. */
export function takes(from: string | readonly string[], layers: Layers): Layers {
  if (!layers.length) throw new Error('takes: no layer');
  const first = { ...layers[0], from: typeof from === 'string' ? from : [...from] } as LayerSpec;
  return [first, ...layers.slice(1)];
}

/** PyTorch's output side of a conv or pool: floor((n + 2p − d(k − 1) − 1) / s) + 1. */
export const side = (n: number, k: number, s = 1, p = 0, d = 1): number =>
  Math.floor((n + 2 * p - d * (k - 1) - 1) / s) + 1;

/** A stride-2 conv (or pool) of odd kernel k with torchvision's padding (k − 1) / 2. */
export const halve = (n: number, k = 3): number => side(n, k, 2, (k - 1) / 2);

/**
 * F.interpolate(x, size=(h, w), mode="bilinear", align_corners=False): torchvision's
 * segmentation heads write it as a function call (no module), to the input's size.
 */
export const interpolateTo = (h: number, w = h): LayerSpec => ({
  type: 'upsample',
  size: [h, w],
  mode: 'bilinear',
  call: 'function',
});

/**
 * Reference counts of a segmentation or detection preset: num_params and _ops from torchvision's
 * weights metadata; the exact MACs are DeepSpeed's on torchvision's own model at the preset's input
 * (deepspeed_macs in tests/fixtures/torchvision-tools.jsonl, scripts/fixtures/seg_det_tool_fixtures.py).
 */
export const tvDense = (params: number, macs: number, ops: string) => ({
  params,
  macs,
  ops,
  source:
    'torchvision 0.28 weights metadata (num_params, _ops); exact MACs: DeepSpeed on torchvision’s model ' +
    '(tests/fixtures/torchvision-tools.jsonl)',
});
