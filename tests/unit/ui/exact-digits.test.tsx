// @vitest-environment jsdom
/**
 * Issue 21: counts above 2^53 in exact form. Every exact figure the screen shows (totals and
 * their titles, the layer list, the per-layer table and its Copy as CSV, the details panel with
 * the formula inspector, the chart tooltip) must carry the same digits as the CLI prints, which
 * counts in bigint. A trip through Number would round them (…013,287,555,072 for …000,000,004).
 */
import { readFileSync } from 'node:fs';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { evaluateModel } from '../../../src/engine/evaluate';
import { ALL_CONVENTION_IDS } from '../../../src/engine/conventions/registry';
import { parseModelJson } from '../../../src/engine/format/schema';
import { loadState, useEditor } from '../../../src/state/store';
import { useEvaluationStore } from '../../../src/state/evaluation';
import { TotalsPanel } from '../../../src/ui/results/TotalsPanel';
import { LayerTable } from '../../../src/ui/results/LayerTable';
import { DetailsPanel } from '../../../src/ui/details/DetailsPanel';
import { LayerBarsChart } from '../../../src/ui/charts';
import { si } from '../../../src/ui/charts/format';
import { capture } from '../cli/capture';

const FILE = 'tests/fixtures/beyond-2p53.json';
const parsed = parseModelJson(readFileSync(FILE, 'utf8'));
if (!parsed.ok) throw new Error('fixture does not parse');
const model = parsed.model;
// As the app's engine worker evaluates: under every convention, the selected one picked by index.
const result = evaluateModel(model, { conventions: [...ALL_CONVENTION_IDS] });
const seed = result.conventions.indexOf('seed');

/** "1000999997999000001" → "1,000,999,997,999,000,001". */
const grouped = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

// The CLI's own numbers (bigint all the way; --json writes a count above 2^53 − 1 as a string).
type Int = number | string;
const cliRun = async (convention: string) => {
  // The file as this realm's Uint8Array: under jsdom a Node Buffer is not one.
  const out = await capture(['--json', '--convention', convention, FILE], {
    readFile: (p) => new Uint8Array(readFileSync(p)),
  });
  const json = JSON.parse(out.stdout) as {
    totals: Record<'params' | 'count' | 'macs' | 'flops', Int>;
    layers: { params: Int; count: Int }[];
  };
  return {
    code: out.code,
    totals: json.totals,
    layers: json.layers.map((l) => ({ params: String(l.params), count: String(l.count) })),
  };
};
type Reference = {
  totals: Record<'params' | 'macs' | 'flops', string> & { counts: { seed: string } };
  layers: { params: string; counts: Record<string, string> }[];
};
let cliCode = -1;
let cliJson: Reference;
beforeAll(async () => {
  const cli = await cliRun('seed');
  // One run at a time: capture() spies on process.stdout for the length of its run.
  const runs: [string, Awaited<ReturnType<typeof cliRun>>][] = [];
  for (const c of result.conventions) runs.push([c, await cliRun(c)]);
  cliCode = cli.code;
  cliJson = {
    totals: {
      params: String(cli.totals.params),
      macs: String(cli.totals.macs),
      flops: String(cli.totals.flops),
      counts: { seed: String(cli.totals.count) },
    },
    // Each layer's count under every convention the result holds (the details panel lists them all).
    layers: cli.layers.map((l, i) => ({
      params: l.params,
      counts: Object.fromEntries(runs.map(([c, run]) => [c, run.layers[i].count])),
    })),
  };
});

describe('the CLI is the reference', () => {
  it('prints digits no double can hold', () => {
    expect(cliCode).toBe(0);
    expect(cliJson.totals.params).toBe('1000999997999000001');
    expect(cliJson.totals.counts.seed).toBe('2001999993998000004');
    expect(Number(cliJson.totals.params) > 2 ** 53).toBe(true);
    expect(BigInt(Number(cliJson.totals.counts.seed)).toString()).not.toBe(cliJson.totals.counts.seed);
  });
});

