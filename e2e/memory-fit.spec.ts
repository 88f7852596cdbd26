/**
 * Issue 17, "does it fit?" in the browser: the totals' peak activations, the verdict card for the
 * picked device and the device table's memory column, against the engine's own answer computed here
 * in Node (deploy/device-memory.ts). Screenshots for docs/memory.md.
 */
import { execFileSync } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';
import { evaluateModel } from '../src/engine/evaluate';
import type { Model } from '../src/engine/format/model';
import { presetByName } from '../src/engine/presets';
import { makeShareUrl } from '../src/state/urlCodec';

interface Expected {
  verdict: string;
  checks: boolean[];
  peakFp32: string;
}

/**
 * The engine's answers, computed in Node with tsx (Playwright's loader cannot import the device
 * data's JSON calibration file): verdict and checks per case, and the fp32 peak the totals show.
 */
function engine(cases: { model: Model; device: string }[]): Expected[] {
  const script = `
    import { deviceMemory, memoryPlan } from './src/engine/deploy/device-memory.ts';
    import { deviceById } from './src/engine/deploy/devices/index.ts';
    import { evaluateModel } from './src/engine/evaluate.ts';
    const cases = JSON.parse(process.env.FLOPLAB_CASES);
    console.log(JSON.stringify(cases.map((c) => {
      const r = evaluateModel(c.model);
      const m = deviceMemory(r, deviceById(c.device), 'int8');
      return { verdict: m.fit.verdict, checks: m.fit.checks.map((k) => k.ok), peakFp32: String(memoryPlan(r, 'fp32').mem.peak.liveBytes) };
    })));`;
  const out = execFileSync('npx', ['tsx', '--eval', script], {
    env: { ...process.env, FLOPLAB_CASES: JSON.stringify(cases) },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out.trim().split('\n').pop()!) as Expected[];
}

const mobilenetV2 = presetByName('mobilenet_v2')!.build();
const tiny = presetByName('mobilenet_v2')!.build({ width: 0.35, resolution: 96 });

async function open(page: Page, model: Model, device: string, precision: 'fp32' | 'int8' = 'int8'): Promise<void> {
  await page.goto(makeShareUrl('./', { model, convention: 'fvcore', settings: { theme: 'light', device, precision } }));
  await expect(page.getByTestId('device-fit')).toBeVisible({ timeout: 30_000 });
}

const CASES = [
  { key: 'mobilenet_v2-stm32h7', model: mobilenetV2, device: 'stm32h7', verdict: 'does-not-fit' },
  { key: 'mobilenet_v2-esp32-s3', model: mobilenetV2, device: 'esp32-s3', verdict: 'streams' },
  { key: 'mobilenet_v2-035-96-stm32h7', model: tiny, device: 'stm32h7', verdict: 'fits' },
] as const;

let expected: Expected[] | null = null;
const expectedOf = (i: number): Expected =>
  (expected ??= engine(CASES.map((c) => ({ model: c.model, device: c.device }))))[i];

for (const [i, c] of CASES.entries()) {
  test(`verdict card: ${c.key} ${c.verdict}`, async ({ page }) => {
    const want = expectedOf(i);
    expect(want.verdict).toBe(c.verdict);
    await open(page, c.model, c.device);
    const card = page.getByTestId('device-fit');
    await expect(card).toHaveAttribute('data-verdict', c.verdict);
    await card.getByTestId('device-fit-details').locator('summary').click();
    await expect(card.getByTestId('fit-check').first()).toBeVisible();
    await expect(card.getByTestId('fit-check')).toHaveCount(want.checks.length);
    for (const [k, ok] of want.checks.entries())
      await expect(card.getByTestId('fit-check').nth(k)).toHaveAttribute('data-ok', String(ok));
    // The totals' headline is the peak of live activations in the totals' dtype (fp32 here), not the sum of outputs.
    await expect(page.getByTestId('total-activations')).toHaveAttribute('data-exact', want.peakFp32);
    expect(BigInt(want.peakFp32) < evaluateModel(c.model).totals.activations * 4n).toBe(true);
    await page.getByTestId('charts-panel').screenshot({ path: `docs/screenshots/fit-${c.key}.png` });
  });
}

test('the device table says for every device whether the model fits', async ({ page }) => {
  await open(page, mobilenetV2, 'stm32h7');
  await page.getByTestId('chart-tab-devices').click();
  const ids = ['stm32h7', 'esp32-s3', 'coral-edgetpu', 'jetson-nano'];
  const want = engine(ids.map((device) => ({ model: mobilenetV2, device })));
  for (const [i, id] of ids.entries())
    await expect(page.locator(`tr[data-device="${id}"] [data-testid="device-fit-cell"]`)).toHaveAttribute(
      'data-verdict',
      want[i].verdict,
    );
  // Sorted by the memory column: fits, then off-chip, then does not fit, unknown last; again: reversed.
  const rank = { fits: 0, streams: 1, 'does-not-fit': 2, unknown: 3 } as Record<string, number>;
  const verdicts = () =>
    page
      .locator('[data-testid="device-table"] [data-testid="device-fit-cell"]')
      .evaluateAll((cells) => cells.map((c) => c.getAttribute('data-verdict') ?? ''));
  await page.getByTestId('device-sort-fit').click();
  await expect(page.getByTestId('device-sort-fit').locator('..')).toHaveAttribute('aria-sort', 'ascending');
  const asc = (await verdicts()).map((v) => rank[v]);
  expect(asc).toEqual([...asc].sort((a, b) => a - b));
  expect(new Set(asc).size).toBeGreaterThan(1);
  await page.getByTestId('device-table').screenshot({ path: 'docs/screenshots/fit-devices-table.png' });
  await page.getByTestId('device-sort-fit').click();
  await expect(page.getByTestId('device-sort-fit').locator('..')).toHaveAttribute('aria-sort', 'descending');
  const desc = (await verdicts()).map((v) => rank[v]);
  expect(desc).toEqual([...desc].sort((a, b) => b - a));
});

test('the memory chart draws the arena plan over the live bytes', async ({ page }) => {
  await open(page, mobilenetV2, 'stm32h7');
  await page.getByTestId('chart-tab-memory').click();
  await expect(page.getByTestId('chart-memory')).toContainText('arena');
  await page.getByTestId('charts-panel').screenshot({ path: 'docs/screenshots/fit-memory-chart.png' });
});

test('Edge TPU placement: MobileNetV3-Small falls back at its first hard-swish, with the CPU time counted', async ({
  page,
}) => {
  const model = presetByName('mobilenet_v3_small')!.build();
  const script = `
    import { evaluateModel } from './src/engine/evaluate.ts';
    import { placeOnDevice } from './src/engine/deploy/placement/index.ts';
    import { estimateLatencyWithPlacement } from './src/engine/deploy/placement/latency.ts';
    const m = JSON.parse(process.env.FLOPLAB_MODEL);
    const r = evaluateModel(m);
    const p = placeOnDevice(r, 'coral-edgetpu', 'int8');
    const l = estimateLatencyWithPlacement(r, 'coral-edgetpu', 'int8');
    console.log(JSON.stringify({ on: p.opsOnAccelerator, total: p.opsTotal, first: r.rows[p.firstFallback.index].modelPath, ms: l.ms }));`;
  const want = JSON.parse(
    execFileSync('npx', ['tsx', '--eval', script], {
      env: { ...process.env, FLOPLAB_MODEL: JSON.stringify(model) },
      encoding: 'utf8',
    })
      .trim()
      .split('\n')
      .pop()!,
  ) as { on: number; total: number; first: string; ms: number };
  expect(want.on).toBeLessThan(want.total);
  await open(page, model, 'coral-edgetpu');
  const placement = page.getByTestId('placement');
  await expect(placement).toHaveAttribute('data-on', String(want.on));
  await expect(placement).toHaveAttribute('data-total', String(want.total));
  await expect(page.getByTestId('placement-count')).toBeVisible();
  await expect(page.getByTestId('placement-first-fallback')).toBeVisible();
  await page.getByTestId('device-fit-details').locator('summary').click();
  await expect(page.getByTestId('placement-first-fallback-why')).toContainText('everything after it runs on the CPU');
  await expect(page.getByTestId('placement-latency')).toContainText('Raspberry Pi 4');
  await expect(page.getByTestId('latency-total')).toContainText('on the CPU');
  await page
    .getByTestId('charts-panel')
    .screenshot({ path: 'docs/screenshots/placement-mobilenet_v3_small-coral.png' });
  // The first fallback is a link to its layer; the Runtime tab then says where it runs and why.
  await page.getByTestId('placement-first-fallback').getByRole('button').click();
  await expect(page.locator(`[data-row-button="${want.first}"]`)).toBeVisible();
  await page.getByTestId('tab-runtime').click();
  await expect(page.getByTestId('placement-line')).toHaveAttribute('data-on', 'cpu');
  await expect(page.getByTestId('placement-line')).toContainText('not in');
  await expect(page.getByTestId('placement-line-ms')).toContainText('Raspberry Pi 4');
});

test('a measured device: the held-out error and the public measurement of this network beside the estimate', async ({
  page,
}) => {
  await open(page, presetByName('mobilenet_v1')!.build(), 'rpi4-ncnn-4t', 'fp32');
  await expect(page.getByTestId('held-out')).toContainText(/median \d+ %, p90 \d+ %/, { timeout: 30_000 });
  const twin = page.getByTestId('measured-twin');
  await expect(twin).toHaveAttribute('data-kind', 'same');
  await expect(twin.locator('a')).toHaveAttribute(
    'href',
    /github\.com\/Tencent\/ncnn\/blob\/[0-9a-f]{40}\/benchmark\/README\.md#L\d+/,
  );
  await page.getByTestId('charts-panel').screenshot({ path: 'docs/screenshots/measured-twin.png' });
});
