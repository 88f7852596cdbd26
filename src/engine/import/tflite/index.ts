/**
 * TFLite import: bytes → decoded model (decode.ts, with the reader flatc generated from
 * TensorFlow's schema) → dataflow graph of model layers over the main subgraph (builder.ts,
 * ops.ts) → nested blocks or a graph model (graph-model.ts).
 *
 * The model's parameters are element counts of the weights its layers read. The file's real
 * weight bytes — every constant buffer of the main subgraph, int8/int16/float16 as stored, plus
 * the quantization scales and zero points — go in `meta.weightBytes` (`meta.weightQuantBytes`
 * the scales' part, `meta.weightDtypes` elements per dtype) and the import notice.
 */
import { modelFromGraph } from '../graph-model';
import { ImportLimitError, MAX_IMPORT_BYTES, sizeText, type ImportOptions, type ImportResult } from '../result';
import { Builder, shortName } from './builder';
import { decodeTflite, type TfliteModel, type TfliteOp, type TfliteSubgraph } from './decode';
import { flShape, numel, type Layout } from './layout';
import { findPatterns } from './patterns';
import { say } from '../../messages';

/** The file identifier TFLite writes at bytes 4–8. */
export const TFLITE_IDENTIFIER = 'TFL3';

export const hasTfliteIdentifier = (b: Uint8Array) =>
  b.length >= 8 && String.fromCharCode(b[4], b[5], b[6], b[7]) === TFLITE_IDENTIFIER;

const int = (n: number) => n.toLocaleString('en-US');

/** Imports a TFLite model. Never throws. */
export function importTflite(bytes: Uint8Array, fileName = 'model.tflite', opts: ImportOptions = {}): ImportResult {
  if (bytes.length > MAX_IMPORT_BYTES)
    return {
      ok: false,
      error: say('file.tooLarge', { name: fileName, size: sizeText(bytes.length), limit: sizeText(MAX_IMPORT_BYTES) }),
    };
  if (bytes.length === 0) return { ok: false, error: say('file.empty', { name: fileName }) };
  if (!hasTfliteIdentifier(bytes))
    return { ok: false, error: say('file.notTflite', { name: fileName, id: TFLITE_IDENTIFIER }) };
  let m: TfliteModel;
  try {
    m = decodeTflite(bytes, opts.onProgress);
  } catch (err) {
    if (err instanceof ImportLimitError)
      return { ok: false, error: say('file.named', { name: fileName, error: err.message }) };
    return { ok: false, error: say('file.badTflite', { name: fileName, error: (err as Error).message }) };
  }
  try {
    return convert(m, fileName);
  } catch (err) {
    return { ok: false, error: say('file.cannotConvert', { name: fileName, error: (err as Error).message }) };
  }
}

/** Bytes and dtypes of the main subgraph's constants (each buffer once). */
function weightFacts(g: TfliteSubgraph) {
  const seen = new Set<number>();
  let data = 0;
  let quant = 0;
  const dtypes: Record<string, number> = {};
  for (const t of g.tensors) {
    if (!t.dataBytes) continue;
    if (!seen.has(t.buffer)) data += t.dataBytes;
    seen.add(t.buffer);
    quant += t.quantBytes;
    dtypes[t.dtype] = (dtypes[t.dtype] ?? 0) + numel(t.shape);
  }
  return { bytes: data + quant, quant, dtypes };
}

/** WHILE, IF, CALL_ONCE … name other subgraphs; what they run is not counted. */
function callNote(m: TfliteModel) {
  return (op: TfliteOp): string | null => {
    const o = op.options;
    const refs = [
      'condSubgraphIndex',
      'bodySubgraphIndex',
      'thenSubgraphIndex',
      'elseSubgraphIndex',
      'initSubgraphIndex',
    ]
      .map((k) => o[k])
      .filter((v): v is number => typeof v === 'number');
    if (!refs.length) return null;
    const what = refs.map(
      (s) =>
        `subgraph ${s}${m.subgraphs[s] ? ` "${m.subgraphs[s].name}", ${m.subgraphs[s].ops.length} ops` : ' (missing)'}`,
    );
    const why =
      op.code === 'WHILE'
        ? 'its iteration count is only known at run time'
        : 'which branch runs is only known at run time';
    return `calls ${what.join(' and ')}; ${why}`;
  };
}

/** A graph input read channels-first: a 4-D input whose every use is a TRANSPOSE to NHWC. */
function inputLayout(g: TfliteSubgraph, t: number): Layout {
  const users = g.ops.filter((op) => op.inputs.includes(t));
  const toNhwc = (op: TfliteOp) => op.code === 'TRANSPOSE' && g.tensors[op.inputs[1]]?.values?.join(',') === '0,2,3,1';
  return g.tensors[t].shape.length === 4 && users.length > 0 && users.every(toNhwc) ? 'asis' : 'nhwc';
}

