// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { evaluateModel } from '../../../src/engine/evaluate';
import { runtimeOf, type LatencyView } from '../../../src/worker/runtime';
import { presetByName } from '../../../src/engine/presets';
import { DEVICES, deviceById } from '../../../src/engine/deploy/devices';
import {
  ClassShareChart,
  CumulativeChart,
  DevicePicker,
  LatencyBarsChart,
  LayerBarsChart,
  MemoryChart,
  RooflineChart,
  WhyThisNumber,
} from '../../../src/ui/charts';
import { layerSeries, rooflinePoints } from '../../../src/ui/charts/chartData';

// Smoke tests: every panel renders with a real preset (MobileNetV2, torchvision layout) without throwing,
// and the controls call back. Pixel output is checked in the browser (Playwright), not here.
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
} as unknown as typeof ResizeObserver;

const model = presetByName('mobilenet_v2')!.build();
const r = evaluateModel(model);
// What the runtime worker sends (src/worker/runtime.ts), computed here in-process.
const answer = runtimeOf(model, { deviceId: 'pixel4-cpu-4t', precision: 'fp32', dtype: 'fp32', compare: true });
const e = answer.latency as LatencyView;
if (!e || 'error' in e) throw new Error('no estimate');

describe('chart panels render', () => {
  afterEach(cleanup);
  it.each([
    ['layers', <LayerBarsChart key="a" result={r} countIndex={-1} countLabel="MACs" />],
    ['cumulative', <CumulativeChart key="b" result={r} countIndex={-1} countLabel="MACs" />],
    ['classes', <ClassShareChart key="c" result={r} countIndex={-1} countLabel="MACs" />],
    ['memory', <MemoryChart key="d" memory={answer.memory} />],
    ['latency', <LatencyBarsChart key="e" latency={e} />],
    ['roofline', <RooflineChart key="f" latency={e} />],
  ])('%s', (id, el) => {
    render(el);
    expect(screen.getByTestId(`chart-${id}`)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: new RegExp(`Download ${id} chart as PNG`) })).toBeInTheDocument();
  });
  it('memory panel names the peak', () => {
    render(<MemoryChart memory={answer.memory} />);
    expect(screen.getByTestId('chart-memory').textContent).toMatch(/peak [0-9.]+ MB at/);
  });
  it('why-this-number explains the first conv of MobileNetV2', () => {
    render(<WhyThisNumber latency={e} selectedPath="layers[0]" />);
    expect(screen.getByTestId('why-this-number').textContent).toMatch(/bound/);
    expect(screen.getByTestId('why-this-number').textContent).toMatch(/overhead \+ max\(compute, memory\)/);
  });
  it('device picker switches precision to one the device supports', () => {
    const onChange = vi.fn();
    render(<DevicePicker deviceId={null} precision="int8" onChange={onChange} />);
    fireEvent.change(screen.getByTestId('device-picker'), { target: { value: 'jetson-nano' } });
    expect(onChange).toHaveBeenCalledWith('jetson-nano', 'fp32');
  });
  it('device picker search filters the options', () => {
    render(<DevicePicker deviceId={null} precision="fp32" onChange={() => {}} />);
    fireEvent.change(screen.getByPlaceholderText('Search devices'), { target: { value: 'jetson' } });
    const options = [...screen.getByTestId('device-picker').querySelectorAll('option')]
      .map((o) => o.value)
      .filter(Boolean);
    // The four TensorRT Jetsons first, then the ncnn-measured Jetson setups (devices/data-ncnn.ts).
    expect(options.slice(0, 4)).toEqual(['jetson-nano', 'jetson-xavier-nx', 'jetson-orin-nano', 'jetson-agx-orin']);
    expect(options.filter((id) => !/jetson/i.test(deviceById(id)?.name ?? ''))).toEqual([]);
    expect(options.length).toBeLessThan(DEVICES.length);
  });
});

