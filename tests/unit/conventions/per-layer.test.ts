/**
 * Every layer type under every convention on a small input ([4, 6, 6] or [8], batch 2), one
 * row per case. Expected values were worked out by hand from each tool's formula as read from
 * its source (the row's `source`; details and versions in docs/conventions.md and
 * shared/reference/conventions.md), independently of the engine's rule tables.
 * Batch 2 makes the batch factor visible: ptflops reports one image, the others the batch.
 */
import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../../src/engine/evaluate';
import { CONVENTION_IDS } from '../../../src/engine/conventions/registry';
import type { LayerSpec } from '../../../src/engine/format/model';
import { BLOCK_KINDS, LEAF_KINDS } from '../../../src/engine/layers/registry';
import { CONVENTIONS } from '../../../src/engine/conventions/registry';

import type { LayerCase } from './layer-case';
import { CASES as A } from './cases-a';
import { CASES as B } from './cases-b';
import { CASES as C } from './cases-c';
import { CASES as D } from './cases-d';
import { CASES as E } from './cases-e';
import { CASES as F } from './cases-f';
import { CASES as G } from './cases-g';
import { CASES as H } from './cases-h';
import { CASES as I } from './cases-i';

const CASES: readonly LayerCase[] = [...A, ...B, ...C, ...D, ...E, ...F, ...G, ...H, ...I];

describe('one layer under every convention (batch 2)', () => {
  it.each(CASES.map((c) => [`${JSON.stringify(c.spec)} on [${c.input.join(', ')}]`, c] as const))('%s', (_n, c) => {
    const r = evaluateModel(
      { format: 'floplab.model/2', input: c.input, batch: 2, layers: [c.spec] },
      { conventions: [...CONVENTION_IDS] },
    );
    expect(r.errors).toBe(0);
    const got = Object.fromEntries(CONVENTION_IDS.map((id, i) => [id, Number(r.totals.counts[i])]));
    expect(got).toEqual(c.expect);
  });

  it('covers every leaf layer kind in the registry', () => {
    const covered = new Set(CASES.map((c) => c.spec.type));
    for (const k of LEAF_KINDS) expect([k.type, covered.has(k.type)]).toEqual([k.type, true]);
  });
});

// A block's own combining op (children are counted on their own rows): the residual add and the
// SE multiply are one op per element in the seed article ("don't forget the shortcut adds"),
// exact, onnx-tool (AddNode/MulNode) and Netscope (Eltwise SUM / Scale); the six PyTorch tools
// see `out += x` and `body(x) * x` operators and count 0 (shared/reference/conventions.md, "Blocks").
describe('block ops under every convention (input [4, 6, 6], batch 2: 288 elements)', () => {
  const ONE_PER_ELEMENT = { seed: 288, exact: 288, 'onnx-tool': 288, netscope: 288 };
  const blocks: [string, LayerSpec, Readonly<Record<string, number>>][] = [
    ['residual', { type: 'residual', body: [{ type: 'relu' }] }, ONE_PER_ELEMENT],
    ['scale', { type: 'scale', body: [{ type: 'adaptiveavgpool2d', out: 1 }, { type: 'sigmoid' }] }, ONE_PER_ELEMENT],
    ['concat', { type: 'concat', branches: [[], [{ type: 'relu' }]] }, {}],
    ['repeat', { type: 'repeat', times: 2, body: [{ type: 'relu' }] }, {}],
    ['aux', { type: 'aux', body: [{ type: 'relu' }] }, {}],
  ];
  it.each(blocks)('%s', (_t, spec, nonZero) => {
    const r = evaluateModel(
      { format: 'floplab.model/2', input: [4, 6, 6], batch: 2, layers: [spec] },
      { conventions: [...CONVENTION_IDS] },
    );
    expect(r.errors).toBe(0);
    const own = Object.fromEntries(CONVENTION_IDS.map((id, i) => [id, Number(r.rows[0].counts[i])]));
    expect(own).toEqual(Object.fromEntries(CONVENTION_IDS.map((id) => [id, nonZero[id] ?? 0])));
  });
});

describe('every convention explains every type', () => {
  // A 0 must be explainable in the inspector: each type has a rule or a note (a tool's warning,
  // "no rule in register_hooks", "Unknown Layer", …) under every convention.
  it.each(CONVENTIONS.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const silent = [...LEAF_KINDS, ...BLOCK_KINDS]
      .map((k) => k.type)
      .filter((t) => !(t in c.rules) && !(c.notes && t in c.notes));
    expect(silent).toEqual([]);
  });
});
