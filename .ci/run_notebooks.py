"""Execute notebooks top to bottom in a real Jupyter kernel (nbclient + ipykernel), as users run them.

Cells flagged with one of settings.ini's `tst_flags` (`#|slow`, `#|cuda`) are skipped, as `nbdev_test` skips them;
everything else runs in order in one kernel, and the first error fails the run with the cell that raised.

    python .ci/run_notebooks.py nbs/02_data.ipynb nbs/03_augment.ipynb ...
"""
import configparser, re, sys, time
from pathlib import Path
import nbformat
from nbclient import NotebookClient

def skip_flags() -> set[str]:
    cfg = configparser.ConfigParser(); cfg.read(Path(__file__).parents[1]/'settings.ini')
    return set(cfg['DEFAULT'].get('tst_flags', '').split())

def directives(cell) -> list[str]:
    "The nbdev directives of `cell` as written after `#|`: 'slow', 'eval: false', ..."
    return re.findall(r'^\s*#\|\s*(.*?)\s*$', cell.source, flags=re.M)

def flagged(cell, flags) -> bool:
    "Does the code `cell` carry an nbdev directive (`#| slow`, `#|cuda`) named in `flags`?"
    return bool(flags & {re.match(r'\w*', d)[0] for d in directives(cell)})

def execute(nb, folder:Path):
    "Run the cells of `nb` in order in a fresh Jupyter kernel working in `folder`; their outputs go into `nb`."
    NotebookClient(nb, timeout=900, kernel_name='python3', resources={'metadata': {'path': str(folder)}}).execute()

def run(fn:Path, flags:set[str]) -> float:
    nb = nbformat.read(fn, as_version=4)
    nb.cells = [c for c in nb.cells if c.cell_type != 'code' or not flagged(c, flags)]
    start = time.time()
    execute(nb, fn.parent)
    return time.time() - start

if __name__ == '__main__':
    flags = skip_flags()
    for fn in map(Path, sys.argv[1:]):
        print(f'{fn}: {run(fn, flags):.0f} s in a Jupyter kernel', flush=True)
