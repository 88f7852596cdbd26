"""Runs the files scripts/check-onnx-export.ts wrote in onnxruntime (graph optimizations off, zeros in)
and compares each output's shape with FlopLab's. Needs onnx and onnxruntime.
Usage: python scripts/check-onnx-export.py [DIR]   (default /tmp/floplab-onnx-export)"""
import json
import sys

import numpy as np
import onnx
import onnxruntime as ort

d = sys.argv[1] if len(sys.argv) > 1 else '/tmp/floplab-onnx-export'
expected = json.load(open(f'{d}/expected.json'))
bad = 0
for name, e in expected.items():
    f = f'{d}/{name}.onnx'
    try:
        onnx.checker.check_model(f)
        so = ort.SessionOptions()
        so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
        so.log_severity_level = 3
        s = ort.InferenceSession(f, so, providers=['CPUExecutionProvider'])
        got = [list(o.shape) for o in s.run(None, {i.name: np.zeros(i.shape, np.float32) for i in s.get_inputs()})]
        want = [[e['batch']] + o for o in e['outputs']]
        if got[: len(want)] != want:
            bad += 1
            print('SHAPES', name, got, want)
    except Exception as err:  # a file onnxruntime refuses
        bad += 1
        print('ERROR', name, str(err)[:300])
print(f'{len(expected) - bad} of {len(expected)} run with FlopLab\'s output shapes')
sys.exit(1 if bad else 0)
