/** The graph canvas's pure geometry (src/ui/graph/geometry.ts): fit, zoom about a point, culling tiles, arrow steps. */
import { describe, expect, it } from 'vitest';
import {
  adjacency,
  centreOn,
  drawnRect,
  fitTransform,
  sameRect,
  step,
  topTransform,
  worldView,
  zoomAt,
} from '../../../src/ui/graph/geometry';

describe('graph canvas geometry', () => {
  it('fit puts the whole graph in view, centred, never above 1×', () => {
    const t = fitTransform(1000, 4000, 500, 400, 0);
    expect(t.k).toBe(0.1);
    const v = worldView(t, 500, 400);
    expect(v.y0).toBeCloseTo(0);
    expect(v.y1).toBeCloseTo(4000);
    expect((v.x0 + v.x1) / 2).toBeCloseTo(500);
    expect(fitTransform(100, 100, 500, 400).k).toBe(1);
  });

  it('the start view is readable (at least 0.8×) and starts at the top', () => {
    expect(topTransform(5000, 500).k).toBe(0.8);
    expect(topTransform(300, 500).k).toBe(1);
    expect(topTransform(300, 500).y).toBe(16);
    // Wider than the view at 0.8×: the first node is centred instead.
    const t = topTransform(1000, 375, 100);
    expect(100 * t.k + t.x).toBe(375 / 2);
  });

  it('zooming keeps the point under the pointer where it was', () => {
    const t = { x: 30, y: -40, k: 0.5 };
    const z = zoomAt(t, 2, 100, 80);
    const world = (tt: typeof t) => [(100 - tt.x) / tt.k, (80 - tt.y) / tt.k];
    expect(world(z)[0]).toBeCloseTo(world(t)[0]);
    expect(world(z)[1]).toBeCloseTo(world(t)[1]);
    expect(z.k).toBe(1);
  });

  it('centreOn puts a world point in the middle of the view', () => {
    const t = centreOn({ x: 0, y: 0, k: 2 }, 100, 50, 400, 300);
    expect(100 * t.k + t.x).toBe(200);
    expect(50 * t.k + t.y).toBe(150);
  });

  it('the drawn area covers the view with a margin and changes only across tiles', () => {
    const t = { x: 0, y: -1050, k: 1 };
    const r = drawnRect(t, 400, 400);
    const v = worldView(t, 400, 400);
    expect(r.x0).toBeLessThan(v.x0);
    expect(r.y0).toBeLessThan(v.y0);
    expect(r.x1).toBeGreaterThan(v.x1);
    expect(r.y1).toBeGreaterThan(v.y1);
    // A pan of a few pixels stays within the tile: nothing to re-render.
    expect(sameRect(r, drawnRect({ x: 0, y: -1060, k: 1 }, 400, 400))).toBe(true);
    expect(sameRect(r, drawnRect({ x: 0, y: -1300, k: 1 }, 400, 400))).toBe(false);
  });

  it('arrow steps follow edges: down/up along them, left/right between the branches of a fork', () => {
    // 0 → 1 → 3, 0 → 2 → 3 (a residual: body 1, shortcut 2, join 3)
    const adj = adjacency(
      ['a', 'b', 'c', 'd'],
      [
        { from: 'a', to: 'b' },
        { from: 'a', to: 'c' },
        { from: 'b', to: 'd' },
        { from: 'c', to: 'd' },
      ],
    );
    expect(step(0, 'down', adj)).toBe(1);
    expect(step(1, 'right', adj)).toBe(2);
    expect(step(2, 'right', adj)).toBe(2);
    expect(step(2, 'left', adj)).toBe(1);
    expect(step(3, 'up', adj)).toBe(1);
    expect(step(0, 'up', adj)).toBe(0);
  });
});
