/**
 * Issue 21 in the browser: a hostile file through the real file input. A 1,000,000-node ONNX
 * (generated here, 21 MB) is refused with the limit named, the page keeps painting while it is
 * read and refused, and the model on screen (renamed first, so it is the user's) is untouched.
 */
import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFile } from '../src/engine/import';
import { starterModel } from '../src/state/defaults';
import { onnxReluChain } from '../tests/unit/io/hostile-files';
import { expectTotals } from './helpers';

test('a 1,000,000-node ONNX is refused with the limit named; the page stays responsive and the model stays', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.goto('./');
  await expectTotals(page, starterModel());
  const name = page.getByLabel('Model name');
  await name.fill('my model');

  const bytes = onnxReluChain(1_000_000);
  const expected = importFile('million.onnx', bytes);
  expect(expected).toEqual({
    ok: false,
    error: 'million.onnx: the file has 1,000,000 nodes; FlopLab imports at most 100,000',
  });
  const dir = mkdtempSync(join(tmpdir(), 'floplab-budget-'));
  const path = join(dir, 'million.onnx');
  try {
    writeFileSync(path, bytes);
    // Longest gap between animation frames from choosing the file to the notice: a page blocked
    // by the import would paint no frame for as long as it is blocked.
    await page.evaluate(() => {
      const w = window as unknown as { __gap: number; __frames: number; __stop: boolean };
      Object.assign(w, { __gap: 0, __frames: 0, __stop: false });
      let last = performance.now();
      const tick = (t: number) => {
        w.__gap = Math.max(w.__gap, t - last);
        w.__frames++;
        last = t;
        if (!w.__stop) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    await page.getByTestId('open-file-input').setInputFiles(path);
    const notice = page.getByRole('alert').filter({ hasText: 'Could not import million.onnx' });
    await expect(notice).toBeVisible({ timeout: 30_000 });
    await expect(notice).toContainText('the file has 1,000,000 nodes; FlopLab imports at most 100,000');
    await expect(notice).toContainText('unchanged');
    const { gap, frames } = await page.evaluate(() => {
      const w = window as unknown as { __gap: number; __frames: number; __stop: boolean };
      w.__stop = true;
      return { gap: w.__gap, frames: w.__frames };
    });
    console.log(`1,000,000-node ONNX refused; longest frame gap ${gap.toFixed(0)} ms over ${frames} frames`);
    expect(frames).toBeGreaterThan(2);
    expect(gap).toBeLessThan(1000);

    // Nothing lost: the same model, the user's name, and the page still takes input.
    await expectTotals(page, starterModel());
    await expect(name).toHaveValue('my model');
    await name.fill('still editable');
    await expect(name).toHaveValue('still editable');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
