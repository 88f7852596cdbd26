// Sending models to the worker by reference (src/worker/modelSync.ts): the worker must rebuild
// exactly the page's model, and unchanged layers must be the same objects as last time, since the
// engine caches per layer object (src/engine/evaluate.ts MEMO, src/engine/layers/registry.ts CACHE).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { serialize, deserialize } from 'node:v8';
import { ModelDecoder, ModelEncoder } from '../../../src/worker/modelSync';
import { getAt, insertAt, moveWithin, removeAt, updateAt, wrap } from '../../../src/engine/format/edit';
import { presetByName } from '../../../src/engine/presets';
import type { LayerSpec, Model } from '../../../src/engine/format/model';

/** postMessage's copy (v8 structured clone). */
const cross = <T>(v: T): T => deserialize(serialize(v)) as T;

const chain = (n: number): Model => ({
  format: 'floplab.model/2',
  input: [16, 32, 32],
  layers: Array.from({ length: n }, (_, i): LayerSpec =>
    i % 2 ? { type: 'relu' } : { type: 'conv2d', out: 16, kernel: 3, padding: 1 },
  ),
});

const pair = () => ({ page: new ModelEncoder(), worker: new ModelDecoder() });

describe('model sync', () => {
  it('rebuilds a preset exactly, first in full and then by reference', () => {
    const m = presetByName('resnet50')?.build() ?? chain(10);
    const { page, worker } = pair();
    const first = worker.decode(cross(page.encode(m)));
    expect(first).toEqual(m);
    const again = worker.decode(cross(page.encode(m)));
    expect(again).toEqual(m);
    again.layers.forEach((l, i) => expect(l).toBe(first.layers[i]));
  });

  it('after an edit only the edited layer is new on the worker; nested siblings keep identity', () => {
    const m: Model = {
      format: 'floplab.model/2',
      input: [8, 8, 8],
      layers: [
        { type: 'conv2d', out: 8, kernel: 1 },
        { type: 'residual', body: [{ type: 'conv2d', out: 8, kernel: 3, padding: 1 }, { type: 'relu' }] },
      ],
    };
    const { page, worker } = pair();
    const w1 = worker.decode(cross(page.encode(m)));
    const m2 = updateAt(m, 'layers[1].body[0]', (l) => ({ ...l, out: 8, name: 'edited' }));
    const wire = page.encode(m2);
    expect(JSON.stringify(wire)).not.toContain('"kernel":1'); // layers[0] went as a reference
    const w2 = worker.decode(cross(wire));
    expect(w2).toEqual(m2);
    expect(w2.layers[0]).toBe(w1.layers[0]);
    expect(w2.layers[1]).not.toBe(w1.layers[1]);
    expect(getAt(w2, 'layers[1].body[1]')).toBe(getAt(w1, 'layers[1].body[1]'));
    expect(getAt(w2, 'layers[1].body[0]')?.name).toBe('edited');
  });

  it('a one-layer edit of a 1,000-layer model sends a small message', () => {
    const m = chain(1000);
    const { page, worker } = pair();
    const first = page.encode(m);
    const full = serialize(first).length;
    worker.decode(cross(first));
    const m2 = updateAt(m, 'layers[500]', (l) => ({ ...l, out: 17 }));
    const second = page.encode(m2);
    const small = serialize(second).length;
    expect(small * 2).toBeLessThan(full);
    expect(worker.decode(cross(second))).toEqual(m2);
  });

  it('the same object twice in one model crosses once and stays one object', () => {
    const shared: LayerSpec = { type: 'conv2d', out: 4, kernel: 3, padding: 1 };
    const m: Model = { format: 'floplab.model/2', input: [4, 8, 8], layers: [shared, { type: 'relu' }, shared] };
    const { page, worker } = pair();
    const w = worker.decode(cross(page.encode(m)));
    expect(w.layers[0]).toBe(w.layers[2]);
  });

  it('a reference the worker does not hold is an error (the client then resets and resends in full)', () => {
    const { page } = pair();
    const m = chain(3);
    page.encode(m);
    const refs = page.encode(m); // all references now
    expect(() => new ModelDecoder().decode(cross(refs))).toThrow('not held by the worker');
    page.reset();
    expect(new ModelDecoder().decode(cross(page.encode(m)))).toEqual(m);
  });

  it('random edit sequences: the worker always rebuilds the page model, and untouched layers keep identity', () => {
    type Op = (m: Model) => Model;
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.nat(40).map(
        (i): Op =>
          (m) =>
            updateAt(m, `layers[${i % m.layers.length}]`, (l) => ({ ...l, name: `n${i}` })),
      ),
      fc.nat(40).map(
        (i): Op =>
          (m) =>
            insertAt(m, 'layers', i % (m.layers.length + 1), { type: 'relu' }),
      ),
      fc.nat(40).map(
        (i): Op =>
          (m) =>
            m.layers.length > 1 ? removeAt(m, `layers[${i % m.layers.length}]`) : m,
      ),
      fc.nat(40).map(
        (i): Op =>
          (m) =>
            m.layers.length > 2 ? moveWithin(m, `layers[${i % (m.layers.length - 1)}]`, 1).model : m,
      ),
      fc.nat(40).map((i): Op => (m) => {
        const k = i % (m.layers.length - 1);
        return m.layers.length > 2 ? wrap(m, [`layers[${k}]`, `layers[${k + 1}]`], 'residual').model : m;
      }),
      fc.constant<Op>((m) => ({ ...m, batch: (m.batch ?? 1) + 1 })),
    );
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 25 }), (ops) => {
        const { page, worker } = pair();
        let m = chain(12);
        let seen = new Map<LayerSpec, LayerSpec>(); // page layer -> worker layer
        const w0 = worker.decode(cross(page.encode(m)));
        m.layers.forEach((l, i) => seen.set(l, w0.layers[i]));
        for (const f of ops) {
          m = f(m);
          const w = worker.decode(cross(page.encode(m)));
          expect(w).toEqual(m);
          const next = new Map<LayerSpec, LayerSpec>();
          m.layers.forEach((l, i) => {
            if (seen.has(l)) expect(w.layers[i]).toBe(seen.get(l));
            next.set(l, w.layers[i]);
          });
          seen = next;
        }
      }),
      { numRuns: 100 },
    );
  });
});
