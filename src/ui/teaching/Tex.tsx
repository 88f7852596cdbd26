/**
 * TeX rendered by KaTeX, loaded lazily: KaTeX and its CSS are fetched with a dynamic import the
 * first time a formula is shown, so the main bundle does not carry them. Until then (and if the
 * load fails) the TeX source is shown as text. The raw TeX stays in `data-tex` for tests.
 */
import { useEffect, useMemo, useState } from 'react';

interface KatexLike {
  renderToString(tex: string, opts: { throwOnError: boolean; displayMode?: boolean }): string;
}

let loading: Promise<KatexLike> | null = null;

export function loadKatex(): Promise<KatexLike> {
  loading ??= Promise.all([import('katex'), import('katex/dist/katex.min.css')]).then(
    ([mod]) => (mod as unknown as { default?: KatexLike }).default ?? (mod as unknown as KatexLike),
  );
  return loading;
}

/** The KaTeX module once loaded (null while loading or if it could not be loaded). */
export function useKatex(): KatexLike | null {
  const [katex, setKatex] = useState<KatexLike | null>(null);
  useEffect(() => {
    let alive = true;
    loadKatex().then(
      (k) => alive && setKatex(() => k),
      () => {
        loading = null; // a later mount may retry (network hiccup)
      },
    );
    return () => {
      alive = false;
    };
  }, []);
  return katex;
}

export function Tex({
  tex,
  katex,
  testId,
  className = '',
}: {
  tex: string;
  katex: KatexLike | null;
  testId?: string;
  className?: string;
}) {
  const html = useMemo(() => {
    if (!katex) return null;
    try {
      return katex.renderToString(tex, { throwOnError: false });
    } catch {
      return null;
    }
  }, [katex, tex]);
  return html ? (
    <span
      className={`tex ${className}`}
      data-tex={tex}
      data-testid={testId}
      // KaTeX output of our own TeX (built from numbers and fixed symbol names, no user text).
      dangerouslySetInnerHTML={{ __html: html }}
    />
  ) : (
    <code className={`font-mono text-xs break-all ${className}`} data-tex={tex} data-testid={testId}>
      {tex}
    </code>
  );
}
