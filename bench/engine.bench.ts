/**
 * `npm run bench`: time to evaluate a 10,000-layer model, per convention and with every
 * convention at once. Target (issue 2): ≤ 10 ms per evaluation on the project's 2-core machine.
 * "cold" = fresh layer objects (first load of a file); "warm" = the same objects except one
 * edited layer, which is what the editor sends after each keystroke.
 */
import { performance } from 'node:perf_hooks';
import { evaluateModel } from '../src/engine/evaluate';
import { CONVENTION_IDS } from '../src/engine/conventions/registry';
import type { Model } from '../src/engine/format/model';
import { deepModel, layerCount } from './models';

const N = 10_000;
const REPS = 15;

function stats(samples: number[]): string {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return `median ${q(0.5).toFixed(2)} ms · p95 ${q(0.95).toFixed(2)} ms · min ${s[0].toFixed(2)} ms`;
}

function time(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

const fresh = (): Model => JSON.parse(JSON.stringify(deepModel(N))) as Model;
const base = fresh();
console.log(`model: ${layerCount(base.layers)} layers (${base.input.join('×')}), ${REPS} runs each`);
console.log(`rows evaluated: ${evaluateModel(base).rows.length}`);

function warm(m: Model, i: number): Model {
  // Replace one layer (as an edit does), keep every other object identical.
  const layers = [...m.layers];
  layers[1] = { type: 'batchnorm2d', name: `edit ${i}` };
  return { ...m, layers };
}

for (const id of CONVENTION_IDS) {
  const cold = Array.from({ length: REPS }, () => {
    const m = fresh();
    return time(() => evaluateModel(m, { conventions: [id] }));
  });
  evaluateModel(base, { conventions: [id] });
  const hot = Array.from({ length: REPS }, (_, i) => {
    const m = warm(base, i);
    return time(() => evaluateModel(m, { conventions: [id] }));
  });
  console.log(`${id.padEnd(12)} cold ${stats(cold)} | warm ${stats(hot)}`);
}
const all = Array.from({ length: REPS }, (_, i) => {
  const m = warm(base, i);
  return time(() => evaluateModel(m, { conventions: CONVENTION_IDS }));
});
console.log(`${'all at once'.padEnd(12)} warm ${stats(all)} (${CONVENTION_IDS.length} conventions)`);
