/**
 * Model → the model-format JSON document (docs/model-format.md), pretty-printed with the
 * header fields first so files read top-down and diff well. Reading it back with
 * parseModelJson gives an identical model.
 */
import type { Model } from '../format/model';

const HEAD = ['format', 'name', 'input', 'batch', 'layers', 'meta'];

/** Pretty JSON text of a model (2-space indent, short number lists on one line). */
export function modelToJson(model: Model): string {
  const ordered: Record<string, unknown> = {};
  for (const k of HEAD)
    if ((model as unknown as Record<string, unknown>)[k] !== undefined) ordered[k] = model[k as keyof Model];
  for (const [k, v] of Object.entries(model)) if (!(k in ordered) && v !== undefined) ordered[k] = v;
  // JSON.stringify escapes C0 controls and lone surrogates; DEL, C1 controls (U+009B is a CSI for
  // some terminals) and U+2028/U+2029 it writes raw. They can only stand inside strings, so they
  // are escaped as \u009b too: the file then prints safely and reads back the same.
  const text = JSON.stringify(ordered, null, 2).replace(
    /[\u007f-\u009f\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  // [3, 224, 224] and [3, 5] stay on one line: join arrays that hold only numbers.
  return (
    text.replace(
      /\[\s+(-?[\d.e+-]+(?:,\s+-?[\d.e+-]+)*)\s+\]/g,
      (_m, inner: string) => `[${inner.split(/,\s+/).join(', ')}]`,
    ) + '\n'
  );
}
