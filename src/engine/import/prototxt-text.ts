/**
 * A parser for the protobuf text format that Caffe's .prototxt files use:
 *   name: "x"   kernel_size: 3   pool: MAX   layer { ... }   shape { dim: 1 dim: 3 }
 * with `#` comments, optional `:` before `{`, `;`/`,` separators and `[a, b]` lists.
 * Every field is stored as a list (repeated and single fields read the same way).
 */

export type TextValue = string | number | boolean | TextMessage;
export interface TextMessage {
  readonly [field: string]: TextValue[];
}

type Token = { t: 'id' | 'str' | 'num' | 'sym'; v: string; at: number };

const MAX_DEPTH = 64;

function tokenize(src: string): Token[] | string {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (/\s|[;,]/.test(c)) {
      i++;
    } else if ('{}:[]<>'.includes(c)) {
      out.push({ t: 'sym', v: c === '<' ? '{' : c === '>' ? '}' : c, at: i });
      i++;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      let s = '';
      while (j < src.length && src[j] !== c) {
        if (src[j] === '\\' && j + 1 < src.length) j++;
        s += src[j++];
      }
      if (j >= src.length) return `unterminated string starting at ${where(src, i)}`;
      out.push({ t: 'str', v: s, at: i });
      i = j + 1;
    } else {
      const m = /^[A-Za-z0-9_.+-]+/.exec(src.slice(i, i + 200));
      if (!m) return `unexpected character "${c}" at ${where(src, i)}`;
      const v = m[0];
      out.push({ t: /^[+-]?(\d|\.\d)/.test(v) ? 'num' : 'id', v, at: i });
      i += v.length;
    }
  }
  return out;
}

function where(src: string, at: number): string {
  const before = src.slice(0, at);
  const line = before.split('\n').length;
  return `line ${line}, column ${at - before.lastIndexOf('\n')}`;
}

class Parser {
  private i = 0;
  constructor(
    private readonly src: string,
    private readonly toks: Token[],
  ) {}

  fail(msg: string): never {
    const tok = this.toks[this.i];
    const at = tok ? where(this.src, tok.at) : `the end of the file (line ${this.src.split('\n').length})`;
    throw new SyntaxError(`${msg} at ${at}`);
  }

  message(depth: number, closing: boolean): TextMessage {
    if (depth > MAX_DEPTH) this.fail('messages are nested too deeply');
    const msg: Record<string, TextValue[]> = {};
    for (;;) {
      const tok = this.toks[this.i];
      if (!tok) {
        if (closing) this.fail('missing "}"');
        return msg;
      }
      if (tok.t === 'sym' && tok.v === '}') {
        if (!closing) this.fail('unexpected "}"');
        this.i++;
        return msg;
      }
      if (tok.t !== 'id') this.fail(`expected a field name, got "${tok.v}"`);
      this.i++;
      const values = (msg[tok.v] ??= []);
      const colon = this.peek(':');
      if (colon) this.i++;
      if (this.peek('{')) {
        this.i++;
        values.push(this.message(depth + 1, true));
      } else if (!colon) {
        this.fail(`expected ":" or "{" after "${tok.v}"`);
      } else if (this.peek('[')) {
        this.i++;
        while (!this.peek(']')) values.push(this.scalar(depth));
        this.i++;
      } else {
        values.push(this.scalar(depth));
      }
    }
  }

  private peek(sym: string): boolean {
    const t = this.toks[this.i];
    return !!t && t.t === 'sym' && t.v === sym;
  }

  private scalar(depth: number): TextValue {
    const tok = this.toks[this.i++];
    if (!tok) this.fail('expected a value');
    if (tok.t === 'str') return tok.v;
    if (tok.t === 'num') {
      const n = Number(tok.v.replace(/[fF]$/, ''));
      if (!Number.isFinite(n)) this.fail(`"${tok.v}" is not a number`);
      return n;
    }
    if (tok.t === 'id') return tok.v === 'true' ? true : tok.v === 'false' ? false : tok.v;
    if (tok.v === '{') return this.message(depth + 1, true);
    return this.fail(`unexpected "${tok.v}"`);
  }
}

/** Parses protobuf text. Never throws: a syntax error is returned with its line and column. */
export function parseProtoText(src: string): { ok: true; msg: TextMessage } | { ok: false; error: string } {
  try {
    const toks = tokenize(src);
    if (typeof toks === 'string') return { ok: false, error: toks };
    return { ok: true, msg: new Parser(src, toks).message(0, false) };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

/** First value of a field, if it is a message. */
export const msgField = (m: TextMessage | undefined, k: string): TextMessage | undefined => {
  const v = m?.[k]?.[0];
  return typeof v === 'object' ? v : undefined;
};
/** First value of a field as a number. */
export const numField = (m: TextMessage | undefined, k: string): number | undefined => {
  const v = m?.[k]?.[0];
  return typeof v === 'number' ? v : undefined;
};
/** Every value of a repeated numeric field. */
export const numsField = (m: TextMessage | undefined, k: string): number[] =>
  (m?.[k] ?? []).filter((v): v is number => typeof v === 'number');
/** First value of a field as text (strings, enum names and booleans). */
export const strField = (m: TextMessage | undefined, k: string): string | undefined => {
  const v = m?.[k]?.[0];
  return typeof v === 'string' || typeof v === 'boolean' ? String(v) : undefined;
};
/** Every value of a repeated string field. */
export const strsField = (m: TextMessage | undefined, k: string): string[] =>
  (m?.[k] ?? []).filter((v): v is string => typeof v === 'string');
