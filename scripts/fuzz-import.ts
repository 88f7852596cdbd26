/**
 * `npx tsx scripts/fuzz-import.ts`: mutated real files through every importer (issue 21), seeded.
 * Each case must resolve, within the per-case budget, and an accepted model must pass the schema
 * (tests/unit/fuzz/import-mutations.ts). Prints cases, failures, the worst time and the worst heap;
 * exits 1 on any failure, with the mutation that replays it.
 *
 *   npx tsx scripts/fuzz-import.ts                          # 5,000 cases, seed 20261206, 2 s per case
 *   npx tsx scripts/fuzz-import.ts --runs 20000 --seed 7 --budget 5000
 */
import fc from 'fast-check';
import {
  FIXTURES,
  fixtureOf,
  KINDS,
  mutationArb,
  runCase,
  warmUp,
  type Mutation,
} from '../tests/unit/fuzz/import-mutations';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

const runs = Number(option('runs') ?? 5000);
const seed = Number(option('seed') ?? 20261206);
const budget = Number(option('budget') ?? 2000);
if (![runs, seed, budget].every(Number.isInteger) || runs < 1 || budget < 1) {
  console.error('usage: npx tsx scripts/fuzz-import.ts [--runs N] [--seed N] [--budget MS]');
  process.exit(2);
}

await warmUp();
const cases = fc.sample(mutationArb, { numRuns: runs, seed });
let failures = 0;
let worst = { ms: 0, m: cases[0] as Mutation };
let worstHeap = 0;
const byKind = new Map<string, number>();
const started = performance.now();
for (const m of cases) {
  const o = await runCase(m, budget);
  byKind.set(m.kind, (byKind.get(m.kind) ?? 0) + 1);
  if (o.ms > worst.ms) worst = { ms: o.ms, m };
  worstHeap = Math.max(worstHeap, o.heapMB);
  if (o.problem) {
    failures++;
    if (failures <= 20) console.log(`✗ ${fixtureOf(m).name} ${m.kind}: ${o.problem}\n  replay: ${JSON.stringify(m)}`);
  }
}
const s = (performance.now() - started) / 1000;
const w = worst.m;
console.log(`fuzz-import: seed ${seed}, budget ${budget} ms per case, ${FIXTURES.length} fixtures`);
console.log(`  kinds: ${KINDS.map((k) => `${k} ${byKind.get(k) ?? 0}`).join(', ')}`);
console.log(`  cases: ${runs.toLocaleString('en')} in ${s.toFixed(1)} s`);
console.log(`  failures: ${failures}`);
console.log(`  worst time: ${worst.ms.toFixed(0)} ms (${fixtureOf(w).name}, ${w.kind})`);
console.log(`  worst heap: ${worstHeap.toFixed(0)} MB (heapUsed after a case)`);
process.exit(failures ? 1 : 0);
