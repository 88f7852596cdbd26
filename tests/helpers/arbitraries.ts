/**
 * fast-check generators of models in the FlopLab format: mostly valid layers with small sizes
 * (so shapes usually work out), nested blocks, and some invalid fields — for property tests
 * and fuzzing of the engine, the URL codec and the importers.
 */
import fc from 'fast-check';
import type { LayerSpec, Model } from '../../src/engine/format/model';

const small = fc.integer({ min: 1, max: 5 });
const pair = fc.oneof(small, fc.tuple(small, small));

const leaf: fc.Arbitrary<LayerSpec> = fc.oneof(
  fc.record(
    {
      type: fc.constant('conv2d'),
      out: fc.integer({ min: 1, max: 8 }),
      kernel: pair,
      stride: fc.integer({ min: 1, max: 2 }),
      padding: fc.oneof(fc.integer({ min: 0, max: 2 }), fc.constant('same' as const)),
      groups: fc.constantFrom(1, 1, 2),
      bias: fc.boolean(),
    },
    { requiredKeys: ['type', 'out', 'kernel'] },
  ),
  fc.record(
    { type: fc.constant('linear'), out: fc.integer({ min: 1, max: 16 }), bias: fc.boolean() },
    { requiredKeys: ['type', 'out'] },
  ),
  fc.constantFrom<LayerSpec>(
    { type: 'batchnorm2d' },
    { type: 'relu' },
    { type: 'flatten' },
    { type: 'adaptiveavgpool2d', out: 1 },
    { type: 'adaptiveavgpool2d', out: 2 },
  ),
  fc.record(
    {
      type: fc.constantFrom('maxpool2d', 'avgpool2d'),
      kernel: fc.integer({ min: 1, max: 3 }),
      stride: fc.integer({ min: 1, max: 2 }),
      padding: fc.constant(0),
      ceil: fc.boolean(),
    },
    { requiredKeys: ['type', 'kernel'] },
  ),
);

/** Layers that are always valid somewhere: their fields pass validation. */
export const validLeaf = leaf;

const { layers } = fc.letrec<{ layer: LayerSpec; layers: LayerSpec[] }>((tie) => ({
  layer: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 6, arbitrary: leaf },
    {
      weight: 1,
      arbitrary: fc.record({ type: fc.constant('residual'), body: tie('layers') as fc.Arbitrary<LayerSpec[]> }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        type: fc.constant('repeat'),
        times: fc.integer({ min: 1, max: 3 }),
        body: tie('layers') as fc.Arbitrary<LayerSpec[]>,
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        type: fc.constant('concat'),
        branches: fc.array(tie('layers') as fc.Arbitrary<LayerSpec[]>, { minLength: 1, maxLength: 3 }),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ type: fc.constant('scale'), body: tie('layers') as fc.Arbitrary<LayerSpec[]> }),
    },
  ),
  layers: fc.array(tie('layer') as fc.Arbitrary<LayerSpec>, { maxLength: 5 }),
}));

export const layerList = layers;

export const model: fc.Arbitrary<Model> = fc.record({
  format: fc.constant('floplab.model/2' as const),
  name: fc.string({ maxLength: 12 }),
  input: fc.oneof(
    fc.tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 24 }), fc.integer({ min: 1, max: 24 })),
    fc.tuple(fc.integer({ min: 1, max: 64 })),
  ),
  batch: fc.integer({ min: 1, max: 4 }),
  layers,
});

/** Anything JSON can hold, shaped vaguely like a model: for "never throws" properties. */
export const garbageModel: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything(),
  fc.record({
    format: fc.oneof(fc.constant('floplab.model/2'), fc.string()),
    input: fc.oneof(fc.array(fc.oneof(fc.integer(), fc.double(), fc.string())), fc.anything()),
    batch: fc.oneof(fc.integer(), fc.double(), fc.anything()),
    layers: fc.oneof(fc.array(fc.oneof(fc.anything(), fc.dictionary(fc.string(), fc.anything()))), fc.anything()),
  }),
);
