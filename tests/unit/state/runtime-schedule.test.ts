/**
 * The runtime answer never competes with the totals (src/state/runtime.ts): a request waits for
 * the engine's evaluation of the same edit, then for the frame that shows it; a burst of edits
 * becomes one request, and the every-device comparison is asked for only while a view shows it.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Model } from '../../../src/engine/format/model';
import { useEvaluationStore } from '../../../src/state/evaluation';
import { RUNTIME_WAIT_MS, setRuntimeCompare, startRuntime, useRuntimeStore } from '../../../src/state/runtime';
import { useEditor } from '../../../src/state/store';
import type { RuntimeClient, RuntimeRequest } from '../../../src/worker/runtimeClient';

const tick = () => new Promise<void>((r) => queueMicrotask(r));
/** Long enough for the next animation frame and the task after it (jsdom draws every 16 ms). */
const afterPaint = () => new Promise<void>((r) => setTimeout(r, 50));

function fakeClient() {
  const calls: { model: Model; req: RuntimeRequest }[] = [];
  const client = {
    run: vi.fn(async (model: Model, req: RuntimeRequest) => {
      calls.push({ model, req });
      return { memory: null, latency: null, devices: [] };
    }),
    dispose: vi.fn(),
  } as unknown as RuntimeClient;
  return { client, calls };
}

const withName = (name: string) => useEditor.setState({ model: { ...useEditor.getState().model, name } });

describe('runtime scheduling', () => {
  let stop: () => void = () => {};
  beforeEach(() => useEvaluationStore.setState({ pending: true }));
  afterEach(() => {
    stop();
    vi.useRealTimers();
  });

  it('waits for the engine’s evaluation, then sends the latest model once', async () => {
    const { client, calls } = fakeClient();
    stop = startRuntime(client);
    await tick();
    expect(calls).toHaveLength(0);
    withName('a');
    withName('b');
    withName('c');
    await tick();
    expect(calls).toHaveLength(0);
    useEvaluationStore.setState({ pending: false });
    await tick();
    expect(calls).toHaveLength(0); // not in the edit's own task: the totals' frame comes first
    await afterPaint();
    expect(calls).toHaveLength(1);
    expect(calls[0].model.name).toBe('c');
    expect(calls[0].req.compare).toBe(false);
    await tick();
    expect(useRuntimeStore.getState().pending).toBe(false);
  });

  it('goes after the next frame when the evaluation is already done (a settings change, a small model)', async () => {
    useEvaluationStore.setState({ pending: false });
    const { client, calls } = fakeClient();
    stop = startRuntime(client);
    await afterPaint();
    expect(calls).toHaveLength(1);
    useEditor.setState({ settings: { ...useEditor.getState().settings, precision: 'fp16' } });
    await tick();
    expect(calls).toHaveLength(1);
    await afterPaint();
    expect(calls).toHaveLength(2);
    expect(calls[1].req.precision).toBe('fp16');
  });

  it('asks for the device comparison only while a view wants it', async () => {
    useEvaluationStore.setState({ pending: false });
    const { client, calls } = fakeClient();
    stop = startRuntime(client);
    await afterPaint();
    setRuntimeCompare(true);
    await afterPaint();
    expect(calls.map((c) => c.req.compare)).toEqual([false, true]);
    setRuntimeCompare(true); // a second view: no new request
    setRuntimeCompare(false);
    await afterPaint();
    expect(calls).toHaveLength(2);
    setRuntimeCompare(false);
    await afterPaint();
    expect(calls.map((c) => c.req.compare)).toEqual([false, true, false]);
  });

  it('a request the timer had to send (its frame never came: the tab was hidden) does not hold up the next', async () => {
    useEvaluationStore.setState({ pending: false });
    const page = { hidden: false };
    vi.stubGlobal('document', page);
    vi.stubGlobal('requestAnimationFrame', () => 1); // a frame is asked for, but the tab goes hidden
    try {
      const { client, calls } = fakeClient();
      stop = startRuntime(client);
      await tick();
      await new Promise((r) => setTimeout(r, RUNTIME_WAIT_MS + 50));
      expect(calls).toHaveLength(1); // sent by the timer
      page.hidden = true;
      withName('x');
      await new Promise((r) => setTimeout(r, 20)); // hidden: a plain task, not the 400 ms timer
      expect(calls.map((c) => c.model.name)).toEqual([expect.anything(), 'x']);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it(`goes anyway after ${RUNTIME_WAIT_MS} ms when the evaluation never finishes`, async () => {
    vi.useFakeTimers();
    const { client, calls } = fakeClient();
    stop = startRuntime(client);
    await tick();
    vi.advanceTimersByTime(RUNTIME_WAIT_MS - 1);
    expect(calls).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(calls).toHaveLength(1);
  });
});
