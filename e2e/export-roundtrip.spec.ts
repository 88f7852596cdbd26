/**
 * Issue 14, item 7, on the built page (vite build + preview, with its strict CSP: no eval): every
 * format the Export menu offers is downloaded for a preset and compared with the engine's
 * exporter run here in Node; every file the page can read (JSON, ONNX, Caffe prototxt) is imported
 * back through the page, which must then show the original's totals; the chart PNG/SVG and the
 * share link too. No CSP violation and no console error may be reported on the way. Export → ONNX
 * failed here before ("cannot write ONNX: Evaluating a string as JavaScript violates … Content
 * Security Policy": protobufjs generated its codec with `new Function`).
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { evaluateModel } from '../src/engine/evaluate';
import { ALL_CONVENTION_IDS } from '../src/engine/conventions/registry';
import { EXPORT_FILES, exportAs, layerTable, type ExportFormat } from '../src/engine/export';
import type { Model } from '../src/engine/format/model';
import { importFile } from '../src/engine/import';
import { presetByName } from '../src/engine/presets';
import { starterModel } from '../src/state/defaults';
import { layerSeries } from '../src/ui/charts/chartData';
import { downloadFromMenu, expectTotals, total, watchForViolations } from './helpers';

test.use({ viewport: { width: 1440, height: 900 } });

const CONVENTION = 'fvcore';
/** The menu's items, in order (data-export); a new item fails the test until it is covered here. */
const MENU = ['json', 'csv', 'markdown', 'pytorch', 'onnx', 'prototxt', 'print'] as const;
/** The items that save a file (the printable summary opens a window instead). */
const FILES = MENU.filter((id): id is Exclude<(typeof MENU)[number], 'print'> => id !== 'print');
const IMPORTABLE = new Set<string>(['json', 'onnx', 'prototxt']);

/**
 * What each preset's round trips give. `lossy`: files the engine reads back with other totals,
 * and why (said in docs/import-export.md); the page must then show what Node's import of the same
 * bytes gives, with the original's parameter count.
 */
const CASES: { name: string; lossy: Partial<Record<ExportFormat, string>> }[] = [
  // Caffe has no floor mode: every pool rounds up, so the stem's max pool gives 57×57, not 56×56.
  { name: 'resnet18', lossy: { prototxt: 'Caffe rounds pools up' } },
  // A transformer-era CNN (LayerNorm2d, permutes, layer scale): no Caffe layer for a permute (refused).
  { name: 'convnext_tiny', lossy: {} },
  // A graph (`from` edges, two named outputs and a DFL weight no layer reads): ONNX writes the graph and
  // reads back with the same fvcore count; what a writer refuses is refused on the page with its reason.
  { name: 'yolov8n', lossy: {} },
];

type Hooks = { editor: { getState(): { model: Model; setModel(m: Model): void } } };
const pageModel = (page: Page) =>
  page.evaluate(() => (window as unknown as { __floplab: Hooks }).__floplab.editor.getState().model);
const setModel = (page: Page, m: Model) =>
  page.evaluate((m) => (window as unknown as { __floplab: Hooks }).__floplab.editor.getState().setModel(m), m);

async function loadPreset(page: Page, name: string): Promise<void> {
  await page.getByTestId('open-presets').click();
  await page.getByTestId('preset-search').fill(name);
  await page
    .locator(`[data-testid="preset-row"][data-preset="${name}"]`)
    .getByRole('button', { name: new RegExp(`^Load ${name}`) })
    .click();
  await expect(page.getByTestId('current-preset')).toHaveText(name);
}

async function pickConvention(page: Page, id: string): Promise<void> {
  await page.getByTestId('convention-button').click();
  await page.locator(`input[name="convention"][value="${id}"]`).check();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('convention-button')).toContainText(id);
}

