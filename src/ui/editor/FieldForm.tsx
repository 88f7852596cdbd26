/**
 * Inline editor of one layer's fields, generated from the kind's `fields` metadata. Every change
 * that parses is committed at once (the engine re-evaluates and reports range errors on the row);
 * text that does not parse stays local with its message beside the field.
 */
import { useId, useState } from 'react';
import type { FieldSpec } from '../../engine/layers/fields';
import type { LayerSpec } from '../../engine/format/model';
import type { AnyKind } from '../../engine/layers/registry';
import { useEditor } from '../../state/store';
import { fieldPlaceholder, fieldText, fromText, parseField, parseFrom, sameValue } from './fieldText';
import { useLocalize, useT } from '../i18n';

function TextField({
  path,
  field,
  value,
  rowError,
}: {
  path: string;
  field: FieldSpec;
  value: unknown;
  rowError?: string;
}) {
  const id = useId();
  const t = useT();
  const localize = useLocalize();
  const shown = fieldText(value);
  const [draft, setDraft] = useState({ text: shown, from: value });
  // Follow the model when it changes elsewhere (undo, another control), keeping local typing otherwise.
  if (!sameValue(draft.from, value)) setDraft({ text: shown, from: value });
  const parsed = parseField(field, draft.text);
  const localError = parsed.ok ? null : parsed.error;
  // The engine names the field in its message (`layers[1].kernel must be …`, `… kernel 9 …`).
  const engineError = rowError && rowError.includes(`${path}.${field.name}`) ? localize(rowError) : null;
  const error =
    localError ?? (field.required && value === undefined ? t('field.required', { label: field.label }) : engineError);
  return (
    <label className="flex flex-col gap-0.5 text-xs text-slate-600 dark:text-slate-300" title={field.help}>
      <span>{field.label}</span>
      <input
        className="field w-full font-mono"
        value={draft.text}
        placeholder={fieldPlaceholder(field)}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-help`}
        data-field={field.name}
        onChange={(e) => {
          const text = e.target.value;
          const p = parseField(field, text);
          if (p.ok && !sameValue(p.value, value)) {
            setDraft({ text, from: p.value });
            useEditor.getState().updateLayer(path, { [field.name]: p.value });
          } else setDraft({ text, from: value });
        }}
      />
      <span id={`${id}-help`} className={error ? 'text-red-700 dark:text-red-300' : 'sr-only'}>
        {error ?? field.help}
      </span>
    </label>
  );
}

function FieldControl({
  path,
  field,
  spec,
  rowError,
}: {
  path: string;
  field: FieldSpec;
  spec: LayerSpec;
  rowError?: string;
}) {
  const value = spec[field.name];
  const update = (v: unknown) => useEditor.getState().updateLayer(path, { [field.name]: v });
  if (field.kind === 'bool') {
    const checked = value === undefined ? field.default : value === true;
    return (
      <label
        className="flex items-center gap-1.5 self-end pb-1 text-xs text-slate-700 dark:text-slate-200"
        title={field.help}
      >
        <input
          type="checkbox"
          className="focus-ring accent-indigo-700"
          checked={checked}
          data-field={field.name}
          // Back to the default removes the field, keeping files and links short.
          onChange={(e) => update(e.target.checked === field.default ? undefined : e.target.checked)}
        />
        {field.label}
      </label>
    );
  }
  if (field.kind === 'enum')
    return (
      <label className="flex flex-col gap-0.5 text-xs text-slate-600 dark:text-slate-300" title={field.help}>
        {field.label}
        <select
          className="field"
          value={typeof value === 'string' ? value : field.default}
          data-field={field.name}
          onChange={(e) => update(e.target.value === field.default ? undefined : e.target.value)}
        >
          {field.options.map((o) => (
            <option key={o}>{o}</option>
          ))}
        </select>
      </label>
    );
  return <TextField path={path} field={field} value={value} rowError={rowError} />;
}

/**
 * The layer's place in a graph: its id (what other layers' From name) and where its inputs come
 * from (ids, model input names, -1 for the previous layer). Empty = a plain stack layer.
 */
function GraphFields({ path, spec, rowError }: { path: string; spec: LayerSpec; rowError?: string }) {
  const t = useT();
  const id = typeof spec.id === 'string' ? spec.id : '';
  const from = spec.from === undefined ? '' : fromText(spec.from);
  const [draft, setDraft] = useState({ text: from, shown: from });
  if (draft.shown !== from) setDraft({ text: from, shown: from });
  const parsed = parseFrom(draft.text);
  // The engine's message about a reference is already on the row; here only what does not parse.
  const fromError = !parsed.ok ? parsed.error : null;
  const refError = !!rowError && /^from\b|\.from\b/.test(rowError);
  return (
    <>
      <label className="flex flex-col gap-0.5 text-xs text-slate-600 dark:text-slate-300" title={t('field.id.title')}>
        <span>{t('field.id')}</span>
        <input
          className="field w-full font-mono"
          value={id}
          placeholder={t('field.id.placeholder')}
          data-field="id"
          onChange={(e) =>
            useEditor.getState().updateLayer(path, { id: e.target.value === '' ? undefined : e.target.value })
          }
        />
      </label>
      <label
        className="col-span-2 flex flex-col gap-0.5 text-xs text-slate-600 dark:text-slate-300"
        title={t('field.from.title')}
      >
        <span>{t('field.from')}</span>
        <input
          className="field w-full font-mono"
          value={draft.text}
          placeholder={t('field.from.placeholder')}
          aria-invalid={fromError || refError ? true : undefined}
          data-field="from"
          onChange={(e) => {
            const text = e.target.value;
            const p = parseFrom(text);
            if (p.ok && !sameValue(p.value, spec.from)) {
              setDraft({ text, shown: p.value === undefined ? '' : fromText(p.value) });
              useEditor.getState().updateLayer(path, { from: p.value });
            } else setDraft({ text, shown: from });
          }}
        />
        {fromError && <span className="text-red-700 dark:text-red-300">{fromError}</span>}
      </label>
    </>
  );
}

export function FieldForm({
  path,
  spec,
  kind,
  rowError,
}: {
  path: string;
  spec: LayerSpec;
  kind: AnyKind;
  rowError?: string;
}) {
  const t = useT();
  return (
    <div className="grid grid-cols-3 gap-x-2 gap-y-1.5" role="group" aria-label={t('field.group', { path })}>
      {kind.fields.map((f) => (
        <FieldControl key={f.name} path={path} field={f} spec={spec} rowError={rowError} />
      ))}
      <GraphFields path={path} spec={spec} rowError={rowError} />
      <label
        className="col-span-3 flex items-center gap-2 text-xs text-slate-600 dark:text-slate-300"
        title={t('field.name.title')}
      >
        {t('field.name')}
        <input
          className="field flex-1"
          value={typeof spec.name === 'string' ? spec.name : ''}
          placeholder={t('field.name.placeholder')}
          data-field="name"
          onChange={(e) =>
            useEditor.getState().updateLayer(path, { name: e.target.value === '' ? undefined : e.target.value })
          }
        />
      </label>
    </div>
  );
}
