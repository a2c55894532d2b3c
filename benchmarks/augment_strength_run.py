"""`cifar_train` with the `dilated` recipe's augmentations applied more or less often: ShiftScaleRotate (`Affine`) and
the 16x16 CoarseDropout each with probability `--aug_p` instead of 0.5 (HorizontalFlip stays at 0.5: a mirror is as
likely either way); every other option is `cifar_train`'s. It asks whether the strength of the augmentations is what
holds the net back: lighter ones for a net that underfits, heavier ones for one that fits its training images far
better than its test images. Albumentations on each image only: `--augment_on batch` is refused.

    python benchmarks/augment_strength_run.py --aug_p 0.25 --downsample strided --lr 0.04254671037197113 \\
        --data ../shared/data/cifar10-jpg.tgz --out benchmarks/results/dilated-strided-lighter-augs-cpu-full-2026-12-03

(`--resume` continues a run, as with `cifar_train`.) The runs and their figures are in benchmarks/README.md, each
beside the run it is compared with (the same options but `--aug_p`).
"""
import argparse, dataclasses, sys
from cifar_fastai import train
from cifar_fastai.augment import dilated_net_augs
from cifar_fastai.cli import cifar_train

def dilated_net_augs_at(p:float):
    "A recipe's `augs`: `dilated_net_augs` of the mean colour with its `Affine` and `CoarseDropout` at probability `p`."
    def augs(mean):
        augs = dilated_net_augs(mean)
        for t in augs.transforms[1:]: t.p = p
        return augs
    augs.__name__ = f'dilated_net_augs_at(p={p})'   # as the recipe's settings print it
    return augs

def probability(text:str) -> float:
    p = float(text)
    if not 0 <= p <= 1: raise argparse.ArgumentTypeError(f"{text}: expected a probability from 0 to 1")
    return p

def with_aug_p(p:float):
    "Make `RECIPES['dilated']` augment with `dilated_net_augs_at(p)`, on each image only."
    train.RECIPES['dilated'] = dataclasses.replace(train.RECIPES['dilated'], augs=dilated_net_augs_at(p), batch_augs=None)

if __name__ == '__main__':
    parser = argparse.ArgumentParser(usage='%(prog)s --aug_p P [cifar_train options]', add_help=False)
    parser.add_argument('--aug_p', type=probability, required=True)
    args, sys.argv[1:] = parser.parse_known_args()   # the rest is cifar_train's command line (fastcore's `call_parse`)
    with_aug_p(args.aug_p)
    cifar_train()