describe('exact digits on screen equal the CLI', () => {
  // jsdom has no layout: a box for the virtualised table and the chart.
  const rect = { x: 0, y: 0, left: 0, top: 0, width: 800, height: 600, right: 800, bottom: 600 };
  beforeAll(() => {
    globalThis.ResizeObserver ??= class {
      observe() {}
      unobserve() {}
      disconnect() {}
    } as unknown as typeof ResizeObserver;
    vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockReturnValue({ ...rect, toJSON() {} });
    // The virtualiser sizes its viewport from clientHeight/clientWidth.
    vi.spyOn(Element.prototype, 'clientHeight', 'get').mockReturnValue(600);
    vi.spyOn(Element.prototype, 'clientWidth', 'get').mockReturnValue(800);
    loadState({ model, selection: 'layers[1]', settings: { ...useEditor.getState().settings, numberFormat: 'exact' } });
    useEvaluationStore.setState({ result, model, pending: false });
  });
  afterAll(() => vi.restoreAllMocks());
  afterEach(cleanup);

  it('totals: figures, their titles and data-exact', () => {
    render(<TotalsPanel result={result} countIndex={seed} />);
    const fig = (id: string) => screen.getByTestId(`total-${id}`);
    const weights = (BigInt(cliJson.totals.params) * 4n).toString();
    for (const [id, digits] of [
      ['count', cliJson.totals.counts.seed],
      ['params', cliJson.totals.params],
      ['macs', cliJson.totals.macs],
      ['flops', cliJson.totals.flops],
      ['weights', weights],
    ]) {
      expect(fig(id).textContent).toContain(grouped(digits));
      expect(fig(id).getAttribute('title')).toContain(grouped(digits));
      expect(fig(id).getAttribute('data-exact')).toBe(digits);
    }
  });

  it('per-layer table rows and the CSV it copies', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    render(<LayerTable result={result} countIndex={seed} />);
    const rows = await screen.findAllByTestId('table-row');
    expect(rows).toHaveLength(2);
    cliJson.layers.forEach((l, i) => {
      expect(rows[i].textContent).toContain(grouped(l.params));
      expect(rows[i].textContent).toContain(grouped(l.counts.seed));
    });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Copy as CSV' })));
    const csv = (writeText.mock.calls[0] as unknown as [string])[0];
    for (const l of cliJson.layers) expect(csv).toContain(`,${l.params},${l.counts.seed},`);
  });

  it('details panel: the layer numbers, every convention and the formula results', () => {
    render(<DetailsPanel result={result} />);
    const second = cliJson.layers[1];
    expect(screen.getByTestId('details-params').textContent).toContain(grouped(second.params));
    const text = document.body.textContent ?? '';
    for (const digits of Object.values(second.counts)) expect(text).toContain(grouped(digits));
    for (const el of document.querySelectorAll('[data-exact]'))
      expect(Object.values(second.counts).concat(second.params)).toContain(el.getAttribute('data-exact'));
  });

  it('chart tooltip of the per-layer bars, and an axis in E (not "2000 P")', () => {
    const { container } = render(<LayerBarsChart result={result} countIndex={seed} countLabel="FLOPs" />);
    const axis = [...container.querySelectorAll('svg text')].map((t) => t.textContent);
    expect(axis).toContain('2 E');
    expect(axis.join(' ')).not.toMatch(/\d{4} P/);
    const plot = screen.getByRole('group', { name: /Per-layer parameters and count/ });
    fireEvent.keyDown(plot, { key: 'End' });
    const tip = screen.getByTestId('chart-tooltip').textContent ?? '';
    expect(tip).toContain(grouped(cliJson.layers[1].params));
    expect(tip).toContain(grouped(cliJson.layers[1].counts.seed));
  });
});

describe('chart labels (SI, 3 digits) past peta', () => {
  it.each([
    [2.002e18, '2 E'],
    [2.002e21, '2 Z'],
    [1.5e24, '1.5 Y'],
    [999e15, '999 P'],
    // Rounding that carries moves up a prefix.
    [999_999, '1 M'],
    [999.6e15, '1 E'],
    [999_499, '999 k'],
  ])('%d → %s', (n, text) => expect(si(n)).toBe(text));
});
