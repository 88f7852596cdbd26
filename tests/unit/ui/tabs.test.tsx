// @vitest-environment jsdom
/** The shared tab bar (src/ui/Tabs.tsx): WAI-ARIA roles, roving focus and the arrow/Home/End keys. */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { Tabs } from '../../../src/ui/Tabs';

const TABS = ['a', 'b', 'c'] as const;

function Harness() {
  const [tab, setTab] = useState<(typeof TABS)[number]>('a');
  return (
    <Tabs tabs={TABS} value={tab} onChange={setTab} label="Demo" title={(k) => `Tab ${k}`} testId={(k) => `t-${k}`}>
      <p>panel {tab}</p>
    </Tabs>
  );
}

describe('Tabs', () => {
  afterEach(cleanup);
  it('marks the selected tab, links it to the panel and keeps only it in the tab order', () => {
    render(<Harness />);
    const a = screen.getByTestId('t-a');
    expect(screen.getByRole('tablist', { name: 'Demo' })).toBeTruthy();
    expect(a.getAttribute('aria-selected')).toBe('true');
    expect(a.tabIndex).toBe(0);
    expect(screen.getByTestId('t-b').tabIndex).toBe(-1);
    expect(screen.getByRole('tabpanel').getAttribute('aria-labelledby')).toBe(a.id);
  });

  it.each([
    ['ArrowRight', 'b'],
    ['ArrowLeft', 'c'],
    ['End', 'c'],
    ['Home', 'a'],
  ])('%s from the first tab opens and focuses tab %s', (key, to) => {
    render(<Harness />);
    fireEvent.keyDown(screen.getByTestId('t-a'), { key });
    expect(screen.getByRole('tabpanel').textContent).toBe(`panel ${to}`);
    expect(document.activeElement).toBe(screen.getByTestId(`t-${to}`));
  });

  it('ignores other keys and opens a tab on click', () => {
    render(<Harness />);
    fireEvent.keyDown(screen.getByTestId('t-a'), { key: 'x' });
    expect(screen.getByRole('tabpanel').textContent).toBe('panel a');
    fireEvent.click(screen.getByTestId('t-c'));
    expect(screen.getByRole('tabpanel').textContent).toBe('panel c');
  });
});
