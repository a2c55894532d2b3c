"""Training speed on the CPU through the fastai `Learner`: precision, memory layout, `torch.compile`, threads and loader workers.

1. For each model, the same pre-built batches of real, augmented, normalised CIFAR-10 images go through
   `cifar_learner(...).fit(1)` in each setting: float32 or bf16 autocast (`DeviceMixedPrecision`), contiguous or
   `channels_last` (fastai's `ChannelsLast`), and `torch.compile` of the model. Settings alternate over the repeats,
   after one untimed warm-up each (which holds `torch.compile`'s compilation); the figure is training images per
   second of the timed epochs (training phase only), median (min-max).
2. The dilated recipe's real pipeline (decoded images, albumentations, `cifar10_dls`) and model together, with the
   two cores split between PyTorch's threads and loader processes in three ways.
3. Accuracy: the setting adopted by default against float32 (channels_last), for a few epochs on a real sample with
   the same seed, and float32 with a second seed to show the noise (whether the faster setting costs accuracy).
4. Processes and where the augmentations run: the whole `cifar_train` (its own precision and layout) in one process
   with every core as PyTorch threads, against `torchrun` with one gloo process per core, each with one thread and its
   own share of the global batch; each with the albumentations item transform and with the recipe's batch transform
   (`--augment_on batch`); alternating, seconds per epoch (training and test pass) from the run's `fits.json`.
   `--processes-train-args` adds `cifar_train` arguments (e.g. the dilated net's layout of the full runs).

    python benchmarks/cpu_speed.py --data ../shared/data/cifar10-jpg.tgz [--repeats 2] [--accuracy-sample 5000 --accuracy-epochs 2]
    python benchmarks/cpu_speed.py --accuracy-only --accuracy-recipe resnet --accuracy-epochs 4
    python benchmarks/cpu_speed.py --processes-only --processes-sample 20000 --repeats 2 [--processes-train-args '--downsample strided --n_down 2']
"""
import argparse, copy, json, os, shlex, shutil, statistics, subprocess, tempfile, time, warnings
import torch
from fastai.vision.all import Callback, DataLoader, DataLoaders, set_seed
from cifar_fastai.sources import get_cifar10
from cifar_fastai.data import cifar10_dls
from cifar_fastai.recipes import RECIPES
from cifar_fastai.devices import cpu_has_native_bf16
from cifar_fastai.train import cifar_learner

warnings.filterwarnings('ignore')

class TrainTimer(Callback):
    "Seconds of the training phase of each epoch (not validation)."
    def before_fit(self): self.seconds = []
    def before_train(self): self.start = time.perf_counter()
    def after_train(self): self.seconds.append(time.perf_counter() - self.start)

SETTINGS = {   # name: (precision, channels_last, compile)
    'fp32': ('fp32', False, False), 'fp32 + channels_last': ('fp32', True, False),
    'bf16': ('bf16', False, False), 'bf16 + channels_last': ('bf16', True, False),
    'fp32 + channels_last + compile': ('fp32', True, True), 'bf16 + channels_last + compile': ('bf16', True, True)}

def fixed_batches(path, recipe, bs:int, n:int) -> DataLoaders:
    "`n` training batches of `bs` real augmented images, taken once, replayed as they are (and one as validation)."
    dls = recipe.dataloaders(path, bs=bs, sample=bs * n, num_workers=0)
    train = [(x.clone(), y.clone()) for x, y in dls.train][:n]
    return DataLoaders(DataLoader(train, bs=None), DataLoader(train[:1], bs=None), device=torch.device('cpu'))

def train_images_per_second(recipe, dls, setting, n_images:int) -> float:
    precision, channels_last, compiled = SETTINGS[setting]
    learn = cifar_learner(recipe, dls, precision=precision, channels_last=channels_last)
    if compiled: learn.model = torch.compile(learn.model)
    timer = TrainTimer()
    with learn.no_bar(), learn.no_logging(): learn.fit(1, 1e-3, cbs=timer)
    return n_images / timer.seconds[0]

def fmt(xs) -> str: return f'{statistics.median(xs):7.0f} ({min(xs):.0f}-{max(xs):.0f})'

def precision_table(path, repeats:int, settings):
    print(f'1. training images/second through the Learner, {torch.get_num_threads()} PyTorch threads, native bf16: {cpu_has_native_bf16()}')
    for name, bs, n in (('dilated', 128, 4), ('resnet', 64, 2)):
        recipe = RECIPES[name]
        dls = fixed_batches(path, recipe, bs, n)
        speeds = {s: [] for s in settings}
        warm = {s: time.perf_counter() for s in settings}
        for i in range(repeats + 1):
            for s in settings:
                start = time.perf_counter()
                speed = train_images_per_second(recipe, dls, s, bs * n)
                if i == 0: warm[s] = time.perf_counter() - start
                else: speeds[s].append(speed)
        base = statistics.median(speeds['fp32'])
        for s in settings:
            print(f'  {name:8s} {s:32s} {fmt(speeds[s])}   x{statistics.median(speeds[s]) / base:.2f} of fp32   (warm-up epoch {warm[s]:.0f} s)', flush=True)

