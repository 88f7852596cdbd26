/**
 * The project's documentation (docs/*.md) inside the app, so the built site carries it (issue 19,
 * item 5). Loaded only when opened: the Markdown files come in as text through Vite's glob import
 * and are rendered with `marked`. The files are this repository's own; links between them open
 * here, links elsewhere open in a new tab, and "#…" links scroll within the page instead of
 * touching the address's hash (which holds the model: the live URL).
 */
import { marked } from 'marked';
import { useEffect, useMemo, useRef, type MouseEvent } from 'react';

const FILES = import.meta.glob('../../../docs/*.md', { query: '?raw', import: 'default', eager: true }) as Record<
  string,
  string
>;

/** name ("latency") → Markdown. */
export const DOCS: ReadonlyMap<string, string> = new Map(
  Object.entries(FILES).map(([path, text]) => [path.replace(/^.*\/([^/]+)\.md$/, '$1'), text]),
);

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/<[^>]+>/g, '')
    .replace(/[^\w\- ]+/g, '')
    .trim()
    .replace(/\s+/g, '-');

export default function DocsViewer({ doc, onDoc }: { doc: string; onDoc: (name: string) => void }) {
  const body = useRef<HTMLDivElement>(null);
  const html = useMemo(() => marked.parse(DOCS.get(doc) ?? `No document "${doc}".`, { async: false }), [doc]);
  useEffect(() => {
    // Headings get ids so "#section" links can scroll to them.
    for (const h of body.current?.querySelectorAll('h1, h2, h3, h4') ?? []) h.id = slug(h.textContent ?? '');
    body.current?.scrollTo({ top: 0 });
  }, [html]);

  const onClick = (e: MouseEvent<HTMLDivElement>) => {
    const a = (e.target as HTMLElement).closest('a');
    const href = a?.getAttribute('href');
    if (!a || !href) return;
    const other = /^(?:\.\.\/docs\/|docs\/|\.\/)?([\w-]+)\.md(#.*)?$/.exec(href);
    if (href.startsWith('#') || other) {
      e.preventDefault();
      if (other && DOCS.has(other[1])) onDoc(other[1]);
      const anchor = href.startsWith('#') ? href.slice(1) : other?.[2]?.slice(1);
      if (anchor) body.current?.querySelector(`[id="${CSS.escape(anchor)}"]`)?.scrollIntoView();
      return;
    }
    a.target = '_blank';
    a.rel = 'noreferrer';
  };

  return (
    <div className="flex min-h-0 flex-1 gap-4">
      <nav aria-label="Documents" className="w-40 shrink-0 space-y-1 text-sm">
        {[...DOCS.keys()].sort().map((name) => (
          <button
            key={name}
            type="button"
            aria-current={name === doc}
            className={`focus-ring block w-full rounded px-2 py-1 text-left ${name === doc ? 'bg-indigo-100 font-semibold dark:bg-indigo-900' : 'hover:bg-slate-100 dark:hover:bg-slate-700'}`}
            onClick={() => onDoc(name)}
            data-doc={name}
          >
            {name}.md
          </button>
        ))}
      </nav>
      {/* Generated from the repository's own Markdown at build time, never from user input. */}
      <div
        ref={body}
        className="docs-body min-h-0 flex-1 overflow-y-auto pr-2 text-sm leading-relaxed"
        data-testid="docs-body"
        onClick={onClick}
        dangerouslySetInnerHTML={{ __html: html }}
      />
    </div>
  );
}
