"""`cifar_train` with the `dilated` recipe's augmentations made lighter: ShiftScaleRotate (`Affine`) and the 16x16
CoarseDropout each applied with probability `P` instead of 0.5 (HorizontalFlip stays at 0.5); everything else, the
command-line options included, is `cifar_train`'s. It asks whether the net, which underfits (the strided 40-epoch
run fits 93% of the clean training images), is held back by the strength of its augmentations.

    python benchmarks/lighter_augs_run.py --downsample strided --lr 0.04254671037197113 \\
        --data ../shared/data/cifar10-jpg.tgz --out benchmarks/results/dilated-strided-lighter-augs-cpu-full-2026-12-03

(`--resume` continues it, as with `cifar_train`.) Its figures are in benchmarks/README.md, beside the run it is
compared with, `results/dilated-strided-cpu-full-2026-12-02` (the same peak LR, from that run's lr_find).
"""
import dataclasses
from cifar_fastai import train
from cifar_fastai.augment import dilated_net_augs
from cifar_fastai.cli import cifar_train

P = 0.25

def lighter_dilated_net_augs(mean):
    "`dilated_net_augs` with its `Affine` and `CoarseDropout` at probability `P`."
    augs = dilated_net_augs(mean)
    for t in augs.transforms[1:]: t.p = P
    return augs

train.RECIPES['dilated'] = dataclasses.replace(train.RECIPES['dilated'], augs=lighter_dilated_net_augs)

if __name__ == '__main__': cifar_train()   # fastcore's `call_parse`: the command line's options
