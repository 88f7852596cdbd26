/**
 * importFile (the entry point the page and the CLI use) on the small files in tests/fixtures,
 * with counts worked out by hand from the layer formulas (conv: Kh·Kw·Cin·Cout + Cout params,
 * N·Cout·Ho·Wo·Kh·Kw·Cin MACs; linear: I·O + O params, I·O MACs; BN: 2·C params, 2·C buffers).
 */
import { describe, expect, it } from 'vitest';
import { importFile } from '../../../src/engine/import';
import { evaluateModel } from '../../../src/engine/evaluate';
import { readFixture, readModel, rowsOf } from './helpers';

describe('importFile on tests/fixtures', () => {
  it('tiny-cnn.onnx (written from tiny-cnn.json with zero-filled weights) gives the same model rows', () => {
    const r = importFile('tiny-cnn.onnx', readFixture('tiny-cnn.onnx'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings).toEqual([]);
    expect(rowsOf(r.model)).toEqual(rowsOf(readModel('tiny-cnn.json')));
    const t = evaluateModel(r.model, { conventions: ['torchvision'] }).totals;
    // conv1 3·3·3·8 = 216; bn1 2·8 = 16; block conv 3·3·8·8 + 8 = 584; se conv 8·8 + 8 = 72; fc 8·4 + 4 = 36
    expect(t.params).toBe(216n + 16n + 584n + 72n + 36n);
    expect(t.buffers).toBe(16n);
    // conv1 16·16·8·27 + block conv 16·16·8·72 + se conv 8·8 + fc 8·4
    expect(t.macs).toBe(55_296n + 147_456n + 64n + 32n);
    expect(t.counts[0]).toBe(t.macs);
  });

  it('tiny-unmapped.onnx loads the conv, the InstanceNormalization and the ReLU; its Pad (computed pads) is not counted', () => {
    const r = importFile('tiny-unmapped.onnx', readFixture('tiny-unmapped.onnx'));
    expect(r.ok && r.model.layers.map((l) => [l.name, l.type])).toEqual([
      ['conv', 'conv2d'],
      ['norm', 'instancenorm'],
      ['pad', 'opaque'],
      ['relu', 'relu'],
    ]);
    expect(r.ok && r.warnings.map((w) => w.split(' (')[0])).toEqual([
      'not counted',
      'the file states no output shape for 1 not-counted node(s)',
    ]);
    expect(r.ok && evaluateModel(r.model).notCounted).toEqual([2]);
  });

  it.each([
    ['netscope-every-layer.prototxt', 25],
    ['caffe-v1-lenet.prototxt', 7],
  ])('%s by extension (%i rows)', (name, rows) => {
    const r = importFile(name, readFixture(name));
    expect(r.ok && evaluateModel(r.model).rows.length).toBe(rows);
  });

  it('reads model JSON, and sniffs content when the name has no known extension', () => {
    const json = importFile('resnet18.json', readFixture('resnet18.json'));
    // The fixture is a floplab.model/1 file: it opens as the same document with the current tag.
    expect(readModel('resnet18.json').format).toBe('floplab.model/1');
    expect(json.ok && json.model).toEqual({ ...readModel('resnet18.json'), format: 'floplab.model/2' });
    expect(importFile('download', readFixture('tiny-cnn.onnx')).ok).toBe(true);
    expect(importFile('paste.txt', readFixture('caffe-v1-lenet.prototxt')).ok).toBe(true);
    expect(importFile('model', readFixture('resnet18.json')).ok).toBe(true);
  });

  it.each([
    ['notes.txt', 'just some words', /unknown file type/],
    ['bad.json', '{"format": "floplab.model/2", "input": [3, 0, 1], "layers": []}', /bad.json: input/],
    ['broken.json', '{"format": ', /not valid JSON/],
    ['latin1.prototxt', '\xff\xfe', /not UTF-8 text/],
  ])('%s gives a message', (name, text, msg) => {
    const bytes = name.startsWith('latin1') ? new Uint8Array([0xff, 0xfe, 0x00]) : new TextEncoder().encode(text);
    const r = importFile(name, bytes);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(msg);
  });
});
