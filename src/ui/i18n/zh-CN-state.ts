/** 简体中文：自动保存、链接、多个标签页与安全模式的提示（键与 src/state/messages.ts 相同）。 */
import type { StateMessageKey } from '../../state/messages';

export const stateZh: Readonly<Record<StateMessageKey, string>> = {
  'state.storageFull': '自动保存失败：浏览器存储已满。请复制分享链接或导出模型以保留这份工作。',
  'state.storageBlocked': '自动保存失败：此浏览器不允许 FlopLab 存储数据。请复制分享链接以保留这份工作。',
  'state.notAutosaved': '未自动保存：{reason}。上一次的自动保存仍保留；请撤销或导出此模型。',
  'state.badLink': '{reason} 你自动保存的模型已保留。',
  'state.sharedOpened': '已打开共享的模型。你自动保存的模型仍保留。',
  'state.sharedOpenedWarning': '已打开共享的模型（{warning}）。你自动保存的模型仍保留。',
  'state.openAutosaved': '打开我自动保存的模型',
  'state.unreadable': '无法恢复你的自动保存：{reason}。它保存在“已保存的副本”中。',
  'state.unreadable.lastGood': '最近一次正常的副本保存于 {time}。',
  'state.unreadable.new': '从新模型开始。',
  'state.openLastGood': '打开最近一次正常的副本',
  'state.savedCopies': '已保存的副本…',
  'state.safeMode':
    'FlopLab 上次没有完成打开你的模型（{model}；标签页可能已崩溃），因此这次没有再打开它。它保存在“已保存的副本”中。',
  'state.safeMode.lastGood': '现在显示的是 {time} 的最近一次正常的副本。',
  'state.safeMode.new': '现在显示的是一个新模型。',
  'state.safeMode.paused': '自动保存已暂停，以免覆盖它。',
  'state.openAnyway': '仍然打开',
  'state.otherTab.unsaved':
    '另一个 FlopLab 标签页在 {time} 保存了不同的工作（{model}）。在你做出选择之前，此标签页的修改不会自动保存。',
  'state.otherTab.changed': '这份工作已在另一个 FlopLab 标签页中于 {time} 修改（{model}）。',
  'state.loadOtherTab': '载入另一个标签页的版本',
  'state.keepThisTab': '保留此标签页的版本',
  'state.model1': '“{name}”，1 个顶层层',
  'state.model': '“{name}”，{n} 个顶层层',
  'state.untitled': '未命名',
  'state.unknownTime': '未知时间',
};
