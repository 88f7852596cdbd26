import { describe, expect, it } from 'vitest';
import { STM32_ROWS, STM32_SOURCE } from '../../../src/engine/deploy/latency/measurements/stm32-modelzoo';
import { DATE_NOT_PUBLISHED } from '../../../src/engine/deploy/latency/measurements/sources';
import { deviceById } from '../../../src/engine/deploy/devices';

describe('STM32 model zoo rows', () => {
  it('every row has its source: repository, file, line, commit and a date or the statement that none was given', () => {
    expect(STM32_ROWS.length).toBeGreaterThan(0);
    for (const r of STM32_ROWS) {
      expect(r.source.repo).toBe('STMicroelectronics/stm32ai-modelzoo');
      expect(r.source.path).toMatch(/^image_classification\/[a-z0-9]+\/README\.md$/);
      expect(r.source.commit).toMatch(/^[0-9a-f]{40}$/);
      expect(r.source.line).toBeGreaterThan(0);
      expect(r.source.url).toContain(`/blob/${r.source.commit}/${r.source.path}#L${r.source.line}`);
      if (r.source.date !== DATE_NOT_PUBLISHED) expect(r.source.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(r.ms).toBeGreaterThan(0);
    }
    expect(new Set(STM32_ROWS.map((r) => r.id)).size).toBe(STM32_ROWS.length);
    expect(STM32_SOURCE.commit).toMatch(/^[0-9a-f]{40}$/);
  });
  it('MCU rows carry the RAM and flash of the same model file, NPU rows their NPU memory', () => {
    for (const r of STM32_ROWS) {
      expect(r.memory, r.id).not.toBeNull();
      const keys = Object.keys(r.memory!);
      if (r.kind === 'MCU') {
        expect(keys).toEqual(expect.arrayContaining(['Total RAM', 'Total Flash', 'Activation RAM', 'Weights Flash']));
        expect(r.memory!['Total RAM'].stated).toMatch(/KiB$/);
        expect(r.deviceLabel).toBe('STM32H747I-DISCO');
        expect(r.frequency).toBe('400 MHz');
      } else {
        expect(keys).toEqual(expect.arrayContaining(['Internal RAM', 'Weights Flash']));
        expect(r.deviceLabel).toBe('STM32N6570-DK');
      }
      for (const f of Object.values(r.memory!)) expect(f.value, `${r.id} ${f.stated}`).not.toBeNull();
    }
  });
  it('no row is put on stm32h7, which is another chip at another clock', () => {
    const h7 = deviceById('stm32h7')!;
    expect(h7.name).toContain('H7A3');
    expect(h7.name).toContain('280 MHz');
    for (const r of STM32_ROWS) expect(r.deviceLabel).not.toMatch(/H7A3/);
  });
  it('flags where a README contradicts itself instead of choosing a side', () => {
    const noted = STM32_ROWS.filter((r) => r.note);
    // mobilenetv2/README.md times its person model at 224x224x3 but sizes it (and names its file) at 128.
    expect(noted.length).toBeGreaterThan(0);
    for (const r of noted) expect(r.file).toMatch(new RegExp(`_${r.note!.match(/(\d+)x\1x3$/)?.[1]}_`));
  });
});
