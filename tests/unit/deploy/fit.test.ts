/**
 * The fit verdict (src/engine/deploy/fit.ts) on the device data's sourced capacities:
 * STM32H7A3 1.19 MB RAM and 2 MB flash (MLPerf Tiny v1.0 system file), ESP32-S3 512 KB SRAM +
 * 8 MB PSRAM + 8 MB flash (Espressif DevKitC-1), Coral's 8 MB parameter memory + USB link,
 * K210's 8 MB SRAM, Jetson Nano 4 GB (Ultralytics' Jetson table); the phones' and boards' DRAM
 * (binary sizes: "4 GB" = 4 GiB): Pixel 1/2/3 4 GB and Pixel 4 6 GB (LineageOS wiki device files),
 * iPhone XS 4 GB and iPhone 15 Pro 8 GB (press reports), the vivo iQOO 12 of the MLPerf Mobile v4.0
 * Snapdragon 8 Gen 3 system file 12 GB, the 4 GB Raspberry Pi 4 / 5 and RK3588 boards (Raspberry Pi
 * and Radxa documentation), the NCS2's 4 Gbit of LPDDR4.
 */
import { describe, expect, it } from 'vitest';
import { deviceMemory } from '../../../src/engine/deploy/device-memory';
import { deviceById } from '../../../src/engine/deploy/devices';
import type { Device } from '../../../src/engine/deploy/devices/schema';
import { figureBytes, fitOnDevice, type FitVerdict } from '../../../src/engine/deploy/fit';
import { evaluateModel } from '../../../src/engine/evaluate';
import { presetByName } from '../../../src/engine/presets';

const dev = (id: string): Device => {
  const d = deviceById(id);
  if (!d) throw new Error(id);
  return d;
};
const KiB = 1024n;
const MiB = 1024n * KiB;
const GiB = 1024n * MiB;

describe('capacities in bytes', () => {
  it.each([
    ['stm32h7', 'ram', 1_190_000n],
    ['stm32h7', 'flash', 2n * MiB],
    ['esp32-s3', 'ram', 512n * KiB],
    ['esp32-s3', 'externalRam', 8n * MiB],
    ['esp32-s3', 'flash', 8n * MiB],
    ['k210', 'ram', 8n * MiB],
    ['jetson-nano', 'ram', 4096n * MiB],
    ['pixel1-cpu-1core', 'ram', 4n * GiB],
    ['pixel2-cpu-1core', 'ram', 4n * GiB],
    ['pixel3-cpu-1core', 'ram', 4n * GiB],
    ['pixel3-cpu-4t', 'ram', 4n * GiB],
    ['pixel3-gpu', 'ram', 4n * GiB],
    ['pixel4-cpu-4t', 'ram', 6n * GiB],
    ['pixel4-gpu', 'ram', 6n * GiB],
    ['iphone-xs-gpu', 'ram', 4n * GiB],
    ['snapdragon-8gen3-npu', 'ram', 12n * GiB],
    ['apple-a17-ane', 'ram', 8n * GiB],
    ['rpi4-cpu', 'ram', 4n * GiB],
    ['rpi5-cpu', 'ram', 4n * GiB],
    ['rk3588-npu', 'ram', 4n * GiB],
    ['ncs2', 'ram', 512n * MiB],
  ] as const)('%s %s', (id, field, bytes) => {
    const f = dev(id)[field];
    if (!f) throw new Error(`${id} has no ${field}`);
    expect(figureBytes(f)).toBe(bytes);
    expect(f.sources.length).toBeGreaterThan(0);
    // A DRAM size read from "N GB" / "N Gbit" must say it was read as binary.
    if (bytes >= 512n * MiB) expect(f.derivation ?? '').toMatch(/\d+ GiB = [\d,]+ B|512 MiB = [\d,]+ B/);
  });

  const PHONES = ['pixel1-cpu-1core', 'pixel2-cpu-1core', 'pixel3-cpu-1core', 'pixel3-cpu-4t', 'pixel4-cpu-4t'];
  it.each([...PHONES, 'pixel3-gpu', 'pixel4-gpu', 'iphone-xs-gpu', 'snapdragon-8gen3-npu', 'apple-a17-ane'])(
    '%s: phone RAM says the OS shares it, and third-party figures are flagged',
    (id) => {
      const f = dev(id).ram!;
      expect(f.note).toMatch(/shared with the OS/);
      expect(f.note).toMatch(/only part of it/);
      // No phone maker's own RAM figure is among the sources: every one is flagged unverified.
      expect(f.unverified).toBe(true);
    },
  );

  it.each(['rpi4-cpu', 'rpi5-cpu', 'rk3588-npu'])('%s: the board RAM names the variant counted', (id) => {
    const f = dev(id).ram!;
    expect(f.derivation).toMatch(/the 4 GB board \(sold with [^)]*\b4\b/);
    expect(f.note).toMatch(/counts the 4 GB board/);
  });

  it('Hailo-8 keeps no capacity (its on-chip memory size is not published) and says how larger models run', () => {
    const h = dev('hailo-8');
    expect([h.ram, h.externalRam, h.flash, h.onChipMemory]).toEqual([undefined, undefined, undefined, undefined]);
    expect(h.notes).toMatch(/not published/);
    expect(h.notes).toMatch(/several contexts/);
  });
});

