/**
 * `floplab -` reads the model from stdin (issue 21 leftovers): the type is found from the content as for
 * a file without an extension, and the 512 MB limit holds while the bytes arrive, not after.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { capture } from './capture';
import { readStream } from '../../../src/cli/read';
import { MAX_IMPORT_BYTES } from '../../../src/engine/import/result';
import { onnxReluChain } from '../io/hostile-files';

afterEach(() => vi.restoreAllMocks());

const MB = 1024 * 1024;

/** The CLI as a process, with `input` on its stdin. */
const floplab = (args: string[], input: Uint8Array | string) =>
  execFileSync('npm', ['run', '--silent', 'floplab', '--', ...args], { input, encoding: 'utf8', stdio: 'pipe' });

describe('floplab - (stdin) as a process', () => {
  it.each([
    ['model JSON', 'tests/fixtures/tiny-cnn.json'],
    ['ONNX (binary, found by its content)', 'tests/fixtures/tiny-cnn.onnx'],
    ['TFLite (found by its identifier)', 'tests/fixtures/tflite/mobilenet_v1_025_128_float.tflite'],
  ])('%s piped in counts as the file does', async (_kind, file) => {
    const fromStdin = JSON.parse(floplab(['-', '--json'], readFileSync(file)));
    const fromFile = JSON.parse((await capture([file, '--json'])).stdout);
    expect(fromStdin.totals).toEqual(fromFile.totals);
    expect(fromStdin.layers.length).toBe(fromFile.layers.length);
  });
});

describe('stdin in the CLI', () => {
  it('names stdin in messages', async () => {
    const r = await capture(['-'], { readStdin: async () => new TextEncoder().encode('not a model') });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^floplab: stdin: unknown file type/);
  });

  it('says when stdin is over the limit, and counts the other models', async () => {
    const over = new Error(`it is over the 512.0 MB limit; reading stopped there`);
    const r = await capture(['-', '--preset', 'resnet18'], { readStdin: () => Promise.reject(over) });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('floplab: stdin: cannot read (it is over the 512.0 MB limit; reading stopped there)\n');
    expect(r.stdout).toContain('resnet18');
  });

  it('an ONNX file that happens to be valid UTF-8 (ASCII names, small numbers) is read as ONNX', async () => {
    const bytes = onnxReluChain(3);
    expect(new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toBeTypeOf('string'); // it is valid text
    const r = await capture(['-', '--json'], { readStdin: async () => bytes });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).layers.map((l: { type: string }) => l.type)).toEqual(['relu', 'relu', 'relu']);
  });

  it('refuses - given twice (stdin can be read once)', async () => {
    const r = await capture(['-', '-']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('- (stdin) can be given once');
  });
});

describe('readStream', () => {
  it('joins the chunks, bytes and text alike', async () => {
    async function* chunks() {
      yield Uint8Array.of(123);
      yield Buffer.from('"a"');
      yield ':1}';
    }
    expect((await readStream(chunks())).toString()).toBe('{"a":1}');
  });

  // 512 chunks (exactly the limit) are taken; the 513th is refused and nothing after it pulled.
  it('stops pulling as soon as more than 512 MB has arrived, and ends the stream', async () => {
    const chunk = Buffer.alloc(MB); // the same megabyte each time: the test holds 1 MB, not 513
    let pulled = 0;
    let ended = false;
    async function* endless() {
      try {
        for (;;) {
          pulled++;
          yield chunk;
        }
      } finally {
        ended = true;
      }
    }
    await expect(readStream(endless())).rejects.toThrow('it is over the 512.0 MB limit; reading stopped there');
    expect(pulled).toBe(MAX_IMPORT_BYTES / MB + 1);
    expect(ended).toBe(true);
  });
});
