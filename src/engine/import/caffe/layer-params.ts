/**
 * What a Caffe layer is read from (layers.ts): the record the importer hands each layer, and the
 * readers of its parameters that several layer types share (pairs, conv fields, Caffe's reshape
 * rule, PriorBox's priors per position, Interp's output size).
 */
import type { Shape } from '../../format/model';
import { numField, numsField, strField, type TextMessage } from '../prototxt-text';

export interface LayerIn {
  readonly l: TextMessage;
  /** Normalised type: lower case without underscores (V1 INNER_PRODUCT → innerproduct). */
  readonly type: string;
  /** The type as written. */
  readonly caffeType: string;
  readonly name: string;
  readonly label: string;
  readonly tops: string[];
  /** Values of the bottoms that exist. */
  readonly ins: string[];
  /** Blob names of the bottoms. */
  readonly bottoms: string[];
}

const prod = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);

/** Values of a 2-D parameter given as `base` (one or two values) or `base_h` / `base_w`. */
export function pairParam(p: TextMessage | undefined, base: string, dflt: number): number | [number, number] {
  const list = numsField(p, base === 'kernel' ? 'kernel_size' : base);
  const h = numField(p, `${base}_h`) ?? list[0] ?? dflt;
  const w = numField(p, `${base}_w`) ?? list[1] ?? list[0] ?? dflt;
  return h === w ? h : [h, w];
}

export function convFields(p: TextMessage | undefined, groups?: number): Record<string, unknown> {
  const dil = numsField(p, 'dilation');
  const dilation = dil.length > 1 && dil[0] !== dil[1] ? [dil[0], dil[1]] : (dil[0] ?? 1);
  const stride = pairParam(p, 'stride', 1);
  const padding = pairParam(p, 'pad', 0);
  const g = groups ?? numField(p, 'group') ?? 1;
  // Fields at their PyTorch default are left out, as a person would write the model.
  return {
    out: numField(p, 'num_output'),
    kernel: pairParam(p, 'kernel', 0),
    ...(stride !== 1 ? { stride } : {}),
    ...(padding !== 0 ? { padding } : {}),
    ...(dilation !== 1 ? { dilation } : {}),
    ...(g !== 1 ? { groups: g } : {}),
    bias: strField(p, 'bias_term') !== 'false',
  };
}

/** Caffe's Reshape on the full shape [N, …]: 0 copies a dim, one -1 is inferred; axis / num_axes pick the span. */
export function caffeReshape(full: Shape, dims: readonly number[], axis = 0, numAxes = -1): number[] | string {
  const start = axis < 0 ? full.length + axis + 1 : axis;
  const end = numAxes === -1 ? full.length : start + numAxes;
  if (start < 0 || start > full.length || end > full.length || end < start)
    return `axis ${axis} / num_axes ${numAxes} do not fit the input [${full.join(', ')}]`;
  const mid = dims.map((d, i) => (d === 0 ? (full[start + i] ?? NaN) : d));
  const out = [...full.slice(0, start), ...mid, ...full.slice(end)];
  const free = out.filter((d) => d === -1).length;
  const known = prod(out.filter((d) => d !== -1));
  if (free > 1 || out.some((d) => !Number.isInteger(d) || d === 0 || d < -1))
    return `shape ${dims.join(' × ')} does not fit the input [${full.join(', ')}]`;
  const total = prod(full);
  if (free === 1 && total % known !== 0) return `${total} elements cannot take shape ${dims.join(' × ')}`;
  const res = out.map((d) => (d === -1 ? total / known : d));
  if (prod(res) !== total) return `${total} elements cannot take shape ${res.join(' × ')}`;
  return res;
}

/** Number of boxes per position of an SSD PriorBox layer (prior_box_layer.cpp LayerSetUp). */
export function priorsPerPosition(p: TextMessage | undefined): number {
  const ars = [1];
  const flip = strField(p, 'flip') !== 'false';
  for (const ar of numsField(p, 'aspect_ratio')) {
    if (ars.some((a) => Math.abs(a - ar) < 1e-6)) continue;
    ars.push(ar);
    if (flip) ars.push(1 / ar);
  }
  const mins = Math.max(1, numsField(p, 'min_size').length);
  return ars.length * mins + numsField(p, 'max_size').length;
}

/** DeepLab/PSPNet Interp output size (interp_layer.cpp). */
export function interpSize(
  p: TextMessage | undefined,
  h: number,
  w: number,
  ref: Shape | null,
): [number, number] | string {
  const padBeg = numField(p, 'pad_beg') ?? 0;
  const padEnd = numField(p, 'pad_end') ?? 0;
  const he = h + padBeg + padEnd;
  const we = w + padBeg + padEnd;
  const zoom = numField(p, 'zoom_factor');
  const shrink = numField(p, 'shrink_factor');
  if (shrink !== undefined && zoom !== undefined) {
    const hs = Math.floor((he - 1) / shrink) + 1;
    const ws = Math.floor((we - 1) / shrink) + 1;
    return [hs + (hs - 1) * (zoom - 1), ws + (ws - 1) * (zoom - 1)];
  }
  if (zoom !== undefined) return [he + (he - 1) * (zoom - 1), we + (we - 1) * (zoom - 1)];
  if (shrink !== undefined) return [Math.floor((he - 1) / shrink) + 1, Math.floor((we - 1) / shrink) + 1];
  const H = numField(p, 'height');
  const W = numField(p, 'width');
  if (H && W) return [H, W];
  if (ref && ref.length === 3) return [ref[1], ref[2]];
  return 'interp_param gives no output size (height/width, zoom_factor or shrink_factor) and there is no second bottom';
}
