"""Runs the PyTorch files scripts/write-pytorch-presets.ts wrote, in real PyTorch (CPU), and checks
each against FlopLab: sum(p.numel() for p in Net().parameters()) equals FlopLab's parameter count,
and the forward on torch.zeros(batch, *input) (one tensor per model input) gives FlopLab's output
shape(s). Prints one line per preset and a summary; exits 1 when any written preset differs.

    npx tsx scripts/write-pytorch-presets.ts /tmp/pytorch-presets
    python scripts/check-pytorch-export.py /tmp/pytorch-presets
"""
import importlib.util
import json
import sys
import traceback

import torch

folder = sys.argv[1] if len(sys.argv) > 1 else "/tmp/pytorch-presets"
only = set(sys.argv[2:])
manifest = json.load(open(f"{folder}/manifest.json"))
same, differ, refused = [], [], []
torch.set_grad_enabled(False)
for m in manifest:
    if only and m["name"] not in only:
        continue
    if not m["file"]:
        refused.append(m["name"])
        print(f"REFUSED {m['name']}: {m['error']}")
        continue
    try:
        spec = importlib.util.spec_from_file_location(m["name"], f"{folder}/{m['file']}")
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        net = mod.Net().eval()
        params = sum(p.numel() for p in net.parameters())
        out = net(*[torch.zeros(m["batch"], *s) for s in m["inputs"]])
        outs = list(out) if isinstance(out, (tuple, list)) else [out]
        shapes = [list(o.shape) for o in outs]
        want = [[m["batch"], *s] for s in m["outputs"]]
        ok = params == int(m["params"]) and shapes == want
        line = f"params {params} vs {m['params']}, shapes {shapes} vs {want}"
    except Exception:
        ok, line = False, traceback.format_exc(limit=3).strip().splitlines()[-1]
    (same if ok else differ).append(m["name"])
    print(f"{'SAME' if ok else 'DIFFER'} {m['name']}: {line}", flush=True)
print(f"\n{len(same)} same (params and output shapes), {len(differ)} differ, {len(refused)} refused by the writer")
if differ:
    print("differ:", " ".join(differ))
sys.exit(1 if differ else 0)
