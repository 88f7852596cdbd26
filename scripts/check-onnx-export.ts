/**
 * Writes what the ONNX writer makes of every preset (up to 120 M parameters, batch 2, zero weights)
 * and of each one-kind model of tests/unit/io/onnx-graph-kinds.ts into a folder, with the output
 * shapes FlopLab gives, for scripts/check-onnx-export.py to run in onnxruntime.
 * Usage: npx tsx scripts/check-onnx-export.ts [DIR]   (default /tmp/floplab-onnx-export)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PRESETS } from '../src/engine/presets';
import { modelToOnnx } from '../src/engine/export';
import { evaluateModel } from '../src/engine/evaluate';
import type { Model } from '../src/engine/format/model';
import { GRAPH_KINDS } from '../tests/unit/io/onnx-graph-kinds';

const dir = process.argv[2] ?? '/tmp/floplab-onnx-export';
mkdirSync(dir, { recursive: true });
const expected: Record<string, { batch: number; outputs: number[][] }> = {};
const refused: string[] = [];
const models: [string, Model][] = [
  ...PRESETS.map((p): [string, Model] => [p.name, { ...p.build(), batch: 2 }]),
  ...GRAPH_KINDS.map(([n, m], i): [string, Model] => [`kind${i}_${n.replace(/\W+/g, '_')}`, m]),
];
for (const [name, m] of models) {
  const e = evaluateModel(m, { conventions: ['exact'] });
  if (e.totals.params > 120_000_000n) continue;
  const r = modelToOnnx(m, { weights: 'zeros' });
  if (!r.ok) {
    refused.push(`${name}: ${r.error}`);
    continue;
  }
  writeFileSync(path.join(dir, `${name}.onnx`), r.bytes);
  expected[name] = { batch: m.batch ?? 1, outputs: e.outputs.map((o) => [...(o.shape ?? [])]) };
}
writeFileSync(path.join(dir, 'expected.json'), JSON.stringify(expected));
console.log(`${Object.keys(expected).length} files in ${dir}; refused ${refused.length}`);
for (const r of refused) console.log(`  refused ${r}`);
