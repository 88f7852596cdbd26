/**
 * `npm run bench:import`: how long the hostile import files take in Node and how much heap they
 * leave held (tests/unit/io/import-budget.test.ts checks what each gives, and the heap; the time is
 * a figure here, not a unit test's bound, which fails under load). Each file is built first, then
 * imported three times; the median is printed beside its budget, and "over" marks one past it.
 * Before these budgets: 20,000 residual blocks exhausted a 4 GB heap, a 20,000-node chain listed
 * backwards took 113 s to order, a 1,000,000-node ONNX 32 s to be refused, a 20,000-layer Keras
 * config listed backwards 10 s; 20,000 ONNX residual blocks took 19 s before import/multimap.ts.
 */
import { performance } from 'node:perf_hooks';
import { importFileAsync } from '../src/engine/import';
import {
  kerasReluChainBackwards,
  onnxReluChain,
  onnxResidualChain,
  prototxtResidualChain,
} from '../tests/unit/io/hostile-files';

const MB = 1024 * 1024;
const RUNS = 3;

const CASES: { name: string; what: string; bytes: () => Uint8Array; budgetMs: number }[] = [
  {
    name: 'res20k.onnx',
    what: '20,000 residual blocks, imported',
    bytes: () => onnxResidualChain(20_000),
    budgetMs: 5_000,
  },
  {
    name: 'res20k.prototxt',
    what: '20,000 Eltwise residual blocks, imported',
    bytes: () => prototxtResidualChain(20_000),
    budgetMs: 5_000,
  },
  {
    name: 'backwards.onnx',
    what: '20,000 nodes listed last to first, ordered',
    bytes: () => onnxReluChain(20_000, true),
    budgetMs: 2_000,
  },
  {
    name: 'million.onnx',
    what: '1,000,000 nodes, refused at the node budget',
    bytes: () => onnxReluChain(1_000_000),
    budgetMs: 1_000,
  },
  {
    name: 'backwards.keras',
    what: '20,000 layers listed last to first, ordered',
    bytes: () => kerasReluChainBackwards(20_000),
    budgetMs: 2_000,
  },
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

for (const c of CASES) {
  const bytes = c.bytes();
  const times: number[] = [];
  let outcome = '';
  let heldMB = 0;
  for (let k = 0; k < RUNS; k++) {
    const heap = process.memoryUsage().heapUsed;
    const t = performance.now();
    const r = await importFileAsync(c.name, bytes);
    times.push(performance.now() - t);
    heldMB = Math.max(heldMB, (process.memoryUsage().heapUsed - heap) / MB);
    outcome = r.ok ? `${r.model.layers.length.toLocaleString('en')} top-level rows` : `refused: ${r.error}`;
  }
  const ms = median(times);
  console.log(
    `${c.name} (${(bytes.length / MB).toFixed(1)} MB, ${c.what}): median ${ms.toFixed(0)} ms of ${RUNS}` +
      ` (budget ≤ ${c.budgetMs.toLocaleString('en')} ms${ms > c.budgetMs ? ': OVER' : ''}), heap held ≤ ${heldMB.toFixed(0)} MB; ${outcome}`,
  );
}
