"""What fastai's training loop costs: one epoch of `fastai.Learner.fit` against a bare PyTorch loop doing the same work.

Both train the `"dilated"` recipe's model (`DilatedNet`) from the same initial weights, with the same optimiser
(fastai's `Adam`, lr 1e-3, weight decay 0.01), on the same pre-built batches of random 3x32x32 tensors held in
memory (so data loading costs nothing and the difference is the loop itself), then evaluate loss and accuracy on
the same validation batches. The fastai side is the learner `cifar_learner` builds (recorder, training and
validation accuracy), without the progress bar. Runs alternate, after one untimed warm-up of each; the script
prints every time, the medians and their ratio (the goal: fastai / bare <= 1.05).

    python benchmarks/fastai_overhead.py [--bs 128] [--train-batches 12] [--valid-batches 4] [--repeats 3] [--threads N]
"""
import argparse, copy, statistics, time
import torch
from fastai.vision.all import Adam, DataLoader, DataLoaders, set_seed
from cifar_fastai.recipes import RECIPES
from cifar_fastai.train import cifar_learner

def batches(n:int, bs:int, seed:int) -> list:
    "`n` batches of `bs` random images (3x32x32) and labels (10 classes)."
    g = torch.Generator().manual_seed(seed)
    return [(torch.randn(bs, 3, 32, 32, generator=g), torch.randint(0, 10, (bs,), generator=g)) for _ in range(n)]

def fastai_epoch(model, dls, recipe) -> float:
    "Seconds of one `Learner.fit` epoch (training and validation)."
    learn = cifar_learner(recipe, dls, precision='fp32', channels_last=False)   # the bare loop's precision and layout: only the loop differs
    learn.model = model
    start = time.perf_counter()
    with learn.no_bar(), learn.no_logging(): learn.fit(1, lr=1e-3, wd=recipe.wd)
    return time.perf_counter() - start

def bare_epoch(model, dls, recipe) -> float:
    "Seconds of the same epoch as a plain PyTorch loop over the same batches, model and optimiser."
    opt, loss_func = Adam(list(model.parameters()), lr=1e-3, wd=recipe.wd), recipe.loss_func
    start = time.perf_counter()
    model.train()
    for xb, yb in dls.train:
        loss = loss_func(model(xb), yb)
        loss.backward()
        opt.step()
        opt.zero_grad()
    model.eval()
    total_loss, correct, n = 0., 0, 0
    with torch.no_grad():
        for xb, yb in dls.valid:
            out = model(xb)
            total_loss += loss_func(out, yb).item() * len(yb)
            correct += (out.argmax(1) == yb).sum().item()
            n += len(yb)
    _ = (total_loss / n, correct / n)
    return time.perf_counter() - start

def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--bs', type=int, default=128)
    p.add_argument('--train-batches', type=int, default=12)
    p.add_argument('--valid-batches', type=int, default=4)
    p.add_argument('--repeats', type=int, default=3)
    p.add_argument('--threads', type=int, default=None, help="PyTorch's CPU threads (default: PyTorch's choice)")
    args = p.parse_args()
    if args.threads: torch.set_num_threads(args.threads)
    recipe = RECIPES['dilated']
    # fastai's DataLoader with bs=None yields the pre-built batches as they are; both loops iterate the same ones
    dls = DataLoaders(DataLoader(batches(args.train_batches, args.bs, 0), bs=None),
                      DataLoader(batches(args.valid_batches, args.bs, 1), bs=None), device=torch.device('cpu'))
    set_seed(0)
    initial = recipe.arch()
    loops = {'fastai': fastai_epoch, 'bare': bare_epoch}
    times = {name: [] for name in loops}
    print(f'{torch.get_num_threads()} threads; {args.train_batches} training + {args.valid_batches} validation batches of {args.bs}')
    for i in range(args.repeats + 1):
        for name, epoch in loops.items():
            secs = epoch(copy.deepcopy(initial), dls, recipe)
            if i == 0: print(f'warm-up {name:6s} {secs:7.2f}s'); continue
            times[name].append(secs)
            print(f'run {i}   {name:6s} {secs:7.2f}s', flush=True)
    med = {name: statistics.median(t) for name, t in times.items()}
    print(f"\nmedian seconds per epoch: fastai {med['fastai']:.2f}, bare PyTorch {med['bare']:.2f}; fastai / bare = {med['fastai'] / med['bare']:.3f}")

if __name__ == '__main__': main()
