/**
 * ONNX import: bytes → decoded graph → dataflow graph of model layers → nested blocks.
 *
 * Values computed from the graph input are "data"; everything else (initializers, Constant
 * nodes, shape arithmetic such as Shape → Gather → Concat) is constant and only read where an
 * operator needs it (weights' shapes, Reshape targets, Clip bounds, Resize scales). Operators
 * without a layer kind pass their first data input through and are listed, once per operator
 * type, in the warnings; the rest of the network still loads.
 */
import { foldLayerNorm2d } from './layernorm2d';
import { ImportLimitError, MAX_IMPORT_BYTES, sizeText, type ImportOptions, type ImportResult } from '../result';
import { modelFromGraph } from '../graph-model';
import { decodeOnnx, type OnnxGraph, type OnnxNode } from './decode';
import { DataType } from './schema';
import { Builder } from './builder';
import { inputsOf, staticInputs } from './inputs';
import { gemmOfData } from './gemm-of-data';
import { fedWeights } from './fed-weights';
import { statedOperands } from './stated-operands';
import { secondaryOutputs } from './secondary-outputs';
import { constantOutputs, emptyConstantOutputs, NO_INPUT, storedOutputs } from './constant-outputs';
import { outputMismatches } from './output-check';
import { PER_MAP } from './batch-axis-ops';
import { evaluateModel } from '../../evaluate';
import { sequenceFirstInputs } from './recurrent';
import { topological } from './order';
import { say } from '../../messages';
import type { LayerSpec, Model } from '../../format/model';

const firstThree = (names: readonly string[]) => names.slice(0, 3).join(', ') + (names.length > 3 ? ', …' : '');

/** Imports an ONNX model. Never throws. */
export function importOnnx(bytes: Uint8Array, fileName = 'model.onnx', opts: ImportOptions = {}): ImportResult {
  if (bytes.length > MAX_IMPORT_BYTES)
    return {
      ok: false,
      error: say('file.tooLarge', { name: fileName, size: sizeText(bytes.length), limit: sizeText(MAX_IMPORT_BYTES) }),
    };
  if (bytes.length === 0) return { ok: false, error: say('file.empty', { name: fileName }) };
  let g: OnnxGraph | null;
  try {
    g = decodeOnnx(bytes, opts.onProgress);
  } catch (err) {
    if (err instanceof ImportLimitError)
      return { ok: false, error: say('file.named', { name: fileName, error: err.message }) };
    return { ok: false, error: say('file.notOnnx', { name: fileName, error: (err as Error).message }) };
  }
  if (!g) return { ok: false, error: say('file.noGraph', { name: fileName }) };
  try {
    const fed = fedWeights(foldLayerNorm2d(g));
    const stated = statedOperands(fed.graph);
    const r = oneSampleIfBetter(stated.graph, fileName, opts);
    if (r.ok && fed.names.length) r.warnings.push(say('file.fedWeights', { list: fed.names.join(', ') }));
    if (r.ok && stated.nodes.length)
      r.warnings.push(say('file.statedOperands', { n: stated.nodes.length, list: firstThree(stated.nodes) }));
    return r;
  } catch (err) {
    return { ok: false, error: say('file.cannotConvert', { name: fileName, error: (err as Error).message }) };
  }
}

/**
 * The file read batch-first, or — when its inputs' first dims are not a batch FlopLab can hold apart —
 * as one sample. The operator tests of the onnx wheel feed `x [2, 3] + y [3]`, `mm(x [2, 3], y [3, 4])`
 * or `x [2, 2] + w [2, 2]`: read with batch 2, y and w are other than per sample and the op is not
 * counted. All inputs known, a batch-first reading with rows not counted (or in error) is tried again
 * with every input whole, batch 1; that reading is taken when it has no error and fewer such rows,
 * and a notice says so. A graph of 1-D inputs only is read that way at once.
 */
function oneSampleIfBetter(g: OnnxGraph, fileName: string, opts: ImportOptions): ImportResult {
  const declared = g.inputs.filter((v) => !g.initializers.has(v.name));
  if (staticInputs(g) && declared.every((v) => v.dims?.length === 1)) return convert(g, fileName, opts, true);
  const batched = convert(g, fileName, opts);
  // Not where an op needs a batch dim of its own (a conv, pool or batch norm reads one [C, H, W] map
  // per sample: read whole it would fail, so such a net is read once), nor where the batch-first
  // reading already reads every input as one sample.
  const probe = inputsOf(g, [], opts.inputShapes);
  if (!batched.ok || typeof probe === 'string' || !staticInputs(g)) return batched;
  const perMap = g.nodes.some((n) => PER_MAP.has(n.opType));
  if (probe.unbatched.length === declared.length || perMap) return batched;
  const missed = (model: Model) => {
    const e = evaluateModel(model, { conventions: ['exact'] });
    return { bad: e.notCounted.length + e.errors, errors: e.errors };
  };
  const before = missed(batched.model);
  if (!before.bad) return batched;
  const whole = convert(withScalarOperands(g), fileName, opts, true);
  if (!whole.ok) return batched;
  const after = missed(whole.model);
  if (after.errors || after.bad >= before.bad) return batched;
  whole.warnings.unshift(say('file.oneSample', { n: before.bad }));
  return whole;
}

