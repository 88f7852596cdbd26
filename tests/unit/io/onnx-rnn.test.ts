/**
 * LSTM and GRU as torch.onnx writes them (sequence-first ops, with Transpose / Squeeze / Reshape
 * layout moves around them; scripts/fixtures/onnx_rnn_fixtures.py): each op is one recurrent
 * layer on the batch-first tensor, parameters equal torch's, and the onnx-tool convention equals
 * onnx-tool's MACs on the same file (tests/fixtures/onnx-rnn/expected.jsonl). onnx-tool's params
 * count every initializer (the zero initial states too), so they are not compared.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../../src/engine/import';
import { evaluateModel } from '../../../src/engine/evaluate';

const DIR = 'tests/fixtures/onnx-rnn';
interface Line {
  file: string;
  kind: string;
  bidirectional: boolean;
  batch_first: boolean;
  traced_on: number[];
  torch_params: number;
  onnx_tool_macs: number;
}
const LINES = readFileSync(`${DIR}/expected.jsonl`, 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => JSON.parse(l) as Line);

describe('ONNX recurrent ops written by torch.onnx', () => {
  it.each(LINES.map((l) => [l.file, l] as const))('%s', (file, l) => {
    const r = importFile(file, readFileSync(`${DIR}/${file}`));
    if (!r.ok) throw new Error(r.error);
    const e = evaluateModel(r.model, { conventions: ['onnx-tool'] });
    expect(e.errors).toBe(0);
    expect(e.notCounted).toEqual([]);
    expect(e.rows.filter((row) => !row.block).map((row) => row.type)).toEqual([
      l.kind.toLowerCase(),
      l.kind.toLowerCase(),
    ]);
    expect(e.totals.params).toBe(BigInt(l.torch_params));
    expect(e.totals.counts[0]).toBe(BigInt(l.onnx_tool_macs));
    // Traced on (2, 5, 8): batch_first gives N = 2, L = 5; sequence-first L = 2, N = 5.
    const [a, b] = l.traced_on;
    const [n, len] = l.batch_first ? [a, b] : [b, a];
    expect(e.batch).toBe(n);
    expect(e.outputs[0].shape).toEqual([len, (l.bidirectional ? 2 : 1) * 6]);
  });
});
