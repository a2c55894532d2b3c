"""Short runs that chose the `"dilated"` recipe: optimiser, weight decay, peak-LR suggestion, and (after the full-data run
landed at 83%) downsampling, augmentation strength and label smoothing.

Each configuration trains the `"dilated"` recipe (DilatedNet, `dilated_net_augs`, batch 128, one-cycle) for a few
epochs on a stratified sample of the real CIFAR-10 training set and reports the test accuracy on a stratified
sample of the test set, with `fit_recipe` and `lr_find` as `cifar_train` uses them (`--lr` fixes the peak LR
instead). With the defaults it takes about 10 minutes on an idle 2-core CPU; on a GPU, raise `--n-train`,
`--n-test` and `--epochs`.

    python benchmarks/dilated_recipe.py --data ../shared/data/cifar10-jpg.tgz --only optimisers
    python benchmarks/dilated_recipe.py --data ../shared/data/cifar10-jpg.tgz --n-train 10000 --n-test 2000 --epochs 10 --lr 5e-3 --only recipe

Results on the project's 2-core CPU (test accuracy after the last epoch, the peak LR lr_find gave in brackets):

    configuration                          2,560 / 1,000 images, 5 epochs   10,000 / 2,000 images, 8 epochs
    Adam wd=0.01, lr_max=minimum           0.394 (2.3e-3)                   0.620 (9.1e-2)
    Adam wd=0.01, lr_max=valley            0.276 (4.0e-4)                   0.645 (1.9e-2)
    Adam wd=0.1,  lr_max=minimum           0.445 (1.2e-2)                   0.622 (3.3e-3)
    SGD+momentum wd=5e-4, lr_max=minimum   0.359 (1.7e-2)                   0.493 (1.0e-2)
    --lr 1.2e-2: Adam wd=0.01 / wd=0.1     0.468 / 0.466

The peak LR matters most, and lr_find's suggestions move a lot from one sweep to the next: `valley` once landed 30x
below the good region (about 1e-2) and cost 19 points, while `minimum` stayed within about 5x of it either way. At
the same LR, weight decay 0.1 was no better than 0.01. SGD with momentum learned clearly slower than Adam.
Short runs on a sample measure how fast a configuration learns, not where 40 epochs on 50,000 images end up, so
they rule out bad choices rather than prove the best one.

The full-data run with the chosen recipe (benchmarks/results/dilated-cpu-full-2026-11-23) ended at 83%, below the
87.22% reference, with training accuracy (on augmented images) under test accuracy throughout: underfitting. The
`recipe` group then compared, at a fixed peak LR of 5e-3 (the full run's lr_find gave 4.8e-3), seed 0, on 10,000
training and 2,000 test images for 10 epochs (2026-12-01, the 2-core AVX-512 BF16 CPU, bf16, shared with a ResNet
run), test accuracy after the last epoch:

    the recipe (dilated downsampling)   0.644
    strided downsampling                0.655
    no cutout                           0.660
    label smoothing 0.1                 0.659
    strided, label smoothing 0.1        0.666

Each change gains 1 to 2 points, within what one seed on 2,000 test images can tell apart: none of them is the
missing 7 points. What these runs cannot show, and what the next runs are for: more epochs on all the data, and a
wider net within the 200k budget (the widths 32/64/128/192 leave the 16x16 and 8x8 stages thin).
"""
import argparse, dataclasses, os, tempfile, time
from functools import partial
from pathlib import Path
import pandas as pd
from fastai.vision.all import Adam, SGD, LabelSmoothingCrossEntropyFlat, set_seed, get_image_files
import albumentations as A
from cifar_fastai.data import CIFAR10_CLASSES, get_cifar10, cifar10_dls, stratified_sample
from cifar_fastai.augment import dilated_net_augs
from cifar_fastai.models import DilatedNet
from cifar_fastai.train import RECIPES, cifar_learner, fit_recipe

