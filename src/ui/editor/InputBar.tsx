/** Input shape and batch, validated as you type; the model-level error (if any) shows here. */
import { memo, useState } from 'react';
import { useEditor } from '../../state/store';
import { mainInput } from '../../engine/format/model';
import { shapeLabel } from '../format';
import { t as tr, useT } from '../i18n';

/** "3, 224, 224", "3x224x224", "[3,224,224]" → [3, 224, 224]; one number = a flat [F] input. */
export function parseShape(text: string): number[] | string {
  const parts = text
    .trim()
    .replace(/^\[|\]$/g, '')
    .split(/\s*[,x×\s]\s*/)
    .filter((p) => p !== '');
  if (parts.length < 1 || parts.length > 8) return tr('input.err.shapeForm');
  if (!parts.every((p) => /^\d+$/.test(p) && Number(p) > 0)) return tr('input.err.shapeWhole');
  const shape = parts.map(Number);
  if (shape.some((d) => d > 1_000_000)) return tr('input.err.shapeMax');
  return shape;
}

function parseBatch(text: string): number | string {
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1) return tr('input.err.batchWhole');
  return Number(text) > 1_000_000 ? tr('input.err.batchMax') : Number(text);
}

function InputBarView({ output, modelError }: { output: readonly number[] | null; modelError?: string }) {
  const input = useEditor((s) => mainInput(s.model));
  const batch = useEditor((s) => s.model.batch ?? 1);
  const setInput = useEditor((s) => s.setInput);
  const setBatch = useEditor((s) => s.setBatch);
  const t = useT();
  const shapeText = input.join(', ');
  // Local text while typing; it follows the model when the model changes elsewhere (undo, link).
  const [shapeDraft, setShapeDraft] = useState({ text: shapeText, from: shapeText });
  const [batchDraft, setBatchDraft] = useState({ text: String(batch), from: batch });
  if (shapeDraft.from !== shapeText) setShapeDraft({ text: shapeText, from: shapeText });
  if (batchDraft.from !== batch) setBatchDraft({ text: String(batch), from: batch });
  const shapeParsed = parseShape(shapeDraft.text);
  const batchParsed = parseBatch(batchDraft.text);

  return (
    <div className="flex flex-wrap items-start gap-x-3 gap-y-1 border-b border-slate-200 px-3 py-2 dark:border-slate-700">
      <label className="flex flex-col text-xs text-slate-600 dark:text-slate-300">
        {t('input.shape')}
        <input
          className="field w-36 font-mono"
          value={shapeDraft.text}
          aria-invalid={typeof shapeParsed === 'string'}
          aria-describedby="input-shape-error"
          data-testid="input-shape"
          onChange={(e) => {
            const text = e.target.value;
            const p = parseShape(text);
            setShapeDraft({ text, from: typeof p === 'string' ? shapeText : p.join(', ') });
            if (typeof p !== 'string' && p.join(', ') !== shapeText) setInput(p);
          }}
        />
      </label>
      <label className="flex flex-col text-xs text-slate-600 dark:text-slate-300">
        {t('input.batch')}
        <input
          className="field w-20 font-mono"
          inputMode="numeric"
          value={batchDraft.text}
          aria-invalid={typeof batchParsed === 'string'}
          aria-describedby="batch-error"
          data-testid="batch"
          onChange={(e) => {
            const text = e.target.value;
            const p = parseBatch(text);
            setBatchDraft({ text, from: typeof p === 'string' ? batch : p });
            if (typeof p !== 'string' && p !== batch) setBatch(p);
          }}
        />
      </label>
      <div className="flex flex-col text-xs text-slate-600 dark:text-slate-300">
        {t('input.output')}
        <span className="py-1 font-mono text-sm text-slate-900 dark:text-slate-100" data-testid="model-output">
          {shapeLabel(output)}
        </span>
      </div>
      <p id="input-shape-error" className="w-full text-xs text-red-700 dark:text-red-300" aria-live="polite">
        {typeof shapeParsed === 'string' ? t('input.err.shape', { msg: shapeParsed }) : (modelError ?? '')}
      </p>
      <p id="batch-error" className="sr-only" aria-live="polite">
        {typeof batchParsed === 'string' ? batchParsed : ''}
      </p>
    </div>
  );
}

// Memoised: the screen re-renders on every result; this part only when its own inputs change.
export const InputBar = memo(InputBarView);
