/**
 * A parser for the protobuf text format that Caffe's .prototxt files use:
 *   name: "x"   kernel_size: 3   pool: MAX   layer { ... }   shape { dim: 1 dim: 3 }
 * with `#` comments, optional `:` before `{`, `;`/`,` separators and `[a, b]` lists.
 * Every field is stored as a list (repeated and single fields read the same way).
 */
import { ImportLimitError, MAX_IMPORT_STRING, sizeText } from './result';

export type TextValue = string | number | boolean | TextMessage;
export interface TextMessage {
  readonly [field: string]: TextValue[];
}

type Token = { t: 'id' | 'str' | 'num' | 'sym'; v: string; at: number };

const MAX_DEPTH = 64;

/**
 * The tokens of `src`, one at a time as the parser asks: a list of them all held a 27 MB prototxt's
 * 6 million tokens at once (1 GB of heap for 100,000 layers, issue 21).
 */
class Lexer {
  private i = 0;
  constructor(private readonly src: string) {}

  /** The next token, or undefined at the end. Throws on a character or string no token can start with. */
  next(): Token | undefined {
    const src = this.src;
    while (this.i < src.length) {
      const i = this.i;
      const c = src[i];
      if (c === '#') {
        while (this.i < src.length && src[this.i] !== '\n') this.i++;
      } else if (/\s|[;,]/.test(c)) {
        this.i++;
      } else if ('{}:[]<>'.includes(c)) {
        this.i++;
        return { t: 'sym', v: c === '<' ? '{' : c === '>' ? '}' : c, at: i };
      } else if (c === '"' || c === "'") {
        const str = readString(src, i);
        if (!str) throw new Error(`unterminated string starting at ${where(src, i)}`);
        if ('tooLong' in str)
          throw new ImportLimitError(
            `the string at ${where(src, i)} is ${str.tooLong ? sizeText(str.tooLong) : `over ${sizeText(MAX_IMPORT_STRING)}`} long; FlopLab reads strings of at most ${sizeText(MAX_IMPORT_STRING)}`,
          );
        this.i = str.end;
        return { t: 'str', v: str.value, at: i };
      } else {
        const m = /^[A-Za-z0-9_.+-]+/.exec(src.slice(i, i + 200));
        if (!m) throw new Error(`unexpected character "${c}" at ${where(src, i)}`);
        const v = m[0];
        this.i += v.length;
        return { t: /^[+-]?(\d|\.\d)/.test(v) ? 'num' : 'id', v, at: i };
      }
    }
    return undefined;
  }
}

const NAMED_ESCAPES: Readonly<Record<string, number>> = { n: 10, r: 13, t: 9, a: 7, b: 8, f: 12, v: 11 };
const utf8 = new TextEncoder();

/**
 * The string literal opening at `start` with its escapes decoded as protobuf's text format does
 * (C escapes: \n \t …, \NNN octal and \xHH bytes, \uXXXX / \UXXXXXXXX code points; any other
 * escaped character stands for itself). Protobuf strings are bytes: they are gathered as bytes and
 * read as UTF-8, so an octal-escaped multi-byte character comes back whole. null: unterminated;
 * `tooLong`: past MAX_IMPORT_STRING (its length when known before the escapes are read).
 */
