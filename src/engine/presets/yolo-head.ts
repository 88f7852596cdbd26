/**
 * YOLO11's C2PSA (position-sensitive attention, ultralytics/nn/modules/block.py: C2PSA, PSABlock,
 * Attention) and the Detect head (head.py) up to its convolutions, in the engine's kinds. Names are
 * Ultralytics' module names; the functional steps of Attention.forward (view, split, @, softmax,
 * view/reshape) are named after the module whose forward makes them.
 */
import { conv, conv2d, type Built, type Spec, type Tensor } from './yolo-blocks';

/**
 * Attention(dim, num_heads, attn_ratio=0.5): qkv 1×1 conv → view [heads, 2·kd + hd, N] → split into
 * q, k, v → softmax(qᵀk · kd^-½) → v·attnᵀ viewed back to [C, H, W] + pe(v) (3×3 depthwise) → proj.
 */
function attention(p: string, x: Tensor, heads: number, h: number, w: number): Built {
  const c = x.c;
  const hd = Math.floor(c / heads);
  const kd = Math.floor(hd * 0.5);
  const qkv = conv(`${p}.qkv`, x, c + 2 * kd * heads, 1, { act: false });
  const at = (op: string, spec: Record<string, unknown>, id: string): Spec =>
    ({ ...spec, name: `${p} (${op})`, id: `${p}.${id}` }) as Spec;
  const sl = (id: string, start: number, end?: number) =>
    at(`split ${id}`, { type: 'slice', dim: 2, start, ...(end === undefined ? {} : { end }), from: `${p}.view` }, id);
  const pe = conv(`${p}.pe`, { id: `${p}.v4d`, c }, c, 3, { g: c, act: false });
  const proj = conv(`${p}.proj`, { id: `${p}.sum`, c }, c, 1, { act: false });
  return {
    layers: [
      ...qkv.layers,
      at('view', { type: 'reshape', shape: [heads, 2 * kd + hd, -1], from: qkv.out }, 'view'),
      sl('q', 0, kd),
      sl('k', kd, 2 * kd),
      sl('v', 2 * kd),
      at('q.transpose', { type: 'transpose', dim0: -2, dim1: -1, from: `${p}.q` }, 'qT'),
      at('q @ k', { type: 'matmul', from: [`${p}.qT`, `${p}.k`] }, 'qk'),
      at('× scale', { type: 'mul', scalar: kd ** -0.5, from: `${p}.qk` }, 'scaled'),
      at('softmax', { type: 'softmax', dim: -1, call: 'method', from: `${p}.scaled` }, 'attn'),
      at('attn.transpose', { type: 'transpose', dim0: -2, dim1: -1, from: `${p}.attn` }, 'attnT'),
      at('v @ attnᵀ', { type: 'matmul', from: [`${p}.v`, `${p}.attnT`] }, 'va'),
      at('view', { type: 'reshape', shape: [c, h, w], from: `${p}.va` }, 'x4d'),
      at('v.reshape', { type: 'reshape', shape: [c, h, w], from: `${p}.v` }, 'v4d'),
      ...pe.layers,
      at('+ pe', { type: 'add', from: [`${p}.x4d`, pe.out] }, 'sum'),
      ...proj.layers,
    ],
    out: proj.out,
  };
}

/** PSABlock(c, attn_ratio=0.5, num_heads): x + attn(x), then x + ffn(x) (1×1 to 2c with SiLU, 1×1 back). */
function psaBlock(p: string, x: Tensor, heads: number, h: number, w: number): Built {
  const a = attention(`${p}.attn`, x, heads, h, w);
  const afterAttn = `${p}.x1`;
  const f0 = conv(`${p}.ffn.0`, { id: afterAttn, c: x.c }, 2 * x.c);
  const f1 = conv(`${p}.ffn.1`, { id: f0.out, c: 2 * x.c }, x.c, 1, { act: false });
  return {
    layers: [
      ...a.layers,
      { type: 'add', from: [x.id, a.out], name: `${p} (+ attn)`, id: afterAttn },
      ...f0.layers,
      ...f1.layers,
      { type: 'add', from: [afterAttn, f1.out], name: `${p} (+ ffn)`, id: p },
    ],
    out: p,
  };
}

