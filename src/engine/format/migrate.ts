/**
 * Old documents in, current documents out: one step per format version, applied in order (as
 * tldraw keeps its record migrations), through the one entry point every boundary uses
 * (`parseModel`: files, share links, autosave, worker messages, the CLI). A step checks what its
 * version allowed and returns the next version's document, so each step stays small and old
 * documents are never read by rules written for newer ones.
 */
import { MODEL_FORMAT, MODEL_FORMAT_V1 } from './model';

export type Migrated = { ok: true; value: Record<string, unknown>; from: string } | { ok: false; error: string };

const isDim = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v > 0;

/**
 * floplab.model/1 → /2. Version 1 had one input, [C, H, W] or [F], and layers as a nested stack;
 * version 2 only added optional fields (layer `id`/`from`, `inputs`, `outputs`, shapes of any rank)
 * and reads every version-1 field the same way. So the step checks the one version-1 rule that
 * version 2 relaxed (the input's rank) and changes the tag: the same rows, the same numbers.
 */
function v1ToV2(doc: Record<string, unknown>): Migrated {
  const input = doc.input;
  if (!Array.isArray(input) || !(input.length === 3 || input.length === 1) || !input.every(isDim))
    return { ok: false, error: 'input must be [C, H, W] or [F] with positive integers' };
  for (const k of ['inputs', 'outputs'])
    if (k in doc) return { ok: false, error: `"${k}" is not a field of ${MODEL_FORMAT_V1} documents` };
  // Same key order, new tag.
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(doc)) out[k] = k === 'format' ? MODEL_FORMAT : doc[k];
  return { ok: true, value: out, from: MODEL_FORMAT_V1 };
}

const STEPS: Readonly<Record<string, (doc: Record<string, unknown>) => Migrated>> = {
  [MODEL_FORMAT_V1]: v1ToV2,
};

/** Brings a parsed JSON document of any known version to the current one. Never throws. */
export function migrateDocument(value: unknown): Migrated {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, error: 'a model must be a JSON object' };
  let doc = value as Record<string, unknown>;
  const from = typeof doc.format === 'string' ? doc.format : '';
  // Each step goes one version up; the bound only guards against a step table with a loop.
  for (let i = 0; i < 16 && doc.format !== MODEL_FORMAT; i++) {
    const step = typeof doc.format === 'string' ? STEPS[doc.format] : undefined;
    if (!step) return { ok: true, value: doc, from }; // the schema names the bad tag
    const r = step(doc);
    if (!r.ok) return r;
    doc = r.value;
  }
  return { ok: true, value: doc, from };
}
