"""The compiled code of Veil's regular expressions, kept from one process to the next.

Python compiles each regular expression anew in every process: about 570 of them for a
``veil protect``, 0.23 of its 0.9 s, and as much again for each gateway worker and detection
process. CPython's compiler is deterministic for one interpreter, so the code it made for a
pattern can be kept and given to ``_sre.compile`` in a later process, which checks it ("invalid
SRE code" otherwise) without parsing or optimising the pattern again.

- **Recorded** only by :func:`build`, in a fresh process of its own (:mod:`.record`): it
  imports Veil, builds the default engines and protects made-up texts, with Veil's defaults.
  A process that serves callers never records: a policy's own patterns (a deny list may hold a
  patient's name) and anything built from a prompt never reach the table.
- **Read** by :func:`install`, which ``import veil`` calls first: a pattern compiled with the
  same flags as one in the table takes the table's code; any other compiles as usual. A
  missing, foreign or unreadable table changes nothing.
- **Where**: ``<environment>/share/veil/regex-code/``, one file per interpreter (its exact
  version and its regular-expression engine's magic number in the name), beside the packages
  it was made from, with their trust. ``python -m veil.regex_code`` (``make install``) writes
  it; ``VEIL_REGEX_CODE=0`` turns it off.
"""

from __future__ import annotations

import _sre
import logging
import marshal
import os
import re
import sys
from array import array
from collections.abc import Callable
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

#: (pattern, flags given) -> ``_sre.compile``'s arguments, the code as an array's bytes
Table = dict[tuple[str, int], tuple[str, int, bytes, int, dict[str, int], tuple[Any, ...]]]

#: an unsigned int per code word; the table is used only where that is ``_sre.CODESIZE`` wide
CODE_TYPE = "I"
_installed: Callable[..., Any] | None = None


def table_path() -> Path:
    """This interpreter's table (another interpreter's code may differ or be refused)."""
    name = f"{sys.implementation.cache_tag}-{sys.hexversion:x}-{_sre.MAGIC}.marshal"
    return Path(sys.prefix) / "share" / "veil" / "regex-code" / name


def supported() -> bool:
    """Whether this interpreter's regular-expression engine takes code as the table keeps it
    (CPython 3.11 or later, whose compiler is ``re._compiler``)."""
    compiler = getattr(re, "_compiler", None)
    return (sys.implementation.name == "cpython" and compiler is not None
            and hasattr(compiler, "compile") and array(CODE_TYPE).itemsize == _sre.CODESIZE)


def read(path: Path) -> Table:
    with path.open("rb") as f:
        # written by build() into the environment's own folder, beside the code it was made
        # from: the trust of the packages there
        table = marshal.load(f)  # nosec B302 # our own file, see above
    if not isinstance(table, dict):
        raise ValueError("not a table")
    return table


def install(path: Path | None = None) -> int:
    """From now on in this process, compile the table's patterns from its code; how many it
    holds (0: no table, or turned off). ``path``: another table than :func:`table_path`."""
    global _installed
    if _installed is not None or os.environ.get("VEIL_REGEX_CODE", "1") == "0" \
            or not supported():
        return 0
    path = path or table_path()
    try:
        table = read(path)
    except FileNotFoundError:
        return 0
    except Exception as exc:  # a partial or foreign file: compile as usual
        log.warning("the regular-expression table %s is unreadable (%s); write it again with "
                    "python -m veil.regex_code", path, type(exc).__name__)
        return 0
    compiler = re._compiler  # type: ignore[attr-defined]
    original = compiler.compile

    def compile(p: Any, flags: int = 0) -> Any:
        args = table.get((p, flags)) if type(p) is str and type(flags) is int else None
        if args is not None:
            try:
                pattern, final, code, groups, index, names = args
                if pattern != p:
                    raise ValueError("another pattern's code")
                return _sre.compile(pattern, final, array(CODE_TYPE, code).tolist(), groups,
                                    index, names)
            except Exception:  # a malformed entry, or code the engine's check refused
                table.pop((p, flags), None)
        return original(p, flags)

    compiler.compile = compile
    _installed = original
    return len(table)


def kept_path(name: str, path: Path | None = None) -> Path:
    """Where the recording keeps ``name``'s analyses of patterns, beside the table (the
    parser's output they were made from is this interpreter's)."""
    path = path or table_path()
    return path.with_name(f"{path.stem}-{name}{path.suffix}")


def read_kept(name: str, version: str, path: Path | None = None) -> dict[Any, Any]:
    """The analyses the recording kept under ``name`` when they were made by the code whose
    digest is ``version``; none for another version, no file, or an unreadable one."""
    if os.environ.get("VEIL_REGEX_CODE", "1") == "0":
        return {}
    try:
        with kept_path(name, path).open("rb") as f:
            kept = marshal.load(f)  # nosec B302 # our own file, beside the table
    except FileNotFoundError:
        return {}
    except Exception as exc:  # partial or foreign: made again as usual
        log.warning("the kept analyses %s are unreadable (%s); write them again with "
                    "python -m veil.regex_code", name, type(exc).__name__)
        return {}
    if not isinstance(kept, dict) or kept.get("version") != version \
            or not isinstance(kept.get("entries"), dict):
        return {}
    entries: dict[Any, Any] = kept["entries"]
    return entries


def uninstall() -> None:
    """Compile every pattern as usual again (patterns compiled already stay as they are)."""
    global _installed
    if _installed is not None:
        re._compiler.compile = _installed  # type: ignore[attr-defined]
        _installed = None


#: Settings a recording keeps: where the models and lists are, not what is detected.
_KEEP = ("VEIL_DETECTOR_DIR", "VEIL_CACHE_DIR", "VEIL_SPACY_TORCH")


def build(path: Path | None = None, *, timeout: float = 600) -> int:
    """Record the table in a fresh process, with Veil's defaults (no policy file or other
    setting from the environment), and write it to ``path`` (default :func:`table_path`)
    whole or not at all; how many patterns it holds."""
    import subprocess  # nosec B404 # this interpreter on our own script; imported here: install() is on every start

    if not supported():
        raise RuntimeError("the regular-expression table needs CPython 3.11 or later")
    path = path or table_path()
    env = {k: v for k, v in os.environ.items() if not k.startswith("VEIL_") or k in _KEEP}
    env["VEIL_REGEX_CODE"] = "0"  # every pattern compiled, none taken from an older table
    # a script run by its path: no part of Veil is imported before the recording starts
    script = Path(__file__).with_name("record.py")
    done = subprocess.run([sys.executable, str(script), str(path)], env=env,  # nosec B603
                          capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise RuntimeError(f"recording the regular-expression table failed:\n{done.stderr}")
    return len(read(path))
