/**
 * Fuzzing (fast-check): random bytes, truncated files, flipped bytes and random text never
 * make an importer throw — every input gives either a model or a message.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { importFile } from '../../../src/engine/import';
import { importOnnx } from '../../../src/engine/import/onnx';
import { importPrototxt } from '../../../src/engine/import/prototxt';
import { evaluateModel } from '../../../src/engine/evaluate';
import { readFixture } from './helpers';

const answers = (r: ReturnType<typeof importFile>) => {
  if (r.ok) {
    expect(Array.isArray(r.model.layers)).toBe(true);
    // Whatever loads must also evaluate without throwing.
    evaluateModel(r.model);
  } else expect(typeof r.error).toBe('string');
};

const ONNX = readFixture('tiny-cnn.onnx');
const PROTOTXT = readFixture('netscope-every-layer.prototxt');
const NAMES = ['a.onnx', 'a.prototxt', 'a.json', 'a'];

describe('importers never throw', () => {
  it('random bytes under every file name', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), fc.constantFrom(...NAMES), (bytes, name) =>
        answers(importFile(name, bytes)),
      ),
      { numRuns: 600 },
    );
  });

  it('random bytes that start like an ONNX model (ir_version, then a graph field)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (tail) => {
        const bytes = new Uint8Array([0x08, 0x09, 0x3a, tail.length & 0x7f, ...tail]);
        answers(importOnnx(bytes, 'x.onnx'));
      }),
      { numRuns: 600 },
    );
  });

  it('every truncation of tiny-cnn.onnx', () => {
    for (let n = 0; n < ONNX.length; n++) answers(importOnnx(ONNX.subarray(0, n), 'cut.onnx'));
  });

  it('tiny-cnn.onnx with random bytes overwritten', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(ONNX.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
        (edits) => {
          const b = ONNX.slice();
          for (const [at, v] of edits) b[at] = v;
          answers(importOnnx(b, 'edited.onnx'));
        },
      ),
      { numRuns: 800 },
    );
  });

  it('every truncation of netscope-every-layer.prototxt', () => {
    const text = new TextDecoder().decode(PROTOTXT);
    for (let n = 0; n < text.length; n += 3) answers(importPrototxt(text.slice(0, n), 'cut.prototxt'));
  });

  it('random prototxt-like text', () => {
    const tok = fc.constantFrom(
      'layer',
      '{',
      '}',
      ':',
      'name',
      '"x"',
      'type',
      '"Convolution"',
      '"Eltwise"',
      '"Concat"',
      'bottom',
      'top',
      '"data"',
      'input_dim',
      '1',
      '3',
      '-1',
      '0',
      'num_output',
      'kernel_size',
      'convolution_param',
      'input',
      'pooling_param',
      'pool',
      'MAX',
      'global_pooling',
      'true',
      '#',
      '\n',
      '[',
      ']',
      '<',
      '>',
      '"',
    );
    fc.assert(
      fc.property(fc.array(tok, { maxLength: 80 }), (toks) => answers(importPrototxt(toks.join(' '), 'rand.prototxt'))),
      { numRuns: 800 },
    );
  });

  it('deeply nested prototxt is refused, not a stack overflow', () => {
    const r = importPrototxt('a {'.repeat(100_000));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/nested too deeply/);
  });
});
