/**
 * modelToPrototxt (src/engine/export/prototxt.ts): the text it writes is the text the real Netscope
 * (dgschwend/netscope @8ae36d8) analysed in tests/fixtures/netscope-fixtures.jsonl, FlopLab's own
 * prototxt importer reads it back to the same Netscope counts, and what Caffe cannot express is a
 * clear error.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../../src/engine/evaluate';
import { modelToPrototxt } from '../../../src/engine/export/prototxt';
import { MODEL_FORMAT, type LayerSpec, type Model } from '../../../src/engine/format/model';
import { importPrototxt } from '../../../src/engine/import/prototxt';
import { withCeilPools } from '../../../scripts/fixtures/netscope-prototxt';

interface Fixture {
  name: string;
  model: Model;
  prototxt: string;
  shapes: 'floplab' | 'ceil-pools' | 'differ';
  placeholders?: { prototxt: string };
}
const FIXTURES = readFileSync('tests/fixtures/netscope-fixtures.jsonl', 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as Fixture);
/** The model the fixture's prototxt was written for (ceil-pools: every pool in ceil mode). */
const written = (f: Fixture): Model =>
  f.shapes === 'ceil-pools' ? { ...f.model, layers: withCeilPools(f.model.layers) } : f.model;
const netscopeTotal = (m: Model) => evaluateModel(m, { conventions: ['netscope'] }).totals.counts[0];
const model = (layers: LayerSpec[], input = [3, 8, 8]): Model => ({ format: MODEL_FORMAT, name: 't', input, layers });

describe('modelToPrototxt', () => {
  it.each(FIXTURES.map((f) => [f.name, f] as const))('%s: writes the prototxt Netscope analysed', (_n, f) => {
    const caffe = modelToPrototxt(written(f));
    expect(caffe.ok && caffe.text).toBe(f.prototxt);
    if (f.placeholders) {
      const ph = modelToPrototxt(written(f), { unknown: 'placeholder' });
      expect(ph.ok && ph.text).toBe(f.placeholders.prototxt);
    }
  });

  // FlopLab's importer reads pools as ceil mode (Caffe), as `written` does.
  const roundTrip = FIXTURES.filter((f) => f.shapes !== 'differ');
  it.each(roundTrip.map((f) => [f.name, f] as const))('%s: imports back to the same Netscope count', (_n, f) => {
    const out = modelToPrototxt(written(f));
    if (!out.ok) throw new Error(out.error);
    const back = importPrototxt(out.text);
    if (!back.ok) throw new Error(back.error);
    if (f.name === 'netscope-extra-no-caffe-case') {
      // The writer gives Upsample and Slice (chunk) no parameters, as Netscope has no case for them:
      // FlopLab reads Caffe's default scale 2 and a one-top Slice as the whole input, so the shapes
      // after it differ. LayerNorm, HardSwish, GELU and HardSigmoid have no Caffe layer: not counted.
      expect(back.warnings.join(' ')).toMatch(/LayerNorm.*not counted/);
      expect(back.warnings.join(' ')).not.toMatch(/Upsample|Slice/);
      return;
    }
    expect(netscopeTotal(back.model)).toBe(netscopeTotal(written(f)));
  });

  it('writes Caffe parameters from FlopLab’s resolved geometry', () => {
    const r = modelToPrototxt(
      model([
        { type: 'conv2d', out: 4, kernel: [3, 5], padding: 'same', bias: false },
        { type: 'batchnorm2d' },
        { type: 'leakyrelu' },
        { type: 'maxpool2d', kernel: 2 },
      ]),
    );
    expect(r.ok).toBe(true);
    const text = r.ok ? r.text : '';
    expect(text).toContain('kernel_h: 3 kernel_w: 5 stride_h: 1 stride_w: 1 pad_h: 1 pad_w: 2');
    expect(text).toContain('bias_term: false');
    expect(text).toContain('type: "Scale" bottom: "layers[1]" top: "layers[1]@scale"');
    expect(text).toContain('relu_param { negative_slope: 0.01 }'); // PyTorch's default slope
    expect(text).toContain('pool: MAX kernel_h: 2 kernel_w: 2 stride_h: 2 stride_w: 2'); // stride defaults to the kernel
  });

  it('says what Caffe cannot express, and never throws', () => {
    const err = (m: Model) => {
      const r = modelToPrototxt(m);
      return r.ok ? '' : r.error;
    };
    expect(err(model([{ type: 'adaptiveavgpool2d', out: 3 }]))).toMatch(/8×8 → 3×3 has unequal windows/);
    expect(err(model([{ type: 'conv2d', out: 4, kernel: 3, dilation: [1, 2] }]))).toMatch(/one dilation/);
    expect(err(model([{ type: 'conv2d', out: 4, kernel: 9 }]))).toMatch(/^layers\[0\]: /);
    expect(err({ ...model([]), input: [0] })).not.toBe('');
  });
});
