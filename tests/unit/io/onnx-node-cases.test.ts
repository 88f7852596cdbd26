/**
 * The ONNX repository's own operator test models (onnx.backend.test.case.node, the "node tests"), every case
 * onnx-tool @00f5f0a profiles, each file imported exactly as measured: tests/fixtures/onnx-node-cases.jsonl
 * keeps the bytes (base64) with onnx-tool's printed Total row and the shapes of the case's expected outputs
 * (the onnx authors' reference), written by scripts/fixtures/onnx_node_cases.py from the installed onnx
 * package (CI has no Python: only the JSONL is read).
 *
 * The four checks of the other ONNX fixture suites (onnx-fixture-suite.ts: imports, weights = onnx-tool's
 * params, the onnx-tool convention's total = its MACs, output shapes = the reference's), with onnx-tool's
 * params less the int64 / int32 tensors it counts (`int_params`: axes, shapes, pads), which FlopLab never
 * counts as weights. Each failing check is a known gap with its cause (onnx-node-cases-gaps.ts: FlopLab bugs,
 * refusals, not-counted rows, design differences and onnx-tool quirks, each named for the files it holds for);
 * ONNX_REAL_CHECK_GAPS=1 runs them as expected failures, so a fixed one fails until it is taken off the list.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { onnxFixtureSuite, type Entry, type Gaps } from './onnx-fixture-suite';
import { NODE_CASE_GAPS } from './onnx-node-cases-gaps';

interface Line {
  name: string;
  onnx: string;
  int_params: number;
  inferred: ((number | null)[] | null)[];
  ort: (number[] | null)[];
  macs: number;
  params: number;
}

const LINES: Line[] = readFileSync(path.resolve(__dirname, '../../fixtures/onnx-node-cases.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .slice(1)
  .map((l) => JSON.parse(l) as Line);

const DIR = mkdtempSync(path.join(tmpdir(), 'floplab-node-cases-'));
const ENTRIES: Entry[] = LINES.map((l) => {
  writeFileSync(path.join(DIR, `${l.name}.onnx`), Buffer.from(l.onnx, 'base64'));
  return {
    name: l.name,
    file: `${l.name}.onnx`,
    given: {},
    outputs: l.inferred.map((dims, k) => ({
      name: `y${k}`,
      dims,
      inferred: dims,
      ...(l.ort[k] ? { onnxruntime: l.ort[k] } : {}),
    })),
    onnx_tool: { macs: l.macs, params: l.params - l.int_params },
  };
});

const KNOWN_GAPS: Gaps = NODE_CASE_GAPS;

onnxFixtureSuite('the ONNX node tests onnx-tool profiles (onnx-node-cases.jsonl)', ENTRIES, DIR, KNOWN_GAPS, 700);
