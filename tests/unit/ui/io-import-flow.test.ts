/**
 * The page's import path without a browser: importJob.ts (read + import, progress phases),
 * importClient.ts (main-thread fallback, a worker that dies), and state/importFlow.ts (the model
 * changes only on success, through setModel so Undo restores it; newer imports win; Cancel).
 * Expected models come from src/engine/import run directly on the same bytes
 * (fixtures: tests/fixtures/tiny-cnn.onnx, written by the io engine tests' author).
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { importFile as importBytes, MAX_IMPORT_BYTES } from '../../../src/engine/import';
import { readBlob, runImport, type ImportJobProgress } from '../../../src/worker/importJob';
import {
  CANCELLED,
  IMPORT_TIMEOUT_MS,
  importInWorker,
  importOnMainThread,
  type ImportJob,
  type ImportRunner,
} from '../../../src/worker/importClient';
import { cancelImport, importFile, useImportStatus } from '../../../src/state/importFlow';
import { useEditor } from '../../../src/state/store';
import type { ImportResult } from '../../../src/engine/import/result';

const tinyCnn = new Uint8Array(readFileSync('tests/fixtures/tiny-cnn.onnx'));
const expected = importBytes('tiny-cnn.onnx', tinyCnn);
if (!expected.ok) throw new Error(expected.error);

const status = () => useImportStatus.getState().status;

afterEach(() => {
  cancelImport();
  useEditor.temporal.getState().clear();
});

describe('importJob: reads a Blob and imports it, reporting reading then parsing', () => {
  it('a Blob gives the same model as the bytes', async () => {
    const seen: ImportJobProgress['phase'][] = [];
    const r = await runImport('tiny-cnn.onnx', new Blob([tinyCnn]), (p) => seen.push(p.phase));
    expect(r).toEqual(expected);
    expect(seen[0]).toBe('parsing');
    expect(seen.at(-1)).toBe('parsing');
  });

  it('an ArrayBuffer gives the same model', async () => {
    expect(await runImport('tiny-cnn.onnx', tinyCnn.slice().buffer)).toEqual(expected);
  });

  it('readBlob returns the exact bytes and reports every 8 MB', async () => {
    const big = new Uint8Array(20 * 1024 * 1024 + 5);
    for (let i = 0; i < big.length; i += 4099) big[i] = i % 251;
    const reports: number[] = [];
    const back = await readBlob(new Blob([big]), (n) => reports.push(n));
    expect(back.length).toBe(big.length);
    expect(Buffer.compare(Buffer.from(back), Buffer.from(big))).toBe(0);
    // Chunk sizes are the platform's, so: at least one report, each ≥ 8 MB after the previous.
    expect(reports.length).toBeGreaterThanOrEqual(1);
    reports.forEach((n, k) => expect(n - (reports[k - 1] ?? 0)).toBeGreaterThanOrEqual(8 * 1024 * 1024));
    expect(reports.at(-1)).toBeLessThanOrEqual(big.length);
  });

  it('malformed bytes give a message, not an exception', async () => {
    const r = await runImport('junk.onnx', new Blob([new Uint8Array([0xff, 0xff, 0xff, 0x0f, 1, 2, 3])]));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/junk\.onnx/);
  });
});

describe('importClient', () => {
  it('falls back to the main thread when no Worker can be created', async () => {
    const job = importInWorker('tiny-cnn.onnx', new Blob([tinyCnn]), undefined, () => null);
    expect(job.mode).toBe('main-thread');
    expect(await job.result).toEqual(expected);
  });

  it('a main-thread job cancelled before it starts answers "cancelled"', async () => {
    const job = importOnMainThread('tiny-cnn.onnx', tinyCnn.slice());
    job.cancel();
    expect(await job.result).toEqual({ ok: false, error: CANCELLED });
  });

  it('a worker that dies gives an error answer and is terminated', async () => {
    const listeners = new Map<string, ((e: unknown) => void)[]>();
    const terminate = vi.fn();
    const fake = {
      addEventListener: (t: string, f: (e: unknown) => void) => listeners.set(t, [...(listeners.get(t) ?? []), f]),
      removeEventListener: () => {},
      postMessage: () => {},
      start: () => {},
      terminate,
    };
    const job = importInWorker('big.onnx', new Blob([tinyCnn]), undefined, () => fake as unknown as Worker);
    expect(job.mode).toBe('worker');
    for (const f of listeners.get('error') ?? []) f({ message: '', preventDefault: () => {} });
    const r = await job.result;
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/big\.onnx stopped: the worker failed/);
    expect(terminate).toHaveBeenCalled();
  });
});

/** A Worker stand-in: records what is posted and lets the test answer as comlink's worker side would. */
function fakeWorker() {
  const listeners = new Map<string, ((e: unknown) => void)[]>();
  const posted: { id?: string; type?: string }[] = [];
  const terminate = vi.fn();
  const worker = {
    addEventListener: (t: string, f: (e: unknown) => void) => listeners.set(t, [...(listeners.get(t) ?? []), f]),
    removeEventListener: () => {},
    postMessage: (m: { id?: string; type?: string }) => posted.push(m),
    start: () => {},
    terminate,
  };
  /** Answers the import call (comlink's wire format: the request's id, a RAW value). */
  const answer = (value: ImportResult) => {
    const call = posted.find((m) => m.type === 'APPLY');
    for (const f of listeners.get('message') ?? []) f({ data: { id: call?.id, type: 'RAW', value } });
  };
  return { spawn: () => worker as unknown as Worker, terminate, answer };
}

