"""How far `lr_find`'s suggestions move from one seed to the next, for a recipe on the full data: the reason the
`dilated` recipe carries a peak LR of its own (`Recipe.lr_max`) instead of taking one from `lr_find` each run.

For each seed it builds the recipe's learner as `cifar_train` does (`set_seed`, `cifar10_dls`, `cifar_learner`), runs
`choose_lrs` with the recipe's suggestions (`lr_max=None`: the sweep, not the recipe's own LR) and prints the
learning rates it picks; the last line gives the ratio of the largest `lr_max` to the smallest.

    python benchmarks/lr_find_spread.py --data ../shared/data/cifar10-jpg.tgz --recipe dilated --seeds 0 1 2 3 4
"""
import argparse, time
from fastai.vision.all import set_seed
from cifar_fastai.sources import get_cifar10
from cifar_fastai.data import cifar10_dls
from cifar_fastai.recipes import get_recipe
from cifar_fastai.train import cifar_learner, choose_lrs

if __name__ == '__main__':
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--data', required=True)
    parser.add_argument('--recipe', default='dilated')
    parser.add_argument('--seeds', type=int, nargs='+', default=[0, 1, 2, 3, 4])
    args = parser.parse_args()
    recipe, path = get_recipe(args.recipe).updated(lr_max=None), get_cifar10(args.data)
    found = []
    for seed in args.seeds:
        set_seed(seed)
        learn = cifar_learner(recipe, recipe.dataloaders(path), path='/tmp/lr_find_spread')
        start = time.perf_counter()
        with learn.no_bar(), learn.no_logging(): lr_max, lr_min, _ = choose_lrs(learn, recipe)
        found.append(lr_max)
        print(f'seed {seed}: lr_max {lr_max:.2e} ({recipe.lr_max_from}), lr_min {lr_min:.2e} ({time.perf_counter() - start:.0f} s)', flush=True)
    print(f'{args.recipe}: lr_max from {min(found):.2e} to {max(found):.2e} over {len(found)} seeds, a ratio of {max(found) / min(found):.1f}; '
          f'the recipe\'s own: {get_recipe(args.recipe).lr_max}')
