/**
 * Graph inputs that only a convolution reads, at its weight's place: ONNX's node tests (and some
 * converters) feed every tensor as a graph input, W too. Read as data, such a W [1, 1, 1, 1] would
 * share the image's batch of 1 and leave the conv without weights (not counted); it is the layer's
 * weight, fed at run time instead of stored, so it is read as one (dims only): the conv is counted
 * as onnx-tool counts it (ConvNode: volume(Y)·volume(W)/Cout per output element, from W's shape)
 * and its weights are parameters as for a stored W, where onnx-tool counts only stored (static) inputs.
 */
import type { OnnxGraph, OnnxTensor } from './decode';
import { pushTo } from '../multimap';

/** Where each op reads its weight. */
const WEIGHT_AT: Readonly<Record<string, number>> = {
  Conv: 1,
  ConvTranspose: 1,
  ConvInteger: 1,
  QLinearConv: 3,
};

/** The graph with such inputs as dims-only initializers, and their names. */
export function fedWeights(g: OnnxGraph): { graph: OnnxGraph; names: string[] } {
  const readers = new Map<string, { op: string; at: number }[]>();
  for (const n of g.nodes) n.inputs.forEach((v, at) => v && pushTo(readers, v, { op: n.opType, at }));
  const fed = g.inputs.filter((v) => {
    const uses = readers.get(v.name) ?? [];
    const dims = v.dims;
    return (
      !g.initializers.has(v.name) &&
      dims !== null &&
      dims.length >= 3 &&
      dims.every((d) => d !== null && d >= 1) &&
      uses.some((u) => WEIGHT_AT[u.op] === u.at) &&
      // A Shape of it (a causal conv's kernel size, ONNX's CausalConvWithState expanded) reads its dims only.
      uses.every((u) => WEIGHT_AT[u.op] === u.at || u.op === 'Shape')
    );
  });
  // Other inputs must be left: a graph whose only input is a weight has no data to read.
  if (!fed.length || fed.length === g.inputs.filter((v) => !g.initializers.has(v.name)).length)
    return { graph: g, names: [] };
  const initializers = new Map(g.initializers);
  for (const v of fed) initializers.set(v.name, { dims: v.dims as number[], dataType: 1 } satisfies OnnxTensor);
  return { graph: { ...g, initializers }, names: fed.map((v) => v.name) };
}
