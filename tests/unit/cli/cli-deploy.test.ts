/**
 * The CLI's deployment answers (issue 17): `--device D` adds `memory` (peak, arena, weights, fits,
 * checks with sources) and, on an accelerator, `placement` (ops on it, first fallback, partitions,
 * runtime with the fallback on the host); `--devices` prints every device's time, ops on the
 * accelerator and memory verdict. Expected values come from the engine functions the app uses.
 */
import { describe, expect, it } from 'vitest';
import { deviceMemory } from '../../../src/engine/deploy/device-memory';
import { deviceById, DEVICES } from '../../../src/engine/deploy/devices';
import { placeOnDevice } from '../../../src/engine/deploy/placement';
import { evaluateModel } from '../../../src/engine/evaluate';
import { presetByName } from '../../../src/engine/presets';
import { capture } from './capture';

const result = (name: string, knobs: Record<string, number> = {}) => evaluateModel(presetByName(name)!.build(knobs));

describe('CLI --device: memory', () => {
  it('MobileNetV2 on the STM32H7A3 at int8: does not fit, by the flash shortfall, with each check and its source', async () => {
    const j = JSON.parse(
      (await capture(['--preset', 'mobilenet_v2', '--device', 'stm32h7', '--precision', 'int8', '--json'])).stdout,
    );
    const m = deviceMemory(result('mobilenet_v2'), deviceById('stm32h7')!, 'int8');
    expect(j.memory).toMatchObject({
      dtype: 'int8',
      peak: Number(m.lowerBoundBytes),
      arena: Number(m.arenaBytes),
      weights: Number(m.weightBytes),
      fits: 'does-not-fit',
      short: Number(m.fit.shortBytes),
    });
    expect(j.memory.checks.map((c: { memory: string; ok: boolean }) => [c.memory, c.ok])).toEqual([
      ['flash', false],
      ['RAM', false],
    ]);
    for (const c of j.memory.checks) expect(c.source).toMatch(/^https:\/\//);
    expect(j.placement).toBeUndefined(); // an MCU's CPU: no placement table
  });

  it('says it in text too', async () => {
    const out = (await capture(['--preset', 'mobilenet_v2', '--device', 'esp32-s3', '--precision', 'int8'])).stdout;
    expect(out).toMatch(/memory\s+fits with off-chip memory \(981 kB outside\)/);
  });
});

describe('CLI --device: placement', () => {
  it('MobileNetV3-Small on the Edge TPU: the first hard-swish and everything after it on the CPU', async () => {
    const j = JSON.parse(
      (await capture(['--preset', 'mobilenet_v3_small', '--device', 'coral-edgetpu', '--precision', 'int8', '--json']))
        .stdout,
    );
    const p = placeOnDevice(result('mobilenet_v3_small'), 'coral-edgetpu', 'int8');
    if ('error' in p) throw new Error(p.error);
    expect(j.placement).toMatchObject({
      accelerator: 'Edge TPU',
      ops_on_accelerator: p.opsOnAccelerator,
      ops_total: p.opsTotal,
      first_fallback: { path: p.firstFallback!.path },
    });
    expect(j.placement.ops_on_accelerator).toBeLessThan(j.placement.ops_total);
    expect(j.placement.partitions).toHaveLength(p.partitions.length);
    expect(j.placement.latency.ms).toBeGreaterThan(j.latency.ms); // the CPU part and the transfer are added
    expect(j.placement.latency.host).toBe('rpi4-cpu');
  });

  it('MobileNetV2 runs entirely on the Edge TPU', async () => {
    const j = JSON.parse(
      (await capture(['--preset', 'mobilenet_v2', '--device', 'coral-edgetpu', '--precision', 'int8', '--json']))
        .stdout,
    );
    expect(j.placement.ops_on_accelerator).toBe(j.placement.ops_total);
    expect(j.placement.first_fallback).toBeNull();
  });
});

describe('CLI --devices', () => {
  it('all: one row per device with time, ops on the accelerator and memory verdict', async () => {
    const j = JSON.parse(
      (await capture(['--preset', 'mobilenet_v2', '--devices', 'all', '--precision', 'int8', '--json'])).stdout,
    );
    expect(j.devices.map((d: { device: string }) => d.device)).toEqual(DEVICES.map((d) => d.id));
    const stm = j.devices.find((d: { device: string }) => d.device === 'stm32h7');
    expect(stm.memory.fits).toBe('does-not-fit');
    const coral = j.devices.find((d: { device: string }) => d.device === 'coral-edgetpu');
    expect(coral.placement.ops_on_accelerator).toBe(coral.placement.ops_total);
    const text = (
      await capture(['--preset', 'mobilenet_v2', '--devices', 'stm32h7,coral-edgetpu', '--precision', 'int8'])
    ).stdout;
    expect(text).toMatch(/stm32h7\s+int8\s+[\d.]+\s+–\s+does not fit \(1\.41 MB short\)/);
    expect(text).toMatch(/coral-edgetpu\s+int8\s+[\d.]+\s+65\/65\s+fits/);
  });

  it('an unknown id is an error with exit code 2', async () => {
    const r = await capture(['--preset', 'mobilenet_v2', '--devices', 'stm32h7,toaster']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown device "toaster"/);
  });
});
