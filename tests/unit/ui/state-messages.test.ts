// The state side's notices (src/state/messages.ts) follow the interface language: the UI's
// i18n module registers its translator when it loads, so safe mode, the other-tab question and
// the autosave notices read in Chinese when the page is in Chinese (issue 19: no English left in zh-CN).
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useLang, loadLanguage } from '../../../src/ui/i18n';
import { safeModeNotice } from '../../../src/state/safeMode';
import { otherTabNotice } from '../../../src/state/tabSync';
import { msg, sentences } from '../../../src/state/messages';
import type { SavedState } from '../../../src/state/autosaveRecord';
import { defaultSettings } from '../../../src/state/defaults';

// The Chinese tables are a chunk loaded on demand (src/ui/i18n/index.tsx loadLanguage).
beforeAll(() => loadLanguage('zh-CN'));

const saved = (name: string, layers: number): SavedState => ({
  model: {
    format: 'floplab.model/2',
    name,
    input: [3, 8, 8],
    layers: Array.from({ length: layers }, () => ({ type: 'relu' })),
  },
  settings: defaultSettings(),
  selection: null,
  collapsed: {},
  savedAt: new Date(2026, 0, 1, 9, 5).getTime(),
});
const noop = () => {};

afterEach(() => useLang.setState({ lang: 'en' }));

describe('state notices in the interface language', () => {
  it.each([
    [
      'en',
      'FlopLab did not finish opening your model last time ("crasher", 6 top-level layers; the tab may have crashed), so it was not opened again. It is kept under Saved copies. Showing your last good copy from 09:05.',
      ['Open it anyway', 'Saved copies…'],
    ],
    [
      'zh-CN',
      'FlopLab 上次没有完成打开你的模型（“crasher”，6 个顶层层；标签页可能已崩溃），因此这次没有再打开它。它保存在“已保存的副本”中。现在显示的是 09:05 的最近一次正常的副本。',
      ['仍然打开', '已保存的副本…'],
    ],
  ] as const)('safe mode, %s', (lang, text, labels) => {
    useLang.setState({ lang });
    const n = safeModeNotice(saved('crasher', 6), saved('yesterday', 2), false, noop, noop);
    expect(n.text).toBe(text);
    expect([n.action?.label, ...(n.actions ?? []).map((a) => a.label)]).toEqual(labels);
  });

  it('the other-tab question in Chinese', () => {
    useLang.setState({ lang: 'zh-CN' });
    const n = otherTabNotice(saved('', 1), true, { load: noop, keep: noop });
    expect(n.text).toBe(
      '另一个 FlopLab 标签页在 09:05 保存了不同的工作（“未命名”，1 个顶层层）。在你做出选择之前，此标签页的修改不会自动保存。',
    );
    expect(n.actions?.map((a) => a.label)).toEqual(['载入另一个标签页的版本', '保留此标签页的版本']);
  });

  it('sentences are joined with a space after an English stop and with nothing after a Chinese one', () => {
    expect(sentences('One.', '', 'Two.')).toBe('One. Two.');
    expect(sentences('一。', '二。')).toBe('一。二。');
    useLang.setState({ lang: 'zh-CN' });
    expect(msg('state.unreadable.new')).toBe('从新模型开始。');
  });
});
