import { describe, expect, it } from 'vitest';
import { deviceById, DeviceSchema, figuresOf } from '../../../src/engine/deploy/devices';
import { HOST_CLUSTERS, HOST_DEVICES } from '../../../src/engine/deploy/devices/data-hosts';
import { SRC } from '../../../src/engine/deploy/devices/sources';
import { figureBytes } from '../../../src/engine/deploy/fit';

// The host CPUs of the accelerators and the i.MX 93 (devices/data-hosts.ts), and the device whose
// memory figures each one shares.
const NEW: [id: string, category: string, sharesMemoryWith: string | null][] = [
  ['sd8g3-cpu', 'phone-cpu', 'snapdragon-8gen3-npu'],
  ['apple-a17-cpu', 'phone-cpu', 'apple-a17-ane'],
  ['apple-a12-cpu', 'phone-cpu', 'iphone-xs-gpu'],
  ['k210-cpu', 'mcu', 'k210'],
  ['imx93-cpu', 'sbc-cpu', null],
  ['imx93-npu', 'edge-npu', null],
];

const dev = (id: string) => {
  const d = deviceById(id);
  if (!d) throw new Error(`no device ${id}`);
  return d;
};

describe('host CPU devices (issue 17)', () => {
  it('data-hosts.ts defines exactly the new devices, all in the database', () => {
    expect(HOST_DEVICES.map((d) => d.id).sort()).toEqual(NEW.map(([id]) => id).sort());
  });

  it.each(NEW)('%s validates, is a %s and every figure has a source', (id, category) => {
    const d = dev(id);
    expect(DeviceSchema.safeParse(d).success).toBe(true);
    expect(d.category).toBe(category);
    for (const { label, figure } of figuresOf(d)) {
      expect(figure.sources.length, `${id} ${label}`).toBeGreaterThan(0);
      if (figure.sources.includes(SRC.ASSUMED)) expect(figure.unverified, `${id} ${label}`).toBe(true);
    }
  });

  it.each(NEW.filter(([, , s]) => s !== null))(
    '%s shares the memory figures of %s (the same chip: one figure, never two that disagree)',
    (id, _c, other) => {
      const d = dev(id);
      const o = dev(other!);
      expect(d.memoryBandwidth).toBe(o.memoryBandwidth);
      expect(d.ram).toBeDefined();
      expect(d.ram).toBe(o.ram);
    },
  );

  // The arithmetic of each peak, recomputed from the cluster table rather than read from the derivation.
  it.each(Object.entries(HOST_CLUSTERS))('%s: peak = Σ cores × GHz × FLOP/cycle, stated term by term', (id, h) => {
    const d = dev(id);
    let sum = 0;
    for (const c of h.clusters) sum += c.cores * c.ghz * c.flop;
    const fp32 = d.peak.fp32!;
    expect(fp32.value).toBeCloseTo(sum, 6);
    for (const c of h.clusters) expect(fp32.derivation).toContain(`${c.cores} × ${c.ghz} GHz × ${c.flop} FLOP/cycle`);
    expect(fp32.derivation).toContain(`= ${fp32.value} GFLOP/s`);
    // A FLOP-per-cycle figure that is not the vendor's makes the whole peak unverified.
    expect(fp32.unverified).toBe(true);
    if (h.fp16) expect(d.peak.fp16!.value).toBeCloseTo(2 * sum, 6);
    else expect(d.peak.fp16).toBeUndefined();
    if (h.int8) expect(d.peak.int8!.value).toBeCloseTo(h.int8 * sum, 6);
    else expect(d.peak.int8).toBeUndefined();
  });

  it('the clocks are the sourced ones (Qualcomm, AnandTech, the K210 and i.MX 93 docs)', () => {
    const ghz = (id: string) => HOST_CLUSTERS[id].clusters.map((c) => [c.cores, c.ghz]);
    expect(ghz('sd8g3-cpu')).toEqual([
      [1, 3.3],
      [3, 3.2],
      [2, 3.0],
      [2, 2.3],
    ]);
    expect(ghz('apple-a12-cpu')).toEqual([
      [2, 2.38],
      [4, 1.538],
    ]);
    expect(ghz('k210-cpu')).toEqual([[2, 0.4]]);
    expect(ghz('imx93-cpu')).toEqual([[2, 1.7]]);
  });
});

describe('NXP i.MX 93 Ethos-U65 (issue 17)', () => {
  const npu = dev('imx93-npu');

  it("peak int8 = 256 MACs × 2 × 1 GHz, Vela's i.MX 93 configuration; the SRAM is 384 KiB; the board 2 GiB", () => {
    expect(npu.peak.int8!.value).toBe(256 * 2 * 1);
    expect(npu.peak.int8!.sources).toContain(SRC.NXP_VELA_IMX93);
    expect(figureBytes(npu.onChipMemory!)).toBe(384n * 1024n);
    expect(figureBytes(npu.ram!)).toBe(2n * 1024n ** 3n);
    expect(npu.memoryBandwidth.value).toBeCloseTo(16 * 0.234375, 12);
    expect(npu.hostLink).toBeUndefined();
  });
});
