/**
 * `exact`: every arithmetic operation, as each layer kind states it (its `exact` formula):
 * multiplies, n − 1 adds per dot product, bias adds, pooling compares/adds/divides,
 * batch-norm (eval) as a multiply and an add per element, residual adds, the SE multiply.
 */
import { LEAF_KINDS, BLOCK_KINDS } from '../layers/registry';
import type { Convention, Rule } from './types';

const rules: Record<string, Rule> = {};
const notes: Record<string, string> = {};
for (const k of [...LEAF_KINDS, ...BLOCK_KINDS]) {
  rules[k.type] = k.exact;
  if (k.exactNote) notes[k.type] = k.exactNote;
}

export const exact: Convention = {
  id: 'exact',
  name: 'Exact op count',
  unit: 'FLOP',
  summary: 'Every multiply, add, compare and divide counted once',
  source: "Each layer kind's `exact` formula (src/engine/layers/<kind>.ts); docs/conventions.md",
  rules,
  notes,
};
