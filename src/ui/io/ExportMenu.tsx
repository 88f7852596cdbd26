/**
 * The Export menu: model JSON, the per-layer table as CSV or Markdown (in the selected
 * convention), PyTorch code, an ONNX graph, a Caffe prototxt (for Netscope), and a printable summary. A menu button with
 * arrow-key navigation; Escape or a click elsewhere closes it. Chart images are saved from
 * each chart's own buttons (src/ui/charts).
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useEditor } from '../../state/store';
import { showSavedCopies } from '../../state/savedCopies';
import { conventionById } from '../../engine/conventions/registry';
import { Button } from '../controls';
import { exportModel, openPrintableSummary, type ExportKind, type ExportOutcome } from './exportActions';
import { localizeNow, t as tr, useT, type T } from '../i18n';
import { liveText } from '../../state/messages';

interface Item {
  readonly id: ExportKind | 'print' | 'copies';
  readonly label: string;
  readonly hint: string;
}

/** The menu's width, w-80. */
const MENU_WIDTH_PX = 320;

const itemsFor = (t: T, name: string): readonly Item[] => [
  { id: 'json', label: t('export.json'), hint: t('export.json.hint') },
  { id: 'csv', label: t('export.csv'), hint: t('export.csv.hint', { name }) },
  { id: 'markdown', label: t('export.markdown'), hint: t('export.markdown.hint', { name }) },
  { id: 'pytorch', label: t('export.pytorch'), hint: t('export.pytorch.hint') },
  { id: 'onnx', label: t('export.onnx'), hint: t('export.onnx.hint') },
  { id: 'prototxt', label: t('export.prototxt'), hint: t('export.prototxt.hint') },
  { id: 'print', label: t('export.print'), hint: t('export.print.hint') },
  { id: 'copies', label: t('copies.menu'), hint: t('copies.menu.hint') },
];

export function ExportMenu() {
  const [open, setOpen] = useState(false);
  // The menu hangs from the button's right edge, unless the button sits too far left for its
  // 20rem (a wrapped header on a phone, or a wide interface font): then from its left edge.
  const [fromLeft, setFromLeft] = useState(false);
  const toggle = (next: boolean) => {
    if (next) setFromLeft((root.current?.getBoundingClientRect().right ?? Infinity) < MENU_WIDTH_PX + 8);
    setOpen(next);
  };
  const [busy, setBusy] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const convention = useEditor((s) => s.settings.convention);
  const t = useT();
  const items = itemsFor(t, conventionById(convention)?.name ?? convention);

  useEffect(() => {
    if (!open) return;
    root.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const away = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', away);
    return () => document.removeEventListener('mousedown', away);
  }, [open]);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) root.current?.querySelector<HTMLElement>('[aria-haspopup="menu"]')?.focus();
  };

  const run = async (id: Item['id']) => {
    close(true);
    if (id === 'copies') return showSavedCopies();
    const { model, settings, notify } = useEditor.getState();
    setBusy(true);
    let out: ExportOutcome;
    try {
      out =
        id === 'print'
          ? await openPrintableSummary(model, settings.convention)
          : await exportModel(id, model, settings.convention);
    } finally {
      setBusy(false);
    }
    if (!out.ok) {
      const error = out.error;
      notify({ kind: 'error', ...liveText(() => tr('export.failed', { error: localizeNow(error) })) });
    } else if (out.warnings.length) {
      const done = out;
      notify({
        kind: 'info',
        ...liveText(() =>
          tr('export.savedNote', { file: done.filename, notes: done.warnings.map(localizeNow).join('; ') }),
        ),
      });
    }
  };

  const onMenuKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const all = [...(root.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const i = all.indexOf(document.activeElement as HTMLElement);
    const go = (j: number) => all[(j + all.length) % all.length]?.focus();
    if (e.key === 'ArrowDown') go(i + 1);
    else if (e.key === 'ArrowUp') go(i - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(all.length - 1);
    else if (e.key === 'Escape') close(true);
    else if (e.key === 'Tab') return setOpen(false);
    else return;
    e.preventDefault();
  };

  return (
    <div ref={root} className="relative">
      <Button
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls="export-menu"
        disabled={busy}
        onClick={() => toggle(!open)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault();
            toggle(true);
          }
        }}
        title={t('export.title')}
      >
        {busy ? t('export.busy') : t('export.button')} <span aria-hidden>▾</span>
      </Button>
      {open && (
        <div
          id="export-menu"
          role="menu"
          aria-label={t('export.button')}
          onKeyDown={onMenuKey}
          className={`absolute ${fromLeft ? 'left-0' : 'right-0'} z-40 mt-1 w-80 max-w-[calc(100vw-1rem)] rounded-lg border border-slate-300 bg-white py-1 shadow-xl dark:border-slate-600 dark:bg-slate-800`}
        >
          {items.map((it) => (
            <button
              key={it.id}
              type="button"
              role="menuitem"
              tabIndex={-1}
              data-export={it.id === 'copies' ? undefined : it.id}
              data-menu-item={it.id}
              onClick={() => void run(it.id)}
              className="flex w-full flex-col items-start px-3 py-1.5 text-left text-sm hover:bg-slate-100 focus:bg-indigo-50 focus:outline-none dark:hover:bg-slate-700 dark:focus:bg-slate-700"
            >
              <span className="font-medium">{it.label}</span>
              <span className="text-xs text-slate-600 dark:text-slate-300">{it.hint}</span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
