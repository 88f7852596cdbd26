/**
 * Block outlines in the graph view (issue 16: "blocks collapsible to one node"): the dashed box of a
 * block is the bounding box of its nodes plus a pad, and two blocks that are not nested must never
 * overlap, on any preset (a 16 px pad overlapped consecutive blocks by 2 px on 40 presets, and
 * Inception v3's auxiliary head and its neighbour by 4 px, since ranks are 36 px and nodes 24 px apart).
 */
import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../../src/engine/evaluate';
import { buildGraphView, collapseGraph } from '../../../src/engine/graph-view';
import { PRESETS } from '../../../src/engine/presets';
import { groupOutlines, type Outline } from '../../../src/ui/graph/graphShapes';
import { layoutGraph } from '../../../src/worker/graphLayout';
import { layoutRequestOf } from '../../../src/worker/graphLayoutRequest';

function overlaps(name: string): string[] {
  const model = PRESETS.find((p) => p.name === name)!.build();
  const view = buildGraphView(model, evaluateModel(model, { conventions: ['torchvision'] }));
  const visible = collapseGraph(view, new Set());
  const outlines = groupOutlines(
    view.groups,
    visible.folded,
    visible.nodes,
    layoutGraph(layoutRequestOf(visible)).centres,
  );
  const parent = new Map(view.groups.map((g) => [g.id, g.parent >= 0 ? view.groups[g.parent].id : null]));
  const inside = (a: string, b: string) => {
    for (let x = parent.get(b); x; x = parent.get(x)) if (x === a) return true;
    return false;
  };
  const meet = (a: Outline, b: Outline) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
  const out: string[] = [];
  outlines.forEach((a, i) =>
    outlines.slice(i + 1).forEach((b) => {
      if (!inside(a.id, b.id) && !inside(b.id, a.id) && meet(a, b)) out.push(`${a.id} × ${b.id}`);
    }),
  );
  return out;
}

describe('block outlines', () => {
  it.each(PRESETS.map((p) => p.name))('%s: blocks that are not nested do not overlap', (name) => {
    expect(overlaps(name)).toEqual([]);
  });

  it('a nested block lies inside the block around it', () => {
    const model = PRESETS.find((p) => p.name === 'inception_v3')!.build();
    const view = buildGraphView(model, evaluateModel(model, { conventions: ['torchvision'] }));
    const visible = collapseGraph(view, new Set());
    const xy = layoutGraph(layoutRequestOf(visible)).centres;
    const outlines = groupOutlines(view.groups, visible.folded, visible.nodes, xy);
    const byId = new Map(outlines.map((o) => [o.id, o]));
    const nested = view.groups.filter((g) => g.parent >= 0 && byId.has(g.id));
    expect(nested.length).toBeGreaterThan(0);
    for (const g of nested) {
      const o = byId.get(g.id)!;
      const p = byId.get(view.groups[g.parent].id)!;
      expect([o.x0 > p.x0, o.x1 < p.x1, o.y0 > p.y0, o.y1 < p.y1]).toEqual([true, true, true, true]);
    }
  });
});
