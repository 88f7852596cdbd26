/**
 * Issue 14: ONNX files written by other exporters than FlopLab's own code — onnx-caffe2 (the onnx
 * repository's "light" models, weights built by ConstantOfShape), CNTK, tf2onnx, keras2onnx,
 * onnxmltools, MATLAB, PaddlePaddle, PyTorch 1.1 … 2.3 and the onnx backend-test generator —
 * listed with its source in tests/fixtures/onnx-real/SOURCES.md. The files themselves are public
 * third-party files fetched from their repositories, which this repository does not commit: the
 * checks run where they are present (ONNX_REAL_DIR, or tests/fixtures/onnx-real/ where
 * scripts/fixtures/onnx_real_fixtures.py collect puts them; *.onnx there is git-ignored) and are
 * skipped, saying so, in a checkout without them (CI).
 * tests/fixtures/onnx-real/expected.jsonl was written by scripts/fixtures/onnx_real_fixtures.py
 * (see scripts/fixtures/README-onnx-real.md; CI has no Python, so only the JSONL is read): per file,
 * onnx-tool @00f5f0a's printed Total row (macs, params) and node rows, the graph's inputs and the
 * fixed shape given for symbolic sizes, and the output shapes (onnx's shape inference, and
 * onnxruntime's when it runs the file).
 *
 * For every file, four real expectations:
 *  - it imports (no file is refused);
 *  - its weights — parameters + buffers, i.e. every stored tensor a counted node reads — equal
 *    onnx-tool's params (onnx-tool sums the volume of each profiled node's static inputs, so a
 *    BatchNormalization's running mean and variance count there too);
 *  - the onnx-tool convention's total equals onnx-tool's MACs;
 *  - the model's output shapes (batch included) equal onnxruntime's (onnx's inferred shape when
 *    onnxruntime could not run the file).
 * Where FlopLab does not meet one yet, KNOWN_GAPS names the file, the check and why (from the
 * per-node comparison); those checks are skipped with the reason in the title, so the gaps stay
 * visible (ONNX_REAL_CHECK_GAPS=1 runs them as it.fails, so a fixed gap shows up as a failure to
 * remove from the list). Where onnx-tool itself fails, there is nothing to compare the counts
 * with: said the same way.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile, type ImportResult } from '../../../src/engine/import';
import { evaluateModel, type ModelResult } from '../../../src/engine/evaluate';

const DIR = path.resolve(__dirname, '../../fixtures/onnx-real');
/** Where the (uncommitted) files are: ONNX_REAL_DIR, else next to expected.jsonl. */
const FILES = process.env.ONNX_REAL_DIR ?? DIR;
const present = (file: string) => existsSync(path.join(FILES, file));

