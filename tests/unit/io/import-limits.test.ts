/**
 * What an importer accepts, autosave stores and restores (issue 21, item 1): an ONNX or prototxt whose
 * input had a 2,000,000-wide axis, a name over 200 characters or more than 100,000 layers used to open,
 * then fail to restore after a reload ("Your autosave could not be restored"). Every import is now checked
 * against the document schema at the door (src/engine/import/index.ts withinLimits).
 */
import { describe, expect, it } from 'vitest';
import { importFile } from '../../../src/engine/import';
import { LIMITS, parseModel } from '../../../src/engine/format/schema';
import { onnx } from './onnx-build';

const text = (s: string) => new TextEncoder().encode(s);
const prototxt = (dims: number[], layers: number, name = 'net') =>
  text(
    `name: "${name}"\ninput: "data"\n${dims.map((d) => `input_dim: ${d}`).join('\n')}\n` +
      Array.from(
        { length: layers },
        (_, i) => `layer { name: "r${i}" type: "ReLU" bottom: "${i ? `r${i - 1}` : 'data'}" top: "r${i}" }`,
      ).join('\n'),
  );

describe('imports stay inside the document limits', () => {
  it.each([
    [
      'an ONNX input axis of 2,000,000',
      () => importFile('wide.onnx', onnx({ input: [1, 3, 2_000_000], nodes: [{ op: 'Relu', in: ['x'], out: ['y'] }] })),
    ],
    ['a prototxt input axis of 2,000,000', () => importFile('wide.prototxt', prototxt([1, 3, 2_000_000, 1], 1))],
    ['a prototxt input axis of 2^62', () => importFile('huge.prototxt', prototxt([1, 3, 2 ** 62, 1], 1))],
  ])('%s is refused with the limit named', (_name, run) => {
    const r = run();
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toContain("outside FlopLab's limits");
    expect(r.error).toContain(`≤ ${LIMITS.maxDim}`);
  });

  it(`more than ${LIMITS.maxLayers.toLocaleString('en')} layers is refused (counted before the file is parsed)`, () => {
    const r = importFile('long.prototxt', prototxt([1, 3, 4, 4], LIMITS.maxLayers + 1));
    expect(r).toEqual({
      ok: false,
      error: 'long.prototxt: the file has 100,001 layers; FlopLab imports at most 100,000',
    });
  });

  it('a name past 200 characters is shortened with a warning, and the model reads back', () => {
    const r = importFile('named.prototxt', prototxt([1, 3, 4, 4], 2, 'n'.repeat(300)));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.model.name).toHaveLength(200);
    expect(r.model.name!.endsWith('…')).toBe(true);
    expect(r.warnings.join(' ')).toContain('300 characters');
    expect(parseModel(JSON.parse(JSON.stringify(r.model))).ok).toBe(true);
  });

  it('an ordinary import is unchanged and reads back as autosave reads it', () => {
    const r = importFile('ok.prototxt', prototxt([1, 3, 8, 8], 3));
    expect(r.ok).toBe(true);
    if (r.ok) expect(parseModel(JSON.parse(JSON.stringify(r.model))).ok).toBe(true);
  });
});
