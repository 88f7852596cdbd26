/**
 * The Caffe layers with several inputs or outputs, or a second blob that may be a learned
 * parameter or a bottom (layers.ts maps the rest): Scale, Bias, Eltwise, Slice, Crop and SPP.
 */
import type { LayerSpec, Shape } from '../../format/model';
import { msgField, numField, numsField, strField } from '../prototxt-text';
import type { Builder } from './builder';
import { say } from '../../messages';
import type { LayerIn } from './layer-params';

/** Scale: after a BatchNorm its γ, β; alone a per-channel γ; with two bottoms x · y. */
export function scaleLayer(b: Builder, L: LayerIn, named: (s: Record<string, unknown>) => LayerSpec): boolean {
  const { ins, tops, name, label } = L;
  const x = ins[0];
  if (ins.length >= 2) {
    b.add(label, name, 'mul', [x, broadcastable(b, L, ins[1], b.shape(x))], tops);
    return true;
  }
  // BatchNorm followed by Scale is Caffe's affine batch norm (γ, β in the Scale layer).
  const at = b.producer.get(x);
  const bn = at === undefined ? undefined : b.nodes[at];
  const only = bn?.layers?.length === 1 ? bn.layers[0] : undefined;
  if (at !== undefined && only?.type === 'batchnorm2d' && only.affine === false && !b.used.has(x)) {
    b.replace(at, [{ ...only, affine: true }]);
    for (const t of tops) b.blob.set(t, x);
    return true;
  }
  b.add(label, name, 'layers', [x], tops, [named({ type: 'layerscale' })]);
  if (strField(msgField(L.l, 'scale_param'), 'bias_term') === 'true') b.warnings.push(say('imp.scaleBias', { label }));
  return true;
}

/** A learned per-channel bias (one bottom) or the sum with a second bottom. */
export function biasLayer(b: Builder, L: LayerIn): boolean {
  const { ins, tops, name, label } = L;
  const x = ins[0];
  const xs = b.shape(x);
  const other =
    ins.length >= 2
      ? broadcastable(b, L, ins[1], xs)
      : b.add(
          label,
          `${name}.bias`,
          'layers',
          [],
          [b.fresh(`${name}.bias`)],
          [{ type: 'parameter', name: `${name}.bias`, shape: xs && xs.length === 3 ? [xs[0], 1, 1] : [xs?.[0] ?? 1] }],
        );
  b.add(label, name, 'add', [x, other], tops);
  return true;
}

/**
 * Caffe's Scale/Bias with a second bottom of shape [C] or [C, H] broadcasts it from `axis` 1:
 * FlopLab's broadcasting aligns the last dims, so the second operand gets trailing 1s first.
 */
function broadcastable(b: Builder, L: LayerIn, y: string, xs: Shape | null): string {
  const ys = b.shape(y);
  if (!xs || !ys || ys.length >= xs.length) return y;
  const shape = [...ys, ...Array<number>(xs.length - ys.length).fill(1)];
  return b.add(
    L.label,
    `${L.name}.reshape`,
    'layers',
    [y],
    [b.fresh(`${L.name}.reshape`)],
    [{ type: 'reshape', name: `${L.name}.reshape`, shape }],
  );
}

export function eltwise(b: Builder, L: LayerIn, named: (s: Record<string, unknown>) => LayerSpec): boolean {
  const { l, ins, tops, name, label } = L;
  const p = msgField(l, 'eltwise_param');
  const op = (strField(p, 'operation') ?? 'SUM').toUpperCase();
  const coeff = numsField(p, 'coeff');
  if (ins.length < 2) {
    b.add(label, name, 'layers', ins.slice(0, 1), tops, [named({ type: 'identity' })]);
    return true;
  }
  if (op === 'MAX') {
    b.add(label, name, 'layers', ins, tops, [named({ type: 'maximum' })]);
    return true;
  }
  // Two bottoms: the binary kind itself; more: one layer of that kind reading them all.
  const nary = (type: 'mul' | 'add'): true => {
    b.add(label, name, ins.length === 2 ? type : 'layers', ins, tops, ins.length === 2 ? undefined : [named({ type })]);
    return true;
  };
  if (op === 'PROD') return nary('mul');
  if (coeff.every((c) => c === 1)) return nary('add');
  if (ins.length === 2 && coeff[0] === 1 && coeff[1] === -1) {
    b.add(label, name, 'layers', ins, tops, [named({ type: 'sub' })]);
    return true;
  }
  // Other coefficients: each scaled operand is a multiply by its coefficient, then the sum.
  const scaled = ins.map((v, i) =>
    (coeff[i] ?? 1) === 1
      ? v
      : b.add(
          label,
          `${name}.coeff${i}`,
          'layers',
          [v],
          [b.fresh(`${name}.coeff${i}`)],
          [{ type: 'mul', name: `${name}.coeff${i}`, scalar: coeff[i] }],
        ),
  );
  b.add(label, name, 'layers', scaled, tops, [named({ type: 'add' })]);
  return true;
}

