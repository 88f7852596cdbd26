/**
 * The PyTorch module expressions (split from pytorch.ts): one torch.nn module, or a small helper
 * module defined in the file, per FlopLab layer kind; blocks as nested modules (Residual, Concat,
 * nn.Sequential per repeat iteration). Used by the stack writer (pytorch.ts) for the whole model and
 * by the graph writer (pytorch-graph.ts) for each layer and each plain block.
 */
import { say } from '../messages';
import type { Pair } from '../format/model';
import type { BlockVisit, LeafVisit } from './walk';
import { convTransposeKwargs, ND_HELPERS, ndModule } from './pytorch-nd';
import { OPS_HELPERS, opsModule } from './pytorch-ops';
import { pythonCommentText } from './escape';
/** A module expression: its lines, the innermost indented by the caller. */
export type Code = string[];

export const HELPERS: Record<string, string> = {
  Residual: `class Residual(nn.Module):
    """body(x) + shortcut(x); no shortcut = identity."""

    def __init__(self, body, shortcut=None):
        super().__init__()
        self.body = body
        self.shortcut = shortcut if shortcut is not None else nn.Identity()

    def forward(self, x):
        return self.body(x) + self.shortcut(x)`,
  Scale: `class Scale(nn.Module):
    """x * body(x), broadcast (squeeze-and-excitation)."""

    def __init__(self, body):
        super().__init__()
        self.body = body

    def forward(self, x):
        return x * self.body(x)`,
  Concat: `class Concat(nn.Module):
    """Channel concatenation of the branches (nn.Identity = the input itself)."""

    def __init__(self, *branches):
        super().__init__()
        self.branches = nn.ModuleList(branches)

    def forward(self, x):
        return torch.cat([b(x) for b in self.branches], 1)`,
  Aux: `class Aux(nn.Module):
    """Training-only auxiliary head: its parameters exist, inference passes x on."""

    def __init__(self, body):
        super().__init__()
        self.body = body

    def forward(self, x):
        return x`,
  Chunk: `class Chunk(nn.Module):
    """x.chunk(chunks, dim=1)[index]."""

    def __init__(self, chunks, index):
        super().__init__()
        self.chunks, self.index = chunks, index

    def forward(self, x):
        return x.chunk(self.chunks, 1)[self.index]`,
  Mean: `class Mean(nn.Module):
    """x.mean(dims, keepdim): e.g. a global average pool written as x.mean([2, 3])."""

    def __init__(self, *dims, keepdim=False):
        super().__init__()
        self.dims, self.keepdim = dims, keepdim

    def forward(self, x):
        return x.mean(self.dims, keepdim=self.keepdim)`,
  Permute: `class Permute(nn.Module):
    """x.permute(dims), as torchvision.ops.misc.Permute (ConvNeXt's channels-last blocks)."""

    def __init__(self, *dims):
        super().__init__()
        self.dims = dims

    def forward(self, x):
        return x.permute(*self.dims)`,
  LayerScale: `class LayerScale(nn.Module):
    """Learnable per-channel scale gamma (ConvNeXt)."""

    def __init__(self, channels):
        super().__init__()
        self.gamma = nn.Parameter(torch.ones(channels, 1, 1))

    def forward(self, x):
        return x * self.gamma`,
  LayerNorm2d: `class LayerNorm2d(nn.LayerNorm):
    """LayerNorm over the channels of each position (torchvision ConvNeXt)."""

    def forward(self, x):
        return super().forward(x.permute(0, 2, 3, 1)).permute(0, 3, 1, 2)`,
};

export const py = (v: unknown): string =>
  typeof v === 'boolean'
    ? v
      ? 'True'
      : 'False'
    : typeof v === 'string'
      ? `"${v}"`
      : Array.isArray(v)
        ? `(${v.map(py).join(', ')})`
        : String(v);
