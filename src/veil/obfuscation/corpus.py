"""Public calibration, repair and held-out text that exists offline on every machine.

Obfuscation calibrates on real activations (kappa, the fitted C block), repair distils on public
text, and benchmarks need held-out text that neither saw. All three come from the docstrings of
the Python standard library: English prose with code, present wherever Python runs, no download.
Three disjoint module lists keep calibration, repair and evaluation apart. Docstrings change a
little between Python versions; the text only has to be representative, not identical.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Iterator, Sequence
from types import ModuleType

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
#: Modules whose docstrings are the public text of client-side repair (never calibration or
#: held-out evaluation).
REPAIR_MODULES = (
    "string", "math", "heapq", "bisect", "copy", "pickle", "io", "struct", "glob", "fnmatch",
    "tempfile", "hashlib", "hmac", "base64", "difflib", "pprint", "reprlib", "weakref", "types",
    "contextlib", "abc", "numbers", "fractions", "operator", "inspect", "dis", "ast", "tokenize",
    "codecs", "locale", "gettext", "calendar", "queue", "sched", "selectors", "urllib.parse",
    "urllib.request", "html.parser", "xml.dom.minidom", "xml.etree.ElementTree", "gzip", "bz2",
    "lzma", "shelve", "plistlib", "secrets", "uuid", "ipaddress", "smtplib", "imaplib", "ftplib",
    "mailbox", "mimetypes", "cmd", "shlex", "code", "timeit", "trace", "traceback", "warnings",
    "sysconfig", "platform", "concurrent.futures", "doctest", "pydoc", "netrc", "getpass", "wave",
    "colorsys", "pickletools", "filecmp", "linecache", "quopri", "graphlib", "zipimport", "runpy",
    "pkgutil", "modulefinder",
)


def _modules(names: Sequence[str]) -> Iterator[ModuleType]:
    for name in names:
        try:
            yield importlib.import_module(name)
        except ImportError:  # a trimmed Python install: use what is there
            continue


def docstring_text(modules: tuple[str, ...], *, max_chars: int = 200_000,
                   min_len: int = 200) -> str:
    """Public docstrings (at least ``min_len`` characters) of ``modules``' public members, in a
    fixed order, joined by blank lines and cut at ``max_chars``."""
    parts: list[str] = []
    size = 0
    for mod in _modules(modules):
        for member, obj in inspect.getmembers(mod):
            doc = inspect.getdoc(obj)
            if member.startswith("_") or not doc or len(doc) < min_len:
                continue
            parts.append(doc)
            size += len(doc) + 2
            if size >= max_chars:
                return "\n\n".join(parts)[:max_chars]
    return "\n\n".join(parts)


def own_docstrings(modules: Sequence[str], *, min_len: int = 40) -> list[str]:
    """Distinct docstrings (at least ``min_len`` characters) of ``modules``, of the public classes
    and functions they define (not re-export) and of those classes' public methods."""
    out: list[str] = []
    seen: set[str] = set()
    for mod in _modules(modules):
        objs: list[object] = [mod]
        for k, v in vars(mod).items():
            if (not k.startswith("_") and (inspect.isclass(v) or inspect.isfunction(v))
                    and getattr(v, "__module__", None) == mod.__name__):
                objs.append(v)
                if inspect.isclass(v):
                    objs += [f for a, f in vars(v).items()
                             if not a.startswith("_") and inspect.isfunction(f)]
        for o in objs:
            doc = inspect.getdoc(o)
            if doc and len(doc) >= min_len and doc not in seen:
                seen.add(doc)
                out.append(doc)
    return out


def calibration_text(max_chars: int = 16_000) -> str:
    """Text for obfuscation calibration: the hand-written sample plus stdlib docstrings."""
    from veil.obfuscation.export import CALIBRATION_TEXT

    return CALIBRATION_TEXT + "\n\n" + docstring_text(
        CALIBRATION_MODULES, max_chars=max(max_chars - len(CALIBRATION_TEXT), 0))


def held_out_text(max_chars: int = 12_000) -> str:
    """Held-out text for utility benchmarks (disjoint from :func:`calibration_text`)."""
    return docstring_text(HELD_OUT_MODULES, max_chars=max_chars)


def repair_texts(modules: Sequence[str] = REPAIR_MODULES, *, min_len: int = 40) -> list[str]:
    """Public text for client-side repair, one docstring per item (about 90k SmolLM2 tokens by
    default); disjoint from calibration and held-out text."""
    return own_docstrings(modules, min_len=min_len)


__all__ = ["CALIBRATION_MODULES", "HELD_OUT_MODULES", "REPAIR_MODULES", "calibration_text",
           "docstring_text", "held_out_text", "own_docstrings", "repair_texts"]
