import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../../src/engine/evaluate';
import { dscnn, resnet8 } from '../../../src/engine/deploy/latency/tiny-models';

// The MLPerf Tiny networks behind the STM32H7 calibration rows (mlcommons/tiny keras_model.py).
describe('MLPerf Tiny models built from layers', () => {
  const rows: [string, ReturnType<typeof resnet8>, bigint, bigint, number[]][] = [
    // NXP eiq-model-zoo DS-CNN card: 23,756 parameters; output 12 keywords.
    // MACs by hand: conv 25·5·64·40 = 320,000; 4 × (dw 25·5·64·9 = 72,000 + pw 25·5·64·64 = 512,000); fc 64·12 = 768.
    ['DS-CNN (KWS)', dscnn(), 23_756n, 320_000n + 4n * (72_000n + 512_000n) + 768n, [12]],
    // Keras reports 78,666 params incl. 480 BN moving statistics → 78,186 trainable.
    // MACs by hand: 32·32·16·27 + 2·32·32·16·144 + 16·16·32·(144 + 288 + 16) + 8·8·64·(288 + 576 + 32) + 640.
    ['ResNet-8 (CIFAR-10)', resnet8(), 78_186n, 442_368n + 4_718_592n + 3_670_016n + 3_670_016n + 640n, [10]],
  ];
  it.each(rows)('%s', (_n, m, params, macs, out) => {
    const r = evaluateModel(m);
    expect(r.errors).toBe(0);
    expect(r.totals.params).toBe(params);
    expect(r.totals.macs).toBe(macs);
    expect(r.output).toEqual(out);
  });
});
