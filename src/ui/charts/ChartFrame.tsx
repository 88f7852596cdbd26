/** A titled chart panel with PNG and SVG download buttons and an optional toolbar. */
import { useRef, useState, type ReactNode } from 'react';
import { Button } from '../controls';
import { chartSvg, downloadPng, downloadSvg } from './download';
import { useT } from '../i18n';

export function ChartFrame({
  id,
  title,
  subtitle,
  toolbar,
  children,
  height = 240,
}: {
  /** File name stem and test id: `chart-${id}`. */
  id: string;
  title: ReactNode;
  subtitle?: ReactNode;
  toolbar?: ReactNode;
  children: ReactNode;
  height?: number;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const t = useT();
  const withSvg = (f: (svg: SVGSVGElement) => void | Promise<void>) => async () => {
    const svg = chartSvg(box.current);
    if (!svg) return setProblem(t('chart.nothingYet'));
    try {
      setProblem(null);
      await f(svg);
    } catch (err) {
      setProblem((err as Error).message);
    }
  };
  return (
    <section
      aria-labelledby={`chart-${id}-title`}
      data-testid={`chart-${id}`}
      className="rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-700 dark:bg-slate-900"
    >
      <header className="mb-2 flex flex-wrap items-center gap-2">
        <h3 id={`chart-${id}-title`} className="text-sm font-semibold text-slate-800 dark:text-slate-100">
          {title}
        </h3>
        {subtitle && <span className="text-xs text-slate-600 dark:text-slate-300">{subtitle}</span>}
        <div className="ml-auto flex flex-wrap items-center gap-2">
          {toolbar}
          <Button
            small
            onClick={withSvg((svg) => downloadPng(svg, `floplab-${id}`))}
            aria-label={t('chart.download', { id, format: 'PNG' })}
          >
            PNG
          </Button>
          <Button
            small
            onClick={withSvg((svg) => downloadSvg(svg, `floplab-${id}`))}
            aria-label={t('chart.download', { id, format: 'SVG' })}
          >
            SVG
          </Button>
        </div>
      </header>
      {problem && (
        <p role="alert" className="text-xs text-red-700 dark:text-red-300">
          {problem}
        </p>
      )}
      <div ref={box} style={{ height }} className="w-full">
        {children}
      </div>
    </section>
  );
}

/** Linear / log toggle used by the per-layer charts. */
export function ScaleToggle({ value, onChange }: { value: 'linear' | 'log'; onChange: (v: 'linear' | 'log') => void }) {
  const t = useT();
  return (
    <Button
      small
      variant={value === 'log' ? 'primary' : 'default'}
      aria-pressed={value === 'log'}
      onClick={() => onChange(value === 'log' ? 'linear' : 'log')}
    >
      {t('chart.logScale')}
    </Button>
  );
}
