// @vitest-environment jsdom
/**
 * Issue 19: the device table fits the 540 px charts column. Six short columns (abbreviated headers
 * carry their full names), numbers that never wrap, names and verdicts that do, and the rest under
 * "Show details"; every column still sorts. The layout itself is checked in Chromium by the lead;
 * here the column set, the details and the sorting, plus a width budget worked out from the texts.
 */
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DeviceTable, type Ok } from '../../../src/ui/charts/DeviceTable';
import { useLang, loadLanguage } from '../../../src/ui/i18n';

// The Chinese tables are a chunk loaded on demand (src/ui/i18n/index.tsx loadLanguage).
beforeAll(() => loadLanguage('zh-CN'));

const run = (id: string, name: string, over: Partial<Ok>): Ok => ({
  id,
  name,
  category: 'edge-npu',
  precision: 'int8',
  substituted: false,
  ms: 10,
  low_ms: 5,
  high_ms: 20,
  boundMs: { compute: 6, memory: 4 },
  calibration: 'fitted',
  fit: 'fits',
  fitBytes: 0n,
  placement: null,
  ...over,
});

const RUNS: Ok[] = [
  run('stm32h7', 'STM32H7A3 (Cortex-M7 at 280 MHz, as in MLPerf Tiny v1.0)', {
    ms: 1942,
    low_ms: 1295,
    high_ms: 2913,
    boundMs: { compute: 1942, memory: 0 },
    fit: 'does-not-fit',
    fitBytes: 1_410_000n,
  }),
  run('esp32-s3', 'Espressif ESP32-S3 (2× Xtensa LX7, 240 MHz)', {
    ms: 174,
    fit: 'streams',
    fitBytes: 981_000n,
    calibration: 'default',
    precision: 'fp32',
    substituted: true,
  }),
  run('coral-edgetpu', 'Google Coral Edge TPU (USB accelerator)', {
    ms: 3.2,
    placement: { on: 70, total: 72, accelerator: 'Edge TPU' },
    calibration: 'borrowed',
  }),
  run('hailo8', 'Hailo-8 M.2 accelerator', { ms: 1.33, fit: 'unknown', boundMs: { compute: 0, memory: 1.33 } }),
];

const order = () => screen.getAllByRole('row').flatMap((r) => r.getAttribute('data-device') ?? []);
const sortBy = (key: string) => act(() => fireEvent.click(screen.getByTestId(`device-sort-${key}`)));

afterEach(() => {
  cleanup();
  useLang.setState({ lang: 'en' });
});

