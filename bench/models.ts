/** Large synthetic models for benchmarks: built from layers, sized by layer count. */
import type { LayerSpec, Model } from '../src/engine/format/model';

/**
 * About `n` layers: residual blocks of conv–bn–relu–conv–bn plus relu (6 layers + 1 block row each),
 * every tenth one a squeeze-excite scale, at 64 channels on 56×56 — a ResNet-like stack.
 */
export function deepModel(n: number): Model {
  const layers: LayerSpec[] = [
    { type: 'conv2d', out: 64, kernel: 3, padding: 1, bias: false },
    { type: 'batchnorm2d' },
    { type: 'relu' },
  ];
  let count = 3;
  let i = 0;
  while (count < n - 3) {
    const body: LayerSpec[] = [
      { type: 'conv2d', out: 64, kernel: 3, padding: 1, bias: false },
      { type: 'batchnorm2d' },
      { type: 'relu' },
      { type: 'conv2d', out: 64, kernel: 3, padding: 1, bias: false },
      { type: 'batchnorm2d' },
    ];
    if (i % 10 === 9)
      body.push({
        type: 'scale',
        body: [
          { type: 'adaptiveavgpool2d', out: 1 },
          { type: 'conv2d', out: 16, kernel: 1 },
          { type: 'relu' },
          { type: 'conv2d', out: 64, kernel: 1 },
        ],
      });
    layers.push({ type: 'residual', body }, { type: 'relu' });
    count += body.length + 2 + (i % 10 === 9 ? 4 : 0);
    i++;
  }
  layers.push({ type: 'adaptiveavgpool2d', out: 1 }, { type: 'flatten' }, { type: 'linear', out: 1000 });
  return { format: 'floplab.model/2', name: `deep-${n}`, input: [3, 56, 56], batch: 1, layers };
}

/** Number of layer objects in a model (blocks included), as the editor would list them. */
export function layerCount(layers: readonly LayerSpec[]): number {
  let n = 0;
  for (const l of layers) {
    n++;
    for (const k of ['body', 'shortcut'] as const) if (Array.isArray(l[k])) n += layerCount(l[k] as LayerSpec[]);
    if (Array.isArray(l.branches)) for (const b of l.branches as LayerSpec[][]) n += layerCount(b);
  }
  return n;
}

/**
 * deepModel with a unique name on every layer, as a model imported from ONNX has: equal layers
 * differ in their names, so only layers without named descendants (the leaves) share work.
 */
export function namedDeepModel(n: number): Model {
  let k = 0;
  const named = (layers: readonly LayerSpec[]): LayerSpec[] =>
    layers.map((l) =>
      Object.assign(
        {},
        l,
        { name: `layer${k++}` },
        Array.isArray(l.body) ? { body: named(l.body as LayerSpec[]) } : {},
      ),
    );
  const m = deepModel(n);
  return Object.assign({}, m, { layers: named(m.layers) });
}

/**
 * About `n` layers written as a flat graph, as an imported ONNX or Caffe file is: conv–bn–relu–
 * conv–bn units whose add takes the unit's input by name (`from`), every fork with its own id, and
 * every tenth unit with a second head branching off (a 1×1 conv nobody consumes, still counted).
 */
export function graphModel(n: number): Model {
  const layers: LayerSpec[] = [
    { type: 'conv2d', out: 64, kernel: 3, padding: 1, bias: false },
    { type: 'batchnorm2d' },
    { type: 'relu', id: 'u0' },
  ];
  let i = 0;
  while (layers.length < n - 3) {
    const id = `u${i}`;
    layers.push(
      { type: 'conv2d', out: 64, kernel: 3, padding: 1, bias: false },
      { type: 'batchnorm2d' },
      { type: 'relu' },
      { type: 'conv2d', out: 64, kernel: 3, padding: 1, bias: false },
      { type: 'batchnorm2d' },
      { type: 'add', from: [-1, id] },
      { type: 'relu', id: `u${i + 1}` },
    );
    if (i % 10 === 9) layers.push({ type: 'conv2d', out: 8, kernel: 1, from: id, id: `head${i}` });
    i++;
  }
  layers.push({ type: 'adaptiveavgpool2d', out: 1, from: `u${i}` }, { type: 'flatten' }, { type: 'linear', out: 1000 });
  return { format: 'floplab.model/2', name: `graph-${n}`, input: [3, 56, 56], batch: 1, layers };
}
