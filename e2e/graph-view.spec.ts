/**
 * The graph view (issue 16) on the built app: ResNet-50, GoogLeNet (Inception concats), ViT-B/16
 * (`from` wiring) and an ONNX file with two outputs open as graphs whose nodes carry the engine's
 * numbers; a click on a node selects its row and a selected row is outlined in the graph; the
 * heat colours follow the metric. Writes docs/screenshots/graph-*.png.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { presetByName } from '../src/engine/presets';
import { buildGraphView, collapseGraph, heatLevel, maxValue, nodeValues } from '../src/engine/graph-view';
import type { Model } from '../src/engine/format/model';
import { makeShareUrl } from '../src/state/urlCodec';
import { onnx } from '../tests/unit/io/onnx-build';
import { importFile } from '../src/engine/import';
import { formatCount } from '../src/ui/format';
import { evaluateAll, expectTotals, field, row, selectRow } from './helpers';

test.use({ viewport: { width: 1600, height: 1000 } });

const preset = (name: string): Model => presetByName(name)!.build();

async function openGraph(page: Page, model: Model, selection?: string, imported = false): Promise<void> {
  if (imported) {
    await page.getByTestId('graph-toggle').click();
    await expect(page.getByTestId('graph-canvas')).toHaveAttribute('data-laid-out', 'true', { timeout: 20_000 });
    return;
  }
  await page.goto(
    makeShareUrl('./', {
      model,
      convention: 'fvcore',
      settings: { theme: 'light', device: 'pixel4-cpu-4t', precision: 'fp32' },
      ...(selection ? { selection } : {}),
    }),
  );
  await expectTotals(page, model, 'fvcore');
  await page.getByTestId('graph-toggle').click();
  await expect(page.getByTestId('graph-canvas')).toHaveAttribute('data-laid-out', 'true', { timeout: 20_000 });
}

const node = (page: Page, id: string) => page.locator(`[data-testid="graph-node"][data-node="${id}"]`);

/** The graph the engine gives in Node, with its fvcore counts (the page shows the same). */
function expected(model: Model) {
  const r = evaluateAll(model);
  const v = collapseGraph(buildGraphView(model, r), new Set());
  return { r, v };
}

test('ResNet-50: every layer is a node, residual joins fork and merge; a click selects the row, the row’s selection outlines the node', async ({
  page,
}) => {
  const model = preset('resnet50');
  const { r, v } = expected(model);
  await openGraph(page, model);
  await expect(page.getByTestId('graph-status')).toContainText(`${v.nodes.length} nodes · ${v.edges.length} edges`);
  // The first conv shows its output shape and its fvcore count.
  const conv = node(page, 'layers[0]');
  await expect(conv).toContainText('64×112×112');
  const fv = r.conventions.indexOf('fvcore');
  expect(r.rows[0].counts[fv]).toBe(118013952n); // torchvision's conv1: 64·112·112·(3·7·7) MACs, fvcore counts MACs
  await expect(conv).toContainText('118 M');
  await conv.click();
  await expect(row(page, 'layers[0]')).toHaveAttribute('aria-current', 'true');
  await expect(conv).toHaveAttribute('data-selected', 'true');
  await page.screenshot({ path: 'docs/screenshots/graph-resnet50.png' });
  // Left/right cross to the other branch of a fork: the first block's body and its shortcut (the
  // list's neighbour of body[0] is body[1], so this is the graph's doing).
  await selectRow(page, 'layers[4].body[0]');
  await expect(node(page, 'layers[4].body[0]')).toHaveAttribute('data-selected', 'true');
  await page.getByTestId('graph-canvas').focus();
  await page.getByTestId('graph-canvas').press('ArrowRight');
  await expect(row(page, 'layers[4].shortcut[0]')).toHaveAttribute('aria-current', 'true');
  await page.getByTestId('graph-canvas').press('ArrowLeft');
  await expect(row(page, 'layers[4].body[0]')).toHaveAttribute('aria-current', 'true');
  await page.getByTestId('graph-canvas').press('ArrowDown');
  await expect(row(page, 'layers[4].body[1]')).toHaveAttribute('aria-current', 'true');
  // Enter folds the block around the node: the residual becomes one node, still selected; Enter again unfolds.
  await page.getByTestId('graph-canvas').press('Enter');
  await expect(node(page, 'layers[4]')).toHaveAttribute('data-kind', 'block');
  await expect(node(page, 'layers[4]')).toHaveAttribute('data-selected', 'true');
  await expect(node(page, 'layers[4].body[1]')).toHaveCount(0);
  // Unfolded, the view follows the selected node; the join, eight ranks below it, may be out of view
  // (culled) depending on where the view was, so the node count says the block is open again.
  await page.getByTestId('graph-canvas').press('Enter');
  await expect(page.getByTestId('graph-status')).toContainText(`${v.nodes.length} nodes · ${v.edges.length} edges`);
  await expect(node(page, 'layers[4].body[1]')).toHaveAttribute('data-selected', 'true');
  // Far out every node is drawn (as a box): the first residual's join is there.
  await page.getByTestId('graph-fit').click();
  await expect(page.getByTestId('graph-canvas')).toHaveAttribute('data-drawn', String(v.nodes.length));
  await expect(node(page, 'layers[4]')).toHaveAttribute('data-kind', 'join');
  // The other way round: a row selected in the editor outlines its node.
  await selectRow(page, 'layers[1]');
  await expect(node(page, 'layers[1]')).toHaveAttribute('data-selected', 'true');
  await expect(node(page, 'layers[0]')).not.toHaveAttribute('data-selected', 'true');
});