/**
 * For the whole reading: a 0-d input that only arithmetic whose count does not depend on its value
 * reads (Add, Sub, Mul, Div; a Gemm's C) is held as a one-value constant of unknown value, the
 * op's scalar operand, so the op is counted; any other 0-d input stays a run-time constant.
 */
function withScalarOperands(g: OnnxGraph): OnnxGraph {
  const arith = new Set(['Add', 'Sub', 'Mul', 'Div']);
  const zeroD = new Set(g.inputs.filter((v) => v.dims?.length === 0).map((v) => v.name));
  const constant = new Set([
    ...g.initializers.keys(),
    ...g.nodes.filter((n) => n.opType === 'Constant').flatMap((n) => n.outputs),
  ]);
  // Its other operand must be data (not stored, not another 0-d input): a product of constants would fold,
  // and the multiply by a value known only at run time would be lost.
  const withData = (n: OnnxNode, v: string) => n.inputs.some((w) => w && w !== v && !constant.has(w) && !zeroD.has(w));
  const scalars = g.inputs.filter(
    (v) =>
      v.dims?.length === 0 &&
      !g.initializers.has(v.name) &&
      g.nodes.every(
        (n) =>
          !n.inputs.includes(v.name) ||
          (arith.has(n.opType) && withData(n, v.name)) ||
          (n.opType === 'Gemm' && n.inputs[2] === v.name),
      ),
  );
  if (!scalars.length) return g;
  const initializers = new Map(g.initializers);
  for (const v of scalars) initializers.set(v.name, { dims: [], dataType: 1 });
  return { ...g, initializers };
}

