// @vitest-environment jsdom
/**
 * The Export menu's actions (src/ui/io/exportActions.ts): file names, the downloaded bytes equal
 * the engine exporters' output (src/engine/export, tested on their own in tests/unit/io), and the
 * printable summary's DOM carries the table and totals of layerTable (no scripts, no HTML string).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exportModel, fileBase, renderSummary } from '../../../src/ui/io/exportActions';
import {
  layerTable,
  modelToCsv,
  modelToJson,
  modelToMarkdown,
  modelToOnnx,
  modelToPrototxt,
  modelToPytorch,
} from '../../../src/engine/export';
import { starterModel } from '../../../src/state/defaults';
import type { Model } from '../../../src/engine/format/model';

/** Captures what saveFile hands to <a download>. */
function captureDownloads() {
  const saved: { name: string; blob: Blob }[] = [];
  const blobs = new Map<string, Blob>();
  let n = 0;
  vi.stubGlobal('URL', {
    ...URL,
    createObjectURL: (b: Blob) => {
      const url = `blob:test/${++n}`;
      blobs.set(url, b);
      return url;
    },
    revokeObjectURL: () => {},
  });
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.push({ name: this.download, blob: blobs.get(this.getAttribute('href') ?? '')! });
  });
  return saved;
}

/** jsdom's Blob has no text()/arrayBuffer(); its FileReader reads it. */
const readBlob = (b: Blob, as: 'text' | 'buffer') =>
  new Promise<string | ArrayBuffer>((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(r.result as string | ArrayBuffer);
    r.onerror = () => reject(r.error);
    if (as === 'text') r.readAsText(b);
    else r.readAsArrayBuffer(b);
  });

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('fileBase', () => {
  it.each([
    ['Small CNN', 'Small-CNN'],
    ['  resnet18 (torchvision) ', 'resnet18-torchvision'],
    ['../../etc/passwd', 'etc-passwd'],
    ['', 'model'],
    ['中文模型', 'model'],
  ])('%j → %j', (name, want) => {
    expect(fileBase({ ...starterModel(), name } as Model)).toBe(want);
  });
});

describe('exportModel downloads exactly what the engine exporters produce', () => {
  const model = starterModel();
  const text = (r: { ok: true; text: string } | { ok: false; error: string }) => (r.ok ? r.text : r.error);
  const code = modelToPytorch(model);
  const proto = modelToPrototxt(model);
  it.each([
    ['json', 'Small-CNN.json', modelToJson(model)],
    ['csv', 'Small-CNN.thop.csv', text(modelToCsv(model, { convention: 'thop' }))],
    ['markdown', 'Small-CNN.thop.md', text(modelToMarkdown(model, { convention: 'thop' }))],
    ['pytorch', 'Small-CNN.py', code.ok ? code.code : code.error],
    ['prototxt', 'Small-CNN.prototxt', proto.ok ? proto.text : proto.error],
  ] as const)('%s → %s', async (kind, filename, want) => {
    const saved = captureDownloads();
    const out = await exportModel(kind, model, 'thop');
    expect(out).toEqual({ ok: true, filename, warnings: [] });
    expect(saved.map((s) => s.name)).toEqual([filename]);
    expect(await readBlob(saved[0].blob, 'text')).toBe(want);
  });

  it('prototxt: layers Netscope does not analyse and left-out training heads are reported', async () => {
    const saved = captureDownloads();
    const m: Model = {
      ...model,
      layers: [
        ...model.layers.slice(0, 3),
        { type: 'sigmoid' },
        { type: 'aux', body: [{ type: 'flatten' }, { type: 'linear', out: 2 }] },
        ...model.layers.slice(3),
      ],
    };
    const want = modelToPrototxt(m);
    if (!want.ok) throw new Error(want.error);
    expect(want.unknown).toEqual(['layers[3]']);
    expect(want.skipped).toEqual(['layers[4]']);
    const out = await exportModel('prototxt', m, 'netscope');
    expect(out).toEqual({
      ok: true,
      filename: 'Small-CNN.prototxt',
      warnings: [
        'no Caffe layer Netscope analyses (Netscope shows "Unknown Layer"): layers[3]',
        'training-only heads left out: layers[4]',
      ],
    });
    expect(await readBlob(saved[0].blob, 'text')).toBe(want.text);
  });

  it('prototxt of a model with an error: the error, nothing downloaded', async () => {
    const saved = captureDownloads();
    const out = await exportModel('prototxt', { ...model, layers: [{ type: 'conv2d', out: 0, kernel: 3 }] }, 'thop');
    expect(out.ok).toBe(false);
    expect(saved).toEqual([]);
  });

  it('an unknown convention is an error, and nothing is downloaded', async () => {
    const saved = captureDownloads();
    const out = await exportModel('csv', model, 'no-such-tool');
    expect(out).toEqual({ ok: false, error: 'unknown convention "no-such-tool"' });
    expect(saved).toEqual([]);
  });

  it("ONNX: the writer's bytes, unchanged", async () => {
    const saved = captureDownloads();
    const out = await exportModel('onnx', model, 'thop');
    expect(out.ok && out.filename).toBe('Small-CNN.onnx');
    const want = modelToOnnx(model);
    if (!want.ok) throw new Error(want.error);
    expect(new Uint8Array((await readBlob(saved[0].blob, 'buffer')) as ArrayBuffer)).toEqual(
      new Uint8Array(want.bytes),
    );
  });
});

describe('renderSummary', () => {
  it('builds the header list, one row per evaluated layer and the totals row, without scripts', () => {
    const model = starterModel();
    const r = layerTable(model, { convention: 'fvcore' });
    if (!r.ok) throw new Error(r.error);
    const doc = document.implementation.createHTMLDocument('x');
    renderSummary(doc, r.table);
    expect(doc.title).toBe('Small CNN — FlopLab summary');
    expect([...doc.querySelectorAll('dt')].map((e) => e.textContent)).toEqual(r.table.header.map((h) => h.label));
    expect(doc.querySelectorAll('tbody tr')).toHaveLength(r.table.rows.length);
    const totals = [...doc.querySelectorAll('tfoot td')].map((e) => e.textContent);
    const params = r.table.result.totals.params.toString();
    expect(totals[0]).toBe('Total');
    expect(totals[4]).toBe(params.replace(/\B(?=(\d{3})+(?!\d))/g, ','));
    expect(doc.querySelectorAll('script, style')).toHaveLength(0);
  });
});
