// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { evaluateModel } from '../../../src/engine/evaluate';
import { runtimeOf, type LatencyView } from '../../../src/worker/runtime';
import { presetByName } from '../../../src/engine/presets';
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
    expect(options).toEqual(['jetson-nano', 'jetson-xavier-nx', 'jetson-orin-nano', 'jetson-agx-orin']);
  });
});
