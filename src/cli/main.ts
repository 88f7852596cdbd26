/**
 * FlopLab command line: `npm run --silent floplab -- [options] <model.json ...>`.
 * The same engine as the app, in Node. Exits 1 when a file cannot be read or is not a model
 * (one line naming the file and the problem), 2 on a usage error; per-layer errors are part of
 * the output and do not stop the other layers or models. With --export, exits 1 also when the
 * format cannot be written (a layer with an error, something the format cannot express) or the
 * output file cannot be written; nothing is written then.
 */
import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs, USAGE } from './args';
import { loadSources, type ModelReaders, type Source } from './sources';
import { readModelFile, readStream } from './read';
import { toJson, toText } from './render';
import { evaluateModel } from '../engine/evaluate';
import { ALL_CONVENTION_IDS, conventionById } from '../engine/conventions/registry';
import type { Model } from '../engine/format/model';
import { estimateLatency } from '../engine/deploy/latency/latency';
import { decodeShare, makeShareUrl, MAX_HASH_CHARS } from '../state/urlCodec';
import { hex2 } from '../engine/export/escape';
import { listConventions, listDevices, listPresets } from './lists';
import { latencyJson, latencyText } from './latency-report';
import { deviceMemory } from '../engine/deploy/device-memory';
import { deviceById } from '../engine/deploy/devices';
import {
  deviceRows,
  deviceTable,
  devicesNamed,
  memoryJson,
  memoryText,
  placementJson,
  placementText,
} from './device-report';
import { exportAs, type ExportFormat } from '../engine/export/formats';
import { groupDigits } from '../engine/digits';

/** Indented JSON with short number arrays (shapes) kept on one line. */
export const prettyJson = (v: unknown): string =>
  JSON.stringify(v, null, 2).replace(
    /\[\s+(-?\d+(?:,\s+-?\d+)*)\s+\]/g,
    (_m, inner: string) => `[${inner.replace(/,\s+/g, ', ')}]`,
  );

/** The model as evaluated: --batch and --input written into it (so --emit-model and --link carry them). */
function withOverrides(m: Model, batch?: number, input?: number[]): Model {
  return { ...m, ...(batch ? { batch } : {}), ...(input ? { input } : {}) };
}

function out(s: string): void {
  process.stdout.write(s.endsWith('\n') ? s : s + '\n');
}

/**
 * Text for a terminal: control characters (C0 but newline and tab, DEL, C1) in model, layer and file
 * names shown as `\x1b` (the exports' table form, src/engine/export/escape.ts) instead of sent raw,
 * where they could retitle the window or erase lines. A \r is escaped too: it would overwrite the line.
 * A backslash is doubled, so a name that really contains the four characters `\x1b` prints as
 * `\\x1b` and cannot be mistaken for an escaped ESC.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const TERMINAL_UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\\]/g;
export const terminalSafe = (s: string): string => s.replace(TERMINAL_UNSAFE, (c) => (c === '\\' ? '\\\\' : hex2(c)));

function complain(s: string): void {
  process.stderr.write(terminalSafe(s));
}

/** --export: one model in one format, to --out or stdout; warnings to stderr. */
function exportOne(
  s: Source,
  format: ExportFormat,
  convention: string,
  o: { batch?: number; input?: number[]; out?: string },
  write: (file: string, data: string | Uint8Array) => void,
): number {
  if ('error' in s) {
    complain(`floplab: ${s.label}: ${s.error}\n`);
    return 1;
  }
  for (const w of s.warnings) complain(`floplab: ${s.label}: ${w}\n`);
  const r = exportAs(format, withOverrides(s.model, o.batch, o.input), convention);
  if (!r.ok) {
    complain(`floplab: ${s.label}: ${r.error}\n`);
    return 1;
  }
  for (const w of r.warnings) complain(`floplab: ${format}: ${w}\n`);
  if (!o.out) {
    out(r.data as string); // text formats only: onnx requires --out (args.ts)
    return 0;
  }
  try {
    write(o.out, r.data);
  } catch (err) {
    complain(`floplab: cannot write ${o.out}: ${(err as Error).message}\n`);
    return 1;
  }
  return 0;
}

const count = (n: number) => groupDigits(n);

/**
 * Why the app would refuse a link, or null. The app reads it through the same decoder. Its length limit
 * counts from the `#` (the address before it is the user's --base-url), so that is the length stated,
 * next to the limit, for the user to see how far over it is.
 */
