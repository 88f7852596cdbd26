/**
 * The PyTorch writer on graph models (pytorch-graph.ts): the forward names each value, reads each
 * `from` as the evaluator does (the latest definition before the layer), writes joins as torch
 * calls, takes several inputs and returns several outputs, keeps plain blocks as modules, and
 * refuses a layer it cannot write, naming it. Real PyTorch runs every preset's file in
 * scripts/check-pytorch-export.py (CI has no Python); these tests pin the code's structure.
 */
import { describe, expect, it } from 'vitest';
import { modelToPytorch } from '../../../src/engine/export/pytorch';
import type { LayerSpec, Model } from '../../../src/engine/format/model';
import { PRESETS } from '../../../src/engine/presets';
import { tokenizePython } from './python-parse';

const code = (m: Model): string => {
  const r = modelToPytorch(m);
  if (!r.ok) throw new Error(r.error);
  tokenizePython(r.code);
  return r.code;
};
/** The Net's forward: its lines from `def forward` to the return, unindented. */
const forwardOf = (src: string): string[] => {
  const net = src.slice(src.indexOf('class Net('));
  const lines = net.slice(net.indexOf('    def forward(')).split('\n');
  return lines.slice(0, lines.findIndex((l) => l.startsWith('        return')) + 1).map((l) => l.trim());
};
const graph = (layers: LayerSpec[], extra: Partial<Model> = {}): Model => ({
  format: 'floplab.model/2',
  ...(extra.inputs ? {} : { input: [3, 8, 8] }),
  layers,
  ...extra,
});

