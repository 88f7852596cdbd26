/** Command-line argument parsing for the FlopLab CLI. Pure: returns options or a usage error. */
import { EXPORT_FORMATS, isExportFormat, type ExportFormat } from '../engine/export/formats';

export interface CliOptions {
  files: string[];
  convention: string;
  batch?: number;
  input?: number[];
  json: boolean;
  listConventions: boolean;
  presets: string[];
  listPresets: boolean;
  width?: number;
  knobs: Record<string, number>;
  emitModel: boolean;
  link: boolean;
  baseUrl: string;
  device?: string;
  /** `--devices`: all, or ids separated by commas. */
  devices?: string;
  precision: 'fp32' | 'fp16' | 'int8';
  listDevices: boolean;
  /** --export FORMAT (src/engine/export/formats.ts) and where to write it (--out; stdout without). */
  exportFormat?: ExportFormat;
  /** --input-shape NAME=N,D,…: sizes of a file input's symbolic dims, batch first (ONNX). */
  inputShapes?: Record<string, number[]>;
  out?: string;
  help: boolean;
}

export const DEFAULT_BASE_URL = 'https://floplab.example/';

export const USAGE = `Usage: npm run --silent floplab -- [options] <model.json|.onnx|.tflite|.prototxt ...>

Counts parameters, MACs and FLOPs of each model, per layer and in total.
A lone - reads a model from stdin (its type found from its content).

Options:
  --convention NAME     counting convention (default: seed); see --list-conventions
  --batch N             override the batch size
  --input C,H,W         override the input shape (or F for a flat input)
  --input-shape NAME=N,D,…
                        sizes for an ONNX input with symbolic dims, batch first
                        (repeatable); shape arithmetic in the file is folded at them
  --json                one JSON object per model (an array for several)
  --list-conventions    list the conventions and exit
  --preset NAME         evaluate a built-in preset (repeatable); see --list-presets
  --width W             width multiplier for presets that have one (MobileNet)
  --knob NAME=VALUE     set any preset knob (resolution, depth, growth, …)
  --list-presets        list the presets and exit (with --json: as JSON)
  --emit-model          print the model document (preset with knobs applied) instead of counting
  --export FORMAT       write the model as ${EXPORT_FORMATS.join(' | ')} instead of
                        counting (tables in --convention; one model; as the app's Export menu)
  --out FILE            where --export writes (default: stdout; onnx needs a file)
  --link                print a share link that opens the model in FlopLab
  --base-url URL        where the app is hosted, for --link (default ${DEFAULT_BASE_URL})
  --device ID           estimate latency on a device; see --list-devices
  --precision P         fp32 | fp16 | int8 (default fp32)
  --devices all|ID,…    a table of every (or the named) device: time and memory verdict
  --list-devices        list the devices and exit
  -h, --help            show this help`;

export type ParseArgs = { ok: true; options: CliOptions } | { ok: false; error: string };

const posInt = (s: string | undefined): number | null => {
  if (s === undefined || !/^\d+$/.test(s)) return null;
  const n = Number(s);
  return n > 0 && Number.isSafeInteger(n) ? n : null;
};

