/**
 * Shape rules, errors and parameter counts of the layer kinds added for issue 2 part 4.
 * Shapes follow the PyTorch docs of each module (ConvTranspose2d: Hout = (Hin − 1)·stride −
 * 2·padding + dilation·(kernel − 1) + output_padding + 1; AdaptiveMaxPool2d: output = out;
 * Upsample: H·scale or size); parameters follow the modules' weights (nn.ConvTranspose2d weight
 * [Cin, Cout/g, Kh, Kw] + bias Cout; nn.PReLU num_parameters; LayerNorm γ, β per channel;
 * ConvNeXt layer_scale [C, 1, 1]).
 */
import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../../src/engine/evaluate';
import type { LayerSpec } from '../../../src/engine/format/model';

const one = (spec: LayerSpec, input: number[]) =>
  evaluateModel({ format: 'floplab.model/2', input, layers: [spec] }, { conventions: ['exact'] });

type Ok = [string, LayerSpec, number[], number[], number];
const SHAPES: Ok[] = [
  // DCGAN generator step: (8 − 1)·2 − 2 + (4 − 1) + 1 = 16; params 16·8·4·4 + 8.
  [
    'convtranspose2d ×2 (DCGAN)',
    { type: 'convtranspose2d', out: 8, kernel: 4, stride: 2, padding: 1 },
    [16, 8, 8],
    [8, 16, 16],
    2056,
  ],
  // output_padding resolves the stride ambiguity: (8 − 1)·2 − 2 + 2 + 1 + 1 = 16.
  [
    'convtranspose2d output_padding',
    { type: 'convtranspose2d', out: 4, kernel: 3, stride: 2, padding: 1, output_padding: 1, bias: false },
    [16, 8, 8],
    [4, 16, 16],
    16 * 4 * 9,
  ],
  // dilation 2: (5 − 1) + 2·2 + 1 = 9; groups 2: weight [4, 6/2, 3, 3].
  [
    'convtranspose2d dilated, grouped',
    { type: 'convtranspose2d', out: 6, kernel: 3, dilation: 2, groups: 2 },
    [4, 5, 5],
    [6, 9, 9],
    4 * 3 * 9 + 6,
  ],
  ['adaptivemaxpool2d to 2×3', { type: 'adaptivemaxpool2d', out: [2, 3] }, [8, 7, 7], [8, 2, 3], 0],
  ['layernorm on [C, H, W]: γ, β per channel', { type: 'layernorm' }, [96, 56, 56], [96, 56, 56], 192],
  ['layernorm on [F]', { type: 'layernorm' }, [768], [768], 1536],
  ['layernorm without affine', { type: 'layernorm', affine: false }, [96, 7, 7], [96, 7, 7], 0],
  ['prelu, one shared slope (nn.PReLU())', { type: 'prelu' }, [4, 3, 3], [4, 3, 3], 1],
  ['prelu, one slope per channel', { type: 'prelu', num_parameters: 4 }, [4, 3, 3], [4, 3, 3], 4],
  [
    'prelu, slopes [3] on the last dim (ONNX/Keras broadcast)',
    { type: 'prelu', num_parameters: 3, slopes: [3] },
    [6, 3],
    [6, 3],
    3,
  ],
  [
    'prelu, slopes [1, 5, 3] (Keras shared_axes=[1])',
    { type: 'prelu', num_parameters: 15, slopes: [1, 5, 3] },
    [4, 5, 3],
    [4, 5, 3],
    15,
  ],
  ['layerscale: C parameters', { type: 'layerscale' }, [96, 56, 56], [96, 56, 56], 96],
  ['upsample by 2', { type: 'upsample', scale: 2 }, [3, 5, 7], [3, 10, 14], 0],
  ['upsample to a size', { type: 'upsample', size: [9, 4], mode: 'bilinear' }, [3, 5, 7], [3, 9, 4], 0],
  ['channelshuffle keeps the shape', { type: 'channelshuffle', groups: 2 }, [116, 28, 28], [116, 28, 28], 0],
  ['softmax on a vector', { type: 'softmax' }, [1000], [1000], 0],
  ...[
    'relu6',
    'leakyrelu',
    'elu',
    'sigmoid',
    'tanh',
    'hardswish',
    'hardsigmoid',
    'silu',
    'gelu',
    'dropout',
    'identity',
  ].map((t): Ok => [`${t} keeps the shape, no parameters`, { type: t }, [5, 4, 3], [5, 4, 3], 0]),
];

