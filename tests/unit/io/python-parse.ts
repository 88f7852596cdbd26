/**
 * A small Python reader for the generated PyTorch code (Python itself is not run in tests):
 * a tokenizer that checks indentation and bracket balance, and a parser for the module
 * expression inside `self.layers = nn.Sequential(...)`.
 */
export type Tok = { t: 'name' | 'num' | 'str' | 'op' | 'newline' | 'indent' | 'dedent'; v: string; line: number };

const OPS = [
  '**',
  '==',
  '!=',
  '<=',
  '>=',
  '->',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ',',
  ':',
  '.',
  '=',
  '+',
  '-',
  '*',
  '/',
  '%',
  '<',
  '>',
  '@',
];

/** Tokenizes Python source; throws on what Python would reject (bad indent, unbalanced brackets). */
export function tokenizePython(src: string): Tok[] {
  const toks: Tok[] = [];
  const indents = [0];
  const stack: string[] = [];
  // CPython refuses a NUL anywhere in source; a lone \r ends a line (a comment) where the
  // writer meant none, and this reader splits on \n only, so neither may appear.
  const bad = /[\0\r]/.exec(src);
  if (bad)
    throw new Error(
      `line ${src.slice(0, bad.index).split('\n').length}: ${bad[0] === '\0' ? 'NUL' : 'carriage return'} in source`,
    );
  const lines = src.split('\n');
  let inDoc = false;
  lines.forEach((raw, idx) => {
    const line = idx + 1;
    if (inDoc) {
      if (raw.includes('"""')) inDoc = false;
      return;
    }
    if (!raw.trim() || raw.trim().startsWith('#')) return;
    if (/\t/.test(raw)) throw new Error(`line ${line}: tab in indentation`);
    const width = raw.length - raw.trimStart().length;
    if (!stack.length) {
      if (width > indents[indents.length - 1]) {
        indents.push(width);
        toks.push({ t: 'indent', v: '', line });
      }
      while (width < indents[indents.length - 1]) {
        indents.pop();
        toks.push({ t: 'dedent', v: '', line });
      }
      if (width !== indents[indents.length - 1]) throw new Error(`line ${line}: inconsistent dedent`);
    }
    let i = width;
    while (i < raw.length) {
      const rest = raw.slice(i);
      const c = raw[i];
      if (c === ' ') {
        i++;
      } else if (c === '#') {
        break;
      } else if (rest.startsWith('"""')) {
        const end = raw.indexOf('"""', i + 3);
        if (end < 0) {
          inDoc = true;
          break;
        }
        toks.push({ t: 'str', v: raw.slice(i + 3, end), line });
        i = end + 3;
      } else if (c === '"' || c === "'") {
        const end = raw.indexOf(c, i + 1);
        if (end < 0) throw new Error(`line ${line}: unterminated string`);
        toks.push({ t: 'str', v: raw.slice(i + 1, end), line });
        i = end + 1;
      } else if (/[A-Za-z_]/.test(c)) {
        const m = /^[A-Za-z_]\w*/.exec(rest) as RegExpExecArray;
        toks.push({ t: 'name', v: m[0], line });
        i += m[0].length;
      } else if (/\d/.test(c)) {
        const m = /^\d+(\.\d+)?(e[+-]?\d+)?/i.exec(rest) as RegExpExecArray;
        toks.push({ t: 'num', v: m[0], line });
        i += m[0].length;
      } else {
        const op = OPS.find((o) => rest.startsWith(o));
        if (!op) throw new Error(`line ${line}: unexpected character ${c}`);
        if ('([{'.includes(op)) stack.push(op);
        if (')]}'.includes(op)) {
          const open = stack.pop();
          if (!open || '([{'.indexOf(open) !== ')]}'.indexOf(op)) throw new Error(`line ${line}: unbalanced ${op}`);
        }
        toks.push({ t: 'op', v: op, line });
        i += op.length;
      }
    }
    if (!stack.length) toks.push({ t: 'newline', v: '', line });
  });
  if (stack.length) throw new Error(`unclosed ${stack.join('')}`);
  if (inDoc) throw new Error('unterminated docstring');
  return toks;
}

export type PyValue = number | string | boolean | null | PyValue[] | PyCall;
export interface PyCall {
  readonly callee: string;
  readonly args: PyValue[];
  readonly kwargs: Record<string, PyValue>;
}

/** Parses a call expression starting at token `i`: callee(arg, ..., key=value, ...). */
export function parseCall(toks: Tok[], i: number): { call: PyCall; next: number } {
  let pos = i;
  const take = (t: Tok['t'], v?: string) => {
    const tok = toks[pos];
    if (!tok || tok.t !== t || (v !== undefined && tok.v !== v))
      throw new Error(`line ${tok?.line}: expected ${v ?? t}, got ${tok?.v ?? 'end'}`);
    pos++;
    return tok;
  };
  const value = (): PyValue => {
    const tok = toks[pos];
    if (tok.t === 'num') return (pos++, Number(tok.v));
    // A negative number: unary minus before a literal (dim=-1).
    if (tok.t === 'op' && tok.v === '-' && toks[pos + 1]?.t === 'num') return ((pos += 2), -Number(toks[pos - 1].v));
    if (tok.t === 'str') return (pos++, tok.v);
    if (tok.t === 'op' && tok.v === '(') {
      pos++;
      const items: PyValue[] = [];
      while (!(toks[pos].t === 'op' && toks[pos].v === ')')) {
        items.push(value());
        if (toks[pos].v === ',') pos++;
      }
      pos++;
      return items;
    }
    if (tok.t === 'name' && ['True', 'False', 'None'].includes(tok.v) && toks[pos + 1]?.v !== '(')
      return (pos++, tok.v === 'None' ? null : tok.v === 'True');
    return call();
  };
  const call = (): PyCall => {
    let callee = take('name').v;
    while (toks[pos].v === '.') {
      pos++;
      callee += `.${take('name').v}`;
    }
    take('op', '(');
    const args: PyValue[] = [];
    const kwargs: Record<string, PyValue> = {};
    while (!(toks[pos].t === 'op' && toks[pos].v === ')')) {
      if (toks[pos].t === 'name' && toks[pos + 1]?.v === '=') {
        const k = toks[pos].v;
        pos += 2;
        kwargs[k] = value();
      } else args.push(value());
      if (toks[pos].v === ',') pos++;
      else if (toks[pos].v !== ')') throw new Error(`line ${toks[pos].line}: expected , or )`);
    }
    pos++;
    return { callee, args, kwargs };
  };
  return { call: call(), next: pos };
}
