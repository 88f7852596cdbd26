/** Axis and tooltip formatting for charts (numbers here are already display values). */
// Up to Y, as the totals' siNumber: counts reach 10^18 and beyond (ten 10^9 × 10^9 linears), and
// stopping at P would print 2 × 10^21 as "2000000 P".
const PREFIX = ['', 'k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y'];

/** 3 significant digits with an SI prefix: 1234 → "1.23 k". */
export function si(n: number, unit = ''): string {
  if (!Number.isFinite(n)) return '–';
  if (n === 0) return `0${unit ? ' ' + unit : ''}`;
  let p = 0;
  let v = Math.abs(n);
  while (v >= 1000 && p < PREFIX.length - 1) {
    v /= 1000;
    p++;
  }
  // Rounding that carries into the next prefix moves up (999,999 → "1 M", not "1000 k").
  if (Number(v.toPrecision(3)) >= 1000 && p < PREFIX.length - 1) {
    v /= 1000;
    p++;
  }
  const txt = Number(v.toPrecision(3)).toString();
  return `${n < 0 ? '-' : ''}${txt}${PREFIX[p] || unit ? ' ' : ''}${PREFIX[p]}${unit}`;
}

/** Bytes in binary-free SI (kB = 1000 B), as the totals panel prints them. */
export const bytes = (n: number) => si(n, 'B');

/** Milliseconds with sensible precision. */
export const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 1 ? n.toFixed(2) : n.toPrecision(2)) + ' ms';

/** Log axes cannot show 0: bars of 0 are drawn at this floor. */
export const LOG_FLOOR = 0.5;

export const COLORS = {
  params: '#4f46e5',
  count: '#d97706',
  compute: '#4338ca',
  memory: '#ea580c',
  selected: '#0f766e',
  peak: '#dc2626',
  held: '#94a3b8',
  /** The arena's unused gaps above the live bytes (memory chart). */
  arena: '#fcd34d',
} as const;
