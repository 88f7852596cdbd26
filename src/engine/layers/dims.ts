/**
 * Shapes and dims of N-D tensors, PyTorch's rules. A shape in the format leaves the batch out
 * ([C, H, W]); a dim in a layer's fields counts it in, as the PyTorch call it copies does
 * (`torch.cat(xs, dim=1)` joins channels, `x.flatten(1)` keeps the batch, -1 is the last dim).
 */
import { shapeText, type Shape } from '../format/model';
import type { FieldSpec } from './fields';
import type { Params } from './kind';
import { say } from '../messages';

/** Index into a batch-less shape of rank `rank` for a PyTorch dim, or a sentence saying why not. */
export function dimIndex(type: string, field: string, dim: number, rank: number): number | string {
  const full = rank + 1;
  const d = dim < 0 ? dim + full : dim;
  if (d < 0 || d >= full) return say('layer.dimRange', { type, field, dim, full, lo: -full, hi: full - 1 });
  if (d === 0) return say('layer.dimBatch', { type, field, dim });
  return d - 1;
}

/**
 * Two activations both carry the batch in front, so PyTorch would align a shorter one's batch with
 * a data dim of the other ([N, L, D] + [N, D] pairs N with L). Inputs of a graph layer must
 * therefore have the same number of dims; sizes of 1 still broadcast.
 */
export function sameRankError(type: string, shapes: readonly Shape[]): string | null {
  for (let k = 1; k < shapes.length; k++)
    if (shapes[k].length !== shapes[0].length)
      return say('layer.sameRank', { type, k, shape: shapeText(shapes[k]), first: shapeText(shapes[0]) });
  return null;
}

/**
 * The broadcast shape of several shapes (numpy/PyTorch rules: aligned at the last dim, each pair
 * equal or one of them 1), or a sentence naming the first pair that does not broadcast.
 */
/**
 * How to fix a groups count that does not divide the channels: the counts that divide both
 * (at most 8 of them, smallest first), e.g. "groups must divide both 3 and 8: 1 does".
 */
export function groupsHint(c: number, out: number): string {
  const ok: number[] = [];
  for (let g = 1; g <= Math.min(c, out) && ok.length < 8; g++) if (c % g === 0 && out % g === 0) ok.push(g);
  return say(ok.length > 1 ? 'layer.groupsHintMany' : 'layer.groupsHintOne', { c, out, list: ok.join(', ') });
}

export function broadcastShapes(type: string, shapes: readonly Shape[]): { output: Shape } | { error: string } {
  const rank = Math.max(...shapes.map((s) => s.length));
  const out = new Array<number>(rank).fill(1);
  for (let k = 0; k < shapes.length; k++) {
    const s = shapes[k];
    for (let i = 0; i < s.length; i++) {
      const at = rank - s.length + i;
      const d = s[i];
      if (out[at] === 1) out[at] = d;
      else if (d !== 1 && d !== out[at])
        return {
          error: say(k > 1 ? 'layer.broadcastOthers' : 'layer.broadcast', {
            type,
            k,
            shape: shapeText(s),
            first: shapeText(shapes[0]),
            a: d,
            b: out[at],
            at: at + 1,
          }),
        };
    }
  }
  return { output: out };
}

/** Product of a shape's dims. */
export const prod = (s: Shape, from = 0, to = s.length): number => {
  let p = 1;
  for (let i = from; i < to; i++) p *= s[i];
  return p;
};

/** A field holding a PyTorch dim (batch = 0, -1 = the last), as cat, select, softmax, transpose and flatten have. */
export function dimField(name: string, label: string, dflt: number, help: string): FieldSpec {
  return { name, kind: 'int', min: -9, default: dflt, label, help };
}

/**
 * For kinds that work along one dim (`dim`, as PyTorch counts it): the check that the dim exists and is
 * no batch, and `F`, the length of the vectors along it (softmax, log-softmax, hardmax, lpnorm).
 */
export function alongDim(type: string) {
  const at = (p: Params, input: Shape) => dimIndex(type, 'dim', p.dim as number, input.length);
  return {
    check: (p: Params, input: Shape): string | null => {
      const i = at(p, input);
      return typeof i === 'string' ? i : null;
    },
    length: (p: Params, input: Shape): number => {
      const i = at(p, input);
      return input[typeof i === 'number' ? i : 0];
    },
  };
}
