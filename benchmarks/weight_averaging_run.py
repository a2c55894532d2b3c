"""`cifar_train` with exponential moving averages (EMA) of the weights: after every training step an average moves a
share `1 - D` of the way to the new weights, with PyTorch's `AveragedModel`, for each decay D of `--ema_decay`. Each
average's batch-norm statistics are its own, measured before each validation on the epoch's last 40 training batches
(kept in memory, about 60 MB; PyTorch's `update_bn`, which SWA runs once at the end): averaging the trained weights' statistics instead cost most of the accuracy while
the weights still move fast (the 0.999 average after 5 of 160 epochs: 32% against 65% with its own statistics, on
half the test images). The first average is what each epoch validates, so `metrics.csv`'s test accuracy, `best.pth`,
`model.pth`, TTA and the plots are its; the training itself is left as it is. Each epoch also tests the weights being
trained and the other averages on the same test images, into `averages.csv` (a column each): the averages against
the plain recipe on one and the same run, with no seed between them. Every other option is `cifar_train`'s;
`--resume` continues the averages from `models/last.pth`, which holds them and the trained weights. `--aug_p P` also
applies the `dilated` recipe's ShiftScaleRotate and cutout with probability P, as `augment_strength_run.py` does.

    python benchmarks/weight_averaging_run.py --ema_decay 0.9998 0.999 --downsample strided --n_down 2 --act silu \\
        --label_smoothing 0.1 --epochs 160 --lr 0.04254671037197113 --data ../shared/data/cifar10-jpg.tgz \\
        --out benchmarks/results/dilated-strided-c4-8x8-silu-ls-160-epochs-ema-cpu-full-2026-12-06

`results.json` records the first decay (`ema_decay`) and `aug_p` when given; `averages.png` plots `averages.csv`. The runs and their figures are in benchmarks/README.md.
"""
import argparse, json, sys
from pathlib import Path
import pandas as pd, torch
from matplotlib.figure import Figure
from torch.optim.swa_utils import AveragedModel, get_ema_multi_avg_fn, update_bn
from fastai.callback.core import Callback
from fastai.torch_core import get_model
from cifar_fastai import train
from cifar_fastai.cli import cifar_train
from augment_strength_run import probability, with_aug_p   # beside this script

class WeightEMA(Callback):
    "Keep exponential moving averages of the weights over the training steps, one per decay in `decays`, each with batch-norm statistics of its own from the last `bn_batches` training batches of every epoch; validate the first, and test the trained weights and the other averages beside it into `averages.csv`."
    order = train.CheckpointCallback.order + 1   # its `after_epoch` comes once `CheckpointCallback` has saved the average
    def __init__(self, decays:list[float], states:list[dict]|None=None, # `states`: the averages to continue, from `saved_averages`
                 bn_batches:int=40):
        self.decays, self.states, self.bn_batches = decays, states, bn_batches

    def before_fit(self):
        self.trained = get_model(self.model)   # in the layout `ChannelsLast` gave it (order -1)
        self.averages = [AveragedModel(self.trained, multi_avg_fn=get_ema_multi_avg_fn(d)) for d in self.decays]   # weights only
        for average, state in zip(self.averages, self.states or []): average.load_state_dict(state)
        csv = self.path/'averages.csv'
        if self.learn._start_epoch and csv.exists() and train.is_main_process():   # keep the epochs before the resumed one
            kept = [l for l in csv.read_text().splitlines(keepends=True) if not l[0].isdigit() or int(l.split(',')[0]) < self.learn._start_epoch]
            csv.write_text(''.join(kept))

    def after_step(self):
        for average in self.averages: average.update_parameters(self.trained)   # which also copies the trained weights' batch-norm statistics
        if self.iter >= self.n_iter - self.bn_batches: self.bn_inputs.append(self.xb)

    def before_train(self): self.bn_inputs = []
    def before_validate(self):
        "Give each average the batch-norm statistics of its own weights on the epoch's last training batches (SWA's `update_bn`), then validate the first."
        for average in self.averages: update_bn(self.bn_inputs, average.module)   # takes each batch's first input
        self.bn_inputs = []
        self.learn.model = self.averages[0].module.eval()   # `TrainEvalCallback` has put the trained model in eval mode
        self.tested = [self.trained] + [a.module.eval() for a in self.averages[1:]]
        self.correct = [0] * (1 + len(self.tested))   # the validated average first
    def after_pred(self):
        if self.training: return
        for i, preds in enumerate([self.pred] + [m(*self.xb) for m in self.tested]):
            self.correct[i] += (preds.as_subclass(torch.Tensor).argmax(1) == self.yb[0].as_subclass(torch.Tensor)).sum().item()

    def after_epoch(self):
        self.learn.model = self.trained
        if not train.is_main_process(): return
        with open(self.path/'averages.csv', 'a' if self.epoch else 'w') as f:
            if not self.epoch: f.write(','.join(['epoch', f'ema_{self.decays[0]}', 'trained', *(f'ema_{d}' for d in self.decays[1:])]) + '\n')
            f.write(','.join([str(self.epoch), *(str(c / len(self.dls.valid_ds)) for c in self.correct)]) + '\n')
        last = torch.load(self._last(), weights_only=True)   # `CheckpointCallback` saved the first average as the model
        last.update(model=self.trained.state_dict(), ema=dict(decays=self.decays, states=[a.state_dict() for a in self.averages]))
        train.save_atomic(last, self._last())

    def _last(self) -> Path: return self.path/self.model_dir/'last.pth'

def saved_averages(last:Path, decays:list[float]) -> list[dict]|None:
    "The weight averages in `last` (a `last.pth` of this script), to resume; a one-line `ValueError` if it holds none or other decays'."
    try: state = torch.load(last, map_location='cpu', weights_only=True)
    except Exception: return None   # not a checkpoint: `fit_recipe` says so
    saved = state.get('ema') if isinstance(state, dict) else None
    if saved is None: raise ValueError(f"{last} holds no weight averages: resume it with cifar_train, or start afresh without --resume")
    if saved['decays'] != decays: raise ValueError(f"{last} averages with --ema_decay {' '.join(map(str, saved['decays']))}: resume with it")
    return saved['states']

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
    args, sys.argv[1:] = parser.parse_known_args()   # the rest is cifar_train's command line (fastcore's `call_parse`)
    if args.aug_p is not None: with_aug_p(args.aug_p)
    fit_recipe, paths = train.fit_recipe, []
    def fit_recipe_with_ema(learn, *args_, resume=False, cbs=None, **kwargs):
        paths.append(learn.path)
        last = learn.path/learn.model_dir/'last.pth'
        states = saved_averages(last, args.ema_decay) if resume and last.exists() else None   # `fit_recipe` resumes from it
        return fit_recipe(learn, *args_, resume=resume, cbs=[WeightEMA(args.ema_decay, states), *(cbs or [])], **kwargs)
    train.fit_recipe = fit_recipe_with_ema
    cifar_train()   # exits on an error or interruption: from here the run has written its results
    fn = paths[0]/'results.json'
    if train.is_main_process() and fn.exists():
        with train.atomic_path(fn) as tmp: tmp.write_text(json.dumps(dict(json.loads(fn.read_text()), ema_decay=args.ema_decay[0], **({} if args.aug_p is None else dict(aug_p=args.aug_p))), indent=2))
        plot_averages(paths[0]/'averages.csv').savefig(paths[0]/'averages.png', dpi=80)