function readString(src: string, start: number): { value: string; end: number } | { tooLong: number | null } | null {
  const quote = src[start];
  // Most strings (layer names, types) have no escape: taken as they are. Only the text up to the
  // first quote is searched for a backslash (a search to the end of the file per string is quadratic).
  const close = src.indexOf(quote, start + 1);
  if (close - start - 1 > MAX_IMPORT_STRING) return { tooLong: close - start - 1 };
  const plain = close >= 0 ? src.slice(start + 1, close) : '\\';
  if (!plain.includes('\\')) return { value: plain, end: close + 1 };
  const bytes: number[] = [];
  const code = (cp: number) => bytes.push(...utf8.encode(String.fromCodePoint(cp)));
  let j = start + 1;
  while (j < src.length && src[j] !== quote) {
    if (bytes.length > MAX_IMPORT_STRING) return { tooLong: null };
    if (src[j] !== '\\' || j + 1 >= src.length) {
      const cp = src.codePointAt(j)!;
      code(cp);
      j += cp > 0xffff ? 2 : 1;
      continue;
    }
    const e = src[j + 1];
    const octal = /^[0-7]{1,3}/.exec(src.slice(j + 1, j + 4));
    const hex = /^[xX]([0-9a-fA-F]{1,2})/.exec(src.slice(j + 1, j + 4));
    const uni = /^(?:u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8}))/.exec(src.slice(j + 1, j + 10));
    if (octal) {
      bytes.push(parseInt(octal[0], 8) & 0xff);
      j += 1 + octal[0].length;
    } else if (hex) {
      bytes.push(parseInt(hex[1], 16));
      j += 1 + hex[0].length;
    } else if (uni && parseInt(uni[1] ?? uni[2], 16) <= 0x10ffff) {
      code(parseInt(uni[1] ?? uni[2], 16));
      j += 1 + uni[0].length;
    } else {
      if (NAMED_ESCAPES[e] !== undefined) bytes.push(NAMED_ESCAPES[e]);
      else code(src.codePointAt(j + 1)!);
      j += 1 + (src.codePointAt(j + 1)! > 0xffff ? 2 : 1);
    }
  }
  if (j >= src.length) return null;
  return { value: new TextDecoder().decode(new Uint8Array(bytes)), end: j + 1 };
}

function where(src: string, at: number): string {
  const before = src.slice(0, at);
  const line = before.split('\n').length;
  return `line ${line}, column ${at - before.lastIndexOf('\n')}`;
}

class Parser {
  /** The token being looked at. */
  private tok: Token | undefined;
  constructor(
    private readonly src: string,
    private readonly lexer: Lexer,
  ) {
    this.tok = lexer.next();
  }

  private advance(): void {
    this.tok = this.lexer.next();
  }

  fail(msg: string): never {
    const tok = this.tok;
    const at = tok ? where(this.src, tok.at) : `the end of the file (line ${this.src.split('\n').length})`;
    throw new SyntaxError(`${msg} at ${at}`);
  }

  message(depth: number, closing: boolean): TextMessage {
    if (depth > MAX_DEPTH) this.fail('messages are nested too deeply');
    const msg: Record<string, TextValue[]> = {};
    for (;;) {
      const tok = this.tok;
      if (!tok) {
        if (closing) this.fail('missing "}"');
        return msg;
      }
      if (tok.t === 'sym' && tok.v === '}') {
        if (!closing) this.fail('unexpected "}"');
        this.advance();
        return msg;
      }
      if (tok.t !== 'id') this.fail(`expected a field name, got "${tok.v}"`);
      this.advance();
      const values = (msg[tok.v] ??= []);
      const colon = this.peek(':');
      if (colon) this.advance();
      if (this.peek('{')) {
        this.advance();
        values.push(this.message(depth + 1, true));
      } else if (!colon) {
        this.fail(`expected ":" or "{" after "${tok.v}"`);
      } else if (this.peek('[')) {
        this.advance();
        while (!this.peek(']')) values.push(this.scalar(depth));
        this.advance();
      } else {
        values.push(this.scalar(depth));
      }
    }
  }

  private peek(sym: string): boolean {
    const t = this.tok;
    return !!t && t.t === 'sym' && t.v === sym;
  }

  private scalar(depth: number): TextValue {
    // Past the value before any message, so a message names the place after it (as it always has).
    const tok = this.tok;
    this.advance();
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

/**
 * Parses protobuf text. Never throws: a syntax error is returned with its line and column, a
 * string past MAX_IMPORT_STRING with `limit` set (the file is not malformed, only too big).
 */
export function parseProtoText(
  src: string,
): { ok: true; msg: TextMessage } | { ok: false; error: string; limit?: true } {
  try {
    return { ok: true, msg: new Parser(src, new Lexer(src)).message(0, false) };
  } catch (err) {
    if (err instanceof ImportLimitError) return { ok: false, error: err.message, limit: true };
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
