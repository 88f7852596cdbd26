/**
 * `--export FORMAT [--out FILE]` (src/engine/export/formats.ts, the same call as the app): the app's Export menu on the command line.
 * Every format must be exactly what the engine's writers (src/engine/export, tested on their own in
 * tests/unit/io) produce for the model as the CLI loaded it, overrides included.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../../src/cli/main';
import {
  modelToCsv,
  modelToHtml,
  modelToJson,
  modelToMarkdown,
  modelToOnnx,
  modelToPrototxt,
  modelToPytorch,
} from '../../../src/engine/export';
import type { Model } from '../../../src/engine/format/model';
import { presetByName } from '../../../src/engine/presets';
import { starterModel } from '../../../src/state/defaults';

async function capture(argv: string[], files: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const written: Record<string, string | Uint8Array> = {};
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
  try {
    const code = await run(argv, {
      readFile: (p) => {
        if (!(p in files)) throw new Error(`ENOENT: ${p}`);
        return new TextEncoder().encode(files[p]);
      },
      writeFile: (p, d) => {
        if (p.startsWith('/no-such-dir/')) throw new Error('ENOENT: no such file or directory');
        written[p] = d;
      },
    });
    return { code, stdout, stderr, written };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

afterEach(() => vi.restoreAllMocks());

const model = starterModel();
const file = { 'net.json': JSON.stringify(model) };
const ok = <T extends { ok: boolean }>(r: T): Extract<T, { ok: true }> => {
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r as Extract<T, { ok: true }>;
};

describe('--export FORMAT writes what the app exports', () => {
  // [format, extra args, the writer's text]
  const TEXT: [string, string[], string][] = [
    ['json', [], modelToJson(model)],
    ['csv', ['--convention', 'thop'], ok(modelToCsv(model, { convention: 'thop' })).text],
    ['markdown', ['--convention', 'fvcore'], ok(modelToMarkdown(model, { convention: 'fvcore' })).text],
    ['html', [], ok(modelToHtml(model, { convention: 'seed' })).text],
    ['pytorch', [], ok(modelToPytorch(model)).code],
    ['prototxt', [], ok(modelToPrototxt(model)).text],
  ];
  it.each(TEXT)('%s to stdout', async (format, extra, want) => {
    const r = await capture(['net.json', '--export', format, ...extra], file);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(want.endsWith('\n') ? want : want + '\n');
  });

  it('onnx to --out: the writer’s bytes', async () => {
    const r = await capture(['net.json', '--export', 'onnx', '--out', 'net.onnx'], file);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.written['net.onnx']).toEqual(ok(modelToOnnx(model)).bytes);
  });

  it('a preset with --input: the export carries the override', async () => {
    const r = await capture(['--preset', 'resnet18', '--input', '3,128,128', '--export', 'pytorch']);
    const m = { ...presetByName('resnet18')!.build({ resolution: 128 }) };
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('class Net(nn.Module)');
    expect(r.stdout.trimEnd()).toBe(ok(modelToPytorch(m)).code.trimEnd());
  });

  it('prototxt: what Netscope cannot analyse and left-out heads are warned about on stderr', async () => {
    const m: Model = {
      ...model,
      layers: [...model.layers.slice(0, 3), { type: 'sigmoid' }, ...model.layers.slice(3)],
    };
    const r = await capture(['m.json', '--export', 'prototxt', '--out', 'm.prototxt'], { 'm.json': JSON.stringify(m) });
    expect(r.code).toBe(0);
    expect(r.written['m.prototxt']).toBe(ok(modelToPrototxt(m)).text);
    expect(r.stderr).toBe(
      'floplab: prototxt: no Caffe layer Netscope analyses (Netscope shows "Unknown Layer"): layers[3]\n',
    );
  });
});

describe('--export: bad use is a message and an exit code, never a crash', () => {
  // [args, exit code, stderr contains]
  const BAD: [string[], number, string][] = [
    [['net.json', '--export', 'onnx'], 2, '--export onnx writes binary: give --out FILE'],
    [['net.json', '--export', 'keras'], 2, '--export needs one of json, csv, markdown, html, pytorch, onnx, prototxt'],
    [['net.json', '--out', 'x.csv'], 2, '--out is for --export'],
    [['--preset', 'resnet18', '--preset', 'vgg16', '--export', 'json'], 2, '--export writes one model; 2 given'],
    [['missing.json', '--export', 'json'], 1, 'missing.json'],
    [['net.json', '--export', 'csv', '--convention', 'nope'], 2, 'unknown convention "nope"'],
    [['net.json', '--export', 'csv', '--out', '/no-such-dir/x.csv'], 1, 'cannot write /no-such-dir/x.csv'],
    [['net.json', '--export', 'csv', '--json'], 2, '--export cannot be combined with --json'],
    [['net.json', '--export', 'json', '--link', '--emit-model'], 2, 'cannot be combined with --link, --emit-model'],
    [['net.json', '--export', 'pytorch', '--device', 'nope'], 2, 'cannot be combined with --device'],
  ];
  it.each(BAD)('%j → exit %i', async (args, code, message) => {
    const r = await capture(args, file);
    expect(r.code).toBe(code);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
  });

  it('a model with an invalid layer: the exporter’s error, exit 1', async () => {
    const bad = { ...model, layers: [{ type: 'conv2d', out: 0, kernel: 3 }] };
    const r = await capture(['bad.json', '--export', 'prototxt'], { 'bad.json': JSON.stringify(bad) });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('floplab: bad.json: layers[0].out must be a positive integer\n'); // the path once
    expect(r.stdout).toBe('');
  });
});
