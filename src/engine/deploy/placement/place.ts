/**
 * Placing an evaluated model on a target: each op row gets the rule that decided where it runs.
 *
 * What counts as an op: every leaf row, and a block's own combining op (a residual's add, a concat
 * block's concatenation, a scale block's multiply), which runs after the block's body. Not ops:
 * a repeat or aux block (containers), layers that do nothing at inference (dropout, identity:
 * converters elide them), constants (a `parameter` row is a weight tensor), layers the target's
 * converter fuses into the op before them (`fused`, placed with that op), and rows with an error
 * or inside a training-only head. Shape rows (reshape, flatten, permute …) are ops: TFLite, QNN and
 * RKNN all write them as operators (RESHAPE, Transpose …) and vendors list them.
 */
import type { ModelResult, Row } from '../../rows';
import type { Precision } from '../devices/schema';
import type { OpRule, OpRole, Partition, PlacedRow, Placement, PlacementTarget, Where } from './types';
import { say } from '../../messages';

/** Blocks whose row stands for an op of their own. */
const COMBINING = new Set(['residual', 'concat', 'scale']);
const ELIDED = new Set(['dropout', 'identity']);
const CONSTANT = new Set(['parameter']);

interface Decision {
  readonly on: Where;
  readonly ruleId: string;
  readonly why: string;
  readonly undocumented?: boolean;
}

/** For each row, its previous sibling: the row at the same depth that ends where it starts. */
function previousSiblings(rows: readonly Row[]): (number | undefined)[] {
  const prev: (number | undefined)[] = new Array(rows.length).fill(undefined);
  rows.forEach((r, j) => {
    if (r.end < rows.length && rows[r.end].depth === r.depth) prev[r.end] = j;
  });
  return prev;
}

export function ruleFor(target: PlacementTarget, row: Row): OpRule | undefined {
  return target.rules.find((r) => r.kinds.includes(row.type) && (!r.when || r.when(row)));
}

/** Where one op runs on the target by its own rule (before the rest-on-CPU pass). */
export function decide(target: PlacementTarget, row: Row, batch: number, dtype: Precision): Decision {
  if (!target.documented)
    return {
      on: 'cpu',
      ruleId: `${target.id}.no-public-table`,
      why: target.notes
        ? say('place.noTable', { accelerator: target.accelerator, notes: target.notes })
        : say('place.noTableBare', { accelerator: target.accelerator }),
      undocumented: true,
    };
  if (!target.dtypes.includes(dtype))
    return {
      on: 'cpu',
      ruleId: `${target.id}.dtype`,
      why: say('place.dtype', {
        accelerator: target.accelerator,
        dtypes: target.dtypes.join('/'),
        source: target.dtypeSource.title,
        dtype,
      }),
    };
  const ctx = { row, batch, dtype };
  for (const g of target.generic ?? []) {
    const fail = g.check(ctx);
    if (fail) return { on: 'cpu', ruleId: g.id, why: `${g.text}: ${fail}` };
  }
  const rule = ruleFor(target, row);
  if (!rule)
    return {
      on: 'cpu',
      ruleId: `${target.id}.not-listed`,
      why: target.unlisted
        ? `${row.type}: ${target.unlisted}`
        : `${row.type} is not in ${target.accelerator}'s supported list (${target.rules[0]?.source.title ?? 'no list'})`,
    };
  const note = rule.undocumented ? ` (undocumented: ${rule.undocumented})` : '';
  if (rule.on === 'cpu')
    return { on: 'cpu', ruleId: rule.id, why: rule.text + note, undocumented: !!rule.undocumented };
  for (const l of rule.limits ?? []) {
    const fail = l.check(ctx);
    if (fail) return { on: 'cpu', ruleId: rule.id, why: `${rule.vendorOp}: ${l.text} — ${fail}` };
  }
  return {
    on: 'accelerator',
    ruleId: rule.id,
    why: `${rule.vendorOp}: ${rule.text}${note}`,
    undocumented: !!rule.undocumented,
  };
}

/** The fusion that merges row i into the op before it, with that op's index. */
function fusionOf(
  target: PlacementTarget,
  rows: readonly Row[],
  i: number,
  prev: number | undefined,
  fusedInto: Map<number, number>,
) {
  if (prev === undefined) return undefined;
  const host = fusedInto.get(prev) ?? prev;
  const f = (target.fusions ?? []).find((x) => x.kinds.includes(rows[i].type) && x.hosts.includes(rows[host].type));
  return f && !rows[host].error ? { fusion: f, host } : undefined;
}

/** An op moved to the CPU by a rule of the whole model (not its own): only the new rule and why are kept. */
const onCpu = (p: PlacedRow, ruleId: string, why: string): PlacedRow => ({
  index: p.index,
  path: p.path,
  type: p.type,
  role: p.role,
  on: 'cpu',
  ruleId,
  why,
});

