"""Public calibration and held-out text that exists offline on every machine.

Obfuscation calibrates on real activations (kappa, the fitted C block), and its benchmarks need
held-out text that calibration never saw. Both come from the docstrings of the Python standard
library: English prose with code, present wherever Python runs, no download. Two disjoint module
lists keep calibration and evaluation apart. Docstrings change a little between Python versions;
a calibration only has to be representative, not identical.
"""

from __future__ import annotations

import importlib
import inspect

#: Modules whose docstrings calibrate obfuscation (kappa and the C block).
CALIBRATION_MODULES = (
    "os", "re", "typing", "functools", "itertools", "datetime", "threading", "socket",
    "zipfile", "configparser", "asyncio", "enum", "dataclasses", "random", "statistics",
)
#: Modules whose docstrings are held out for utility benchmarks (never used to calibrate).
HELD_OUT_MODULES = (
    "argparse", "json", "collections", "email", "http.client", "logging", "csv", "textwrap",
    "unittest", "pathlib", "subprocess", "shutil", "tarfile", "sqlite3", "decimal",
)


def docstring_text(modules: tuple[str, ...], *, max_chars: int = 200_000,
                   min_len: int = 200) -> str:
    """Public docstrings (at least ``min_len`` characters) of ``modules``' public members, in a
    fixed order, joined by blank lines and cut at ``max_chars``."""
    parts: list[str] = []
    size = 0
    for name in modules:
        try:
            mod = importlib.import_module(name)
        except ImportError:  # a trimmed Python install: use what is there
            continue
        for member, obj in inspect.getmembers(mod):
            doc = inspect.getdoc(obj)
            if member.startswith("_") or not doc or len(doc) < min_len:
                continue
            parts.append(doc)
            size += len(doc) + 2
            if size >= max_chars:
                return "\n\n".join(parts)[:max_chars]
    return "\n\n".join(parts)


def calibration_text(max_chars: int = 16_000) -> str:
    """Text for obfuscation calibration: the hand-written sample plus stdlib docstrings."""
    from veil.obfuscation.export import CALIBRATION_TEXT

    return CALIBRATION_TEXT + "\n\n" + docstring_text(
        CALIBRATION_MODULES, max_chars=max(max_chars - len(CALIBRATION_TEXT), 0))


def held_out_text(max_chars: int = 12_000) -> str:
    """Held-out text for utility benchmarks (disjoint from :func:`calibration_text`)."""
    return docstring_text(HELD_OUT_MODULES, max_chars=max_chars)


__all__ = ["CALIBRATION_MODULES", "HELD_OUT_MODULES", "calibration_text", "docstring_text",
           "held_out_text"]
