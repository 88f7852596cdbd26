/**
 * `npm run bench`: time to evaluate a 10,000-layer model, per convention and with every
 * convention at once. Target (issue 8): ≤ 10 ms per evaluation on the project's 2-core machine.
 * "cold" = fresh layer objects (first load of a file or link); "warm" / "edit" = the same objects
 * except one edited layer, which is what the editor sends after each keystroke, evaluated right
 * after the model before the edit (so with that run's rows to reuse).
 *
 * Each cold sample builds its model (JSON round trip, as a file load does) and then runs a minor
 * garbage collection, so the megabytes of garbage the benchmark itself makes while building the
 * model are not billed to the engine; the model is still young, as after a real load. The
 * "no GC before" line shows the same evaluation without that collection, and the last line the
 * memory a cold evaluation allocates (which decides how often the collector interrupts it).
 * The timed lines run after a JIT warm-up; the first evaluation in the process is reported apart.
 * The last lines time the models the app evaluates on the page (≤ INLINE_ROWS rows), which is how
 * long such an edit blocks the main thread.
 */
import { performance, PerformanceObserver } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import { evaluateModel } from '../src/engine/evaluate';
import { CONVENTION_IDS } from '../src/engine/conventions/registry';
import { mainInput, type LayerSpec, type Model } from '../src/engine/format/model';
import { insertAt, removeAt, updateAt } from '../src/engine/format/edit';
import { presetByName } from '../src/engine/presets';
import { evaluationRows } from '../src/engine/work';
import { INLINE_ROWS } from '../src/state/evaluation';
import { deepModel, graphModel, layerCount, namedDeepModel } from './models';

const N = 10_000;
const REPS = 21;

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as (o: { type: 'minor' | 'major' }) => void;

/** Start times of garbage collections, to tell which samples had one inside. */
const gcStarts: number[] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcStarts.push(e.startTime);
}).observe({ entryTypes: ['gc'] });

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
console.log(`model: ${layerCount(base.layers)} layers (${mainInput(base).join('×')}), ${REPS} runs each`);
// The first evaluation in a process also compiles the engine (a fresh worker pays this once).
let rows = 0;
const first = time(() => (rows = evaluateModel(fresh(), { conventions: CONVENTION_IDS }).rows.length));
console.log(`rows evaluated: ${rows}; first evaluation in this process (JIT cold): ${first.toFixed(2)} ms`);
// Warm the JIT up before the timed lines, so the first convention is not billed for compiling.
for (let i = 0; i < 5; i++) evaluateModel(fresh(), { conventions: CONVENTION_IDS });

function warm(m: Model, i: number): Model {
  // Replace one layer (as an edit does), keep every other object identical.
  const layers = [...m.layers];
  layers[1] = { type: 'batchnorm2d', name: `edit ${i}` };
  return { ...m, layers };
}

/** Heap growth of cold evaluations that had no collection inside (bytes). */
const allocated: number[] = [];
const windows: [number, number, number][] = [];

function coldSamples(conventions: readonly string[], collectFirst: boolean, build = fresh): number[] {
  return Array.from({ length: REPS }, () => {
    const m = build();
    if (collectFirst) gc({ type: 'minor' });
    const heap = process.memoryUsage().heapUsed;
    const t = performance.now();
    evaluateModel(m, { conventions });
    const end = performance.now();
    if (build === fresh) windows.push([t, end, process.memoryUsage().heapUsed - heap]);
    return end - t;
  });
}

for (const id of CONVENTION_IDS) {
  const cold = coldSamples([id], true);
  evaluateModel(base, { conventions: [id] });
  const hot = Array.from({ length: REPS }, (_, i) => {
    const m = warm(base, i);
    return time(() => evaluateModel(m, { conventions: [id] }));
  });
  console.log(`${id.padEnd(12)} cold ${stats(cold)} | warm ${stats(hot)}`);
}
const allCold = coldSamples(CONVENTION_IDS, true);
evaluateModel(base, { conventions: CONVENTION_IDS });
const all = Array.from({ length: REPS }, (_, i) => {
  const m = warm(base, i);
  return time(() => evaluateModel(m, { conventions: CONVENTION_IDS }));
});
console.log(
  `${'all at once'.padEnd(12)} cold ${stats(allCold)} | warm ${stats(all)} (${CONVENTION_IDS.length} conventions)`,
);
const noGc = coldSamples(CONVENTION_IDS, false);
console.log(`all at once, no GC before each sample: cold ${stats(noGc)}`);
const allNamed = coldSamples(CONVENTION_IDS, true, () => JSON.parse(JSON.stringify(namedDeepModel(N))) as Model);
console.log(`all at once, every layer named (blocks not shared): cold ${stats(allNamed)}`);

