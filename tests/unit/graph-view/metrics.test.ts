/** Node numbers and heat levels of the graph view: read from the evaluation's rows, never recounted. */
import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../../src/engine/evaluate';
import { CONVENTION_IDS } from '../../../src/engine/conventions/registry';
import { presetByName } from '../../../src/engine/presets';
import { estimateLatency } from '../../../src/engine/deploy/latency/latency';
import {
  buildGraphView,
  collapseGraph,
  heatLevel,
  heatThresholds,
  maxValue,
  nodeValues,
  topNodes,
  type NodeValue,
} from '../../../src/engine/graph-view';

const m = (presetByName('resnet50') as NonNullable<ReturnType<typeof presetByName>>).build();
const result = evaluateModel(m, { conventions: CONVENTION_IDS });
const view = buildGraphView(m, result);
const stage = view.groups.find((g) => g.type === 'repeat' && g.parent === -1)!;
const shut = collapseGraph(view, new Set([stage.id]));
const src = { result, countIndex: CONVENTION_IDS.indexOf('fvcore'), dtype: 'fp16' as const, latency: null };

describe('nodeValues', () => {
  it('a layer has its row’s numbers, a join its own op’s, a folded block its row’s total', () => {
    const at = (id: string) => shut.nodes.findIndex((n) => n.id === id);
    const params = nodeValues(shut.nodes, 'params', src);
    const count = nodeValues(shut.nodes, 'count', src);
    const memory = nodeValues(shut.nodes, 'memory', src);
    const block = result.rows[stage.row];
    expect(params[at(stage.id)]).toBe(block.total?.params);
    expect(count[at(stage.id)]).toBe(block.total?.counts[src.countIndex]);
    expect(memory[at(stage.id)]).toBe((block.total?.activations ?? 0n) * 2n); // fp16: 2 bytes an element
    const conv = shut.nodes.findIndex((n) => n.type === 'conv2d');
    expect(params[conv]).toBe(result.rows[shut.nodes[conv].row].params);
    const join = shut.nodes.findIndex((n) => n.kind === 'join');
    expect(count[join]).toBe(result.rows[shut.nodes[join].row].counts[src.countIndex]);
    expect(params[join]).toBe(0n);
    // Inputs and outputs carry no numbers; the folded model still sums to the totals.
    expect(params[0]).toBeNull();
    const sum = params.reduce<bigint>((a, v) => a + ((v as bigint | null) ?? 0n), 0n);
    expect(sum).toBe(result.totals.params);
  });

  it('latency: a layer’s kernel time, a folded block the sum of its rows’; none without a device', () => {
    const est = estimateLatency(result, 'jetson-nano', 'fp32');
    if ('error' in est) throw new Error(est.error);
    const ms = nodeValues(shut.nodes, 'latency', { ...src, latency: est.layers });
    const inStage = est.layers.filter((l) => l.path.startsWith(`${stage.id}#`));
    const expected = inStage.reduce((a, l) => a + l.ms, 0);
    expect(ms[shut.nodes.findIndex((n) => n.id === stage.id)]).toBeCloseTo(expected, 9);
    expect(nodeValues(shut.nodes, 'latency', src).every((v) => v === null)).toBe(true);
  });
});

describe('heat levels', () => {
  it.each<[NodeValue, NodeValue, number]>([
    [100n, 100n, 5],
    [50n, 100n, 5],
    [49n, 100n, 4],
    [25n, 100n, 4],
    [13n, 100n, 3],
    [12n, 100n, 2],
    [7n, 100n, 2],
    [6n, 100n, 1],
    [1n, 100n, 1],
    [0n, 100n, 0],
    [null, 100n, -1],
    [0.5, 1, 5],
    [0.062, 1, 1],
    [0.0625, 1, 2],
    [0, 1, 0],
  ])('%s of max %s is level %i', (v, max, level) => expect(heatLevel(v, max)).toBe(level));

  it('top nodes: largest first, zeros and nulls left out, at most n', () => {
    const values: NodeValue[] = [null, 5n, 0n, 9n, 5n, 1n];
    expect(topNodes(values, 10)).toEqual([3, 1, 4, 5]);
    expect(topNodes(values, 2)).toEqual([3, 1]);
    expect(maxValue(values)).toBe(9n);
    expect(maxValue([null])).toBeNull();
  });
});

describe('heat thresholds', () => {
  it('are the smallest values of levels 5..2, so the legend states exactly what each colour means', () => {
    const t = heatThresholds(100n);
    expect(t).toEqual([50n, 25n, 13n, 7n]);
    // Each threshold is the first value of its level and one less is the level below.
    t.forEach((v, k) => {
      expect(heatLevel(v, 100n)).toBe(5 - k);
      expect(heatLevel((v as bigint) - 1n, 100n)).toBe(4 - k);
    });
    expect(heatThresholds(8)).toEqual([4, 2, 1, 0.5]);
    expect(heatThresholds(null)).toEqual([]);
  });
});
