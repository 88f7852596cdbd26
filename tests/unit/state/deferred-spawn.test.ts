import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EngineBackend } from '../../../src/worker/client';
import { AFTER_OPEN_MS, deferredSpawn, START_WITHIN_MS } from '../../../src/worker/deferredSpawn';
import type { ModelResult } from '../../../src/engine/evaluate';
import type { Model } from '../../../src/engine/format/model';

const MODEL = { format: 'floplab.model/2', input: [3, 8, 8], layers: [] } as unknown as Model;

function fakeSpawn(fail = false) {
  const made: { evaluated: number; terminated: boolean }[] = [];
  const spawn = vi.fn((): EngineBackend | null => {
    if (fail) return null;
    const w = { evaluated: 0, terminated: false };
    made.push(w);
    return {
      evaluate: () => {
        w.evaluated++;
        return Promise.resolve({} as ModelResult);
      },
      terminate: () => void (w.terminated = true),
    };
  });
  return { spawn, made };
}

describe('deferredSpawn: the engine worker starts after the page has opened, or when first needed', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('Worker', class {});
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('starts nothing while the page opens, then the worker once the page has had its time', () => {
    const { spawn, made } = fakeSpawn();
    const b = deferredSpawn(spawn)(() => {});
    expect(b).not.toBeNull();
    vi.advanceTimersByTime(AFTER_OPEN_MS - 1);
    expect(spawn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1); // no requestIdleCallback here: started when the delay is over
    expect(made).toHaveLength(1);
    vi.advanceTimersByTime(START_WITHIN_MS * 2);
    expect(made).toHaveLength(1);
  });

  it('starts at once when a model needs it, and only once', async () => {
    const { spawn, made } = fakeSpawn();
    const b = deferredSpawn(spawn)(() => {})!;
    await b.evaluate(MODEL, ['torch']);
    await b.evaluate(MODEL, ['torch']);
    vi.advanceTimersByTime(AFTER_OPEN_MS + START_WITHIN_MS);
    expect(made).toHaveLength(1);
    expect(made[0].evaluated).toBe(2);
  });

  it('waits for an idle moment when the browser has them', () => {
    let idle: (() => void) | null = null;
    vi.stubGlobal('requestIdleCallback', (cb: () => void) => ((idle = cb), 7));
    vi.stubGlobal('cancelIdleCallback', () => {});
    const { spawn, made } = fakeSpawn();
    deferredSpawn(spawn)(() => {});
    vi.advanceTimersByTime(AFTER_OPEN_MS);
    expect(made).toHaveLength(0);
    idle!();
    expect(made).toHaveLength(1);
  });

  it('a backend ended before its worker started never starts one; an ended one is terminated', async () => {
    const a = fakeSpawn();
    deferredSpawn(a.spawn)(() => {})!.terminate();
    vi.advanceTimersByTime(AFTER_OPEN_MS + START_WITHIN_MS);
    expect(a.spawn).not.toHaveBeenCalled();
    const b = fakeSpawn();
    const backend = deferredSpawn(b.spawn)(() => {})!;
    await backend.evaluate(MODEL, ['torch']);
    backend.terminate();
    expect(b.made[0].terminated).toBe(true);
  });

  it('a worker that cannot start is reported as a crash, and its request is refused', async () => {
    const { spawn } = fakeSpawn(true);
    const onCrash = vi.fn();
    const b = deferredSpawn(spawn)(onCrash)!;
    await expect(b.evaluate(MODEL, ['torch'])).rejects.toThrow(/could not start/);
    vi.advanceTimersByTime(0);
    expect(onCrash).toHaveBeenCalledWith('the engine worker could not start');
  });

  it('no Worker in this environment: no backend (the client evaluates on the page)', () => {
    vi.unstubAllGlobals();
    vi.stubGlobal('Worker', undefined);
    expect(deferredSpawn(fakeSpawn().spawn)(() => {})).toBeNull();
  });
});