/** Slice: one view per top, cut at slice_point (or into equal parts) along axis (V1 slice_dim). */
export function sliceLayer(b: Builder, L: LayerIn): boolean {
  const { l, ins, tops, name, label } = L;
  const x = ins[0];
  const xs = b.shape(x);
  const p = msgField(l, 'slice_param');
  const axis = numField(p, 'axis') ?? numField(p, 'slice_dim') ?? 1;
  const points = numsField(p, 'slice_point');
  const size = xs ? xs[(axis < 0 ? axis + xs.length + 1 : axis) - 1] : undefined;
  if (size === undefined) {
    b.warnings.push(say('imp.noTops', { label }));
    return true;
  }
  const cuts = points.length
    ? [0, ...points, size]
    : tops.map((_, i) => Math.round((i * size) / tops.length)).concat(size);
  tops.forEach((t, i) => {
    b.add(label, name, 'layers', [x], [t], [{ type: 'slice', name, dim: axis, start: cuts[i], end: cuts[i + 1] }]);
  });
  return true;
}

/** Crop bottom 0 to bottom 1's size from `axis` on (default 2: H and W), at `offset`. */
export function cropLayer(b: Builder, L: LayerIn, named: (s: Record<string, unknown>) => LayerSpec): boolean {
  const { l, ins, tops, label, name } = L;
  const x = ins[0];
  const xs = b.shape(x);
  const ref = b.shape(ins[1]) ?? b.shape(b.value(L.bottoms[1] ?? ''));
  if (!xs || !ref || ref.length !== xs.length) {
    b.notCountedLayer(L.caffeType, name);
    b.warnings.push(say('file.caffeNoBottoms', { label }));
    b.add(label, name, 'layers', [x], tops, [named({ type: 'opaque', op: 'Crop' })]);
    return true;
  }
  const p = msgField(l, 'crop_param');
  const axis = numField(p, 'axis') ?? 2;
  const offsets = numsField(p, 'offset');
  const specs: LayerSpec[] = [];
  for (let d = Math.max(1, axis); d <= xs.length; d++) {
    if (ref[d - 1] === xs[d - 1]) continue;
    const off = offsets.length > 1 ? (offsets[d - axis] ?? 0) : (offsets[0] ?? 0);
    specs.push({ type: 'slice', name, dim: d, start: off, end: off + ref[d - 1] });
  }
  b.add(label, name, 'layers', [x], tops, specs.length ? specs : [named({ type: 'identity' })]);
  return true;
}

/** Spatial pyramid pooling: per level an adaptive pool to 2^l × 2^l, flattened; the levels concatenated. */
export function sppLayer(b: Builder, L: LayerIn): boolean {
  const { l, ins, tops, name, label } = L;
  const p = msgField(l, 'spp_param');
  const levels = numField(p, 'pyramid_height') ?? 1;
  const max = (strField(p, 'pool') ?? 'MAX').toUpperCase() !== 'AVE';
  const parts = Array.from({ length: levels }, (_, i) =>
    b.add(
      label,
      name,
      'layers',
      [ins[0]],
      [b.fresh(`${name}.level${i}`)],
      [
        { type: max ? 'adaptivemaxpool2d' : 'adaptiveavgpool2d', name: `${name}.level${i}`, out: 2 ** i },
        { type: 'flatten', name: `${name}.level${i}.flatten` },
      ],
    ),
  );
  b.warnings.push(say('imp.spp', { label }));
  if (parts.length === 1) for (const t of tops) b.blob.set(t, parts[0]);
  else b.add(label, name, 'concat', parts, tops);
  return true;
}
