/**
 * Shapes of an importer's dataflow values while the graph is being built, from the layer kinds'
 * own shape rules (the same ones the evaluator runs). Importers need them where an operator's
 * meaning depends on its input: the rank decides which batch norm a BatchNormalization is, and
 * how a constant operand lines up with the data. Unknown (null) where a layer cannot be shaped.
 */
import type { LayerSpec, Shape } from '../format/model';
import { broadcastShapes } from '../layers/dims';
import type { LeafKind, Params } from '../layers/kind';
import { isBlock, parseLayer } from '../layers/registry';
import type { GraphNode } from './graph';

/** One layer of a chain, run by its kind's shape rule. */
export interface ChainStep {
  readonly kind: LeafKind;
  readonly params: Params;
  /** Its (first) input and every input: the chain's inputs for the first layer, else the one before. */
  readonly input: Shape;
  readonly inputs: readonly Shape[];
  readonly output: Shape;
}

/**
 * A chain of layers (an importer's node) run by the kinds' own shape rules — the same ones the
 * evaluator runs — from the chain's inputs; or why it cannot be (the first layer's message).
 * Every importer follows shapes with this: ONNX and Caffe through ShapeTrack, TFLite and Keras to
 * check a mapped op against the shape the file states.
 */
export function chainSteps(specs: readonly LayerSpec[], inputs: readonly Shape[]): ChainStep[] | string {
  const steps: ChainStep[] = [];
  let cur = inputs;
  for (const spec of specs) {
    const p = parseLayer(spec, spec.name ?? spec.type);
    if ('error' in p) return p.error;
    if (isBlock(p.kind)) return `${spec.type} is a block, not a layer`;
    const none = p.kind.arity?.[1] === 0;
    const input = none ? [] : (cur[0] ?? []);
    const all = none ? [] : cur.length ? cur : [input];
    const r = p.kind.shape(p.params, input, all);
    if ('error' in r) return r.error;
    steps.push({ kind: p.kind, params: p.params, input, inputs: all, output: r.output });
    cur = [r.output];
  }
  return steps;
}

export class ShapeTrack {
  private readonly shapes = new Map<string, Shape | null>();

  set(value: string, shape: Shape | null) {
    this.shapes.set(value, shape);
  }

  get(value: string): Shape | null {
    return this.shapes.get(value) ?? null;
  }

  /** Records the node's output shape; returns it. */
  add(node: GraphNode): Shape | null {
    const shape = this.compute(node);
    this.shapes.set(node.output, shape);
    return shape;
  }

  private compute(node: GraphNode): Shape | null {
    const ins = node.inputs.map((v) => this.get(v));
    if (ins.some((s) => s === null)) return null;
    const shapes = ins as Shape[];
    if (node.op === 'add' || node.op === 'mul') {
      const b = broadcastShapes(node.op, shapes);
      return 'error' in b ? null : b.output;
    }
    if (node.op === 'concat') {
      if (!shapes.length || shapes.some((s) => s.length !== shapes[0].length)) return null;
      return [shapes.reduce((a, s) => a + s[0], 0), ...shapes[0].slice(1)];
    }
    const layers = node.layers ?? [];
    if (!layers.length) return shapes[0] ?? null;
    const steps = chainSteps(layers, shapes);
    return typeof steps === 'string' ? null : steps[steps.length - 1].output;
  }
}
