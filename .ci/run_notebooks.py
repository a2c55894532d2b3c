"""Execute notebooks top to bottom in a real Jupyter kernel (nbclient + ipykernel), as users run them.

Cells flagged with one of settings.ini's `tst_flags` (`#|slow`, `#|cuda`) are skipped, as `nbdev_test` skips them;
everything else runs in order in one kernel, and the first error fails the run with the cell that raised.

    python .ci/run_notebooks.py nbs/00_data.ipynb nbs/01_augment.ipynb ...
"""
import configparser, re, sys, time
from pathlib import Path
import nbformat
from nbclient import NotebookClient

def skip_flags() -> set[str]:
    cfg = configparser.ConfigParser(); cfg.read(Path(__file__).parents[1]/'settings.ini')
    return set(cfg['DEFAULT'].get('tst_flags', '').split())

def flagged(cell, flags) -> bool:
    "Does the code `cell` carry an nbdev directive (`#| slow`, `#|cuda`) named in `flags`?"
    directives = re.findall(r'^\s*#\|\s*(\w+)', cell.source, flags=re.M)
    return bool(flags & set(directives))

def run(fn:Path, flags:set[str]) -> float:
    nb = nbformat.read(fn, as_version=4)
    nb.cells = [c for c in nb.cells if c.cell_type != 'code' or not flagged(c, flags)]
    start = time.time()
    NotebookClient(nb, timeout=900, kernel_name='python3', resources={'metadata': {'path': str(fn.parent)}}).execute()
    return time.time() - start

if __name__ == '__main__':
    flags = skip_flags()
    for fn in map(Path, sys.argv[1:]):
        print(f'{fn}: {run(fn, flags):.0f} s in a Jupyter kernel', flush=True)
