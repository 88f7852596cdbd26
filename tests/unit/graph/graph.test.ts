/**
 * The graph core (floplab.model/2): layers that take their inputs by name (`from`), several model
 * inputs and outputs, and the errors a graph can have, each on the row of the layer that caused it.
 * Equivalences: a residual block written as a graph (a fork, then an in-place add) counts exactly
 * like the `residual` block under every convention, and a concat block like the `cat` layer;
 * shapes follow PyTorch (docs of torch.cat, torch.add broadcasting semantics).
 */
import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../../src/engine/evaluate';
import { CONVENTION_IDS } from '../../../src/engine/conventions/registry';
import type { LayerSpec, Model } from '../../../src/engine/format/model';
import { PRESETS } from '../../../src/engine/presets';
import { activationMemory } from '../../../src/engine/deploy/memory';

const ALL = { conventions: CONVENTION_IDS };
const m = (layers: LayerSpec[], extra: Partial<Model> = {}): Model =>
  Object.assign({ format: 'floplab.model/2' as const, input: [4, 8, 8], batch: 2, layers }, extra);
const conv = (out: number, extra: Record<string, unknown> = {}): LayerSpec =>
  Object.assign({ type: 'conv2d', out, kernel: 3, padding: 1, bias: false }, extra) as LayerSpec;
const totals = (r: ReturnType<typeof evaluateModel>) => ({
  params: r.totals.params,
  macs: r.totals.macs,
  flops: r.totals.flops,
  counts: r.totals.counts,
  activations: r.totals.activations,
});

/** Rewrites every residual block as a graph: the block's input gets an id, the body runs, an in-place add merges. */
function residualsAsGraph(layers: readonly LayerSpec[], next = { n: 0 }): LayerSpec[] {
  const out: LayerSpec[] = [];
  for (const l of layers) {
    if (l.type === 'residual') {
      const body = residualsAsGraph(l.body as LayerSpec[], next);
      const shortcut = residualsAsGraph((l.shortcut as LayerSpec[] | undefined) ?? [], next);
      // The fork: the layer before the block gets an id. A block that comes first in its list (a
      // repeat body's) has no layer to name, so it stays a block (its body is rewritten).
      const prev = out.pop();
      if (!prev) {
        out.push(Object.assign({}, l, { body, ...(l.shortcut ? { shortcut } : {}) }));
        continue;
      }
      const id = `r${next.n++}`;
      out.push(Object.assign({}, prev, { id }));
      if (shortcut.length) {
        const last = body.pop() as LayerSpec;
        out.push(...body, Object.assign({}, last, { id: `${id}b` }));
        out.push(Object.assign({}, shortcut[0], { from: id }), ...shortcut.slice(1));
        out.push({ type: 'add', call: 'inplace', from: [`${id}b`, -1] });
      } else {
        out.push(...body);
        out.push({ type: 'add', call: 'inplace', from: [-1, id] });
      }
      continue;
    }
    const copy: Record<string, unknown> = Object.assign({}, l);
    for (const k of ['body', 'shortcut'])
      if (Array.isArray(copy[k])) copy[k] = residualsAsGraph(copy[k] as LayerSpec[], next);
    if (Array.isArray(copy.branches))
      copy.branches = (copy.branches as LayerSpec[][]).map((b) => residualsAsGraph(b, next));
    out.push(copy as LayerSpec);
  }
  return out;
}

