/**
 * Ultralytics' building blocks (ultralytics/nn/modules/conv.py, block.py, head.py at the commit in
 * yolo.ts) written with the engine's own kinds and `id`/`from` wiring. Every module's layers carry
 * the module's name in Ultralytics' model (`model.2.m.0.cv1.conv`), so rows match the per-module
 * output of the real model; functional steps (chunk, split, view, @, softmax) are named after the
 * module whose forward makes them. Each builder takes the name prefix and the tensor it reads, and
 * returns its layers and the id of its output: the prefix itself.
 */
import type { LayerSpec } from '../format/model';

/** A layer the builders may still wire (ids, names and `from` set after it is made). */
export type Spec = { -readonly [K in keyof LayerSpec]: LayerSpec[K] };

export interface Built {
  layers: Spec[];
  /** Id of the block's output tensor (its module name). */
  out: string;
}

/** Channels of a tensor the builders pass along (shape rules check them again when evaluated). */
export interface Tensor {
  id: string;
  c: number;
}

/**
 * Ultralytics `Conv`: Conv2d (no bias, autopad k // 2) → BatchNorm2d → SiLU (act=False: no
 * activation; its nn.Identity computes nothing and is left out).
 */
export function conv(
  p: string,
  x: Tensor,
  c2: number,
  k = 1,
  o: { s?: number; pad?: number; g?: number; act?: boolean } = {},
): Built {
  const spec: Record<string, unknown> = {
    type: 'conv2d',
    out: c2,
    kernel: k,
    bias: false,
    name: `${p}.conv`,
    from: x.id,
  };
  if ((o.s ?? 1) !== 1) spec.stride = o.s;
  const pad = o.pad ?? Math.floor(k / 2);
  if (pad) spec.padding = pad;
  if ((o.g ?? 1) !== 1) spec.groups = o.g;
  const layers: Spec[] = [spec as Spec, { type: 'batchnorm2d', name: `${p}.bn` }];
  if (o.act !== false) layers.push({ type: 'silu', name: `${p}.act` });
  layers[layers.length - 1].id = p;
  return { layers, out: p };
}

/** A plain nn.Conv2d with bias (the Detect head's last 1×1 convs). */
export function conv2d(p: string, x: Tensor, c2: number): Built {
  return { layers: [{ type: 'conv2d', out: c2, kernel: 1, name: p, from: x.id, id: p }], out: p };
}

/** `x + y` as Ultralytics writes every shortcut (the operator, not an in-place +=). */
const add = (p: string, a: string, b: string): Spec => ({ type: 'add', from: [a, b], name: `${p} (+)`, id: p });

/** Bottleneck(c1, c2, shortcut, g, k=(k1, k2), e): cv1 → cv2, plus x when shortcut and c1 == c2. */
export function bottleneck(p: string, x: Tensor, c2: number, shortcut: boolean, k: [number, number], e: number) {
  const c = Math.floor(c2 * e);
  const cv1 = conv(`${p}.cv1`, x, c, k[0]);
  const cv2 = conv(`${p}.cv2`, { id: cv1.out, c }, c2, k[1]);
  const layers = [...cv1.layers, ...cv2.layers];
  if (!(shortcut && x.c === c2)) return { layers, out: cv2.out };
  cv2.layers[cv2.layers.length - 1].id = `${p}.cv2`;
  layers.push(add(p, x.id, `${p}.cv2`));
  return { layers, out: p };
}

/** Layers of an nn.Sequential of bottlenecks (`self.m`), each reading the previous one's output. */
function chain(p: string, x: Tensor, n: number, c: number, make: (q: string, t: Tensor) => Built): Built {
  const layers: Spec[] = [];
  let t = x;
  for (let i = 0; i < n; i++) {
    const b = make(`${p}.${i}`, t);
    layers.push(...b.layers);
    t = { id: b.out, c };
  }
  return { layers, out: t.id };
}