function convert(m: TfliteModel, fileName: string): ImportResult {
  const g = m.subgraphs[0];
  if (!g) return { ok: false, error: say('file.noSubgraph', { name: fileName }) };
  if (!g.inputs.length) return { ok: false, error: say('file.noSubgraphInput', { name: fileName }) };
  const warnings: string[] = [];
  const first = g.tensors[g.inputs[0]];
  const batch = first.shape.length >= 2 && first.shape[0] >= 1 ? first.shape[0] : 1;
  if (first.signature?.[0] === -1) warnings.push(say('file.dynamicBatch', { batch }));
  const b = new Builder(
    g,
    batch,
    findPatterns(g, (t) => g.tensors[t]?.values),
    callNote(m),
  );
  const inputs = [];
  for (const t of g.inputs) {
    const x = g.tensors[t];
    if (x.shape.length < 2 || x.shape.length > 9 || x.shape.some((d) => !(d >= 1)))
      return {
        ok: false,
        error: say('file.inputRank', { name: fileName, input: x.name, shape: x.shape.join(', ') }),
      };
    if (x.signature?.slice(1).some((d) => d === -1))
      return {
        ok: false,
        error: say('file.inputRuntime', { name: fileName, input: x.name, shape: x.signature.join(', ') }),
      };
    const layout = inputLayout(g, t);
    b.addInput(t, layout);
    inputs.push({ name: String(t), shape: flShape(x.shape, layout, batch) });
  }
  g.ops.forEach((op, i) => b.op(op, i));
  const outputs = g.outputs.filter((t) => b.data.has(t)).map(String);
  if (!outputs.length) return { ok: false, error: say('file.noModelOutput', { name: fileName }) };
  if (outputs.length < g.outputs.length)
    warnings.push(say('file.constOutputs', { n: g.outputs.length - outputs.length }));
  const w = weightFacts(g);
  const dt = Object.entries(w.dtypes)
    .map(([d, n]) => `${d} ${int(n)}`)
    .join(', ');
  const facts = { size: sizeText(w.bytes), bytes: int(w.bytes), list: dt || 'none', quant: int(w.quant) };
  warnings.push(say(w.quant ? 'file.weightsQuant' : 'file.weights', facts));
  for (const [op, names] of b.notCounted)
    warnings.push(
      names.length <= 3
        ? say('file.tfliteNotCounted', { op, n: names.length, list: names.join(', ') })
        : say('file.tfliteNotCountedMany', { op, n: names.length }),
    );
  const conv = [...b.conversions].map(([op, n]) => `${op} × ${n}`);
  if (conv.length) warnings.push(say('file.quantizeLayers', { list: conv.join(', ') }));
  const folded = g.ops.filter(
    (op) => /CONV_2D|FULLY_CONNECTED/.test(op.code) && /batch_?norm/i.test(g.tensors[op.outputs[0]]?.name ?? ''),
  ).length;
  if (folded) warnings.push(say('file.foldedBn', { n: folded }));
  const sparse = g.tensors.filter((t) => t.dataBytes && t.sparse).length;
  if (sparse) warnings.push(say('file.sparse', { n: sparse }));
  for (const op of g.ops.filter((o) => o.code === 'CALL_ONCE')) {
    const k = op.options.initSubgraphIndex as number | undefined;
    const sg = k === undefined ? undefined : m.subgraphs[k];
    warnings.push(sg ? say('file.callOnce', { k: k!, sg: sg.name, n: sg.ops.length }) : say('file.callOnceAny'));
  }
  if (m.subgraphs.length > 1) warnings.push(say('file.mainSubgraph', { n: m.subgraphs.length }));
  warnings.push(...b.warnings);
  const names = displayNames(g);
  const { model, notes } = modelFromGraph({
    nodes: b.nodes,
    inputs,
    outputs,
    name: fileName.replace(/\.[^.]*$/, ''),
    batch,
    meta: {
      importedFrom: fileName,
      sourceFormat: 'tflite',
      tfliteSchemaVersion: m.version,
      ...(m.description ? { description: m.description.slice(0, 200) } : {}),
      weightBytes: w.bytes,
      weightQuantBytes: w.quant,
      weightDtypes: w.dtypes,
    },
    display: (v) => names(v),
  });
  warnings.push(...notes);
  return { ok: true, model, warnings };
}

/** Value names (tensor indices) → the file's tensor names, made unique. */
function displayNames(g: TfliteSubgraph) {
  const used = new Map<string, number>();
  const names = new Map<number, string>();
  g.tensors.forEach((t, i) => {
    const base = shortName(t.name) || `tensor ${i}`;
    const n = used.get(base) ?? 0;
    used.set(base, n + 1);
    names.set(i, n ? `${base.slice(0, 190)} #${n + 1}` : base);
  });
  return (v: string): string => {
    if (v.startsWith('c')) return `${names.get(Number(v.slice(1))) ?? v} (constant)`;
    const [t, join] = v.split(':');
    const n = names.get(Number(t)) ?? v;
    return join ? `${n} (${join})` : n;
  };
}
