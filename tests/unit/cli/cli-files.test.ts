/**
 * What the CLI reads (issue 21, item 6): a device (/dev/zero) or a FIFO used to be read forever, and a
 * 1 GB file was read whole before the 512 MB check. The file is now looked at (stat) before it is read.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, ftruncateSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { capture } from './capture';

const dir = mkdtempSync(join(tmpdir(), 'floplab-cli-files-'));
afterEach(() => vi.restoreAllMocks());

function fifo(): string | null {
  const p = join(dir, 'pipe.json');
  try {
    execFileSync('mkfifo', [p]);
    return p;
  } catch {
    return null; // no mkfifo on this platform
  }
}

describe('CLI input files', () => {
  it.runIf(existsSync('/dev/zero'))('/dev/zero is refused at once, not read', () => {
    const r = capture(['/dev/zero']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('/dev/zero: cannot read (not a regular file (a device, FIFO or socket); give a file)');
  });

  it('a FIFO is refused at once, not waited on', () => {
    const p = fifo();
    if (!p) return expect(p).toBeNull();
    const r = capture([p]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('not a regular file');
  });

  it('a file over 512 MB is refused from its size, before it is read', () => {
    const p = join(dir, 'big.onnx');
    const fd = openSync(p, 'w');
    ftruncateSync(fd, 600 * 1024 * 1024); // sparse: no disk used, and reading it would take seconds
    closeSync(fd);
    const r = capture([p]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('it is 600.0 MB; the limit is 512.0 MB');
  });

  it('a directory says so', () => {
    expect(capture([dir]).stderr).toContain('is a directory');
  });

  it('a regular model file is read as before', () => {
    const p = join(dir, 'net.json');
    writeFileSync(p, JSON.stringify({ format: 'floplab.model/2', input: [3, 8, 8], layers: [{ type: 'relu' }] }));
    const r = capture([p, '--json']);
    expect(r.code).toBe(0);
    // 3·8·8 ReLUs, one FLOP each under the seed article's convention.
    expect(JSON.parse(r.stdout).totals).toMatchObject({ params: 0, count: 192 });
  });
});

describe('CLI text output', () => {
  it('shows control characters in names as escapes, never sends them raw (retitling, erasing lines)', () => {
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
    const r = capture([p]);
    expect(r.stdout).toContain('evil\\x1b]0;pwned\\x07');
    expect(r.stdout).toContain('a\\x1b[2Kb\\x9bc');
    // eslint-disable-next-line no-control-regex -- no control character may reach the terminal
    expect(r.stdout + r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    // JSON keeps the name exactly (JSON.stringify escapes C0 itself).
    expect(JSON.parse(capture([p, '--json']).stdout).name).toBe('evil\u001b]0;pwned\u0007');
  });

  it('a file name with a control character is escaped in the error line', () => {
    const r = capture([join(dir, 'missing\u001b[2J.json')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('missing\\x1b[2J.json: no such file');
  });
});

describe('CLI text table', () => {
  it('renders 200,001 rows (the table died above ~125,000 with "Maximum call stack size exceeded")', () => {
    const p = join(dir, 'long.json');
    const layers = [{ type: 'repeat', times: 100_000, body: [{ type: 'relu' }, { type: 'relu' }] }];
    writeFileSync(p, JSON.stringify({ format: 'floplab.model/2', input: [3, 8, 8], layers }));
    const r = capture([p]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    // title, header, 200,001 rows, then the totals
    expect(lines[2]).toMatch(/^layers\[0\]\s+repeat/);
    expect(lines.filter((l) => /^\s+#99999\.body\[1\]\s+relu/.test(l))).toHaveLength(1);
    expect(lines.filter((l) => /\srelu\s/.test(l))).toHaveLength(200_000);
  });
});

describe('CLI --link', () => {
  it('warns (exit 1) when the app would refuse the link it prints', () => {
    const p = join(dir, 'wide.json');
    // 60,000 layers with distinct names: a link far past the app's 200,000 characters.
    const layers = Array.from({ length: 60_000 }, (_, i) => ({
      type: 'relu',
      name: `n${i}_${(i * 2654435761) % 2 ** 32}`,
    }));
    writeFileSync(p, JSON.stringify({ format: 'floplab.model/2', input: [3, 8, 8], layers }));
    const r = capture([p, '--link']);
    expect(r.stdout.trim().length).toBeGreaterThan(200_000);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('This share link cannot be opened: it is longer than 200000 characters in the app');
  });

  it('prints a link the app opens without a word', () => {
    const r = capture(['--preset', 'resnet18', '--link']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });
});
