/**
 * The graph view's layout (src/worker/graphLayout.ts, dagre with ranks ordered by evaluation
 * order): every node placed, edges pointing down, no two boxes overlapping, and residual
 * shortcuts kept on one side of their bodies so a deep ResNet stays two columns wide.
 */
import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../../src/engine/evaluate';
import type { Model } from '../../../src/engine/format/model';
import { buildGraphView, collapseGraph } from '../../../src/engine/graph-view';
import { presetByName } from '../../../src/engine/presets';
import { layoutGraph } from '../../../src/worker/graphLayout';
import { LAYOUT_SPACING } from '../../../src/worker/graphLayout';
import { layoutRequestOf, NODE_SIZE } from '../../../src/worker/graphLayoutRequest';

const laidOut = (name: string, folded: (ids: string[]) => string[] = () => []) => {
  const m: Model = (presetByName(name) as NonNullable<ReturnType<typeof presetByName>>).build();
  const view = buildGraphView(m, evaluateModel(m));
  const visible = collapseGraph(view, new Set(folded(view.groups.filter((g) => g.parent < 0).map((g) => g.id))));
  const req = layoutRequestOf(visible);
  return { visible, req, answer: layoutGraph(req) };
};

describe('layoutGraph', () => {
  it.each(['resnet50', 'googlenet', 'vit_b_16'])(
    '%s: every node placed, edges point down, boxes never overlap',
    (name) => {
      const { visible, req, answer } = laidOut(name);
      const c = answer.centres;
      const at = new Map(req.nodes.map((n, i) => [n.id, i]));
      for (let i = 0; i < c.length; i++) expect(Number.isFinite(c[i])).toBe(true);
      for (const e of visible.edges) {
        const a = at.get(e.from) as number;
        const b = at.get(e.to) as number;
        expect(c[2 * b + 1]).toBeGreaterThan(c[2 * a + 1]);
      }
      // Boxes on one row (same centre y) are apart by at least the node separation.
      const rows = new Map<number, number[]>();
      req.nodes.forEach((_, i) => rows.set(c[2 * i + 1], [...(rows.get(c[2 * i + 1]) ?? []), i]));
      for (const idx of rows.values()) {
        const xs = idx
          .map((i) => [c[2 * i] - req.nodes[i].width / 2, c[2 * i] + req.nodes[i].width / 2])
          .sort((p, q) => p[0] - q[0]);
        for (let k = 1; k < xs.length; k++)
          expect(xs[k][0] - xs[k - 1][1]).toBeGreaterThanOrEqual(LAYOUT_SPACING.nodesep - 1e-6);
      }
      expect(answer.routes).toHaveLength(req.edges.length);
      expect(answer.routes.every((r) => r.length >= 4)).toBe(true);
    },
  );

  it('ResNet-152 (50 residual blocks) stays within three columns: each shortcut runs on the same side', () => {
    const { answer } = laidOut('resnet152');
    const column = NODE_SIZE.layer.width + LAYOUT_SPACING.nodesep;
    expect(answer.width).toBeLessThan(3 * column + 2 * LAYOUT_SPACING.marginx);
  });

  it('a folded stage is one node in the layout', () => {
    const { visible, answer } = laidOut('resnet50', (ids) => ids);
    expect(visible.nodes.filter((n) => n.kind === 'block').length).toBeGreaterThan(0);
    expect(answer.centres.length).toBe(2 * visible.nodes.length);
  });
});