def workers_table(path, repeats:int, n_batches:int, setting:str):
    recipe = RECIPES['dilated']
    splits = ((2, 0), (1, 1), (2, 1))   # (PyTorch threads, loader processes)
    print(f'2. the dilated recipe, real pipeline and model, {n_batches} batches of {recipe.bs}, {setting}: training images/second')
    speeds = {s: [] for s in splits}
    for i in range(repeats):
        for threads, workers in splits:
            torch.set_num_threads(threads)
            dls = recipe.dataloaders(path, sample=recipe.bs * n_batches, num_workers=workers)
            speeds[(threads, workers)].append(train_images_per_second(recipe, dls, setting, recipe.bs * n_batches))
    torch.set_num_threads(2)
    for (threads, workers), xs in speeds.items(): print(f'  {threads} threads, {workers} loader processes: {fmt(xs)}')

def accuracy_check(path, recipe_name:str, sample:int, epochs:int, adopted:str, lr:float=3e-3):
    "Test accuracy after `epochs` on `sample` images: float32 with seeds 0 and 1 (the noise between seeds), and `adopted` with seed 0."
    recipe = RECIPES[recipe_name]
    print(f'3. {recipe_name} recipe, {sample:,} training images, {epochs} epochs at lr {lr:g}, batch {recipe.bs}: test accuracy and seconds')
    for setting, seed in (('fp32 + channels_last', 0), ('fp32 + channels_last', 1), (adopted, 0)):
        precision, channels_last, _ = SETTINGS[setting]
        set_seed(seed)
        learn = cifar_learner(recipe, recipe.dataloaders(path, sample=sample, seed=seed, num_workers=0), precision=precision, channels_last=channels_last)
        start = time.perf_counter()
        with learn.no_bar(), learn.no_logging(): learn.fit_one_cycle(epochs, lr)
        print(f'  {setting:32s} seed {seed}   accuracy {learn.recorder.values[-1][-1]:.2%}   {time.perf_counter() - start:.0f} s', flush=True)

def epoch_seconds(command:list[str], out:str, threads:int) -> float:
    "Seconds per epoch of the `cifar_train` run that `command` makes into `out` (from its `fits.json`), with `threads` PyTorch threads a process."
    shutil.rmtree(out, ignore_errors=True)
    subprocess.run(command + ['--out', out], check=True, capture_output=True, env={**os.environ, 'OMP_NUM_THREADS': str(threads)})
    fit, = json.loads(open(f'{out}/fits.json').read())
    return fit['seconds'] / fit['epochs']

def processes_table(data:str, repeats:int, sample:int, epochs:int, lr:float=0.04, train_args:str=''):
    "Seconds per epoch of `cifar_train --recipe dilated` on `sample` images: one process with every core, against one gloo process per core under `torchrun`; augmentations on items and on batches."
    cores = os.cpu_count()
    train = ['cifar_train', '--recipe', 'dilated', '--data', data, '--sample', str(sample), '--epochs', str(epochs), '--lr', str(lr)] + shlex.split(train_args)
    torchrun = ['torchrun', '--nproc_per_node', str(cores), '--no-python']
    ways = {f'1 process, {cores} threads, item': (train, cores),
            f'1 process, {cores} threads, batch': (train + ['--augment_on', 'batch'], cores),
            f'{cores} processes (torchrun, gloo), 1 thread each, item': (torchrun + train, 1),
            f'{cores} processes (torchrun, gloo), 1 thread each, batch': (torchrun + train + ['--augment_on', 'batch'], 1)}
    print(f'4. cifar_train --recipe dilated {train_args}, {sample:,} training images and the test set, {epochs} epochs, batch {RECIPES["dilated"].bs} in all: seconds per epoch')
    seconds = {w: [] for w in ways}
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(repeats):
            for w, (command, threads) in ways.items(): seconds[w].append(epoch_seconds(command, f'{tmp}/run', threads))
    first = statistics.median(seconds[next(iter(ways))])
    for w, xs in seconds.items(): print(f'  {w:55s} {statistics.median(xs):6.1f} ({min(xs):.1f}-{max(xs):.1f})   x{first / statistics.median(xs):.2f} the speed of the first', flush=True)

def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--data', default='../shared/data/cifar10-jpg.tgz')
    p.add_argument('--repeats', type=int, default=2)
    p.add_argument('--settings', nargs='+', default=list(SETTINGS), choices=list(SETTINGS))
    p.add_argument('--worker-batches', type=int, default=12, help='batches of part 2 (0: skip it)')
    p.add_argument('--accuracy-sample', type=int, default=5000, help='training images of part 3 (0: skip it)')
    p.add_argument('--accuracy-epochs', type=int, default=2)
    p.add_argument('--accuracy-recipe', default='dilated', choices=list(RECIPES))
    p.add_argument('--accuracy-only', action='store_true', help='only part 3')
    p.add_argument('--processes-sample', type=int, default=0, help='training images of part 4 (0: skip it)')
    p.add_argument('--processes-epochs', type=int, default=2)
    p.add_argument('--processes-only', action='store_true', help='only part 4')
    p.add_argument('--processes-train-args', default='', help="more cifar_train arguments for part 4, e.g. '--downsample strided --n_down 2'")
    args = p.parse_args()
    path = get_cifar10(args.data)
    adopted = 'bf16 + channels_last' if cpu_has_native_bf16() else 'fp32 + channels_last'
    if not (args.accuracy_only or args.processes_only):
        precision_table(path, args.repeats, args.settings)
        if args.worker_batches: workers_table(path, args.repeats, args.worker_batches, adopted)
    if args.accuracy_sample and not args.processes_only: accuracy_check(path, args.accuracy_recipe, args.accuracy_sample, args.accuracy_epochs, adopted)
    if args.processes_sample: processes_table(args.data, args.repeats, args.processes_sample, args.processes_epochs, train_args=args.processes_train_args)

if __name__ == '__main__': main()
