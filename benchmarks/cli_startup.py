"""How fast the commands answer `--help` and a usage error, against importing fastai (what they used to do first).

Each figure is the wall-clock time of a whole process, median (min-max) of `--repeats` runs, taken side by side:

    python benchmarks/cli_startup.py [--repeats 5]

`python -X importtime -c "import cifar_fastai.cli"` lists what the module itself imports: the standard library
and fastcore's `script`, nothing of PyTorch or fastai.
"""
import argparse, statistics, subprocess, sys, time
from pathlib import Path

BIN = Path(sys.executable).parent
COMMANDS = {
    'cifar_train --help': [BIN/'cifar_train', '--help'],
    'cifar_predict --help': [BIN/'cifar_predict', '--help'],
    'cifar_eval --help': [BIN/'cifar_eval', '--help'],
    'cifar_train --epochs abc (usage error)': [BIN/'cifar_train', '--epochs', 'abc'],
    'python -c "import fastai.vision.all"': [sys.executable, '-c', 'import fastai.vision.all'],
}

def seconds(cmd) -> float:
    start = time.perf_counter()
    subprocess.run(list(map(str, cmd)), capture_output=True)
    return time.perf_counter() - start

def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--repeats', type=int, default=5)
    args = p.parse_args()
    times = {name: [] for name in COMMANDS}
    for _ in range(args.repeats):
        for name, cmd in COMMANDS.items(): times[name].append(seconds(cmd))
    for name, xs in times.items(): print(f'{name:40s} {statistics.median(xs):6.2f} s ({min(xs):.2f}-{max(xs):.2f})')

if __name__ == '__main__': main()