describe('layer shapes and parameters', () => {
  it.each(SHAPES)('%s', (_n, spec, input, output, params) => {
    const r = one(spec, input);
    expect(r.rows[0].error).toBeUndefined();
    expect(r.output).toEqual(output);
    expect(r.totals.params).toBe(BigInt(params));
  });
});

const ERRORS: [string, LayerSpec, number[], string][] = [
  [
    'output_padding not below stride or dilation',
    { type: 'convtranspose2d', out: 4, kernel: 3, stride: 2, output_padding: 2 },
    [4, 5, 5],
    'output_padding 2 (height) must be smaller than the stride 2 or the dilation 1',
  ],
  [
    'transposed conv channels vs groups',
    { type: 'convtranspose2d', out: 6, kernel: 3, groups: 3 },
    [16, 5, 5],
    'input channels 16 are not divisible by groups 3',
  ],
  [
    'transposed conv output channels vs groups',
    { type: 'convtranspose2d', out: 5, kernel: 3, groups: 2 },
    [4, 5, 5],
    'output channels 5 are not divisible by groups 2',
  ],
  [
    'transposed conv cropping everything',
    { type: 'convtranspose2d', out: 4, kernel: 1, padding: 1 },
    [4, 1, 1],
    'output would be -1×-1',
  ],
  [
    'transposed conv on a vector',
    { type: 'convtranspose2d', out: 4, kernel: 3 },
    [10],
    'needs a [C, H, W] feature map, got [10]',
  ],
  [
    'prelu slopes vs channels',
    { type: 'prelu', num_parameters: 3 },
    [4, 2, 2],
    'num_parameters must be 1 or the input channels 4, got 3',
  ],
  [
    'prelu slopes that do not broadcast',
    { type: 'prelu', num_parameters: 4, slopes: [4] },
    [6, 3],
    'slopes [4] do not broadcast to the input [6, 3]',
  ],
  [
    'prelu slopes vs num_parameters',
    { type: 'prelu', num_parameters: 2, slopes: [3] },
    [6, 3],
    'num_parameters must be the slopes’ element count 3, got 2',
  ],
  [
    'channel shuffle groups',
    { type: 'channelshuffle', groups: 3 },
    [8, 2, 2],
    'input channels 8 are not divisible by groups 3',
  ],
  [
    'upsample with both scale and size',
    { type: 'upsample', scale: 2, size: 4 },
    [3, 2, 2],
    'exactly one of scale and size',
  ],
  ['upsample with neither', { type: 'upsample' }, [3, 2, 2], 'exactly one of scale and size'],
  ['dropout p above 1', { type: 'dropout', p: 1.5 }, [3, 2, 2], 'p must be between 0 and 1, got 1.5'],
  ['dropout p negative', { type: 'dropout', p: -0.1 }, [3, 2, 2], 'layers[0].p must be a finite number ≥ 0'],
  [
    'leakyrelu slope not a number',
    { type: 'leakyrelu', negative_slope: 'x' },
    [3, 2, 2],
    'layers[0].negative_slope must be a number',
  ],
  ['adaptive max pool on a vector', { type: 'adaptivemaxpool2d', out: 1 }, [10], 'needs a [C, H, W] feature map'],
  [
    'upsample scale not an integer',
    { type: 'upsample', scale: 1.5 },
    [3, 2, 2],
    'layers[0].scale must be a positive integer',
  ],
];

describe('layer errors name the numbers', () => {
  it.each(ERRORS)('%s', (_n, spec, input, message) => {
    const r = one(spec, input);
    expect(r.rows[0].error).toContain(message);
    expect(r.output).toBeNull();
  });
});
