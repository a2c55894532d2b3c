"""`cifar_train` with exponential moving averages (EMA) of the weights, one per decay D of `--ema_decay`, tested side
by side on the same run. The first decay is the run's own average (`cifar_train --ema D`: the library's `WeightEMA`,
validated, kept and exported in place of the trained weights); the others are averages of the same kind that are only
kept (`WeightEMA(validate=False)`). Each epoch also tests the weights being trained and those other averages on the
test images, into `averages.csv` (a column each): the averages against the plain recipe on one and the same run,
with no seed between them. Every other option is `cifar_train`'s; `--resume` continues the averages from
`models/last.pth`, which holds them all. `--aug_p P` also applies the `dilated` recipe's ShiftScaleRotate and cutout
with probability P, as `augment_strength_run.py` does.

    python benchmarks/weight_averaging_run.py --ema_decay 0.9998 0.999 --downsample strided --n_down 2 --act silu \\
        --label_smoothing 0.1 --epochs 160 --lr 0.04254671037197113 --data ../shared/data/cifar10-jpg.tgz \\
        --out benchmarks/results/dilated-strided-c4-8x8-silu-ls-160-epochs-ema-cpu-full-2026-12-06

(That run was made with the recipe of its day and this script's own copy of the averaging, which the library's
`WeightEMA` replaced; its tests check that it computes the same.) `averages.png` plots `averages.csv`. The runs and
their figures are in benchmarks/README.md.
"""
import argparse
from pathlib import Path
import pandas as pd, torch
from matplotlib.figure import Figure
from fastai.callback.core import Callback
from cifar_fastai.cli import cli_errors, train_arguments
from cifar_fastai.run import run_recipe
from cifar_fastai.devices import is_main_process
from cifar_fastai.train import WeightEMA
from augment_strength_run import probability, augs_at   # beside this script

class TestBeside(Callback):
    "Each epoch, test the trained weights and the kept averages beside the validated one, on the same test batches, into `averages.csv`."
    order = WeightEMA.order + 1   # after every average has measured its batch-norm statistics
    def __init__(self, kept:list[WeightEMA]): self.kept = kept
    def before_fit(self):
        self.validated = next(cb for cb in self.learn.cbs if isinstance(cb, WeightEMA) and cb.validate)
        csv = self.path/'averages.csv'
        if self.learn.first_fit_epoch and csv.exists() and is_main_process():   # keep the epochs before the resumed one
            kept = [l for l in csv.read_text().splitlines(keepends=True) if not l[0].isdigit() or int(l.split(',')[0]) < self.learn.first_fit_epoch]
            csv.write_text(''.join(kept))
    def before_validate(self):
        self.tested = [self.validated.trained.eval()] + [cb.average.module.eval() for cb in self.kept]
        self.correct = [0] * (1 + len(self.tested))   # the validated average first
    def after_pred(self):
        if self.training: return
        for i, preds in enumerate([self.pred] + [m(*self.xb) for m in self.tested]):
            self.correct[i] += (preds.as_subclass(torch.Tensor).argmax(1) == self.yb[0].as_subclass(torch.Tensor)).sum().item()
    def after_epoch(self):
        if not is_main_process(): return
        with open(self.path/'averages.csv', 'a' if self.epoch else 'w') as f:
            if not self.epoch: f.write(','.join(['epoch', f'ema_{self.validated.decay}', 'trained', *(f'ema_{cb.decay}' for cb in self.kept)]) + '\n')
            f.write(','.join([str(self.epoch), *(str(c / len(self.dls.valid_ds)) for c in self.correct)]) + '\n')

def plot_averages(csv:Path, zoom:float=0.02) -> Figure:
    "Test accuracy per epoch of each average and of the trained weights, from `averages.csv`; the right panel from `zoom` below the best up."
    df = pd.read_csv(csv)
    fig = Figure(figsize=(12, 4.5), layout='tight')
    axs = fig.subplots(1, 2)
    for column in df.columns[1:]:
        line, = axs[0].plot(df.epoch, df[column], label=f'{column}: best {df[column].max():.2%}, last {df[column].iloc[-1]:.2%}')
        axs[1].plot(df.epoch, df[column], color=line.get_color())
    best = df[df.columns[1:]].max().max()
    axs[0].set(title='test accuracy: weight averages and the trained weights', ylabel='accuracy')
    axs[1].set(title=f'from {best - zoom:.1%} up: the finish', ylim=(best - zoom, best + zoom / 10))
    for ax in axs: ax.set(xlabel='epoch (from 0, as in averages.csv)')
    axs[0].legend(fontsize='small')
    return fig

def decay(text:str) -> float:
    d = float(text)
    if not 0 < d < 1: raise argparse.ArgumentTypeError(f"{text}: expected a decay between 0 and 1, e.g. 0.999")
    return d

if __name__ == '__main__':
    parser = argparse.ArgumentParser(usage='%(prog)s --ema_decay D [D ...] [cifar_train options]', add_help=False)
    parser.add_argument('--ema_decay', type=decay, nargs='+', required=True)
    parser.add_argument('--aug_p', type=probability)
    args, rest = parser.parse_known_args()
    options = train_arguments(rest)   # the rest is cifar_train's command line
    options.pop('ema', None)   # --ema_decay says it
    kept = [WeightEMA(d, validate=False, name=f'weight_ema_{d}') for d in args.ema_decay[1:]]
    with cli_errors('weight_averaging_run.py'):
        run_recipe(**options, ema=args.ema_decay[0], **(augs_at(args.aug_p) if args.aug_p is not None else {}), cbs=[*kept, TestBeside(kept)])
    if is_main_process(): plot_averages(Path(options['out'])/'averages.csv').savefig(Path(options['out'])/'averages.png', dpi=80)
