/**
 * The train / held-out rule every fitted measurement table shares (index.ts for ncnn, table-fit.ts for
 * the others): per device and stratum (dense networks, those with depthwise convolutions), the
 * distinct networks are ordered by a hash of "device|network" and every third one (positions 1, 4,
 * 7, …) is held out. Deterministic and independent of the rows' order; a stratum of two or more
 * networks always has one held out and one trained on; every row of one (device, network) lands on
 * the same side, so no model/device pair is seen by both the fit and the check.
 */

/** FNV-1a, 32 bit: a stable order that does not depend on the table's order. */
export function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

export interface SplitItem {
  readonly device: string;
  readonly network: string;
  readonly dense: boolean;
}

/** The held-out "device|network" keys of the items. */
export function heldOutKeys(items: readonly SplitItem[]): Set<string> {
  const nets = new Map<string, Set<string>>();
  for (const r of items) {
    const stratum = `${r.device}|${r.dense ? 'dense' : 'depthwise'}`;
    nets.set(stratum, (nets.get(stratum) ?? new Set()).add(r.network));
  }
  const held = new Set<string>();
  for (const [stratum, set] of nets) {
    const device = stratum.split('|')[0];
    const order = [...set].sort((a, b) => fnv(`${device}|${a}`) - fnv(`${device}|${b}`) || (a < b ? -1 : 1));
    order.forEach((k, i) => {
      if (i % 3 === 1) held.add(`${device}|${k}`);
    });
  }
  return held;
}
