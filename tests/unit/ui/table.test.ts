import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../../src/engine/evaluate';
import type { Model } from '../../../src/engine/format/model';
import { sortRows, tableRows, toCsv } from '../../../src/ui/results/tableRows';
import resnet18 from '../../fixtures/resnet18.json';

// Source: tests/fixtures/resnet18.json with torchvision's _ops MACs 1,814,073,344 (zoo.md).
const r = evaluateModel(resnet18 as Model, { conventions: ['torchvision'] });
const rows = tableRows(r, 0);

describe('per-layer table rows', () => {
  it('own numbers of every row sum to the totals (shares add up to 100 %)', () => {
    expect(rows.reduce((a, x) => a + x.count, 0n)).toBe(1_814_073_344n);
    expect(rows.reduce((a, x) => a + x.params, 0n)).toBe(11_689_512n);
    expect(rows.length).toBe(r.rows.length);
  });
  it('sorts by a bigint column, descending, ties in evaluation order', () => {
    const s = sortRows(rows, { key: 'count', dir: 'desc' });
    for (let i = 1; i < s.length; i++) {
      expect(s[i - 1].count >= s[i].count).toBe(true);
      if (s[i - 1].count === s[i].count) expect(s[i - 1].order < s[i].order).toBe(true);
    }
    // The largest single layer is conv1: 112·112·64·3·7·7 = 118,013,952 MACs; next the 3×3
    // convs at 56×56: 56·56·64·64·9 = 115,605,504.
    expect(s[0].count).toBe(118_013_952n);
    expect(s[1].count).toBe(115_605_504n);
  });
  it('sorts text columns naturally and ascending reverses descending', () => {
    const asc = sortRows(rows, { key: 'type', dir: 'asc' }).map((x) => x.type);
    expect(asc[0] <= asc[asc.length - 1]).toBe(true);
    expect(sortRows(rows, { key: 'order', dir: 'desc' })[0].order).toBe(rows.length - 1);
  });
});

// CSV quoting per RFC 4180 §2.6–2.7; leading =,+,-,@ neutralised (OWASP "CSV Injection").
describe('toCsv', () => {
  it('writes exact integers and a share column with 2 decimals', () => {
    const csv = toCsv(rows, 'torchvision _ops (MACs)', 1_814_073_344n).trim().split('\n');
    expect(csv[0]).toBe(
      'path,name,type,output,params,torchvision _ops (MACs),MACs,FLOPs (exact),activations,share %,error',
    );
    expect(csv[1]).toBe('layers[0],conv1,conv2d,64×112×112,9408,118013952,118013952,235225088,802816,6.51,');
    expect(csv.length).toBe(rows.length + 1);
  });
  it('quotes commas and quotes, and defuses formula-looking names', () => {
    const [row] = tableRows(
      evaluateModel({
        format: 'floplab.model/2',
        input: [4],
        layers: [{ type: 'linear', out: 2, name: '=HYPERLINK("x"), a' }],
      }),
      0,
    );
    const line = toCsv([row], 'c', 10n).split('\n')[1];
    expect(line.startsWith(`layers[0],"'=HYPERLINK(""x""), a",linear,2,10,`)).toBe(true);
  });
});
