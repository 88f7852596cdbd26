import { describe, expect, it } from 'vitest';
import { evaluateModel, evaluateModelFromScratch } from '../../../src/engine/evaluate';
import { iterationName } from '../../../src/engine/iteration-names';
import type { Model } from '../../../src/engine/format/model';

describe('iterationName', () => {
  it.each([
    ['layer1.{i}.conv1', 'layers[4]#2.body[0]', 'layer1.2.conv1'],
    ['layer1.{i+1}.conv1', 'layers[4]#2.body[0].body[3]', 'layer1.3.conv1'],
    ['denseblock1.denselayer{i+1}.conv{i}', 'layers[4]#0.body[0]', 'denseblock1.denselayer1.conv0'],
    ['features.{i*2+10}', 'layers[9]#2.body[1]', 'features.14'],
    ['features.{i*3}', 'layers[9]#1.body[1]', 'features.3'],
    // The innermost repeat's iteration.
    ['b{i}', 'layers[1]#3.body[0]#1.body[2]', 'b1'],
    // Outside a repeat, and names without a placeholder, are left as written.
    ['layer1.{i}.conv1', 'layers[4]', 'layer1.{i}.conv1'],
    ['fc', 'layers[4]#1.body[0]', 'fc'],
  ])('%s at %s is %s', (name, path, want) => {
    expect(iterationName(name, path)).toBe(want);
  });
});

describe('rows of a repeat', () => {
  const model: Model = {
    format: 'floplab.model/2',
    input: [4, 8, 8],
    layers: [
      { type: 'conv2d', out: 4, kernel: 1, name: 'stem' },
      { type: 'repeat', times: 3, body: [{ type: 'conv2d', out: 4, kernel: 1, name: 'blocks.{i+1}.conv' }] },
    ],
  } as Model;

  it.each([
    ['evaluateModel', evaluateModel],
    ['evaluateModelFromScratch', evaluateModelFromScratch],
  ])('%s shows each iteration its own name, and leaves the model as written', (_, evaluate) => {
    const names = evaluate(model).rows.map((r) => r.name);
    expect(names).toEqual(['stem', undefined, 'blocks.1.conv', 'blocks.2.conv', 'blocks.3.conv']);
    // Twice: rows kept from the run before (and reused between iterations) still get their own names.
    expect(evaluate(model).rows.map((r) => r.name)).toEqual(names);
    expect((model.layers[1].body as { name: string }[])[0].name).toBe('blocks.{i+1}.conv');
  });
});
