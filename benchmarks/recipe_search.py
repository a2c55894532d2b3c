"""The search for the `dilated` recipe's settings on all the data (issue 16, item 4), from the committed runs in
`benchmarks/results`: each run, what it changes against the run it is compared with, and the difference that made
to its best test accuracy, to the same with the mirror image (`tta_accuracy`) and to how well its weights fit the
clean training images (`cifar_eval --split train`, where it was run). It trains nothing; it reads `results.json`
and `cifar_eval_train.json`.

    python benchmarks/recipe_search.py                # a Markdown table, as in benchmarks/README.md
    python benchmarks/recipe_search.py --plot runs.png  # and the C4-at-8x8 runs' curves (`plot_runs`) into runs.png

A run still training (no `results.json` yet) is listed as such.
"""
import argparse, json
from pathlib import Path

RESULTS = Path(__file__).parent/'results'

# run folder: (what it changes, the run it is compared with); the first is the recipe as it is
SEARCH = {
    'dilated-cpu-full-2026-11-23': ('the recipe: dilated downsampling, C4 at 4x4, 40 epochs', None),
    'dilated-cpu-full-80-epochs-2026-12-02': ('80 epochs (its lr_find: a 9x higher peak LR)', 'dilated-cpu-full-2026-11-23'),
    'dilated-strided-cpu-full-2026-12-02': ('`--downsample strided` (the peak LR of the 80-epoch run)', 'dilated-cpu-full-2026-11-23'),
    'dilated-strided-lighter-augs-cpu-full-2026-12-03': ('ShiftScaleRotate and cutout at p 0.25', 'dilated-strided-cpu-full-2026-12-02'),
    'dilated-strided-c4-8x8-cpu-full-2026-12-03': ('`--n_down 2`: C4 at 8x8', 'dilated-strided-cpu-full-2026-12-02'),
    'dilated-strided-c4-8x8-label-smoothing-cpu-full-2026-12-03': ('`--label_smoothing 0.1`', 'dilated-strided-c4-8x8-cpu-full-2026-12-03'),
    'dilated-strided-c4-8x8-wd-0.05-cpu-full-2026-12-03': ('`--wd 0.05`', 'dilated-strided-c4-8x8-cpu-full-2026-12-03'),
    'dilated-strided-c4-8x8-silu-cpu-full-2026-12-03': ('`--act silu`', 'dilated-strided-c4-8x8-cpu-full-2026-12-03'),
    'dilated-strided-c4-8x8-80-epochs-cpu-full-2026-12-03': ('`--epochs 80`', 'dilated-strided-c4-8x8-cpu-full-2026-12-03'),
    'dilated-strided-c4-8x8-silu-ls-80-epochs-cpu-full-2026-12-04': ('`--act silu --label_smoothing 0.1`, 80 epochs', 'dilated-strided-c4-8x8-80-epochs-cpu-full-2026-12-03'),
    'dilated-strided-c4-8x8-silu-ls-160-epochs-cpu-full-2026-12-06': ('`--epochs 160`', 'dilated-strided-c4-8x8-silu-ls-80-epochs-cpu-full-2026-12-04'),
    'dilated-strided-c4-8x8-silu-ls-80-epochs-aug-p-0.75-cpu-full-2026-12-06': ('ShiftScaleRotate and cutout at p 0.75', 'dilated-strided-c4-8x8-silu-ls-80-epochs-cpu-full-2026-12-04'),
    'dilated-strided-c4-8x8-silu-ls-160-epochs-ema-cpu-full-2026-12-06': ('an average of the weights (EMA, decay 0.9998; `weight_averaging_run.py`)', 'dilated-strided-c4-8x8-silu-ls-160-epochs-cpu-full-2026-12-06'),
}

def figures(run:str) -> dict|None:
    "Best and TTA test accuracy (TTA: `None` for a run older than it) and clean-training accuracy of a committed run, or `None` while it trains."
    folder = RESULTS/run
    if not (folder/'results.json').is_file(): return None
    r = json.loads((folder/'results.json').read_text())
    fit = folder/'cifar_eval_train.json'
    return dict(epochs=r['epochs'], best=r['best_accuracy'], tta=r.get('tta_accuracy'),
                train=json.loads(fit.read_text())['accuracy'] if fit.is_file() else None)

def pct(x) -> str: return '' if x is None else f'{x:.2%}'
def points(x, base) -> str: return '' if x is None or base is None else f'{100 * (x - base):+.2f}'

def search_table() -> str:
    "The search as a Markdown table: a row per run, its figures and their differences from the run it is compared with."
    rows = ['| run | change | against | epochs | best | TTA | train (clean) | best +/- | TTA +/- | train +/- |', '|' + ' --- |' * 10]
    for run, (change, base_run) in SEARCH.items():
        f, base = figures(run), (figures(base_run) if base_run else None) or {}
        if f is None:
            rows.append(f'| {run} | {change} | {base_run} | training |' + ' |' * 6)
            continue
        rows.append(f"| {run} | {change} | {base_run or ''} | {f['epochs']} | {pct(f['best'])} | {pct(f['tta'])} | {pct(f['train'])} | "
                    + ' | '.join(points(f[k], base.get(k)) for k in ('best', 'tta', 'train')) + ' |')
    return '\n'.join(rows)

if __name__ == '__main__':
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--plot', help="Also write the curves of the C4-at-8x8 runs (plot_runs of 09_interpret) into this PNG")
    args = parser.parse_args()
    print(search_table())
    if args.plot:
        from cifar_fastai.interpret import plot_runs
        plot_runs({change.replace('`', ''): RESULTS/run for run, (change, _) in SEARCH.items()
                   if 'c4-8x8' in run and (RESULTS/run/'metrics.csv').is_file()}).savefig(args.plot, dpi=100)
        print(f'wrote {args.plot}')
