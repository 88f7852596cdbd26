/**
 * PyTorch modules for the N-D kinds (1-D and 3-D convolutions and pools, norms on other ranks,
 * pixel shuffle, recurrent layers, reductions, roll, element-wise math, clamp, log-softmax, quantize), split from pytorch.ts for size. Each returns
 * the module expression, or null for a kind this file does not write.
 */
import { say } from '../messages';
import type { Shape } from '../format/model';
import type { Params } from '../layers/kind';

/** Small helper modules these kinds need, written into the file when used. */
export const ND_HELPERS: Record<string, string> = {
  SequenceOutput: `class SequenceOutput(nn.Module):
    """The output sequence of a recurrent layer (nn.LSTM / nn.GRU / nn.RNN return (output, state))."""

    def __init__(self, rnn):
        super().__init__()
        self.rnn = rnn

    def forward(self, x):
        return self.rnn(x)[0]`,
  Reduce: `class Reduce(nn.Module):
    """x.sum(dims), x.amax, x.amin, x.prod, the L1 / L2 norm, Σx², log Σx or x.logsumexp over dims."""

    def __init__(self, op, *dims, keepdim=False):
        super().__init__()
        self.op, self.dims, self.keepdim = op, dims, keepdim

    def forward(self, x):
        k = self.keepdim
        if self.op == "prod":  # x.prod takes one dim at a time
            for d in sorted((d % x.dim() for d in self.dims), reverse=True):
                x = x.prod(d, keepdim=k)
            return x
        if self.op in ("l1", "l2"):
            return torch.linalg.vector_norm(x, int(self.op[1]), self.dims, keepdim=k)
        if self.op == "sumsquare":
            return x.square().sum(self.dims, keepdim=k)
        if self.op == "logsum":
            return x.sum(self.dims, keepdim=k).log()
        return getattr(x, self.op)(self.dims, keepdim=k)`,
  Unary: `class Unary(nn.Module):
    """An element-wise function: torch.exp(x), torch.rsqrt(x), torch.pow(x, exponent), ..."""

    def __init__(self, op, exponent=None):
        super().__init__()
        self.op, self.exponent = op, exponent

    def forward(self, x):
        if self.op == "pow":
            return torch.pow(x, self.exponent)
        return getattr(torch, self.op)(x)`,
  Normalize: `class Normalize(nn.Module):
    """F.normalize(x, p, dim); clamp=False divides by the norm itself (ONNX LpNormalization, no eps)."""

    def __init__(self, p=2.0, dim=1, clamp=True):
        super().__init__()
        self.p, self.dim, self.clamp = p, dim, clamp

    def forward(self, x):
        if self.clamp:
            return torch.nn.functional.normalize(x, self.p, self.dim)
        return x / x.norm(self.p, self.dim, keepdim=True)`,
  Hardmax: `class Hardmax(nn.Module):
    """1 at the largest value along dim (the first, on a tie), 0 elsewhere (ONNX Hardmax)."""

    def __init__(self, dim=-1):
        super().__init__()
        self.dim = dim

    def forward(self, x):
        hot = torch.nn.functional.one_hot(x.argmax(self.dim), x.shape[self.dim])
        return hot.movedim(-1, self.dim).to(x.dtype)`,
  Clamp: `class Clamp(nn.Module):
    """torch.clamp(x, min, max); either bound may be None."""

    def __init__(self, min=None, max=None):
        super().__init__()
        self.min, self.max = min, max

    def forward(self, x):
        return torch.clamp(x, self.min, self.max)`,
  CumSum: `class CumSum(nn.Module):
    """x.cumsum(dim); exclusive leaves each value out of its own sum, reverse runs from the end."""

    def __init__(self, dim, exclusive=False, reverse=False):
        super().__init__()
        self.dim, self.exclusive, self.reverse = dim, exclusive, reverse

    def forward(self, x):
        if self.reverse:
            x = x.flip(self.dim)
        y = x.cumsum(self.dim)
        if self.exclusive:
            y = y - x
        return y.flip(self.dim) if self.reverse else y`,
  Pow: `class Pow(nn.Module):
    """torch.pow(x, y) of two tensors, or torch.pow(base, x) with a number as the base."""

    def __init__(self, base=None):
        super().__init__()
        self.base = base

    def forward(self, x, y=None):
        return torch.pow(self.base, x) if self.base is not None else torch.pow(x, y)`,
  QuantizePerChannel: `class QuantizePerChannel(nn.Module):
    """torch.quantize_per_channel along the channels (axis 1), scale 1 and zero point 0 per channel."""

    def __init__(self, channels, dtype):
        super().__init__()
        self.register_buffer("scale", torch.ones(channels))
        self.register_buffer("zero_point", torch.zeros(channels, dtype=torch.long))
        self.dtype = dtype

    def forward(self, x):
        return torch.quantize_per_channel(x, self.scale, self.zero_point, 1, self.dtype)`,
  Roll: `class Roll(nn.Module):
    """torch.roll(x, shifts, dims): a cyclic shift (Swin's shifted windows)."""

    def __init__(self, shifts, dims):
        super().__init__()
        self.shifts, self.dims = shifts, dims

    def forward(self, x):
        return torch.roll(x, self.shifts, self.dims)`,
};

