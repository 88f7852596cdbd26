/**
 * Issue 14, item 7: the built page's CSP has no 'unsafe-eval', and protobufjs's reflection API
 * (which the ONNX writer and reader used) generates its codecs with `new Function`, so
 * Export → ONNX failed on the page. Every export and import must now work where code generation
 * is refused: no-eval-run.ts runs them all in a Node process started with
 * --disallow-code-generation-from-strings and traps on eval, Function and WebAssembly, and must
 * record no attempt and give the same results as this (unrestricted) process.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { everyExportAndImport, MODELS } from './every-export';

describe('exports and imports never generate code (CSP without unsafe-eval)', () => {
  it('every format exports and every importable file imports with eval, Function and WebAssembly refused', () => {
    const out = execFileSync(
      process.execPath,
      ['--disallow-code-generation-from-strings', '--import', 'tsx', join(import.meta.dirname, 'no-eval-run.ts')],
      { encoding: 'utf8', timeout: 60_000 },
    );
    const run = JSON.parse(out.trim().split('\n').at(-1)!) as {
      attempts: string[];
      results: Record<string, string>;
      probe: string;
      probeAttempts: string[];
    };
    // The harness works: protobufjs's reflection encoder (the old ONNX writer) is refused and
    // recorded, and so is long.js's WebAssembly probe that protobufjs's runtime loads.
    expect(run.probe).toMatch(/^refused: Function is refused/);
    expect(run.probeAttempts.map((a) => a.split(' at ')[0])).toEqual(['WebAssembly.Module', 'Function']);

    expect(run.attempts).toEqual([]);
    expect(run.results).toEqual(everyExportAndImport());
    // ONNX really was written and read back in the restricted process (not merely refused the same way).
    for (const name of ['starter', ...MODELS.slice(0, 3)])
      expect(run.results[`${name}.onnx`]).toMatch(/→ 0 errors, [1-9]/);
    expect(run.results['file tiny-cnn.onnx']).toMatch(/^0 errors, 924 params/);
    // TFLite too: flatc's reader and the flatbuffers runtime generate no code.
    expect(run.results['file tflite/tiny_two_heads_int8.tflite']).toMatch(/^0 errors, 5430 params/);
  });
});
