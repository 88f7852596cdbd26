/**
 * torchvision's LayerNorm2d (ConvNeXt's stem and downsampling) as torch.onnx and FlopLab's own ONNX
 * writer write it: Transpose to channels-last (perm [0, 2, 3, 1]) → LayerNormalization over the last
 * axis (a [C] Scale) → Transpose back (perm [0, 3, 1, 2]). The three nodes become one
 * LayerNormalization read over the channels (`CHANNELS`), so the row is the layernorm kind's own
 * LayerNorm2d, as the model was written, and an ONNX round trip keeps its rows. The counts are those
 * of the three rows (a permute counts 0 in every convention).
 */
import type { OnnxGraph, OnnxNode } from './decode';
import { AttrType } from './schema';
import { pushTo } from '../multimap';

/** The attribute that marks a LayerNormalization folded from the pattern (never in a file). */
export const CHANNELS = 'floplab.channels';

/**
 * The three nodes each folded one stands for: where its input turns out not to be one sample's
 * [C, H, W] (a map whose batch is merged, read whole), the builder maps them as they were.
 */
export const UNFOLDED = new WeakMap<OnnxNode, readonly OnnxNode[]>();

const same = (a: readonly number[] | undefined, b: readonly number[]) =>
  !!a && a.length === b.length && a.every((v, i) => Number(v) === b[i]);

export function foldLayerNorm2d(g: OnnxGraph): OnnxGraph {
  const readers = new Map<string, OnnxNode[]>();
  for (const n of g.nodes) for (const v of n.inputs) if (v) pushTo(readers, v, n);
  const outputs = new Set(g.outputs.map((o) => o.name));
  // A value read by exactly one node and not a graph output: that node, else null.
  const only = (v: string) => (outputs.has(v) ? null : readers.get(v)?.length === 1 ? readers.get(v)![0] : null);
  const drop = new Set<OnnxNode>();
  const replace = new Map<OnnxNode, OnnxNode>();
  for (const t1 of g.nodes) {
    if (t1.opType !== 'Transpose' || !same(t1.attrs.get('perm')?.ints, [0, 2, 3, 1])) continue;
    const ln = only(t1.outputs[0]);
    const axis = Number(ln?.attrs.get('axis')?.i ?? -1);
    if (!ln || ln.opType !== 'LayerNormalization' || (axis !== -1 && axis !== 3) || ln.outputs.length > 1) continue;
    const t2 = only(ln.outputs[0]);
    if (!t2 || t2.opType !== 'Transpose' || !same(t2.attrs.get('perm')?.ints, [0, 3, 1, 2])) continue;
    const attrs = new Map(ln.attrs);
    attrs.set('axis', { type: AttrType.INT, i: 1 });
    attrs.set(CHANNELS, { type: AttrType.INT, i: 1 });
    const inputs = [t1.inputs[0], ...ln.inputs.slice(1)];
    const folded: OnnxNode = { ...ln, name: ln.name || t2.name, inputs, outputs: t2.outputs, attrs };
    UNFOLDED.set(folded, [t1, ln, t2]);
    replace.set(t2, folded);
    drop.add(t1).add(ln);
  }
  if (!replace.size) return g;
  const nodes = g.nodes.filter((n) => !drop.has(n)).map((n) => replace.get(n) ?? n);
  return { ...g, nodes };
}
