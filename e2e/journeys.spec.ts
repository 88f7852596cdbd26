/**
 * Issue 19's screenshot journeys: the built app at phone, tablet and desktop sizes in light, dark
 * and Chinese, on a model people bring (MobileNetV2 on the STM32H7A3, where the memory verdict says it
 * does not fit). Each size and look must show the totals and the verdict with no sideways scroll;
 * the screenshots (docs/screenshots/journey-*.png) are for people to look at, and were.
 */
import { expect, test } from '@playwright/test';
import { presetByName } from '../src/engine/presets';
import { makeShareUrl } from '../src/state/urlCodec';

const SIZES = [
  { name: 'phone', width: 375, height: 812 },
  { name: 'tablet', width: 768, height: 1024 },
  { name: 'desktop', width: 1440, height: 900 },
] as const;
const LOOKS = ['light', 'dark', 'zh-CN'] as const;

for (const size of SIZES)
  for (const look of LOOKS)
    test(`journey: ${size.name} ${size.width}×${size.height}, ${look}`, async ({ page }) => {
      await page.setViewportSize({ width: size.width, height: size.height });
      const model = presetByName('mobilenet_v2')!.build();
      await page.goto(
        makeShareUrl('./', {
          model,
          convention: 'fvcore',
          settings: { theme: look === 'dark' ? 'dark' : 'light', device: 'stm32h7', precision: 'int8' },
        }),
      );
      if (look === 'zh-CN') {
        await page.getByTestId('language-switch').selectOption('zh-CN');
        await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
      }
      await expect(page.getByTestId('total-params')).toHaveAttribute('data-exact', /^\d+$/, { timeout: 30_000 });
      await expect(page.getByTestId('total-activations')).toHaveAttribute('data-exact', /^\d+$/, { timeout: 30_000 });
      await expect(page.getByTestId('device-fit')).toHaveAttribute('data-verdict', 'does-not-fit');
      // No sideways scroll at any size.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      if (look === 'zh-CN') await expect(page.getByRole('heading', { name: '总计' })).toBeVisible();
      await page.screenshot({ path: `docs/screenshots/journey-${size.name}-${look}.png` });
      await page.getByTestId('device-fit').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `docs/screenshots/journey-${size.name}-${look}-verdict.png` });
    });
