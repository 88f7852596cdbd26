/** `--list-conventions`, `--list-presets`, `--list-devices`: text tables or JSON. */
import { ALL_CONVENTIONS } from '../engine/conventions/registry';
import { PRESETS } from '../engine/presets';
import { DEVICES, precisionsOf } from '../engine/deploy/devices';
import { evaluateModel } from '../engine/evaluate';
import { grouped, jsonInt, si } from './render';

export function listConventions(json: boolean): string {
  if (json)
    return JSON.stringify(
      ALL_CONVENTIONS.map((c) => ({ id: c.id, name: c.name, unit: c.unit, summary: c.summary, source: c.source })),
      null,
      2,
    );
  return ALL_CONVENTIONS.map((c) => `${c.id.padEnd(16)} ${c.unit.padEnd(4)} ${c.summary}`).join('\n');
}

export function listPresets(json: boolean): string {
  const rows = PRESETS.map((p) => {
    const r = evaluateModel(p.build(), { conventions: ['torchvision'] });
    return { p, params: r.totals.params, macs: r.totals.counts[0] };
  });
  if (json)
    return JSON.stringify(
      rows.map(({ p, params, macs }) => ({
        name: p.name,
        family: p.family,
        title: p.title,
        input: p.input,
        year: p.paper.year,
        paper: p.paper.title,
        params: jsonInt(params),
        macs: jsonInt(macs),
        knobs: p.knobs.map((k) => ({
          name: k.name,
          default: k.default,
          ...(k.options ? { options: k.options } : { min: k.min, max: k.max }),
        })),
        reference: p.reference ?? null,
      })),
      null,
      2,
    );
  const w = Math.max(...rows.map((r) => r.p.name.length));
  return [
    `${'name'.padEnd(w)}  ${'family'.padEnd(12)}  ${'input'.padEnd(11)}  ${'params'.padStart(12)}  ${'MACs'.padStart(8)}  knobs`,
    ...rows.map(
      ({ p, params, macs }) =>
        `${p.name.padEnd(w)}  ${p.family.padEnd(12)}  ${p.input.join('×').padEnd(11)}  ${grouped(params).padStart(12)}  ${si(macs).padStart(8)}  ${p.knobs.map((k) => `${k.name}=${k.default}`).join(' ')}`,
    ),
  ].join('\n');
}

export function listDevices(json: boolean): string {
  if (json)
    return JSON.stringify(
      DEVICES.map((d) => ({ id: d.id, name: d.name, category: d.category, precisions: precisionsOf(d) })),
      null,
      2,
    );
  const w = Math.max(...DEVICES.map((d) => d.id.length));
  return DEVICES.map(
    (d) => `${d.id.padEnd(w)}  ${d.category.padEnd(14)}  ${precisionsOf(d).join('/').padEnd(14)}  ${d.name}`,
  ).join('\n');
}
