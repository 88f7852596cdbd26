/**
 * Hostile import files (issue 21), written byte by byte so a million-node ONNX takes well under a
 * second to make and none is committed: deep residual chains, a huge node count, one enormous
 * string. Names come from a seeded generator, so every run builds the same bytes.
 */
import { input, keras3, layer, tensor, zip } from './keras-config';

/** mulberry32: a small seeded generator, the same sequence for the same seed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Appends protobuf wire-format fields to a growing byte list (only what these files need). */
class Wire {
  private chunks: Uint8Array[] = [];
  // Small at first: every node is a Wire of its own, a million of them in the largest file.
  private cur = new Uint8Array(64);
  private at = 0;
  length = 0;

  private room(n: number) {
    if (this.at + n <= this.cur.length) return;
    this.chunks.push(this.cur.subarray(0, this.at));
    this.cur = new Uint8Array(Math.max(Math.min(2 * this.cur.length, 1 << 20), n));
    this.at = 0;
  }

  varint(v: number): this {
    this.room(10);
    while (v > 0x7f) {
      this.cur[this.at++] = (v % 128) | 0x80;
      v = Math.floor(v / 128);
      this.length++;
    }
    this.cur[this.at++] = v;
    this.length++;
    return this;
  }

  raw(b: Uint8Array): this {
    this.room(b.length);
    this.cur.set(b, this.at);
    this.at += b.length;
    this.length += b.length;
    return this;
  }

  /** A length-delimited field: tag, length, bytes. */
  field(id: number, b: Uint8Array | Wire): this {
    const bytes = b instanceof Wire ? b.bytes() : b;
    return this.varint((id << 3) | 2)
      .varint(bytes.length)
      .raw(bytes);
  }

  str(id: number, s: string): this {
    return this.field(id, utf8.encode(s));
  }

  int(id: number, v: number): this {
    return this.varint(id << 3).varint(v);
  }

