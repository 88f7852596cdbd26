/**
 * One node of the graph canvas. Memoised with plain props, so a new result re-renders only the
 * nodes whose text, colour, place or selection changed.
 */
import { memo } from 'react';
import { heatFill, heatText } from './heat';

export interface NodeBoxProps {
  readonly id: string;
  readonly index: number;
  readonly kind: 'input' | 'layer' | 'join' | 'output' | 'block';
  readonly modelPath: string | null;
  readonly label: string;
  readonly lines: string;
  readonly level: number;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly selected: boolean;
  readonly focused: boolean;
  readonly match: boolean;
  readonly error: boolean;
  /** Tooltip: the layer's path, or how to unfold a folded block. */
  readonly hint: string;
  /** Draw boxes only (far zoomed out). */
  readonly boxOnly: boolean;
}

export const NodeBox = memo(function NodeBox(p: NodeBoxProps) {
  const [shape, value] = p.lines.split('\n');
  const round = p.kind === 'input' || p.kind === 'output' ? p.h / 2 : p.kind === 'join' ? 14 : 6;
  const stroke = p.selected ? '#2563eb' : p.error ? '#dc2626' : p.match ? '#7c3aed' : '#64748b';
  const fg = heatText(p.level);
  return (
    <g
      transform={`translate(${p.x - p.w / 2},${p.y - p.h / 2})`}
      data-testid="graph-node"
      data-node={p.id}
      data-index={p.index}
      data-model-path={p.modelPath ?? undefined}
      data-kind={p.kind}
      data-heat={p.level}
      data-selected={p.selected || undefined}
      className="cursor-pointer"
    >
      <title>{p.hint}</title>
      <rect
        width={p.w}
        height={p.h}
        rx={round}
        fill={heatFill(p.level)}
        stroke={stroke}
        strokeWidth={p.selected || p.focused ? 3 : p.match ? 2.5 : 1}
        strokeDasharray={p.kind === 'block' ? '6 3' : undefined}
      />
      {p.boxOnly ? null : (
        <>
          <text x={8} y={16} fontSize={12} fontWeight={600} fill={fg}>
            {p.kind === 'block' ? `▸ ${p.label}` : p.label}
          </text>
          <text x={8} y={31} fontSize={11} fill={fg}>
            {shape}
          </text>
          {value ? (
            <text x={8} y={45} fontSize={11} fill={fg}>
              {value}
            </text>
          ) : null}
        </>
      )}
    </g>
  );
});
