/**
 * Chart panels and device controls (issue 5). Standalone components driven by props: the
 * editor passes the ModelResult, the selection and a select callback; nothing here reads the
 * store. Estimates come from engine/deploy/latency (estimateLatency) computed by the caller.
 */
export { LayerBarsChart, CumulativeChart, type LayerChartProps } from './LayerCharts';
export { ClassShareChart } from './ClassShareChart';
export { MemoryChart } from './MemoryChart';
export { LatencyBarsChart, RooflineChart, type LatencyChartProps } from './LatencyCharts';
export { WhyThisNumber, layerForPath } from './WhyThisNumber';
export { DevicePicker } from './DevicePicker';
export { ChartFrame } from './ChartFrame';
export { MAX_BARS } from './chartData';