def without_cutout(mean) -> A.Compose:
    "The recipe's augmentations less the CoarseDropout (its last transform)."
    return A.Compose(dilated_net_augs(mean).transforms[:-1])

CONFIGS = {   # group: {name: changes to RECIPES['dilated']}
    'optimisers': {
        'Adam wd=0.01, lr_max=minimum': dict(opt_func=Adam, wd=0.01, lr_max_from='minimum'),
        'Adam wd=0.01, lr_max=valley':  dict(opt_func=Adam, wd=0.01, lr_max_from='valley'),
        'Adam wd=0.1, lr_max=minimum':  dict(opt_func=Adam, wd=0.1, lr_max_from='minimum'),
        'SGD+momentum wd=5e-4, lr_max=minimum': dict(opt_func=partial(SGD, mom=0.9), wd=5e-4, lr_max_from='minimum')},
    'recipe': {
        'the recipe (dilated downsampling)': dict(),
        'strided downsampling': dict(arch=partial(DilatedNet, downsample='strided')),
        'no cutout': dict(augs=without_cutout),
        'label smoothing 0.1': dict(loss_func=LabelSmoothingCrossEntropyFlat(eps=0.1)),
        'strided, label smoothing 0.1': dict(arch=partial(DilatedNet, downsample='strided'), loss_func=LabelSmoothingCrossEntropyFlat(eps=0.1))},
}

def subset(path:Path, dest:Path, n_train:int, n_test:int, seed:int=0) -> Path:
    "A CIFAR-10 folder at `dest` of symlinks to a stratified sample of `path`'s training and test images."
    for split, n in (('train', n_train), ('test', n_test)):
        for cls in CIFAR10_CLASSES: (dest/split/cls).mkdir(parents=True, exist_ok=True)
        for fn in stratified_sample(get_image_files(path/split), n, seed):
            os.symlink(fn, dest/split/fn.parent.name/fn.name)
    return dest

def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--data', default=None, help='CIFAR-10 folder or archive (default: download)')
    p.add_argument('--n-train', type=int, default=2560)
    p.add_argument('--n-test', type=int, default=1000)
    p.add_argument('--epochs', type=int, default=5)
    p.add_argument('--only', nargs='*', default=['optimisers'], help='groups of configurations (optimisers, recipe) or single configurations to run')
    p.add_argument('--lr', type=float, default=None, help="peak LR of every configuration, instead of lr_find's suggestion")
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = subset(get_cifar10(args.data), Path(tmp)/'data', args.n_train, args.n_test)
        rows = []
        configs = {n: c for group, named in CONFIGS.items() for n, c in named.items() if group in args.only or n in args.only}
        for name, changes in configs.items():
            recipe = dataclasses.replace(RECIPES['dilated'], epochs=args.epochs, **changes)
            set_seed(0)
            learn = cifar_learner(recipe, cifar10_dls(data, recipe, bs=recipe.bs), path=Path(tmp)/'runs'/str(len(rows)))
            start = time.perf_counter()
            with learn.no_bar(), learn.no_logging(): lr_max, lr_min = fit_recipe(learn, recipe, lr_max=args.lr)
            accs = pd.read_csv(learn.path/'metrics.csv').valid_accuracy.tolist()
            rows.append((name, lr_max, accs, time.perf_counter() - start))
            print(f'{name:38s} lr_max {lr_max:.2e}  test accuracy by epoch {" ".join(f"{a:.3f}" for a in accs)}  ({rows[-1][3]:.0f}s)', flush=True)
    print(f'\n{args.n_train} training / {args.n_test} test images, {args.epochs} epochs, batch {RECIPES["dilated"].bs}')
    for name, lr_max, accs, secs in rows: print(f'{name:38s} lr_max {lr_max:.2e}  final {accs[-1]:.3f}  best {max(accs):.3f}')

if __name__ == '__main__': main()
