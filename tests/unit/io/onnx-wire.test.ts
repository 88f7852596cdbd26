/**
 * The ONNX codec (src/engine/import/onnx/proto.ts, which generates no code) against protobufjs's
 * reflection codec on the same schema table, run here in Node where protobufjs may use eval:
 * the writer's files are byte for byte what protobufjs wrote for them before, random messages
 * encode to the same bytes, and decode to the same values (protobufjs's int64 Longs as numbers).
 * Plus what the importer relies on: weight bytes are views into the file, hostile input throws.
 */
import protobuf from 'protobufjs/light.js';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { modelToOnnx } from '../../../src/engine/export/onnx';
import { ProtoReader } from '../../../src/engine/import/onnx/proto-wire';
import { ONNX_MESSAGES, OnnxTypes } from '../../../src/engine/import/onnx/schema';
import { toNum } from '../../../src/engine/import/onnx/decode';
import { PRESETS } from '../../../src/engine/presets';
import { EVERY_KIND, MLP, ND_KINDS } from './models';
import { readFixture } from './helpers';

type Obj = Record<string, unknown>;
type Name = keyof typeof ONNX_MESSAGES;
const root = protobuf.Root.fromJSON({ nested: { onnx: { nested: ONNX_MESSAGES } } });
const pb = (name: Name) => root.lookupType(`onnx.${name}`);
const pbEncode = (name: Name, obj: Obj) => pb(name).encode(pb(name).fromObject(obj)).finish();
// protobufjs gives an absent bytes field as [], ours as an empty Uint8Array: both are ''.
const hex = (b: ArrayLike<number>) => Buffer.from(b).toString('hex');

type Field = { type: string; id: number; rule?: string };
const fieldsOf = (name: string) => (ONNX_MESSAGES as Record<string, { fields: Record<string, Field> }>)[name].fields;

/** A decoded message in one comparable form: int64 as numbers, bytes as hex, absent messages as null. */
function plain(name: string, m: Obj | null | undefined): Obj | null {
  if (!m) return null;
  const out: Obj = {};
  for (const [k, f] of Object.entries(fieldsOf(name))) {
    const one = (v: unknown) =>
      f.type in ONNX_MESSAGES
        ? plain(f.type, v as Obj)
        : f.type === 'int64'
          ? toNum(v)
          : f.type === 'bytes'
            ? hex(v as Uint8Array)
            : v;
    out[k] = f.rule === 'repeated' ? (m[k] as unknown[]).map(one) : one(m[k]);
  }
  return out;
}

/** Random values of a message type; every field optional, messages nested to `depth`. */
function arb(name: string, depth: number): fc.Arbitrary<Obj> {
  const value = (f: Field): fc.Arbitrary<unknown> | null => {
    if (f.type in ONNX_MESSAGES) return depth > 0 ? arb(f.type, depth - 1) : null;
    // Edge values (defaults, -0, sign and word boundaries) mixed in: random draws rarely hit them.
    const edge = (values: unknown[], rest: fc.Arbitrary<unknown>) => fc.oneof(fc.constantFrom(...values), rest);
    switch (f.type) {
      case 'int32':
        return edge([0, -1, 2 ** 31 - 1, -(2 ** 31)], fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }));
      case 'int64':
        return edge([0, -1, 2 ** 32, -(2 ** 32), 2 ** 53 - 1, -(2 ** 53 - 1)], fc.maxSafeInteger());
      case 'float':
        return edge([0, -0, NaN, Infinity, -1.5], fc.float());
      case 'double':
        return edge([0, -0, NaN, -Infinity, 1e300], fc.double());
      case 'string':
        return edge([''], fc.string({ unit: 'grapheme', maxLength: 12 }));
      default:
        return edge([new Uint8Array(0)], fc.uint8Array({ maxLength: 12 }));
    }
  };
  const shape: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [k, f] of Object.entries(fieldsOf(name))) {
    const v = value(f);
    if (v) shape[k] = f.rule === 'repeated' ? fc.array(v, { maxLength: 3 }) : v;
  }
  return fc.record(shape, { requiredKeys: [] });
}

