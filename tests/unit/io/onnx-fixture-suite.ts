/**
 * The checks of the third-party ONNX fixtures (onnx-real.test.ts, onnx-wheel.test.ts): each file
 * imported at the sizes its tools were given, then four expectations against what onnx-tool and
 * onnxruntime made of it (expected.jsonl, written by the fixture scripts; see those tests' heads).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile, type ImportResult } from '../../../src/engine/import';
import { evaluateModel, type ModelResult } from '../../../src/engine/evaluate';
import { fileShapes } from './file-shapes';

export interface Entry {
  readonly name: string;
  readonly file: string;
  readonly given: Record<string, number[]>;
  readonly outputs: readonly {
    name: string;
    dims: (number | string | null)[] | null;
    inferred: (number | string | null)[] | null;
    onnxruntime?: number[];
  }[];
  readonly onnx_tool: { macs: number; params: number } | { error: string; stage: string };
}

export type Check = 'imports' | 'weights' | 'count' | 'outputs';
export type Gaps = Record<string, Partial<Record<Check, string>>>;

/** The fixture's entries (the meta line dropped). */
export function readEntries(dir: string): Entry[] {
  const [, ...entries] = readFileSync(path.join(dir, 'expected.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Entry);
  return entries;
}

/**
 * Runs the four checks on every entry; `files` is where the .onnx files are (absent ones are
 * skipped, saying so). Known gaps are skipped with their reason, or run as it.fails with
 * ONNX_REAL_CHECK_GAPS=1 (a fixed gap then fails, to be taken off the list).
 */
export function onnxFixtureSuite(
  title: string,
  entries: readonly Entry[],
  files: string,
  gapList: Gaps,
  /** How many entries the fixture has at least (a truncated expected.jsonl fails). */
  minEntries = 12,
) {
  const present = (file: string) => existsSync(path.join(files, file));
  /** Each file is read, imported and evaluated once. */
  const memo = new Map<string, { imported: ImportResult; result?: ModelResult }>();
  function load(e: Entry) {
    let m = memo.get(e.name);
    if (!m) {
      // At the sizes onnx-tool was given for symbolic dims (FlopLab's own defaults may differ):
      // given at import, so shape arithmetic in the graph is folded at them too.
      const bytes = new Uint8Array(readFileSync(path.join(files, e.file)));
      const imported = importFile(e.file, bytes, { inputShapes: e.given ?? {} });
      const opts = { conventions: ['onnx-tool'] };
      m = { imported, result: imported.ok ? evaluateModel(imported.model, opts) : undefined };
      memo.set(e.name, m);
    }
    return m;
  }
  function result(e: Entry): ModelResult {
    const { imported, result } = load(e);
    if (!imported.ok || !result) throw new Error(imported.ok ? 'no result' : imported.error);
    return result;
  }
  const CHECKS: Record<Check, (e: Entry) => void> = {
    imports: (e) => {
      const r = load(e).imported;
      expect(r.ok ? 'ok' : r.error).toBe('ok');
    },
    weights: (e) => {
      const t = result(e).totals;
      expect(t.params + t.buffers).toBe(BigInt((e.onnx_tool as { params: number }).params));
    },
    count: (e) => {
      expect(result(e).totals.counts[0]).toBe(BigInt((e.onnx_tool as { macs: number }).macs));
    },
    outputs: (e) => {
      const r = result(e);
      const want = e.outputs.map((o) => o.onnxruntime ?? o.inferred);
      // An output the importer says has no batch dim of its own (a detector's boxes of one image) is the
      // file's whole shape, one that merges the batch [N·d0, …]; the others are batch × the shape.
      const { imported } = load(e);
      if (!imported.ok) throw new Error(imported.error);
      expect(fileShapes(imported.model, r)).toEqual(want);
    },
  };
  describe(title, () => {
    it('covers every file, each once, and every gap names a file', () => {
      expect(entries.length).toBeGreaterThanOrEqual(minEntries);
      expect(new Set(entries.map((e) => e.file)).size).toBe(entries.length);
      for (const name of Object.keys(gapList)) expect(entries.map((e) => e.name)).toContain(name);
    });
    for (const e of entries) {
      describe(e.name, () => {
        const gaps = gapList[e.name] ?? {};
        const tool = 'error' in e.onnx_tool ? `onnx-tool fails (${e.onnx_tool.stage}: ${e.onnx_tool.error})` : null;
        for (const check of Object.keys(CHECKS) as Check[]) {
          const why =
            gaps[check] ??
            (check !== 'imports' && gaps.imports ? 'refused at import (see imports)' : undefined) ??
            ((check === 'weights' || check === 'count') && tool ? tool : undefined);
          const name = `${check}${why ? ` — KNOWN GAP: ${why}` : ''}`;
          if (!present(e.file))
            it.skip(`${name} — ${e.file} is not in this checkout (third-party files are not committed)`, () => {});
          else if (why) (process.env.ONNX_REAL_CHECK_GAPS ? it.fails : it.skip)(name, () => CHECKS[check](e));
          else it(name, () => CHECKS[check](e));
        }
      });
    }
  });
}
