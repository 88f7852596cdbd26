/**
 * chainSteps (import/shape-track.ts): the one place importers run a node's layers through the
 * kinds' shape rules. The first layer gets every input, the rest the layer before; a kind that
 * takes no input gets none; the first refusal is the answer.
 */
import { describe, expect, it } from 'vitest';
import { chainSteps } from '../../../src/engine/import/shape-track';

describe('chainSteps', () => {
  it('runs a chain: pad 1 on each side, then a 3×3 conv keeps 8×8', () => {
    const steps = chainSteps(
      [
        { type: 'pad', pad: [1, 1, 1, 1] },
        { type: 'conv2d', out: 4, kernel: 3 },
      ],
      [[3, 8, 8]],
    );
    if (typeof steps === 'string') throw new Error(steps);
    expect(steps.map((s) => s.output)).toEqual([
      [3, 10, 10],
      [4, 8, 8],
    ]);
    expect(steps[1].input).toEqual([3, 10, 10]);
  });

  it('gives the first layer every input (a two-input add broadcasts)', () => {
    const steps = chainSteps(
      [{ type: 'add' }],
      [
        [4, 5],
        [1, 5],
      ],
    );
    if (typeof steps === 'string') throw new Error(steps);
    expect(steps[0].output).toEqual([4, 5]);
    expect(steps[0].inputs).toHaveLength(2);
  });

  it('a parameter takes no input; a block or a refused shape is a message', () => {
    const p = chainSteps([{ type: 'parameter', shape: [2, 3] }], []);
    expect(typeof p === 'string' ? p : p[0].output).toEqual([2, 3]);
    expect(chainSteps([{ type: 'residual', body: [] }], [[3, 4, 4]])).toMatch(/block/);
    expect(chainSteps([{ type: 'conv2d', out: 4, kernel: 9 }], [[3, 4, 4]])).toMatch(/larger than the padded input/);
  });
});
