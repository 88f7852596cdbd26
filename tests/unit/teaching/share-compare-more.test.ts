/**
 * A/B/C… links (issue 19): models C, D, E travel as further `cmp` parameters after B, in order; a
 * reader that knows only B takes the first; more than MAX_COMPARE_MORE, or a bad one, is refused with
 * its letter named. The teaching store adds, removes and promotes them.
 */
import { describe, expect, it } from 'vitest';
import { MODEL_FORMAT, type Model } from '../../../src/engine/format/model';
import { presetByName } from '../../../src/engine/presets';
import { decodeShare, encodeShare, MAX_COMPARE_MORE, toBase64Url } from '../../../src/state/urlCodec';
import { deflateSync } from 'fflate';
import { useTeaching } from '../../../src/ui/teaching/store';

const m = (name: string, out: number): Model => ({
  format: MODEL_FORMAT,
  name,
  input: [3, 8, 8],
  layers: [{ type: 'conv2d', out, kernel: 3 }],
});
const pack = (x: unknown) => toBase64Url(deflateSync(new TextEncoder().encode(JSON.stringify(x))));

describe('links with models C, D, …', () => {
  it('round-trip B, C and D in order', () => {
    const [a, b, c, d] = [m('A', 4), m('B', 8), m('C', 16), presetByName('mobilenet_v2')!.build()];
    const hash = encodeShare({ model: a, convention: 'seed', compare: b, compareMore: [c, d] });
    expect(new URLSearchParams(hash.slice(hash.indexOf('?') + 1)).getAll('cmp')).toHaveLength(3);
    const r = decodeShare(hash);
    if (!r.ok) throw new Error(r.error);
    expect(r.state.compare).toEqual(b);
    expect(r.state.compareMore).toEqual([c, d]);
  });

  it('a link with B only has no C key, as before', () => {
    const r = decodeShare(encodeShare({ model: m('A', 4), convention: 'seed', compare: m('B', 8) }));
    expect(r.ok && 'compareMore' in r.state).toBe(false);
  });

  it('C without B is not written (B comes first)', () => {
    const hash = encodeShare({ model: m('A', 4), convention: 'seed', compare: null, compareMore: [m('C', 16)] });
    expect(hash).not.toContain('cmp=');
  });

  it(`refuses more than ${MAX_COMPARE_MORE} models beside B, and names a bad one by its letter`, () => {
    const base = `#v2?conv=seed&model=${pack({ input: [3, 8, 8], layers: [] })}`;
    const one = pack({ input: [3, 8, 8], layers: [] });
    const many = base + `&cmp=${one}`.repeat(MAX_COMPARE_MORE + 2);
    const r = decodeShare(many);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/compares more than 5 models/);
    const bad = decodeShare(base + `&cmp=${one}&cmp=${pack({ layers: 'no' })}`);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/comparison model C is invalid/);
  });
});

describe('teaching store: adding, removing, promoting', () => {
  it('adds B, then C…, at most MAX_COMPARE_MORE beside B; removing B moves C up', () => {
    useTeaching.setState({ compare: null, compareMore: [] });
    const s = () => useTeaching.getState();
    s().addCompare(m('B', 8));
    s().addCompare(m('C', 16));
    expect(s().compare?.name).toBe('B');
    expect(s().compareMore.map((x) => x.name)).toEqual(['C']);
    for (let i = 0; i < MAX_COMPARE_MORE + 2; i++) s().addCompare(m(`X${i}`, 4));
    expect(s().compareMore).toHaveLength(MAX_COMPARE_MORE);
    s().removeCompareMore(0);
    expect(s().compareMore[0].name).toBe('X0');
    s().setCompare(null);
    expect(s().compare?.name).toBe('X0');
    expect(s().compareMore).toHaveLength(MAX_COMPARE_MORE - 2);
  });
});
