/**
 * The PyTorch writer for a model wired as a graph (layers naming their inputs with `from`, several
 * model inputs, named `outputs`): a Net whose forward names every value (`x3 = self.conv(x1)`),
 * joins written as torch calls (`torch.cat([x2, x5], 1)`, `x4 + x7`, `x2 @ x3`), the model inputs as
 * forward arguments and several outputs returned as a tuple.
 *
 * `from` is resolved here as run.ts resolves it — in evaluation order, a reference meaning the
 * latest definition of that id (or model input) before the reading layer — but once, while the code
 * is written: each id maps to the Python variable holding its value at that point, so shadowing
 * (Caffe's in-place tops, ids inside a repeat body) cannot change meaning. Every value carries the
 * batch as dim 0, as FlopLab's dims count it, so dims pass to torch unchanged.
 *
 * A block with nothing graph-like inside (no `from`, no `id`, no join kind) is written as one module,
 * as the stack writer writes it (Residual, nn.Sequential per repeat iteration …); a block whose
 * inside is wired by name is written out in the forward (a repeat once per iteration, a residual's
 * add as `+`), since a module of its own could not see the names around it.
 */
import { say } from '../messages';
import { modelInputs, refsOf, type LayerSpec, type Model, type Shape } from '../format/model';
import { isBlock, parseLayer } from '../layers/registry';
import type { BlockKind } from '../layers/block';
import type { LeafKind, Params } from '../layers/kind';
import { iterationName } from '../iteration-names';
import { walkLayer } from './walk';
import { comment, Generator, type Code } from './pytorch-modules';

interface Value {
  /** The Python variable holding it. */
  readonly v: string;
  readonly shape: Shape;
}

/** Kinds written as an expression in the forward (a torch call or operator), never as a module. */
const INLINE = new Set([
  'cat',
  'add',
  'sub',
  'mul',
  'div',
  'maximum',
  'minimum',
  'matmul',
  'einsum',
  'sdpa',
  'parameter',
]);
/** Module kinds whose forward takes several inputs (the Pow helper: torch.pow(x, y)). */
const MULTI_INPUT_MODULES = new Set(['pow']);

/** Names a module attribute or variable cannot take: Python keywords, nn.Module's own attributes, the file's imports. */
const RESERVED = new Set(
  (
    'False None True and as assert async await break class continue def del elif else except finally for from ' +
    'global if import in is lambda nonlocal not or pass raise return try while with yield match case self torch nn ' +
    'math T_destination add_module apply bfloat16 buffers call_super_init children compile cpu cuda double ' +
    'dump_patches eval extra_repr float forward get_buffer get_extra_state get_parameter get_submodule half ipu ' +
    'load_state_dict modules mtia named_buffers named_children named_modules named_parameters parameters ' +
    'register_backward_hook register_buffer register_forward_hook register_forward_pre_hook ' +
    'register_full_backward_hook register_full_backward_pre_hook register_load_state_dict_post_hook ' +
    'register_load_state_dict_pre_hook register_module register_parameter register_state_dict_post_hook ' +
    'register_state_dict_pre_hook requires_grad_ set_extra_state set_submodule share_memory state_dict to to_empty ' +
    'train training type xpu zero_grad'
  ).split(' '),
);

/** An ASCII Python identifier from a layer name (`model.22.cv2.0.0.conv` → `model_22_cv2_0_0_conv`); '' if none is left. */
export function identifier(text: string): string {
  const s = text.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  return /^[0-9]/.test(s) ? `layer_${s}` : s;
}

/** Whether any layer, at any depth, takes its input with `from` (the stack writer cannot write it). */
export function usesFrom(layers: readonly LayerSpec[]): boolean {
  return layers.some((l) => {
    if (typeof l !== 'object' || l === null) return false;
    if (l.from !== undefined) return true;
    const parsed = parseLayer(l, '');
    return !('error' in parsed) && isBlock(parsed.kind) && parsed.kind.lists(l).some((x) => usesFrom(x.layers));
  });
}

/** A block the stack writer can write as one module: nothing inside is named, wired by name or a join. */
function plain(spec: LayerSpec): boolean {
  const parsed = parseLayer(spec, '');
  if ('error' in parsed || !isBlock(parsed.kind)) return false;
  return parsed.kind.lists(spec).every((l) =>
    l.layers.every((c) => {
      if (typeof c !== 'object' || c === null) return true; // the walk reports it
      if (c.from !== undefined || c.id !== undefined || INLINE.has(c.type)) return false;
      const inner = parseLayer(c, '');
      return 'error' in inner || !isBlock(inner.kind) || plain(c);
    }),
  );
}

/** A Python number literal. */
const num = (v: unknown) => {
  const n = v as number;
  return Number.isFinite(n) ? String(n) : n > 0 ? 'math.inf' : n < 0 ? '-math.inf' : 'math.nan';
};

