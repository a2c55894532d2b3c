__version__ = "0.1.0"

# fastai 2.8's fastai/layers.py applies `torch.jit.script` at import, which PyTorch deprecates with a FutureWarning
# on every import of fastai: noise that is not ours to act on. The package's __init__ runs before any of its modules
# imports fastai, so this is the one place to silence it (and only it: see 06_devices, "Workarounds of upstream code").
import warnings as _warnings
_warnings.filterwarnings('ignore', message=r'`torch\.jit\.script` is deprecated', category=FutureWarning)
