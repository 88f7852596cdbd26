/**
 * Renders formula expressions (see expr.ts) as TeX, with symbols or with a layer's
 * numbers substituted. Pure string building: the UI hands the result to KaTeX.
 */
import type { Expr, Symbols } from './expr';

/** How each engine symbol is written in TeX. Unlisted symbols are written as \mathrm{name}. */
export const SYMBOL_TEX: Readonly<Record<string, string>> = {
  N: 'N',
  Cin: 'C_{in}',
  Cout: 'C_{out}',
  Hin: 'H_{in}',
  Win: 'W_{in}',
  Ho: 'H_{out}',
  Wo: 'W_{out}',
  Kh: 'K_h',
  Kw: 'K_w',
  Sh: 'S_h',
  Sw: 'S_w',
  g: 'g',
  b: 'b',
  I: 'I',
  O: 'O',
  C: 'C',
  affine: 'a',
  numel_in: '\\mathrm{numel}_{in}',
  numel_out: '\\mathrm{numel}_{out}',
  inputs: 'n_{in}',
  times: 't',
  Ph: 'P_h',
  Pw: 'P_w',
  Dh: 'D_h',
  Dw: 'D_w',
  OPh: 'P^{out}_h',
  OPw: 'P^{out}_w',
};

export function symbolTex(name: string): string {
  return SYMBOL_TEX[name] ?? `\\mathrm{${name.replace(/_/g, '\\_')}}`;
}

const fmt = (v: number): string =>
  Number.isInteger(v) ? v.toString() : v.toString().replace(/e\+?/, '\\times10^{') + (/e/.test(String(v)) ? '}' : '');

const PREC: Record<Expr['k'], number> = {
  num: 9,
  sym: 9,
  max: 9,
  min: 9,
  floordiv: 9,
  ceildiv: 9,
  div: 8,
  mul: 6,
  add: 4,
  sub: 4,
};

/**
 * TeX for `e`. With `values`, every symbol is replaced by its number (the "substituted"
 * form an inspector shows next to the symbolic one).
 */
export function toTex(e: Expr, values?: Symbols): string {
  const wrap = (child: Expr, min: number): string => {
    const t = toTex(child, values);
    return PREC[child.k] < min ? `\\left(${t}\\right)` : t;
  };
  switch (e.k) {
    case 'num':
      return fmt(e.v);
    case 'sym':
      return values && values[e.name] !== undefined ? fmt(values[e.name]) : symbolTex(e.name);
    case 'add':
      return e.args.map((a) => wrap(a, 4)).join(' + ');
    case 'sub':
      return `${wrap(e.a, 4)} - ${wrap(e.b, 5)}`;
    case 'mul': {
      const sep = values ? ' \\times ' : ' \\cdot ';
      return e.args.map((a) => wrap(a, 7)).join(sep);
    }
    case 'div':
      return `${wrap(e.a, 8)} / ${wrap(e.b, 9)}`;
    case 'floordiv':
      return `\\left\\lfloor \\frac{${toTex(e.a, values)}}{${toTex(e.b, values)}} \\right\\rfloor`;
    case 'ceildiv':
      return `\\left\\lceil \\frac{${toTex(e.a, values)}}{${toTex(e.b, values)}} \\right\\rceil`;
    case 'max':
    case 'min':
      return `\\${e.k}\\left(${toTex(e.a, values)}, ${toTex(e.b, values)}\\right)`;
  }
}

/** Plain-text form (CLI, CSV, tooltips): `N*Cout*Ho*Wo*(Cin/g)*Kh*Kw`. */
export function toText(e: Expr, values?: Symbols): string {
  const wrap = (child: Expr, min: number): string => {
    const t = toText(child, values);
    return PREC[child.k] < min ? `(${t})` : t;
  };
  switch (e.k) {
    case 'num':
      return String(e.v);
    case 'sym':
      return values && values[e.name] !== undefined ? String(values[e.name]) : e.name;
    case 'add':
      return e.args.map((a) => wrap(a, 4)).join(' + ');
    case 'sub':
      return `${wrap(e.a, 4)} - ${wrap(e.b, 5)}`;
    case 'mul':
      return e.args.map((a) => wrap(a, 7)).join('·');
    case 'div':
      return `${wrap(e.a, 8)}/${wrap(e.b, 9)}`;
    case 'floordiv':
      return `floor(${toText(e.a, values)}/${toText(e.b, values)})`;
    case 'ceildiv':
      return `ceil(${toText(e.a, values)}/${toText(e.b, values)})`;
    case 'max':
    case 'min':
      return `${e.k}(${toText(e.a, values)}, ${toText(e.b, values)})`;
  }
}