export interface GraphCode {
  /** Lines of __init__ after super().__init__(), unindented. */
  readonly init: string[];
  /** The forward's lines, unindented, the return last. */
  readonly forward: string[];
  /** The forward's arguments, one per model input. */
  readonly args: string[];
  /** Output shapes without the batch, in the order returned. */
  readonly outputs: Shape[];
  readonly usesMath: boolean;
}

class GraphWriter {
  readonly init: string[] = [];
  readonly forward: string[] = [];
  usesMath = false;
  private readonly taken = new Set<string>();
  private readonly scope = new Map<string, Value>();
  private n = 0;
  /** The batch size as Python reads it at run time (`x.shape[0]`), for parameters. */
  batch = '';

  constructor(private readonly gen: Generator) {}

  /** A name not yet used (and not reserved): `base`, else `base_2`, `base_3` … */
  unique(base: string): string {
    let name = base;
    for (let k = 2; this.taken.has(name) || RESERVED.has(name) || /^x\d+$/.test(name); k++) name = `${base}_${k}`;
    this.taken.add(name);
    return name;
  }

  define(name: string, value: Value): void {
    this.scope.set(name, value);
  }

  read(ref: string, path: string): Value {
    const v = this.scope.get(ref);
    if (!v) throw new Error(say('file.named', { name: path, error: say('export.unresolved', { ref }) }));
    return v;
  }

  list(layers: readonly LayerSpec[], input: Value, path: string): Value {
    let x = input;
    layers.forEach((spec, i) => {
      x = this.layer(spec, x, `${path}[${i}]`);
    });
    return x;
  }

  private layer(spec: LayerSpec, prev: Value, path: string): Value {
    const parsed = parseLayer(spec, path);
    if ('error' in parsed) throw new Error(parsed.error);
    if (spec.shares !== undefined)
      throw new Error(`${path} uses the weights of "${spec.shares}"; this writer would give it weights of its own`);
    const { kind, params } = parsed;
    const refs = refsOf(spec);
    const inputs = refs.length ? refs.map((r) => (r === -1 ? prev : this.read(r, path))) : [prev];
    const out = isBlock(kind)
      ? this.block(spec, kind, params, inputs[0], path)
      : this.leaf(spec, kind, params, inputs, path);
    if (typeof spec.id === 'string' && spec.id) this.define(spec.id, out);
    return out;
  }

  private assign(expr: string, shape: Shape): Value {
    const v = `x${++this.n}`;
    this.forward.push(`${v} = ${expr}`);
    return { v, shape };
  }

  /** The attribute a layer's module gets: its name (filled in per repeat iteration), else its id, else its type. */
  private attribute(spec: LayerSpec, path: string): string {
    const named = spec.name ? identifier(iterationName(spec.name, path)) : '';
    return this.unique(named || (spec.id ? identifier(spec.id) : '') || spec.type);
  }

  /** `self.<attr> = <module>` from a module expression as the stack writer writes it (a trailing comma, the name's comment). */
  private module(attr: string, code: Code, spec: LayerSpec): void {
    const c = comment(spec.name);
    let last = code[code.length - 1];
    if (c && last.endsWith(c)) last = last.slice(0, -c.length);
    const lines = [...code.slice(0, -1), `${last.replace(/,$/, '')}${c}`];
    lines[0] = `self.${attr} = ${lines[0]}`;
    this.init.push(...lines);
  }

  private leaf(spec: LayerSpec, kind: LeafKind, params: Params, inputs: Value[], path: string): Value {
    const none = kind.arity !== undefined && kind.arity[1] === 0;
    const shapes = none ? [] : inputs.map((i) => i.shape);
    const first = shapes[0] ?? [];
    const r = kind.shape(params, first, shapes);
    if ('error' in r) throw new Error(`${path}: ${r.error}`);
    const expr = this.inline(spec, kind.type, params, inputs, path);
    if (expr !== null) return this.assign(expr, r.output);
    const name = spec.name ? `${path} (${iterationName(spec.name, path)})` : path;
    let code: Code;
    try {
      code = this.gen.leaf({ spec, kind, params, input: first, output: r.output, path });
    } catch (err) {
      throw new Error(say('file.named', { name, error: (err as Error).message }), { cause: err });
    }
    if (inputs.length > 1 && !MULTI_INPUT_MODULES.has(kind.type))
      throw new Error(say('file.named', { name, error: say('export.pytorchInputs', { type: kind.type }) }));
    const attr = this.attribute(spec, path);
    this.module(attr, code, spec);
    return this.assign(`self.${attr}(${inputs.map((i) => i.v).join(', ')})`, r.output);
  }

