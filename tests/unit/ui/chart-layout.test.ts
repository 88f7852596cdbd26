import { describe, expect, it } from 'vitest';
import { layoutBars, layoutScatter, layoutSteps, plotBox, type BarSpec } from '../../../src/ui/charts/svg/layout';

const margins = { yAxisWidth: 50, legend: false, xLabel: false };
const size = { width: 462, height: 218 }; // plot box: x 50…450, y 8…212 → 400 × 204 px
const bar = (key: string, ...parts: number[]): BarSpec => ({ key, parts, fills: parts.map(() => '#000') });

describe('plotBox leaves room for the axis, the legend and the x labels', () => {
  it.each([
    [
      { yAxisWidth: 50, legend: false, xLabel: false },
      { left: 50, top: 8, right: 450, bottom: 212 },
    ],
    [
      { yAxisWidth: 50, legend: true, xLabel: true },
      { left: 50, top: 24, right: 450, bottom: 198 },
    ],
    [
      { yAxisWidth: 64, legend: false, xLabel: true, xTicks: true },
      { left: 64, top: 8, right: 450, bottom: 182 },
    ],
  ])('%o', (m, box) => expect(plotBox(size, m)).toEqual(box));
});

describe('layoutBars', () => {
  const l = layoutBars([bar('a', 10), bar('b', 40), bar('c', 0), bar('d', 20)], size, 'linear', margins, 0.5);
  it('gives every bar an equal slot and finds the bar under the pointer', () => {
    expect(l.band).toBe(100);
    expect([49, 50, 149.9, 150, 449, 450, 451].map((x) => l.indexAt(x))).toEqual([null, 0, 0, 1, 3, 3, null]);
  });
  it('scales heights to a nice domain (0…40 → 204 px) and leaves zero bars flat', () => {
    expect(l.y.domain).toEqual([0, 40]);
    expect(l.rects.map((r) => r[0].h)).toEqual([51, 204, 0, 102]);
    expect(l.rects[1][0].y).toBe(8);
    expect(l.anchor(1)).toEqual({ x: 200, y: 8 });
  });
  it('stacks parts from the bottom up', () => {
    const s = layoutBars([bar('a', 10, 30)], size, 'linear', margins, 0.5);
    const [held, own] = s.rects[0];
    expect(held).toMatchObject({ y: 161, h: 51 });
    expect(own).toMatchObject({ y: 8, h: 153 });
  });
  it('on a log axis puts zeros on the floor and spans whole decades', () => {
    const g = layoutBars([bar('a', 0), bar('b', 1000)], size, 'log', margins, 0.5);
    expect(g.y.domain).toEqual([0.1, 1000]);
    expect(g.rects[0][0].h).toBe(0);
    expect(g.rects[1][0].h).toBeCloseTo(204, 9);
  });
  it('keeps a marker above the bars inside the domain', () => {
    expect(layoutBars([bar('a', 10)], size, 'linear', margins, 0.5, 95).y.domain).toEqual([0, 100]);
  });
  it('draws nothing and finds nothing without bars', () => {
    const e = layoutBars([], size, 'linear', margins, 0.5);
    expect(e.rects).toEqual([]);
    expect(e.indexAt(100)).toBeNull();
  });
});

describe('layoutScatter', () => {
  const pts = [
    { key: 'a', x: 1, y: 10, fill: '#000' },
    { key: 'b', x: 100, y: 1000, fill: '#000' },
  ];
  const s = layoutScatter(pts, size, [1, 100], [10, 1000], margins);
  it('places points on log-log axes', () => {
    expect(s.points).toEqual([
      { cx: 50, cy: 212 },
      { cx: 450, cy: 8 },
    ]);
  });
  it('finds the nearest point within the radius, else null', () => {
    expect(s.nearest(55, 205)).toBe(0);
    expect(s.nearest(445, 10)).toBe(1);
    expect(s.nearest(250, 110)).toBeNull();
  });
});

describe('layoutSteps', () => {
  const s = layoutSteps([[25, 50, 100]], size, margins);
  it('draws a step curve through (i + 1, value) on 0–100 %', () => {
    expect(s.y.domain).toEqual([0, 100]);
    expect(s.paths[0].startsWith(`M${s.x.at(1).toFixed(1)},161.0`)).toBe(true);
    expect(s.paths[0]).toContain(`H${s.x.at(2).toFixed(1)}V110.0`);
    expect(s.paths[0].endsWith(`H${s.x.at(3).toFixed(1)}V8.0`)).toBe(true);
  });
  it('maps the pointer to the nearest item', () => {
    expect(s.indexAt(s.x.at(1))).toBe(0);
    expect(s.indexAt(s.x.at(2.4))).toBe(1);
    expect(s.indexAt(s.x.at(3) + 3)).toBe(2);
    expect(s.indexAt(0)).toBeNull();
  });
});