/** Imports `bytes` as `name` through the page's Open file… input; waits for the notice that names it. */
async function importThroughPage(page: Page, name: string, bytes: Uint8Array): Promise<void> {
  // Start from another model, so the totals below can only come from this import.
  await setModel(page, starterModel());
  await expectTotals(page, starterModel(), CONVENTION);
  await page
    .getByTestId('open-file-input')
    .setInputFiles({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) });
  await expect(page.getByTestId('import-notice')).toContainText(`Imported ${name}`);
}

const ci = ALL_CONVENTION_IDS.indexOf(CONVENTION);
const countsOf = (m: Model) => {
  const r = evaluateModel(m, { conventions: [...ALL_CONVENTION_IDS] });
  expect(r.errors).toBe(0);
  return { params: r.totals.params, count: r.totals.counts[ci] };
};

for (const { name, lossy } of CASES)
  test(`${name}: every Export menu format downloads under the CSP, equals the engine's, and re-imports`, async ({
    page,
  }) => {
    test.setTimeout(180_000);
    const watch = await watchForViolations(page);
    await page.goto('./');
    await expectTotals(page, starterModel());
    await pickConvention(page, CONVENTION);
    await loadPreset(page, name);
    const model = presetByName(name)!.build();
    expect(await pageModel(page)).toEqual(model);
    await expectTotals(page, model, CONVENTION);
    const original = countsOf(model);

    await page.getByRole('button', { name: /^Export/ }).click();
    const ids = await page
      .locator('[role="menu"] [data-export]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-export')));
    expect(ids).toEqual([...MENU]);
    await page.keyboard.press('Escape');

    const downloads: { format: ExportFormat; name: string; bytes: Buffer }[] = [];
    for (const id of FILES) {
      const want = exportAs(id, model, CONVENTION);
      if (!want.ok) {
        // Refused in Node, refused on the page with the same reason (a notice, no file).
        await page.getByRole('button', { name: /^Export/ }).click();
        await page.locator(`[data-export="${id}"]`).click();
        const notice = page.getByRole('alert').filter({ hasText: `Export: ${want.error}` });
        await expect(notice).toBeVisible();
        await notice.getByRole('button', { name: 'Dismiss' }).click();
        continue;
      }
      const got = await downloadFromMenu(page, { id });
      const table = id === 'csv' || id === 'markdown';
      expect(got.name).toBe(`${name}${table ? `.${CONVENTION}` : ''}${EXPORT_FILES[id].ext}`);
      // Byte for byte the engine's output (ONNX is binary; the rest is UTF-8 text).
      expect(got.bytes.equals(Buffer.from(want.data))).toBe(true);
      if (want.warnings.length)
        await expect(page.getByTestId('notice').filter({ hasText: want.warnings.join('; ') })).toBeVisible();
      downloads.push({ format: id, name: got.name, bytes: got.bytes });
    }
    expect(downloads.map((d) => d.format)).toEqual(FILES.filter((id) => exportAs(id, model, CONVENTION).ok));

    // Every importable download, back through the page (in the import worker).
    for (const d of downloads.filter((x) => IMPORTABLE.has(x.format))) {
      const inNode = importFile(d.name, new Uint8Array(d.bytes));
      if (!inNode.ok) throw new Error(`${d.name}: ${inNode.error}`);
      await importThroughPage(page, d.name, d.bytes);
      await expectTotals(page, inNode.model, CONVENTION);
      const back = countsOf(inNode.model);
      expect(back.params, `${d.name}: parameters`).toBe(original.params);
      if (lossy[d.format]) expect(back.count, `${d.name}: ${lossy[d.format]}`).not.toBe(original.count);
      else {
        expect(back.count, `${d.name}: ${CONVENTION} count`).toBe(original.count);
        await expect(total(page, 'count')).toHaveAttribute('data-exact', original.count.toString());
        await expect(total(page, 'params')).toHaveAttribute('data-exact', original.params.toString());
      }
    }
    await setModel(page, model);
    await expectTotals(page, model, CONVENTION);

    // The printable summary: a window under the page's CSP, the table of layerTable in Node.
    const t = layerTable(model, { convention: CONVENTION });
    if (!t.ok) throw new Error(t.error);
    await page.getByRole('button', { name: /^Export/ }).click();
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.locator('[data-export="print"]').click()]);
    await expect(popup.locator('h1')).toHaveText(t.table.model);
    await expect(popup.locator('tbody tr')).toHaveCount(t.table.rows.length);
    const foot = await popup.locator('tfoot td').allTextContents();
    expect(foot.map((c) => c.replace(/,/g, ''))).toEqual(t.table.totals);
    expect(await popup.locator('script').count()).toBe(0);
    expect(await watch.violations(popup)).toEqual([]);
    await popup.close();

    // Chart images: the SVG holds one bar per point of the engine's series; the PNG is that SVG at 2×.
    await page.getByTestId('chart-tab-layers').click();
    const chart = page.getByTestId('chart-layers');
    await expect(chart.locator('.chart-bar').first()).toBeVisible();
    const result = evaluateModel(model, { conventions: [...ALL_CONVENTION_IDS] });
    const points = layerSeries(result, ci).points.length;
    const svg = await downloadFrom(page, 'Download layers chart as SVG');
    expect(svg.name).toBe('floplab-layers.svg');
    expect(svg.text).toMatch(/^<svg[^>]* xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(new Set(svg.text.match(/data-index="\d+"/g)).size).toBe(points);
    expect(new Set(svg.text.match(/data-index="\d+"/g)).size).toBe(
      await chart.locator('.chart-bar').evaluateAll((r) => new Set(r.map((x) => x.getAttribute('data-index'))).size),
    );
    const size = await chart.evaluate((el) => {
      const all = [...el.querySelectorAll('svg')].map((s) => s.getBoundingClientRect());
      const big = all.sort((a, b) => b.width * b.height - a.width * a.height)[0];
      return [Math.round(big.width * 2), Math.round(big.height * 2)];
    });
    const png = await downloadFrom(page, 'Download layers chart as PNG');
    expect(png.name).toBe('floplab-layers.png');
    expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect([png.bytes.readUInt32BE(16), png.bytes.readUInt32BE(20)]).toEqual(size);

    // The share link opens the same model and convention in another tab of this browser.
    await page.getByRole('button', { name: 'Copy link' }).click();
    const url = await page.getByTestId('share-url').inputValue();
    const other = await page.context().newPage();
    await other.goto(url);
    await expectTotals(other, model, CONVENTION);

    for (const p of [page, other]) expect(await watch.violations(p)).toEqual([]);
    expect(watch.errors).toEqual([]);
  });