  /** A join or a learned tensor as a forward expression (null: the kind is a module). */
  private inline(spec: LayerSpec, type: string, p: Params, inputs: Value[], path: string): string | null {
    const vs = inputs.map((i) => i.v);
    switch (type) {
      case 'cat':
        return `torch.cat([${vs.join(', ')}], ${String(p.dim)})`;
      case 'add':
      case 'sub':
      case 'mul':
      case 'div': {
        // (((a + b) + c) …), a number as the last operand (x * 0.125), as binary.ts counts them.
        const terms = p.scalar !== undefined ? [...vs, num(p.scalar)] : vs;
        if (p.scalar !== undefined && !Number.isFinite(p.scalar)) this.usesMath = true;
        return terms.join(` ${{ add: '+', sub: '-', mul: '*', div: '/' }[type]} `);
      }
      case 'maximum':
      case 'minimum':
        // torch.maximum takes two tensors: k inputs fold left, as the kinds count k − 1 comparisons.
        return vs.slice(1).reduce((acc, v) => `torch.${type}(${acc}, ${v})`, vs[0]);
      case 'sdpa':
        return `nn.functional.scaled_dot_product_attention(${vs.join(', ')})`;
      case 'matmul':
        // Written as the model says (the counting tools see the forms differently, layers/matmul.ts).
        if (p.call === 'function') return `torch.matmul(${vs[0]}, ${vs[1]})`;
        if (p.call === 'method') return `${vs[0]}.matmul(${vs[1]})`;
        if (p.call === 'bmm' && inputs[0].shape.length === 2) return `torch.bmm(${vs[0]}, ${vs[1]})`;
        return `${vs[0]} @ ${vs[1]}`;
      case 'einsum': {
        // The equation is per sample: the batch gets a letter of its own in front of every operand.
        const eq = String(p.equation);
        const b = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'].find((c) => !eq.includes(c)) as string;
        const [lhs, rhs] = eq.split('->');
        const batched = `${lhs
          .split(',')
          .map((s) => b + s)
          .join(',')}->${b}${rhs}`;
        return `torch.einsum("${batched}", ${vs.join(', ')})`;
      }
      case 'parameter': {
        // One tensor shared by every sample, expanded to the batch (a view, as torchvision's class_token.expand).
        const attr = this.attribute(spec, path);
        const shape = p.shape as number[];
        const zeros = `torch.zeros(${[1, ...shape].join(', ')})`;
        this.init.push(
          p.buffer
            ? `self.register_buffer("${attr}", ${zeros})${comment(spec.name)}`
            : `self.${attr} = nn.Parameter(${zeros})${comment(spec.name)}`,
        );
        return `self.${attr}.expand(${this.batch}, ${shape.map(() => '-1').join(', ')})`;
      }
      default:
        return null;
    }
  }

  private block(spec: LayerSpec, kind: BlockKind, params: Params, input: Value, path: string): Value {
    if (plain(spec)) {
      // Its own `from` is resolved here (`input`); the stack walk would refuse it.
      const own = Object.fromEntries(Object.entries(spec).filter(([k]) => k !== 'from')) as LayerSpec;
      const r = walkLayer(own, input.shape, path, this.gen);
      const attr = this.attribute(spec, path);
      this.module(attr, r.item, spec);
      return this.assign(`self.${attr}(${input.v})`, r.output);
    }
    const lists = kind.lists(spec);
    const outs: Value[] = [];
    if (kind.mode === 'repeat') {
      let x = input;
      for (let t = 0; t < (params.times as number); t++)
        x = this.list(lists[0].layers, x, `${path}#${t}.${lists[0].key}`);
      outs.push(x);
    } else for (const l of lists) outs.push(l.layers.length ? this.list(l.layers, input, `${path}.${l.key}`) : input);
    const c = kind.combine(
      params,
      input.shape,
      outs.map((o) => o.shape),
    );
    if ('error' in c) throw new Error(`${path}: ${c.error}`);
    switch (kind.type) {
      case 'repeat':
        return outs[0];
      case 'residual':
        return this.assign(`${outs[0].v} + ${outs[1].v}`, c.output);
      case 'scale':
        return this.assign(`${input.v} * ${outs[0].v}`, c.output);
      case 'concat':
        return this.assign(`torch.cat([${outs.map((o) => o.v).join(', ')}], 1)`, c.output);
      case 'aux':
        // Training-only: its layers exist (their parameters count); inference passes the input on.
        return input;
      default:
        throw new Error(say('file.named', { name: path, error: say('export.noPytorch', { type: kind.type }) }));
    }
  }
}

/** The Net's __init__ and forward for a graph model. Throws a layer's message. */
export function graphCode(model: Model, gen: Generator): GraphCode {
  const w = new GraphWriter(gen);
  const ins = modelInputs(model);
  const args = ins.length === 1 ? [w.unique('x')] : ins.map((i) => w.unique(identifier(i.name) || 'input'));
  ins.forEach((i, k) => w.define(i.name, { v: args[k], shape: i.shape }));
  w.batch = `${args[0]}.shape[0]`;
  const last = w.list(model.layers, { v: args[0], shape: ins[0].shape }, 'layers');
  const outs = model.outputs?.length ? model.outputs.map((o) => w.read(o, 'outputs')) : [last];
  w.forward.push(`return ${outs.map((o) => o.v).join(', ')}`);
  return { init: w.init, forward: w.forward, args, outputs: outs.map((o) => o.shape), usesMath: w.usesMath };
}
