"""`cifar_train` with the `dilated` recipe's net downsampling twice instead of three times, `DilatedNet(n_down=2)`:
C3 widens to 192 channels at stride 1 and C4 works at 8x8 instead of 4x4. The parameters are the same (198,250) and,
on this CPU, so is the speed: the extra maps are cheap separable convs. Everything else, the command-line options
included, is `cifar_train`'s. It asks whether the net, which underfits (the strided 40-epoch run fits 93% of the
clean training images), is held back by doing its widest, most abstract work on 4x4 maps.

    python benchmarks/c4_at_8x8_run.py --downsample strided --lr 0.04254671037197113 \\
        --data ../shared/data/cifar10-jpg.tgz --out benchmarks/results/dilated-strided-c4-8x8-cpu-full-2026-12-03

(`--resume` continues it, as with `cifar_train`.) Its figures are in benchmarks/README.md, beside the run it is
compared with, `results/dilated-strided-cpu-full-2026-12-02` (the same peak LR, from that run's lr_find).
"""
import dataclasses
from functools import partial
from cifar_fastai import train
from cifar_fastai.models import DilatedNet
from cifar_fastai.cli import cifar_train

train.RECIPES['dilated'] = dataclasses.replace(train.RECIPES['dilated'], arch=partial(DilatedNet, n_down=2))

if __name__ == '__main__': cifar_train()   # fastcore's `call_parse`: the command line's options