  bytes(): Uint8Array {
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const c of [...this.chunks, this.cur.subarray(0, this.at)]) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

const utf8 = new TextEncoder();

/** NodeProto: input 1, output 2, name 3, op_type 4. */
function node(op: string, inputs: string[], output: string, name?: string): Wire {
  const n = new Wire();
  for (const i of inputs) n.str(1, i);
  n.str(2, output);
  if (name !== undefined) n.str(3, name);
  return n.str(4, op);
}

/** ValueInfoProto with a float tensor type of fixed dims. */
function valueInfo(name: string, dims: number[]): Wire {
  const shape = new Wire();
  for (const d of dims) shape.field(1, new Wire().int(1, d));
  const tensor = new Wire().int(1, 1).field(2, shape);
  return new Wire().str(1, name).field(2, new Wire().field(1, tensor));
}

/** ModelProto around a graph: ir_version 7, opset 13; input x [1, 4, 8, 8], `output` the one output. */
function model(nodes: (g: Wire) => void, output: string, opts: { graphName?: string; init?: Wire } = {}): Uint8Array {
  const g = new Wire();
  nodes(g);
  g.str(2, opts.graphName ?? 'hostile');
  if (opts.init) g.field(5, opts.init);
  g.field(11, valueInfo('x', [1, 4, 8, 8]));
  g.field(12, valueInfo(output, []));
  return new Wire().int(1, 7).field(7, g).field(8, new Wire().int(2, 13)).bytes();
}

const nameOf = (rand: () => number, i: number) => `${i.toString(36)}_${Math.floor(rand() * 36 * 36).toString(36)}`;

/** `blocks` residual blocks, each x → Conv 1×1 (one shared weight) → Add with x: 2·blocks nodes. */
export function onnxResidualChain(blocks: number, seed = 21): Uint8Array {
  const rand = seeded(seed);
  // TensorProto: dims 1, data_type 2, name 8 (dims only: weights are never read).
  const w = new Wire();
  for (const d of [4, 4, 1, 1]) w.int(1, d);
  w.int(2, 1).str(8, 'w');
  let x = 'x';
  const out = `r${blocks}`;
  return model(
    (g) => {
      for (let i = 0; i < blocks; i++) {
        const c = `c${nameOf(rand, i)}`;
        const next = i === blocks - 1 ? out : `r${nameOf(rand, i)}`;
        g.field(1, node('Conv', [x, 'w'], c));
        g.field(1, node('Add', [x, c], next));
        x = next;
      }
    },
    out,
    { init: w },
  );
}

/** A chain of `count` Relu nodes; `backwards`: listed last node first (ONNX requires order, some exporters break it). */
export function onnxReluChain(count: number, backwards = false): Uint8Array {
  const value = (i: number) => (i === 0 ? 'x' : i === count ? `v${count}` : `v${i.toString(36)}`);
  return model((g) => {
    for (let k = 0; k < count; k++) {
      const i = backwards ? count - 1 - k : k;
      g.field(1, node('Relu', [value(i)], value(i + 1)));
    }
  }, value(count));
}

export type HugeStringSpot = 'node name' | 'graph name' | 'doc_string' | 'attribute';

/** A two-node ONNX whose one string (at `spot`) is `size` bytes of 'n'. */
export function onnxHugeString(size: number, spot: HugeStringSpot): Uint8Array {
  const huge = new Uint8Array(size).fill(0x6e);
  const relu = (g: Wire, name?: Uint8Array) => {
    const n = new Wire().str(1, 'x').str(2, 'y');
    if (name) n.field(3, name);
    n.str(4, 'Relu');
    // AttributeProto: name 1, s 4, type 20 (STRING = 3); Relu ignores it, the decoder still reads it.
    if (spot === 'attribute') n.field(5, new Wire().str(1, 'note').field(4, huge).int(20, 3));
    g.field(1, n);
  };
  if (spot === 'graph name') return withGraphName(huge);
  const bytes = model((g) => relu(g, spot === 'node name' ? huge : undefined), 'y');
  if (spot !== 'doc_string') return bytes;
  // ModelProto.doc_string (6) after the graph.
  return new Wire().raw(bytes).field(6, huge).bytes();
}

function withGraphName(name: Uint8Array): Uint8Array {
  const g = new Wire().field(1, node('Relu', ['x'], 'y')).field(2, name);
  g.field(11, valueInfo('x', [1, 4, 8, 8])).field(12, valueInfo('y', []));
  return new Wire().int(1, 7).field(7, g).field(8, new Wire().int(2, 13)).bytes();
}

/** A prototxt residual chain: `blocks` × (Convolution, Eltwise SUM with the block's input). */
export function prototxtResidualChain(blocks: number, seed = 21): Uint8Array {
  const rand = seeded(seed);
  const parts = ['name: "chain"\ninput: "data"\ninput_dim: 1\ninput_dim: 4\ninput_dim: 8\ninput_dim: 8\n'];
  let x = 'data';
  for (let i = 0; i < blocks; i++) {
    const id = nameOf(rand, i);
    parts.push(
      `layer { name: "c${id}" type: "Convolution" bottom: "${x}" top: "c${id}"\n` +
        `  convolution_param { num_output: 4 kernel_size: 1 } }\n` +
        `layer { name: "s${id}" type: "Eltwise" bottom: "${x}" bottom: "c${id}" top: "s${id}" }\n`,
    );
    x = `s${id}`;
  }
  return utf8.encode(parts.join(''));
}

/** A prototxt whose one layer name is `size` characters. */
export function prototxtHugeName(size: number): Uint8Array {
  const head = 'input: "data"\ninput_dim: 1\ninput_dim: 4\ninput_dim: 8\ninput_dim: 8\nlayer { name: "';
  const tail = '" type: "ReLU" bottom: "data" top: "r" }\n';
  const out = new Uint8Array(head.length + size + tail.length);
  out.set(utf8.encode(head));
  out.fill(0x6e, head.length, head.length + size);
  out.set(utf8.encode(tail), head.length + size);
  return out;
}

/** A `.keras` of `count` ReLUs in a chain, its config listing them last to first (ordering it took 10 s once). */
export function kerasReluChainBackwards(count: number): Uint8Array {
  const layers = Array.from({ length: count }, (_, i) =>
    layer('ReLU', `r${i}`, {}, [tensor(i ? `r${i - 1}` : 'in', [8])]),
  );
  return zip(keras3([input('in', [8]), ...layers.reverse()], [['in', 0, 0]], [[`r${count - 1}`, 0, 0]]));
}
