/**
 * Writes the PyTorch export (modelToPytorch) of every preset at its default knobs into a folder, with
 * manifest.json: per preset FlopLab's parameter count, batch, inputs and output shapes, or the writer's
 * refusal. scripts/check-pytorch-export.py then runs each file in real PyTorch and compares.
 *
 *   npx tsx scripts/write-pytorch-presets.ts /tmp/pytorch-presets [name …]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRESETS } from '../src/engine/presets';
import { evaluateModel } from '../src/engine/evaluate';
import { modelToPytorch } from '../src/engine/export/pytorch';
import { modelInputs } from '../src/engine/format/model';

const [dir = '/tmp/pytorch-presets', ...only] = process.argv.slice(2);
mkdirSync(dir, { recursive: true });
const manifest = [];
for (const p of PRESETS) {
  if (only.length && !only.includes(p.name)) continue;
  const model = p.build();
  const r = modelToPytorch(model);
  const e = evaluateModel(model);
  const entry = {
    name: p.name,
    params: e.totals.params.toString(),
    batch: model.batch ?? 1,
    inputs: modelInputs(model).map((i) => i.shape),
    outputs: e.outputs.map((o) => o.shape),
    file: r.ok ? `${p.name}.py` : null,
    error: r.ok ? null : r.error,
  };
  if (r.ok) writeFileSync(join(dir, entry.file as string), r.code);
  manifest.push(entry);
}
writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 1));
const written = manifest.filter((m) => m.file).length;
console.log(`${written} of ${manifest.length} presets written to ${dir}`);
for (const m of manifest) if (m.error) console.log(`refused ${m.name}: ${m.error}`);
