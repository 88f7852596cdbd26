/**
 * Chinese for texts the engine writes in English and the UI shows as they are: each convention's
 * one-line summary and the presets' knob labels (issue 19: zh-CN left them in English). Keyed by the
 * convention id and by the English knob label; what is missing here stays English.
 */
import type { Convention } from '../../engine/conventions/types';
import type { Lang } from './index';

export const CONVENTION_SUMMARY_ZH: Readonly<Record<string, string>> = {
  seed: '文章的公式：卷积 2·K²·Cin·HoWo·Cout（无偏置时 − 1），全连接 (2I − 1)·O，ReLU 1，sigmoid 4',
  exact: '每个乘、加、比较和除法各计一次',
  torchvision: '卷积 + 全连接的乘加次数，不含偏置：torchvision 模型元数据所列的数',
  thop: '卷积/全连接乘加（不含偏置），BN 4·元素数，平均池化，PReLU；ReLU/最大池化/sigmoid 为 0',
  ptflops: '每张图的卷积/全连接乘加（含偏置），BN、ReLU 与池化——ReLU、池化与上采样计两次',
  fvcore: '卷积/全连接乘加（不含偏置），BN、层归一化、自适应平均池化、上采样；其余为 0',
  torch: '2 × （卷积 + 矩阵乘的乘加）；偏置、归一化、激活、池化与加法为 0',
  deepspeed: '2 × 卷积/全连接乘加 + 卷积偏置、BN、激活、池化（按输入元素数）；sigmoid/加法为 0',
  torchinfo: '卷积与全连接为参数量 × 输出位置数，归一化为 × 批大小；无参数的层与注意力为 0',
  'onnx-tool': 'ONNX 图按指令加权的乘加：BN 31，sigmoid 32，tanh 76，池化 K²，加法每元素 1',
  netscope: '对应 Caffe 层的 Netscope 计数器之和：macc、comp、add、div 与 exp',
};

const NO_GRAD_ZH = '；在 torch.no_grad() 下调用：nn.MultiheadAttention 的快速路径不可见（计 0）';

/** A convention's summary in the interface language (English where no translation is written). */
export function conventionSummary(c: Convention, lang: Lang): string {
  if (lang !== 'zh-CN') return c.summary;
  const base = CONVENTION_SUMMARY_ZH[c.noGradOf ?? c.id];
  if (!base) return c.summary;
  return c.noGradOf ? base + NO_GRAD_ZH : base;
}

export const KNOB_LABEL_ZH: Readonly<Record<string, string>> = {
  'Input resolution': '输入分辨率',
  Classes: '类别数',
  'Width multiplier α': '宽度系数 α',
  Depth: '深度',
  Width: '宽度',
  'Image size': '图像尺寸',
  'Growth rate k': '增长率 k',
  'Compound scaling (B0–B7)': '复合缩放（B0–B7）',
  'Aux classifier': '辅助分类器',
};

/** A preset knob's label in the interface language. */
export const knobLabel = (label: string, lang: Lang): string =>
  lang === 'zh-CN' ? (KNOB_LABEL_ZH[label] ?? label) : label;
