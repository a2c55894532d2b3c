"""The training pipeline from images decoded once, against its ceiling and against the file-decoding pipeline it replaced.

For each recipe, side by side in one process (alternating repeats, medians with min-max):
(a) the recipe's albumentations pipeline alone, in a plain loop over the images already in memory (the ceiling);
(b) the library's training DataLoader, `cifar10_dls(...).train` (read from the decoded cache, augment, to tensor,
    collate as uint8, to float, normalise);
(c) b/a;
(d) the recipe's augmentations as one vectorised batch transform (`augment_on='batch'`), on the same batches.
Then (e) the first and second `cifar10_dls` call on the whole data set (decode and cache, then a cache hit), (f) the
process's peak memory, and (g) one epoch of the `dilated` recipe (training and test) with the file-decoding pipeline
this library had before (`ImageBlock`: each file opened, decoded and made a PIL image every epoch) against
today's, as a ratio.

    python benchmarks/data_pipeline.py --data ../shared/data/cifar10-jpg.tgz [--n 5000] [--repeats 3] [--epoch-sample 10000]
"""
import argparse, resource, shutil, statistics, time
import numpy as np
import torch
from fastai.vision.all import DataBlock, ImageBlock, CategoryBlock, GrandparentSplitter, Normalize, parent_label, get_image_files
from cifar_fastai.sources import get_cifar10, CIFAR10_CLASSES
from cifar_fastai.data import cifar10_dls, decode_images, stratified_sample
from cifar_fastai.augment import AlbumentationsTransform
from cifar_fastai.recipes import RECIPES
from cifar_fastai.train import cifar_learner

def seconds(f) -> float:
    start = time.perf_counter(); f(); return time.perf_counter() - start

def iterate(dl):
    for _ in dl: pass

def bare_loop(images, aug):
    for img in images: aug(image=img)

def fmt(xs) -> str: return f'{statistics.median(xs):8.0f} ({min(xs):.0f}-{max(xs):.0f})'

def file_decoding_dls(path, recipe, sample:int, bs:int):
    "The DataLoaders this library built before the decoded cache: every file decoded into a PIL image, every epoch."
    decoded = decode_images(path)   # only for the statistics, which were computed the same way
    files = get_image_files(path, folders=['train', 'test'])
    items = stratified_sample([f for f in files if f.parent.parent.name == 'train'], sample) + [f for f in files if f.parent.parent.name == 'test']
    dblock = DataBlock(blocks=(ImageBlock, CategoryBlock(vocab=list(CIFAR10_CLASSES))),
                       splitter=GrandparentSplitter(train_name='train', valid_name='test'), get_y=parent_label,
                       item_tfms=AlbumentationsTransform(recipe.augs(decoded.mean)), batch_tfms=Normalize.from_stats(decoded.mean, decoded.std))
    return dblock.dataloaders(items, bs=bs, num_workers=0)

def epoch_seconds(dls, recipe) -> float:
    "One epoch (training and test) of `recipe` on `dls`, through the Learner."
    learn = cifar_learner(recipe, dls)
    with learn.no_bar(), learn.no_logging(): return seconds(lambda: learn.fit_one_cycle(1, 1e-3))

def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--data', default='../shared/data/cifar10-jpg.tgz', help='CIFAR-10 source (see get_cifar10)')
    parser.add_argument('--n', type=int, default=5000, help='training images per throughput measurement (stratified sample)')
    parser.add_argument('--repeats', type=int, default=3)
    parser.add_argument('--epoch-sample', type=int, default=10000, help='training images of the one-epoch comparison (0: skip it)')
    args = parser.parse_args()
    path = get_cifar10(args.data)
    rss_start = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024   # the libraries alone
    shutil.rmtree(path/'.cifar_fastai', ignore_errors=True)
    first = seconds(lambda: cifar10_dls(path, num_workers=0))
    second = seconds(lambda: cifar10_dls(path, num_workers=0))
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f'{path}: {torch.get_num_threads()} PyTorch threads; images/second, median (min-max) of {args.repeats} alternating repeats')
    print(f'(e) cifar10_dls on all {len(decode_images(path)):,} images: first call (decode and cache) {first:.1f} s, second (cache hit) {second:.2f} s')
    for name in ('dilated', 'resnet'):
        recipe = RECIPES[name]
        dls = recipe.dataloaders(path, sample=args.n, num_workers=0)
        decoded = decode_images(path)
        images = [decoded.images[decoded.row[str(f)]] for f in dls.train_ds.items]
        aug = recipe.augs(decoded.mean)
        batch_dls = recipe.dataloaders(path, sample=args.n, num_workers=0, augment_on='batch') if recipe.batch_augs else None
        ceiling, loader, batch = [], [], []
        for _ in range(args.repeats):
            ceiling.append(len(images) / seconds(lambda: bare_loop(images, aug)))
            loader.append(len(images) / seconds(lambda: iterate(dls.train)))
            if batch_dls: batch.append(len(images) / seconds(lambda: iterate(batch_dls.train)))
        ratios = [l / c for l, c in zip(loader, ceiling)]
        print(f'{name:>8}: (a) albumentations alone {fmt(ceiling)}   (b) training DataLoader {fmt(loader)}   '
              f'(c) b/a {statistics.median(ratios):.2f} ({min(ratios):.2f}-{max(ratios):.2f})')
        if batch:
            print(f'{"":>8}  (d) batch transform {fmt(batch)}   d/a {statistics.median(batch) / statistics.median(ceiling):.1f}')
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f'(f) peak memory of this process: {peak:.0f} MB; {rss_start:.0f} MB with the libraries loaded, {rss_before:.0f} MB after the two '
          f'full-data cifar10_dls calls: +{rss_before - rss_start:.0f} MB for the data set')
    if args.epoch_sample:
        recipe = RECIPES['dilated']
        old = epoch_seconds(file_decoding_dls(path, recipe, args.epoch_sample, recipe.bs), recipe)
        new = epoch_seconds(recipe.dataloaders(path, sample=args.epoch_sample), recipe)
        print(f'(g) one dilated epoch on {args.epoch_sample:,} training images + the test set: file-decoding pipeline {old:.1f} s, '
              f'decoded-once pipeline {new:.1f} s, ratio {old / new:.2f}')

if __name__ == '__main__': main()