describe('hand-drawn plots (src/ui/charts/svg) draw every item and pick one', () => {
  // jsdom has no layout: give every element a 600 × 240 box so the plots draw.
  const rect = { x: 0, y: 0, left: 0, top: 0, width: 600, height: 240, right: 600, bottom: 240 };
  let restore: () => void = () => {};
  beforeEach(() => {
    const spy = vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockReturnValue({ ...rect, toJSON() {} });
    restore = () => spy.mockRestore();
  });
  afterEach(() => {
    cleanup();
    restore();
  });
  const points = layerSeries(r, -1).points;

  it('per-layer bars: one bar per layer, the selected one outlined, a click selects', () => {
    const onSelect = vi.fn();
    const { container } = render(
      <LayerBarsChart
        result={r}
        countIndex={-1}
        countLabel="MACs"
        selectedPath={points[3].selectPath}
        onSelect={onSelect}
      />,
    );
    const bars = container.querySelectorAll('rect.chart-bar');
    expect(bars).toHaveLength(points.length);
    const outlined = [...bars].filter((b) => b.getAttribute('stroke'));
    expect(outlined.map((b) => b.getAttribute('data-testid'))).toEqual([`bar-count-${points[3].key}`]);
    // The plot box starts at x = 56 (the y axis) and ends 12 px before the right edge.
    const band = (600 - 12 - 56) / points.length;
    fireEvent.click(screen.getByRole('group', { name: /Per-layer/ }), { clientX: 56 + band * 5.5, clientY: 100 });
    expect(onSelect).toHaveBeenCalledWith(points[5].selectPath);
  });

  it('keyboard: arrows show the tooltip of the next bar, Enter selects it', () => {
    const onSelect = vi.fn();
    render(<LayerBarsChart result={r} countIndex={-1} countLabel="MACs" onSelect={onSelect} />);
    const chart = screen.getByRole('group', { name: /Per-layer/ });
    fireEvent.keyDown(chart, { key: 'ArrowRight' });
    fireEvent.keyDown(chart, { key: 'ArrowRight' });
    expect(screen.getByTestId('chart-tooltip').textContent).toContain(points[1].label);
    fireEvent.keyDown(chart, { key: 'Enter' });
    expect(onSelect).toHaveBeenCalledWith(points[1].selectPath);
    fireEvent.keyDown(chart, { key: 'Escape' });
    expect(screen.queryByTestId('chart-tooltip')).toBeNull();
  });

  it('memory bars stack the held and own parts and the arena above them, and mark the peak', () => {
    const { container } = render(<MemoryChart memory={answer.memory} />);
    const steps = answer.memory!.points.length;
    expect(container.querySelectorAll('rect.chart-bar')).toHaveLength(3 * steps);
    expect(answer.memory!.arenaBytes! >= answer.memory!.peakBytes).toBe(true);
    expect(container.textContent).toMatch(/arena [0-9.]+ MB/);
    expect(container.textContent).toMatch(/peak [0-9.]+ MB/);
  });

  it('roofline: one point per kernel and the roof line', () => {
    const { container } = render(<RooflineChart latency={e} />);
    expect(container.querySelectorAll('circle.chart-point')).toHaveLength(rooflinePoints(e.points).length);
    expect(container.querySelector('polyline')).not.toBeNull();
  });

  it('says there is nothing to draw instead of showing bare axes', () => {
    const { container } = render(<LayerBarsChart result={null} countIndex={-1} countLabel="MACs" />);
    expect(container.querySelectorAll('rect.chart-bar')).toHaveLength(0);
    expect(screen.getByTestId('chart-layers').textContent).toContain('Nothing to draw yet');
  });

  it('cumulative curves end at 100 %', () => {
    const { container } = render(<CumulativeChart result={r} countIndex={-1} countLabel="MACs" />);
    const paths = [...container.querySelectorAll('path.chart-line')].map((p) => p.getAttribute('d')!);
    expect(paths).toHaveLength(2);
    // The top of the plot (100 %) is y = 24 (legend row above it).
    for (const d of paths) expect(d.endsWith('V24.0')).toBe(true);
  });
});
