/**
 * A tiny arithmetic expression language for cost formulas.
 *
 * Every formula in FlopLab (a layer's parameters, a convention's count) is an `Expr`
 * over named symbols (N, Cin, Kh, …). The same tree is evaluated to an exact integer
 * and rendered as TeX, with symbols or with the layer's numbers substituted, so the
 * formula a student reads can never drift from the number the engine reports.
 */

export type Expr =
  | { readonly k: 'num'; readonly v: number }
  | { readonly k: 'sym'; readonly name: string }
  | { readonly k: 'add' | 'mul'; readonly args: readonly Expr[] }
  | { readonly k: 'sub' | 'div' | 'floordiv' | 'ceildiv'; readonly a: Expr; readonly b: Expr }
  | { readonly k: 'max' | 'min'; readonly a: Expr; readonly b: Expr };

/** Symbol values of one layer: every symbol an Expr may name. */
export type Symbols = Readonly<Record<string, number>>;

export type ExprInput = Expr | number | string;

const lift = (e: ExprInput): Expr =>
  typeof e === 'number' ? { k: 'num', v: e } : typeof e === 'string' ? { k: 'sym', name: e } : e;

export const num = (v: number): Expr => ({ k: 'num', v });
export const sym = (name: string): Expr => ({ k: 'sym', name });
export const add = (...args: ExprInput[]): Expr => ({ k: 'add', args: args.map(lift) });
export const mul = (...args: ExprInput[]): Expr => ({ k: 'mul', args: args.map(lift) });
export const sub = (a: ExprInput, b: ExprInput): Expr => ({ k: 'sub', a: lift(a), b: lift(b) });
/** Exact division: the engine only builds it where the quotient is an integer (Cin/g). */
export const div = (a: ExprInput, b: ExprInput): Expr => ({ k: 'div', a: lift(a), b: lift(b) });
export const floordiv = (a: ExprInput, b: ExprInput): Expr => ({
  k: 'floordiv',
  a: lift(a),
  b: lift(b),
});
export const ceildiv = (a: ExprInput, b: ExprInput): Expr => ({ k: 'ceildiv', a: lift(a), b: lift(b) });
export const max = (a: ExprInput, b: ExprInput): Expr => ({ k: 'max', a: lift(a), b: lift(b) });
export const min = (a: ExprInput, b: ExprInput): Expr => ({ k: 'min', a: lift(a), b: lift(b) });
export const ZERO: Expr = num(0);

class Unsafe extends Error {}

function value(s: Symbols, name: string): number {
  const v = s[name];
  if (v === undefined) throw new Error(`formula uses unknown symbol ${name}`);
  return v;
}

function evalNum(e: Expr, s: Symbols): number {
  switch (e.k) {
    case 'num':
      return e.v;
    case 'sym':
      return value(s, e.name);
    case 'add': {
      let r = 0;
      for (const a of e.args) r += evalNum(a, s);
      if (!Number.isSafeInteger(r)) throw new Unsafe();
      return r;
    }
    case 'mul': {
      let r = 1;
      for (const a of e.args) {
        r *= evalNum(a, s);
        if (!Number.isSafeInteger(r)) throw new Unsafe();
      }
      return r;
    }
    case 'sub':
      return evalNum(e.a, s) - evalNum(e.b, s);
    case 'div':
    case 'floordiv':
      return Math.floor(evalNum(e.a, s) / evalNum(e.b, s));
    case 'ceildiv':
      return Math.ceil(evalNum(e.a, s) / evalNum(e.b, s));
    case 'max':
      return Math.max(evalNum(e.a, s), evalNum(e.b, s));
    case 'min':
      return Math.min(evalNum(e.a, s), evalNum(e.b, s));
  }
}

const bigFloorDiv = (a: bigint, b: bigint): bigint => {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
};

function evalBig(e: Expr, s: Symbols): bigint {
  switch (e.k) {
    case 'num':
    case 'sym': {
      const v = e.k === 'num' ? e.v : value(s, e.name);
      return BigInt(Number.isInteger(v) ? v : Math.round(v));
    }
    case 'add':
      return e.args.reduce((r, a) => r + evalBig(a, s), 0n);
    case 'mul':
      return e.args.reduce((r, a) => r * evalBig(a, s), 1n);
    case 'sub':
      return evalBig(e.a, s) - evalBig(e.b, s);
    case 'div':
    case 'floordiv':
      return bigFloorDiv(evalBig(e.a, s), evalBig(e.b, s));
    case 'ceildiv':
      return -bigFloorDiv(-evalBig(e.a, s), evalBig(e.b, s));
    case 'max': {
      const a = evalBig(e.a, s);
      const b = evalBig(e.b, s);
      return a > b ? a : b;
    }
    case 'min': {
      const a = evalBig(e.a, s);
      const b = evalBig(e.b, s);
      return a < b ? a : b;
    }
  }
}

/**
 * Exact integer value of `e`. Uses float arithmetic while every intermediate is a safe
 * integer (fast), and redoes the whole evaluation in BigInt otherwise (exact).
 */
export function evaluate(e: Expr, s: Symbols): bigint {
  try {
    const r = evalNum(e, s);
    if (Number.isSafeInteger(r)) return BigInt(r);
  } catch (err) {
    if (!(err instanceof Unsafe)) throw err;
  }
  return evalBig(e, s);
}

/** Names of the symbols an expression uses, in first-use order. */
export function symbolsOf(e: Expr, out: string[] = []): string[] {
  switch (e.k) {
    case 'num':
      break;
    case 'sym':
      if (!out.includes(e.name)) out.push(e.name);
      break;
    case 'add':
    case 'mul':
      e.args.forEach((a) => symbolsOf(a, out));
      break;
    default:
      symbolsOf(e.a, out);
      symbolsOf(e.b, out);
  }
  return out;
}
