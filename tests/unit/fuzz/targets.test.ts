/**
 * The `npm run fuzz` targets (targets.ts) at test-command size: 1,500 seeded cases each, with
 * the same checks — no exception escapes, no JavaScript exception message leaks into an answer,
 * and what is accepted can be saved, sent to the worker and evaluated.
 */
import { describe, it } from 'vitest';
import fc from 'fast-check';
import { TARGETS, propertyOf } from './targets';

const RUNS = { numRuns: 1500, seed: 20261128 };

describe('fuzz targets (1,500 cases each; npm run fuzz runs 100,000)', () => {
  for (const t of TARGETS) it(t.name, () => fc.assert(propertyOf(t), RUNS), 120_000);
});
