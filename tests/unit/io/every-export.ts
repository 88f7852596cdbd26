/**
 * Every export format of the app and the CLI (exportAs) for a few models, every exported file the
 * app can read back imported again, and files the writers never make (a real exporter's ONNX,
 * unmapped operators, symbolic dims and negative int64 attributes, Netscope's prototxt): one line
 * per case, with exact totals or a digest of the text. no-eval.test.ts runs this once in the test
 * process and once in a process where generating code is refused, and expects the same lines.
 */
import { createHash } from 'node:crypto';
import * as hdf5 from 'jsfive';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXPORT_FILES, EXPORT_FORMATS, exportAs } from '../../../src/engine/export';
import { importFile } from '../../../src/engine/import';
import { evaluateModel } from '../../../src/engine/evaluate';
import { CONVENTION_IDS } from '../../../src/engine/conventions/registry';
import type { Model } from '../../../src/engine/format/model';
import { presetByName } from '../../../src/engine/presets';
import { starterModel } from '../../../src/state/defaults';
import { onnx } from './onnx-build';

const totals = (m: Model) => {
  const r = evaluateModel(m, { conventions: [...CONVENTION_IDS] });
  return `${r.errors} errors, ${r.totals.params} params, ${r.totals.counts.join('/')}`;
};
const digest = (d: string | Uint8Array) => createHash('sha256').update(d).digest('hex').slice(0, 16);

export const MODELS = ['resnet18', 'mobilenet_v2', 'convnext_tiny', 'vit_b_16'];

export function everyExportAndImport(): Record<string, string> {
  const results: Record<string, string> = {};
  const models: [string, Model][] = [
    ['starter', starterModel()],
    ...MODELS.map((n): [string, Model] => [n, presetByName(n)!.build()]),
  ];
  for (const [name, model] of models)
    for (const format of EXPORT_FORMATS) {
      const r = exportAs(format, model, 'fvcore');
      const key = `${name}.${format}`;
      if (!r.ok) results[key] = `refused: ${r.error}`;
      else if (format !== 'json' && format !== 'onnx' && format !== 'prototxt') results[key] = digest(r.data);
      else {
        const bytes = typeof r.data === 'string' ? new TextEncoder().encode(r.data) : r.data;
        const back = importFile(`${name}${EXPORT_FILES[format].ext}`, bytes);
        results[key] = `${digest(r.data)} → ${back.ok ? totals(back.model) : back.error}`;
      }
    }
  const fixtures = join(import.meta.dirname, '../../fixtures');
  const files: [string, Uint8Array][] = [
    ...[
      'tiny-cnn.onnx',
      'tiny-unmapped.onnx',
      'netscope-every-layer.prototxt',
      'resnet18.json',
      // Keras: a zip with HDF5 weights inside, and a legacy HDF5 file (jsfive, and pako for its chunks).
      'keras/two_io.keras',
      'keras/two_io.h5',
      // TFLite through the flatbuffers runtime and flatc's generated reader.
      'tflite/tiny_two_heads_int8.tflite',
      'tflite/flex_patches.tflite',
    ].map((f): [string, Uint8Array] => [f, new Uint8Array(readFileSync(join(fixtures, f)))]),
    [
      'hand-built.onnx',
      onnx({
        input: ['N', 3, 8, 8],
        nodes: [
          { op: 'Conv', in: ['x', 'w'], out: ['c'], attrs: { kernel_shape: [3, 3], pads: [1, 1, 1, 1] } },
          { op: 'Flatten', in: ['c'], out: ['f'], attrs: { axis: -3 } },
        ],
        weights: { w: [4, 3, 3, 3] },
      }),
    ],
  ];
  for (const [name, bytes] of files) {
    const r = importFile(name, bytes, { hdf5 });
    results[`file ${name}`] = r.ok ? totals(r.model) : r.error;
  }
  return results;
}
