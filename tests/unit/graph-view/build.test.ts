/**
 * The graph view's node/edge list (src/engine/graph-view): derived from an evaluation, wired the
 * way the evaluator reads inputs (previous layer, `from` ids, block lists), blocks foldable.
 */
import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../../src/engine/evaluate';
import type { LayerSpec, Model } from '../../../src/engine/format/model';
import { presetByName } from '../../../src/engine/presets';
import { importFile } from '../../../src/engine/import';
import { buildGraphView, collapseGraph, type GraphView } from '../../../src/engine/graph-view';
import { onnx } from '../io/onnx-build';

const model = (layers: LayerSpec[], extra: Partial<Model> = {}): Model =>
  Object.assign({ format: 'floplab.model/2' as const, input: [4, 8, 8], layers }, extra);
const graphOf = (m: Model) => {
  const result = evaluateModel(m);
  return { result, view: buildGraphView(m, result) };
};
const ins = (v: GraphView, id: string) => v.edges.filter((e) => e.to === id).map((e) => e.from);
const outs = (v: GraphView, id: string) => v.edges.filter((e) => e.from === id).map((e) => e.to);
const preset = (name: string) => (presetByName(name) as NonNullable<ReturnType<typeof presetByName>>).build();

describe('buildGraphView', () => {
  it('a residual block is a fork (its input feeds the body and the join) and a join (the add) on the block row', () => {
    const m = model([
      { type: 'conv2d', out: 8, kernel: 3, padding: 1 },
      { type: 'residual', body: [{ type: 'conv2d', out: 8, kernel: 3, padding: 1 }, { type: 'relu' }] },
      { type: 'relu' },
    ]);
    const { result, view } = graphOf(m);
    expect(view.nodes.map((n) => `${n.kind}:${n.id}`)).toEqual([
      'input:in:input',
      'layer:layers[0]',
      'layer:layers[1].body[0]',
      'layer:layers[1].body[1]',
      'join:layers[1]',
      'layer:layers[2]',
      'output:out:output',
    ]);
    expect(outs(view, 'layers[0]')).toEqual(['layers[1].body[0]', 'layers[1]']);
    expect(ins(view, 'layers[1]')).toEqual(['layers[1].body[1]', 'layers[0]']);
    expect(ins(view, 'layers[2]')).toEqual(['layers[1]']);
    expect(ins(view, 'out:output')).toEqual(['layers[2]']);
    // Edges carry the producing row's output shape; the join is the block's row.
    const edge = view.edges.find((e) => e.from === 'in:input');
    expect(edge?.shape).toEqual([4, 8, 8]);
    const join = view.nodes.find((n) => n.id === 'layers[1]');
    expect(join && result.rows[join.row].type).toBe('residual');
    expect(view.groups).toHaveLength(1);
    expect(view.groups[0]).toMatchObject({ id: 'layers[1]', parent: -1, size: 3 });
  });

  it('GoogLeNet: an Inception concat joins its four branches, all fed by the layer before it', () => {
    const m = preset('googlenet');
    const { result, view } = graphOf(m);
    const first = result.rows.findIndex((r) => r.type === 'concat');
    const cat = result.rows[first];
    const before = result.rows[first - 1].path; // the maxpool before inception3a
    const heads = outs(view, before);
    expect(heads).toHaveLength(4);
    expect(heads.every((h) => h.startsWith(`${cat.path}.branches[`))).toBe(true);
    const tails = ins(view, cat.path);
    expect(tails).toHaveLength(4);
    expect(new Set(tails.map((t) => t.match(/branches\[(\d)\]/)?.[1]))).toEqual(new Set(['0', '1', '2', '3']));
    // Every evaluated leaf row is a node; every concat row a join; nothing else.
    const leaves = result.rows.filter((r) => !r.block).length;
    expect(view.nodes.filter((n) => n.kind === 'layer')).toHaveLength(leaves);
    expect(view.nodes.filter((n) => n.kind === 'join')).toHaveLength(
      result.rows.filter((r) => r.type === 'concat').length,
    );
  });

  it('ViT-B/16: `from` wiring (class token and positions are learned tensors with no input) and 12 encoder iterations', () => {
    const m = preset('vit_b_16');
    const { result, view } = graphOf(m);
    const byType = (t: string) => view.nodes.filter((n) => n.type === t);
    const cat = byType('cat')[0];
    const [cls, pos] = byType('parameter');
    const patches = result.rows.find((r) => r.id === 'patches');
    expect(ins(view, cat.id)).toEqual([cls.id, patches?.path]);
    expect(ins(view, cls.id)).toEqual([]);
    expect(ins(view, pos.id)).toEqual([]);
    const add = byType('add')[0];
    expect(ins(view, add.id)).toEqual([cat.id, pos.id]);
    // The repeat's iterations run in sequence: iteration 1 reads iteration 0's output.
    const rep = view.groups.find((g) => g.type === 'repeat');
    expect(rep?.label).toBe('encoder.layers');
    const firstOf1 = view.nodes.find((n) => n.id === `${rep?.id}#1.body[0].body[0]`);
    expect(firstOf1).toBeDefined();
    const endOf0 = `${rep?.id}#0.body[1]`;
    expect(outs(view, endOf0)).toContain(firstOf1?.id);
    // Graph order is evaluation order: every edge goes forward.
    const at = new Map(view.nodes.map((n, i) => [n.id, i]));
    for (const e of view.edges) expect(at.get(e.from) as number).toBeLessThan(at.get(e.to) as number);
  });

  it('an ONNX file with two outputs has two output nodes, each fed by the node computing it', () => {
    const bytes = onnx({
      input: [1, 3, 8, 8],
      nodes: [
        { op: 'Conv', in: ['x', 'W'], out: ['c'], attrs: { kernel_shape: [3, 3], pads: [1, 1, 1, 1] } },
        { op: 'Relu', in: ['c'], out: ['r'] },
        { op: 'Flatten', in: ['r'], out: ['y'], attrs: { axis: 1 } },
      ],
      weights: { W: [2, 3, 3, 3] },
      outputs: ['y', 'c'],
    });
    const r = importFile('two-heads.onnx', bytes);
    if (!r.ok) throw new Error(r.error);
    const { result, view } = graphOf(r.model);
    const outputs = view.nodes.filter((n) => n.kind === 'output');
    expect(outputs.map((o) => o.label)).toEqual(['y', 'c']);
    expect(outputs.map((o) => o.shape)).toEqual([[2 * 8 * 8], [2, 8, 8]]);
    const producer = (name: string) => result.rows[view.nodes.find((n) => n.id === ins(view, `out:${name}`)[0])!.row];
    expect(producer('y').type).toBe('flatten');
    expect(producer('c').type).toBe('conv2d');
    // The conv forks: to the relu and to the output c.
    expect(outs(view, view.nodes.find((n) => n.type === 'conv2d')!.id)).toHaveLength(2);
  });

  it('YOLOv8n (a detector with two heads): both outputs are nodes fed by the layers the model names', () => {
    const m = preset('yolov8n');
    const { result, view } = graphOf(m);
    const outputs = view.nodes.filter((n) => n.kind === 'output');
    expect(outputs.map((o) => o.label)).toEqual(result.outputs.map((o) => o.name));
    expect(outputs.map((o) => o.shape)).toEqual(result.outputs.map((o) => o.shape));
    expect(outputs).toHaveLength(2);
    for (const o of outputs) {
      const [from] = ins(view, o.id);
      const producer = view.nodes.find((n) => n.id === from);
      // The producer is the layer (or block) whose id the model's `outputs` names.
      expect(producer && result.rows[producer.row].id).toBe(o.label);
    }
  });

  it.each(['resnet50', 'googlenet', 'vit_b_16', 'yolov8n', 'densenet121', 'mobilenet_v3_large'])(
    '%s: every layer reads something and feeds something (but learned tensors: YOLO keeps its DFL weights as a parameter nothing reads)',
    (name) => {
      const { view } = graphOf(preset(name));
      for (const n of view.nodes) {
        if (n.kind !== 'input' && n.type !== 'parameter') expect(ins(view, n.id).length, n.id).toBeGreaterThan(0);
        if (n.kind !== 'output' && n.type !== 'parameter') expect(outs(view, n.id).length, n.id).toBeGreaterThan(0);
      }
    },
  );
});

