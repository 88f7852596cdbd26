/**
 * Memory, runtime, placement and the fit verdict of the models compared with the editor's (the
 * A/B/C view), on the device and precision the editor has picked: one runtime worker of their own,
 * asked for one model after another, so the editor's answers never wait behind them. Model A's
 * answer is the editor's own (runtime.ts).
 */
import { useEffect, useState } from 'react';
import type { Model } from '../engine/format/model';
import { RuntimeClient, type RuntimeAnswer } from '../worker/runtimeClient';
import { useEditor } from './store';

let client: RuntimeClient | null = null;

/** One answer per model (null until it comes), for the editor's device, precision and memory dtype. */
export function useCompareRuntime(models: readonly Model[]): readonly (RuntimeAnswer | null)[] {
  const deviceId = useEditor((s) => s.settings.device);
  const precision = useEditor((s) => s.settings.precision);
  const dtype = useEditor((s) => s.settings.dtype);
  const [state, setState] = useState<{ for: readonly Model[]; answers: (RuntimeAnswer | null)[] }>({
    for: models,
    answers: [],
  });
  useEffect(() => {
    let alive = true;
    const answers: (RuntimeAnswer | null)[] = models.map(() => null);
    setState({ for: models, answers: [...answers] });
    if (!models.length) return;
    client ??= new RuntimeClient();
    const c = client;
    void (async () => {
      for (const [i, model] of models.entries()) {
        // Latest wins in the client: a newer comparison supersedes this loop (its answer is null).
        const a = await c.run(model, { deviceId, precision, dtype, compare: false });
        if (!alive || !a) return;
        answers[i] = a;
        setState({ for: models, answers: [...answers] });
      }
    })();
    return () => {
      alive = false;
    };
  }, [models, deviceId, precision, dtype]);
  return state.for === models ? state.answers : models.map(() => null);
}