describe('PyTorch export of graph models', () => {
  it('a fork, a join, two inputs and two outputs: one named value per layer', () => {
    const src = code({
      format: 'floplab.model/2',
      name: 'tiny graph',
      inputs: [
        { name: 'image', shape: [3, 8, 8] },
        { name: 'mask', shape: [1, 8, 8] },
      ],
      outputs: ['head', 'side'],
      layers: [
        { type: 'conv2d', out: 4, kernel: 3, padding: 1, name: 'stem', id: 'stem' },
        { type: 'relu', id: 'a' },
        { type: 'conv2d', out: 4, kernel: 1, from: 'stem', name: 'branch' },
        { type: 'add', from: ['a', -1] },
        { type: 'cat', from: [-1, 'mask'], id: 'side' },
        { type: 'conv2d', out: 2, kernel: 1, name: 'head', id: 'head' },
      ],
    });
    expect(forwardOf(src)).toEqual([
      'def forward(self, image, mask):',
      'x1 = self.stem(image)',
      'x2 = self.a(x1)', // an unnamed layer's attribute is its id
      'x3 = self.branch(x1)',
      'x4 = x2 + x3',
      'x5 = torch.cat([x4, mask], 1)',
      'x6 = self.head(x5)',
      'return x6, x5',
    ]);
    expect(src).toContain('        self.stem = nn.Conv2d(3, 4, kernel_size=3, padding=1)  # stem\n');
    expect(src).toContain('        self.head = nn.Conv2d(5, 2, kernel_size=1)  # head\n');
    expect(src).toContain('# Inputs: image [1, 3, 8, 8] (N, C, H, W), mask [1, 1, 8, 8] (N, C, H, W).');
    expect(src).toContain(
      'print([o.shape for o in net(torch.randn(1, 3, 8, 8), torch.randn(1, 1, 8, 8))])  # [1, 2, 8, 8], [1, 5, 8, 8]',
    );
  });

  it('reads the latest definition of an id, as the evaluator does (a later id shadows an earlier one)', () => {
    const src = code(
      graph([
        { type: 'relu', id: 't' },
        { type: 'sigmoid', id: 't' },
        { type: 'tanh' },
        { type: 'mul', from: ['t', -1] },
      ]),
    );
    expect(forwardOf(src).slice(1)).toEqual([
      'x1 = self.t(x)',
      'x2 = self.t_2(x1)',
      'x3 = self.tanh(x2)',
      'x4 = x2 * x3',
      'return x4',
    ]);
  });

  it('keeps a plain block a module and writes out a block wired by name inside', () => {
    const src = code(
      graph([
        { type: 'conv2d', out: 4, kernel: 1, id: 'c' },
        { type: 'residual', name: 'plain', body: [{ type: 'conv2d', out: 4, kernel: 3, padding: 1 }] },
        {
          type: 'residual',
          body: [
            { type: 'relu', id: 'r' },
            { type: 'add', from: ['r', 'c'] },
          ],
        },
      ]),
    );
    expect(src).toContain('self.plain = Residual(');
    expect(forwardOf(src).slice(1)).toEqual([
      // Unnamed layers take their id, else their type, as the attribute.
      'x1 = self.c(x)',
      'x2 = self.plain(x1)',
      'x3 = self.r(x2)',
      'x4 = x3 + x1',
      'x5 = x4 + x2',
      'return x5',
    ]);
  });

  it('names repeat iterations and parameters, and einsum gets a batch letter', () => {
    const src = code(
      graph(
        [
          { type: 'parameter', shape: [4, 6], name: 'table', id: 'w' },
          {
            type: 'repeat',
            times: 2,
            from: 'x',
            body: [
              { type: 'linear', out: 6, name: 'blocks.{i}.fc', id: 'h' },
              { type: 'einsum', equation: 'ad,bd->ab', from: ['h', 'w'] },
            ],
          },
        ],
        { inputs: [{ name: 'x', shape: [5, 6] }] },
      ),
    );
    expect(src).toContain('self.table = nn.Parameter(torch.zeros(1, 4, 6))  # table');
    expect(forwardOf(src)).toEqual([
      'def forward(self, x):',
      'x1 = self.table.expand(x.shape[0], -1, -1)',
      'x2 = self.blocks_0_fc(x)',
      'x3 = torch.einsum("cad,cbd->cab", x2, x1)',
      'x4 = self.blocks_1_fc(x3)',
      'x5 = torch.einsum("cad,cbd->cab", x4, x1)',
      'return x5',
    ]);
  });

  it('YOLOv8n: the neck concatenates the upsampled map with the backbone’s P4 (model.6), returns boxes and scores', () => {
    const src = code((PRESETS.find((p) => p.name === 'yolov8n') as (typeof PRESETS)[number]).build());
    const fwd = forwardOf(src);
    const varOf = (call: string) => (fwd.find((l) => l.includes(`= self.${call}(`)) as string).split(' ')[0];
    const up = varOf('model_10');
    const p4 = varOf('model_6_cv2_act');
    const cat = fwd.find((l) => l.endsWith(`= torch.cat([${up}, ${p4}], 1)`)) as string;
    expect(cat).toBeDefined();
    expect(fwd).toContain(`${varOf('model_12_cv1_conv')} = self.model_12_cv1_conv(${cat.split(' ')[0]})`);
    expect(fwd.at(-1)).toBe(
      `return ${(fwd.find((l) => l.includes('torch.cat') && l.endsWith('], -1)')) as string).split(' ')[0]}, ${
        fwd.filter((l) => l.endsWith('], -1)'))[1].split(' ')[0]
      }`,
    );
  });

  it('refuses a layer it has no module for, naming it, instead of writing a wrong network', () => {
    const r = modelToPytorch(
      graph([
        { type: 'relu', id: 'a' },
        { type: 'compare', op: 'gt', from: ['a', 'input'], name: 'gt' },
      ]),
    );
    expect(r).toEqual({ ok: false, error: 'layers[1] (gt): no PyTorch module for layer type compare' });
  });

  it('refuses a model whose evaluation has an error, with the row’s message', () => {
    const r = modelToPytorch(graph([{ type: 'relu' }, { type: 'add', from: ['nope', -1] }]));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^layers\[1\]: .*nope/);
  });

  it('makes attribute names Python identifiers: no keyword, no nn.Module attribute, no leading digit, each once', () => {
    const src = code(
      graph([
        { type: 'relu', name: 'forward', id: 'f' },
        { type: 'relu', name: '1st\nblock.\u2028x' },
        { type: 'relu', name: 'class' },
        { type: 'relu', name: 'forward' },
        { type: 'add', from: ['f', -1] },
      ]),
    );
    expect(forwardOf(src).slice(1, 5)).toEqual([
      'x1 = self.forward_2(x)',
      'x2 = self.layer_1st_block_x(x1)',
      'x3 = self.class_2(x2)',
      'x4 = self.forward_3(x3)',
    ]);
  });

  it.each([
    ['layers not a list', { format: 'floplab.model/2', input: [3], outputs: ['a'], layers: 5 }],
    ['null', null],
    [
      'an output naming nothing',
      { format: 'floplab.model/2', input: [3], outputs: ['zz'], layers: [{ type: 'relu' }] },
    ],
  ])('never throws on a malformed graph document (%s): a reason instead', (_n, doc) => {
    const r = modelToPytorch(doc as unknown as Model);
    expect(r.ok).toBe(false);
  });
});