describe('a graph counts like the same network written with blocks', () => {
  it.each(['resnet18', 'resnet50', 'mobilenet_v2', 'regnet_y_400mf'])(
    '%s with every residual block rewritten as a fork and an in-place add: equal totals under all 11 conventions',
    (name) => {
      const preset = PRESETS.find((p) => p.name === name);
      expect(preset).toBeDefined();
      const blocks = preset!.build();
      const graph = { ...blocks, layers: residualsAsGraph(blocks.layers) };
      expect(JSON.stringify(graph)).toContain('"from"');
      const a = evaluateModel(blocks, ALL);
      const b = evaluateModel(graph, ALL);
      expect(b.errors).toBe(0);
      expect(totals(b)).toEqual(totals(a));
      // The fork's tensor stays live until its last reader. A residual block holds its input
      // through the whole shortcut; the graph frees it after the shortcut's first layer, so its
      // peak is never higher, and equal where every shortcut is the identity (MobileNetV2).
      const peakA = activationMemory(a, 'fp32').peak?.liveBytes ?? 0n;
      const peakB = activationMemory(b, 'fp32').peak?.liveBytes ?? 0n;
      expect(peakB <= peakA).toBe(true);
      if (name === 'mobilenet_v2') expect(peakB).toBe(peakA);
    },
  );

  it('a concat block equals cat(dim=1) of the same branches', () => {
    const blocks = m([
      conv(4, { id: 'x' }),
      { type: 'concat', branches: [[], [conv(6)], [conv(2), { type: 'relu' }]] },
    ]);
    const graph = m([
      conv(4, { id: 'x' }),
      conv(6, { from: 'x', id: 'b1' }),
      conv(2, { from: 'x' }),
      { type: 'relu', id: 'b2' },
      { type: 'cat', from: ['x', 'b1', 'b2'] },
    ]);
    const a = evaluateModel(blocks, ALL);
    const b = evaluateModel(graph, ALL);
    expect(b.output).toEqual([12, 8, 8]);
    expect(totals(b)).toEqual(totals(a));
  });
});

describe('activation memory of a graph', () => {
  it('a tensor read by name stays live until its last reader, and only that long', () => {
    // batch 1, [4, 8, 8] = 256 elements = 1,024 B per tensor in fp32.
    const r = evaluateModel(
      m(
        [conv(4, { id: 'a' }), { type: 'relu' }, { type: 'relu' }, { type: 'add', from: [-1, 'a'] }, { type: 'relu' }],
        {
          batch: 1,
        },
      ),
    );
    const mem = activationMemory(r, 'fp32');
    // conv: input + output; relu 1: a (its input, named) + output; relu 2: a + input + output;
    // add: a + input + output; relu 3: input + output (a is dead).
    expect(mem.steps.map((s) => Number(s.liveBytes) / 1024)).toEqual([2, 2, 3, 3, 2]);
    expect(mem.complete).toBe(true);
  });
});