test('heat colours follow the metric: the engine’s levels for count, then parameters, then latency; fold and search', async ({
  page,
}) => {
  const model = preset('resnet50');
  const { r, v } = expected(model);
  await openGraph(page, model);
  const fv = r.conventions.indexOf('fvcore');
  const levelsOf = (metric: 'count' | 'params') => {
    const vals = nodeValues(v.nodes, metric, { result: r, countIndex: fv, dtype: 'fp32', latency: null });
    const max = maxValue(vals);
    return new Map(v.nodes.map((n, i) => [n.id, heatLevel(vals[i], max)]));
  };
  const count = levelsOf('count');
  const params = levelsOf('params');
  // conv1 is the costliest layer by fvcore MACs but one of the smallest by parameters.
  expect(count.get('layers[0]')).toBe(5);
  expect(params.get('layers[0]')).toBe(1);
  await page.getByTestId('graph-fit').click();
  await expect(page.getByTestId('graph-canvas')).toHaveAttribute('data-drawn', String(v.nodes.length));
  const shown = ['layers[0]', 'layers[1]', 'layers[4].body[0]', 'layers[4].body[3]', 'layers[4]'];
  for (const id of shown) await expect(node(page, id)).toHaveAttribute('data-heat', String(count.get(id)));
  await page.getByTestId('graph-metric').selectOption('params');
  for (const id of shown) await expect(node(page, id)).toHaveAttribute('data-heat', String(params.get(id)));
  // The top-10 list is the engine's largest: ResNet-50's largest layers by parameters are layer4's 3×3 convs.
  const top = page.getByTestId('graph-top').getByRole('button');
  await expect(top).toHaveCount(10);
  await page.screenshot({ path: 'docs/screenshots/graph-heat-params.png' });
  // Latency needs a device (pixel4-cpu-4t is set): every layer gets a level, inputs none.
  await page.getByTestId('graph-metric').selectOption('latency');
  await expect(node(page, 'layers[0]')).not.toHaveAttribute('data-heat', '-1');
  await expect(node(page, 'in:input')).toHaveAttribute('data-heat', '-1');

  // Search by type, Enter goes to the match and selects its row.
  await page.getByTestId('graph-search').fill('linear');
  await expect(page.getByTestId('graph-search-count')).toHaveText('1 of 1');
  await page.getByTestId('graph-search').press('Enter');
  const fc = r.rows.find((x) => x.type === 'linear')!;
  await expect(page.getByTestId('graph-canvas')).toHaveAttribute('data-laid-out', 'true');
  await expect(node(page, fc.path)).toHaveAttribute('data-selected', 'true');

  // The editor's list followed the selection to its last row (it was far out of view).
  await expect(row(page, fc.modelPath)).toHaveAttribute('aria-current', 'true');
  // Keyboard: arrows follow edges from the selected node (up: the flatten feeding the fc; down: back).
  const flatten = r.rows.find((x) => x.type === 'flatten')!;
  await page.getByTestId('graph-canvas').focus();
  await page.getByTestId('graph-canvas').press('ArrowUp');
  await expect(row(page, flatten.modelPath)).toHaveAttribute('aria-current', 'true');
  await expect(node(page, flatten.path)).toHaveAttribute('data-selected', 'true');
  await page.getByTestId('graph-canvas').press('ArrowDown');
  await expect(row(page, fc.modelPath)).toHaveAttribute('aria-current', 'true');

  // Folding every top-level block leaves one node per block, carrying the block's total.
  await page.getByTestId('graph-metric').selectOption('count');
  await page.getByTestId('graph-fold-all').click();
  const folded = collapseGraph(
    buildGraphView(model, r),
    new Set(
      buildGraphView(model, r)
        .groups.filter((g) => g.parent < 0)
        .map((g) => g.id),
    ),
  );
  await expect(page.getByTestId('graph-status')).toContainText(`${folded.nodes.length} nodes`, { timeout: 20_000 });
  await expect(page.getByTestId('graph-canvas')).toHaveAttribute('data-laid-out', 'true');
  // The costliest folded block (first in the top 10) carries the block row's total.
  const totals = folded.nodes.map((n) => (n.kind === 'block' ? r.rows[n.row].total!.counts[fv] : -1n));
  const biggest = folded.nodes[totals.indexOf(totals.reduce((a, b) => (b > a ? b : a)))];
  await page.getByTestId('graph-top').getByRole('button').first().click();
  await expect(node(page, biggest.id)).toHaveAttribute('data-kind', 'block');
  await expect(node(page, biggest.id)).toHaveAttribute('data-selected', 'true');
  await expect(node(page, biggest.id)).toContainText(
    `${formatCount(totals[folded.nodes.indexOf(biggest)], 'si')} MACs`,
  );
  await page.screenshot({ path: 'docs/screenshots/graph-folded.png' });
});

