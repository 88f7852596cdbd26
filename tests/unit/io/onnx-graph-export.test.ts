/**
 * The ONNX writer on graphs (`from` edges, several inputs and outputs) and on the kinds of
 * transformers, detectors and segmentation nets (onnx-nodes-tensor.ts). Each written file read back
 * gives the model's numbers: parameters and buffers, the exact op count and the output shapes, with
 * nothing left not counted. Checked beyond this test by running every written preset (86 up to
 * 120 M parameters, batch 2, zero weights) and every model of onnx-graph-kinds.ts in onnxruntime 1.30:
 * all load and run, with FlopLab's output shapes (scripts/check-onnx-export.md).
 */
import { describe, expect, it } from 'vitest';
import { modelToOnnx } from '../../../src/engine/export/onnx';
import { decodeOnnx } from '../../../src/engine/import/onnx/decode';
import { importOnnx } from '../../../src/engine/import/onnx';
import { evaluateModel } from '../../../src/engine/evaluate';
import type { Model } from '../../../src/engine/format/model';
import { PRESETS } from '../../../src/engine/presets';
import { usesGraph } from './helpers';
import { GRAPH_KINDS } from './onnx-graph-kinds';

/** The numbers a reader sees: parameters, buffers, exact ops, output shapes, rows not counted. */
function numbers(m: Model) {
  const r = evaluateModel(m, { conventions: ['exact'] });
  return {
    params: r.totals.params,
    buffers: r.totals.buffers,
    exact: r.totals.counts[0],
    outputs: r.outputs.map((o) => o.shape),
    notCounted: r.notCounted.length,
    errors: r.errors,
  };
}

function readBack(m: Model) {
  const w = modelToOnnx(m);
  if (!w.ok) throw new Error(w.error);
  const r = importOnnx(w.bytes, `${m.name}.onnx`);
  if (!r.ok) throw new Error(r.error);
  return r.model;
}

/**
 * The numbers read back equal the model's; the file's outputs are the model's, then every layer output
 * nothing reads (FCN's second head, YOLO's DFL weight): FlopLab counts those layers, so the file keeps them.
 */
function same(before: ReturnType<typeof numbers>, after: ReturnType<typeof numbers>) {
  expect({ ...after, outputs: after.outputs.slice(0, before.outputs.length) }).toEqual(before);
}

/** Where reading back differs, and why (each checked exactly). */
const KNOWN: Record<string, (before: ReturnType<typeof numbers>, after: ReturnType<typeof numbers>) => void> = {
  // A one-element constant operand reads as a number (x · s), never a weight (import/onnx/operands.ts).
  'l2norm across spatial, one scale': (b, a) => expect(a).toEqual({ ...b, params: b.params - 1n }),
  // Its relative-position bias tables are parameters [heads, 169] padded to [heads, 2401] (the preset's
  // stand-in for the table[index] gather): a Pad of weights is not folded on import (they have no
  // values), so in each of its 22 attentions the Add that reads the bias is not counted and the table is
  // not read: 169 · heads weights each, 4 · 338 + 4 · 676 + 10 · 1352 + 4 · 2704 = 28,392 in all (said on import).
  maxvit_t: (b, a) => {
    expect(a.notCounted).toBe(22);
    expect(b.params - a.params).toBe(4n * 338n + 4n * 676n + 10n * 1352n + 4n * 2704n);
  },
};

describe('ONNX export, one model per kind of graphs and transformers: read back with the same numbers', () => {
  it.each(GRAPH_KINDS)('%s', (name, m) => {
    const before = numbers(m);
    expect(before.errors).toBe(0);
    const after = numbers(readBack(m));
    if (KNOWN[name]) KNOWN[name](before, after);
    else same(before, after);
  });
});

const graphPresets = PRESETS.filter((p) => usesGraph(p.build().layers));