type Emit = (name: string, args?: string[]) => string[];

/** nn.ConvTranspose1d / 2d / 3d's keyword arguments, in torch's order of the signature (the 2-D writer's too). */
export const convTransposeKwargs = (p: Params) => ({
  stride: p.stride,
  padding: p.padding,
  output_padding: p.output_padding,
  groups: p.groups,
  bias: p.bias,
  dilation: p.dilation,
});

/**
 * `p`: the fields the layer sets (PyTorch defaults are FlopLab's); `all`: with defaults;
 * `py` / `kw` format Python values and keyword arguments as pytorch.ts does.
 */
export function ndModule(
  type: string,
  p: Params,
  all: Params,
  input: Shape,
  call: Emit,
  helper: Emit,
  py: (v: unknown) => string,
  kw: (args: Record<string, unknown>) => string[],
): string[] | null {
  const C = String(input[0]);
  const window = () => kw({ stride: p.stride, padding: p.padding, ceil_mode: p.ceil });
  switch (type) {
    case 'conv1d':
    case 'conv3d':
      return call(type === 'conv1d' ? 'nn.Conv1d' : 'nn.Conv3d', [
        C,
        String(p.out),
        `kernel_size=${py(all.kernel)}`,
        ...kw({ stride: p.stride, padding: p.padding, dilation: p.dilation, groups: p.groups, bias: p.bias }),
      ]);
    case 'convtranspose1d':
    case 'convtranspose3d':
      return call(type === 'convtranspose1d' ? 'nn.ConvTranspose1d' : 'nn.ConvTranspose3d', [
        C,
        String(p.out),
        `kernel_size=${py(all.kernel)}`,
        ...kw(convTransposeKwargs(p)),
      ]);
    case 'maxpool1d':
    case 'avgpool1d':
    case 'maxpool3d':
    case 'avgpool3d': {
      const cls = `${type.startsWith('max') ? 'Max' : 'Avg'}Pool${type.endsWith('1d') ? 1 : 3}d`;
      if (type.startsWith('avg') && [p.dilation ?? 1].flat().some((d) => d !== 1))
        throw new Error(say('export.avgDilation', { type }));
      return call(`nn.${cls}`, [`kernel_size=${py(all.kernel)}`, ...window(), ...kw({ dilation: p.dilation })]);
    }
    case 'adaptiveavgpool1d':
    case 'adaptivemaxpool1d':
    case 'adaptiveavgpool3d':
    case 'adaptivemaxpool3d': {
      const cls = `Adaptive${type.includes('avg') ? 'Avg' : 'Max'}Pool${type.endsWith('1d') ? 1 : 3}d`;
      return call(`nn.${cls}`, [py(all.out)]);
    }
    case 'batchnorm1d':
    case 'batchnorm3d':
      return call(type === 'batchnorm1d' ? 'nn.BatchNorm1d' : 'nn.BatchNorm3d', [C, ...kw({ affine: p.affine })]);
    case 'groupnorm':
      return call('nn.GroupNorm', [String(all.groups), C, ...kw({ affine: p.affine })]);
    case 'instancenorm':
      return call(`nn.InstanceNorm${input.length - 1}d`, [C, ...kw({ affine: p.affine })]);
    case 'pixelshuffle':
      return call(all.inverse ? 'nn.PixelUnshuffle' : 'nn.PixelShuffle', [String(all.factor)]);
    case 'lstm':
    case 'gru':
    case 'rnn': {
      const cls = { lstm: 'nn.LSTM', gru: 'nn.GRU', rnn: 'nn.RNN' }[type];
      // nn.LSTM/GRU/RNN always hold b_ih and b_hh: Keras's one bias per gate has no equivalent.
      if (all.single_bias && all.bias)
        throw new Error(`${cls} cannot hold one bias per gate (single_bias, as Keras's layers do)`);
      const args = [
        String(input[1]),
        String(all.hidden),
        ...kw({
          num_layers: p.layers,
          nonlinearity: p.nonlinearity,
          bias: p.bias,
          bidirectional: p.bidirectional,
          proj_size: p.proj,
        }),
        'batch_first=True',
      ];
      return helper('SequenceOutput', [`${cls}(${args.join(', ')})`]);
    }
    case 'reduce':
      return helper('Reduce', [
        `"${String(all.op)}"`,
        ...(all.dims as number[]).map(String),
        ...(all.keepdim ? ['keepdim=True'] : []),
      ]);
    case 'roll':
      return helper('Roll', [py(all.shifts), py(all.dims)]);
    case 'quantize': {
      // nn.quantized.Quantize / DeQuantize (the tools count neither: tests/fixtures/quantize-tools.jsonl),
      // scale 1 and zero point 0: calibration sets them and no count depends on their values.
      if (Number(all.block_size ?? 0) > 0)
        throw new Error('PyTorch has no blocked quantization (torch.quantize_per_tensor / per_channel only)');
      if (all.mode === 'dequantize') return call('nn.quantized.DeQuantize');
      const qtype = { int8: 'torch.qint8', uint8: 'torch.quint8' }[String(all.dtype)];
      if (!qtype) throw new Error(`PyTorch has no ${String(all.dtype)} quantized type (quint8, qint8, qint32 only)`);
      if (all.per_channel) return helper('QuantizePerChannel', [String(input[0]), qtype]);
      return call('nn.quantized.Quantize', ['1.0', '0', qtype]);
    }
    case 'clamp':
      return helper('Clamp', kw({ min: p.min, max: p.max }));
    case 'cumsum':
      return helper('CumSum', [String(all.dim), ...kw({ exclusive: p.exclusive, reverse: p.reverse })]);
    case 'pow':
      if (p.fed_exponent) throw new Error(say('export.powFed'));
      return helper('Pow', kw({ base: p.base }));
    case 'lpnorm':
      return helper('Normalize', [
        `${String(all.p ?? '2')}.0`,
        String(all.dim ?? 1),
        ...(all.clamp === false ? ['clamp=False'] : []),
      ]);
    case 'hardmax':
      return helper('Hardmax', [String(all.dim ?? -1)]);
    case 'logsoftmax':
      return call('nn.LogSoftmax', [`dim=${String(all.dim ?? 1)}`]);
    case 'unary':
      // How the code writes the op changes no tool's count (layers/unary.ts): torch.<op>(x).
      if (all.op === 'softplus') return call('nn.Softplus');
      return helper('Unary', [`"${String(all.op)}"`, ...(all.op === 'pow' ? [String(all.exponent ?? 2)] : [])]);
    default:
      return null;
  }
}