function convert(g: OnnxGraph, fileName: string, opts: ImportOptions, oneSample = false): ImportResult {
  const warnings: string[] = [];
  const read = inputsOf(g, warnings, opts.inputShapes, oneSample);
  const none = g.inputs.every((v) => g.initializers.has(v.name));
  // No input at all (a graph of constants): a placeholder, and the outputs as constants (below).
  const inp = none ? { inputs: [NO_INPUT], batch: 1, constants: [], unbatched: [] } : read;
  if (none) warnings.push(say('file.noInputConstants'));
  if (typeof inp === 'string') return { ok: false, error: say('file.named', { name: fileName, error: inp }) };
  if (!g.outputs.length) return { ok: false, error: say('file.noGraphOutput', { name: fileName }) };
  const b = new Builder(g);
  b.batch = inp.batch;
  const seqFirst = sequenceFirstInputs(g.nodes, new Set(inp.inputs.map((i) => i.name)));
  inp.inputs = inp.inputs.map((i, k) => {
    if (!seqFirst.has(i.name) || i.shape.length !== 2) return i;
    // [L, N, I] in the file: the batch is its second dim.
    const l = g.inputs.find((v) => v.name === i.name)?.dims?.[0] ?? opts.inputShapes?.[i.name]?.[0] ?? 128;
    if (k === 0) b.batch = inp.batch = i.shape[0];
    warnings.push(say('file.sequenceFirst', { input: i.name, batch: i.shape[0], l, i: i.shape[1] }));
    b.seq.markSequenceFirstInput(i.name);
    return { name: i.name, shape: [l, i.shape[1]] };
  });
  for (const c of inp.constants) b.constantInputs.set(c.name, c.dims);
  // A run-time input the file states with a size of 0 holds no values whatever is fed: a known empty
  // constant (an axes input of [0] is no axes; ONNX's reduce_*_empty_axes_input_noop).
  const data = new Set(inp.inputs.map((i) => i.name));
  for (const v of g.inputs)
    if (v.zeros?.length && v.dims && !data.has(v.name) && !g.initializers.has(v.name))
      b.consts.set(v.name, { dims: v.dims.map((d) => d ?? 0), dataType: v.elemType ?? DataType.FLOAT, values: [] });
  for (const v of g.inputs) if (v.elemType) b.inputTypes.set(v.name, v.elemType);
  for (const name of inp.unbatched) b.lead.merged.add(name);
  for (const i of inp.inputs) {
    b.data.add(i.name);
    b.shapes.set(i.name, i.shape);
  }
  for (const n of topological(g)) for (const m of gemmOfData(n, b.data, b.constant)) b.node(m);
  b.finish();
  // A sequence-first output of a recurrent op is its batch-first value, as everywhere in FlopLab.
  const further = secondaryOutputs(g, b);
  const outputs = g.outputs.map((o) => b.batchFirstOutput(b.seq.output(o.name, warnings))).filter((o) => b.data.has(o));
  // Every output a constant: given as such (constant-outputs.ts), the file's whole shapes.
  const constants = outputs.length ? [] : constantOutputs(g, b);
  if (constants.length) warnings.push(say('file.constantGraph', { list: firstThree(constants) }));
  outputs.push(...constants);
  if (!outputs.length) outputs.push(...emptyConstantOutputs(g, b, inp.inputs[0].name));
  // Beside computed outputs, an output that is a stored weight is a parameter row.
  if (!constants.length) outputs.push(...storedOutputs(g, b, new Set(outputs)));
  if (!outputs.length) return { ok: false, error: say('file.noOutput', { name: fileName }) };
  const mergedAt = outputs.flatMap((o, i) => (b.lead.merged.has(o) ? [i] : []));
  // A constant output is the file's whole tensor at any batch.
  const merged = [...(b.batch === 1 ? mergedAt : []), ...constants.map((o) => outputs.indexOf(o))];
  // At another batch such an output is the file's [N·d0, …], held as batch N × [d0, …]: said.
  const mergedWithBatch = b.batch === 1 ? [] : mergedAt;
  if (mergedWithBatch.length)
    warnings.push(say('file.mergedOutputs', { list: mergedWithBatch.map((i) => outputs[i]).join(', ') }));
  const off = outputMismatches(
    outputs.map((o, i) => ({
      name: o,
      shape: b.shapes.get(o),
      whole: merged.includes(i),
      merged: mergedWithBatch.includes(i),
    })),
    g.outputs,
    b.batch,
  );
  const [empty, other] = [off.filter((m) => m.empty), off.filter((m) => !m.empty)].map((l) => l.map((m) => m.line));
  if (other.length) warnings.push(say('file.outputShapes', { n: other.length, list: firstThree(other) }));
  if (empty.length) warnings.push(say('file.emptyOutputs', { n: empty.length, list: firstThree(empty) }));
  // The folded shape arithmetic onnx-tool counts (shape-arith.ts): one row before the first output,
  // which passes it through (its place in `outputs`, and so `merged`, is unchanged).
  if (b.shapeArith.macs > 0) {
    const out = `${outputs[0]}:shape arithmetic`;
    const name = 'shape arithmetic (onnx-tool counts it)';
    const layers = [{ type: 'shapeops', macs: b.shapeArith.macs, ops: b.shapeArith.ops(), name }] as LayerSpec[];
    b.push({
      label: name,
      op: 'layers',
      layers,
      inputs: [outputs[0]],
      output: out,
    });
    outputs[0] = out;
  }
  const unread = inp.inputs.slice(1).filter((i) => !b.used.has(i.name) && !b.held.has(i.name));
  if (unread.length) warnings.push(say('file.unreadInputs', { list: unread.map((i) => i.name).join(', ') }));
  const lost = g.outputs.length - outputs.length - further.length;
  if (lost) warnings.push(say('file.constOutputs', { n: lost }));
  if (further.length) warnings.push(say('file.furtherOutputs', { list: firstThree(further) }));
  for (const [op, names] of b.unsupported)
    warnings.push(
      names.length <= 3
        ? say('file.notCountedOp', { op, n: names.length, list: names.join(', ') })
        : say('file.notCountedOpMany', { op, n: names.length }),
    );
  // x[0] and the like of a batch of one, in a file that has a batch dim: right at batch 1 only.
  if (b.lead.dropped.length && !inp.unbatched.length)
    warnings.push(say('file.batchOfOne', { n: b.lead.dropped.length, list: firstThree(b.lead.dropped) }));
  if (b.bounded.length) warnings.push(say('file.nonZeroBound', { n: b.bounded.length, list: firstThree(b.bounded) }));
  if (b.noShape.length) warnings.push(say('file.noShape', { n: b.noShape.length, list: firstThree(b.noShape) }));
  if (b.unfolded.length) warnings.push(say('file.unfolded', { n: b.unfolded.length, list: firstThree(b.unfolded) }));
  warnings.push(...b.warnings);
  const { model, notes } = modelFromGraph({
    nodes: b.nodes,
    inputs: inp.inputs.filter((i, k) => k === 0 || b.used.has(i.name)),
    outputs,
    name: g.name || fileName.replace(/\.[^.]*$/, ''),
    batch: inp.batch,
    meta: {
      importedFrom: fileName,
      sourceFormat: 'onnx',
      opset: g.opset,
      // Outputs (their places in the model's outputs) with no batch dim of their own in the file (a
      // detector's boxes of one image): the shape shown is the file's whole (batch-axis.ts).
      ...(merged.length ? { outputsWithoutBatch: merged } : {}),
      ...(mergedWithBatch.length ? { outputsMergedWithBatch: mergedWithBatch } : {}),
    },
  });
  warnings.push(...notes);
  return { ok: true, model, warnings };
}