export function parseArgs(argv: readonly string[]): ParseArgs {
  const o: CliOptions = {
    files: [],
    convention: 'seed',
    json: false,
    listConventions: false,
    presets: [],
    listPresets: false,
    knobs: {},
    emitModel: false,
    link: false,
    baseUrl: DEFAULT_BASE_URL,
    precision: 'fp32',
    listDevices: false,
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] =
      a.startsWith('--') && a.includes('=')
        ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]
        : [a, undefined];
    const value = (): string | undefined => (inline !== undefined ? inline : argv[++i]);
    switch (flag) {
      case '-h':
      case '--help':
        o.help = true;
        break;
      case '--json':
        o.json = true;
        break;
      case '--list-conventions':
        o.listConventions = true;
        break;
      case '--list-presets':
        o.listPresets = true;
        break;
      case '--list-devices':
        o.listDevices = true;
        break;
      case '--emit-model':
        o.emitModel = true;
        break;
      case '--link':
        o.link = true;
        break;
      case '--convention': {
        const v = value();
        if (!v) return { ok: false, error: '--convention needs a name' };
        o.convention = v;
        break;
      }
      case '--batch': {
        const n = posInt(value());
        if (n === null) return { ok: false, error: '--batch needs a positive integer' };
        o.batch = n;
        break;
      }
      case '--input': {
        const v = value() ?? '';
        const dims = v.split(/[,x×]/).map((d) => posInt(d.trim()));
        if (!(dims.length === 3 || dims.length === 1) || dims.some((d) => d === null))
          return { ok: false, error: `--input needs C,H,W or F with positive integers, got "${v}"` };
        o.input = dims as number[];
        break;
      }
      case '--input-shape': {
        const v = value() ?? '';
        const m = /^([^=]+)=([\d,x×\s]+)$/.exec(v);
        const dims = m ? m[2].split(/[,x×]/).map((d) => posInt(d.trim())) : [];
        if (!m || !dims.length || dims.some((d) => d === null))
          return { ok: false, error: `--input-shape needs NAME=N,D,… with positive integers, got "${v}"` };
        o.inputShapes = { ...o.inputShapes, [m[1].trim()]: dims as number[] };
        break;
      }
      case '--preset': {
        const v = value();
        if (!v) return { ok: false, error: '--preset needs a name' };
        o.presets.push(v);
        break;
      }
      case '--width': {
        const v = Number(value());
        if (!Number.isFinite(v) || v <= 0) return { ok: false, error: '--width needs a positive number' };
        o.width = v;
        break;
      }
      case '--knob': {
        const v = value() ?? '';
        const m = /^([a-z_]+)=([0-9.]+)$/i.exec(v);
        if (!m || !Number.isFinite(Number(m[2]))) return { ok: false, error: `--knob needs NAME=NUMBER, got "${v}"` };
        o.knobs[m[1]] = Number(m[2]);
        break;
      }
      case '--base-url': {
        const v = value();
        if (!v || !/^https?:\/\/|^\.?\//.test(v)) return { ok: false, error: '--base-url needs an http(s) URL' };
        o.baseUrl = v;
        break;
      }
      case '--export': {
        const v = value() ?? '';
        if (!isExportFormat(v)) return { ok: false, error: `--export needs one of ${EXPORT_FORMATS.join(', ')}` };
        o.exportFormat = v;
        break;
      }
      case '--out': {
        const v = value();
        if (!v) return { ok: false, error: '--out needs a file name' };
        o.out = v;
        break;
      }
      case '--device': {
        const v = value();
        if (!v) return { ok: false, error: '--device needs an id' };
        o.device = v;
        break;
      }
      case '--devices': {
        const v = value();
        if (!v) return { ok: false, error: '--devices needs all or a list of ids' };
        o.devices = v;
        break;
      }
      case '--precision': {
        const v = value();
        if (v !== 'fp32' && v !== 'fp16' && v !== 'int8')
          return { ok: false, error: '--precision must be fp32, fp16 or int8' };
        o.precision = v;
        break;
      }
      default:
        if (a.startsWith('-') && a !== '-') return { ok: false, error: `unknown option ${a} (see --help)` };
        // `-` is stdin, which can be read once.
        if (a === '-' && o.files.includes('-')) return { ok: false, error: '- (stdin) can be given once' };
        o.files.push(a);
    }
  }
  if (o.out && !o.exportFormat) return { ok: false, error: '--out is for --export' };
  if (o.exportFormat) {
    const other = [
      o.json && '--json',
      o.link && '--link',
      o.emitModel && '--emit-model',
      o.device && '--device',
      o.devices && '--devices',
    ]
      .filter(Boolean)
      .join(', ');
    if (other) return { ok: false, error: `--export cannot be combined with ${other}` };
  }
  if (o.exportFormat === 'onnx' && !o.out) return { ok: false, error: '--export onnx writes binary: give --out FILE' };
  return { ok: true, options: o };
}
