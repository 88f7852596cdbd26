/**
 * Explains one evaluated row: each quantity (output size, parameters, the convention's count,
 * MACs) as a symbolic formula, the same formula with the layer's numbers, and its value.
 *
 * Every formula here is the very Expr the engine evaluates (the kind's `params`/`macs`, the
 * convention's rule from `ruleFor`), so `evaluate(q.expr, row.symbols)` is the row's number by
 * construction; tests/unit/teaching/explain.test.ts checks it for every layer type × convention.
 * Output-size formulas are built here from PyTorch's shape rules and checked against the
 * engine's output shape; a formula that disagrees is dropped rather than shown wrong.
 * Pure: no DOM, no React. The UI renders the TeX with KaTeX.
 */
import { add, ceildiv, evaluate, floordiv, mul, sub, sym, symbolsOf, type Expr, type Symbols } from './expr';
import { symbolTex, toTex, toText } from './tex';
import type { Row } from './evaluate';
import { conventionById } from './conventions/registry';
import { ruleFor, type Convention, type Unit } from './conventions/types';
import { kindOf, isBlock } from './layers/registry';
import { say } from './messages';

export type QuantityId = 'outH' | 'outW' | 'params' | 'count' | 'macs';

export interface Quantity {
  readonly id: QuantityId;
  /** English label; the UI translates by `id`. */
  readonly label: string;
  /** The formula the number comes from (null: the count is 0 because there is no rule). */
  readonly expr: Expr | null;
  /** Symbolic TeX (`C_{out} \cdot H_{out} \cdots`). */
  readonly tex: string;
  /** The same TeX with this layer's numbers substituted. */
  readonly substituted: string;
  readonly value: bigint;
  readonly unit?: Unit;
  /** Plain words: a convention's remark on this type, a rounding rule, why a count is 0. */
  readonly note?: string;
}

export interface SymbolUse {
  readonly name: string;
  readonly tex: string;
  readonly value: number;
}

export interface Explanation {
  readonly path: string;
  readonly type: string;
  readonly label: string;
  readonly convention: { readonly id: string; readonly name: string; readonly unit: Unit };
  readonly quantities: readonly Quantity[];
  /** The symbols the formulas use, with this layer's values (the legend). */
  readonly symbols: readonly SymbolUse[];
  /** Where the seed article's formula for this kind differs from what the tools do. */
  readonly seedNotes: readonly string[];
  /** Set for blocks: their own row counts only the combining op. */
  readonly blockNote?: string;
}

export type ExplainResult =
  { readonly ok: true; readonly explanation: Explanation } | { readonly ok: false; readonly error: string };

const WINDOWED = new Set(['conv2d', 'maxpool2d', 'avgpool2d', 'convtranspose2d']);

/** PyTorch's output-size rule along one axis, as an Expr over this kind's symbols. */
function outSizeExpr(type: string, s: Symbols, p: Readonly<Record<string, unknown>> | null, axis: 'h' | 'w'): Expr {
  const [I, K, S, P, D, OP] =
    axis === 'h' ? ['Hin', 'Kh', 'Sh', 'Ph', 'Dh', 'OPh'] : ['Win', 'Kw', 'Sw', 'Pw', 'Dw', 'OPw'];
  if (type === 'convtranspose2d')
    // (in − 1)·S − 2·P + D·(K − 1) + output_padding + 1 (torch.nn.ConvTranspose2d docs).
    return add(sub(mul(sub(I, 1), S), mul(2, P)), mul(D, sub(K, 1)), OP, 1);
  // padding="same" keeps the size (PyTorch pads asymmetrically for an even kernel).
  if (p?.padding === 'same') return sym(I);
  // floor((in + 2·P − D·(K − 1) − 1) / S) + 1; with D = 1 it reads (in + 2·P − K) / S + 1.
  const span =
    s[D] === undefined || s[D] === 1 ? sub(add(I, mul(2, P)), K) : sub(sub(add(I, mul(2, P)), mul(D, sub(K, 1))), 1);
  return add(p?.ceil === true ? ceildiv(span, S) : floordiv(span, S), 1);
}

