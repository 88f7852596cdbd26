/** Buttons under the selected layer: move, duplicate, delete, wrap in a block, unwrap, add branch. */
import type { LayerSpec } from '../../engine/format/model';
import type { WrapBlock } from '../../engine/format/edit';
import { useEditor } from '../../state/store';
import { Button } from '../controls';
import { useUi } from '../uiContext';
import { useT, type MessageKey } from '../i18n';

const WRAPS: readonly { type: WrapBlock; label: MessageKey }[] = [
  { type: 'residual', label: 'actions.wrap.residual' },
  { type: 'repeat', label: 'actions.wrap.repeat' },
  { type: 'concat', label: 'actions.wrap.concat' },
  { type: 'scale', label: 'actions.wrap.scale' },
];

export function RowActions({ path, spec, block }: { path: string; spec: LayerSpec; block: boolean }) {
  const { range, setRange } = useUi();
  const s = useEditor.getState;
  const t = useT();
  const targets = range.length > 1 ? range : [path];
  return (
    <div className="flex flex-wrap items-center gap-1" role="group" aria-label={t('actions.group', { path })}>
      <Button small onClick={() => s().moveLayer(path, -1)} title={t('actions.up.title')} aria-label={t('actions.up')}>
        ↑
      </Button>
      <Button
        small
        onClick={() => s().moveLayer(path, 1)}
        title={t('actions.down.title')}
        aria-label={t('actions.down')}
      >
        ↓
      </Button>
      <Button small onClick={() => s().duplicateLayer(path)} title={t('actions.duplicate.title')}>
        {t('actions.duplicate')}
      </Button>
      <Button small onClick={() => s().deleteLayer(path)} title={t('actions.delete.title')}>
        {t('actions.delete')}
      </Button>
      <label className="text-xs">
        <span className="sr-only">
          {targets.length > 1 ? t('actions.wrapN.sr', { n: targets.length }) : t('actions.wrap1.sr')}
        </span>
        <select
          className="field py-0.5 text-xs"
          value=""
          data-testid="wrap-select"
          onChange={(e) => {
            if (!e.target.value) return;
            s().wrapInBlock(targets, e.target.value as WrapBlock);
            setRange([]);
          }}
        >
          <option value="">
            {targets.length > 1 ? t('actions.wrapN', { n: targets.length }) : t('actions.wrap1')}
          </option>
          {WRAPS.map((w) => (
            <option key={w.type} value={w.type}>
              {t(w.label)}
            </option>
          ))}
        </select>
      </label>
      {block && (
        <Button small onClick={() => s().unwrapBlock(path)} title={t('actions.unwrap.title')}>
          {t('actions.unwrap')}
        </Button>
      )}
      {spec.type === 'concat' && (
        <Button
          small
          onClick={() => {
            const branches = Array.isArray(spec.branches) ? (spec.branches as unknown[]) : [];
            s().updateLayer(path, { branches: [...branches, []] });
          }}
        >
          + {t('actions.branch')}
        </Button>
      )}
    </div>
  );
}