// A 10,000-node graph (floplab.model/2: a flat list whose adds take their inputs by name, as an
// imported file is): cold per convention and all at once, then edits as the editor makes them.
// An edit is `updateAt` (src/engine/format/edit.ts) changing one field of one layer in the middle
// of the graph; each evaluation follows the one of the model before the edit, so it reuses that
// run's rows (incremental). The fields cycle through a conv's bias (its counts change), a side
// head's channels (its shape changes; nothing reads it) and a batchnorm's name.
{
  const freshGraph = (): Model => JSON.parse(JSON.stringify(graphModel(N))) as Model;
  const g = freshGraph();
  for (let i = 0; i < 3; i++) evaluateModel(freshGraph(), { conventions: CONVENTION_IDS });
  const one = coldSamples(['torch'], true, freshGraph);
  const cold = coldSamples(CONVENTION_IDS, true, freshGraph);
  const errors = evaluateModel(g, { conventions: CONVENTION_IDS }).errors;
  console.log(
    `graph: ${g.layers.length} nodes with from/id (${errors} errors): cold one convention ${stats(one)} | all ${CONVENTION_IDS.length} ${stats(cold)}`,
  );
  const mid = (test: (l: LayerSpec) => boolean): string => {
    let i = g.layers.length >> 1;
    while (!test(g.layers[i])) i++;
    return `layers[${i}]`;
  };
  const conv = mid((l) => l.type === 'conv2d' && l.from === undefined);
  const head = mid((l) => l.type === 'conv2d' && l.from !== undefined);
  const bn = mid((l) => l.type === 'batchnorm2d');
  const edits: ((m: Model, i: number) => Model)[] = [
    (m, i) => updateAt(m, conv, (l) => ({ ...l, bias: i % 2 === 0 })),
    (m, i) => updateAt(m, head, (l) => ({ ...l, out: i % 2 === 0 ? 16 : 8 })),
    (m, i) => updateAt(m, bn, (l) => ({ ...l, name: `edit ${i}` })),
  ];
  let m = g;
  evaluateModel(m, { conventions: CONVENTION_IDS });
  const edit = Array.from({ length: 3 * REPS }, (_, i) => {
    m = edits[i % edits.length](m, i);
    const next = m;
    return time(() => evaluateModel(next, { conventions: CONVENTION_IDS }));
  });
  console.log(`graph edit (one field of one layer, all ${CONVENTION_IDS.length}): ${stats(edit)}`);
  // Inserting a layer moves every row after it (their paths and positions change): not free.
  const insert = Array.from({ length: REPS }, (_, i) => {
    m = i % 2 === 0 ? insertAt(m, 'layers', 1, { type: 'identity' }) : removeAt(m, 'layers[1]');
    const next = m;
    return time(() => evaluateModel(next, { conventions: CONVENTION_IDS }));
  });
  console.log(`graph insert or remove near the top (every later row moves): ${stats(insert)}`);
}

// Models small enough to be evaluated on the page, in the edit's own event (src/state/evaluation.ts):
// how long that blocks the page. Worst case: INLINE_ROWS rows that share nothing, cold.
const pageModels: [string, Model][] = [
  ['ResNet-50', presetByName('resnet50')!.build()],
  ['DenseNet-121', presetByName('densenet121')!.build()],
];
const named = namedDeepModel(1000);
const cut = [...named.layers];
while (evaluationRows({ layers: cut }) > INLINE_ROWS) cut.pop();
pageModels.push([`${INLINE_ROWS}-row limit, all named`, { ...named, layers: cut }]);
for (const [label, m] of pageModels) {
  const copy = () => JSON.parse(JSON.stringify(m)) as Model;
  const cold = coldSamples(CONVENTION_IDS, true, copy);
  const model = copy();
  evaluateModel(model, { conventions: CONVENTION_IDS });
  const hot = Array.from({ length: REPS }, (_, i) => {
    const edited = warm(model, i);
    return time(() => evaluateModel(edited, { conventions: CONVENTION_IDS }));
  });
  console.log(
    `on the page: ${label} (${evaluationRows(m)} rows, all ${CONVENTION_IDS.length}) cold ${stats(cold)} | warm ${stats(hot)}`,
  );
}

// Observer entries arrive asynchronously: read them once everything has run.
setTimeout(() => {
  for (const [t, end, bytes] of windows) if (!gcStarts.some((g) => g >= t && g <= end)) allocated.push(bytes);
  allocated.sort((a, b) => a - b);
  const mb = allocated.length ? (allocated[allocated.length >> 1] / 1e6).toFixed(1) : '?';
  const hit = windows.length - allocated.length;
  console.log(
    `cold evaluation allocates ≈ ${mb} MB (median of ${allocated.length} samples without a collection inside; ` +
      `${hit} of ${windows.length} cold samples had one)`,
  );
}, 100);