describe('ONNX export of the graph presets', () => {
  const written = graphPresets.filter((p) => !p.name.startsWith('swin'));
  it('writes all but the six Swins (30 of 36)', () => {
    expect(graphPresets).toHaveLength(36);
    expect(written).toHaveLength(30);
  });

  it.each(graphPresets.filter((p) => p.name.startsWith('swin')).map((p) => [p.name, p] as const))(
    '%s is refused, naming its window attention (no ONNX operator; its shifted windows are not written)',
    (_n, p) => {
      const r = modelToOnnx(p.build());
      expect(r).toEqual({ ok: false, error: expect.stringMatching(/windowattention cannot be written to ONNX/) });
    },
  );

  it.each(written.map((p) => [p.name, p] as const))('%s reads back with the same numbers', (name, p) => {
    const m = p.build();
    const before = numbers(m);
    const after = numbers(readBack(m));
    if (KNOWN[name]) KNOWN[name](before, after);
    else same(before, after);
  });
});

describe('graph wiring in the written file', () => {
  const m: Model = {
    format: 'floplab.model/2',
    name: 'two-in-two-out',
    batch: 3,
    inputs: [
      { name: 'image', shape: [8] },
      { name: 'meta', shape: [4] },
    ],
    outputs: ['joined'],
    layers: [
      { type: 'linear', out: 6, id: 'a', name: 'fa' },
      { type: 'linear', out: 6, from: 'meta', name: 'fb' },
      { type: 'add', from: ['a', -1], id: 'joined', name: 'join' },
      // Read by nothing: a second head FlopLab counts, so the file keeps it as an output.
      { type: 'linear', out: 2, from: 'a', name: 'aux' },
    ],
  };

  it('inputs by name, the named output first, then the unread head, all with the batch', () => {
    const w = modelToOnnx(m);
    if (!w.ok) throw new Error(w.error);
    const g = decodeOnnx(w.bytes);
    if (!g) throw new Error('no graph');
    expect(g.inputs.map((i) => [i.name, i.dims])).toEqual([
      ['image', [3, 8]],
      ['meta', [3, 4]],
    ]);
    expect(g.outputs.map((o) => o.dims)).toEqual([
      [3, 6],
      [3, 2],
    ]);
    expect(g.nodes.map((n) => n.name).filter(Boolean)).toEqual(['fa', 'fb', 'join', 'aux']);
    const add = g.nodes.find((n) => n.name === 'join');
    expect(add?.inputs).toEqual([g.nodes[0].outputs[0], g.nodes[1].outputs[0]]);
  });

  it('reads back with the same numbers and both outputs', () => {
    const back = readBack(m);
    expect(numbers(back)).toEqual({ ...numbers(m), outputs: [[6], [2]] });
    expect(back.inputs?.map((i) => i.name)).toEqual(['image', 'meta']);
  });

  it('a not-counted operator of an imported file is refused, naming it (only its shape is known)', () => {
    const r = modelToOnnx({ ...m, layers: [{ type: 'opaque', op: 'NonZero', shape: [8] }] });
    expect(r).toEqual({
      ok: false,
      error:
        'layers[0]: NonZero is an operator of the imported file that FlopLab does not model (not counted): only its shape is known, so it cannot be written',
    });
  });

  it('chunk layers taking the pieces of one value share one Split (as torch.onnx writes x.chunk(2)), and read back so', () => {
    const c2f: Model = {
      format: 'floplab.model/2',
      name: 'c2f-like',
      input: [8, 4, 4],
      layers: [
        { type: 'conv2d', out: 8, kernel: 1, id: 'cv1' },
        { type: 'chunk', chunks: 2, index: 0, from: 'cv1', id: 'a' },
        { type: 'chunk', chunks: 2, index: 1, from: 'cv1', id: 'b' },
        { type: 'conv2d', out: 4, kernel: 3, padding: 1, id: 'm' },
        { type: 'cat', dim: 1, from: ['a', 'b', 'm'] },
      ],
    };
    const w = modelToOnnx(c2f);
    if (!w.ok) throw new Error(w.error);
    const g = decodeOnnx(w.bytes);
    expect(g?.nodes.filter((n) => n.opType === 'Split')).toHaveLength(1);
    const back = readBack(c2f);
    same(numbers(c2f), numbers(back));
    expect(evaluateModel(back).rows.length).toBe(evaluateModel(c2f).rows.length);
  });

  it('a name that nothing defined before is refused, with the layer', () => {
    const r = modelToOnnx({
      ...m,
      layers: [
        { type: 'relu', from: 'later' },
        { type: 'relu', id: 'later' },
      ],
    });
    expect(r).toEqual({ ok: false, error: 'layers[0]: "later" names no earlier layer or model input' });
  });
});
