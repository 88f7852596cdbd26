import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DATE_NOT_PUBLISHED, UNFITTED_SOURCES } from '../../../src/engine/deploy/latency/measurements/sources';
import { AIHUB_ROWS } from '../../../src/engine/deploy/latency/measurements/aihub';
import { HAILO_ROWS } from '../../../src/engine/deploy/latency/measurements/hailo';
import { RKNN_ROWS } from '../../../src/engine/deploy/latency/measurements/rknn';
import { TINY_ROWS } from '../../../src/engine/deploy/latency/measurements/mlperf-tiny';
import { MOBILE_ROWS } from '../../../src/engine/deploy/latency/measurements/mlperf-mobile';
import { STM32_ROWS } from '../../../src/engine/deploy/latency/measurements/stm32-modelzoo';
import { CORAL_ROWS } from '../../../src/engine/deploy/latency/measurements/coral';

const doc = readFileSync(new URL('../../../docs/latency.md', import.meta.url), 'utf8');

describe('the table of unfitted measurement sources', () => {
  it('counts every row of each table once, each source with its commit and date', () => {
    expect(UNFITTED_SOURCES.map((s) => s.rows)).toEqual([
      AIHUB_ROWS.length,
      RKNN_ROWS.length,
      HAILO_ROWS.length,
      TINY_ROWS.length,
      MOBILE_ROWS.length,
      STM32_ROWS.length,
      CORAL_ROWS.length,
    ]);
    for (const s of UNFITTED_SOURCES) {
      // A web page has no commit; then its address stands in for the repository.
      if (s.commit === null) expect(s.repo).toMatch(/^https:\/\//);
      else expect(s.commit).toMatch(/^[0-9a-f]{40}$/);
      // A date is the source's, or says explicitly that the tool that read it gave none.
      if (s.date !== DATE_NOT_PUBLISHED) expect(s.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(s.onPreset).toBeLessThanOrEqual(s.rows);
      if (s.onDevice !== null) expect(s.onDevice).toBeLessThanOrEqual(s.rows);
    }
  });
  // docs/latency.md is written by npm run calibrate: a stale count means it was not rerun.
  it.each(UNFITTED_SOURCES.map((s) => [s.name, s] as const))('docs/latency.md states %s as counted', (_, s) => {
    // Prettier pads the cells when it formats docs/latency.md: compare them trimmed.
    const line = doc.split('\n').find((l) => l.split('|')[1]?.trim() === s.name);
    expect(line, s.name).toBeDefined();
    const cells = line!.split('|').map((c) => c.trim());
    expect(cells[3]).toBe(String(s.rows));
    expect(cells[2]).toContain(s.commit ? s.commit.slice(0, 7) : s.repo);
    expect(cells[2]).toContain(s.date);
  });
});
