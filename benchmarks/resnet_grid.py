"""The `resnet` recipe's screen (issue "Recipes that deliver their numbers"): which regularisers, on top of the
one-cycle that falls to lr_max/1e4, lift ResNet-9 towards 93% within the assignment's constraints (Adam, one-cycle
over 24 epochs peaking at epoch 5, batch 512, cross-entropy, pad-4 crop + flip + cutout 8x8).

Each configuration trains the whole 24-epoch schedule (short runs cannot show what a regulariser does) on a
stratified sample of the training images, with two seeds, and is judged on its final epoch, which is tested on all
10,000 test images (the epochs before it on a stratified `--test_sample` of them, for the curves: testing all of them
after every epoch cost as much as the training). The learning rates are fixed at the ones `lr_find` gave the
committed full-data run (1.58e-3 and 1.58e-4), so that the configurations differ only in what they name (one peaks
at that sweep's lowest-loss LR instead, 1.58e-2: the peak a torch-lr-finder user would read off it), and weight
decay is set by its total over a *full-data* run, Σ lr·wd (`total_weight_decay`), then scaled to the sample's fewer
steps, so that a sample run's weights shrink as much as a full run's would. Each run is a `run_recipe` folder under
`--out`; the table (final accuracy, mean and each seed; the saved weights with TTA on all the test images; Σ lr·wd)
is printed and written as `grid.md` beside them, with every configuration whose runs have finished, also those an
`--only` left out.

    python benchmarks/resnet_grid.py --data ../shared/data/cifar10-jpg.tgz --out benchmarks/results/resnet-grid-2026-12-08 \\
        --sample 10000 --seeds 0 1 [--only wd-0.01 wd-total-0.2 ...] [--resume]

About 30 minutes a run on 10,000 images on the 2-core AVX-512 BF16 CPU (bf16), nothing else running (44 when every
epoch tested all the test images); six times that in float32 on AVX2.
"""
import argparse, json
from pathlib import Path
from fastai.callback.core import Callback
from cifar_fastai.run import run_recipe
from cifar_fastai.recipes import RECIPES
from cifar_fastai.sources import get_cifar10
from cifar_fastai.train import total_weight_decay
from cifar_fastai.inference import load_predictor, evaluate

LR_MAX, LR_MIN = 1.58e-3, 1.58e-4    # lr_find's, on the committed full-data run (results/resnet-cpu-full-2026-12-01)
LR_LOWEST_LOSS = 1.58e-2             # the lowest-loss LR of the same sweep (`minimum` suggests a tenth of it)
FULL_STEPS = 50_000 // 512 * 24      # the steps of a full-data run
# the total Σ lr·wd the other screens sit on top of, as the recipe's defaults would combine them: the sweep's best
# (each doubling up to 3.2 beat the one before and 6.4 fell back, seed 0: 2026-12-07 and 08)
BASE_TOTAL = 3.2

def wd_for(total:float, steps:int, lr_max:float=LR_MAX) -> float:
    "The weight decay whose Σ lr·wd over `steps` steps of the recipe's schedule from `LR_MIN` up to `lr_max` is `total`."
    return total / total_weight_decay(RECIPES['resnet'].updated(wd=1.), lr_max, LR_MIN, steps)

def configurations(steps:int) -> dict:
    "Name: recipe changes for a run of `steps` steps (`lr`: its peak LR, default `LR_MAX`)."
    # weight decay by its total over a run, Σ lr·wd: fastai's default 0.01 makes about 0.02 over a full-data run
    base = f'wd-total-{BASE_TOTAL}'
    wd = dict(wd=wd_for(BASE_TOTAL, steps))
    return {
        'wd-0.01': dict(wd=0.01),   # fastai's default, the recipe's when the screen began
        **{f'wd-total-{t}': dict(wd=wd_for(t, steps)) for t in (0.1, 0.2, 0.4, 0.8, 1.6, 3.2, 6.4, 12.8)},
        f'{base}-label-smoothing-0.1': dict(wd, label_smoothing=0.1),
        f'{base}-label-smoothing-0.2': dict(wd, label_smoothing=0.2),
        f'{base}-ema-0.999': dict(wd, ema=0.999),   # 0.999 or, for a short run, an average over a tenth of it
        # the peak at the sweep's lowest loss, as torch-lr-finder users read it, ten times `minimum`'s; the same start
        f'lr-lowest-loss-{base}': dict(lr=LR_LOWEST_LOSS, wd=wd_for(BASE_TOTAL, steps, LR_LOWEST_LOSS)),
    }

