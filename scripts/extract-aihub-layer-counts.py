#!/usr/bin/env python3
"""
Extracts, from a git checkout of quic/ai-hub-models, the per-layer placement counts Qualcomm AI Hub
published for the models FlopLab has as presets: models/<id>/perf.yaml, `layer_counts` (total, npu,
gpu, cpu) per precision, device and runtime. Only the Samsung Galaxy S24 rows are kept (Snapdragon 8
Gen 3, FlopLab's `snapdragon-8gen3-npu` device), to keep the committed file small.

Which torchvision/ultralytics builder each AI Hub model wraps is read from its model.py (the
`tv_models.<builder>` call or DEFAULT_WEIGHTS), so the mapping to a FlopLab preset is not typed by hand
from memory; models whose builder is not a FlopLab preset are skipped.

Usage (then `npx prettier --write` the output, as for every committed JSON):
  python3 scripts/extract-aihub-layer-counts.py <path to the repository's git dir> > \
         tests/fixtures/placement/aihub-layer-counts.json
Needs PyYAML. Reads the repository with `git show` (no work tree needed).
"""
import json
import re
import subprocess
import sys

import yaml

DEVICE = "Samsung Galaxy S24"
# AI Hub model ids worth reading: those whose builder may be a FlopLab preset.
MODELS = [
    "mobilenet_v2", "mobilenet_v3_large", "mobilenet_v3_small", "resnet18", "resnet50", "resnet101",
    "resnext50", "resnext101", "wideresnet50", "squeezenet1_1", "shufflenet_v2", "efficientnet_b0",
    "efficientnet_b4", "efficientnet_v2_s", "vit", "convnext_tiny", "convnext_base", "densenet121",
    "inception_v3", "googlenet", "regnet", "regnet_y_800mf", "mnasnet05", "fcn_resnet50",
    "yolov8_det", "yolov11_det",
]
# FlopLab preset names (src/engine/presets): a builder must be one of these to be kept.
PRESETS = set("""lenet5 alexnet vgg11 vgg16 resnet18 resnet34 resnet50 resnet101 resnet152 resnext50_32x4d
resnext101_32x8d resnext101_64x4d wide_resnet50_2 wide_resnet101_2 squeezenet1_0 squeezenet1_1 densenet121
googlenet inception_v3 mobilenet_v2 mobilenet_v3_large mobilenet_v3_small mnasnet0_5 mnasnet1_0
shufflenet_v2_x0_5 shufflenet_v2_x1_0 efficientnet_b0 efficientnet_b4 efficientnet_v2_s regnet_x_3_2gf
regnet_y_800mf convnext_tiny convnext_base vit_b_16 fcn_resnet50 yolov8n yolo11n""".split())


def git(gitdir, *args):
    return subprocess.run(["git", "--git-dir", gitdir, *args], check=True, capture_output=True, text=True).stdout


def builder(gitdir, commit, model):
    src = git(gitdir, "show", f"{commit}:qai_hub_models/models/{model}/model.py")
    m = re.search(r"tv_models\.(?:segmentation\.)?([a-z0-9_]+)", src)
    if m:
        return m.group(1)
    m = re.search(r'DEFAULT_WEIGHTS = "([a-z0-9]+)\.pt"', src)
    return m.group(1) if m else None


def main():
    gitdir = sys.argv[1]
    commit = git(gitdir, "rev-parse", "HEAD").strip()
    rows = []
    for model in MODELS:
        b = builder(gitdir, commit, model)
        if b not in PRESETS:
            print(f"skip {model}: builder {b} is not a FlopLab preset", file=sys.stderr)
            continue
        path = f"qai_hub_models/models/{model}/perf.yaml"
        perf = yaml.safe_load(git(gitdir, "show", f"{commit}:{path}"))
        for precision, p in perf.get("precisions", {}).items():
            for component, c in p.get("components", {}).items():
                for runtime, m in c.get("performance_metrics", {}).get(DEVICE, {}).items():
                    lc = m.get("layer_counts")
                    if not lc or m.get("job_status") != "Passed":
                        continue
                    rows.append({
                        "aihubModel": model, "preset": b, "path": path, "precision": precision,
                        "component": component, "device": DEVICE, "runtime": runtime,
                        "total": lc.get("total", 0), "npu": lc.get("npu", 0), "gpu": lc.get("gpu", 0),
                        "cpu": lc.get("cpu", 0), "primaryComputeUnit": m.get("primary_compute_unit"),
                    })
    json.dump({
        "source": {"repo": "quic/ai-hub-models", "commit": commit, "paths": "qai_hub_models/models/<id>/perf.yaml",
                   "field": "precisions.<p>.components.<c>.performance_metrics.<device>.<runtime>.layer_counts"},
        "extractedBy": "scripts/extract-aihub-layer-counts.py",
        "device": DEVICE,
        "rows": rows,
    }, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
