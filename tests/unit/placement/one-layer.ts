/** Test helpers: evaluate a model of one layer (or a few) and place its last op on a target. */
import { evaluateModel } from '../../../src/engine/evaluate';
import type { Model } from '../../../src/engine/format/model';
import type { Precision } from '../../../src/engine/deploy/devices/schema';
import { placeModel, targetById, type Placement, type PlacedRow } from '../../../src/engine/deploy/placement';

export function evaluate(input: number[], layers: object[], batch = 1) {
  const model = { format: 'floplab.model/2', input, batch, layers } as unknown as Model;
  const r = evaluateModel(model);
  const bad = r.rows.find((x) => x.error);
  if (bad || r.modelError) throw new Error(`test model does not evaluate: ${bad?.error ?? r.modelError}`);
  return r;
}

export function place(target: string, input: number[], layers: object[], dtype?: Precision, batch = 1): Placement {
  const p = placeModel(evaluate(input, layers, batch), target, dtype);
  if ('error' in p) throw new Error(p.error);
  return p;
}

/** The placement of the last op row of a model. */
export function lastOp(target: string, input: number[], layers: object[], dtype?: Precision, batch = 1): PlacedRow {
  const p = place(target, input, layers, dtype, batch);
  const ops = p.rows.filter((r) => r.role === 'op');
  return ops[ops.length - 1];
}

/** The source a placement row's rule cites (rule, generic limit or the target's own source). */
export function sourceOf(target: string, ruleId: string) {
  const t = targetById(target)!;
  const rule = t.rules.find((r) => r.id === ruleId);
  if (rule) return rule.source;
  const g = t.generic?.find((x) => x.id === ruleId);
  if (g) return g.source;
  if (ruleId.endsWith('.dtype')) return t.dtypeSource;
  if (ruleId.endsWith('.rest-on-cpu')) return t.fallbackSource;
  if (ruleId.endsWith('.not-listed') || ruleId.endsWith('.no-public-table')) return t.sources[0];
  return undefined;
}
