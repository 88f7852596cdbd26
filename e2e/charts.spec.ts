/**
 * Issue 5 in the browser: device picker → per-layer times and the total (compared with the
 * engine run here in Node), bar click → layer selected (and back), chart download as PNG/SVG,
 * the device comparison, "why this number", and screenshots of every chart panel with ResNet-50
 * and MobileNetV2 (docs/screenshots/charts-*.png).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { evaluateModel } from '../src/engine/evaluate';
import type { LatencyEstimate } from '../src/engine/deploy/latency/latency';
import { DEVICES } from '../src/engine/deploy/devices';
import type { Model } from '../src/engine/format/model';
import { presetByName } from '../src/engine/presets';
import { starterModel } from '../src/state/defaults';
import { makeShareUrl } from '../src/state/urlCodec';
import { latencySeries, layerSeries } from '../src/ui/charts/chartData';
import { ms } from '../src/ui/charts/format';
import { CHART_TABS } from '../src/ui/charts/viewState';
import { expectTotals, row, selectRow } from './helpers';

test.use({ viewport: { width: 1440, height: 900 } });
test.describe.configure({ timeout: 90_000 });

const resnet50 = presetByName('resnet50')!.build();
const mobilenetV2 = presetByName('mobilenet_v2')!.build();
const CASES: { key: string; model: Model; device: string }[] = [
  { key: 'starter@jetson-nano', model: starterModel(), device: 'jetson-nano' },
  { key: 'starter@pixel4-cpu-4t', model: starterModel(), device: 'pixel4-cpu-4t' },
  { key: 'resnet50@pixel4-cpu-4t', model: resnet50, device: 'pixel4-cpu-4t' },
  { key: 'mobilenet_v2@pixel4-cpu-4t', model: mobilenetV2, device: 'pixel4-cpu-4t' },
];

let expected: Map<string, LatencyEstimate> | null = null;
/**
 * The engine's estimates, run in Node through tsx: Playwright's loader cannot import the
 * calibration JSON the latency module reads, so the expected numbers come from a child process.
 */
function estimate(key: string): LatencyEstimate {
  if (!expected) {
    const script = `
      import { evaluateModel } from './src/engine/evaluate.ts';
      import { estimateLatency } from './src/engine/deploy/latency/latency.ts';
      const cases = JSON.parse(process.env.FLOPLAB_CASES);
      console.log(JSON.stringify(cases.map((c) => estimateLatency(evaluateModel(c.model), c.device, 'fp32'))));`;
    const out = execFileSync('npx', ['tsx', '--eval', script], {
      env: { ...process.env, FLOPLAB_CASES: JSON.stringify(CASES) },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const all = JSON.parse(out.trim().split('\n').pop()!) as (LatencyEstimate | { error: string })[];
    expected = new Map(
      all.map((e, i) => {
        if ('error' in e) throw new Error(e.error);
        return [CASES[i].key, e];
      }),
    );
  }
  return expected.get(key)!;
}

async function openTab(page: Page, tab: string): Promise<void> {
  await page.getByTestId(`chart-tab-${tab}`).click();
  await expect(page.getByTestId(`chart-${tab}`)).toBeVisible();
}

test('picking a device shows per-layer times and the total the engine estimates', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByTestId('latency-total')).toContainText('per inference');
  await page.getByTestId('device-picker').selectOption('jetson-nano');
  const e = estimate('starter@jetson-nano');
  await expect(page.getByTestId('latency-total')).toContainText(
    `≈ ${ms(e.ms)} (${ms(e.low_ms)} – ${ms(e.high_ms)}) per inference, fp32`,
  );
  await openTab(page, 'latency');
  const kernels = latencySeries(evaluateModel(starterModel()), e);
  const bars = page.locator('[data-testid="chart-latency"] rect.chart-bar');
  await expect(bars).toHaveCount(kernels.length);
  // Hover names the layer and its time.
  const slowest = kernels.reduce((a, b) => (b.ms > a.ms ? b : a));
  await bars.nth(kernels.indexOf(slowest)).hover();
  await expect(page.locator('[data-testid="chart-latency"] [data-testid="chart-tooltip"]')).toContainText(
    slowest.label,
  );
  await expect(page.locator('[data-testid="chart-latency"] [data-testid="chart-tooltip"]')).toContainText(
    ms(slowest.ms),
  );
  // Precision follows the device: int8 is not offered where there is no int8 peak.
  await page.getByTestId('precision-picker').selectOption('fp16');
  await expect(page.getByTestId('latency-total')).toContainText('fp16');
});

test('clicking a bar selects the layer; selecting a layer outlines its bar', async ({ page }) => {
  await page.goto('./');
  await openTab(page, 'layers');
  // Bars carry their row path (zero-height bars are not drawn, so the n-th bar is not the n-th layer).
  const bar = (path: string) => page.locator(`[data-testid="chart-layers"] [data-testid="bar-count-${path}"]`);
  await bar('layers[4]').click();
  await expect(row(page, 'layers[4]')).toHaveAttribute('aria-current', 'true');
  await expect(bar('layers[4]')).toHaveAttribute('stroke', '#0f766e');
  await selectRow(page, 'layers[0]');
  await expect(bar('layers[0]')).toHaveAttribute('stroke', '#0f766e');
  await expect(bar('layers[4]')).not.toHaveAttribute('stroke', '#0f766e');
});

