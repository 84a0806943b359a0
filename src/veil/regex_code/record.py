"""Records the regular-expression table (see :mod:`veil.regex_code`).

Run as a script by :func:`veil.regex_code.build`, in a fresh process, so that the recording
starts before any part of Veil is imported: ``re`` keeps what it compiled once, and a pattern
compiled before would never pass through the recorder.
"""

from __future__ import annotations

import base64
import importlib
import marshal
import os
import re
import sys
import tempfile
from array import array
from pathlib import Path
from typing import Any

if sys.path and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    del sys.path[0]  # the package's folder, first for a script: no place to import from

_Args = tuple[str, int, list[int], int, dict[str, int], tuple[Any, ...]]
_table: dict[tuple[str, int], _Args] = {}
_given: list[tuple[Any, Any]] = []
_compiler = re._compiler  # type: ignore[attr-defined]
_compile, _engine = _compiler.compile, _compiler._sre


class _Engine:
    """``_sre`` as the compiler sees it: its arguments to ``_sre.compile`` are recorded where
    they are made, so whatever this interpreter's compiler does is what is kept."""

    def __getattr__(self, name: str) -> Any:
        return getattr(_engine, name)

    @staticmethod
    def compile(pattern: Any, final: int, code: list[int], groups: int,
                index: dict[str, int], names: tuple[Any, ...]) -> Any:
        p, flags = _given[-1]
        if type(p) is str and isinstance(flags, int) and pattern == p:
            _table[(p, int(flags))] = (p, int(final), [int(c) for c in code], int(groups),
                                       {str(k): int(v) for k, v in index.items()},
                                       tuple(names))
        return _engine.compile(pattern, final, code, groups, index, names)


def _record(p: Any, flags: int = 0) -> Any:
    _given.append((p, flags))
    try:
        return _compile(p, flags)
    finally:
        _given.pop()


_compiler.compile, _compiler._sre = _record, _Engine()
re.purge()

#: Texts protected while recording: each kind of value the built-in recognizers look for, so
#: that the patterns compiled on first use are compiled too. Made up; no one's data.
TEXTS = (
    "Hi, I am Jane Doe from Acme Corp; call me on +1 415 555 0100 or jane@example.com.",
    "Patient: DOE, JANE  DOB 03/14/1985  MRN 00123456  SSN 078-05-1120, 12 Main St, "
    "Springfield, IL 62704. Card 4111 1111 1111 1111, IBAN GB82 WEST 1234 5698 7654 32.",
    "ssh admin@10.0.0.1 -p 2222; key AKIAIOSFODNN7EXAMPLE; https://example.org/u?id=7&t=x",
    "Bonjour, je m'appelle Marie Dubois et j'habite 12 rue de la Paix, 75002 Paris.",
    "Hallo, ich bin Hans Müller aus Berlin, Telefon 030 1234567.",
    "Hola, soy Carlos García de Madrid, mi DNI es 12345678Z.",
    "你好，我叫王伟，住在北京市朝阳区。",
)


def exercise(home: Path) -> None:
    """What a command or a server compiles: Veil's modules, the default engine of each NER
    backend that is installed (its models and every pattern loaded), and a protect and a
    restore of :data:`TEXTS`."""
    for module in ("veil.cli.app", "veil.gateway.app"):
        importlib.import_module(module)
    from veil.config import Policy, Settings
    from veil.core import Veil
    from veil.detect.learned import detector_available, detector_dir

    backends = ["spacy"] + (["learned"] if detector_available(detector_dir()) else [])
    for i, backend in enumerate(backends):
        settings = Settings(home=home / str(i), detect_workers=0,
                            master_key=base64.b64encode(os.urandom(32)).decode())
        try:
            _protect(Veil(settings, policy=Policy(ner_backend=backend)))  # type: ignore[arg-type]
        except Exception as exc:  # a model not installed: the table is only shorter
            print(f"{backend} backend left out: {exc}", file=sys.stderr)


def _protect(veil: Any) -> None:
    try:
        veil.engine().prepare()
        for text in TEXTS:
            protected = veil.protect(text, session="regex-code")
            veil.restore(protected.masked, session="regex-code")
    finally:
        veil.vault.close()


def main(path: Path) -> None:
    from veil.detect import literals

    marks = literals.record_analyses()  # before any mark is read
    with tempfile.TemporaryDirectory() as home:
        exercise(Path(home))
    from veil.regex_code import CODE_TYPE, kept_path

    table = {key: (p, final, array(CODE_TYPE, code).tobytes(), groups, index, names)
             for key, (p, final, code, groups, index, names) in _table.items()}
    version = literals.analyses_version()
    if version is not None:
        _write(kept_path("marks", path), {"version": version, "entries": marks})
    _write(path, table)


def _write(path: Path, value: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".regex-code-")
    try:
        with os.fdopen(fd, "wb") as f:
            marshal.dump(value, f)
        os.chmod(tmp, 0o644)  # code, no secret: every user of the environment reads it
        os.replace(tmp, path)  # whole or not at all: a reader never sees half a table
    except BaseException:
        os.unlink(tmp)
        raise


if __name__ == "__main__":
    main(Path(sys.argv[1]))
