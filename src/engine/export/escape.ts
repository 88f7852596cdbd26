/**
 * Free text in exported files. Model and layer names may hold anything a JSON string can: a NUL,
 * an ESC sequence ("\u001b[2J" clears a terminal that prints the file), line breaks, quotes,
 * backslashes, a lone UTF-16 surrogate. Each format gets them in a form it can hold.
 */

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const PY_ESCAPED = /[\\\u2028\u2029\u0000-\u001f\u007f-\u009f]/g;
// eslint-disable-next-line no-control-regex -- as above; line breaks and tabs stay
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
/** A surrogate without its pair: no UTF-8 for it, so a written file would get U+FFFD anyway. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** One character as `\\x1b`: how the tables and the CLI's terminal output show a control character. */
export const hex2 = (c: string) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
const wellFormed = (s: string) => s.replace(LONE_SURROGATE, '\ufffd');

/**
 * Text for the tables (CSV, Markdown, HTML): control characters as `\x1b`, as the CLI prints
 * them; tabs and line breaks stay for each format to handle (CSV quotes them, Markdown joins lines).
 */
export const tableText = (s: string): string => wellFormed(s).replace(CONTROL_BUT_LINES, hex2);

const PY_NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\\': '\\\\' };

/**
 * A name in a Python comment, as it would read inside a Python string literal: backslashes
 * doubled, line breaks as \n, other control characters as \x00 (CPython refuses a NUL anywhere in
 * source, and a \r would end the comment), U+2028/U+2029 as \u2028 (editors break lines there).
 */
export const pythonCommentText = (s: string): string =>
  wellFormed(s).replace(
    PY_ESCAPED,
    (c) => PY_NAMED[c] ?? (c.charCodeAt(0) > 0xff ? `\\u${c.charCodeAt(0).toString(16)}` : hex2(c)),
  );

const PROTO_NAMED: Readonly<Record<string, string>> = {
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '"': '\\"',
  '\\': '\\\\',
};
const octal = (byte: number) => `\\${byte.toString(8).padStart(3, '0')}`;

/**
 * A protobuf text-format string literal ("…"), as Caffe's protobuf reads it: quote and backslash
 * escaped, \n \r \t named, other control bytes in octal (\033); a C1 control (U+0080–U+009F) as
 * its two UTF-8 bytes in octal, since protobuf strings are bytes. Other text is written as UTF-8.
 */
export function protoString(s: string): string {
  let out = '"';
  for (const c of wellFormed(s)) {
    const code = c.codePointAt(0)!;
    if (PROTO_NAMED[c]) out += PROTO_NAMED[c];
    else if (code < 0x20 || code === 0x7f) out += octal(code);
    else if (code >= 0x80 && code <= 0x9f) out += octal(0xc0 | (code >> 6)) + octal(0x80 | (code & 0x3f));
    else out += c;
  }
  return out + '"';
}
