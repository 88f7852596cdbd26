/**
 * PyTorch modules for the shape and attention kinds the graph presets use (reshape, select, slice,
 * pad, transpose, SSD's L2Norm, nn.MultiheadAttention self-attention, Swin's window attention), split
 * from pytorch-modules.ts for size. Each writes what the kind's doc comment says PyTorch computes;
 * dims count the batch as 0, as in FlopLab's fields, so they are passed to torch unchanged.
 */
import type { Shape } from '../format/model';
import type { Params } from '../layers/kind';
import { WINDOW_ATTENTION } from './pytorch-swin';

/** Helper modules these kinds need, written into the file when used. */
export const OPS_HELPERS: Record<string, string> = {
  Reshape: `class Reshape(nn.Module):
    """x.reshape(N, *shape): the shape without the batch, one entry may be -1."""

    def __init__(self, *shape):
        super().__init__()
        self.shape = shape

    def forward(self, x):
        return x.reshape(x.shape[0], *self.shape)`,
  Select: `class Select(nn.Module):
    """x.select(dim, index): one index along dim, the dim dropped (a ViT's x[:, 0])."""

    def __init__(self, dim, index):
        super().__init__()
        self.dim, self.index = dim, index

    def forward(self, x):
        return x.select(self.dim, self.index)`,
  Slice: `class Slice(nn.Module):
    """x[..., start:end:step, ...] along dim (Python's rules for negative and past-the-end indices)."""

    def __init__(self, dim, start=None, end=None, step=None):
        super().__init__()
        self.dim, self.part = dim, slice(start, end, step)

    def forward(self, x):
        index = [slice(None)] * x.dim()
        index[self.dim] = self.part
        return x[tuple(index)]`,
  Pad: `class Pad(nn.Module):
    """F.pad(x, pad) with zeros: (before, after) pairs from the last dim."""

    def __init__(self, *pad):
        super().__init__()
        self.pad = pad

    def forward(self, x):
        return nn.functional.pad(x, self.pad)`,
  Transpose: `class Transpose(nn.Module):
    """x.transpose(dim0, dim1)."""

    def __init__(self, dim0, dim1):
        super().__init__()
        self.dim0, self.dim1 = dim0, dim1

    def forward(self, x):
        return x.transpose(self.dim0, self.dim1)`,
  L2Norm: `class L2Norm(nn.Module):
    """weight * x / ||x|| over the channels of each position (or over C·H·W per image: across_spatial),
    as SSD's L2Norm / Caffe's Normalize; one weight per channel, or one shared (channels=1)."""

    def __init__(self, channels, across_spatial=False):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(channels))
        self.across_spatial = across_spatial

    def forward(self, x):
        if self.across_spatial:
            x = nn.functional.normalize(x.flatten(1), dim=1).view_as(x)
        else:
            x = nn.functional.normalize(x, dim=1)
        return self.weight.view(1, -1, 1, 1) * x`,
  SelfAttention: `class SelfAttention(nn.MultiheadAttention):
    """nn.MultiheadAttention(E, H, batch_first=True) called as attn(x, x, x): the output, not the weights."""

    def __init__(self, embed_dim, num_heads, bias=True, need_weights=True):
        super().__init__(embed_dim, num_heads, bias=bias, batch_first=True)
        self.need_weights = need_weights

    def forward(self, x):
        return super().forward(x, x, x, need_weights=self.need_weights)[0]`,
  Squeeze: `class Squeeze(nn.Module):
    """x.squeeze(dim) or x.unsqueeze(dim) (unsqueeze=True)."""

    def __init__(self, dim, unsqueeze=False):
        super().__init__()
        self.dim, self.unsqueeze = dim, unsqueeze

    def forward(self, x):
        return x.unsqueeze(self.dim) if self.unsqueeze else x.squeeze(self.dim)`,
  Expand: `class Expand(nn.Module):
    """x.expand(N, *shape): a broadcast view to the shape without the batch."""

    def __init__(self, *shape):
        super().__init__()
        self.shape = shape

    def forward(self, x):
        return x.expand(x.shape[0], *self.shape)`,
  ScalarOp: `class ScalarOp(nn.Module):
    """torch.add / sub / mul / div of the tensor and a number (x * 0.125)."""

    def __init__(self, op, scalar):
        super().__init__()
        self.op, self.scalar = op, scalar

    def forward(self, x):
        return getattr(torch, self.op)(x, self.scalar)`,
  WindowAttention: WINDOW_ATTENTION,
};

type Emit = (name: string, args?: string[]) => string[];

/** The module for one of these kinds, or null for a kind this file does not write (arguments as ndModule's). */
export function opsModule(
  type: string,
  p: Params,
  all: Params,
  input: Shape,
  output: Shape,
  helper: Emit,
  kw: (args: Record<string, unknown>) => string[],
): string[] | null {
  switch (type) {
    case 'reshape':
      return helper('Reshape', (all.shape as number[]).map(String));
    case 'select':
      return helper('Select', [String(all.dim), String(all.index)]);
    case 'slice': {
      // The field defaults (0, to the end, 1) are Python's: written as None, as x[a:] leaves them out.
      const end = (all.end as number) >= 1_000_000_000 ? undefined : all.end;
      return helper('Slice', [String(all.dim), ...kw({ start: p.start || undefined, end, step: p.step })]);
    }
    case 'pad':
      return helper('Pad', (all.pad as number[]).map(String));
    case 'squeeze':
      return helper('Squeeze', [String(all.dim)]);
    case 'unsqueeze':
      return helper('Squeeze', [String(all.dim), 'unsqueeze=True']);
    case 'expand':
      // The output shape (FlopLab's broadcast of input and target): the same view, every dim given.
      return helper('Expand', output.map(String));
    case 'add':
    case 'sub':
    case 'mul':
    case 'div':
      // A number as the other operand; tensors only as a graph's join (pytorch-graph.ts).
      if (typeof all.scalar !== 'number' || !Number.isFinite(all.scalar)) return null;
      return helper('ScalarOp', [`"${type}"`, String(all.scalar)]);
    case 'transpose':
      return helper('Transpose', [String(all.dim0), String(all.dim1)]);
    case 'l2norm':
      return helper('L2Norm', [
        all.channel_shared ? '1' : String(input[0]),
        ...kw({ across_spatial: all.across_spatial ? true : undefined }),
      ]);
    case 'attention':
      return helper('SelfAttention', [
        String(input[1]),
        String(all.heads),
        ...kw({ bias: p.bias, need_weights: all.need_weights ? undefined : false }),
      ]);
    case 'windowattention':
      return helper('WindowAttention', [
        String(input[2]),
        String(all.window),
        String(all.shift),
        String(all.heads),
        ...kw({ qkv_bias: p.qkv_bias, proj_bias: p.proj_bias, version: all.version === 2 ? 2 : undefined }),
      ]);
    default:
      return null;
  }
}