describe('fitOnDevice', () => {
  const cases: [string, string, bigint, bigint, FitVerdict, bigint, bigint][] = [
    // device, what, activations, weights, verdict, short, spill
    ['MCU: both fit', 'stm32h7', 100_000n, 1_000_000n, 'fits', 0n, 0n],
    ['MCU: weights past flash by 1 byte', 'stm32h7', 100_000n, 2n * MiB + 1n, 'does-not-fit', 1n, 0n],
    ['MCU: arena past RAM, no PSRAM', 'stm32h7', 1_190_001n, 1n, 'does-not-fit', 1n, 0n],
    ['MCU: the larger shortfall is reported', 'stm32h7', 1_190_000n + 5n, 2n * MiB + 7n, 'does-not-fit', 7n, 0n],
    ['MCU with PSRAM: arena spills', 'esp32-s3', 512n * KiB + 10n, 1n, 'streams', 0n, 10n],
    ['MCU with PSRAM: past both', 'esp32-s3', 512n * KiB + 8n * MiB + 3n, 1n, 'does-not-fit', 3n, 0n],
    ['Edge TPU: weights on chip', 'coral-edgetpu', 10n * MiB, 8_000_000n, 'fits', 0n, 0n],
    ['Edge TPU: the rest streams', 'coral-edgetpu', 1n, 8_000_100n, 'streams', 0n, 100n],
    ['RAM only: weights + activations', 'k210', 4n * MiB, 4n * MiB + 1n, 'does-not-fit', 1n, 0n],
    ['RAM only: exactly full', 'k210', 4n * MiB, 4n * MiB, 'fits', 0n, 0n],
    ['phone DRAM: Pixel 4 exactly full', 'pixel4-cpu-4t', 2n * GiB, 4n * GiB, 'fits', 0n, 0n],
    ['phone DRAM: Pixel 3 past 4 GiB by 9 bytes', 'pixel3-gpu', 4n * GiB, 9n, 'does-not-fit', 9n, 0n],
    ['board DRAM: 4 GB Pi 5, 1 byte over', 'rpi5-cpu', 1n, 4n * GiB, 'does-not-fit', 1n, 0n],
    ['NCS2: weights + activations in 512 MiB', 'ncs2', 12n * MiB, 500n * MiB, 'fits', 0n, 0n],
  ];
  it.each(cases)('%s', (_n, id, acts, weights, verdict, short, spill) => {
    const fit = fitOnDevice(dev(id), { activationBytes: acts, weightBytes: weights });
    expect(fit.verdict).toBe(verdict);
    expect(fit.shortBytes).toBe(short);
    expect(fit.spillBytes).toBe(spill);
  });

  it('a device without a capacity figure has no verdict, and says which figures are missing', () => {
    const fit = fitOnDevice(dev('hailo-8'), { activationBytes: 1n, weightBytes: 1n });
    expect(fit.verdict).toBe('unknown');
    expect(fit.note).toMatch(/no RAM, flash or on-chip figure/);
  });
});

