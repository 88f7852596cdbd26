/**
 * The preset picker and knobs (issue 4, browser half). Expected numbers are the engine's, run
 * here in Node on the same preset (src/engine/presets), and for mobilenet_v2 also the official
 * torchvision metadata (shared/reference/zoo.md: num_params 3,504,872; _ops 0.301 = 300,774,272
 * MACs). Writes docs/screenshots/presets.png.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { PRESETS, presetByName } from '../src/engine/presets';
import { makeShareUrl } from '../src/state/urlCodec';
import { evaluateAll, expectTotals, field, selectRow, total } from './helpers';

const v2 = presetByName('mobilenet_v2')!;

async function openPicker(page: Page) {
  await page.getByTestId('open-presets').click();
  await expect(page.getByRole('dialog', { name: 'Model zoo presets' })).toBeVisible();
  await expect(page.getByTestId('preset-search')).toBeFocused();
}

const presetRow = (page: Page, name: string) => page.locator(`[data-testid="preset-row"][data-preset="${name}"]`);

test('picker: search, engine-counted rows with the torchvision check, load, knob, undo', async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('./');
  await expect(total(page, 'count')).toHaveAttribute('data-exact', /[1-9]/);
  await openPicker(page);

  // The first rows fill in from the worker; resnet18 shows its counts and a ✓ against torchvision.
  const r18 = presetRow(page, 'resnet18');
  await expect(r18.getByTestId('preset-params')).toHaveAttribute('data-exact', '11689512', { timeout: 20_000 });
  await expect(r18.getByTestId('preset-check')).toHaveText('✓ 1.814');
  await expect(page.getByTestId('preset-family')).toHaveCount(new Set(PRESETS.map((p) => p.family)).size);
  await page.screenshot({ path: 'docs/screenshots/presets.png' });
  // The open dialog passes axe's WCAG 2.x A/AA rules (serious and critical).
  const axe = await new AxeBuilder({ page })
    .include('[data-testid="preset-picker"]')
    .withTags(['wcag2a', 'wcag2aa'])
    .analyze();
  const bad = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  await page.getByTestId('preset-search').fill('mobilenet');
  // The four MobileNets, then DeepLabV3, LR-ASPP and SSDlite on a MobileNetV3 backbone, each in its family.
  await expect(page.getByTestId('preset-row')).toHaveCount(7);
  await expect(page.getByTestId('preset-family').first()).toHaveAttribute('data-family', 'MobileNet');
  const row = presetRow(page, 'mobilenet_v2');
  const expected = evaluateAll(v2.build());
  // The engine in Node and torchvision's metadata agree; the page must show the same integers.
  expect(expected.totals.params).toBe(3_504_872n);
  expect(expected.totals.macs).toBe(300_774_272n);
  await expect(row.getByTestId('preset-params')).toHaveAttribute('data-exact', '3504872', { timeout: 20_000 });
  await expect(row.getByTestId('preset-macs')).toHaveAttribute('data-exact', '300774272');
  await expect(row.getByTestId('preset-check')).toHaveText('✓ 0.301');
  // mobilenet_v1 has no torchvision weights: no check, not a failure.
  await expect(presetRow(page, 'mobilenet_v1').getByTestId('preset-check')).toHaveText('no torchvision weights');

  await row.getByRole('button', { name: /^Load mobilenet_v2/ }).click();
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(page.getByTestId('current-preset')).toHaveText('mobilenet_v2');
  await expectTotals(page, v2.build());
  await expect(total(page, 'params')).toHaveAttribute('data-exact', '3504872');
  await expect(total(page, 'macs')).toHaveAttribute('data-exact', '300774272');

  // Width 0.5: the page's totals become the engine's for mobilenet_v2 at α = 0.5.
  const half = v2.build({ width: 0.5 });
  const halfCounts = evaluateAll(half).totals;
  expect(halfCounts.params).not.toBe(3_504_872n);
  const width = page.locator('[data-knob="width"]');
  await expect(width).toHaveValue('1');
  await width.fill('0.5');
  await expectTotals(page, half);
  await expect(total(page, 'params')).toHaveAttribute('data-exact', halfCounts.params.toString());

  // Undo returns to width 1.0 and the original counts.
  await page.getByRole('button', { name: /Undo/ }).click();
  await expect(width).toHaveValue('1');
  await expectTotals(page, v2.build());
  // Editing a layer of the preset says a knob would replace the edit; undoing the edit clears it.
  await expect(page.getByTestId('preset-edited')).toHaveCount(0);
  await selectRow(page, 'layers[0]');
  await field(page, 'layers[0]', 'out').fill('40');
  await expect(page.getByTestId('preset-edited')).toBeVisible();
  await page.getByRole('button', { name: /Undo/ }).click();
  await expect(page.getByTestId('preset-edited')).toHaveCount(0);
});

test('knobs: an out-of-range value shows knobError’s message and keeps the model', async ({ page }) => {
  await page.goto('./');
  await openPicker(page);
  await page.getByTestId('preset-search').fill('mobilenet v2');
  await page.getByTestId('preset-search').press('Enter'); // loads the first match
  await expect(page.getByTestId('current-preset')).toHaveText('mobilenet_v2');
  await expectTotals(page, v2.build());
  await page.locator('[data-knob="width"]').fill('2');
  await expect(page.getByTestId('knob-error-width')).toHaveText('mobilenet_v2: width must be at most 1.4, got 2');
  await expect(page.locator('[data-knob="width"]')).toHaveAttribute('aria-invalid', 'true');
  await expectTotals(page, v2.build());
  const axe = await new AxeBuilder({ page })
    .include('[data-testid="preset-panel"]')
    .withTags(['wcag2a', 'wcag2aa'])
    .analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  // Resolution 160 through the same panel: input 3×160×160, counts as the engine's.
  await page.locator('[data-knob="resolution"]').fill('160');
  await expect(page.getByTestId('input-shape')).toHaveValue('3, 160, 160');
  await expectTotals(page, v2.build({ resolution: 160 }));
  // The slider rebuilds on release: Home (min 32) is one rebuild and one undo step.
  await page.getByRole('slider', { name: 'Input resolution slider' }).press('Home');
  await expect(page.getByTestId('input-shape')).toHaveValue('3, 32, 32');
  await expectTotals(page, v2.build({ resolution: 32 }));
  await page.getByRole('button', { name: /Undo/ }).click();
  await expect(page.locator('[data-knob="resolution"]')).toHaveValue('160');
  await expectTotals(page, v2.build({ resolution: 160 }));
  // A select knob (options): EfficientNet's variant.
  await openPicker(page);
  await page.getByTestId('preset-search').fill('efficientnet_b0');
  await page.getByTestId('preset-search').press('Enter');
  await page.locator('[data-knob="variant"]').selectOption('3');
  await expectTotals(page, presetByName('efficientnet_b0')!.build({ variant: 3 }));
});

test('keyboard only: ↓ to the list, Enter loads; the seed example explains its 1.8 G', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('./');
  await openPicker(page);
  await page.keyboard.type('seed');
  await expect(page.getByTestId('preset-row')).toHaveCount(1);
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('[data-preset-load="seed_resnet18"]')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog')).toBeHidden();
  await expectTotals(page, presetByName('seed_resnet18')!.build());
  const notes = page.getByTestId('preset-notes');
  await expect(notes).toBeVisible();
  await expect(notes).toContainText('1,814,073,344 conv + fc multiply-accumulates');
  await expect(notes).toContainText('≈ 3.63 GFLOPs');
  await page.screenshot({ path: 'docs/screenshots/presets-seed.png' });
  const axe = await new AxeBuilder({ page })
    .include('[data-testid="preset-panel"]')
    .withTags(['wcag2a', 'wcag2aa'])
    .analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  // Escape closes the picker without loading anything.
  await openPicker(page);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(page.getByTestId('current-preset')).toHaveText('seed_resnet18');
});

test('the share link carries the preset and its knobs', async ({ page, browser }) => {
  await page.goto('./');
  await openPicker(page);
  await page.getByTestId('preset-search').fill('densenet121');
  await page.getByTestId('preset-search').press('Enter');
  const growth = presetByName('densenet121')!.build({ growth: 16 });
  await page.locator('[data-knob="growth"]').fill('16');
  await expectTotals(page, growth);
  await page.getByRole('button', { name: 'Copy link' }).click();
  const url = await page.getByTestId('share-url').inputValue();
  // Issue 4: a preset's link (its hash) stays within 2,000 characters.
  expect(new URL(url).hash.length).toBeLessThanOrEqual(2000);

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(url);
  await expectTotals(other, growth);
  await expect(other.getByTestId('current-preset')).toHaveText('densenet121');
  await expect(other.locator('[data-knob="growth"]')).toHaveValue('16');
  await fresh.close();
});

test('module names never run into the numbers: nested rows of SSDlite at 1440 and 375 px', async ({ page }) => {
  const model = presetByName('ssdlite320_mobilenet_v3_large')!.build();
  for (const width of [1440, 375]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(makeShareUrl('./', { model, convention: 'torchvision' }));
    await expectTotals(page, model, 'torchvision');
    // layers[4] is Conv2d backbone.features.0.1.block.0.0 inside the first residual.
    const rows = page.locator('[data-testid="layer-row"]');
    await expect(rows.filter({ has: page.locator('[title="backbone.features.0.1.block.0.0"]') })).toHaveCount(1);
    const overlaps = await rows.evaluateAll((els) =>
      els.slice(0, 20).flatMap((row) => {
        const name = row.querySelector('[data-row-button] > span[title]');
        const out = row.querySelector('[title="Output shape"]');
        if (!name || !out) return [];
        const a = name.getBoundingClientRect();
        const b = out.getBoundingClientRect();
        return a.right > b.left + 0.5 ? [`${name.getAttribute('title')}: ${a.right} > ${b.left}`] : [];
      }),
    );
    expect(overlaps, `at ${width} px`).toEqual([]);
  }
});