function linkRefusal(url: string): string | null {
  const hash = url.slice(url.indexOf('#'));
  if (hash.length > MAX_HASH_CHARS)
    return `the link is ${count(hash.length)} characters from the #; the app opens at most ${count(MAX_HASH_CHARS)}`;
  const opened = decodeShare(hash);
  return opened.ok ? null : `${opened.error.replace(/\.$/, '')} in the app`;
}

export interface CliIo extends ModelReaders {
  writeFile(path: string, data: string | Uint8Array): void;
}

const NODE_IO: CliIo = {
  readFile: readModelFile,
  readStdin: () => readStream(process.stdin),
  writeFile: (p, d) => writeFileSync(p, d),
};

export async function run(argv: readonly string[], io: Partial<CliIo> = {}): Promise<number> {
  const { writeFile, ...readers } = { ...NODE_IO, ...io };
  const parsed = parseArgs(argv);
  if (!parsed.ok) {
    complain(`floplab: ${parsed.error}\n`);
    return 2;
  }
  const o = parsed.options;
  if (o.help) {
    out(USAGE);
    return 0;
  }
  if (o.listConventions || o.listPresets || o.listDevices) {
    if (o.listConventions) out(listConventions(o.json));
    if (o.listPresets) out(listPresets(o.json));
    if (o.listDevices) out(listDevices(o.json));
    return 0;
  }
  const conv = conventionById(o.convention);
  if (!conv) {
    complain(`floplab: unknown convention "${o.convention}"; one of: ${ALL_CONVENTION_IDS.join(', ')}\n`);
    return 2;
  }
  if (o.files.length === 0 && o.presets.length === 0) {
    complain(`floplab: no model given\n\n${USAGE}\n`);
    return 2;
  }
  const sources: Source[] = await loadSources(o, readers);
  if (o.exportFormat) {
    if (sources.length !== 1) {
      complain(`floplab: --export writes one model; ${sources.length} given\n`);
      return 2;
    }
    return exportOne(sources[0], o.exportFormat, conv.id, o, writeFile);
  }
  let status = 0;
  const reports: unknown[] = [];
  for (const s of sources) {
    if ('error' in s) {
      complain(`floplab: ${s.label}: ${s.error}\n`);
      status = 1;
      continue;
    }
    for (const w of s.warnings) complain(`floplab: ${s.label}: ${w}\n`);
    const model: Model = withOverrides(s.model, o.batch, o.input);
    if (o.emitModel) {
      reports.push(model);
      continue;
    }
    if (o.link) {
      const url = makeShareUrl(o.baseUrl, { model, convention: conv.id });
      out(url);
      const refusal = linkRefusal(url);
      if (refusal) {
        complain(`floplab: ${s.label}: ${refusal}; share the model file instead\n`);
        status = 1;
      }
      continue;
    }
    const r = evaluateModel(model, { conventions: [conv.id] });
    const name = model.name ?? basename(s.label);
    const latency = o.device ? estimateLatency(r, o.device, o.precision) : undefined;
    if (latency && 'error' in latency) {
      complain(`floplab: ${latency.error}\n`);
      return 2;
    }
    const device = o.device ? deviceById(o.device) : undefined;
    const memory = device ? deviceMemory(r, device, o.precision) : undefined;
    const placement = device ? placementJson(r, device.id, o.precision) : null;
    const table = o.devices ? devicesNamed(o.devices) : undefined;
    if (table && 'error' in table) {
      complain(`floplab: ${table.error}\n`);
      return 2;
    }
    const rows = table ? deviceRows(r, table.devices, o.precision) : undefined;
    if (o.json)
      reports.push({
        ...toJson(name, r, conv),
        ...(latency ? { latency: latencyJson(latency) } : {}),
        ...(memory ? { memory: memoryJson(memory) } : {}),
        ...(placement ? { placement } : {}),
        ...(rows ? { devices: rows } : {}),
      });
    else
      out(
        terminalSafe(
          toText(name, r, conv) +
            (latency ? '\n' + latencyText(latency) : '') +
            (memory ? '\n' + memoryText(memory) : '') +
            (placement ? '\n' + placementText(placement) : '') +
            (rows ? '\n' + deviceTable(rows) : '') +
            '\n',
        ),
      );
  }
  if (o.json || o.emitModel) {
    const value = reports.length === 1 && sources.length === 1 ? reports[0] : reports;
    if (reports.length) out(prettyJson(value));
  }
  return status;
}

// Run when executed directly (tsx src/cli/main.ts …), not when imported by tests.
if (process.argv[1] && /cli[\\/]main\.ts$/.test(process.argv[1]))
  void run(process.argv.slice(2)).then((code) => (process.exitCode = code));
