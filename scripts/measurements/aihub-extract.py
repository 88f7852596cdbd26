"""
Extracts the latency rows of quic/ai-hub-models (qai_hub_models/models/<model>/perf.yaml) for the
models built from a torchvision builder (model.py: `tv_models.<builder>`), the networks FlopLab's
zoo presets reproduce, into src/engine/deploy/latency/measurements/aihub.json. Run by hand (the
output is committed, the repository is not; PyYAML is needed, CI does not run this):

    python3 scripts/measurements/aihub-extract.py <git dir of a quic/ai-hub-models clone> [commit]

Per row: model directory, component, precision (float, w8a8, w8a16, ...), device as Qualcomm AI Hub
names it, runtime (tflite, qnn_dlc, onnx, ...), inference_time_milliseconds, the estimated peak
memory range (MB), the primary compute unit and the layer counts per unit (total/npu/gpu/cpu).
Each model carries the commit and date that last changed its perf.yaml (git log), the row's own source.
"""
import json, re, subprocess, sys
import yaml

git_dir = sys.argv[1]
def git(*args):
    return subprocess.run(['git', '--git-dir', git_dir, *args], check=True, capture_output=True, text=True).stdout

commit = git('rev-parse', sys.argv[2] if len(sys.argv) > 2 else 'HEAD').strip()
date = git('show', '-s', '--format=%cs', commit).strip()
models_dir = 'qai_hub_models/models'
names = [l for l in git('ls-tree', '--name-only', commit, models_dir + '/').split('\n') if l]

models, rows = {}, []
for path in sorted(names):
    name = path.rsplit('/', 1)[-1]
    try:
        code = git('show', f'{commit}:{path}/model.py')
        perf = yaml.safe_load(git('show', f'{commit}:{path}/perf.yaml'))
    except subprocess.CalledProcessError:
        continue
    builders = sorted(set(re.findall(r'tv_models\.([a-z]\w*)\b(?!\.)', code)))
    builders = [b for b in builders if not b[0].isupper() and not b.endswith('_Weights')]
    if len(builders) != 1:
        continue  # not a plain torchvision network (or several): FlopLab cannot claim it is the preset
    info = yaml.safe_load(git('show', f'{commit}:{path}/info.yaml'))
    tech = (info or {}).get('technical_details', {}) or {}
    last = git('log', '-1', '--format=%H %cs', commit, '--', f'{path}/perf.yaml').split()
    models[name] = {
        'path': f'{path}/perf.yaml',
        'torchvision': builders[0],
        'modelPy': f'{path}/model.py',
        'inputResolution': tech.get('Input resolution'),
        'parameters': tech.get('Number of parameters'),
        'commit': last[0],
        'date': last[1],
    }
    for prec, pv in ((perf or {}).get('precisions') or {}).items():
        for comp, cv in ((pv or {}).get('components') or {}).items():
            for device, dv in ((cv or {}).get('performance_metrics') or {}).items():
                for runtime, r in (dv or {}).items():
                    if not isinstance(r, dict) or r.get('job_status') != 'Passed':
                        continue
                    ms = r.get('inference_time_milliseconds')
                    if ms is None:
                        continue
                    mem = r.get('estimated_peak_memory_range_mb') or {}
                    lc = r.get('layer_counts') or {}
                    rows.append([name, comp, prec, device, runtime, ms, mem.get('min'), mem.get('max'),
                                 r.get('primary_compute_unit'), lc.get('total'), lc.get('npu', 0), lc.get('gpu', 0),
                                 lc.get('cpu', 0)])

out = {
    'generatedBy': 'scripts/measurements/aihub-extract.py; do not edit by hand',
    'source': {
        'repo': 'quic/ai-hub-models', 'commit': commit, 'date': date,
        'url': f'https://github.com/quic/ai-hub-models/tree/{commit}/{models_dir}',
        'what': 'Qualcomm AI Hub profile jobs: inference_time_milliseconds, batch 1, per device and runtime',
    },
    'models': models,
    'columns': ['model', 'component', 'precision', 'device', 'runtime', 'ms', 'peakMemMinMB', 'peakMemMaxMB',
                'primaryUnit', 'layers', 'npuLayers', 'gpuLayers', 'cpuLayers'],
    'rows': rows,
}
file = 'src/engine/deploy/latency/measurements/aihub.json'
with open(file, 'w') as f:
    f.write(json.dumps(out))
print(f'{len(rows)} rows, {len(models)} models -> {file}')