/** C3(c1, c2, n, shortcut, g, e=0.5) and its C3k subclass (k×k bottlenecks instead of 1×1 then 3×3). */
export function c3(p: string, x: Tensor, c2: number, n: number, shortcut: boolean, k?: number): Built {
  const c = Math.floor(c2 * 0.5);
  const cv1 = conv(`${p}.cv1`, x, c);
  const ks: [number, number] = k ? [k, k] : [1, 3];
  const m = chain(`${p}.m`, { id: cv1.out, c }, n, c, (q, t) => bottleneck(q, t, c, shortcut, ks, 1));
  const cv2 = conv(`${p}.cv2`, x, c);
  const cat: Spec = { type: 'cat', dim: 1, from: [m.out, cv2.out], name: `${p} (cat)`, id: `${p}.cat` };
  const cv3 = conv(p, { id: `${p}.cat`, c: 2 * c }, c2);
  // Ultralytics names the third conv cv3; the block's output id stays the block's own name.
  relabel(cv3.layers, p, `${p}.cv3`);
  return { layers: [...cv1.layers, ...m.layers, ...cv2.layers, cat, ...cv3.layers], out: p };
}

/** Rename a conv's rows from `from.conv` to `to.conv` (ids unchanged). */
function relabel(layers: Spec[], from: string, to: string) {
  for (const l of layers) if (typeof l.name === 'string') l.name = to + l.name.slice(from.length);
}

/**
 * C2f(c1, c2, n, shortcut, e=0.5) — and C3k2, which keeps C2f's forward with other blocks in m:
 * cv1 → chunk(2) → each block reads the last piece → cat of all pieces → cv2.
 */
export function c2f(p: string, x: Tensor, c2: number, n: number, block: (q: string, t: Tensor) => Built, e = 0.5) {
  const c = Math.floor(c2 * e);
  const cv1 = conv(`${p}.cv1`, x, 2 * c);
  const pieces = [0, 1].map((i): Spec => ({
    type: 'chunk',
    chunks: 2,
    index: i,
    from: cv1.out,
    name: `${p} (chunk ${i})`,
    id: `${p}.y${i}`,
  }));
  const ys = [`${p}.y0`, `${p}.y1`];
  const layers: Spec[] = [...cv1.layers, ...pieces];
  for (let i = 0; i < n; i++) {
    const b = block(`${p}.m.${i}`, { id: ys[ys.length - 1], c });
    layers.push(...b.layers);
    ys.push(b.out);
  }
  layers.push({ type: 'cat', dim: 1, from: ys, name: `${p} (cat)`, id: `${p}.cat` });
  const cv2 = conv(p, { id: `${p}.cat`, c: (2 + n) * c }, c2);
  relabel(cv2.layers, p, `${p}.cv2`);
  return { layers: [...layers, ...cv2.layers], out: p };
}

/** C2f's own bottlenecks: 3×3 then 3×3, e = 1. */
export const c2fBottleneck = (shortcut: boolean) => (q: string, t: Tensor) =>
  bottleneck(q, t, t.c, shortcut, [3, 3], 1);

/** C3k2's blocks: C3k(c, c, 2) when c3k, else Bottleneck(c, c) with its defaults (3×3, 3×3, e = 0.5). */
export const c3k2Block = (c3k: boolean) => (q: string, t: Tensor) =>
  c3k ? c3(q, t, t.c, 2, true, 3) : bottleneck(q, t, t.c, true, [3, 3], 0.5);

/** SPPF(c1, c2, k=5): cv1 (no activation) → three chained k×k stride-1 max pools → cat of all four → cv2. */
export function sppf(p: string, x: Tensor, c2: number, k = 5): Built {
  const c = Math.floor(x.c / 2);
  const cv1 = conv(`${p}.cv1`, x, c, 1, { act: false });
  const ys = [cv1.out];
  const pools: Spec[] = [1, 2, 3].map((i) => {
    const id = `${p}.y${i}`;
    const spec: Spec = { type: 'maxpool2d', kernel: k, stride: 1, padding: Math.floor(k / 2) };
    spec.name = `${p}.m`;
    spec.from = ys[ys.length - 1];
    spec.id = id;
    ys.push(id);
    return spec;
  });
  const cat: Spec = { type: 'cat', dim: 1, from: ys, name: `${p} (cat)`, id: `${p}.cat` };
  const cv2 = conv(p, { id: `${p}.cat`, c: 4 * c }, c2);
  relabel(cv2.layers, p, `${p}.cv2`);
  return { layers: [...cv1.layers, ...pools, cat, ...cv2.layers], out: p };
}
