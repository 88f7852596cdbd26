import { describe, expect, it } from 'vitest';
import { linearScale, logScale, niceStep } from '../../../src/ui/charts/svg/scale';

describe('niceStep: 1, 2 or 5 × 10^k covering the span in at most `count` steps', () => {
  it.each([
    [100, 5, 20],
    [101, 5, 50],
    [1, 5, 0.2],
    [7.3e9, 5, 2e9],
    [3, 10, 0.5],
    [0, 5, 1],
    [Infinity, 5, 1],
  ])('span %d in %d steps → %d', (span, count, step) => {
    expect(niceStep(span, count)).toBeCloseTo(step, 12);
  });
});

describe('linearScale', () => {
  it('rounds the domain out to whole steps and maps it onto the pixel range', () => {
    const s = linearScale(0, 93, 200, 0);
    expect(s.domain).toEqual([0, 100]);
    expect(s.ticks).toEqual([0, 20, 40, 60, 80, 100]);
    expect(s.at(0)).toBe(200);
    expect(s.at(100)).toBe(0);
    expect(s.at(50)).toBe(100);
  });
  it('clamps values outside the domain and survives an empty range', () => {
    const s = linearScale(0, 0, 100, 0);
    expect(s.domain).toEqual([0, 1]);
    expect(s.at(-5)).toBe(100);
    expect(s.at(99)).toBe(0);
  });
  it('gives tick values without float noise', () => {
    expect(linearScale(0, 0.7, 1, 0).ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
  });
});

describe('logScale', () => {
  it('covers whole decades and puts zeros on the floor', () => {
    const s = logScale(0.5, 2_000, 300, 0);
    expect(s.domain).toEqual([0.1, 10_000]);
    expect(s.ticks).toEqual([0.1, 1, 10, 100, 1_000, 10_000]);
    expect(s.at(0)).toBe(300);
    expect(s.at(100)).toBeCloseTo(120, 9);
  });
  it('labels every second decade when there are many', () => {
    expect(logScale(1, 1e12, 0, 1).ticks).toEqual([1, 100, 1e4, 1e6, 1e8, 1e10, 1e12]);
  });
  it('copes with a degenerate domain', () => {
    const s = logScale(0, 0, 10, 0);
    expect(s.domain[1]).toBeGreaterThan(s.domain[0]);
    expect(Number.isFinite(s.at(5))).toBe(true);
  });
});
