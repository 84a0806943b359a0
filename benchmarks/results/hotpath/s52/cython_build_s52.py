"""Compile a copy of Veil's hot-path modules with Cython, unchanged (no type annotations), to
measure what compiling the Python orchestration as it is would buy. The copy goes to a folder
outside the checkout; nothing is compiled in the project:

    python benchmarks/results/hotpath/s52/cython_build_s52.py /tmp/cy   # ~3 min on 2 cores
    PYTHONPATH=/tmp/cy/src veil bench instructions --no-presidio --out /tmp/cy-counts
    python benchmarks/results/hotpath/s52/pair_s52.py src /tmp/cy/src 20

Needs `pip install cython` (not a dependency of the project).
"""

from __future__ import annotations

import glob
import shutil
import sys
from pathlib import Path

from Cython.Build import cythonize
from setuptools import setup

MODULES = ["veil/detect/[a-z]*.py", "veil/mask/[a-z]*.py", "veil/vault/base.py",
           "veil/vault/sqlite.py", "veil/vault/crypto.py", "veil/core.py", "veil/casefold.py",
           "veil/caches.py", "veil/alternation.py", "veil/train/casing.py", "veil/train/data.py"]

dest = Path(sys.argv[1]).resolve()
src = Path(__file__).resolve().parents[4] / "src"
shutil.rmtree(dest, ignore_errors=True)
shutil.copytree(src, dest / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
root = dest / "src"
mods = sorted(m for pat in MODULES for m in glob.glob(str(root / pat)))
setup(ext_modules=cythonize(mods, language_level=3, nthreads=2, quiet=True),
      script_args=["build_ext", "--build-lib", str(root), "--build-temp", str(dest / "build"),
                   "-j", "2"])
print(f"{len(mods)} modules compiled under {root}")
