/**
 * Caffe .prototxt import (Netscope's input format, dgschwend/netscope src/caffe/caffe.coffee):
 * `layer { … }` and the deprecated `layers { … }` with V1 type names, in-place layers
 * (top = bottom), inputs from the header (`input` + `input_dim` / `input_shape`), Input layers or
 * data layers (see inputs.ts; the first one declaring a blob wins). Layers of both phases are read
 * (a layer given again for the other phase once); accuracy, silence and loss layers (SoftmaxWithLoss
 * aside, a softmax as Netscope counts it) compute nothing at inference.
 *
 * Each layer becomes layer kinds (layers.ts); a type no kind can express is a "not counted" row
 * with Caffe's output shape, listed in the warnings. Every top nobody reads is an output of the
 * model (HED's side outputs, SSD's heads), so nothing computed is left out.
 */
import { opaqueOpName } from '../../layers/opaque';
import { pairOf, type Model, type Pair, type Shape } from '../../format/model';
import { evaluateModel } from '../../evaluate';
import { modelFromGraph } from '../graph-model';
import { msgField, parseProtoText, strField, strsField, type TextMessage } from '../prototxt-text';
import { MAX_IMPORT_NODES, tooMany, type ImportResult } from '../result';
import { Builder } from './builder';
import { ASSUMED_INPUT, DATA_LAYERS, dataLayerShapes, headerInputs } from './inputs';
import { IGNORED, mapLayer, SOFTMAX_LOSS, type LayerIn } from './layers';
import { say } from '../../messages';

