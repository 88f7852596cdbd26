/**
 * What the CLI reads (issue 21, items 6 and leftovers): a device (/dev/zero) or a FIFO used to be read
 * forever, and a 1 GB file was read whole before the 512 MB check. The file is now opened once, looked
 * at through that handle (fstat) and read through it, never past the limit.
 */
import { execFileSync } from 'node:child_process';
import type { Stats } from 'node:fs';
import {
  closeSync,
  existsSync,
  ftruncateSync,
  mkdtempSync,
  openSync,
  promises as fsp,
  renameSync,
  writeFileSync,
} from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { capture } from './capture';
import { readFromHandle, readModelFile, type ModelHandle } from '../../../src/cli/read';
import { MAX_IMPORT_BYTES } from '../../../src/engine/import/result';

const dir = mkdtempSync(join(tmpdir(), 'floplab-cli-files-'));
afterEach(() => vi.restoreAllMocks());

/** A FIFO to read, made once; null where mkfifo is missing (the test is then reported as skipped). */
const fifoPath = ((): string | null => {
  const p = join(dir, 'pipe.json');
  try {
    execFileSync('mkfifo', [p], { stdio: 'ignore' });
    return p;
  } catch {
    return null;
  }
})();

/** An open regular file as readFromHandle sees it: `size` from fstat, and reads that fill what they are asked. */
function fakeHandle(size: number): ModelHandle & { asked: number } {
  const h = {
    asked: 0,
    stat: async () => ({ isDirectory: () => false, isFile: () => true, size }) as Stats,
    read: async (buffer: Uint8Array, offset: number, length: number) => {
      h.asked += length;
      return { bytesRead: Math.min(length, buffer.length - offset), buffer };
    },
  };
  return h as unknown as ModelHandle & { asked: number };
}

