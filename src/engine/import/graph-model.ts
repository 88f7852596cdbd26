/**
 * The last step every graph importer shares (ONNX, TFLite, Keras): a dataflow graph (graph.ts)
 * becomes a model. Nested blocks when the forks nest and there is one input and one output (a
 * list people can read and edit); otherwise the graph as it is (graph-layers.ts), every node
 * kept, every input and output of the file a model input and output.
 */
import { MODEL_FORMAT, type Model, type Shape } from '../format/model';
import { toLayers, type GraphNode } from './graph';
import { toGraphLayers } from './graph-layers';
import { say } from '../messages';

export interface GraphImport {
  readonly nodes: readonly GraphNode[];
  /** The file's inputs (value names) with their shapes, batch left out; the first one leads. */
  readonly inputs: readonly { readonly name: string; readonly shape: Shape }[];
  /** The file's outputs (value names) that some node computes. */
  readonly outputs: readonly string[];
  readonly name: string;
  readonly batch: number;
  readonly meta: Readonly<Record<string, unknown>>;
  /** How a value is shown as an id (default: its name). */
  readonly display?: (value: string) => string;
}

/** The model and the notes to add to the import's warnings. */
export function modelFromGraph(g: GraphImport): { model: Model; notes: string[] } {
  const notes: string[] = [];
  const head = { format: MODEL_FORMAT, name: g.name, batch: g.batch, meta: g.meta } as const;
  const [first, ...others] = g.inputs;
  const flow = { nodes: g.nodes, input: first.name, output: g.outputs[0] };
  const s = g.outputs.length === 1 && !others.length ? toLayers(flow) : null;
  if (s?.ok) {
    if (s.dropped) notes.push(say('file.dropped', { n: s.dropped }));
    return { model: { ...head, input: first.shape, layers: s.layers } as Model, notes };
  }
  const gl = toGraphLayers(
    flow,
    g.outputs,
    g.display,
    others.map((o) => o.name),
  );
  const why = s
    ? s.error
    : others.length
      ? say('file.nInputs', { n: g.inputs.length })
      : say('file.nOutputs', { n: g.outputs.length });
  notes.push(say('file.asGraph', { why }));
  const inputs = [
    { name: gl.input, shape: first.shape },
    ...others.map((o, i) => ({ name: gl.others[i], shape: o.shape })),
  ];
  return { model: { ...head, inputs, outputs: gl.outputs, layers: gl.layers } as Model, notes };
}