/** Clicks a download button (a chart's PNG/SVG) and reads the file. */
async function downloadFrom(page: Page, button: string): Promise<{ name: string; text: string; bytes: Buffer }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button }).click(),
  ]);
  const bytes = readFileSync(await download.path());
  return { name: download.suggestedFilename(), text: bytes.toString('utf8'), bytes };
}

test('without Worker support the import runs on the page itself, under its CSP: ONNX, JSON and prototxt still load', async ({
  page,
}) => {
  await page.addInitScript(() => {
    // As in a browser without module workers: evaluation and import fall back to the main thread.
    Object.defineProperty(window, 'Worker', { value: undefined });
  });
  const watch = await watchForViolations(page);
  await page.goto('./');
  await expectTotals(page, starterModel());
  expect(await page.evaluate(() => typeof Worker)).toBe('undefined');
  await pickConvention(page, CONVENTION);
  const model = presetByName('resnet18')!.build();
  for (const format of ['onnx', 'json', 'prototxt'] as const) {
    const r = exportAs(format, model, CONVENTION);
    if (!r.ok) throw new Error(r.error);
    const name = `resnet18${EXPORT_FILES[format].ext}`;
    const bytes = typeof r.data === 'string' ? new TextEncoder().encode(r.data) : r.data;
    const inNode = importFile(name, bytes);
    if (!inNode.ok) throw new Error(inNode.error);
    await importThroughPage(page, name, bytes);
    await expectTotals(page, inNode.model, CONVENTION);
  }
  expect(await watch.violations()).toEqual([]);
  expect(watch.errors).toEqual([]);
});
