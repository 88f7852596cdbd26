/**
 * The shared reading of an adversarial review's fixture (tests/fixtures/onnx-review2.jsonl,
 * onnx-review3.jsonl): each line one ONNX file (base64) with onnxruntime's output shapes and, where
 * known, the exact count, onnx-tool's count and the values the file stores. `right` is the check of a
 * case FlopLab must equal; the honest cases' checks are each test file's own.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { importFile } from '../../../src/engine/import';
import { evaluateModel } from '../../../src/engine/evaluate';
import { fileShapes } from './file-shapes';

export interface ReviewCase {
  name: string;
  onnx: string;
  given: Record<string, number[]>;
  ort: number[][] | null;
  exact: number | null;
  /** onnx-tool's count (review 2 only). */
  tool?: number | null;
  params: number | null;
  why: string;
}

export function reviewCases(file: string) {
  const cases = new Map(
    readFileSync(path.resolve(__dirname, '../../fixtures', file), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .slice(1)
      .map((l) => JSON.parse(l) as ReviewCase)
      .map((c) => [c.name, c]),
  );

  function load(name: string) {
    const c = cases.get(name);
    if (!c) throw new Error(`no case ${name} in ${file}`);
    const r = importFile(`${name}.onnx`, new Uint8Array(Buffer.from(c.onnx, 'base64')), { inputShapes: c.given });
    if (!r.ok) return { c, error: r.error };
    const e = evaluateModel(r.model, { conventions: ['exact', 'onnx-tool'] });
    // The output shapes as the file has them (as onnx-fixture-suite.ts reads them).
    const shapes = fileShapes(r.model, e);
    return { c, r, e, shapes, warnings: r.warnings.join('\n') };
  }

  /** Shapes = onnxruntime's, every row counted, the counts and the stored values where given. */
  function right(name: string) {
    const { c, e, shapes, error } = load(name);
    expect(error).toBeUndefined();
    expect(e?.errors).toBe(0);
    expect(e?.notCounted).toEqual([]);
    if (c.ort) expect(shapes).toEqual(c.ort);
    if (c.exact !== null) expect(e?.totals.counts[0]).toBe(BigInt(c.exact));
    if (c.tool !== null && c.tool !== undefined) expect(e?.totals.counts[1]).toBe(BigInt(c.tool));
    if (c.params !== null) expect(e?.totals.params).toBe(BigInt(c.params));
  }

  return { cases, load, right };
}

export type Loaded = ReturnType<ReturnType<typeof reviewCases>['load']>;
