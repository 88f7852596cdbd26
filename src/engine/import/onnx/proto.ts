/**
 * A protocol-buffers codec for the ONNX subset in schema.ts: the wire format's reader and writer
 * (proto-wire.ts) driven by the schema table, field by field.
 *
 * Why not protobufjs: its reflection API (Type.encode/decode/fromObject) builds its encoders and
 * decoders with `new Function`, which the built page's Content-Security-Policy (no 'unsafe-eval')
 * refuses ("cannot write ONNX: Evaluating a string as JavaScript violates … Content Security
 * Policy"), and its runtime pulls in long.js, whose WebAssembly probe is itself reported as a
 * CSP violation (wasm-eval). Nothing here generates code, so the same code runs on the page,
 * in a worker under any policy, and in Node.
 *
 * Semantics follow what protobufjs produced for this schema before, byte for byte (checked
 * against protobufjs in tests/unit/io/onnx-wire.test.ts): fields in field-number order, a
 * singular scalar equal to its default (0, '', empty bytes) is not written, repeated numbers are
 * packed (and read packed or not). Decoding gives plain objects: absent scalars read as their
 * default, absent repeated fields as [], absent messages as undefined; int64 becomes a number
 * (exact up to 2^53); `bytes` are views into the input, never copies.
 */
import { outOfRange, ProtoReader, ProtoWriter, varint32Size, varint64Size } from './proto-wire';

/** A field as schema.ts lists it (the same shape as a protobufjs JSON descriptor's field). */
export interface FieldDescriptor {
  readonly type: string;
  readonly id: number;
  readonly rule?: 'repeated';
  /**
   * A proto2 scalar whose presence means something (TensorShapeProto's dim_value, in a oneof with
   * dim_param: a stated 0 is an empty dim, an absent one an unknown size): decoded as undefined when
   * absent, and written whenever set, its default too.
   */
  readonly presence?: true;
}

/** A message as schema.ts lists it: field name → field. */
export interface MessageDescriptor {
  readonly fields: Readonly<Record<string, FieldDescriptor>>;
}

type Scalar = 'int32' | 'int64' | 'float' | 'double' | 'string' | 'bytes';
const WIRE: Readonly<Record<Scalar, number>> = { int32: 0, int64: 0, float: 5, double: 1, string: 2, bytes: 2 };
const isNumeric = (k: Scalar | 'message') => k === 'int32' || k === 'int64' || k === 'float' || k === 'double';

interface Field {
  readonly name: string;
  readonly id: number;
  readonly kind: Scalar | 'message';
  readonly wire: number;
  readonly repeated: boolean;
  readonly presence: boolean;
  /** Set for kind 'message' once every type of the table exists. */
  msg?: MessageType;
}

type Obj = Record<string, unknown>;
const utf8Out = new TextEncoder();
const EMPTY = new Uint8Array(0);

function readScalar(r: ProtoReader, kind: Scalar): unknown {
  switch (kind) {
    case 'int32':
      return r.uint32() | 0;
    case 'int64':
      return r.int64();
    case 'float':
      return r.float();
    case 'double':
      return r.double();
    case 'string':
      return r.string();
    case 'bytes':
      return r.bytes();
  }
}

/** One encoding: sizes of messages and UTF-8 of strings, computed in the sizing pass and used when writing. */
interface Pass {
  readonly sizes: Map<object, number>;
  readonly strings: Map<string, Uint8Array>;
}

/** A value as protobufjs's fromObject would have stored it, or undefined when it is not written. */
function normalize(kind: Scalar | 'message', v: unknown, where: string): unknown {
  switch (kind) {
    case 'int32':
      return Number(v) | 0;
    case 'int64':
    case 'float':
    case 'double':
      if (typeof v !== 'number') throw new TypeError(`${where}: a number expected`);
      return kind === 'int64' ? Math.trunc(v) : v;
    case 'string':
      return String(v);
    case 'bytes':
      if (!(v instanceof Uint8Array)) throw new TypeError(`${where}: a Uint8Array expected`);
      return v;
    case 'message':
      if (typeof v !== 'object' || v === null) throw new TypeError(`${where}: an object expected`);
      return v;
  }
}

