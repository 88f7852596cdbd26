/**
 * Graph outputs that are a node's further outputs (k > 0) where FlopLab reads the node by its first:
 * a Dropout's mask and a MaxPool's Indices have the first output's shape and come from the same
 * work (as TopK's indices, builder.ts), so each is a row of its own reading the first output, 0
 * operations; LayerNormalization's Mean and InvStdDev and a training BatchNormalization's running
 * statistics have shapes of their own and are left out, said so — their work is in the node's row.
 */
import type { GraphNode } from '../graph';
import type { OnnxGraph } from './decode';

/** Further outputs with the first output's shape, by op. */
const SAME_SHAPE: Readonly<Record<string, number>> = { Dropout: 1, MaxPool: 1 };

export interface SecondaryDeps {
  readonly data: ReadonlySet<string>;
  push(node: GraphNode): void;
}

/** Adds the rows of same-shape further outputs; returns the further outputs left out. */
export function secondaryOutputs(g: OnnxGraph, b: SecondaryDeps): string[] {
  const left: string[] = [];
  for (const o of g.outputs) {
    if (b.data.has(o.name)) continue;
    const n = g.nodes.find((x) => x.outputs.indexOf(o.name) > 0);
    if (!n || !b.data.has(n.outputs[0])) continue;
    if (SAME_SHAPE[n.opType] === n.outputs.indexOf(o.name))
      b.push({
        label: `${n.name || n.opType} (${o.name})`,
        op: 'layers',
        layers: [],
        inputs: [n.outputs[0]],
        output: o.name,
      });
    else left.push(o.name);
  }
  return left;
}
