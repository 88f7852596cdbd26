/**
 * Reuse must stay invisible in graph models. A block's rows depend on what its layers read by name
 * from outside it (src/engine/graph-scope.ts), so rows reused from the run before, or from an equal
 * block earlier in the same run, are right only when every such name still gives the same shape.
 * Every case here holds `evaluateModel` (with reuse) to `evaluateModelFromScratch`, row for row.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateModel, evaluateModelFromScratch } from '../../../src/engine/evaluate';
import { CONVENTION_IDS } from '../../../src/engine/conventions/registry';
import type { LayerSpec, Model } from '../../../src/engine/format/model';
import { graphLayers, graphModel } from '../../helpers/graph-arbitraries';

const ALL = { conventions: CONVENTION_IDS };
const conv = (out: number, extra: Record<string, unknown> = {}): LayerSpec =>
  Object.assign({ type: 'conv2d', out, kernel: 3, padding: 1 }, extra) as LayerSpec;
const model = (layers: LayerSpec[]): Model => ({ format: 'floplab.model/2', input: [4, 8, 8], batch: 2, layers });

describe('graph reuse equals evaluation from scratch', () => {
  it('random graph models', () => {
    fc.assert(
      fc.property(graphModel, (m) => {
        expect(evaluateModel(structuredClone(m), ALL)).toEqual(evaluateModelFromScratch(structuredClone(m), ALL));
      }),
      { numRuns: 300, seed: 20261205 },
    );
  });

  it('after an edit that keeps every other layer object (as the editor does)', () => {
    fc.assert(
      fc.property(graphModel, graphLayers, fc.nat(), fc.nat(), (m, fresh, at, other) => {
        evaluateModel(m, ALL);
        const layers = m.layers.slice();
        if (layers.length) {
          // Replace one layer, or swap two (which moves a definition past its readers).
          if (fresh.length) layers[at % layers.length] = fresh[0];
          else {
            const i = at % layers.length;
            const j = other % layers.length;
            [layers[i], layers[j]] = [layers[j], layers[i]];
          }
        } else layers.push(...fresh);
        const edited = { ...m, layers };
        expect(evaluateModel(edited, ALL)).toEqual(evaluateModelFromScratch(structuredClone(edited), ALL));
      }),
      { numRuns: 300, seed: 20261206 },
    );
  });

  it('a block reused from the run before reads the new shape of an outside name', () => {
    const block: LayerSpec = { type: 'residual', body: [{ type: 'add', from: [-1, 'side'] }] };
    const before = model([conv(4, { id: 'side' }), { type: 'relu' }, block]);
    expect(evaluateModel(before, ALL).errors).toBe(0);
    // Same block object; the name it reads now has 3 channels: the add cannot broadcast 4 with 3.
    const after = model([conv(3, { id: 'side' }), conv(4), block]);
    const r = evaluateModel(after, ALL);
    expect(r).toEqual(evaluateModelFromScratch(structuredClone(after), ALL));
    expect(r.rows[3].error).toMatch(/cannot broadcast/);
  });

  it('an equal block later in the run is not given rows computed on another outside shape', () => {
    const block = (): LayerSpec => ({ type: 'residual', body: [{ type: 'add', from: [-1, 's'] }] });
    const m = model([conv(4, { id: 's' }), block(), conv(1, { id: 's' }), conv(4), block()]);
    const r = evaluateModel(m, ALL);
    expect(r).toEqual(evaluateModelFromScratch(structuredClone(m), ALL));
    // The second add broadcasts [4, 8, 8] with [1, 8, 8]: still [4, 8, 8], but its inputs differ.
    expect(r.rows.filter((row) => row.type === 'add').map((row) => row.inputs)).toEqual([
      [
        [4, 8, 8],
        [4, 8, 8],
      ],
      [
        [4, 8, 8],
        [1, 8, 8],
      ],
    ]);
  });

  it('ids defined inside a reused block are defined again for the layers after it', () => {
    const block: LayerSpec = { type: 'residual', body: [conv(4, { id: 'inner' })] };
    const tail: LayerSpec = { type: 'relu', from: 'inner' };
    const first = model([conv(4), block, tail]);
    evaluateModel(first, ALL);
    const second = model([conv(4), block, { type: 'identity' }, tail]);
    const r = evaluateModel(second, ALL);
    expect(r).toEqual(evaluateModelFromScratch(structuredClone(second), ALL));
    expect(r.errors).toBe(0);
  });
});

describe('rows kept across runs (previous-run.ts: layers dropped and brought back)', () => {
  it('a sequence of edits that drop and bring back the same layer objects stays equal to scratch', () => {
    fc.assert(
      fc.property(
        graphModel,
        fc.array(fc.tuple(fc.nat(), fc.boolean()), { minLength: 2, maxLength: 8 }),
        (m, edits) => {
          // Edits drop a layer or bring back one dropped earlier (the same object), so entries two
          // or more runs old meet the layer again.
          let layers = m.layers.slice();
          const dropped: LayerSpec[] = [];
          for (const [at, drop] of edits) {
            if (drop && layers.length) dropped.push(...layers.splice(at % layers.length, 1));
            else if (dropped.length) layers.splice(at % (layers.length + 1), 0, dropped.pop() as LayerSpec);
            const edited = { ...m, layers };
            expect(evaluateModel(edited, ALL)).toEqual(evaluateModelFromScratch(structuredClone(edited), ALL));
            layers = layers.slice();
          }
        },
      ),
      { numRuns: 150, seed: 20261207 },
    );
  });
});
