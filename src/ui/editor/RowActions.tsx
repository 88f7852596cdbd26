/** Buttons under the selected layer: move, duplicate, delete, wrap in a block, unwrap, add branch. */
import type { LayerSpec } from '../../engine/format/model';
import type { WrapBlock } from '../../engine/format/edit';
import { useEditor } from '../../state/store';
import { Button } from '../controls';
import { useUi } from '../uiContext';

const WRAPS: readonly { type: WrapBlock; label: string }[] = [
  { type: 'residual', label: 'Residual (x + f(x))' },
  { type: 'repeat', label: 'Repeat (×n)' },
  { type: 'concat', label: 'Concat branch' },
  { type: 'scale', label: 'Scale (SE gate)' },
];

export function RowActions({ path, spec, block }: { path: string; spec: LayerSpec; block: boolean }) {
  const { range, setRange } = useUi();
  const s = useEditor.getState;
  const targets = range.length > 1 ? range : [path];
  return (
    <div className="flex flex-wrap items-center gap-1" role="group" aria-label={`Actions for ${path}`}>
      <Button small onClick={() => s().moveLayer(path, -1)} title="Move up (Alt+↑)" aria-label="Move up">
        ↑
      </Button>
      <Button small onClick={() => s().moveLayer(path, 1)} title="Move down (Alt+↓)" aria-label="Move down">
        ↓
      </Button>
      <Button small onClick={() => s().duplicateLayer(path)} title="Duplicate (Ctrl+D)">
        Duplicate
      </Button>
      <Button small onClick={() => s().deleteLayer(path)} title="Delete (Delete key)">
        Delete
      </Button>
      <label className="text-xs">
        <span className="sr-only">
          Wrap {targets.length > 1 ? `${targets.length} layers` : 'this layer'} in a block
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
          <option value="">Wrap {targets.length > 1 ? `${targets.length} layers` : ''} in…</option>
          {WRAPS.map((w) => (
            <option key={w.type} value={w.type}>
              {w.label}
            </option>
          ))}
        </select>
      </label>
      {block && (
        <Button small onClick={() => s().unwrapBlock(path)} title="Replace the block by its layers">
          Unwrap
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
          + Branch
        </Button>
      )}
    </div>
  );
}
