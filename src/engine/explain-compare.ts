/**
 * Every convention on one layer, side by side (issue 19: "compare conventions"): each tool's
 * count with its formula and the layer's numbers in it, in the tool's unit and normalised to
 * FLOPs (a MAC is 2 FLOPs, the factor the tools' READMEs give), and why it differs from the
 * exact count: the unit, and the terms of the formula the tool adds or leaves out (both formulas
 * compared in FLOPs, term by term, by explain.ts's changedTerms). The UI only renders this.
 */
import type { Row } from './evaluate';
import { CONVENTION_IDS, conventionById } from './conventions/registry';
import type { Unit } from './conventions/types';
import { changedTerms, countExpr, explainRow } from './explain';
import { mul } from './expr';

export const REFERENCE_CONVENTION = 'exact';

export interface ToolOnLayer {
  readonly id: string;
  readonly name: string;
  readonly unit: Unit;
  /** The formula (TeX), and with this layer's numbers. */
  readonly tex: string;
  readonly substituted: string;
  /** In the tool's unit. */
  readonly value: bigint;
  /** In FLOPs: MAC counts × 2. */
  readonly flops: bigint;
  /** flops − the exact count. */
  readonly diff: bigint;
  /** Terms (TeX, in FLOPs) the tool counts and the exact count does not, and the other way. */
  readonly added: readonly string[];
  readonly removed: readonly string[];
  /** The tool's own remark on this layer type (a per-image report, why a count is 0). */
  readonly note?: string;
}

const FLOPS_PER: Readonly<Record<Unit, bigint>> = { FLOP: 1n, MAC: 2n };

/** Every convention's count of `row`, the exact one first; an error sentence when there is none. */
export function conventionsOnRow(row: Row, ids: readonly string[] = CONVENTION_IDS): ToolOnLayer[] | string {
  if (row.error) return row.error;
  const s = row.symbols;
  const exact = conventionById(REFERENCE_CONVENTION);
  if (!s || !exact) return `${row.path} has no numbers to compare`;
  const exactExpr = countExpr(exact, row.type, s);
  const order = [REFERENCE_CONVENTION, ...ids.filter((id) => id !== REFERENCE_CONVENTION)];
  const out: ToolOnLayer[] = [];
  let reference: bigint | null = null;
  for (const id of order) {
    const c = conventionById(id);
    const r = explainRow(row, id);
    if (!c || !r.ok) continue;
    const q = r.explanation.quantities.find((x) => x.id === 'count');
    if (!q) continue;
    const per = FLOPS_PER[c.unit];
    const flops = q.value * per;
    reference ??= flops;
    const expr = countExpr(c, row.type, s);
    const inFlops = expr && per !== 1n ? mul(Number(per), expr) : expr;
    const terms = changedTerms(exactExpr, inFlops, s);
    out.push({
      id,
      name: c.name,
      unit: c.unit,
      tex: q.tex,
      substituted: q.substituted,
      value: q.value,
      flops,
      diff: flops - reference,
      added: terms.added,
      removed: terms.removed,
      ...(q.note ? { note: q.note } : {}),
    });
  }
  return out;
}