const size = (v: unknown) => py(v as Pair);
export const kw = (args: Record<string, unknown>) =>
  Object.entries(args)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${py(v)}`);

export class Generator {
  readonly used = new Set<string>();

  leaf = ({ kind, params: all, input, output, spec }: LeafVisit): Code => {
    const C = input[0];
    // Only fields the model sets are written: FlopLab's defaults are PyTorch's defaults.
    const p = Object.fromEntries(Object.entries(all).filter(([k]) => spec[k] !== undefined));
    const call = (name: string, args: string[] = []) => [`${name}(${args.join(', ')}),${comment(spec.name)}`];
    const helper = (name: string, args: string[] = []) => {
      this.used.add(name);
      return call(name, args);
    };
    switch (kind.type) {
      case 'conv2d':
        return call('nn.Conv2d', [
          String(C),
          String(p.out),
          `kernel_size=${size(p.kernel)}`,
          ...kw({ stride: p.stride, padding: p.padding, dilation: p.dilation, groups: p.groups, bias: p.bias }),
        ]);
      case 'convtranspose2d':
        return call('nn.ConvTranspose2d', [
          String(C),
          String(p.out),
          `kernel_size=${size(p.kernel)}`,
          ...kw(convTransposeKwargs(p)),
        ]);
      case 'linear':
        // in_features is the last dim (tokens [L, D] → D).
        return call('nn.Linear', [String(input[input.length - 1]), String(p.out), ...kw({ bias: p.bias })]);
      case 'batchnorm2d':
        return call('nn.BatchNorm2d', [String(C), ...kw({ affine: p.affine })]);
      case 'layernorm':
        if (((all.dims as number | undefined) ?? 1) > 1) {
          const shape = input.slice(-(all.dims as number)).join(', ');
          return call('nn.LayerNorm', [`(${shape})`, ...kw({ elementwise_affine: p.affine })]);
        }
        if (input.length === 3 && !all.last)
          return helper('LayerNorm2d', [String(C), ...kw({ elementwise_affine: p.affine })]);
        return call('nn.LayerNorm', [String(input[input.length - 1]), ...kw({ elementwise_affine: p.affine })]);
      case 'lrn':
        return call('nn.LocalResponseNorm', [String(all.size), ...kw({ alpha: p.alpha, beta: p.beta, k: p.k })]);
      case 'maxpool2d':
      case 'avgpool2d':
        if (kind.type === 'avgpool2d' && p.dilation !== undefined && p.dilation !== 1)
          throw new Error(say('export.avgDilation', { type: kind.type }));
        return call(kind.type === 'maxpool2d' ? 'nn.MaxPool2d' : 'nn.AvgPool2d', [
          `kernel_size=${size(p.kernel)}`,
          ...kw({ stride: p.stride, padding: p.padding, dilation: p.dilation, ceil_mode: p.ceil }),
        ]);
      case 'adaptiveavgpool2d':
        return call('nn.AdaptiveAvgPool2d', [size(all.out)]);
      case 'adaptivemaxpool2d':
        return call('nn.AdaptiveMaxPool2d', [size(all.out)]);
      case 'flatten':
        return call('nn.Flatten', kw({ start_dim: p.start, end_dim: p.end }));
      case 'relu':
        return call('nn.ReLU');
      case 'relu6':
        return call('nn.ReLU6');
      case 'leakyrelu':
        return call('nn.LeakyReLU', kw({ negative_slope: p.negative_slope }));
      case 'prelu':
        return call('nn.PReLU', kw({ num_parameters: p.num_parameters }));
      case 'elu':
        return call('nn.ELU', kw({ alpha: p.alpha }));
      case 'sigmoid':
        return call('nn.Sigmoid');
      case 'tanh':
        return call('nn.Tanh');
      case 'hardswish':
        return call('nn.Hardswish');
      case 'hardsigmoid':
        return call('nn.Hardsigmoid');
      case 'silu':
        return call('nn.SiLU');
      case 'gelu':
        return call('nn.GELU', p.approximate === 'tanh' ? ["approximate='tanh'"] : []);
      case 'softmax':
        return call('nn.Softmax', [`dim=${String(all.dim ?? 1)}`]);
      case 'dropout':
        return call('nn.Dropout', kw({ p: p.p }));
      case 'identity':
      case 'shapeops': // an imported file's shape arithmetic: nothing to compute on the data
        return call('nn.Identity');
      case 'upsample':
        return call('nn.Upsample', [
          ...(p.size !== undefined ? [`size=${size(p.size)}`] : [`scale_factor=${p.scale}`]),
          ...kw({ mode: p.mode, align_corners: all.mode === 'nearest' ? undefined : false }),
        ]);
      case 'channelshuffle':
        return call('nn.ChannelShuffle', [String(all.groups)]);
      case 'chunk':
        return helper('Chunk', [String(all.chunks), String(all.index)]);
      case 'layerscale':
        return helper('LayerScale', [String(C)]);
      case 'permute':
        return helper('Permute', (all.dims as number[]).map(String));
      case 'mean':
        return helper('Mean', [...(all.dims as number[]).map(String), ...(all.keepdim ? ['keepdim=True'] : [])]);
      default: {
        const nd =
          ndModule(kind.type, p, all, input, call, helper, py, kw) ??
          opsModule(kind.type, p, all, input, output, helper, kw);
        if (nd) return nd;
        throw new Error(say('export.noPytorch', { type: kind.type }));
      }
    }
  };

  block = ({ kind, params: p, spec, lists }: BlockVisit<Code>): Code => {
    const seq = (items: Code[]): Code =>
      items.length ? ['nn.Sequential(', ...indent(items.flat()), '),'] : ['nn.Identity(),'];
    const wrap = (name: string, parts: Code[]): Code => [
      `${name}(`,
      ...indent(parts.flat()),
      `),${comment(spec.name)}`,
    ];
    const helper = (name: string, parts: Code[]) => {
      this.used.add(name);
      return wrap(name, parts);
    };
    switch (kind.type) {
      case 'residual': {
        const [body, shortcut] = lists;
        return helper('Residual', shortcut.items.length ? [seq(body.items), seq(shortcut.items)] : [seq(body.items)]);
      }
      case 'scale':
        return helper('Scale', [seq(lists[0].items)]);
      case 'concat':
        return helper(
          'Concat',
          lists.map((l) => seq(l.items)),
        );
      case 'aux':
        return helper('Aux', [seq(lists[0].items)]);
      case 'repeat':
        // One Sequential per iteration: PyTorch needs a separate module (own weights) for each.
        return wrap(
          'nn.Sequential',
          lists.map((l) => seq(l.items)),
        );
      default:
        throw new Error(`no PyTorch module for block type ${kind.type} (${p})`);
    }
  };
}

/** A layer's display name as a trailing comment, on one line, control characters escaped (escape.ts). */
export const comment = (name: string | undefined) => (name ? `  # ${pythonCommentText(name)}` : '');
export const indent = (lines: string[]) => lines.map((l) => `    ${l}`);

/** Every helper module's source by class name, in the order a file defines them. */
export const ALL_HELPERS: Readonly<Record<string, string>> = Object.assign({}, HELPERS, ND_HELPERS, OPS_HELPERS);

/** The helper classes `used` names, each followed by two blank lines (the file's preamble). */
export const helperSource = (used: ReadonlySet<string>): string =>
  Object.keys(ALL_HELPERS)
    .filter((h) => used.has(h))
    .map((h) => `${ALL_HELPERS[h]}\n\n\n`)
    .join('');