describe('DeviceTable in a narrow column', () => {
  it('has six columns, abbreviated headers naming what they abbreviate', () => {
    render(<DeviceTable runs={RUNS} currentId="esp32-s3" precision="int8" />);
    const headers = within(screen.getByTestId('device-table')).getAllByRole('columnheader');
    expect(headers.map((h) => h.querySelector('button')?.getAttribute('data-testid'))).toEqual([
      'device-sort-name',
      'device-sort-ms',
      'device-sort-bound',
      'device-sort-fit',
      'device-sort-placement',
      'device-sort-precision',
    ]);
    // Short on screen, the full name for the mouse (title) and for a screen reader (sr-only text).
    const bound = screen.getByTestId('device-sort-bound');
    expect(bound.querySelector('[title]')?.getAttribute('title')).toBe(
      'Share of the time bound by compute / by memory, in %',
    );
    expect(bound).toHaveTextContent('C/M');
    expect(screen.getByTestId('device-sort-placement').querySelector('.sr-only')).toHaveTextContent(
      'On accelerator: ops there / all ops',
    );
    for (const row of screen.getAllByRole('row').filter((r) => r.hasAttribute('data-device')))
      expect(row.children).toHaveLength(6);
  });

  it('keeps numbers on one line and lets names and verdicts wrap, within 540 px', () => {
    render(<DeviceTable runs={RUNS} currentId={null} precision="int8" />);
    const rows = screen.getAllByRole('row').filter((r) => r.hasAttribute('data-device'));
    // Budget: 12 px text is about 7 px a character (digits, Latin); each cell has 8 px of padding.
    // Columns that never wrap take their longest text; the two that wrap, their longest word.
    const px = (chars: number) => chars * 7 + 8;
    let budget = 0;
    for (let col = 0; col < 6; col++) {
      const cells = rows.map((r) => r.children[col] as HTMLElement);
      const nowrap = cells.every((c) => c.className.includes('whitespace-nowrap'));
      const wraps = col === 0 || col === 3;
      expect(nowrap, `column ${col}`).toBe(!wraps);
      const longest = (c: HTMLElement) =>
        Math.max(...(wraps ? (c.textContent ?? '').split(/\s+/) : [c.textContent ?? '']).map((w) => w.length));
      budget += px(Math.max(...cells.map(longest)));
    }
    expect(budget).toBeLessThanOrEqual(540);
    expect(rows[0].children[0].className).toContain('[overflow-wrap:anywhere]');
  });

  it('shows the rest under each row on demand', () => {
    render(<DeviceTable runs={RUNS} currentId={null} precision="int8" />);
    const toggle = screen.getByTestId('device-details-toggle');
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(document.querySelectorAll('[data-details-for]')).toHaveLength(0);
    act(() => fireEvent.click(toggle));
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const coral = document.querySelector('[data-details-for="coral-edgetpu"]')!;
    expect(coral).toHaveTextContent('low – high: 5.00 ms – 20.00 ms');
    expect(coral).toHaveTextContent('70 of 72 ops on Edge TPU');
    expect(coral).toHaveTextContent('int8, fit of another precision');
    expect(document.querySelector('[data-details-for="esp32-s3"]')).toHaveTextContent(
      'fp32 (no int8), category defaults',
    );
    // Each details row sits right under its device's row.
    const all = screen.getAllByRole('row').slice(1);
    expect(all.map((r) => r.getAttribute('data-device') ?? `+${r.getAttribute('data-details-for')}`)).toEqual(
      order().flatMap((id) => [id, `+${id}`]),
    );
  });

  it('sorts by every column, both ways', () => {
    render(<DeviceTable runs={RUNS} currentId={null} precision="int8" />);
    const byMs = [...RUNS].sort((a, b) => a.ms - b.ms).map((r) => r.id);
    expect(order()).toEqual(byMs);
    sortBy('ms');
    expect(order()).toEqual([...byMs].reverse());
    sortBy('name');
    expect(order()).toEqual([...RUNS].sort((a, b) => a.name.localeCompare(b.name)).map((r) => r.id));
    sortBy('fit');
    expect(order().map((id) => RUNS.find((r) => r.id === id)!.fit)).toEqual([
      'fits',
      'streams',
      'does-not-fit',
      'unknown',
    ]);
    sortBy('placement');
    expect(order()[order().length - 1]).toBe('coral-edgetpu');
    sortBy('placement');
    expect(order()[0]).toBe('coral-edgetpu');
    sortBy('bound');
    expect(order()[0]).toBe('hailo8'); // 0 % compute-bound
    sortBy('precision');
    expect(order()[0]).toBe('esp32-s3'); // fp32 before int8
    expect(screen.getByTestId('device-sort-precision').closest('th')).toHaveAttribute('aria-sort', 'ascending');
  });

  it('reads in Chinese', () => {
    useLang.setState({ lang: 'zh-CN' });
    render(<DeviceTable runs={RUNS} currentId={null} precision="int8" />);
    expect(screen.getByTestId('device-sort-bound')).toHaveTextContent('算/存');
    expect(screen.getByTestId('device-details-toggle')).toHaveTextContent('显示详情');
    act(() => fireEvent.click(screen.getByTestId('device-details-toggle')));
    expect(document.querySelector('[data-details-for="coral-edgetpu"]')).toHaveTextContent(
      '72 个算子中有 70 个在 Edge TPU 上',
    );
  });
});
