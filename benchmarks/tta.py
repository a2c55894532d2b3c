"""Test-time augmentation on saved weights: test accuracy and seconds without it, with the mirror image, and with the mirror image and translations.

1. plain: each test image once (`cifar_eval`);
2. mirror: each image and its mirror image, probabilities averaged: the library's one TTA path,
   `Predictor.probs(tta=True)` (`cifar_eval --tta`, and `tta_accuracy` in a run's results.json);
3. mirror + shifts: those two views and each of them moved `--shift` pixels left, right, up and down (edges
   reflected), ten views in all, probabilities averaged.

The seconds are those of the model passes on the CPU (the images are decoded once, beforehand), in float32 as
`Predictor` runs.

    OMP_NUM_THREADS=1 python benchmarks/tta.py benchmarks/results/dilated-cpu-full-2026-11-23/model.pth --data ../shared/data/cifar10-jpg.tgz [--shift 2]
"""
import argparse, time, warnings
import numpy as np, torch
from cifar_fastai.sources import get_cifar10
from cifar_fastai.data import decode_images
from cifar_fastai.inference import load_predictor

warnings.filterwarnings('ignore')

def shifted(images:np.ndarray, dx:int, dy:int) -> np.ndarray:
    "`images` (N x H x W x 3) moved `dx` pixels right and `dy` down, the uncovered edge filled by reflection."
    pad, (h, w) = max(abs(dx), abs(dy)), images.shape[1:3]
    padded = np.pad(images, ((0, 0), (pad, pad), (pad, pad), (0, 0)), mode='reflect')
    return np.ascontiguousarray(padded[:, pad - dy:pad - dy + h, pad - dx:pad - dx + w])

def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('model', help='a cifar_train --out folder or its model.pth')
    parser.add_argument('--data', required=True, help='CIFAR-10 folder or archive (its test split is used)')
    parser.add_argument('--shift', type=int, default=2, help='pixels of each translation')
    args = parser.parse_args()
    predict = load_predictor(args.model)
    decoded = decode_images(get_cifar10(args.data))
    test = [i for i, f in enumerate(decoded.files) if f.startswith('test/')]
    images = np.array(decoded.images[test])
    actual = torch.tensor([predict.vocab.index(decoded.files[i].split('/')[1]) for i in test])
    mirrored = np.ascontiguousarray(images[:, :, ::-1])
    s = args.shift
    variants = {
        'plain': lambda: predict.probs(images),
        'mirror': lambda: predict.probs(images, tta=True),
        f'mirror + shifts of {s} px': lambda: torch.stack([predict.probs(shifted(v, dx, dy) if dx or dy else v) for v in (images, mirrored)
                                                           for dx, dy in ((0, 0), (s, 0), (-s, 0), (0, s), (0, -s))]).mean(0),
    }
    print(f'{args.model}: {len(images):,} test images, {torch.get_num_threads()} thread(s)')
    print(f"| views | accuracy | gain over plain | seconds |\n|---|---|---|---|")
    plain = None
    for name, probs in variants.items():
        start = time.perf_counter()
        accuracy = (probs().argmax(1) == actual).float().mean().item()
        seconds = time.perf_counter() - start
        plain = accuracy if plain is None else plain
        print(f'| {name} | {accuracy:.2%} | {100 * (accuracy - plain):+.2f} points | {seconds:.1f} |', flush=True)

if __name__ == '__main__': main()