describe('ONNX codec = protobufjs on the same schema', () => {
  const models = [
    ['EVERY_KIND', EVERY_KIND],
    ['MLP', MLP],
    ...ND_KINDS.map((m, i) => [`ND_KINDS[${i}]`, m] as const),
    ...PRESETS.map((p) => [p.name, p.build()] as const),
  ] as const;

  it.each(models.map(([n, m]) => [n, m] as const))('the writer’s file for %s is protobufjs’s bytes', (_n, m) => {
    const spy = vi.spyOn(OnnxTypes.Model, 'encode');
    try {
      const w = modelToOnnx(m);
      // Graph-wired presets (ViT, Swin) are refused before anything is encoded.
      if (!w.ok) return expect(spy).not.toHaveBeenCalled();
      expect(spy).toHaveBeenCalledTimes(1);
      expect(hex(w.bytes)).toBe(hex(pbEncode('ModelProto', spy.mock.calls[0][0])));
      expect(plain('ModelProto', OnnxTypes.Model.decode(w.bytes))).toEqual(
        plain('ModelProto', pb('ModelProto').decode(w.bytes) as unknown as Obj),
      );
    } finally {
      spy.mockRestore();
    }
  });

  it('at least the CNN presets were written (the loop above is not vacuous)', () => {
    expect(PRESETS.filter((p) => modelToOnnx(p.build()).ok).length).toBeGreaterThan(50);
  });

  for (const name of ['NodeProto', 'TensorProto', 'ValueInfoProto', 'ModelProto'] as const)
    it(`random ${name} messages: same bytes, same decoded values`, () => {
      const type = Object.values(OnnxTypes).find((t) => t.name === name)!;
      fc.assert(
        fc.property(arb(name, 3), (obj) => {
          const bytes = type.encode(obj);
          expect(hex(bytes)).toBe(hex(pbEncode(name, obj)));
          expect(plain(name, type.decode(bytes))).toEqual(plain(name, pb(name).decode(bytes) as unknown as Obj));
        }),
        { numRuns: 300 },
      );
    });

  it('reads unpacked repeated numbers (proto2 writers) as protobufjs does', () => {
    // AttributeProto.ints = [-1, 300] unpacked: tag (8 << 3 | 0) per value.
    const unpacked = new Uint8Array([0x0a, 0x01, 0x61, 0x40, ...Array(9).fill(0xff), 0x01, 0x40, 0xac, 0x02]);
    const attr = new Uint8Array([0x2a, unpacked.length, ...unpacked]); // NodeProto.attribute
    expect(plain('NodeProto', OnnxTypes.Node.decode(attr))).toEqual(
      plain('NodeProto', pb('NodeProto').decode(attr) as unknown as Obj),
    );
    expect((OnnxTypes.Node.decode(attr).attribute as Obj[])[0].ints).toEqual([-1, 300]);
  });

  it('the real exporter’s fixtures decode to the same values', () => {
    for (const f of ['tiny-cnn.onnx', 'tiny-unmapped.onnx']) {
      const bytes = readFixture(f);
      expect(plain('ModelProto', OnnxTypes.Model.decode(bytes))).toEqual(
        plain('ModelProto', pb('ModelProto').decode(bytes) as unknown as Obj),
      );
    }
  });
});

describe('what the importer relies on', () => {
  it('raw_data is a view into the file, not a copy (a 200 MB import must not double its memory)', () => {
    const raw = new Uint8Array(4096).fill(7);
    const bytes = OnnxTypes.Tensor.encode({ name: 'w', dims: [1024], data_type: 1, raw_data: raw });
    const t = OnnxTypes.Tensor.decode(bytes);
    expect((t.raw_data as Uint8Array).buffer).toBe(bytes.buffer);
    expect(hex(t.raw_data as Uint8Array)).toBe(hex(raw));
  });

  it('a truncated message, a bad wire type and an over-long varint throw instead of reading garbage', () => {
    // One field: every proper prefix cuts it (cuts between fields are shorter valid messages).
    for (const obj of [{ name: 'conv' }, { input: ['x'] }, { attribute: [{ name: 'k', ints: [3, -1] }] }]) {
      const bytes = OnnxTypes.Node.encode(obj);
      for (let n = 1; n < bytes.length; n++) expect(() => OnnxTypes.Node.decode(bytes.subarray(0, n))).toThrow();
    }
    expect(() => OnnxTypes.Node.decode(new Uint8Array([0x0f]))).toThrow(/invalid wire type 7/);
    expect(() => new ProtoReader(new Uint8Array(11).fill(0xff)).uint32()).toThrow(/invalid varint/);
  });
});
