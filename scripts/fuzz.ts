/**
 * `npm run fuzz`: seeded fast-check runs over the URL codec, the model schema, the engine and
 * the ONNX and prototxt importers (targets in tests/unit/fuzz/targets.ts), 100,000 cases each.
 * Prints cases/s per target and the totals; exits 1 on any finding, printing the shrunk input
 * and the seed/path that replays it (pin it as a regression test in tests/unit/fuzz/).
 *
 *   npm run fuzz                       # 100,000 cases per target, seed 20261128
 *   npm run fuzz -- --runs 5000 --seed 7 --only onnx
 */
import fc from 'fast-check';
import { TARGETS, propertyOf } from '../tests/unit/fuzz/targets';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

const runs = Number(option('runs') ?? 100_000);
const seed = Number(option('seed') ?? 20261128);
const only = option('only')?.toLowerCase();
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed)) {
  console.error('usage: npm run fuzz -- [--runs N] [--seed N] [--only NAME]');
  process.exit(2);
}

/** The failing input, shortened; a value too deep to print (the bug itself, maybe) says so. */
function show(value: unknown): string {
  try {
    return fc.stringify(value).slice(0, 2000);
  } catch (err) {
    return `(cannot be printed: ${(err as Error).message})`;
  }
}

const targets = TARGETS.filter((t) => !only || t.name.toLowerCase().includes(only));
let cases = 0;
let failures = 0;
const started = performance.now();
console.log(`fuzz: ${runs.toLocaleString('en')} cases per target, seed ${seed}`);
for (const t of targets) {
  const t0 = performance.now();
  const r = fc.check(propertyOf(t), { numRuns: runs, seed, endOnFailure: false });
  const s = (performance.now() - t0) / 1000;
  cases += r.numRuns;
  const rate = Math.round(r.numRuns / s).toLocaleString('en');
  if (r.failed) {
    failures++;
    console.log(`✗ ${t.name}: failed after ${r.numRuns} cases (${s.toFixed(1)} s)`);
    console.log(`  ${String((r.errorInstance as Error | undefined)?.message ?? r.errorInstance).slice(0, 600)}`);
    console.log(`  counterexample: ${show(r.counterexample)}`);
    console.log(`  replay: { seed: ${r.seed}, path: ${JSON.stringify(r.counterexamplePath)} }`);
  } else console.log(`✓ ${t.name}: ${r.numRuns.toLocaleString('en')} cases in ${s.toFixed(1)} s (${rate} cases/s)`);
}
const total = (performance.now() - started) / 1000;
console.log(
  `fuzz: ${cases.toLocaleString('en')} cases over ${targets.length} targets in ${total.toFixed(1)} s ` +
    `(${Math.round(cases / total).toLocaleString('en')} cases/s); ${failures} target(s) failed`,
);
process.exit(failures ? 1 : 0);
