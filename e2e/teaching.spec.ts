/**
 * Teaching panels (issue 6) in Chromium: the formula inspector's substituted formula against
 * explain.ts run here in Node, a convention switch and the terms it changes, the conventions
 * table, an A/B link, an exercise link with hidden totals, and the Chinese interface.
 * Screenshots of the inspector, the conventions table and the A/B view go to docs/screenshots/.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { explainRow } from '../src/engine/explain';
import { conventionsOnRow } from '../src/engine/explain-compare';
import { MODEL_FORMAT, type Model } from '../src/engine/format/model';
import { starterModel } from '../src/state/defaults';
import { encodeShare } from '../src/state/urlCodec';
import { presetByName } from '../src/engine/presets';
import { evaluateAll, row, selectRow, total } from './helpers';

const quantity = (model: Model, path: string, convention: string, id: string) => {
  const r = evaluateAll(model).rows.find((x) => x.path === path);
  const e = r ? explainRow(r, convention) : null;
  if (!e?.ok) throw new Error(`cannot explain ${path}`);
  const q = e.explanation.quantities.find((x) => x.id === id);
  if (!q) throw new Error(`${path} has no ${id}`);
  return q;
};

async function open(page: Page, hash = ''): Promise<void> {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(`./${hash}`);
  await expect(total(page, 'count')).toHaveAttribute('data-exact', /[1-9]/);
}

async function pickConvention(page: Page, id: string): Promise<void> {
  await page.getByTestId('convention-button').click();
  await page.locator(`input[name="convention"][value="${id}"]`).check();
  await page.keyboard.press('Escape');
}

test('select a layer and read its substituted formula', async ({ page }) => {
  await open(page);
  await selectRow(page, 'layers[0]');
  const q = quantity(starterModel(), 'layers[0]', 'seed', 'count');
  const inspector = page.getByTestId('formula-inspector');
  await expect(inspector).toBeVisible();
  await expect(inspector.getByTestId('formula-count-substituted')).toHaveAttribute(
    'data-tex',
    new RegExp(`^${escape(q.substituted)} = `),
  );
  await expect(inspector.getByTestId('formula-count-value')).toHaveAttribute('data-exact', q.value.toString());
  // KaTeX is loaded on demand and renders the formula.
  await expect(inspector.locator('[data-testid="formula-count-substituted"] .katex').first()).toBeVisible();
  // conv1 3→32, 3×3, pad 1 on 32×32: Hout = ⌊(32 + 2·1 − 3)/1⌋ + 1 = 32.
  await expect(inspector.getByTestId('formula-outH-value')).toHaveAttribute('data-exact', '32');
  await expect(inspector.getByTestId('formula-params-value')).toHaveAttribute('data-exact', '896');
  // A tall window, so the whole inspector fits in the details region for the screenshot.
  await page.setViewportSize({ width: 1440, height: 2000 });
  await inspector.screenshot({ path: 'docs/screenshots/teaching-inspector.png' });
});

test('every tool on the selected layer, side by side: counts in their unit and in FLOPs, as the engine counts them', async ({
  page,
}) => {
  await open(page);
  await selectRow(page, 'layers[0]');
  const r = evaluateAll(starterModel()).rows.find((x) => x.path === 'layers[0]')!;
  const tools = conventionsOnRow(r);
  if (typeof tools === 'string') throw new Error(tools);
  const box = page.getByTestId('layer-conventions');
  await box.locator('summary').click();
  await expect(box.locator('[data-convention]')).toHaveCount(tools.length);
  for (const tool of tools) {
    const card = box.locator(`[data-convention="${tool.id}"]`);
    await expect(card.locator('[data-exact]')).toHaveAttribute('data-exact', tool.value.toString());
    await expect(card.locator('[data-exact-flops]')).toHaveAttribute('data-exact-flops', tool.flops.toString());
  }
  // thop counts MACs: the card says so and converts.
  await expect(box.locator('[data-convention="thop"]')).toContainText('×2 to compare in FLOPs');
});

test('switch conventions: the count and the changed terms follow', async ({ page }) => {
  await open(page);
  await selectRow(page, 'layers[0]');
  await pickConvention(page, 'thop');
  const thop = quantity(starterModel(), 'layers[0]', 'thop', 'count');
  const inspector = page.getByTestId('formula-inspector');
  await expect(inspector.getByTestId('formula-count-value')).toHaveAttribute('data-exact', thop.value.toString());
  // Seed → thop: thop drops the seed's "− 1 per output" and bias terms and has its own MAC term.
  const change = inspector.getByTestId('formula-change');
  await expect(change).toContainText('Seed article');
  await expect(change).toContainText('thop 0.1.1');
  await expect(change.locator('li.line-through')).toHaveCount(3);
  await pickConvention(page, 'torchinfo');
  await expect(change.locator('li.line-through')).toHaveCount(0);
  await expect(change.locator('li:not(.line-through)')).toHaveCount(1); // + the bias term
});

test('conventions table: every convention at once, click to select', async ({ page }) => {
  await open(page);
  await page.getByTestId('tab-conventions').click();
  const table = page.getByTestId('conventions-table');
  const r = evaluateAll(starterModel());
  for (const [i, id] of r.conventions.entries())
    await expect(table.locator(`[data-convention="${id}"] td[data-exact]`)).toHaveAttribute(
      'data-exact',
      r.totals.counts[i].toString(),
    );
  await table.getByRole('button', { name: 'Select fvcore FlopCountAnalysis', exact: true }).click();
  await expect(page.getByTestId('convention-button')).toContainText('fvcore');
  await expect(table.locator('[data-convention="fvcore"]')).toHaveAttribute('aria-selected', 'true');
  // fvcore vs thop: batch norm 2× against 4× per element.
  await expect(page.getByTestId('conventions-why')).toContainText('BatchNorm2d: 4× vs 2× per output element: +');
  // torch counts FLOPs, fvcore MACs: compared in FLOPs, marked, so the factor 2 is not a difference.
  await expect(table.locator('[data-convention="torch"] td').last()).toContainText('×*');
  await expect(page.getByTestId('conventions-why')).toContainText('in FLOPs: 1 MAC = 2 FLOPs');
  await page
    .getByRole('complementary', { name: 'Details' })
    .screenshot({ path: 'docs/screenshots/teaching-conventions.png' });
});

const sepA: Model = {
  format: MODEL_FORMAT,
  name: 'Standard 3×3 conv',
  input: [32, 56, 56],
  layers: [{ type: 'conv2d', out: 64, kernel: 3, padding: 1, bias: false }],
};
const sepB: Model = {
  format: MODEL_FORMAT,
  name: 'Depthwise-separable',
  input: [32, 56, 56],
  layers: [
    { type: 'conv2d', name: 'depthwise', out: 32, kernel: 3, padding: 1, groups: 32, bias: false },
    { type: 'conv2d', name: 'pointwise', out: 64, kernel: 1, bias: false },
  ],
};

test('open an A/B link: both models, totals and ratios', async ({ page }) => {
  await open(page, encodeShare({ model: sepA, convention: 'torchvision', compare: sepB }));
  await expect(page.getByTestId('tab-compare')).toHaveAttribute('aria-selected', 'true');
  const a = evaluateAll(sepA);
  const b = evaluateAll(sepB);
  const params = page.getByTestId('ab-params');
  await expect(params.locator('td').nth(0)).toHaveAttribute('data-exact', a.totals.params.toString());
  await expect(params.locator('td').nth(1)).toHaveAttribute('data-exact', b.totals.params.toString());
  // 1/Cout + 1/(Kh·Kw) = 1/64 + 1/9 = 0.1267 (seed article).
  await expect(params.locator('td').nth(2)).toHaveText('0.127×');
  await expect(page.getByTestId('ab-macs').locator('td').nth(2)).toHaveText('0.127×');
  await expect(page.getByTestId('ab-bars-b').locator('li')).toHaveCount(2);
  await page.getByRole('complementary', { name: 'Details' }).screenshot({ path: 'docs/screenshots/teaching-ab.png' });
});

test('A/B/C link: three models with runtime, operators on the accelerator and the memory verdict', async ({ page }) => {
  const mv2 = presetByName('mobilenet_v2')!.build();
  const mv3 = presetByName('mobilenet_v3_small')!.build();
  const tiny = presetByName('mobilenet_v2')!.build({ width: 0.35, resolution: 96 });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(
    `./${encodeShare({ model: mv2, convention: 'fvcore', settings: { device: 'coral-edgetpu', precision: 'int8' }, compare: mv3, compareMore: [tiny] })}`,
  );
  await expect(page.getByTestId('tab-compare')).toHaveAttribute('aria-selected', 'true');
  const params = page.getByTestId('ab-params');
  for (const [letter, m] of [
    ['A', mv2],
    ['B', mv3],
    ['C', tiny],
  ] as const)
    await expect(params.locator(`td[data-column="${letter}"]`)).toHaveAttribute(
      'data-exact',
      evaluateAll(m).totals.params.toString(),
    );
  // Runtime rows on the picked device: MobileNetV2 runs entirely on the Edge TPU, MobileNetV3-Small does not.
  const placement = page.getByTestId('ab-placement');
  await expect(placement.locator('td[data-column="A"]')).toHaveText(/^(\d+) \/ \1$/, { timeout: 30_000 });
  await expect(placement.locator('td[data-column="B"]')).toHaveText(/^1 \/ \d+$/, { timeout: 30_000 });
  await expect(page.getByTestId('ab-ms').locator('td[data-column="C"]')).toHaveText(/ms$/);
  await expect(page.getByTestId('ab-fit').locator('td[data-column="C"]')).toHaveText('Fits');
  await expect(page.getByTestId('ab-ms').locator('td[data-ratio="B"]')).toHaveText(/×$/);
  await page.getByRole('complementary', { name: 'Details' }).screenshot({ path: 'docs/screenshots/teaching-abc.png' });
  // Removing C leaves A/B.
  await page.getByTestId('ab-remove-C').click();
  await expect(params.locator('td[data-column="C"]')).toHaveCount(0);
});

test('exercise link: hidden totals and a hidden layer, then reveal', async ({ page }) => {
  const model = starterModel();
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`./${encodeShare({ model, convention: 'seed', hide: ['totals', 'layer:layers[0]'] })}`);
  await expect(page.getByTestId('exercise-bar')).toBeVisible();
  await expect(page.getByTestId('totals')).toBeHidden();
  await expect(row(page, 'layers[0]').getByTestId('row-count')).toBeHidden();
  // Hidden totals also hide what they are the sum of: every row's count and parameters, the charts.
  await expect(row(page, 'layers[1]').getByTestId('row-count')).toBeHidden();
  await expect(row(page, 'layers[1]').getByTestId('row-params')).toBeHidden();
  await expect(page.locator('[data-slot="charts"]')).toBeHidden();
  await page.getByTestId('reveal-totals').click();
  await expect(page.getByTestId('totals')).toBeVisible();
  await expect(row(page, 'layers[1]').getByTestId('row-count')).toBeVisible();
  await expect(row(page, 'layers[0]').getByTestId('row-count')).toBeHidden();
  // The hidden layer's numbers are hidden in the details too.
  await selectRow(page, 'layers[0]');
  await expect(page.getByTestId('details').locator('[data-numbers]').first()).toBeHidden();
  const r = evaluateAll(model);
  await expect(total(page, 'count')).toHaveAttribute('data-exact', r.totals.counts[0].toString());
  await page.getByTestId('bar-reveal-layer:layers[0]').click();
  await expect(row(page, 'layers[0]').getByTestId('row-count')).toBeVisible();
  await expect(page.getByTestId('exercise-bar')).toBeHidden();
});

test('a guided example asks before replacing edited work, says it switched the convention, and switches back', async ({
  page,
}) => {
  await open(page);
  await pickConvention(page, 'thop');
  // An edit: the model on screen is now the user's work.
  await page.getByTestId('input-shape').fill('3, 40, 40');
  await expect(page.getByTestId('input-shape')).toHaveValue('3, 40, 40');
  await page.getByTestId('tab-examples').click();
  await page.getByTestId('open-example-fc').click();
  const confirm = page.getByTestId('example-confirm');
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('input-shape')).toHaveValue('3, 40, 40');
  await page.getByTestId('open-example-fc').click();
  await confirm.getByRole('button', { name: 'Open the example' }).click();
  const banner = page.getByTestId('example-convention');
  await expect(banner).toContainText('This example counts with');
  await banner.getByRole('button', { name: /Back to thop/ }).click();
  await expect(page.getByTestId('convention-button')).toContainText('thop');
  await expect(banner).toBeHidden();
});

test('switch to Chinese: tabs, examples and their explanation', async ({ page }) => {
  await open(page);
  await page.getByTestId('language-switch').selectOption('zh-CN');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByTestId('tab-conventions')).toHaveText('计数约定');
  await page.getByTestId('tab-examples').click();
  await expect(page.getByTestId('guided-examples')).toContainText('全连接层：7×7×512 → 4096');
  await page.getByTestId('open-example-fc').click();
  await expect(page.getByTestId('example-banner')).toContainText('102,760,448 个权重');
  await expect(page.getByTestId('formula-params-value')).toHaveAttribute('data-exact', '102760448');
  await expect(page.getByTestId('formula-inspector')).toContainText('参数量');
  // Remembered on reload.
  await page.reload();
  await expect(page.getByTestId('tab-layer')).toHaveText('层');
});

for (const theme of ['light', 'dark'] as const)
  test(`teaching tabs, ${theme} theme: no serious or critical axe violations`, async ({ page }) => {
    await open(page, encodeShare({ model: sepA, convention: 'torchvision', compare: sepB, hide: ['table'] }));
    if (theme === 'dark') {
      await page.getByRole('button', { name: /theme/ }).click();
      await expect(page.locator('html')).toHaveClass(/dark/);
    }
    for (const tab of ['conventions', 'compare', 'examples'] as const) {
      await page.getByTestId(`tab-${tab}`).click();
      await expect(page.getByTestId(`tab-${tab}`)).toHaveAttribute('aria-selected', 'true');
      await expect(page.getByRole('tabpanel').getByRole('heading').first()).toBeVisible();
      const axe = await new AxeBuilder({ page })
        .include('main')
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
        .analyze();
      const bad = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(
        bad.map((v) => `${tab}: ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      ).toEqual([]);
    }
  });

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
