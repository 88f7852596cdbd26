/**
 * Texts of the guided examples (src/ui/teaching/examples.ts), English and Simplified Chinese.
 * Every number quoted here is checked against the engine by tests/unit/teaching/examples.test.ts.
 * Sources: the seed article (shared/seed, RaySue 2020) and shared/reference/conventions.md.
 */
import type { ExampleId } from '../teaching/examples';
import type { Lang } from './index';

export interface ExampleText {
  readonly title: string;
  /** Short paragraphs; the first is the summary shown on the card. */
  readonly body: readonly string[];
}

export const EXAMPLE_TEXTS: Readonly<Record<Lang, Readonly<Record<ExampleId, ExampleText>>>> = {
  en: {
    fc: {
      title: 'Fully connected: 7×7×512 → 4096',
      body: [
        'VGG-16’s first fully connected layer takes the last 7×7×512 feature map, flattened, to 4096 units: 7·7·512·4096 = 102,760,448 weights (plus 4,096 biases when it has them).',
        'The article counts its FLOPs as (2I − 1)·O without bias: I multiplies and I − 1 adds for each output. No tool does this; the inspector says what each one counts instead.',
      ],
    },
    group: {
      title: 'Group convolution: parameters fall to 1/g',
      body: [
        'A group convolution splits the channels into g groups that do not see each other: (Cin/g)·Kh·Kw·(Cout/g)·g weights, 1/g of a standard convolution.',
        'A is a standard 3×3 conv 64 → 128; B the same with g = 4: 73,728 against 18,432 weights, a quarter. The MACs fall by the same factor.',
      ],
    },
    separable: {
      title: 'Depthwise-separable vs standard convolution',
      body: [
        'A depthwise-separable convolution is a depthwise Kh×Kw conv (one filter per channel, g = Cin) followed by a 1×1 pointwise conv.',
        'Its cost relative to the standard conv is (Kh·Kw·Cin + Cin·Cout) / (Kh·Kw·Cin·Cout) = 1/Cout + 1/(Kh·Kw). Here 1/64 + 1/9 ≈ 0.127: B needs about 7.9× fewer parameters and MACs than A.',
      ],
    },
    'mac-flop': {
      title: 'MAC vs FLOP, FLOPs vs FLOPS',
      body: [
        'A MAC (multiply-accumulate) is one multiply and one add: 1 MAC = 2 FLOPs. thop, fvcore, torchinfo and torchvision’s metadata print MACs; torch’s FlopCounterMode and DeepSpeed print FLOPs — the same conv shows twice the number.',
        'FLOPs (lower-case s, plural) is an amount of work, a property of the model. FLOPS (upper-case S) is floating-point operations per second, a speed of the hardware. Compare the conventions table: torchvision 115.6 M MACs, torch 231.2 M FLOPs for this 3×3 conv.',
      ],
    },
    activations: {
      title: 'ReLU and sigmoid costs',
      body: [
        'The article counts a ReLU as 1 operation per output element and a sigmoid as 4 (negate, exp, add 1, reciprocal): on a 64×56×56 map that is 200,704 and 802,816.',
        'It also suggests leaving activations out of totals, and most tools do: thop, fvcore, torch and torchinfo count 0 for both. Switch conventions and watch the count.',
      ],
    },
    resnet18: {
      title: 'ResNet-18: why “1.8 G” is a MAC count',
      body: [
        'The article adds up conv1 112·112·7·7·3·64, the four stages and fc 512·1000, then says “multiply by 2: 1.8 G FLOPs”.',
        'The engine counts 1,814,073,344 conv + fc multiply-accumulates (torchvision’s _ops 1.814): the 1.8 G is the MAC count. At 2 FLOPs per MAC the network is 3,628,146,688 FLOPs (torch’s FlopCounterMode), about 3.63 G.',
        '“Don’t forget the shortcut adds”: each residual row holds one add per output element. The seed and exact conventions count them; the PyTorch tools see `out += identity` and count 0.',
      ],
    },
    devices: {
      title: 'Device FLOPS: the speed limit a model never reaches',
      body: [
        'The peak FLOPS of a chip is cores × vector lanes × 2 (a fused multiply-add) × clock. Dividing a model’s FLOPs by it gives a lower bound on latency, never the latency.',
        'Real layers wait for memory (weights and activations must be moved), small layers cannot fill every lane, and depthwise and element-wise layers do little arithmetic per byte. MobileNet v1 (about 1.14 G FLOPs) would take 7.1 ms at the Pixel 4 CPU’s 161 GFLOPS peak; TFLite measures 14.0 ms there, about half of peak (shared/reference/latency-calibration.md).',
      ],
    },
  },
  'zh-CN': {
    fc: {
      title: '全连接层：7×7×512 → 4096',
      body: [
        'VGG-16 的第一个全连接层把最后的 7×7×512 特征图展平后映射到 4096 个单元：7·7·512·4096 = 102,760,448 个权重（有偏置时再加 4,096 个）。',
        '原文把不带偏置的全连接层 FLOPs 记为 (2I − 1)·O：每个输出 I 次乘法、I − 1 次加法。没有哪个工具这样算；检查器会说明每个工具实际怎么算。',
      ],
    },
    group: {
      title: '分组卷积：参数量降为 1/g',
      body: [
        '分组卷积把通道分成 g 组，组与组之间互不相连：权重数为 (Cin/g)·Kh·Kw·(Cout/g)·g，是标准卷积的 1/g。',
        'A 是 64 → 128 的标准 3×3 卷积；B 相同但 g = 4：权重 73,728 对 18,432，正好四分之一。MACs 按同样的比例下降。',
      ],
    },
    separable: {
      title: '深度可分离卷积与标准卷积',
      body: [
        '深度可分离卷积由一个 Kh×Kw 的逐通道卷积（每个通道一个滤波器，g = Cin）和一个 1×1 的逐点卷积组成。',
        '它与标准卷积的代价之比为 (Kh·Kw·Cin + Cin·Cout) / (Kh·Kw·Cin·Cout) = 1/Cout + 1/(Kh·Kw)。这里 1/64 + 1/9 ≈ 0.127：B 的参数量和 MACs 约为 A 的 1/7.9。',
      ],
    },
    'mac-flop': {
      title: 'MAC 与 FLOP，FLOPs 与 FLOPS',
      body: [
        '一次 MAC（乘加）是一次乘法加一次加法：1 MAC = 2 FLOPs。thop、fvcore、torchinfo 和 torchvision 的元数据给出的是 MACs；torch 的 FlopCounterMode 和 DeepSpeed 给出的是 FLOPs——同一个卷积，数字相差一倍。',
        'FLOPs（小写 s，复数）是计算量，是模型的属性；FLOPS（大写 S）是每秒浮点运算次数，是硬件的速度。看约定对比表：这个 3×3 卷积在 torchvision 下是 115.6 M MACs，在 torch 下是 231.2 M FLOPs。',
      ],
    },
    activations: {
      title: 'ReLU 与 sigmoid 的计算量',
      body: [
        '原文把 ReLU 记为每个输出元素 1 次运算，sigmoid 记为 4 次（取负、exp、加 1、取倒数）：在 64×56×56 的特征图上分别是 200,704 和 802,816。',
        '原文也建议总计时忽略激活函数，多数工具正是如此：thop、fvcore、torch 和 torchinfo 对两者都记 0。切换约定看看计数的变化。',
      ],
    },
    resnet18: {
      title: 'ResNet-18：为什么“1.8 G”其实是 MAC 数',
      body: [
        '原文把 conv1 的 112·112·7·7·3·64、四个阶段和 fc 的 512·1000 相加，然后说“乘以 2：1.8 G FLOPs”。',
        '引擎算出卷积和全连接共 1,814,073,344 次乘加（torchvision 的 _ops 为 1.814）：1.8 G 是 MAC 数。按 1 MAC = 2 FLOPs，整个网络是 3,628,146,688 FLOPs（torch 的 FlopCounterMode），约 3.63 G。',
        '“别忘了 shortcut 的加法”：每个残差行记录每个输出元素一次加法。seed 和 exact 约定会计入；PyTorch 工具看到的是 `out += identity`，记为 0。',
      ],
    },
    devices: {
      title: '设备 FLOPS：模型永远达不到的速度上限',
      body: [
        '芯片的峰值 FLOPS = 核数 × 向量宽度 × 2（一次乘加）× 主频。用模型的 FLOPs 除以它，得到的是延迟的下界，而不是延迟本身。',
        '实际的层要等待内存（权重和激活值都要搬运），小层填不满所有计算单元，逐通道卷积和逐元素层每字节的运算量很少。MobileNet v1（约 1.14 G FLOPs）在 Pixel 4 CPU 161 GFLOPS 的峰值下需要 7.1 ms；TFLite 实测为 14.0 ms，约为峰值的一半（shared/reference/latency-calibration.md）。',
      ],
    },
  },
};
