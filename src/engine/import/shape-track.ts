/**
 * Shapes of an importer's dataflow values while the graph is being built, from the layer kinds'
 * own shape rules (the same ones the evaluator runs). Importers need them where an operator's
 * meaning depends on its input: the rank decides which batch norm a BatchNormalization is, and
 * how a constant operand lines up with the data. Unknown (null) where a layer cannot be shaped.
 */
import type { Shape } from '../format/model';
import { broadcastShapes } from '../layers/dims';
import { isBlock, parseLayer } from '../layers/registry';
import type { GraphNode } from './graph';

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
    let cur: Shape | null = shapes[0] ?? [];
    let first = true;
    for (const spec of node.layers ?? []) {
      const p = parseLayer(spec, 'layer');
      if ('error' in p || isBlock(p.kind) || cur === null) return null;
      const r = p.kind.shape(p.params, cur, first && shapes.length ? shapes : [cur]);
      cur = 'error' in r ? null : r.output;
      first = false;
    }
    return cur;
  }
}
