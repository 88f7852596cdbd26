/**
 * Device and precision pickers: devices grouped by category, filtered by a search box; the
 * precision picker offers only what the device has a peak figure for. Unverified figures are
 * labelled in the option text.
 */
import { useId, useMemo, useState } from 'react';
import {
  CATEGORY_LABELS,
  DEVICE_CATEGORIES,
  DEVICES,
  deviceById,
  precisionsOf,
  type Device,
  type Precision,
} from '../../engine/deploy/devices';
import { NCNN_VENDORS } from '../../engine/deploy/devices/data-ncnn';
import { useT } from '../i18n';

export function DevicePicker({
  deviceId,
  precision,
  onChange,
}: {
  deviceId: string | null;
  precision: Precision;
  onChange: (deviceId: string | null, precision: Precision) => void;
}) {
  const [query, setQuery] = useState('');
  const t = useT();
  const ids = useId();
  // By kind, and the measured setups (issue 18) by kind and vendor after the others of their kind.
  const groups = useMemo(() => {
    const q = query.trim().toLowerCase();
    const hit = (d: Device) => !q || `${d.id} ${d.name} ${NCNN_VENDORS[d.id] ?? ''}`.toLowerCase().includes(q);
    return DEVICE_CATEGORIES.flatMap((c) => {
      const inCat = DEVICES.filter((d) => d.category === c && hit(d));
      const vendors = [...new Set(inCat.flatMap((d) => (NCNN_VENDORS[d.id] ? [NCNN_VENDORS[d.id]] : [])))].sort();
      return [
        { key: c, label: CATEGORY_LABELS[c], devices: inCat.filter((d) => !NCNN_VENDORS[d.id]) },
        ...vendors.map((v) => ({
          key: `${c}:${v}`,
          label: t('device.measuredGroup', { kind: CATEGORY_LABELS[c], vendor: v }),
          devices: inCat.filter((d) => NCNN_VENDORS[d.id] === v),
        })),
      ];
    }).filter((g) => g.devices.length);
  }, [query, t]);
  const device = deviceId ? deviceById(deviceId) : undefined;
  const precisions = device ? precisionsOf(device) : (['fp32', 'fp16', 'int8'] as Precision[]);
  const pick = (id: string | null) => {
    const d = id ? deviceById(id) : undefined;
    const ps = d ? precisionsOf(d) : [];
    onChange(id, d && !ps.includes(precision) ? ps[0] : precision);
  };
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <label htmlFor={`${ids}-q`} className="sr-only">
        {t('device.search')}
      </label>
      <input
        id={`${ids}-q`}
        type="search"
        placeholder={t('device.search')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        className="focus-ring w-36 rounded-md border border-slate-300 px-2 py-1 dark:border-slate-600 dark:bg-slate-800"
      />
      <label htmlFor={`${ids}-d`} className="sr-only">
        {t('device.label')}
      </label>
      <select
        id={`${ids}-d`}
        data-testid="device-picker"
        value={deviceId ?? ''}
        onChange={(e) => pick(e.target.value || null)}
        className="focus-ring max-w-[13rem] rounded-md border border-slate-300 px-2 py-1 dark:border-slate-600 dark:bg-slate-800"
      >
        <option value="">{t('device.none')}</option>
        {groups.map((g) => (
          <optgroup key={g.key} label={g.label}>
            {g.devices.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <label htmlFor={`${ids}-p`} className="sr-only">
        {t('device.precision')}
      </label>
      <select
        id={`${ids}-p`}
        data-testid="precision-picker"
        value={precision}
        onChange={(e) => onChange(deviceId, e.target.value as Precision)}
        className="focus-ring rounded-md border border-slate-300 px-2 py-1 dark:border-slate-600 dark:bg-slate-800"
      >
        {precisions.map((p) => (
          <option key={p} value={p}>
            {p}
            {device?.peak[p]?.unverified ? ` · ${t('device.unverified')}` : ''}
          </option>
        ))}
      </select>
    </div>
  );
}
