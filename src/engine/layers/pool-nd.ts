/**
 * 1-D and 3-D pooling (nn.MaxPool1d/3d, nn.AvgPool1d/3d, nn.AdaptiveAvgPool1d/3d,
 * nn.AdaptiveMaxPool1d/3d), built on the 2-D kinds as conv-nd.ts builds convolutions: a 1-D pool
 * is the 2-D pool over [C, L, 1] (H = L, W = 1); a 3-D pool folds the depth into the height
 * (Hin = D·H, Ho = Do·Ho, Kh = Kd·Kh, and for adaptive pools A = the summed window volume), so
 * the 2-D formulas (exact compares and adds, thop's (Hin/Ho)·(Win/Wo), numel-based tool rules)
 * give the N-D counts. Where a tool treats ranks differently, its convention says so.
 */
import type { Shape } from '../format/model';
import { adaptivemaxpool2d } from './adaptivemaxpool2d';
import { adaptiveavgpool2d } from './adaptiveavgpool2d';
import { avgpool2d } from './avgpool2d';
import { moduleField } from './call';
import { CEIL } from './common-fields';
import { slide3 } from './conv-nd';
import type { FieldSpec } from './fields';
import type { LeafKind, Params } from './kind';
import { maxpool2d } from './maxpool2d';
import { intField, ints3Field, triple } from './nd-fields';
import { say } from '../messages';

const kernelField = (dims: 1 | 3): FieldSpec =>
  dims === 1
    ? { name: 'kernel', kind: 'int', min: 1, required: true, label: 'Kernel', help: 'Window length' }
    : {
        name: 'kernel',
        kind: 'ints',
        min: 1,
        maxLength: 3,
        required: true,
        label: 'Kernel',
        help: 'Window: one number or [d, h, w]',
      };

const seq = (type: string, input: Shape): string | null =>
  input.length === 2 ? null : say('layer.needsSequence', { type, shape: input.join(', ') });
const vol = (type: string, input: Shape): string | null =>
  input.length === 4 ? null : say('layer.needsVolume', { type, shape: input.join(', ') });

/** Max or average pooling over a sequence or a volume, from the 2-D kind. */
function windowPool(base: LeafKind, dims: 1 | 3, what: 'Max' | 'Avg'): LeafKind {
  const type = `${what.toLowerCase()}pool${dims}d`;
  const to2d = (p: Params): Params =>
    dims === 1
      ? {
          kernel: [p.kernel as number, 1],
          stride: [(p.stride ?? p.kernel) as number, 1],
          padding: [p.padding as number, 0],
          dilation: [(p.dilation ?? 1) as number, 1],
          ceil: p.ceil,
          call: p.call,
        }
      : (() => {
          const k = triple(p.kernel, 1);
          const st = triple(p.stride ?? p.kernel, 1);
          return {
            kernel: [k[0] * k[1], k[2]],
            stride: [st[0] * st[1], st[2]],
            padding: 0,
            ceil: p.ceil,
            call: p.call,
          };
        })();
  return {
    type,
    label: `${what}Pool${dims}d`,
    category: 'pool',
    summary: `${what === 'Max' ? 'Maximum' : 'Mean'} over each window of a ${dims === 1 ? 'sequence [C, L]' : 'volume [C, D, H, W]'}`,
    fields: [
      kernelField(dims),
      dims === 1
        ? intField('stride', 'Stride', 1, undefined, 'Stride; defaults to the kernel', true)
        : ints3Field('stride', 'Stride', 1, undefined, 'Stride: one number or [d, h, w]; defaults to the kernel', true),
      dims === 1
        ? intField('padding', 'Padding', 0, 0, 'Padding per side')
        : ints3Field('padding', 'Padding', 0, 0, 'Padding per side: one number or [d, h, w]'),
      // nn.MaxPool1d / 3d's dilation (ONNX MaxPool dilations; AveragePool's from opset 19, which PyTorch's
      // AvgPool1d / 3d lack): it spaces the taps and adds none, so only the shape sees it.
      dims === 1
        ? intField('dilation', 'Dilation', 1, 1, 'Spacing between window taps')
        : ints3Field('dilation', 'Dilation', 1, 1, 'Spacing between window taps: one number or [d, h, w]'),
      CEIL,
      moduleField(`nn.${what}Pool${dims}d`, `F.${what.toLowerCase()}_pool${dims}d`),
    ],
    shape(p, input) {
      const bad = dims === 1 ? seq(type, input) : vol(type, input);
      if (bad) return { error: bad };
      if (dims === 1) {
        const r = base.shape(to2d(p), [input[0], input[1], 1], []);
        if ('error' in r)
          return { error: r.error.replace(/^\w+pool2d/, type).replace(/ height /, ` ${say('word.length')} `) };
        return { output: [r.output[0], r.output[1]] };
      }
      const k = triple(p.kernel, 1);
      const pad = triple(p.padding, 0);
      const dil = triple(p.dilation, 1);
      for (let i = 0; i < 3; i++) {
        // PyTorch: pad ≤ half the effective (dilated) kernel d·(k − 1) + 1.
        const eff = dil[i] * (k[i] - 1) + 1;
        if (pad[i] * 2 > eff)
          return {
            error: say(eff === k[i] ? 'layer.poolPad' : 'layer.poolPadDilated', {
              type,
              p: pad[i],
              k: eff,
              max: Math.floor(eff / 2),
            }),
          };
      }
      const r = slide3(
        type,
        { kernel: p.kernel, stride: p.stride ?? p.kernel, padding: p.padding, dilation: p.dilation },
        input,
        p.ceil as boolean,
      );
      return typeof r === 'string' ? { error: r } : { output: [input[0], ...r] };
    },
    symbols(p, input, output, batch) {
      const inn = dims === 1 ? [input[0], input[1], 1] : [input[0], input[1] * input[2], input[3]];
      const out = dims === 1 ? [output[0], output[1], 1] : [output[0], output[1] * output[2], output[3]];
      // Kd: the kernel's depth alone (onnx-tool's pool cost reads only the first kernel dim of a 3-D pool).
      return Object.assign(base.symbols(to2d(p), inn, out, batch, []), { Kd: dims === 1 ? 1 : triple(p.kernel, 1)[0] });
    },
    params: base.params,
    exact: base.exact,
    exactNote: base.exactNote,
  };
}