function outputQuantities(row: Row, s: Symbols): Quantity[] {
  if (!WINDOWED.has(row.type) || !row.output || row.output.length !== 3) return [];
  const out: Quantity[] = [];
  for (const axis of ['h', 'w'] as const) {
    const actual = BigInt(row.output[axis === 'h' ? 1 : 2]);
    let e = outSizeExpr(row.type, s, row.params_, axis);
    let note: string | undefined;
    if (evaluate(e, s) !== actual && row.params_?.ceil === true) {
      // PyTorch's pooling_output_shape drops a last window that would start in the right padding.
      e = sub(e, 1);
      note = 'Ceil mode: the last window would start beyond the input, so PyTorch drops it (− 1).';
    }
    if (evaluate(e, s) !== actual) continue; // never show a formula that disagrees with the engine
    if (row.params_?.padding === 'same') note = 'padding="same": the output keeps the input size (stride 1).';
    out.push(quantity(axis === 'h' ? 'outH' : 'outW', axis === 'h' ? 'Output height' : 'Output width', e, s, note));
  }
  return out;
}

function quantity(id: QuantityId, label: string, e: Expr, s: Symbols, note?: string, unit?: Unit): Quantity {
  return {
    id,
    label,
    expr: e,
    tex: toTex(displayExpr(e, s)),
    substituted: toTex(displayExpr(e, s), s),
    value: evaluate(e, s),
    ...(unit ? { unit } : {}),
    ...(note ? { note } : {}),
  };
}

/** The convention's formula for a row's type (null: no rule, counts 0). */
export function countExpr(c: Convention, type: string, s: Symbols): Expr | null {
  return ruleFor(c, type, s);
}

function countQuantity(c: Convention, row: Row, s: Symbols): Quantity {
  const e = countExpr(c, row.type, s);
  const remark = c.notes?.[row.type];
  const label = `${c.name} count`;
  if (row.trainingOnly)
    return {
      id: 'count',
      label,
      expr: null,
      tex: '0',
      substituted: '0',
      value: 0n,
      unit: c.unit,
      note: 'Inside a training-only block (auxiliary head): its parameters count, its inference compute does not.',
    };
  if (!e)
    return {
      id: 'count',
      label,
      expr: null,
      tex: '0',
      substituted: '0',
      value: 0n,
      unit: c.unit,
      note: remark ?? `${c.name} has no rule for ${row.type}: 0.`,
    };
  const perImage = c.batchScaling === 'per-image' ? ' Reported for one image whatever the batch.' : '';
  return quantity('count', label, e, s, (remark ?? '') + perImage || undefined, c.unit);
}

/** Every symbol the quantities use, with its value (a legend under the formulas). */
function legend(quantities: readonly Quantity[], s: Symbols): SymbolUse[] {
  const names: string[] = [];
  for (const q of quantities) if (q.expr) symbolsOf(q.expr, names);
  return names.filter((n) => s[n] !== undefined).map((name) => ({ name, tex: symbolTex(name), value: s[name] }));
}

/** Explains `row` under convention `conventionId`. Never throws. */
export function explainRow(row: Row, conventionId: string): ExplainResult {
  try {
    const c = conventionById(conventionId);
    if (!c) return { ok: false, error: say('edit.unknownConvention', { id: conventionId }) };
    if (row.error) return { ok: false, error: row.error };
    const s = row.symbols;
    const kind = kindOf(row.type);
    if (!s || !kind) return { ok: false, error: say('explain.noNumbers', { path: row.path }) };
    const quantities: Quantity[] = [...outputQuantities(row, s)];
    const block = isBlock(kind);
    if (!block) {
      const shares = row.params_?.shares;
      quantities.push(
        typeof shares === 'string'
          ? {
              id: 'params',
              label: 'Parameters',
              expr: null,
              tex: '0',
              substituted: '0',
              value: 0n,
              note: `The weights of “${shares}”, counted on its row.`,
            }
          : quantity('params', 'Parameters', kind.params, s),
      );
      if (kind.macs) {
        const macs = row.trainingOnly ? null : kind.macs;
        quantities.push(
          macs
            ? quantity('macs', 'MACs (conv/linear, no bias)', macs, s, undefined, 'MAC')
            : {
                id: 'macs',
                label: 'MACs (conv/linear, no bias)',
                expr: null,
                tex: '0',
                substituted: '0',
                value: 0n,
                unit: 'MAC',
              },
        );
      }
    }
    quantities.push(countQuantity(c, row, s));
    return {
      ok: true,
      explanation: {
        path: row.path,
        type: row.type,
        label: kind.label,
        convention: { id: c.id, name: c.name, unit: c.unit },
        quantities,
        symbols: legend(quantities, s),
        seedNotes: seedVsTools(row.type, s),
        ...(block
          ? { blockNote: 'A block’s own count is its combining step; the layers inside count on their own rows.' }
          : {}),
      },
    };
  } catch (err) {
    return { ok: false, error: say('explain.cannot', { path: row.path, error: (err as Error).message }) };
  }
}

