/**
 * GELU as exporters before opset 20 write it: x · 0.5 · (1 + erf(x / √2)), as Div (or Mul by 1/√2)
 * → Erf → Add 1 → Mul x → Mul 0.5. Each step passes its input through silently while the pattern is
 * under way; the Mul by x makes the one `gelu` row, the Mul by ½ after it is silent. A pattern left
 * unfinished is given back to the builder (`unfinished`), whose steps become rows of their own.
 */
import type { GraphNode } from '../graph';
import type { OnnxNode, OnnxTensor } from './decode';
import { pushTo } from '../multimap';

type Step = 'scaled' | 'erf' | 'plus' | 'done';

export interface GeluDeps {
  constant(name: string): OnnxTensor | undefined;
  push(node: GraphNode): void;
}

export class GeluPattern {
  /** Value → its x and the step reached. */
  private readonly at = new Map<string, { x: string; step: Step }>();
  /** Nodes of a pattern not (yet) completed, by the x they started from. */
  private readonly parts = new Map<string, OnnxNode[]>();

  constructor(private readonly deps: GeluDeps) {}

  /** True when node `n` (its data inputs `ins`) is a step of the pattern and was taken. */
  step(n: OnnxNode, ins: string[]): boolean {
    const out = n.outputs[0];
    const x = ins[0];
    const prev = this.at.get(x);
    const k = n.inputs.map((v) => this.deps.constant(v)).find(Boolean)?.values;
    const is = (v: number) => k?.length === 1 && Math.abs(k[0] - v) < 1e-3;
    const silent = (from: string) =>
      this.deps.push({ label: n.name || n.opType, op: 'layers', layers: [], inputs: [from], output: out });
    let next: { x: string; step: Step } | null = null;
    if (ins.length === 1 && ((n.opType === 'Div' && is(Math.SQRT2)) || (n.opType === 'Mul' && is(Math.SQRT1_2))))
      next = { x, step: 'scaled' };
    else if (n.opType === 'Erf' && prev?.step === 'scaled') next = { x: prev.x, step: 'erf' };
    else if (n.opType === 'Add' && ins.length === 1 && prev?.step === 'erf' && is(1))
      next = { x: prev.x, step: 'plus' };
    if (next) {
      this.at.set(out, next);
      pushTo(this.parts, next.x, n);
      silent(x);
      return true;
    }
    if (n.opType === 'Mul' && ins.length === 2) {
      const [a, b] = ins;
      const src = this.at.get(b)?.step === 'plus' && this.at.get(b)?.x === a ? a : null;
      const from = src ?? (this.at.get(a)?.step === 'plus' && this.at.get(a)?.x === b ? b : null);
      if (from === null) return false;
      this.parts.delete(from);
      this.at.set(out, { x: from, step: 'done' });
      const spec = { type: 'gelu', ...(n.name ? { name: n.name } : {}) };
      this.deps.push({ label: n.name || 'Gelu', op: 'layers', layers: [spec], inputs: [from], output: out });
      return true;
    }
    if (n.opType === 'Mul' && ins.length === 1 && prev?.step === 'done' && is(0.5)) {
      silent(x);
      return true;
    }
    return false;
  }

  /** The nodes of every pattern left unfinished. */
  unfinished(): OnnxNode[] {
    return [...this.parts.values()].flat();
  }
}