describe('importClient watchdog: a worker that does not answer in time is stopped', () => {
  it('no answer within the time: an error answer saying so and what to do, and the worker is terminated', async () => {
    const w = fakeWorker();
    const job = importInWorker('stuck.onnx', new Blob([tinyCnn]), undefined, w.spawn, 50);
    const r = await job.result;
    expect(r).toEqual({
      ok: false,
      error:
        'the import of stuck.onnx took longer than 50 ms without progress and was stopped; the file may be too large or too complex to import. Try again, or import a smaller part of the model',
    });
    expect(w.terminate).toHaveBeenCalledTimes(1);
  });

  it('an answer before the time wins, and the watchdog does not fire afterwards', async () => {
    const w = fakeWorker();
    const job = importInWorker('tiny-cnn.onnx', new Blob([tinyCnn]), undefined, w.spawn, 80);
    w.answer(expected);
    expect(await job.result).toEqual(expected);
    await new Promise((r) => setTimeout(r, 120));
    expect(w.terminate).toHaveBeenCalledTimes(1);
  });

  it('the page states a minute', () => {
    expect(IMPORT_TIMEOUT_MS).toBe(60_000);
  });
});

/** A runner whose answer the test releases, to interleave imports. */
function manualRunner() {
  const jobs: { name: string; resolve: (r: ImportResult) => void; cancel: ReturnType<typeof vi.fn> }[] = [];
  const run: ImportRunner = (name) => {
    let resolve: (r: ImportResult) => void = () => {};
    const result = new Promise<ImportResult>((res) => (resolve = res));
    const cancel = vi.fn(() => resolve({ ok: false, error: CANCELLED }));
    jobs.push({ name, resolve, cancel });
    return { result, cancel, mode: 'worker' } satisfies ImportJob;
  };
  return { run, jobs };
}

describe('importFlow: the model changes only when an import succeeds, and undoably', () => {
  it('success: setModel with the imported model; Undo brings the previous one back', async () => {
    const before = useEditor.getState().model;
    await importFile(new File([tinyCnn], 'tiny-cnn.onnx'), importOnMainThread);
    expect(useEditor.getState().model).toEqual(expected.model);
    const s = status();
    expect(s.kind).toBe('loaded');
    if (s.kind === 'loaded') expect(s.warnings).toEqual(expected.warnings);
    useEditor.getState().undo();
    expect(useEditor.getState().model).toBe(before);
  });

  it('failure: the model object stays the same and no undo step is added', async () => {
    const before = useEditor.getState().model;
    const past = useEditor.temporal.getState().pastStates.length;
    await importFile(new File([tinyCnn.subarray(0, 60)], 'cut.onnx'), importOnMainThread);
    expect(useEditor.getState().model).toBe(before);
    expect(useEditor.temporal.getState().pastStates.length).toBe(past);
    const s = status();
    expect(s.kind).toBe('failed');
    if (s.kind === 'failed')
      expect(s.error).toBe((importBytes('cut.onnx', tinyCnn.subarray(0, 60)) as { error: string }).error);
  });

  it('a file over the limit is refused before it is read', async () => {
    const run = vi.fn<ImportRunner>();
    const huge = { name: 'huge.onnx', size: MAX_IMPORT_BYTES + 1 } as File;
    await importFile(huge, run);
    expect(run).not.toHaveBeenCalled();
    const s = status();
    expect(s.kind === 'failed' && s.error).toBe('huge.onnx is 512.0 MB; files up to 512.0 MB can be imported');
  });

  it('a newer file cancels the running import; the older answer is ignored', async () => {
    const { run, jobs } = manualRunner();
    const before = useEditor.getState().model;
    const first = importFile(new File([tinyCnn], 'a.onnx'), run);
    const second = importFile(new File([tinyCnn], 'b.onnx'), run);
    expect(jobs[0].cancel).toHaveBeenCalled();
    await first;
    expect(useEditor.getState().model).toBe(before);
    jobs[1].resolve(expected);
    await second;
    expect(status()).toMatchObject({ kind: 'loaded', name: 'b.onnx' });
  });

  it('Cancel stops the import and keeps the model', async () => {
    const { run, jobs } = manualRunner();
    const before = useEditor.getState().model;
    const p = importFile(new File([tinyCnn], 'a.onnx'), run);
    expect(status().kind).toBe('reading');
    cancelImport();
    jobs[0].resolve(expected); // an answer after Cancel must not load
    await p;
    expect(jobs[0].cancel).toHaveBeenCalled();
    expect(status().kind).toBe('idle');
    expect(useEditor.getState().model).toBe(before);
  });
});

describe('importFlow: a runner that throws', () => {
  it('becomes a failed notice, not an exception', async () => {
    const before = useEditor.getState().model;
    const boom: ImportRunner = () => {
      throw new Error('DataCloneError');
    };
    await expect(importFile(new File([tinyCnn], 'x.onnx'), boom)).resolves.toBeUndefined();
    expect(status()).toEqual({ kind: 'failed', name: 'x.onnx', error: 'cannot import x.onnx: DataCloneError' });
    expect(useEditor.getState().model).toBe(before);
  });
});