/** Adaptive pooling to a fixed length or volume, from the 2-D kind. */
function adaptivePool(base: LeafKind, dims: 1 | 3, what: 'Max' | 'Avg'): LeafKind {
  const type = `adaptive${what.toLowerCase()}pool${dims}d`;
  const outOf = (p: Params): number[] => (dims === 1 ? [p.out as number] : triple(p.out, 1));
  return {
    type,
    label: `Adaptive${what}Pool${dims}d`,
    category: 'pool',
    summary: `${what === 'Max' ? 'Maximum' : 'Average'} to a fixed ${dims === 1 ? 'length' : 'volume'} (1 = global)`,
    fields: [
      dims === 1
        ? intField('out', 'Output size', 1, 1, 'Output length; 1 = global pooling')
        : ints3Field('out', 'Output size', 1, 1, 'Output D×H×W: one number or [d, h, w]; 1 = global pooling'),
      moduleField(`nn.Adaptive${what}Pool${dims}d`, `F.adaptive_${what.toLowerCase()}_pool${dims}d`),
    ],
    shape(p, input) {
      const bad = dims === 1 ? seq(type, input) : vol(type, input);
      if (bad) return { error: bad };
      if (dims === 3 && Array.isArray(p.out) && (p.out as number[]).length === 2)
        return { error: say('layer.oneOrDhw', { type, field: 'out' }) };
      return { output: [input[0], ...outOf(p)] };
    },
    symbols(p, input, output, batch) {
      if (dims === 1)
        return base.symbols(
          { out: [output[1], 1], call: p.call },
          [input[0], input[1], 1],
          [output[0], output[1], 1],
          batch,
          [],
        );
      // The summed window area A is separable: (depth windows)·(height windows) over the folded height.
      const depth = base.symbols(
        { out: [output[1], 1], call: p.call },
        [input[0], input[1], 1],
        [output[0], output[1], 1],
        batch,
        [],
      );
      const plane = base.symbols(
        { out: [output[2], output[3]], call: p.call },
        [input[0], input[2], input[3]],
        [output[0], output[2], output[3]],
        batch,
        [],
      );
      const folded = base.symbols(
        { out: [output[1] * output[2], output[3]], call: p.call },
        [input[0], input[1] * input[2], input[3]],
        [output[0], output[1] * output[2], output[3]],
        batch,
        [],
      );
      const divides = [1, 2, 3].every((i) => input[i] % output[i] === 0);
      return Object.assign(folded, {
        A: depth.A * plane.A,
        Din: input[1],
        Do: output[1],
        dv: divides ? 1 : 0,
        g1: output[1] === 1 && output[2] === 1 && output[3] === 1 ? 1 : 0,
      });
    },
    params: base.params,
    exact: base.exact,
    exactNote: base.exactNote,
  };
}

export const maxpool1d = windowPool(maxpool2d, 1, 'Max');
export const avgpool1d = windowPool(avgpool2d, 1, 'Avg');
export const maxpool3d = windowPool(maxpool2d, 3, 'Max');
export const avgpool3d = windowPool(avgpool2d, 3, 'Avg');
export const adaptiveavgpool1d = adaptivePool(adaptiveavgpool2d, 1, 'Avg');
export const adaptivemaxpool1d = adaptivePool(adaptivemaxpool2d, 1, 'Max');
export const adaptiveavgpool3d = adaptivePool(adaptiveavgpool2d, 3, 'Avg');
export const adaptivemaxpool3d = adaptivePool(adaptivemaxpool2d, 3, 'Max');
