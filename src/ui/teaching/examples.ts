/**
 * The guided examples of the seed article (shared/seed, RaySue 2020; summarised in
 * shared/reference/conventions.md): each is a model (and for comparisons a model B) the
 * calculator opens, the convention and layer to show, and the tab to land on. Their texts are
 * in src/ui/i18n/examples.ts (en + zh-CN); tests/unit/teaching/examples.test.ts checks every
 * number the texts quote against the engine.
 */
import { MODEL_FORMAT, type LayerSpec, type Model, type Shape } from '../../engine/format/model';
import { presetByName } from '../../engine/presets';

export type ExampleId = 'fc' | 'group' | 'separable' | 'mac-flop' | 'activations' | 'resnet18' | 'devices';
export type TeachingTab = 'layer' | 'runtime' | 'conventions' | 'compare' | 'examples';

export interface GuidedExample {
  readonly id: ExampleId;
  readonly model: () => Model;
  /** Model B of the A/B view, for examples that compare two networks. */
  readonly compare?: () => Model;
  readonly convention: string;
  /** Layer to select (model path). */
  readonly select?: string;
  readonly tab: TeachingTab;
}

const model = (name: string, input: Shape, layers: LayerSpec[]): Model => ({
  format: MODEL_FORMAT,
  name,
  input: [...input],
  layers,
});

const seedResnet18 = (): Model => {
  const p = presetByName('seed_resnet18');
  // The preset exists in the zoo (src/engine/presets); an empty model would only show nothing.
  return p ? p.build() : model('ResNet-18', [3, 224, 224], []);
};

export const EXAMPLES: readonly GuidedExample[] = [
  {
    // VGG-16's first FC layer: 7·7·512 → 4096, 102,760,448 weights (the article's example).
    id: 'fc',
    model: () =>
      model('VGG-16 fc6', [512, 7, 7], [{ type: 'flatten' }, { type: 'linear', name: 'fc6', out: 4096, bias: false }]),
    convention: 'seed',
    select: 'layers[1]',
    tab: 'layer',
  },
  {
    // Group convolution: (Cin/g)·K²·(Cout/g)·g weights, 1/g of the standard conv.
    id: 'group',
    model: () =>
      model('Standard 3×3 conv', [64, 56, 56], [{ type: 'conv2d', out: 128, kernel: 3, padding: 1, bias: false }]),
    compare: () =>
      model(
        'Group conv, g = 4',
        [64, 56, 56],
        [{ type: 'conv2d', out: 128, kernel: 3, padding: 1, groups: 4, bias: false }],
      ),
    convention: 'seed',
    select: 'layers[0]',
    tab: 'compare',
  },
  {
    // Depthwise-separable vs standard: ratio 1/Cout + 1/(Kh·Kw) (bias left out, as the article does).
    id: 'separable',
    model: () =>
      model('Standard 3×3 conv', [32, 56, 56], [{ type: 'conv2d', out: 64, kernel: 3, padding: 1, bias: false }]),
    compare: () =>
      model(
        'Depthwise-separable',
        [32, 56, 56],
        [
          { type: 'conv2d', name: 'depthwise', out: 32, kernel: 3, padding: 1, groups: 32, bias: false },
          { type: 'conv2d', name: 'pointwise', out: 64, kernel: 1, bias: false },
        ],
      ),
    convention: 'torchvision',
    tab: 'compare',
  },
  {
    // MAC vs FLOP: the same conv under torchvision (MACs) and torch (FLOPs = 2·MACs).
    id: 'mac-flop',
    model: () => model('One conv', [64, 56, 56], [{ type: 'conv2d', out: 64, kernel: 3, padding: 1, bias: false }]),
    convention: 'torch',
    select: 'layers[0]',
    tab: 'conventions',
  },
  {
    // ReLU 1 per element, sigmoid 4 (negate, exp, add 1, reciprocal).
    id: 'activations',
    model: () =>
      model(
        'ReLU and sigmoid',
        [64, 56, 56],
        [
          { type: 'relu', name: 'relu' },
          { type: 'sigmoid', name: 'sigmoid' },
        ],
      ),
    convention: 'seed',
    select: 'layers[1]',
    tab: 'layer',
  },
  {
    // ResNet-18: the article's "1.8 G FLOPs" is the MAC count; shortcut adds on residual rows.
    id: 'resnet18',
    model: seedResnet18,
    convention: 'torchvision',
    tab: 'conventions',
  },
  {
    // Peak FLOPS of devices (src/engine/deploy/devices) and why a network never reaches them.
    id: 'devices',
    model: seedResnet18,
    convention: 'torch',
    tab: 'examples',
  },
];

export const exampleById = (id: string): GuidedExample | undefined => EXAMPLES.find((e) => e.id === id);
