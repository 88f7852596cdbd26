/**
 * ONNX operators of several inputs or along one axis, split from ops.ts for size (semantics:
 * onnx/docs/Operators.md): Max / Min of computed tensors (maximum, minimum; a constant operand is
 * taken first by the builder's constantOperand as a parameter), CumSum (cumsum), Softmax and
 * LogSoftmax (softmax, logsoftmax) and Pow (the unary kind's x ** constant; else the pow kind).
 */
import type { LayerSpec } from '../../format/model';
import type { OnnxNode } from './decode';
import type { Mapped, OpContext } from './ops';
import { unaryOp } from './unary-ops';

const int = (n: OnnxNode, k: string, d: number) => n.attrs.get(k)?.i ?? d;

export function mathOp(n: OnnxNode, ctx: OpContext): Mapped {
  switch (n.opType) {
    case 'Max':
    case 'Min': {
      const type = n.opType === 'Max' ? 'maximum' : 'minimum';
      if (ctx.dataInputs >= 2) return { layers: [{ type }], all: true };
      return { layers: [{ type: 'identity' }], warning: `${n.opType} of one input is that input` };
    }
    case 'CumSum': {
      // The axis is a constant input (a scalar or a one-element tensor); it counts the batch as 0.
      const axis = ctx.constant(n.inputs[1])?.values;
      if (axis?.length !== 1) return { unsupported: 'CumSum along a computed axis' };
      const dim = Number(axis[0]);
      if (dim === 0 || (ctx.rank !== undefined && dim === -(ctx.rank + 1)))
        return { unsupported: 'CumSum along the batch' };
      const flags = {
        ...(int(n, 'exclusive', 0) ? { exclusive: true } : {}),
        ...(int(n, 'reverse', 0) ? { reverse: true } : {}),
      };
      return { layers: [{ type: 'cumsum', dim, ...flags } as LayerSpec] };
    }
    case 'Softmax': {
      // The axis counts the batch as 0, as the softmax kind's dim.
      const axis = n.attrs.get('axis')?.i;
      return {
        layers: [axis === undefined || axis === null ? { type: 'softmax' } : { type: 'softmax', dim: Number(axis) }],
      };
    }
    case 'LogSoftmax':
      // The axis counts the batch as 0, as the kind's dim. Opset < 13 coerces to 2-D from the axis on;
      // the count (3 per element, onnx-tool 80 per element) does not depend on the vector length.
      return { layers: [{ type: 'logsoftmax', dim: int(n, 'axis', ctx.opset && ctx.opset < 13 ? 1 : -1) }] };
    case 'Pow': {
      // x ** constant: the unary kind; two computed operands or a constant base: the pow kind.
      if (ctx.dataInputs === 2) return { layers: [{ type: 'pow' }], all: true };
      const base = ctx.constant(n.inputs[0]);
      if (!base) return unaryOp(n, ctx);
      const v = base.values;
      if (v?.length !== 1 || !Number.isFinite(v[0])) return { unsupported: 'Pow of a constant base of several values' };
      return { layers: [{ type: 'pow', base: Number(v[0].toPrecision(7)) } as LayerSpec] };
    }
    default:
      return { unsupported: 'no layer kind for this operator' };
  }
}
