/** 简体中文：模型库界面（与 en-presets.ts 同一组键）。预设的标题、说明和旋钮名称是模型库数据，保留英文。 */
import type { presetsEn } from './en-presets';

export const presetsZh: Readonly<Record<keyof typeof presetsEn, string>> = {
  'presets.button': '预设',
  'presets.open.title': '打开一个标准网络（ResNet、MobileNet、EfficientNet …）',
  'presets.dialog': '模型库预设',
  'presets.close': '关闭预设',
  'presets.loading': '正在加载模型库…',
  'presets.loadFailed': '无法加载模型库：{error}',

  'picker.search': '搜索预设',
  'picker.search.placeholder': '搜索：名称、系列、论文、年份',
  'picker.count': '{n} / {total} 个预设',
  'picker.help':
    '参数量与乘加运算 MACs（卷积 + 全连接的乘加，批大小 1，torchvision 的约定），按每个预设的输入由计算引擎统计；“核对”一栏把它们与 torchvision 的 num_params 和 _ops（GMACs）比较。',
  'picker.col.preset': '预设',
  'picker.col.input': '输入',
  'picker.col.params': '参数量',
  'picker.col.macs': 'MACs',
  'picker.col.check': '与 torchvision 核对',
  'picker.col.paper': '论文',
  'picker.noMatch': '没有与“{query}”匹配的预设。',
  'picker.load': '加载 {name}：{title}',
  'picker.refTitle': 'torchvision：{params} 个参数，{macs} 次 MACs（_ops {ops} G）',
  'picker.counting': '统计中…',
  'picker.noWeights': '无 torchvision 权重',
  'picker.diff.params': '参数量 {n}',
  'picker.diff.macs': 'MACs {n}',
  'picker.diff.errors': '{n} 行出错',

  'preset.label': '预设',
  'preset.loading': '正在加载预设 {name}…',
  'preset.unknown': '由预设“{name}”生成，但当前版本的 FlopLab 不认识这个预设。',
  'preset.definedAt': '定义输入为 {input}',
  'preset.knobs': '预设参数',
  'preset.edited': '该模型在生成后被修改过：调整参数会重新生成预设并替换这些修改（可用“撤销”找回）。',
  'preset.notes': '预设说明',
  'preset.notes.summary': '说明（{n}）',
  'knob.notNumber': '{label}：请输入数字',
  'knob.slider': '{label} 滑块',
  'knob.range': '{min}–{max}',
  'knob.rangeStep': '{min}–{max}，步长 {step}',
};
