/**
 * The protocol-buffers wire format, read and written by hand: varints (64-bit ones as two 32-bit
 * halves, so int64 needs no Long library), fixed 32/64-bit numbers and length-delimited bytes.
 * proto.ts drives it from the schema table. No code is generated and no WebAssembly compiled, so
 * it runs under a Content-Security-Policy without 'unsafe-eval' or 'wasm-unsafe-eval'.
 */

import { checkStringLength } from '../result';
import { groupDigits } from '../../digits';

const utf8In = new TextDecoder();

export const outOfRange = (r: ProtoReader, n: number) =>
  new RangeError(`index out of range: ${r.pos} + ${n} > ${r.len} (truncated file?)`);

/** Reads the wire format from a byte array; every read checks the bounds and throws past the end. */
export class ProtoReader {
  readonly buf: Uint8Array;
  readonly len: number;
  pos = 0;
  private view?: DataView;

  constructor(buf: Uint8Array) {
    this.buf = buf;
    this.len = buf.length;
  }

  private byte(): number {
    if (this.pos >= this.len) throw outOfRange(this, 1);
    return this.buf[this.pos++];
  }

  private need(n: number): void {
    if (n > this.len - this.pos) throw outOfRange(this, n);
  }

  private dv(): DataView {
    return (this.view ??= new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength));
  }

  /** A varint's low 32 bits, unsigned (tags, lengths, int32 after `| 0`). */
  uint32(): number {
    let v = 0;
    for (let i = 0; i < 10; i++) {
      const b = this.byte();
      if (i < 5) v |= (b & 0x7f) << (7 * i); // bits past 32 fall off, as in protobufjs
      if (b < 0x80) return v >>> 0;
    }
    throw new Error('invalid varint encoding');
  }

  /** A varint as a signed 64-bit integer, as a number (two's complement, so -1 is -1). */
  int64(): number {
    let lo = 0;
    let hi = 0;
    for (let i = 0; i < 10; i++) {
      const b = this.byte();
      const bits = b & 0x7f;
      if (i < 4) lo |= bits << (7 * i);
      else if (i === 4) {
        lo |= bits << 28;
        hi |= bits >>> 4;
      } else hi |= bits << (7 * i - 32);
      if (b < 0x80) return (hi | 0) * 4294967296 + (lo >>> 0);
    }
    throw new Error('invalid varint encoding');
  }

  float(): number {
    this.need(4);
    const v = this.dv().getFloat32(this.pos, true);
    this.pos += 4;
    return v;
  }

  double(): number {
    this.need(8);
    const v = this.dv().getFloat64(this.pos, true);
    this.pos += 8;
    return v;
  }

  /** A length-delimited field's bytes: a view into the input (weights are never copied). */
  bytes(): Uint8Array {
    const n = this.uint32();
    this.need(n);
    return this.buf.subarray(this.pos, (this.pos += n));
  }

  /** A string field; one past MAX_IMPORT_STRING is refused before it is decoded (ImportLimitError). */
  string(): string {
    const at = this.pos;
    const b = this.bytes();
    checkStringLength(b.length, `a string at byte ${groupDigits(at)}`);
    return utf8In.decode(b);
  }

  /** Skips a field of wire type `wire` (groups, deprecated but legal, are skipped whole, without recursion). */
  skipType(wire: number): void {
    switch (wire) {
      case 0:
        while (this.byte() & 0x80);
        return;
      case 1:
        this.need(8);
        this.pos += 8;
        return;
      case 2: {
        const n = this.uint32();
        this.need(n);
        this.pos += n;
        return;
      }
      case 3:
        for (let depth = 1; depth > 0;) {
          const w = this.uint32() & 7;
          if (w === 3) depth++;
          else if (w === 4) depth--;
          else this.skipType(w);
        }
        return;
      case 5:
        this.need(4);
        this.pos += 4;
        return;
      default:
        throw new Error(`invalid wire type ${wire} at offset ${this.pos}`);
    }
  }
}

/** int64 as two's complement 32-bit halves (as protobufjs's LongBits.fromNumber; fractions truncated). */
export function longBits(value: number): [lo: number, hi: number] {
  const neg = value < 0;
  const v = Math.trunc(Math.abs(value));
  let lo = v >>> 0;
  let hi = ((v - lo) / 4294967296) >>> 0;
  if (neg && (lo || hi)) {
    hi = ~hi >>> 0;
    lo = ~lo >>> 0;
    if (++lo > 0xffffffff) {
      lo = 0;
      hi = (hi + 1) >>> 0;
    }
  }
  return [lo, hi];
}

export const varint32Size = (v: number) => (v < 0x80 ? 1 : v < 0x4000 ? 2 : v < 0x200000 ? 3 : v < 0x10000000 ? 4 : 5);

export function varint64Size(value: number): number {
  let [lo, hi] = longBits(value);
  let n = 1;
  while (hi || lo > 0x7f) {
    lo = ((lo >>> 7) | (hi << 25)) >>> 0;
    hi >>>= 7;
    n++;
  }
  return n;
}

export class ProtoWriter {
  pos = 0;
  readonly view: DataView;
  constructor(readonly buf: Uint8Array) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }
  uint32(v: number): void {
    while (v > 0x7f) {
      this.buf[this.pos++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.buf[this.pos++] = v;
  }
  int64(value: number): void {
    let [lo, hi] = longBits(value);
    while (hi || lo > 0x7f) {
      this.buf[this.pos++] = (lo & 0x7f) | 0x80;
      lo = ((lo >>> 7) | (hi << 25)) >>> 0;
      hi >>>= 7;
    }
    this.buf[this.pos++] = lo;
  }
  raw(b: Uint8Array): void {
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }
}