describe('collapseGraph', () => {
  it('folding a ResNet-50 stage leaves one node that takes the stage’s outside edges and nothing inside', () => {
    const { result, view } = graphOf(preset('resnet50'));
    const stage = view.groups.find((g) => g.type === 'repeat' && g.parent === -1);
    if (!stage) throw new Error('no stage');
    const open = collapseGraph(view, new Set());
    expect(open.nodes).toHaveLength(view.nodes.length);
    const shut = collapseGraph(view, new Set([stage.id]));
    const block = shut.nodes.find((n) => n.id === stage.id);
    expect(block).toMatchObject({ kind: 'block', row: stage.row, size: stage.size });
    expect(block?.shape).toEqual(result.rows[stage.row].output);
    expect(shut.nodes).toHaveLength(view.nodes.length - stage.size + 1);
    const into = shut.edges.filter((e) => e.to === stage.id);
    const outOf = shut.edges.filter((e) => e.from === stage.id);
    expect(into).toHaveLength(1);
    // The next stage starts with a downsampling residual: the folded stage feeds its body and its shortcut.
    const next = `layers[${Number(/^layers\[(\d+)\]$/.exec(stage.id)?.[1]) + 1}]`;
    expect(outOf.map((e) => e.to)).toEqual([`${next}.body[0]`, `${next}.shortcut[0]`]);
    expect(outOf[0].shape).toEqual(result.rows[stage.row].output);
    // No edge names a node that is no longer drawn.
    const drawn = new Set(shut.nodes.map((n) => n.id));
    for (const e of shut.edges) expect(drawn.has(e.from) && drawn.has(e.to)).toBe(true);
    expect(shut.folded[view.groups.indexOf(stage)]).toBe(true);
  });

  it('an outer fold hides the folds inside it', () => {
    const { view } = graphOf(preset('resnet50'));
    const stage = view.groups.findIndex((g) => g.type === 'repeat' && g.parent === -1);
    const inner = view.groups.findIndex((g) => g.parent === stage);
    const shut = collapseGraph(view, new Set([view.groups[stage].id, view.groups[inner].id]));
    expect(shut.folded[stage]).toBe(true);
    expect(shut.folded[inner]).toBe(false);
    expect(shut.nodes.some((n) => n.id === view.groups[inner].id)).toBe(false);
  });
});
