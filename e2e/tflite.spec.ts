/**
 * TFLite files on the built page: dropped or opened, read in the import worker, and shown with
 * the file's layer names, the notice's weight bytes and "Undo import". What the page must show
 * comes from the same engine import run here in Node (src/engine/import), not typed-in numbers;
 * the fixtures themselves are checked against TensorFlow in tests/unit/io/tflite-fixtures.test.ts.
 */
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importFile } from '../src/engine/import';
import type { Model } from '../src/engine/format/model';
import { starterModel } from '../src/state/defaults';
import { dropFile, expectTotals, row } from './helpers';

const fixture = (name: string) => new Uint8Array(readFileSync(join('tests/fixtures/tflite', name)));

function importedInNode(name: string, bytes: Uint8Array): { model: Model; warnings: string[] } {
  const r = importFile(name, bytes);
  if (!r.ok) throw new Error(`fixture ${name} should import: ${r.error}`);
  return { model: r.model, warnings: r.warnings };
}

test.beforeEach(async ({ page }) => {
  await page.goto('./');
  await expectTotals(page, starterModel());
});

test('dropping an int8 TFLite file loads its layers under the file’s names, the engine’s totals and its weight bytes; Undo import restores', async ({
  page,
}) => {
  const name = 'mobilenet_v2_035_96_int8.tflite';
  const bytes = fixture(name);
  const { model, warnings } = importedInNode(name, bytes);
  await dropFile(page, name, bytes, '[aria-label="Results"]');
  const notice = page.getByTestId('import-notice');
  await expect(notice).toContainText(`Imported ${name}`);
  await expectTotals(page, model);
  // The file's real weight bytes (int8 with per-channel scales), as the engine worked them out.
  const bytesNote = warnings.find((w) => w.startsWith('weights in the file:'));
  expect(bytesNote).toMatch(/709,976 bytes/);
  await expect(notice.getByTestId('import-warnings')).toContainText(bytesNote as string);
  // Layer names are the file's tensor names (first layer: the QUANTIZE of the input).
  const first = model.layers[0];
  expect(first.name).toBe('tfl.quantize');
  await expect(row(page, 'layers[0]')).toContainText('tfl.quantize');
  await expect(page.getByTestId('totals-partial')).toHaveCount(0);

  await notice.getByRole('button', { name: 'Undo import' }).click();
  await expectTotals(page, starterModel());
});

test('a TFLite file with a custom op: the row is not counted, the totals say partial, the rest is counted', async ({
  page,
}) => {
  const name = 'flex_patches.tflite';
  const bytes = fixture(name);
  const { model } = importedInNode(name, bytes);
  await page
    .getByTestId('open-file-input')
    .setInputFiles({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) });
  await expect(page.getByTestId('import-notice')).toContainText(`Imported ${name}`);
  await expectTotals(page, model);
  await expect(page.getByTestId('totals-partial')).toContainText(
    '1 layer(s) not counted — ExtractImagePatches (CUSTOM:FlexExtractImagePatches)',
  );
  await expect(page.getByTestId('row-not-counted')).toHaveText('not counted');
});

test('a TFLite graph with two inputs and two outputs loads as a graph with the engine’s totals', async ({ page }) => {
  const name = 'tiny_two_heads_int8.tflite';
  const bytes = fixture(name);
  const { model } = importedInNode(name, bytes);
  expect('inputs' in model && model.inputs?.length).toBe(2);
  await dropFile(page, name, bytes, 'header');
  await expect(page.getByTestId('import-notice')).toContainText(`Imported ${name}`);
  await expectTotals(page, model);
});