/** Singular fields equal to their default are left out (what protobufjs did for this schema; it writes a float -0). */
function isDefault(kind: Scalar | 'message', v: unknown): boolean {
  if (kind === 'message') return false;
  if (kind === 'string') return v === '';
  if (kind === 'bytes') return (v as Uint8Array).length === 0;
  return kind === 'float' || kind === 'double' ? Object.is(v, 0) : v === 0;
}

function valueSize(f: Field, v: unknown, pass: Pass): number {
  switch (f.kind) {
    case 'int32':
      return (v as number) < 0 ? 10 : varint32Size(v as number);
    case 'int64':
      return varint64Size(v as number);
    case 'float':
      return 4;
    case 'double':
      return 8;
    case 'string': {
      let b = pass.strings.get(v as string);
      if (!b) pass.strings.set(v as string, (b = utf8Out.encode(v as string)));
      return varint32Size(b.length) + b.length;
    }
    case 'bytes':
      return varint32Size((v as Uint8Array).length) + (v as Uint8Array).length;
    case 'message': {
      const n = f.msg!.size(v as Obj, pass);
      return varint32Size(n) + n;
    }
  }
}

function writeValue(w: ProtoWriter, f: Field, v: unknown, pass: Pass): void {
  switch (f.kind) {
    case 'int32':
      return (v as number) < 0 ? w.int64(v as number) : w.uint32(v as number);
    case 'int64':
      return w.int64(v as number);
    case 'float':
      w.view.setFloat32(w.pos, v as number, true);
      w.pos += 4;
      return;
    case 'double':
      w.view.setFloat64(w.pos, v as number, true);
      w.pos += 8;
      return;
    case 'string':
    case 'bytes': {
      const b = f.kind === 'string' ? pass.strings.get(v as string)! : (v as Uint8Array);
      w.uint32(b.length);
      return w.raw(b);
    }
    case 'message':
      w.uint32(pass.sizes.get(v as object)!);
      return f.msg!.write(w, v as Obj, pass);
  }
}

/** One message type of the table: `encode(object)` → bytes, `decode(reader, length)` → object. */
export class MessageType {
  /** In field-number order, the order they are written in. */
  readonly fields: Field[];
  private readonly byId: (Field | undefined)[] = [];

  constructor(
    readonly name: string,
    fields: Readonly<Record<string, FieldDescriptor>>,
  ) {
    this.fields = Object.entries(fields)
      .map(([fname, d]): Field => {
        const kind = d.type in WIRE ? (d.type as Scalar) : 'message';
        return {
          name: fname,
          id: d.id,
          kind,
          wire: kind === 'message' ? 2 : WIRE[kind],
          repeated: d.rule === 'repeated',
          presence: d.presence === true,
        };
      })
      .sort((a, b) => a.id - b.id);
    for (const f of this.fields) this.byId[f.id] = f;
  }

  private values(obj: Obj, f: Field): unknown[] {
    const v = obj[f.name];
    if (v === undefined || v === null) return [];
    const where = `${this.name}.${f.name}`;
    if (f.repeated) {
      if (!Array.isArray(v)) throw new TypeError(`${where}: an array expected`);
      return v.map((x) => normalize(f.kind, x, where));
    }
    const n = normalize(f.kind, v, where);
    return isDefault(f.kind, n) && !f.presence ? [] : [n];
  }