/** A product term of an expanded formula: sign·coefficient·factors (factors sorted by text). */
interface Monomial {
  readonly coef: number;
  readonly factors: readonly Expr[];
}

/** Expanded terms beyond which a formula is compared as a whole (keeps the diff readable). */
const MAX_TERMS = 16;

/** Distributes products over sums: N·(a + b) → N·a, N·b. Non-arithmetic nodes stay atoms. */
function expand(e: Expr): Monomial[] {
  switch (e.k) {
    case 'num':
      return [{ coef: e.v, factors: [] }];
    case 'add':
      return e.args.flatMap(expand);
    case 'sub':
      return [...expand(e.a), ...expand(e.b).map((m) => ({ coef: -m.coef, factors: m.factors }))];
    case 'mul': {
      let acc: Monomial[] = [{ coef: 1, factors: [] }];
      for (const a of e.args) {
        const next: Monomial[] = [];
        for (const x of acc)
          for (const y of expand(a)) next.push({ coef: x.coef * y.coef, factors: [...x.factors, ...y.factors] });
        acc = next;
        if (acc.length > MAX_TERMS) return [{ coef: 1, factors: [e] }];
      }
      return acc;
    }
    default:
      return [{ coef: 1, factors: [e] }];
  }
}

/** Expanded terms as TeX (and their value where `s` is given), keyed by a canonical text (sign and coefficient included). */
function termMap(e: Expr | null, s?: Symbols): Map<string, { tex: string; value: bigint }> {
  const out = new Map<string, { tex: string; value: bigint }>();
  if (!e) return out;
  let terms = expand(e);
  if (terms.length > MAX_TERMS) terms = [{ coef: 1, factors: [e] }];
  for (const t of terms) {
    if (t.coef === 0) continue;
    const sorted = [...t.factors].sort((a, b) => toText(a).localeCompare(toText(b)));
    const key = `${t.coef}|${sorted.map((f) => toText(f)).join('*')}`;
    const abs = Math.abs(t.coef);
    const parts = [...(abs !== 1 || sorted.length === 0 ? [String(abs)] : []), ...sorted.map((f) => toTex(f))];
    const tex = (t.coef < 0 ? '-' : '+') + ' ' + parts.join(' \\cdot ');
    const value = s ? evaluate(mul(t.coef, ...t.factors), s) : 0n;
    const had = out.get(key);
    out.set(key, had ? { tex: `${had.tex} ${tex}`, value: had.value + value } : { tex, value });
  }
  return out;
}

export interface TermChange {
  /** Terms of `to` that `from` does not have (TeX, each starting with its sign). */
  readonly added: readonly string[];
  /** Terms of `from` that `to` does not have. */
  readonly removed: readonly string[];
  /** Terms both have. */
  readonly kept: readonly string[];
}

/**
 * Which terms change when the same layer is counted by another convention. Both formulas are
 * expanded into sums of products and compared term by term, so thop's conv
 * `N·Cout·Ho·Wo·(Cin/g)·Kh·Kw` against torchinfo's `N·Ho·Wo·(Cout·(Cin/g)·Kh·Kw + b·Cout)`
 * keeps the MAC term and adds the bias term `b·Cout·N·Ho·Wo`.
 */
export function changedTerms(from: Expr | null, to: Expr | null, s?: Symbols): TermChange {
  const a = termMap(from, s);
  const b = termMap(to, s);
  let added = [...b].filter(([k]) => !a.has(k)).map(([, t]) => t);
  let removed = [...a].filter(([k]) => !b.has(k)).map(([, t]) => t);
  // With the layer's numbers: a term written differently but worth the same (numel_out / N and
  // C_out·H_out·W_out) is no difference; such pairs are dropped.
  if (s)
    for (const t of [...added]) {
      const i = removed.findIndex((r) => r.value === t.value);
      if (i >= 0) {
        removed = removed.filter((_r, k) => k !== i);
        added = added.filter((x) => x !== t);
      }
    }
  return {
    added: added.map((t) => t.tex),
    removed: removed.map((t) => t.tex),
    kept: [...b].filter(([k]) => a.has(k)).map(([, t]) => t.tex),
  };
}

/**
 * The Expr as it is shown for these symbol values: a `div` whose quotient is not whole here
 * (DeepSpeed's (Cout/g)/g) is drawn as the floor it evaluates to, so the substituted TeX reads
 * the way it computes. Same value, by construction (div and floordiv evaluate alike).
 */