class TestAllAtLastEpoch(Callback):
    "Validate the last epoch on `valid`, all the test images, in place of the loaders' sample of them."
    def __init__(self, valid): self.valid = valid
    # fastai's `Learner.all_batches` reads `learn.dl` after `before_validate`: the metrics are then the whole set's
    def before_validate(self):
        if self.epoch == self.n_epoch - 1: self.learn.dl = self.valid

def tta_on_all(folder:Path, results:dict, data, n_test:int) -> float:
    "Accuracy with the mirror images (`cifar_eval --tta`) of the weights `run_recipe` saved in `folder`, on all `n_test` test images."
    if results['n_test'] == n_test: return results['tta_accuracy']   # a run that tested them all has it already
    figures = folder/'tta_all_test.json'
    if not figures.is_file():
        figures.write_text(json.dumps(evaluate(load_predictor(folder), data, tta=True), indent=1))
    return json.loads(figures.read_text())['accuracy']

if __name__ == '__main__':
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--data', required=True)
    parser.add_argument('--out', required=True)
    parser.add_argument('--sample', type=int, default=10_000)
    parser.add_argument('--test_sample', type=int, default=2_000, help='Test images of the epochs before the last (0: all)')
    parser.add_argument('--seeds', type=int, nargs='+', default=[0, 1])
    parser.add_argument('--only', nargs='+', help='Configurations to run (default: all); the table has every finished run')
    parser.add_argument('--resume', action='store_true', help='Continue interrupted runs; finished ones are read, not trained')
    args = parser.parse_args()
    steps, out = args.sample // 512 * 24, Path(args.out)
    recipe = RECIPES['resnet']
    all_test = RECIPES['resnet'].dataloaders(get_cifar10(args.data), bs=512).valid
    rows = ['| configuration | seeds | peak LR | wd (sample) | wd (full run) | final, mean | final by seed | TTA by seed |',
            '|---|---|---|---|---|---|---|---|']
    for name, changes in configurations(steps).items():
        if not args.only or name in args.only:
            for seed in args.seeds:
                folder = out/f'{name}-seed{seed}'
                if (folder/'results.json').is_file(): continue
                lr = changes.get('lr', LR_MAX)   # it starts at LR_MIN: the recipe's lr_max / div
                run_recipe(recipe, args.data, folder, sample=args.sample, test_sample=args.test_sample, bs=512,
                           seed=seed, resume=args.resume, **{**changes, 'lr': lr, 'div': lr / LR_MIN},
                           cbs=[TestAllAtLastEpoch(all_test)] if args.test_sample else None)
        # the table: every finished run of the configuration, whichever seeds this invocation named
        folders = sorted(out.glob(f'{name}-seed*/results.json'), key=lambda f: int(f.parent.name.rsplit('seed', 1)[1]))
        if not folders: continue
        runs = [json.loads(f.read_text()) for f in folders]
        wd, lr = runs[0]['wd'], runs[0]['lr_max']
        finals = [r['final_accuracy'] for r in runs]
        ttas = [tta_on_all(f.parent, run, args.data, len(all_test.dataset)) for f, run in zip(folders, runs)]
        rows.append(f"| {name} | {' '.join(str(r['seed']) for r in runs)} | {lr:.2e} | {wd:.3g} (Σ {runs[0]['wd_total']:.3f}) | "
                    f"{wd * wd_for(1., FULL_STEPS, lr) / wd_for(1., steps, lr):.3g} | {sum(finals) / len(finals):.2%} | "
                    f"{' '.join(f'{f:.2%}' for f in finals)} | {' '.join(f'{t:.2%}' for t in ttas)} |")
        print(rows[-1], flush=True)
    (out/'grid.md').write_text('\n'.join(rows) + '\n')
    print('\n'.join(rows))