describe('deviceMemory on presets (int8)', () => {
  const preset = (name: string, knobs: Record<string, number> = {}) => {
    const p = presetByName(name);
    if (!p) throw new Error(name);
    return evaluateModel(p.build(knobs));
  };

  it('MobileNetV2 on STM32H7A3: weights 1 B each exceed the 2 MiB flash; the arena exceeds 1.19 MB RAM', () => {
    const r = preset('mobilenet_v2');
    const m = deviceMemory(r, dev('stm32h7'), 'int8');
    expect(m.weightBytes).toBe(r.totals.params);
    const [w, a] = m.fit.checks;
    expect([w.what, w.ok, w.needBytes - w.haveBytes]).toEqual(['weights', false, r.totals.params - 2n * MiB]);
    expect(a.what).toBe('activations');
    expect(a.ok).toBe(false);
    expect(m.fit.verdict).toBe('does-not-fit');
    expect(m.fit.shortBytes).toBe(r.totals.params - 2n * MiB);
    // BN and ReLU6 run fused into their conv: the peak is the 112×112×96 expansion and the 56×56×96
    // depthwise output of the first stride-2 block (1,204,224 + 301,056 bytes).
    expect(m.lowerBoundBytes).toBe(112n * 112n * 96n + 56n * 56n * 96n);
    expect(m.arenaBytes! >= m.lowerBoundBytes).toBe(true);
  });

  it('MobileNetV2 on ESP32-S3: the arena spills into PSRAM, the weights fit in flash', () => {
    const m = deviceMemory(preset('mobilenet_v2'), dev('esp32-s3'), 'int8');
    expect(m.fit.verdict).toBe('streams');
    expect(m.fit.spillBytes).toBe(m.arenaBytes! - 512n * KiB);
  });

  it('MobileNetV2 width 0.35 at 96×96 fits the STM32H7A3', () => {
    const m = deviceMemory(preset('mobilenet_v2', { width: 0.35, resolution: 96 }), dev('stm32h7'), 'int8');
    expect(m.fit.verdict).toBe('fits');
    expect(m.arenaBytes! <= 1_190_000n && m.weightBytes <= 2n * MiB).toBe(true);
  });

  it('MobileNetV2 on the i.MX 93 Ethos-U65 fits: weights and arena together in the DRAM, which Vela uses beyond the 384 KiB SRAM', () => {
    const r = preset('mobilenet_v2');
    const npu = dev('imx93-npu');
    const m = deviceMemory(r, npu, 'int8');
    expect(m.fit.verdict).toBe('fits');
    expect(m.fit.checks.map((c) => [c.what, c.memory])).toEqual([['weights and activations', 'RAM']]);
    const [c] = m.fit.checks;
    expect(c.needBytes).toBe(m.weightBytes + m.arenaBytes!);
    expect(m.weightBytes).toBe(r.totals.params);
    // Neither the weights nor the arena would fit the SRAM alone: that is why the verdict is read against DRAM.
    const sram = figureBytes(npu.onChipMemory!);
    expect(m.weightBytes > sram && m.arenaBytes! > sram).toBe(true);
  });

  it('ResNet-50 on the Edge TPU streams what its 8 MB parameter memory cannot hold', () => {
    const r = preset('resnet50');
    const m = deviceMemory(r, dev('coral-edgetpu'), 'int8');
    expect(m.fit.verdict).toBe('streams');
    expect(m.fit.spillBytes).toBe(r.totals.params - 8_000_000n);
  });
});