describe('names, inputs and outputs', () => {
  it('a layer nobody consumes is still counted; outputs name what the model returns', () => {
    const r = evaluateModel(
      m([conv(4, { id: 'stem' }), conv(8, { id: 'side' }), conv(3, { from: 'stem', id: 'head' })], {
        outputs: ['head', 'stem'],
      }),
      ALL,
    );
    expect(r.errors).toBe(0);
    // stem 4·4·9 + side 8·4·9 + head 3·4·9 parameters (bias false)
    expect(r.totals.params).toBe(BigInt(4 * 4 * 9 + 8 * 4 * 9 + 3 * 4 * 9));
    expect(r.outputs).toEqual([
      { name: 'head', shape: [3, 8, 8] },
      { name: 'stem', shape: [4, 8, 8] },
    ]);
    expect(r.output).toEqual([3, 8, 8]);
  });

  it('without outputs, the output is the last layer (named by its id when it has one)', () => {
    expect(evaluateModel(m([conv(4), { type: 'relu', id: 'y' }])).outputs).toEqual([{ name: 'y', shape: [4, 8, 8] }]);
    expect(evaluateModel(m([conv(4)])).outputs).toEqual([{ name: 'output', shape: [4, 8, 8] }]);
  });

  it('an unknown output name is reported, not dropped', () => {
    const r = evaluateModel(m([conv(4)], { outputs: ['nope'] }));
    expect(r.outputs[0]).toMatchObject({
      name: 'nope',
      shape: null,
      error: expect.stringMatching(/no layer id or input is named "nope"/),
    });
  });

  it('several named inputs: a layer takes any of them with from', () => {
    const r = evaluateModel({
      format: 'floplab.model/2',
      inputs: [
        { name: 'image', shape: [3, 8, 8] },
        { name: 'tokens', shape: [10, 16] },
      ],
      layers: [
        conv(4),
        { type: 'linear', out: 32, from: 'tokens', id: 't' },
        { type: 'matmul', from: ['t', 'tokens'] },
      ],
      outputs: ['t'],
    } as Model);
    expect(r.errors).toBe(1); // [10, 32] @ [10, 16]: 32 ≠ 10
    expect(r.rows[1].output).toEqual([10, 32]);
    expect(r.rows[2].error).toMatch(/last dim \(32\) must equal the second's second-to-last \(10\)/);
    expect(r.inputs.map((i) => i.name)).toEqual(['image', 'tokens']);
  });

  it('a later layer with the same id shadows the earlier one (Caffe in-place tops, repeat bodies)', () => {
    const r = evaluateModel(
      m([
        conv(4, { id: 'x' }),
        conv(6, { id: 'x' }),
        { type: 'repeat', times: 3, body: [conv(5, { id: 'it' })] },
        { type: 'identity', from: 'x', id: 'take_x' },
        { type: 'identity', from: 'it' },
      ]),
    );
    expect(r.errors).toBe(0);
    const byId = (id: string) => r.rows.find((row) => row.id === id && row.path.startsWith('layers[3]'))!;
    expect(byId('take_x').output).toEqual([6, 8, 8]);
    expect(r.output).toEqual([5, 8, 8]);
  });
});

describe('graph errors stay on the row that caused them', () => {
  it.each<[string, LayerSpec[], number, RegExp]>([
    [
      'a dangling from',
      [conv(4), { type: 'relu', from: 'nope' }],
      1,
      /no earlier layer has the id "nope" and no model input is named "nope"/,
    ],
    [
      'a reference to a later layer (a cycle cannot be written)',
      [conv(4, { from: 'late' }), { type: 'relu', id: 'late' }],
      0,
      /"late" is the id of layers\[1\], which is not evaluated before this layer/,
    ],
    ['add with one input', [conv(4), { type: 'add' }], 1, /add takes 2 or more inputs but gets 1: name them with from/],
    [
      'relu with two inputs',
      [conv(4, { id: 'a' }), { type: 'relu', from: ['a', 'a'] }],
      1,
      /relu takes one input, but from names 2/,
    ],
    [
      'add of shapes that do not broadcast',
      [conv(4, { id: 'a' }), conv(3), { type: 'add', from: ['a', -1] }],
      2,
      /cannot broadcast input 1 3×8×8 with 4×8×8: sizes 3 and 4 differ at dim 1/,
    ],
    [
      'cat of different sizes',
      [conv(4, { id: 'a' }), { type: 'maxpool2d', kernel: 2 }, { type: 'cat', from: ['a', -1] }],
      2,
      /sizes must match except along dim 1/,
    ],
    [
      'a malformed from',
      [conv(4), { type: 'relu', from: [5] } as unknown as LayerSpec],
      1,
      /from must be a layer id, an input name or -1/,
    ],
  ])('%s', (_label, layers, row, message) => {
    const r = evaluateModel(m(layers), ALL);
    expect(r.rows[row].error).toMatch(message);
    expect(r.rows[row].path).toBe(`layers[${row}]`);
    // The layers before it keep their numbers; nothing throws; the totals stay exact integers.
    for (let i = 0; i < row; i++) expect(r.rows[i].error).toBeUndefined();
    expect(typeof r.totals.params).toBe('bigint');
  });

  it('downstream of an error, layers say their input is unknown instead of counting nonsense', () => {
    const r = evaluateModel(m([{ type: 'relu', from: 'nope', id: 'a' }, conv(4, { from: 'a' })]));
    expect(r.rows[1].error).toMatch(/input unknown/);
  });

  it('a tensor past 2^53 elements is an error on its row, not a number', () => {
    const r = evaluateModel(
      m(
        [
          { type: 'reshape', shape: [1, 1] },
          { type: 'linear', out: 1_000_000_000, id: 'wide' },
          { type: 'cat', dim: -1, from: Array(10).fill('wide') },
        ],
        { input: [1], batch: 1_000_000 },
      ),
    );
    // batch 10^6 × [1, 10^9] is 10^15 elements, under 2^53 ≈ 9.007·10^15; ten of them joined is 10^16.
    expect(r.rows[1].error).toBeUndefined();
    expect(r.rows[2].error).toMatch(/more than 2\^53/);
  });
});

describe('naming the later layer a reference points to', () => {
  it('finds it in document order, inside blocks too, past 20,000 layers', () => {
    const filler = Array.from({ length: 20_000 }, () => ({ type: 'relu' }) as LayerSpec);
    const r = evaluateModel(
      m([
        { type: 'relu', from: 'deep' },
        ...filler,
        { type: 'residual', body: [{ type: 'relu' }, { type: 'relu', id: 'deep' }] },
      ]),
    );
    expect(r.rows[0].error).toMatch(/"deep" is the id of layers\[20001\]\.body\[1\]/);
  });
});