export function displayExpr(e: Expr, s: Symbols): Expr {
  switch (e.k) {
    case 'num':
    case 'sym':
      return e;
    case 'add':
    case 'mul':
      return { k: e.k, args: e.args.map((a) => displayExpr(a, s)) };
    default: {
      const a = displayExpr(e.a, s);
      const b = displayExpr(e.b, s);
      if (e.k === 'div' && evaluate(e.a, s) % evaluate(e.b, s) !== 0n) return floordiv(a, b);
      return { k: e.k, a, b } as Expr;
    }
  }
}

// ---- the seed article against the tools (shared/reference/conventions.md) -----------------

const ACTIVATION_NOTE =
  'The seed article counts 1 operation per output element (Hout·Wout·Cout) but suggests leaving activations out of totals; thop, fvcore, torch and torchinfo count 0, ptflops counts nn.ReLU twice (module hook + patched F.relu).';

/**
 * Plain-words notes on where the seed article's formula for `type` differs from what the tools
 * do, with this layer's numbers where they make the point. Sources: shared/seed (RaySue 2020)
 * as summarised in shared/reference/conventions.md, "How the seed article relates to the tools".
 */
export function seedVsTools(type: string, s: Symbols): string[] {
  const n = (x: number) => x.toLocaleString('en');
  switch (type) {
    case 'conv2d': {
      const out = [
        'The article counts a conv with bias as 2·K²·Cin·HoWo·Cout, which is what torch and DeepSpeed count (2 FLOPs per MAC, bias ignored); without bias it subtracts one add per output, (2·K²·Cin − 1)·HoWo·Cout, which no tool does.',
      ];
      if (s.g > 1)
        out.push(
          `Groups are missing from the article's formula: it has Cin where the weights see Cin/g. Read literally it would count this layer (g = ${n(s.g)}) ${n(s.g)}× too high; FlopLab and every tool use Cin/g = ${n(s.Cin / s.g)}.`,
        );
      return out;
    }
    case 'linear':
      return [
        `The article counts a fully connected layer without bias as (2I − 1)·O: I multiplies and I − 1 adds per output (here (2·${n(s.I)} − 1)·${n(s.O)}). No tool does: torch and DeepSpeed count 2·I·O, ptflops, torchinfo and onnx-tool I·O + O (bias), thop and fvcore I·O MACs.`,
      ];
    case 'maxpool2d':
    case 'adaptivemaxpool2d':
      return [
        `The article counts max pooling as Hout·Wout — one operation per output ("take the max") and no channel factor. FlopLab multiplies by the channels C (= ${n(s.C ?? s.Cin)}) and the batch; the exact cost is Kh·Kw − 1 comparisons per output. thop, fvcore, torch and torchinfo count 0.`,
      ];
    case 'avgpool2d': {
      const out = [
        'The article counts average pooling as (Sh·Sw − 1 + 1)·Hout·Wout: adds over a window the size of the *stride*, plus one divide, without the channels C. The window is really the kernel; the two agree only when stride = kernel.',
      ];
      if (s.Sh !== s.Kh || s.Sw !== s.Kw)
        out.push(
          `Here they differ: stride ${s.Sh}×${s.Sw} against kernel ${s.Kh}×${s.Kw}, so the article's formula gives ${s.Sh * s.Sw} operations per output where the window has ${s.Kh * s.Kw} elements.`,
        );
      return out;
    }
    case 'sigmoid':
      return [
        'The article counts a sigmoid as 4 operations per element (negate, exp, add 1, reciprocal). No tool agrees: onnx-tool counts 32 per element, thop, ptflops, torch, DeepSpeed and torchinfo 0, fvcore 0 with an "unsupported operator" warning.',
      ];
    case 'relu':
    case 'relu6':
    case 'leakyrelu':
    case 'prelu':
    case 'elu':
      return [ACTIVATION_NOTE];
    case 'batchnorm2d':
      return [
        'The article does not count batch norm. The tools disagree widely: thop 4 per element, fvcore/ptflops/DeepSpeed 2, torchinfo 2 per channel, torch 0, onnx-tool 31.',
      ];
    case 'residual':
      return [
        'The article says "don’t forget the shortcut adds" (one per output element). All six PyTorch tools count `out += identity` as 0; only an explicit torch.add is counted (ptflops, DeepSpeed).',
      ];
    default:
      return [];
  }
}
