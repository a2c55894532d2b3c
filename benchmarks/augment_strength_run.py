"""`cifar_train` with the `dilated` recipe's augmentations applied more or less often: ShiftScaleRotate (`Affine`) and
the 16x16 CoarseDropout each with probability `--aug_p` instead of 0.5 (HorizontalFlip stays at 0.5: a mirror is as
likely either way); every other option is `cifar_train`'s. It asks whether the strength of the augmentations is what
holds the net back: lighter ones for a net that underfits, heavier ones for one that fits its training images far
better than its test images. Albumentations on each image only: `--augment_on batch` is refused.

    python benchmarks/augment_strength_run.py --aug_p 0.25 --downsample strided --lr 0.04254671037197113 \\
        --data ../shared/data/cifar10-jpg.tgz --out benchmarks/results/dilated-strided-lighter-augs-cpu-full-2026-12-03

(`--resume` continues a run, as with `cifar_train`.) The recipe's settings in `results.json` record the augmentations
(`dilated_net_augs(p=0.25)`). The runs and their figures are in benchmarks/README.md, each beside the run it is
compared with (the same options but `--aug_p`). Runs before 2026-12-07 were made with the recipe of their day, whose
defaults differ: their commands name its options.
"""
import argparse, sys
from functools import partial
from cifar_fastai.augment import dilated_net_augs
from cifar_fastai.cli import cli_errors, train_arguments
from cifar_fastai.run import run_recipe

def probability(text:str) -> float:
    p = float(text)
    if not 0 <= p <= 1: raise argparse.ArgumentTypeError(f"{text}: expected a probability from 0 to 1")
    return p

def augs_at(p:float) -> dict:
    "The recipe changes that apply the `dilated` recipe's ShiftScaleRotate and cutout with probability `p`, on each image only."
    return dict(augs=partial(dilated_net_augs, p=p), batch_augs=None)

if __name__ == '__main__':
    parser = argparse.ArgumentParser(usage='%(prog)s --aug_p P [cifar_train options]', add_help=False)
    parser.add_argument('--aug_p', type=probability, required=True)
    args, rest = parser.parse_known_args()
    options = train_arguments(rest)   # the rest is cifar_train's command line
    with cli_errors('augment_strength_run.py'): run_recipe(**options, **augs_at(args.aug_p))
