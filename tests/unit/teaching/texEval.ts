/**
 * Evaluates the TeX that src/engine/tex.ts writes with numbers substituted (`2 \times 3 + 1`,
 * `\left\lfloor \frac{a}{b} \right\rfloor`, `\max\left(a, b\right)`), independently of the
 * engine's Expr evaluator: the tests read the formula a student sees and compute it again.
 * Throws on a symbol left in the text or on any construct it does not know.
 */

type Tok = string;

function tokenize(tex: string): Tok[] {
  const out: Tok[] = [];
  const re =
    /\s*(\\left\\lfloor|\\right\\rfloor|\\left\\lceil|\\right\\rceil|\\left\(|\\right\)|\\frac|\\times|\\cdot|\\max|\\min|\d+(?:\.\d+)?|[-+/{},])/y;
  let i = 0;
  while (i < tex.length) {
    if (/^\s*$/.test(tex.slice(i))) break;
    re.lastIndex = i;
    const m = re.exec(tex);
    if (!m) throw new Error(`cannot read TeX at "${tex.slice(i, i + 20)}"`);
    out.push(m[1]);
    i = re.lastIndex;
  }
  return out;
}

const floorDiv = (a: bigint, b: bigint): bigint => {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
};

export function evalTex(tex: string): bigint {
  const t = tokenize(tex);
  let p = 0;
  const expect = (tok: string) => {
    if (t[p] !== tok) throw new Error(`expected ${tok} at token ${p} (${t[p]}) in ${tex}`);
    p++;
  };
  const sum = (): bigint => {
    let v = product();
    while (t[p] === '+' || t[p] === '-') {
      const op = t[p++];
      const r = product();
      v = op === '+' ? v + r : v - r;
    }
    return v;
  };
  const product = (): bigint => {
    let v = atom();
    while (t[p] === '\\times' || t[p] === '\\cdot' || t[p] === '/') {
      const op = t[p++];
      const r = atom();
      if (op === '/') {
        if (v % r !== 0n) throw new Error(`inexact division ${v}/${r} in ${tex}`);
        v = v / r;
      } else v = v * r;
    }
    return v;
  };
  const frac = (): [bigint, bigint] => {
    expect('\\frac');
    expect('{');
    const a = sum();
    expect('}');
    expect('{');
    const b = sum();
    expect('}');
    return [a, b];
  };
  const atom = (): bigint => {
    const tok = t[p++];
    if (tok === undefined) throw new Error(`unexpected end of ${tex}`);
    if (/^\d+$/.test(tok)) return BigInt(tok);
    if (/^\d+\.\d+$/.test(tok)) return BigInt(Math.round(Number(tok)));
    if (tok === '-') return -atom();
    if (tok === '\\left(') {
      const v = sum();
      expect('\\right)');
      return v;
    }
    if (tok === '\\left\\lfloor') {
      const [a, b] = frac();
      expect('\\right\\rfloor');
      return floorDiv(a, b);
    }
    if (tok === '\\left\\lceil') {
      const [a, b] = frac();
      expect('\\right\\rceil');
      return -floorDiv(-a, b);
    }
    if (tok === '\\max' || tok === '\\min') {
      expect('\\left(');
      const a = sum();
      expect(',');
      const b = sum();
      expect('\\right)');
      return tok === '\\max' ? (a > b ? a : b) : a < b ? a : b;
    }
    throw new Error(`unexpected "${tok}" in ${tex}`);
  };
  const v = sum();
  if (p !== t.length) throw new Error(`trailing "${t.slice(p).join(' ')}" in ${tex}`);
  return v;
}