/** C2PSA(c1, c2 = c1, n): cv1 → split in halves a, b → n PSABlocks on b → cat(a, b) → cv2. */
export function c2psa(p: string, x: Tensor, n: number, h: number, w: number): Built {
  const c = Math.floor(x.c * 0.5);
  const cv1 = conv(`${p}.cv1`, x, 2 * c);
  const half = (i: number): Spec => ({
    type: 'slice',
    dim: 1,
    start: i * c,
    ...(i === 0 ? { end: c } : {}),
    from: cv1.out,
    name: `${p} (split ${i === 0 ? 'a' : 'b'})`,
    id: `${p}.${i === 0 ? 'a' : 'b'}`,
  });
  const layers: Spec[] = [...cv1.layers, half(0), half(1)];
  let t: Tensor = { id: `${p}.b`, c };
  for (let i = 0; i < n; i++) {
    const b = psaBlock(`${p}.m.${i}`, t, Math.floor(c / 64), h, w);
    layers.push(...b.layers);
    t = { id: b.out, c };
  }
  layers.push({ type: 'cat', dim: 1, from: [`${p}.a`, t.id], name: `${p} (cat)`, id: `${p}.cat` });
  const cv2 = conv(`${p}.cv2`, { id: `${p}.cat`, c: 2 * c }, x.c);
  cv2.layers[cv2.layers.length - 1].id = p;
  return { layers: [...layers, ...cv2.layers], out: p };
}

/**
 * Detect(nc, reg_max=16, ch) up to its convolutions and forward_head's views and cats: per level a box
 * branch (cv2: two 3×3 Convs, a 1×1 Conv2d to 4·reg_max) and a class branch (cv3: legacy v5u/v8 two
 * 3×3 Convs; YOLO11 depthwise 3×3 + 1×1 twice), each viewed to [C, H·W] and joined along the anchors.
 * The DFL's fixed 1×1 conv weight (reg_max values, in model.parameters()) is a `parameter` row:
 * counted in params like model.info(), while its use in decoding is post-processing, not modelled.
 */
export function detect(p: string, xs: readonly Tensor[], nc: number, legacy: boolean, regMax = 16): Spec[] {
  const c2 = Math.max(16, Math.floor(xs[0].c / 4), regMax * 4);
  const c3 = Math.max(xs[0].c, Math.min(nc, 100));
  const view = (id: string, ch: number, i: number, what: string): Spec => ({
    type: 'reshape',
    shape: [ch, -1],
    from: id,
    name: `${p} (view ${what} ${i})`,
    id: `${p}.${what}${i}`,
  });
  const box = xs.flatMap((x, i) => {
    const q = `${p}.cv2.${i}`;
    const a = conv(`${q}.0`, x, c2, 3);
    const b = conv(`${q}.1`, { id: a.out, c: c2 }, c2, 3);
    const o = conv2d(`${q}.2`, { id: b.out, c: c2 }, 4 * regMax);
    return [...a.layers, ...b.layers, ...o.layers, view(o.out, 4 * regMax, i, 'box')];
  });
  const cls = xs.flatMap((x, i) => {
    const q = `${p}.cv3.${i}`;
    let body: Built[];
    if (legacy) {
      const a = conv(`${q}.0`, x, c3, 3);
      body = [a, conv(`${q}.1`, { id: a.out, c: c3 }, c3, 3)];
    } else {
      const a = conv(`${q}.0.0`, x, x.c, 3, { g: x.c });
      const b = conv(`${q}.0.1`, { id: a.out, c: x.c }, c3, 1);
      const c = conv(`${q}.1.0`, { id: b.out, c: c3 }, c3, 3, { g: c3 });
      body = [a, b, c, conv(`${q}.1.1`, { id: c.out, c: c3 }, c3, 1)];
    }
    const last = body[body.length - 1].out;
    const o = conv2d(`${q}.2`, { id: last, c: c3 }, nc);
    return [...body.flatMap((b) => b.layers), ...o.layers, view(o.out, nc, i, 'cls')];
  });
  const cat = (what: string, id: string): Spec => ({
    type: 'cat',
    dim: -1,
    from: xs.map((_, i) => `${p}.${what}${i}`),
    name: `${p} (cat ${id})`,
    id,
  });
  return [
    ...box,
    cat('box', 'boxes'),
    ...cls,
    cat('cls', 'scores'),
    { type: 'parameter', shape: [regMax, 1, 1], name: `${p}.dfl.conv`, id: `${p}.dfl` },
  ];
}
