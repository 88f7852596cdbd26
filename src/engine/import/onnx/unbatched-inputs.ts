/**
 * Which graph inputs have no batch dim of their own (batch-axis.ts holds them as one sample, a
 * batch of 1 in front): torchvision's detectors take a list of [C, H, W] images.
 */
import type { OnnxGraph, OnnxNode, OnnxTensor } from './decode';
import { constantOf } from './fold';

const ints = (n: OnnxNode, k: string) => n.attrs.get(k)?.ints?.map(Number);

/**
 * Graph inputs without a batch dim: a [C, H, W] (or higher) input that the graph unsqueezes at 0,
 * directly or after element-wise steps on constants (torchvision's detectors normalise the image,
 * then take image[None]). A 2-D [N, F] unsqueezed for a recurrent op's sequence of one step
 * (nn.LSTMCell as torch.onnx writes it) has its batch: not this.
 */
export function unbatchedInputs(g: OnnxGraph, inputs: readonly { name: string; rank: number }[]): Set<string> {
  const names = inputs.filter((i) => i.rank >= 3).map((i) => i.name);
  const readers = new Map<string, OnnxNode[]>();
  const consts = new Map<string, OnnxTensor>();
  for (const n of g.nodes) {
    for (const v of n.inputs) readers.set(v, [...(readers.get(v) ?? []), n]);
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
    for (let depth = 0; depth < 6 && front.length && !out.has(name); depth++) {
      const next: string[] = [];
      for (const v of front)
        for (const n of readers.get(v) ?? []) {
          if (n.inputs[0] !== v && n.opType === 'Unsqueeze') continue;
          if (n.opType === 'Unsqueeze') {
            const axes = ints(n, 'axes') ?? constant(n.inputs[1])?.values?.map(Number);
            const recurrent = (readers.get(n.outputs[0]) ?? []).some((r) => ['LSTM', 'GRU', 'RNN'].includes(r.opType));
            if (axes?.length === 1 && axes[0] === 0 && !recurrent) out.add(name);
          } else if (through.has(n.opType) && n.inputs.every((w) => w === v || constant(w))) next.push(...n.outputs);
        }
      front = next;
    }
  }
  return out;
}
