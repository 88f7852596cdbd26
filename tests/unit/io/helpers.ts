/** Shared helpers of the import/export tests. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { LayerSpec, Model } from '../../../src/engine/format/model';
import { evaluateModel } from '../../../src/engine/evaluate';
import { parseModel } from '../../../src/engine/format/schema';
import { CONVENTION_IDS } from '../../../src/engine/conventions/registry';

export const fixture = (name: string) => resolve(__dirname, '../../fixtures', name);
export const readFixture = (name: string) => new Uint8Array(readFileSync(fixture(name)));
/** A fixture file as written (resnet18.json and tiny-cnn.json are floplab.model/1 documents). */
export const readModel = (name: string) => JSON.parse(readFileSync(fixture(name), 'utf8')) as Model;
/** A fixture file as every boundary reads it: validated and migrated to the current format. */
export function readMigrated(name: string): Model {
  const r = parseModel(readModel(name));
  if (!r.ok) throw new Error(`${name}: ${r.error}`);
  return r.model;
}

/** The model with every repeat block replaced by its body written out `times` times. */
export function unrollRepeats(layers: readonly LayerSpec[]): LayerSpec[] {
  const out: LayerSpec[] = [];
  for (const l of layers) {
    if (l.type === 'repeat') {
      for (let t = 0; t < (l.times as number); t++) out.push(...unrollRepeats(l.body as LayerSpec[]));
      continue;
    }
    const copy: Record<string, unknown> = { ...l };
    for (const k of ['body', 'shortcut']) if (Array.isArray(l[k])) copy[k] = unrollRepeats(l[k] as LayerSpec[]);
    if (Array.isArray(l.branches)) copy.branches = (l.branches as LayerSpec[][]).map(unrollRepeats);
    out.push(copy as LayerSpec);
  }
  return out;
}

/** The layers without auxiliary (training-only) heads, which the ONNX writer leaves out. */
export const withoutAux = (layers: readonly LayerSpec[]): LayerSpec[] => layers.filter((l) => l.type !== 'aux');

/** Per-row results under every convention, in a form `toEqual` compares. */
export function rowsOf(model: Model) {
  const r = evaluateModel(model, { conventions: CONVENTION_IDS });
  return {
    modelError: r.modelError,
    errors: r.errors,
    rows: r.rows.map((x) => ({
      path: x.path,
      type: x.type,
      output: x.output,
      params: x.params,
      buffers: x.buffers,
      macs: x.macs,
      flops: x.flops,
      counts: x.counts,
      error: x.error,
    })),
  };
}

/**
 * The layers with every module/functional `call` field removed (the module form), inside blocks
 * too; a layer norm written as an nn.LayerNorm subclass (LayerNorm2d) reads back as nn.LayerNorm.
 */
export function withoutCalls(layers: readonly LayerSpec[]): LayerSpec[] {
  return layers.map((l) => {
    const copy: Record<string, unknown> = { ...l };
    if (
      copy.call === 'function' &&
      ['relu', 'maxpool2d', 'avgpool2d', 'adaptiveavgpool2d', 'adaptivemaxpool2d'].includes(l.type)
    )
      delete copy.call;
    if (copy.call === 'subclass' && l.type === 'layernorm') delete copy.call;
    for (const k of ['body', 'shortcut']) if (Array.isArray(copy[k])) copy[k] = withoutCalls(copy[k] as LayerSpec[]);
    if (Array.isArray(copy.branches)) copy.branches = (copy.branches as LayerSpec[][]).map(withoutCalls);
    return copy as LayerSpec;
  });
}

/** Whether a layer list wires layers by `from` anywhere (the walk-based writers refuse graphs). */
export function usesGraph(layers: readonly LayerSpec[]): boolean {
  return layers.some((l) => {
    const r = l as Record<string, unknown>;
    if (r.from !== undefined) return true;
    for (const k of ['body', 'shortcut']) if (Array.isArray(r[k]) && usesGraph(r[k] as LayerSpec[])) return true;
    return Array.isArray(r.branches) && (r.branches as LayerSpec[][]).some(usesGraph);
  });
}
