import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { capture } from './capture';
import { parseArgs } from '../../../src/cli/args';

const RESNET18 = 'tests/fixtures/resnet18.json';

const tmp = mkdtempSync(join(tmpdir(), 'floplab-cli-'));
const file = (name: string, text: string) => {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
};

afterEach(() => vi.restoreAllMocks());

describe('CLI --json', () => {
  it('reports the ResNet-18 totals with the documented fields (zoo.md: 11,689,512 params, 1,814,073,344 MACs)', async () => {
    const { code, stdout } = await capture([RESNET18, '--convention', 'torchvision', '--json']);
    expect(code).toBe(0);
    const j = JSON.parse(stdout);
    expect(j).toMatchObject({ input: [3, 224, 224], batch: 1, convention: 'torchvision', unit: 'MAC' });
    expect(j.totals).toMatchObject({ params: 11689512, count: 1814073344, macs: 1814073344 });
    expect(j.layers[0]).toMatchObject({
      path: 'layers[0]',
      type: 'conv2d',
      output: [64, 112, 112],
      params: 9408,
      error: null,
    });
  });

  it('writes integers above 2^53 − 1 as exact decimal strings (counts are linear in the batch)', async () => {
    const args = [RESNET18, '--convention', 'torchvision', '--json', '--input', '3,2240,2240'];
    const one = JSON.parse((await capture(args)).stdout);
    const many = JSON.parse((await capture([...args, '--batch', '65536'])).stdout);
    expect(typeof one.totals.count).toBe('number');
    expect(typeof many.totals.count).toBe('string');
    expect(BigInt(many.totals.count)).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER));
    expect(BigInt(many.totals.count)).toBe(BigInt(one.totals.count) * 65536n);
    expect(many.totals.params).toBe(11689512);
  });

  it('prints an array for several models', async () => {
    const { stdout } = await capture([RESNET18, RESNET18, '--json', '--convention', 'exact']);
    expect(JSON.parse(stdout)).toHaveLength(2);
  });

  it('reports per-layer errors without stopping the other layers', async () => {
    const p = file(
      'bad-layer.json',
      JSON.stringify({
        format: 'floplab.model/2',
        input: [3, 8, 8],
        layers: [
          { type: 'conv2d', out: 4, kernel: 3, padding: 1 },
          { type: 'conv2d', out: 4, kernel: 0 },
          { type: 'relu' },
        ],
      }),
    );
    const { code, stdout } = await capture([p, '--json', '--convention', 'torchvision']);
    expect(code).toBe(0);
    const j = JSON.parse(stdout);
    expect(j.layers[0].count).toBe(4 * 8 * 8 * 3 * 9);
    expect(j.layers[1].error).toBe('layers[1].kernel must be a positive integer');
    expect(j.layers[2].error).toMatch(/input unknown/);
  });
});

describe('CLI errors', () => {
  it.each([
    ['missing file', '/nonexistent/model.json', /model\.json: no such file/],
    ['not JSON', file('x.json', '{ nope'), /x\.json: not valid JSON/],
    [
      'wrong format tag',
      file('y.json', '{"format":"other","input":[3,4,4],"layers":[]}'),
      /y\.json: format must be "floplab\.model\/2"/,
    ],
    ['bad input', file('z.json', '{"format":"floplab.model/2","input":[3,0,4],"layers":[]}'), /z\.json: input/],
  ])('%s: exits 1 with one line naming the file', async (_label, path, message) => {
    const { code, stderr } = await capture([path, '--convention', 'exact']);
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(message);
  });

  it('rejects an unknown convention and an unknown option with exit code 2', async () => {
    expect((await capture([RESNET18, '--convention', 'nope'])).code).toBe(2);
    expect((await capture([RESNET18, '--frobnicate'])).code).toBe(2);
  });
});

describe('CLI arguments', () => {
  it('parses --input, --batch and defaults the convention to seed', () => {
    const r = parseArgs(['m.json', '--input', '3,32,32', '--batch=8']);
    expect(r).toMatchObject({
      ok: true,
      options: { files: ['m.json'], input: [3, 32, 32], batch: 8, convention: 'seed' },
    });
  });
  it.each([
    ['--batch', '0'],
    ['--batch', 'x'],
    ['--input', '3,32'],
    ['--precision', 'fp64'],
  ])('rejects %s %s', (f, v) => {
    expect(parseArgs([f, v]).ok).toBe(false);
  });
});

describe('CLI as a process', () => {
  it('runs through npm with the text table', () => {
    const stdout = execFileSync('npm', ['run', '--silent', 'floplab', '--', RESNET18, '--convention', 'torchvision'], {
      encoding: 'utf8',
    });
    expect(stdout).toMatch(/params\s+11,689,512 \(11\.7 M\)/);
    expect(stdout).toMatch(/MACs\s+1,814,073,344 \(1\.81 G\)/);
  });
});
