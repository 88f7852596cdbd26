/**
 * A tab bar with one panel (WAI-ARIA tabs pattern): roving focus, ←/→ wrap around, Home/End jump,
 * the selected tab is the only one in the tab order. Used by the details region's teaching tabs
 * and by the charts region.
 */
import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface TabsProps<K extends string> {
  tabs: readonly K[];
  value: K;
  onChange: (tab: K) => void;
  /** Accessible name of the tab list. */
  label: string;
  /** Visible text of a tab. */
  title: (tab: K) => ReactNode;
  /** data-testid of a tab button. */
  testId: (tab: K) => string;
  /** Taller tabs (the details region) or compact ones (the charts header). */
  size?: 'normal' | 'small';
  panelClassName?: string;
  /** The open tab's content. */
  children: ReactNode;
}

const NEXT: Record<string, (i: number, n: number) => number> = {
  ArrowRight: (i) => i + 1,
  ArrowLeft: (i) => i - 1,
  Home: () => 0,
  End: (_, n) => n - 1,
};

export function Tabs<K extends string>(props: TabsProps<K>) {
  const { tabs, value, onChange, label, title, testId, size = 'normal', panelClassName, children } = props;
  const id = useId();
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const onKey = (e: KeyboardEvent) => {
    const step = NEXT[e.key];
    if (!step) return;
    e.preventDefault();
    const j = (step(tabs.indexOf(value), tabs.length) + tabs.length) % tabs.length;
    onChange(tabs[j]);
    buttons.current[j]?.focus();
  };
  return (
    <>
      <div
        role="tablist"
        aria-label={label}
        className={`${size === 'small' ? 'mb-2' : 'mb-3'} flex flex-wrap gap-x-0.5 border-b border-slate-200 dark:border-slate-700`}
        onKeyDown={onKey}
      >
        {tabs.map((k, i) => (
          <button
            key={k}
            ref={(el) => {
              buttons.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`${id}-${k}`}
            aria-selected={value === k}
            aria-controls={`${id}-panel`}
            tabIndex={value === k ? 0 : -1}
            data-testid={testId(k)}
            onClick={() => onChange(k)}
            className={`focus-ring -mb-px rounded-t-md border-b-2 px-2 ${size === 'small' ? 'py-0.5' : 'py-1'} text-sm font-medium ${
              value === k
                ? 'border-indigo-700 text-indigo-800 dark:border-indigo-300 dark:text-indigo-200'
                : 'border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white'
            }`}
          >
            {title(k)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-${value}`} className={panelClassName}>
        {children}
      </div>
    </>
  );
}
