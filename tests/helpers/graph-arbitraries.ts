/**
 * Random graph models for property tests: stacks and blocks whose layers carry ids from a small
 * pool and take `from` references to them (defined earlier, later, shadowed, inside or outside
 * blocks, or nowhere), so every path of src/engine/graph-scope.ts is exercised, errors included.
 */
import fc from 'fast-check';
import type { LayerSpec, Model } from '../../src/engine/format/model';

const IDS = ['a', 'b', 'c'] as const;
const REFS = fc.constantFrom<string | -1>('a', 'b', 'c', 'input', 'x2', 'nowhere', -1);

const withGraph = (base: fc.Arbitrary<Record<string, unknown>>, maxFrom: number): fc.Arbitrary<LayerSpec> =>
  fc
    .record({
      base,
      id: fc.option(fc.constantFrom(...IDS), { nil: undefined, freq: 2 }),
      from: fc.option(fc.array(REFS, { minLength: 1, maxLength: maxFrom }), { nil: undefined, freq: 2 }),
    })
    .map(({ base, id, from }) => {
      const l: Record<string, unknown> = Object.assign({}, base);
      if (id !== undefined) l.id = id;
      if (from !== undefined) l.from = from.length === 1 && maxFrom === 1 ? from[0] : from;
      return l as LayerSpec;
    });

const single = fc.oneof(
  fc.record({ type: fc.constant('relu') }),
  fc.record({
    type: fc.constant('conv2d'),
    out: fc.constantFrom(2, 4),
    kernel: fc.constantFrom(1, 3),
    padding: fc.constant(1),
  }),
  fc.record({ type: fc.constant('maxpool2d'), kernel: fc.constant(2) }),
  fc.record({ type: fc.constant('batchnorm2d') }),
);
const multi = fc.oneof(
  fc.record({ type: fc.constant('add') }),
  fc.record({ type: fc.constant('mul'), call: fc.constantFrom('operator', 'function') }),
  fc.record({ type: fc.constant('cat'), dim: fc.constantFrom(1, -1) }),
);

const { layers } = fc.letrec((tie) => ({
  layer: fc.oneof(
    { weight: 4, arbitrary: withGraph(single, 1) },
    { weight: 3, arbitrary: withGraph(multi, 3) },
    {
      weight: 1,
      arbitrary: withGraph(
        fc.record({ type: fc.constant('residual'), body: tie('layers') as fc.Arbitrary<LayerSpec[]> }),
        1,
      ),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        type: fc.constant('repeat'),
        times: fc.integer({ min: 1, max: 3 }),
        body: tie('layers') as fc.Arbitrary<LayerSpec[]>,
      }),
    },
  ),
  layers: fc.array(tie('layer') as fc.Arbitrary<LayerSpec>, { maxLength: 5 }),
}));

export const graphLayers = layers as fc.Arbitrary<LayerSpec[]>;

export const graphModel: fc.Arbitrary<Model> = fc.record({
  format: fc.constant('floplab.model/2' as const),
  inputs: fc.constantFrom(
    [{ name: 'input', shape: [4, 8, 8] }],
    [
      { name: 'input', shape: [4, 8, 8] },
      { name: 'x2', shape: [2, 8, 8] },
    ],
  ),
  batch: fc.integer({ min: 1, max: 2 }),
  layers: graphLayers,
});
