"""Training-pipeline throughput of each recipe next to a bare albumentations loop over the same images.

The pipeline is what training iterates: `cifar10_dls(...).train` (decode, augment, to tensor, collate, normalise).
The bare loop decodes each file with PIL and runs the same albumentations pipeline, nothing else. Both are timed
alternately in one process, so the ratio holds on a noisy machine.

    python benchmarks/data_pipeline.py --data ../shared/data/cifar10-jpg.tgz --n 5000 --repeats 3
"""
import argparse, statistics, time
import numpy as np
from PIL import Image
from cifar_fastai.data import get_cifar10, cifar10_dls, channel_stats
from cifar_fastai.augment import dilated_net_augs, resnet_augs

def pipeline_seconds(dls) -> float:
    "Seconds to iterate one epoch of the training DataLoader."
    start = time.perf_counter()
    for _ in dls.train: pass
    return time.perf_counter() - start

def bare_seconds(files, aug) -> float:
    "Seconds to decode `files` and run `aug` on each, in a plain loop."
    start = time.perf_counter()
    for f in files: aug(image=np.asarray(Image.open(f).convert('RGB')))
    return time.perf_counter() - start

def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--data', default='../shared/data/cifar10-jpg.tgz', help='CIFAR-10 source (see get_cifar10)')
    parser.add_argument('--n', type=int, default=5000, help='training images per measurement (stratified sample)')
    parser.add_argument('--bs', type=int, default=128)
    parser.add_argument('--num_workers', type=int, default=None, help='loader processes (default: the library default)')
    parser.add_argument('--repeats', type=int, default=3)
    args = parser.parse_args()
    path = get_cifar10(args.data)
    mean, _ = channel_stats(path)
    print(f'data {path}, {args.n} training images, bs {args.bs}, {args.repeats} alternating repeats; images/second (median, min-max)')
    for name, augs in (('dilated', dilated_net_augs), ('resnet', resnet_augs)):
        dls = cifar10_dls(path, augs, bs=args.bs, sample=args.n, num_workers=args.num_workers)
        files, aug = dls.train_ds.items, augs(mean)
        pipe, bare = [], []
        for _ in range(args.repeats):
            pipe.append(len(files) / pipeline_seconds(dls))
            bare.append(len(files) / bare_seconds(files, aug))
        ratios = [p / b for p, b in zip(pipe, bare)]
        fmt = lambda xs: f'{statistics.median(xs):8.0f} ({min(xs):.0f}-{max(xs):.0f})'
        print(f'{name:>8}: pipeline {fmt(pipe)}   bare albumentations loop {fmt(bare)}   '
              f'pipeline/bare {statistics.median(ratios):.2f} ({min(ratios):.2f}-{max(ratios):.2f})')

if __name__ == '__main__': main()
