// @vitest-environment jsdom
/**
 * Issue 19: a notice already on screen follows a language switch (it used to stay in the language it
 * was made in). Both kinds: a state notice with its buttons (the other-tab question, built by
 * src/state/tabSync.ts) and an engine sentence (an edit the engine refuses).
 */
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NoticeBar } from '../../../src/ui/NoticeBar';
import { useLang, loadLanguage } from '../../../src/ui/i18n';
import { useEditor } from '../../../src/state/store';
import { otherTabNotice } from '../../../src/state/tabSync';
import { defaultSettings } from '../../../src/state/defaults';
import type { SavedState } from '../../../src/state/autosaveRecord';

// The Chinese tables are a chunk loaded on demand (src/ui/i18n/index.tsx loadLanguage).
beforeAll(() => loadLanguage('zh-CN'));

const theirs: SavedState = {
  model: { format: 'floplab.model/2', name: 'other', input: [3, 8, 8], layers: [{ type: 'relu' }, { type: 'relu' }] },
  settings: defaultSettings(),
  selection: null,
  collapsed: {},
  savedAt: new Date(2026, 0, 1, 9, 5).getTime(),
};
const noop = () => {};
const switchTo = (lang: 'en' | 'zh-CN') => act(() => useLang.getState().setLang(lang));
const buttons = () =>
  screen
    .getAllByRole('button')
    .map((b) => b.textContent)
    .filter((s) => s !== '✕');

afterEach(() => {
  cleanup();
  useEditor.getState().dismissNotice();
  useLang.setState({ lang: 'en' });
});

describe('a notice on screen follows the language', () => {
  it('a state notice and its buttons, both ways', () => {
    useLang.setState({ lang: 'en' });
    act(() => useEditor.getState().notify(otherTabNotice(theirs, true, { load: noop, keep: noop })));
    render(<NoticeBar />);
    const notice = screen.getByTestId('notice');
    expect(notice).toHaveTextContent(
      'Another FlopLab tab saved different work at 09:05 ("other", 2 top-level layers). This tab\'s changes are not autosaved until you choose.',
    );
    expect(buttons()).toEqual(["Load the other tab's", "Keep this tab's"]);

    switchTo('zh-CN');
    expect(screen.getByTestId('notice')).toHaveTextContent(
      '另一个 FlopLab 标签页在 09:05 保存了不同的工作（“other”，2 个顶层层）。在你做出选择之前，此标签页的修改不会自动保存。',
    );
    expect(buttons()).toEqual(['载入另一个标签页的版本', '保留此标签页的版本']);

    switchTo('en');
    expect(screen.getByTestId('notice')).toHaveTextContent('Another FlopLab tab saved different work at 09:05');
    expect(buttons()).toEqual(["Load the other tab's", "Keep this tab's"]);
  });

  it('an engine sentence made while the page was in English', () => {
    useLang.setState({ lang: 'en' });
    act(() => {
      useEditor
        .getState()
        .setModel({ format: 'floplab.model/2', name: 'm', input: [3, 8, 8], layers: [{ type: 'relu' }] });
      useEditor.getState().moveLayer('layers[0]', 1);
    });
    render(<NoticeBar />);
    expect(screen.getByTestId('notice')).toHaveTextContent('layers[0] is already last in its list');
    switchTo('zh-CN');
    expect(screen.getByTestId('notice')).toHaveTextContent('layers[0] 已经是所在列表的最后一层');
    expect(screen.getByTestId('notice')).not.toHaveTextContent('already');
  });
});
