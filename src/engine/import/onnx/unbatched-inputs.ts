/**
 * Which graph inputs have no batch dim of their own (batch-axis.ts holds them as one sample, a
 * batch of 1 in front): torchvision's detectors take a list of [C, H, W] images.
 */
import type { OnnxGraph, OnnxNode, OnnxTensor } from './decode';
import { constantOf } from './fold';
import { PER_MAP } from './batch-axis-ops';
import { pushTo } from '../multimap';

const ints = (n: OnnxNode, k: string) => n.attrs.get(k)?.ints?.map(Number);

/**
 * Graph inputs without a batch dim: a [C, H, W] image (C of 1, 3 or 4, fixed in the file) that the
 * graph unsqueezes at 0, directly or after element-wise steps on constants (torchvision's
 * detectors normalise the image, then take image[None]), and that no convolution, pooling or
 * normalisation reads before (those need the batch dim, so the input has one). A 2-D [N, F]
 * unsqueezed for a recurrent op's sequence of one step (nn.LSTMCell as torch.onnx writes it), or a
 * [N, L, D] sequence, has its batch: not this.
 */
export function unbatchedInputs(
  g: OnnxGraph,
  inputs: readonly { name: string; dims: readonly (number | null)[] | null }[],
): Set<string> {
  const image = (d: readonly (number | null)[] | null) =>
    d?.length === 3 && d[0] !== null && [1, 3, 4].includes(d[0]) && d.slice(1).every((v) => v === null || v >= 8);
  const names = inputs.filter((i) => image(i.dims)).map((i) => i.name);
  const readers = new Map<string, OnnxNode[]>();
  const consts = new Map<string, OnnxTensor>();
  for (const n of g.nodes) {
    for (const v of n.inputs) pushTo(readers, v, n);
    if (n.opType === 'Constant' && n.outputs[0]) {
      const t = constantOf(n);
      if (t) consts.set(n.outputs[0], t);
    }
  }
  const constant = (v: string) => g.initializers.get(v) ?? consts.get(v);
  const through = new Set(['Sub', 'Div', 'Mul', 'Add', 'Cast', 'Identity', 'Clip']);
  const out = new Set<string>();
  for (const name of names) {
    let front = [name];
    let unsqueezed = false;
    let batchReader = false;
    for (let depth = 0; depth < 6 && front.length; depth++) {
      const next: string[] = [];
      for (const v of front)
        for (const n of readers.get(v) ?? []) {
          if (PER_MAP.has(n.opType)) batchReader = true;
          if (n.inputs[0] !== v && n.opType === 'Unsqueeze') continue;
          if (n.opType === 'Unsqueeze') {
            const axes = ints(n, 'axes') ?? constant(n.inputs[1])?.values?.map(Number);
            const recurrent = (readers.get(n.outputs[0]) ?? []).some((r) => ['LSTM', 'GRU', 'RNN'].includes(r.opType));
            if (axes?.length === 1 && axes[0] === 0 && !recurrent) unsqueezed = true;
          } else if (through.has(n.opType) && n.inputs.every((w) => w === v || constant(w))) next.push(...n.outputs);
        }
      front = next;
    }
    if (unsqueezed && !batchReader) out.add(name);
  }
  return out;
}
