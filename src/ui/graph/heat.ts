/**
 * Heat colours of graph nodes by level (engine/graph-view/metrics.ts heatLevel): a light-to-red
 * scale that reads in both themes (dark text on the light levels, white on the two darkest), and
 * explicit colours so an exported SVG/PNG looks the same outside the page.
 */
export const HEAT_FILL = ['#f8fafc', '#fef3c7', '#fde68a', '#fdba74', '#f87171', '#b91c1c'] as const;
export const HEAT_TEXT = ['#0f172a', '#0f172a', '#0f172a', '#0f172a', '#0f172a', '#ffffff'] as const;
/** A node without a value (inputs, outputs, latency with no device). */
export const NO_HEAT_FILL = '#e2e8f0';

export const heatFill = (level: number): string => (level < 0 ? NO_HEAT_FILL : HEAT_FILL[level]);
export const heatText = (level: number): string => (level < 0 ? '#0f172a' : HEAT_TEXT[level]);