/** Places every op of an evaluated model on a target at a precision. */
export function placeOn(target: PlacementTarget, result: ModelResult, dtype: Precision): Placement {
  const rows = result.rows;
  const prev = previousSiblings(rows);
  const fusedInto = new Map<number, number>();
  const placed = new Map<number, PlacedRow>();
  const ops: { index: number; key: number }[] = [];
  const notes: string[] = [];
  let skipped = 0;
  rows.forEach((row, i) => {
    if (row.block && !COMBINING.has(row.type)) return;
    if (row.error || row.trainingOnly) {
      skipped++;
      return;
    }
    const base = { index: i, path: row.path, type: row.type };
    const put = (role: OpRole, d: Decision, extra?: { fusedInto: number }) =>
      placed.set(i, { ...base, role, ...d, ...extra });
    if (ELIDED.has(row.type))
      return put('elided', {
        on: 'accelerator',
        ruleId: 'elided',
        why: say('place.elided'),
      });
    if (CONSTANT.has(row.type))
      return put('constant', { on: 'accelerator', ruleId: 'constant', why: say('place.constant') });
    const fu = fusionOf(target, rows, i, prev[i], fusedInto);
    if (fu) {
      fusedInto.set(i, fu.host);
      return put(
        'fused',
        { on: 'accelerator', ruleId: 'fused', why: `${fu.fusion.text} (${fu.fusion.source.title})` },
        { fusedInto: fu.host },
      );
    }
    put('op', decide(target, row, result.batch, dtype));
    // A block's own op runs after its body: order it just before the row that follows the block.
    ops.push({ index: i, key: row.block ? row.end - 0.5 : i });
  });
  ops.sort((a, b) => a.key - b.key);

  let first: PlacedRow | undefined;
  for (const [k, { index }] of ops.entries()) {
    const p = placed.get(index)!;
    const row = rows[index];
    const edge = target.edgeConversions;
    if (edge && row.type === 'quantize' && (k === 0 || row.params_?.mode === 'dequantize')) {
      // A conversion at the graph's edge: on the CPU, and the partition goes on past it.
      placed.set(index, onCpu(p, `${target.id}.edge-conversion`, `${edge.text} (${edge.source.title})`));
      continue;
    }
    if (first && target.fallbackMode === 'rest-on-cpu' && p.on === 'accelerator') {
      placed.set(
        index,
        onCpu(
          p,
          `${target.id}.rest-on-cpu`,
          say('place.restOnCpu', {
            path: first.path,
            accelerator: target.accelerator,
            source: target.fallbackSource.title,
          }),
        ),
      );
    } else if (!first && p.on === 'cpu') first = p;
  }
  // Fused, elided and constant rows follow the op they belong to (or the op before them).
  let lastOn: Where = 'accelerator';
  const out: PlacedRow[] = [];
  for (let i = 0; i < rows.length; i++) {
    const p = placed.get(i);
    if (!p) continue;
    let q = p;
    if (p.role === 'fused') q = { ...p, on: placed.get(p.fusedInto!)!.on };
    else if (p.role !== 'op') q = { ...p, on: lastOn };
    else lastOn = p.on;
    out.push(q);
    placed.set(i, q);
  }

  const partitions: Partition[] = [];
  for (const { index } of ops) {
    const on = placed.get(index)!.on;
    const last = partitions[partitions.length - 1];
    if (last && last.on === on) partitions[partitions.length - 1] = { ...last, lastIndex: index, ops: last.ops + 1 };
    else partitions.push({ on, firstIndex: index, lastIndex: index, ops: 1 });
  }
  const opRows = ops.map(({ index }) => placed.get(index)!);
  // The first op that falls back; the conversions at the graph's edges are expected on the CPU.
  const fallback =
    opRows.find((p) => p.on === 'cpu' && p.ruleId !== `${target.id}.edge-conversion`) ??
    opRows.find((p) => p.on === 'cpu');
  if (skipped) notes.push(`${skipped} row(s) with an error or in a training-only head are not placed`);
  if (!target.documented) notes.push(`placement unknown: ${target.notes ?? 'no public rule table'}`);
  const undocumentedRows = opRows.filter((p) => p.undocumented).length;
  if (undocumentedRows && target.documented)
    notes.push(`${undocumentedRows} op(s) placed by a rule whose source leaves something undocumented`);
  return {
    target: target.id,
    targetName: target.name,
    accelerator: target.accelerator,
    dtype,
    documented: target.documented,
    fallbackMode: target.fallbackMode,
    rows: out,
    opsOnAccelerator: opRows.filter((p) => p.on === 'accelerator').length,
    opsTotal: opRows.length,
    firstFallback: fallback
      ? { index: fallback.index, path: fallback.path, ruleId: fallback.ruleId, why: fallback.why }
      : null,
    partitions,
    undocumentedRows,
    notes,
  };
}
