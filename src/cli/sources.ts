/** Where the CLI's models come from: files (model JSON) and presets. */
import type { CliOptions } from './args';
import type { Model } from '../engine/format/model';
import { parseModelJson } from '../engine/format/schema';

export type Source = { label: string; model: Model } | { label: string; error: string };

function fromFile(path: string, readFile: (p: string) => Uint8Array): Source {
  let bytes: Uint8Array;
  try {
    bytes = readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return {
      label: path,
      error:
        code === 'ENOENT'
          ? 'no such file'
          : code === 'EISDIR'
            ? 'is a directory'
            : `cannot read (${(err as Error).message})`,
    };
  }
  const r = parseModelJson(new TextDecoder().decode(bytes));
  return r.ok ? { label: path, model: r.model } : { label: path, error: r.error };
}

export function loadSources(o: CliOptions, readFile: (p: string) => Uint8Array): Source[] {
  return o.files.map((f) => fromFile(f, readFile));
}
