"""Fail when a notebook cell that shows something has no committed output.

nbdev's docs build executes only the import, export and `show_doc` cells of a notebook and keeps every other
cell's committed output, so a demonstration whose output is not committed shows nothing on the docs site. A cell
*shows something* when its last statement is an expression that is not a test (`test_eq(...)`, ...) and does not end
in `;` (nor `plt.close(...)`), or when it calls `print`, `display` or a `show...`/`plot...` function. Cells that are exported, hidden,
`show_doc`, or not evaluated (`#|eval: false`) are exempt.

    python .ci/check_outputs.py nbs/*.ipynb
"""
import ast, json, re, sys
from pathlib import Path

DIRECTIVE = re.compile(r'^\s*#\s*\|\s*(.*)$')
SHOWING_CALL = re.compile(r'^(print|display|show\w*|plot\w*)$')

def directives(source:str) -> list[str]:
    return [m.group(1).strip() for line in source.splitlines() if (m := DIRECTIVE.match(line))]

def exempt(source:str) -> bool:
    ds = ' '.join(directives(source))
    return bool(re.search(r'\b(export|exports|exporti|hide|eval:\s*false)\b', ds)) or source.lstrip().startswith('show_doc(') or 'show_doc(' in source.split('\n')[-1]

def _name(func:ast.expr) -> str:
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ''

def shows_something(source:str) -> bool:
    code = '\n'.join(l for l in source.splitlines() if not l.lstrip().startswith(('%', '!')))
    try: tree = ast.parse(code)
    except SyntaxError: return False
    if not tree.body: return False
    last = tree.body[-1]
    if isinstance(last, ast.Expr) and not code.rstrip().endswith(';'):
        if not (isinstance(last.value, ast.Call) and re.match(r'test|close$', _name(last.value.func))): return True
    return any(isinstance(n, ast.Expr) and isinstance(n.value, ast.Call) and SHOWING_CALL.match(_name(n.value.func)) for n in ast.walk(tree))

def missing_outputs(nb_path:Path) -> list[int]:
    "Indices of the cells of `nb_path` that show something and have no committed output."
    cells = json.loads(nb_path.read_text())['cells']
    return [i for i, c in enumerate(cells) if c['cell_type'] == 'code' and not c.get('outputs')
            and not exempt(''.join(c['source'])) and shows_something(''.join(c['source']))]

def main(paths:list[str]) -> int:
    failed = 0
    for p in map(Path, paths):
        if missing := missing_outputs(p):
            failed += 1
            print(f'{p}: {len(missing)} cell(s) that show something have no committed output: cells {", ".join(map(str, missing))}', file=sys.stderr)
    if failed: print('FAIL: run these notebooks in Jupyter (or `jupyter nbconvert --execute --inplace`), then nbdev_clean, and commit their outputs.', file=sys.stderr)
    return 1 if failed else 0

if __name__ == '__main__': sys.exit(main(sys.argv[1:]))