interface Entry {
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

type Check = 'imports' | 'weights' | 'count' | 'outputs';

const LIGHT =
  'onnx-caffe2 "light" file: every Conv/Gemm weight is ConstantOfShape(a shape initializer), which the importer does not fold, so each Conv/Gemm is a not-counted row with no weights and its input’s shape';
const light = { weights: LIGHT, count: LIGHT, outputs: LIGHT };

/** What FlopLab does not meet yet, file by file and check by check, with the cause. */
const KNOWN_GAPS: Record<string, Partial<Record<Check, string>>> = {
  light_bvlc_alexnet: light,
  light_densenet121: {
    weights: `${LIGHT}; the BatchNormalization Mul/Add by Unsqueeze(ConstantOfShape) are not counted either, and the pass-through shapes grow through the dense-block Concats to 1.3e13 channels (188 error rows)`,
    count: `${LIGHT}; pass-through shapes grow through the dense-block Concats to 1.3e13 channels: 188 error rows, a total of 6.6e17`,
    outputs: LIGHT,
  },
  light_inception_v1: light,
  light_resnet50: light,
  light_shufflenet: {
    weights: `${LIGHT}; the channel shuffle then sees 3 channels for 4 groups (163 error rows)`,
    count: `${LIGHT}; the channel shuffle then sees 3 channels for 4 groups (163 error rows)`,
    outputs: LIGHT,
  },
  light_squeezenet: light,
  light_vgg19: light,
  node_qlinearconv: { count: 'QLinearConv has no layer kind (a not-counted row); onnx-tool counts 49' },
  node_einsum_batch_matmul: { count: 'Einsum has no layer kind (a not-counted row); onnx-tool counts 120' },
  node_layer_normalization_3d: {
    weights:
      'W and B are graph inputs, not initializers: onnx-tool counts only static inputs (0), the layernorm kind counts 2·5',
    outputs:
      'only output 0 of a node is followed: the Mean and InvStdDev outputs are left out ("computed from constants only")',
  },
  node_gru_defaults: {
    imports:
      'the GRU’s one output is Y_h (output 1; Y is omitted) and only output 0 of a node is followed, so no graph output is reached; refused',
  },
  cntk_mnist: {
    weights:
      'Times212 (MatMul) takes Reshape(Parameter193, a constant shape): constant, but only initializers and Constant nodes are folded, so the MatMul is not counted (2560 weights)',
    count:
      'Times212 (MatMul) takes Reshape(Parameter193, a constant shape): constant, but only initializers and Constant nodes are folded, so the MatMul is not counted (2560 MACs)',
  },
  cntk_lstm_bidirectional: {
    count:
      'LSTM has no import mapping (2 not-counted rows, 4992 MACs each in onnx-tool); the Concat on axis 2 of [seq, batch, feat] is not counted',
    outputs:
      'CNTK’s first dim is the sequence axis (symbolic "None"): taken as the batch (1), so [1, 1, 6], not [8, 1, 6]',
  },
  tf2onnx_mnist_mlp_train: {
    weights:
      'two graph inputs and only the first, y_:0 (the labels), is followed: the MLP on x:0 (3 MatMul + Add, 235146 weights) is never reached',
    count:
      'two graph inputs and only the first, y_:0 (the labels), is followed: the MLP on x:0 is never reached; ArgMax, Equal, Cast, ReduceMean are not counted',
    outputs: 'the output is the scalar accuracy []; the model gives [1, 10] (y_:0 passed through)',
  },
  matlab_acasxu_1_1: {
    outputs:
      'the graph output linear_7_Add is the bias Add folded into the MatMul’s linear row; the model’s output then names linear_7_MatMul, which no layer carries: no shape',
  },
  pytorch11_super_resolution: {
    outputs:
      'pixel shuffle written as Reshape [-1, 1, 3, 3, 224, 224] → Transpose (0, 1, 4, 2, 5, 3) → Reshape: the 6-D Reshape is a not-counted row, the Transpose an error row, so the output shape is unknown (the counts agree: onnx-tool counts 0 there)',
  },
  pytorch12_ultraface_rfb320: {
    weights:
      'the box decoding’s Mul/Add take Constant-node priors (17680 + 8840): not-counted rows carry only initializers as weights',
    count:
      'Reshape to a computed target (Shape → Gather → Unsqueeze → Concat) is read as a flatten: [4420, 2] becomes [8840], Softmax(axis 2) errors (318240 MACs), the box Slices are not counted, Exp (282880) and Sub (8840) are not counted and the two Divs count 2× (+70720)',
    outputs: 'scores: the Softmax errors on the flattened tensor (see count)',
  },
  pytorch16_teams_segmentation: {
    imports:
      'input bgrm is [batch_size, 4, height, width]: symbolic height/width are refused and the importer takes no size; with 256 × 256 written in, asymmetric Conv padding [0, 0, 1, 1] rounded down gives 63 × 63 against 60 × 60 at Concat_333 (18 error rows)',
  },
  keras2onnx_lstm: {
    weights:
      'LSTM has no import mapping; the not-counted LSTM keeps its input’s shape (no value_info), so dense (MatMul 128 → 256) and conv1d_1 are error rows with no weights (164096)',
    count:
      'LSTM has no import mapping (2 not-counted rows: 220672 + 155136 MACs in onnx-tool); keras2onnx’s Transpose [N, T, F] → [T, N, F] moves the batch (not counted); dense and conv1d_1 error on the wrong shape',
    outputs: 'unknown: the rows before it are errors (see count)',
  },
  onnxmltools_keras_conv: {
    imports:
      'nodes are not in topological order (the Identity nodes come first); read in file order, no graph output is reached: refused. Sorted, it still has 133 error rows (a 3-D Pad; Unsqueeze, Concat on axis -1 and Slice not counted)',
  },
  paddle_ppocr_cls: {
    imports:
      'input x is [-1, 3, -1, -1]: symbolic height/width are refused; with 48 × 192 written in, 18 Add-by-constant nodes are not counted (1010 MACs, 1010 weights short)',
  },
  pytorch20_fastestdet: {
    weights:
      'not-counted Reshape/Gather/Slice rows carry their constant shape and index inputs as weights (107 + 26 + 8); onnx-tool hides those ops (NoMacsOps) and counts Resize’s 4 scales: +141 − 4',
  },
  pytorch201_vit_pgd_2_3_16: {
    weights:
      'a Reshape to a computed target (the batch from Shape) is read as a flatten: /0/Transpose (perm 0, 2, 1) errors on it and the 59 rows after it count nothing',
    count:
      'a Reshape to a computed target is read as a flatten: /0/Transpose errors and the 59 rows after it count nothing; the attention MatMuls (Q·Kᵀ, A·V, two activations) are not counted',
    outputs: 'unknown: error rows from /0/Transpose on (see count)',
  },
  pytorch23_silero_vad_op15: {
    imports:
      'input is [batch, sequence]: symbolic sizes refused; with 1 × 512 written in, the outputs come out of If subgraphs, which the importer does not enter: no output reached',
  },
};

const [, ...entries] = readFileSync(path.join(DIR, 'expected.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Entry);

/** Each file is read, imported and evaluated once. */
const memo = new Map<string, { imported: ImportResult; result?: ModelResult }>();
function load(e: Entry) {
  let m = memo.get(e.name);
  if (!m) {
    const imported = importFile(e.file, new Uint8Array(readFileSync(path.join(FILES, e.file))));
    m = { imported, result: imported.ok ? evaluateModel(imported.model, { conventions: ['onnx-tool'] }) : undefined };
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
    expect(r.outputs.map((o) => (o.shape ? [r.batch, ...o.shape] : null))).toEqual(want);
  },
};

describe('third-party ONNX files (tests/fixtures/onnx-real) against onnx-tool', () => {
  it('covers every committed file, each once', () => {
    expect(entries.length).toBeGreaterThanOrEqual(12);
    expect(new Set(entries.map((e) => e.file)).size).toBe(entries.length);
    for (const name of Object.keys(KNOWN_GAPS)) expect(entries.map((e) => e.name)).toContain(name);
  });

  for (const e of entries) {
    describe(e.name, () => {
      const gaps = KNOWN_GAPS[e.name] ?? {};
      const tool = 'error' in e.onnx_tool ? `onnx-tool fails (${e.onnx_tool.stage}: ${e.onnx_tool.error})` : null;
      for (const check of Object.keys(CHECKS) as Check[]) {
        const why =
          gaps[check] ??
          (check !== 'imports' && gaps.imports ? 'refused at import (see imports)' : undefined) ??
          ((check === 'weights' || check === 'count') && tool ? tool : undefined);
        const title = `${check}${why ? ` — KNOWN GAP: ${why}` : ''}`;
        if (!present(e.file))
          it.skip(`${title} — ${e.file} is not in this checkout (third-party files are not committed)`, () => {});
        // ONNX_REAL_CHECK_GAPS=1 runs the known gaps as it.fails: one that passes has been fixed.
        else if (why) (process.env.ONNX_REAL_CHECK_GAPS ? it.fails : it.skip)(title, () => CHECKS[check](e));
        else it(title, () => CHECKS[check](e));
      }
    });
  }
});