  /** Encoded size of `obj` without its own tag and length; remembered for the writing pass. */
  size(obj: Obj, pass: Pass): number {
    let n = 0;
    for (const f of this.fields) {
      const vs = this.values(obj, f);
      if (!vs.length) continue;
      const tag = varint32Size(f.id << 3);
      if (f.repeated && isNumeric(f.kind)) {
        let body = 0;
        for (const v of vs) body += valueSize(f, v, pass);
        n += tag + varint32Size(body) + body;
      } else for (const v of vs) n += tag + valueSize(f, v, pass);
    }
    pass.sizes.set(obj, n);
    return n;
  }

  write(w: ProtoWriter, obj: Obj, pass: Pass): void {
    for (const f of this.fields) {
      const vs = this.values(obj, f);
      if (!vs.length) continue;
      if (f.repeated && isNumeric(f.kind)) {
        w.uint32((f.id << 3) | 2);
        let body = 0;
        for (const v of vs) body += valueSize(f, v, pass);
        w.uint32(body);
        for (const v of vs) writeValue(w, f, v, pass);
      } else
        for (const v of vs) {
          w.uint32((f.id << 3) | f.wire);
          writeValue(w, f, v, pass);
        }
    }
  }

  /** `obj` (plain object, field names of the schema) as wire-format bytes. */
  encode(obj: Obj): Uint8Array {
    const pass: Pass = { sizes: new Map(), strings: new Map() };
    const out = new Uint8Array(this.size(obj, pass));
    const w = new ProtoWriter(out);
    this.write(w, obj, pass);
    if (w.pos !== out.length) throw new Error(`${this.name}: wrote ${w.pos} bytes, sized ${out.length}`);
    return out;
  }

  /** Decodes `length` bytes from the reader's position (or the whole array). Unknown fields are skipped. */
  decode(input: ProtoReader | Uint8Array, length?: number): Obj {
    const r = input instanceof ProtoReader ? input : new ProtoReader(input);
    const end = length === undefined ? r.len : r.pos + length;
    if (end > r.len) throw outOfRange(r, end - r.pos);
    const m: Obj = {};
    for (const f of this.fields)
      if (f.repeated) m[f.name] = [];
      else if (f.kind !== 'message' && !f.presence)
        m[f.name] = f.kind === 'string' ? '' : f.kind === 'bytes' ? EMPTY : 0;
    while (r.pos < end) {
      const tag = r.uint32();
      const wire = tag & 7;
      const f = this.byId[tag >>> 3];
      if (!f) r.skipType(wire);
      else if (f.repeated && wire === 2 && isNumeric(f.kind)) {
        const list = m[f.name] as unknown[];
        const stop = r.uint32() + r.pos;
        if (stop > end) throw new RangeError(`${this.name}.${f.name} runs past the end of its message`);
        while (r.pos < stop) list.push(readScalar(r, f.kind as Scalar));
        if (r.pos !== stop) throw new RangeError(`${this.name}.${f.name}: a packed value runs past its list`);
      } else if (wire !== f.wire) r.skipType(wire);
      else {
        const v = f.kind === 'message' ? f.msg!.decode(r, r.uint32()) : readScalar(r, f.kind);
        if (f.repeated) (m[f.name] as unknown[]).push(v);
        else m[f.name] = v;
      }
    }
    if (r.pos !== end) throw new RangeError(`${this.name}: a field runs past the end of the message`);
    return m;
  }
}

/** Every message type of `table` (message name → descriptor), with message-typed fields linked to their types. */
export function compileSchema<K extends string>(table: Readonly<Record<K, MessageDescriptor>>): Record<K, MessageType> {
  const all: Readonly<Record<string, MessageDescriptor>> = table;
  const types: Record<string, MessageType> = {};
  for (const name of Object.keys(all)) types[name] = new MessageType(name, all[name].fields);
  for (const t of Object.values(types))
    for (const f of t.fields) {
      if (f.kind !== 'message') continue;
      const type = all[t.name].fields[f.name].type;
      if (!types[type]) throw new Error(`${t.name}.${f.name}: unknown message type ${type}`);
      f.msg = types[type];
    }
  return types as Record<K, MessageType>;
}