describe('CLI input files', () => {
  it.runIf(existsSync('/dev/zero'))('/dev/zero is refused at once, not read', async () => {
    const r = await capture(['/dev/zero']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('/dev/zero: cannot read (not a regular file (a device, FIFO or socket); give a file)');
  });

  // Opening a FIFO for reading waits for a writer unless O_NONBLOCK: without it this test times out.
  it.runIf(fifoPath !== null)(
    'a FIFO is refused at once, not waited on (skipped where mkfifo is missing)',
    async () => {
      const r = await capture([fifoPath!]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(
        `${fifoPath}: cannot read (not a regular file (a device, FIFO or socket); give a file)`,
      );
    },
  );

  it('a file over 512 MB is refused from its size, before it is read', async () => {
    const p = join(dir, 'big.onnx');
    const fd = openSync(p, 'w');
    ftruncateSync(fd, 600 * 1024 * 1024); // sparse: no disk used, and reading it would take seconds
    closeSync(fd);
    const r = await capture([p]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('it is 600.0 MB; the limit is 512.0 MB');
  });

  it('a directory says so', async () => {
    expect((await capture([dir])).stderr).toContain('is a directory');
  });

  it('a regular model file is read as before', async () => {
    const p = join(dir, 'net.json');
    writeFileSync(p, JSON.stringify({ format: 'floplab.model/2', input: [3, 8, 8], layers: [{ type: 'relu' }] }));
    const r = await capture([p, '--json']);
    expect(r.code).toBe(0);
    // 3·8·8 ReLUs, one FLOP each under the seed article's convention.
    expect(JSON.parse(r.stdout).totals).toMatchObject({ params: 0, count: 192 });
  });

  it('reads a regular file whole, byte for byte', async () => {
    const p = join(dir, 'bytes.bin');
    const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 31) % 256);
    writeFileSync(p, bytes);
    expect(new Uint8Array(await readModelFile(p))).toEqual(bytes);
    // A small file gets its own ArrayBuffer too (not a slice of Node's pool): the Keras reader uses a whole one as is.
    writeFileSync(p, bytes.subarray(0, 100));
    const small = await readModelFile(p);
    expect([small.byteOffset, small.buffer.byteLength]).toEqual([0, 100]);
  });

  it('reads the file it checked: replacing the path after the check does not change what is read', async () => {
    const p = join(dir, 'swapped.json');
    const other = join(dir, 'other.json');
    writeFileSync(p, 'the file that was checked');
    writeFileSync(other, 'a file put there after the check');
    const open = fsp.open.bind(fsp);
    vi.spyOn(fsp, 'open').mockImplementation(async (...args: Parameters<typeof fsp.open>) => {
      const h: FileHandle = await open(...args);
      const stat = h.stat.bind(h);
      h.stat = (async () => {
        const st = await stat();
        renameSync(other, p); // after the check the path names another file: a read by path would get that one
        return st;
      }) as unknown as FileHandle['stat'];
      return h;
    });
    expect((await readModelFile(p)).toString()).toBe('the file that was checked');
  });

  it('refuses from fstat a file over 512 MB, reading nothing', async () => {
    const h = fakeHandle(MAX_IMPORT_BYTES + 1);
    await expect(readFromHandle(h)).rejects.toThrow('it is 512.0 MB; the limit is 512.0 MB');
    expect(h.asked).toBe(0);
  });

  it('refuses a file that grows after fstat, having read one byte past its size, not on without end', async () => {
    const h = fakeHandle(100);
    await expect(readFromHandle(h)).rejects.toThrow('it grew while being read (past the 100 bytes it had when opened)');
    expect(h.asked).toBe(101);
  });
});

describe('CLI text output', () => {
  it('shows control characters in names as escapes, never sends them raw (retitling, erasing lines)', async () => {
    const p = join(dir, 'evil\u0007.json');
    writeFileSync(
      p,
      JSON.stringify({
        format: 'floplab.model/2',
        name: 'evil\u001b]0;pwned\u0007',
        input: [3, 8, 8],
        layers: [
          { type: 'relu', name: 'a\u001b[2Kb\u009bc' },
          { type: 'conv2d', out: 0, kernel: 1 },
        ],
      }),
    );
    const r = await capture([p]);
    expect(r.stdout).toContain('evil\\x1b]0;pwned\\x07');
    expect(r.stdout).toContain('a\\x1b[2Kb\\x9bc');
    // eslint-disable-next-line no-control-regex -- no control character may reach the terminal
    expect(r.stdout + r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    // JSON keeps the name exactly (JSON.stringify escapes C0 itself).
    expect(JSON.parse((await capture([p, '--json'])).stdout).name).toBe('evil\u001b]0;pwned\u0007');
  });

  it('a name that really contains a backslash sequence prints differently from an escaped control character', async () => {
    const p = join(dir, 'lookalike.json');
    const layers = [
      { type: 'relu', name: 'esc\u001bname' },
      { type: 'relu', name: 'esc\\x1bname' }, // the four characters \x1b
    ];
    writeFileSync(p, JSON.stringify({ format: 'floplab.model/2', input: [3, 8, 8], layers }));
    const out = (await capture([p])).stdout;
    expect(out).toContain('esc\\x1bname');
    expect(out).toContain('esc\\\\x1bname');
  });

  it('a file name with a control character is escaped in the error line', async () => {
    const r = await capture([join(dir, 'missing\u001b[2J.json')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('missing\\x1b[2J.json: no such file');
  });
});

describe('CLI text table', () => {
  it('renders the most rows a model may expand to, 100,000 (the recursive table died above ~125,000)', async () => {
    const p = join(dir, 'long.json');
    const layers = [{ type: 'repeat', times: 49_999, body: [{ type: 'relu' }, { type: 'relu' }] }, { type: 'relu' }];
    writeFileSync(p, JSON.stringify({ format: 'floplab.model/2', input: [3, 8, 8], layers }));
    const r = await capture([p]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    // title, header, 100,000 rows, then the totals
    expect(lines[2]).toMatch(/^layers\[0\]\s+repeat/);
    expect(lines.filter((l) => /^\s+#49998\.body\[1\]\s+relu/.test(l))).toHaveLength(1);
    expect(lines.filter((l) => /\srelu\s/.test(l))).toHaveLength(99_999);
  });
});

describe('CLI --link', () => {
  it('warns (exit 1) when the app would refuse the link it prints', async () => {
    const p = join(dir, 'wide.json');
    // 60,000 layers with distinct names: a link far past the app's 200,000 characters.
    const layers = Array.from({ length: 60_000 }, (_, i) => ({
      type: 'relu',
      name: `n${i}_${(i * 2654435761) % 2 ** 32}`,
    }));
    writeFileSync(p, JSON.stringify({ format: 'floplab.model/2', input: [3, 8, 8], layers }));
    const r = await capture([p, '--link']);
    expect(r.stdout.trim().length).toBeGreaterThan(200_000);
    expect(r.code).toBe(1);
    const hash = r.stdout.trim().slice(r.stdout.indexOf('#'));
    expect(r.stderr).toBe(
      `floplab: ${p}: the link is ${hash.length.toLocaleString('en')} characters from the #; ` +
        'the app opens at most 200,000; share the model file instead\n',
    );
    expect(r.stderr).toMatch(/ is \d{3},\d{3} characters/);
  });

  it("a short link the app refuses for another reason gives the decoder's reason", async () => {
    const p = join(dir, 'rows.json');
    const layers = [{ type: 'repeat', times: 100_001, body: [{ type: 'relu' }] }];
    writeFileSync(p, JSON.stringify({ format: 'floplab.model/2', input: [3, 8, 8], layers }));
    const r = await capture([p, '--link']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `floplab: ${p}: This share link cannot be opened: its model expands to more than 100,000 layers ` +
        'in the app; share the model file instead\n',
    );
  });

  it('prints a link the app opens without a word', async () => {
    const r = await capture(['--preset', 'resnet18', '--link']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });
});