test('GoogLeNet: an Inception concat joins four branches fed by one node', async ({ page }) => {
  const model = preset('googlenet');
  const { r, v } = expected(model);
  const cat = r.rows.find((x) => x.type === 'concat')!;
  await openGraph(page, model, cat.modelPath);
  await expect(page.getByTestId('graph-status')).toContainText(`${v.nodes.length} nodes · ${v.edges.length} edges`);
  await expect(node(page, cat.path)).toHaveAttribute('data-kind', 'join');
  await expect(node(page, cat.path)).toHaveAttribute('data-selected', 'true');
  for (const b of [0, 1, 2, 3]) await expect(node(page, `${cat.path}.branches[${b}][0]`)).toBeVisible();
  await page.screenshot({ path: 'docs/screenshots/graph-googlenet.png' });
  // Export: the whole graph (not only what is in view) with model, convention and device in a title.
  const svgDownload = page.waitForEvent('download');
  await page.getByTestId('graph-export-svg').click();
  const svg = readFileSync(await (await svgDownload).path(), 'utf8');
  expect(svg).toContain('googlenet · fvcore FlopCountAnalysis · Google Pixel 4');
  // One translated group per node, plus the one that moves the graph below the title.
  expect(svg.match(/<g transform="translate\(/g)?.length).toBe(v.nodes.length + 1);
  const pngDownload = page.waitForEvent('download');
  await page.getByTestId('graph-export-png').click();
  const png = await pngDownload;
  expect(png.suggestedFilename()).toBe('floplab-graph-googlenet.png');
  expect(
    readFileSync(await png.path())
      .subarray(1, 4)
      .toString(),
  ).toBe('PNG');
});

test('ViT-B/16: the class token and positions join the patches by name (`from`)', async ({ page }) => {
  const model = preset('vit_b_16');
  const { r } = expected(model);
  const cat = r.rows.find((x) => x.type === 'cat')!;
  await openGraph(page, model);
  await expect(node(page, cat.path)).toContainText('cat');
  await expect(node(page, 'layers[3]')).toContainText('class_token');
  await expect(node(page, 'layers[5]')).toContainText('encoder.pos_embedding');
  await page.screenshot({ path: 'docs/screenshots/graph-vit.png' });
});

test('an ONNX file with two outputs shows both heads as output nodes', async ({ page }) => {
  const bytes = onnx({
    input: [1, 3, 32, 32],
    nodes: [
      { op: 'Conv', in: ['x', 'W'], out: ['c'], attrs: { kernel_shape: [3, 3], pads: [1, 1, 1, 1] } },
      { op: 'Relu', in: ['c'], out: ['r'] },
      { op: 'Conv', in: ['r', 'W2'], out: ['box'], attrs: { kernel_shape: [1, 1] } },
      { op: 'Conv', in: ['r', 'W3'], out: ['cls'], attrs: { kernel_shape: [1, 1] } },
    ],
    weights: { W: [8, 3, 3, 3], W2: [4, 8, 1, 1], W3: [10, 8, 1, 1] },
    outputs: ['box', 'cls'],
  });
  const imported = importFile('two-heads.onnx', bytes);
  if (!imported.ok) throw new Error(imported.error);
  await page.goto('./');
  await page.getByTestId('open-file-input').setInputFiles({
    name: 'two-heads.onnx',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from(bytes),
  });
  await expect(page.getByText(/imported as a graph/)).toBeVisible({ timeout: 20_000 });
  await expectTotals(page, imported.model);
  await openGraph(page, imported.model, undefined, true);
  const { v } = expected(imported.model);
  const outs = v.nodes.filter((n) => n.kind === 'output');
  expect(outs.map((o) => o.label)).toEqual(['box', 'cls']);
  for (const o of outs) await expect(node(page, o.id)).toBeVisible();
  await expect(node(page, 'out:box')).toContainText('4×32×32');
  await expect(node(page, 'out:cls')).toContainText('10×32×32');
  await page.screenshot({ path: 'docs/screenshots/graph-onnx-two-outputs.png' });
});

test('YOLOv8n, a detector with two heads: both outputs are nodes, and the detect head fans in from three scales', async ({
  page,
}) => {
  const model = preset('yolov8n');
  const { r, v } = expected(model);
  const scores = r.rows.find((x) => x.id === 'scores')!;
  await openGraph(page, model, scores.modelPath);
  await expect(page.getByTestId('graph-status')).toContainText(`${v.nodes.length} nodes · ${v.edges.length} edges`);
  // The selected cat (the scores head) is brought into view with both outputs below it.
  await expect(node(page, scores.path)).toHaveAttribute('data-selected', 'true');
  await expect(node(page, scores.path)).toContainText(scores.output!.join('×'));
  for (const o of r.outputs) await expect(node(page, `out:${o.name}`)).toContainText(o.shape!.join('×'));
  await page.screenshot({ path: 'docs/screenshots/graph-yolov8n.png' });
});

test('an edit that keeps the structure keeps the layout and redraws the changed numbers', async ({ page }) => {
  const model = preset('resnet50');
  await openGraph(page, model);
  const status = await page.getByTestId('graph-status').textContent();
  await selectRow(page, 'layers[0]');
  await field(page, 'layers[0]', 'out').fill('32');
  const edited = {
    ...model,
    layers: [{ ...model.layers[0], out: 32 }, ...model.layers.slice(1)],
  } as Model;
  const r = evaluateAll(edited);
  await expect(node(page, 'layers[0]')).toContainText('32×112×112');
  await expect(node(page, 'layers[0]')).toContainText(
    `${formatCount(r.rows[0].counts[r.conventions.indexOf('fvcore')], 'si')} MACs`,
  );
  await expect(node(page, 'layers[1]')).toContainText('32×112×112');
  // Same nodes and edges: the layout (and its time in the status line) is the one from before.
  await expect(page.getByTestId('graph-status')).toHaveText(status!);
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 375, height: 812 } });
  test('the graph is a section of the one column, and a tap selects a node', async ({ page }) => {
    await openGraph(page, preset('resnet18'));
    const panel = page.getByTestId('graph-panel');
    await panel.scrollIntoViewIfNeeded();
    await node(page, 'layers[0]').click();
    await expect(node(page, 'layers[0]')).toHaveAttribute('data-selected', 'true');
    await page.screenshot({ path: 'docs/screenshots/graph-phone.png' });
  });
});
