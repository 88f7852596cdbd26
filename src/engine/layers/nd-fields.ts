/** Field builders and value helpers shared by the 1-D and 3-D kinds (conv-nd.ts, pool-nd.ts). */
import type { FieldSpec } from './fields';

/** One integer field; without a default it is required unless `optional` (a stride that defaults to the kernel). */
export function intField(
  name: string,
  label: string,
  min: number,
  dflt: number | undefined,
  help: string,
  optional = false,
): FieldSpec {
  if (dflt !== undefined) return { name, kind: 'int', min, default: dflt, label, help };
  return optional ? { name, kind: 'int', min, label, help } : { name, kind: 'int', min, required: true, label, help };
}

/** A per-dim field of a 3-D kind: one number for every dim, or [d, h, w]. */
export function ints3Field(
  name: string,
  label: string,
  min: number,
  dflt: number | undefined,
  help: string,
  optional = false,
): FieldSpec {
  if (dflt !== undefined) return { name, kind: 'ints', min, maxLength: 3, default: [dflt], label, help };
  return optional
    ? { name, kind: 'ints', min, maxLength: 3, label, help }
    : { name, kind: 'ints', min, maxLength: 3, required: true, label, help };
}

/** [d, h, w] from a 3-D field's value ([k] means k in every dim). */
export function triple(v: unknown, dflt: number): [number, number, number] {
  const a = (v as number[] | undefined) ?? [dflt];
  return a.length === 1 ? [a[0], a[0], a[0]] : [a[0], a[1] ?? a[0], a[2] ?? a[1] ?? a[0]];
}