/** What opens a layer in the text: `layer {`, `layers {` (the colon and `<` are allowed too). */
const LAYER_OPENING = /\blayers?\s*:?\s*[{<]/g;

function countLayerOpenings(text: string): number {
  let n = 0;
  LAYER_OPENING.lastIndex = 0;
  while (LAYER_OPENING.exec(text)) n++;
  return n;
}

export const normType = (t: string | undefined) => (t ?? '').toLowerCase().replace(/_/g, '');

/** Imports Caffe prototxt text. Never throws. */
export function importPrototxt(text: string, fileName = 'model.prototxt'): ImportResult {
  try {
    const first = convert(text, fileName);
    // No input size stated: SegNet's decoder states the sizes it unpools to; read the input from them.
    const size = first.assumed ? sizeFromUpsample(first.b) : null;
    if (!size) return first.result;
    const again = convert(text, fileName, size.shape);
    if (again.result.ok) again.result.warnings.unshift(size.note);
    return again.result;
  } catch (err) {
    return { ok: false, error: say('file.cannotRead', { name: fileName, error: (err as Error).message }) };
  }
}

interface Input {
  readonly value: string;
  readonly shape: number[];
}

interface Converted {
  readonly result: ImportResult;
  readonly b: Builder;
  /** The input size was assumed (the file states none). */
  readonly assumed: boolean;
}

function convert(text: string, fileName: string, forced?: readonly number[]): Converted {
  const b = new Builder();
  let assumedInput = false;
  const done = (result: ImportResult): Converted => ({ result, b, assumed: assumedInput });
  // Counted in the text before it is parsed: a token list of a million layers is itself gigabytes.
  // Every "layer {" / "layers {" counts, even in a comment or string: only absurd files come near.
  const mentioned = countLayerOpenings(text);
  if (mentioned > MAX_IMPORT_NODES)
    return done({
      ok: false,
      error: say('file.named', { name: fileName, error: tooMany(mentioned, 'layers').message }),
    });
  const parsed = parseProtoText(text);
  if (!parsed.ok)
    return done({
      ok: false,
      error: parsed.limit ? `${fileName}: ${parsed.error}` : `${fileName} is not valid prototxt: ${parsed.error}`,
    });
  const root = parsed.msg;
  // Both phases, as one file: a TRAIN-only SoftmaxWithLoss is counted as Netscope counts it, a
  // TEST-only DetectionOutput (SSD) has its row; a layer repeated for the other phase is read once.
  const seen = new Set<string>();
  const layers = [...(root.layer ?? []), ...(root.layers ?? [])].filter((l): l is TextMessage => {
    if (typeof l !== 'object') return false;
    const name = strField(l, 'name');
    if (name === undefined || !msgField(l, 'include')) return true;
    if (seen.has(name)) return false;
    seen.add(name);
    return true;
  });
  if (!layers.length) return done({ ok: false, error: say('file.caffeNoLayers', { name: fileName }) });

  const inputs: Input[] = [];
  const declare = (blob: string, shape: number[] | null, where: string) => {
    let s = shape;
    if (!s || s.length < 2 || !s.every((d) => Number.isInteger(d) && d > 0)) {
      if (forced && !inputs.length) s = [...forced];
      else {
        assumedInput ||= !inputs.length;
        b.warnings.push(
          s
            ? say('imp.assumedInputWith', { where, given: s.join(', '), shape: ASSUMED_INPUT.join(', ') })
            : say('imp.assumedInput', { where, shape: ASSUMED_INPUT.join(', ') }),
        );
        s = [...ASSUMED_INPUT];
      }
    }
    const value = b.fresh(blob);
    b.blob.set(blob, value);
    b.shapes.set(value, s.slice(1));
    inputs.push({ value, shape: s });
  };

  for (const h of headerInputs(root)) declare(h.name, h.shape, `input "${h.name}"`);

  for (const l of layers) {
    const caffeType = strField(l, 'type') ?? '';
    const type = normType(caffeType);
    const name = strField(l, 'name') ?? type;
    const label = `${name} (${caffeType || '?'})`;
    const tops = strsField(l, 'top');
    const bottoms = strsField(l, 'bottom');
    if (DATA_LAYERS.has(type) || (!bottoms.length && tops.length && !['parameter', 'dummydata'].includes(type))) {
      // The first top is the data (later tops of a Data layer are labels); an Input layer declares every top.
      const shapes = DATA_LAYERS.has(type) ? dataLayerShapes(type, l) : [null];
      const declared = type === 'input' ? tops : tops.slice(0, 1);
      declared.forEach((t, i) => {
        if (!b.blob.has(t)) declare(t, shapes[i] ?? shapes[0] ?? null, label);
      });
      continue;
    }
    if (IGNORED.has(type) || (type.endsWith('loss') && !SOFTMAX_LOSS.has(type))) continue;
    // A net that never declares its input (its Data layer was cut off): the first bottom read is the input.
    if (!inputs.length && bottoms.length && !b.blob.has(bottoms[0]))
      declare(bottoms[0], null, `bottom "${bottoms[0]}"`);
    const ins = bottoms.map((v) => b.value(v)).filter((v): v is string => v !== undefined);
    if (!ins.length && type !== 'parameter') {
      b.warnings.push(say('imp.noBottom', { label, list: bottoms.map((v) => `"${v}"`).join(', ') }));
      continue;
    }
    const L: LayerIn = { l, type, caffeType, name, label, tops, ins, bottoms };
    if (!mapLayer(b, L)) {
      // Never a silent pass-through: a "not counted" row (layers/opaque.ts); a prototxt states
      // no shapes, so its output is taken to have its first input's shape.
      b.notCountedLayer(caffeType, name);
      b.warnings.push(say('imp.caffeOpaque', { label, type: caffeType }));
      b.add(label, name, 'layers', ins, tops, [{ type: 'opaque', name, op: opaqueOpName(caffeType) }]);
    }
  }
  if (!inputs.length) return done({ ok: false, error: say('file.caffeNoInput', { name: fileName }) });
  const first = inputs[0];
  // The model's outputs: every value a node computes and nothing reads (heads, side outputs).
  const outputs = b.nodes.map((n) => n.output).filter((v) => !b.used.has(v));
  const used = inputs.filter((inp, i) => i === 0 || b.used.has(inp.value));
  const { model, notes } = modelFromGraph({
    nodes: b.nodes,
    inputs: used.map((inp) => ({ name: inp.value, shape: inp.shape.slice(1) })),
    outputs: outputs.length ? outputs : [first.value],
    name: strField(root, 'name') ?? fileName.replace(/\.[^.]*$/, ''),
    batch: first.shape[0] > 0 ? first.shape[0] : 1,
    meta: { importedFrom: fileName, sourceFormat: 'caffe-prototxt' },
    display: (v) => v.replace(/@\d+$/, ''),
  });
  const warnings = [...b.warnings, ...notes, ...poolSizeNotes(model)];
  return done({ ok: true, model, warnings });
}

/**
 * A net reading its images from a database states no size, but SegNet's Upsample layers state
 * the size they unpool to (upsample_h, upsample_w): the size of the input of the pool whose mask
 * they take. With the input assumed, that pool's input is the assumed size / r; the real input is
 * the stated size · r. The stated size nearest the input (smallest r) is used.
 */
function sizeFromUpsample(b: Builder): { shape: number[]; note: string } | null {
  let best: { r: number; shape: number[]; note: string } | null = null;
  for (const u of b.unpools) {
    const at = b.producer.get(u.mask);
    const pool = at === undefined ? undefined : b.nodes[at];
    const s = pool && pool.layers?.length ? b.shape(pool.inputs[0]) : null;
    if (!s || s.length !== 3) continue;
    const rh = ASSUMED_INPUT[2] / s[1];
    const rw = ASSUMED_INPUT[3] / s[2];
    if (!Number.isInteger(rh) || !Number.isInteger(rw) || (best && best.r <= rh)) continue;
    best = {
      r: rh,
      shape: [ASSUMED_INPUT[0], ASSUMED_INPUT[1], u.h * rh, u.w * rw],
      note: `input size [${ASSUMED_INPUT[0]}, ${ASSUMED_INPUT[1]}, ${u.h * rh}, ${u.w * rw}] read from ${u.label}: it unpools to ${u.h}×${u.w}, the size of the input of the pool whose mask it takes, 1/${rh} of the input`,
    };
  }
  return best && { shape: best.shape, note: best.note };
}

/**
 * Netscope sizes pooling outputs as ceil((in + 2p − k) / s) + 1 and never drops a last window
 * that starts in the padding; Caffe and PyTorch do. Where the two differ the model keeps Caffe's
 * size, and says so.
 */
function poolSizeNotes(model: Model): string[] {
  const notes: string[] = [];
  for (const r of evaluateModel(model).rows) {
    if ((r.type !== 'maxpool2d' && r.type !== 'avgpool2d') || !r.input || !r.output || !r.params_) continue;
    const k = pairOf(r.params_.kernel as Pair);
    const s = pairOf(r.params_.stride as Pair);
    const p = pairOf(r.params_.padding as Pair);
    const input: Shape = r.input;
    const netscope = [0, 1].map((i) => Math.ceil((input[i + 1] + 2 * p[i] - k[i]) / s[i]) + 1);
    if (netscope[0] !== r.output[1] || netscope[1] !== r.output[2])
      notes.push(
        say('imp.netscopePool', {
          name: r.name ?? r.path,
          netscope: netscope.join('×'),
          h: r.output[1],
          w: r.output[2],
        }),
      );
  }
  return notes;
}