test('a chart works from the keyboard: arrows step through the bars, Enter selects the layer', async ({ page }) => {
  await page.goto('./');
  await openTab(page, 'layers');
  const points = layerSeries(evaluateModel(starterModel()), -1).points;
  const chart = page.getByRole('group', { name: /^Per-layer parameters and count/ });
  await chart.focus();
  const tip = page.locator('[data-testid="chart-layers"] [data-testid="chart-tooltip"]');
  await page.keyboard.press('Home');
  await expect(tip).toContainText(points[0].label);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(tip).toContainText(points[2].label);
  await page.keyboard.press('Enter');
  await expect(row(page, points[2].selectPath)).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('Escape');
  await expect(tip).toHaveCount(0);
});

test('a chart downloads as PNG and as SVG', async ({ page }) => {
  await page.goto('./');
  await openTab(page, 'layers');
  const [png] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download layers chart as PNG' }).click(),
  ]);
  expect(png.suggestedFilename()).toBe('floplab-layers.png');
  const bytes = readFileSync((await png.path())!);
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(bytes.length).toBeGreaterThan(2000);
  const [svg] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download layers chart as SVG' }).click(),
  ]);
  const text = readFileSync((await svg.path())!, 'utf8');
  expect(text.startsWith('<svg')).toBe(true);
  expect(text).toContain('chart-bar');
});

test('device comparison lists every device fastest first; a row picks the device', async ({ page }) => {
  await page.goto('./');
  await openTab(page, 'devices');
  const rows = page.locator('[data-testid="device-table"] tbody tr');
  await expect(rows).toHaveCount(DEVICES.length);
  const jetson = estimate('starter@jetson-nano');
  await expect(page.locator('tr[data-device="jetson-nano"]')).toContainText(ms(jetson.ms));
  await page.locator('tr[data-device="jetson-nano"] button').click();
  await expect(page.getByTestId('device-picker')).toHaveValue('jetson-nano');
  await expect(page.locator('tr[data-device="jetson-nano"]')).toHaveAttribute('aria-current', 'true');
});

test('"why this number" explains the selected layer in the details region', async ({ page }) => {
  await page.goto('./');
  await selectRow(page, 'layers[0]');
  await page.getByTestId('tab-runtime').click();
  const why = page.getByTestId('why-this-number');
  const conv1 = estimate('starter@pixel4-cpu-4t').layers[0];
  await expect(why).toContainText('conv1');
  await expect(why).toContainText(ms(conv1.ms));
  await expect(why).toContainText(`${conv1.bound}-bound`);
});

for (const [name, model] of [
  ['resnet50', resnet50],
  ['mobilenet_v2', mobilenetV2],
] as const) {
  test(`screenshots of every chart panel: ${name}`, async ({ page }) => {
    const link = makeShareUrl('./', {
      model,
      convention: 'fvcore',
      settings: { theme: 'light', device: 'pixel4-cpu-4t', precision: 'fp32' },
      // The first leaf (a block has no kernel of its own to explain).
      selection: evaluateModel(model).rows.find((r) => !r.block)!.modelPath,
    });
    await page.goto(link);
    await expect(page.getByTestId('latency-total')).toContainText(ms(estimate(`${name}@pixel4-cpu-4t`).ms), {
      timeout: 30_000,
    });
    for (const tab of CHART_TABS) {
      await openTab(page, tab);
      await expect(
        page.locator(`[data-testid="chart-${tab}"] :is(svg[data-chart-surface], svg.recharts-surface)`).first(),
      ).toBeVisible();
      await page.getByTestId('charts-panel').screenshot({ path: `docs/screenshots/charts-${name}-${tab}.png` });
    }
    await page.getByTestId('tab-runtime').click();
    await expect(page.getByTestId('why-this-number')).toBeVisible();
    await page.screenshot({ path: `docs/screenshots/charts-${name}-screen.png` });
  });
}

test('1,200 layers: the charts merge bars (≤ 300 per chart) and every tab still draws', async ({ page }) => {
  const big: Model = {
    format: 'floplab.model/2',
    name: 'big',
    input: [8, 16, 16],
    layers: Array.from({ length: 600 }, () => [
      { type: 'conv2d', out: 8, kernel: 3, padding: 1 },
      { type: 'relu' },
    ]).flat(),
  };
  await page.goto('./');
  // The test hooks come with the state side (src/boot's stages), which the first numbers follow.
  await expectTotals(page, starterModel());
  await page.evaluate((m) => {
    (window as unknown as { __floplab: { editor: { getState(): { setModel(m: unknown): void } } } }).__floplab.editor
      .getState()
      .setModel(m);
  }, big);
  await expect(page.getByTestId('chart-layers')).toContainText('grouped', { timeout: 30_000 });
  for (const tab of ['layers', 'memory', 'latency', 'roofline'] as const) {
    await openTab(page, tab);
    const bars = page.locator(
      `[data-testid="chart-${tab}"] rect.chart-bar[data-testid], [data-testid="chart-${tab}"] circle.chart-point`,
    );
    await expect(bars.first()).toBeVisible({ timeout: 30_000 });
    expect(await bars.count()).toBeLessThanOrEqual(300);
  }
  await openTab(page, 'memory');
  await expect(page.getByTestId('chart-memory')).toContainText('runs of steps merged');
});
