/**
 * Issue 18 in the runtime answer: on a measured device the estimate carries the device's held-out
 * error and the table's measurement of the same network (latency/twin.ts); on other devices neither,
 * and the measurement table is not needed.
 */
import { describe, expect, it } from 'vitest';
import { calibrationFor } from '../../../src/engine/deploy/latency/calibration';
import { deviceById } from '../../../src/engine/deploy/devices';
import { measuredTwin } from '../../../src/engine/deploy/latency/twin';
import { evaluateModel } from '../../../src/engine/evaluate';
import { presetByName } from '../../../src/engine/presets';
import { runtimeOfAsync } from '../../../src/worker/runtime';

describe('runtime answer on a measured device', () => {
  const model = presetByName('mobilenet_v1')!.build();
  it('rpi4-ncnn-4t: held-out error and the same network measured there', async () => {
    const a = await runtimeOfAsync(model, {
      deviceId: 'rpi4-ncnn-4t',
      precision: 'fp32',
      dtype: 'fp32',
      compare: false,
    });
    const l = a.latency;
    if (!l || 'error' in l) throw new Error('no estimate');
    expect(l.estimate.calibration.heldOut).toEqual(calibrationFor(deviceById('rpi4-ncnn-4t')!, 'fp32').heldOut);
    const want = measuredTwin('rpi4-ncnn-4t', {
      macs: evaluateModel(model).totals.macs,
      precision: 'fp32',
      preset: 'mobilenet_v1',
    })!;
    expect(l.twin).toMatchObject({ kind: 'same', model: want.rows[0].model, ms: want.rows[0].ms });
    expect(l.twin!.url).toMatch(/^https:\/\/github\.com\/Tencent\/ncnn\/blob\/[0-9a-f]{40}\//);
  });

  it('a device without measurements: no twin, no held-out figure', async () => {
    const a = await runtimeOfAsync(model, {
      deviceId: 'pixel4-cpu-4t',
      precision: 'fp32',
      dtype: 'fp32',
      compare: false,
    });
    const l = a.latency;
    if (!l || 'error' in l) throw new Error('no estimate');
    expect(l.twin).toBeUndefined();
    expect(l.estimate.calibration.heldOut).toBeUndefined();
  });

  it.each([
    ['coral-edgetpu', 'mobilenet_v2', 'Coral Edge TPU benchmarks'],
    ['hailo-8', 'resnet18', 'Hailo model zoo'],
    ['snapdragon-8gen3-npu', 'resnet50', 'Qualcomm AI Hub'],
  ])('%s: the worker loads its table and answers with the same twin as measuredTwin', async (device, preset, table) => {
    const m = presetByName(preset)!.build();
    const a = await runtimeOfAsync(m, { deviceId: device, precision: 'int8', dtype: 'int8', compare: false });
    const l = a.latency;
    if (!l || 'error' in l) throw new Error('no estimate');
    const want = measuredTwin(device, { macs: evaluateModel(m).totals.macs, precision: 'int8', preset })!;
    const r = want.rows[0];
    expect(l.twin).toMatchObject({ kind: 'same', table, model: r.model, ms: r.ms, url: r.source.url, note: want.note });
    // A throughput is passed as FPS, and never as ms.
    if (r.fps) expect(l.twin).toMatchObject({ ms: null, fps: r.fps.batch1 });
    else expect(l.twin!.fps).toBeUndefined();
  });
});
