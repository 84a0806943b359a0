"""`veil bench instructions`: callgrind's functions sorted into kinds of work, the totals read
from its listing, a clear error without valgrind, and (slow) real counts of the measured calls
only."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import typer

from veil.cli import bench_instructions as bi

# entries as callgrind_annotate prints them (CPython built from source, so some name no object)
_CPYTHON = "/tmp/build/Python-3.11.7"
_LIB = "[/usr/lib/libpython3.11.so.1.0]"


@pytest.mark.parametrize(("entry", "kind"), [
    (f"{_CPYTHON}/./Modules/_sre/sre_lib.h:sre_ucs1_match {_LIB}", "regex engine"),
    (f"{_CPYTHON}/Python/ceval.c:_PyEval_EvalFrameDefault {_LIB}", "interpreter"),
    (f"{_CPYTHON}/Python/ceval.c:PyObject_Vectorcall", "interpreter"),  # no object named
    (f"{_CPYTHON}/Objects/obmalloc.c:_PyObject_Free {_LIB}", "Python objects"),
    (f"{_CPYTHON}/./Include/object.h:_PyFrame_Clear {_LIB}", "Python objects"),
    (f"{_CPYTHON}/Objects/unicodeobject.c:PyUnicode_New {_LIB}", "strings"),
    (f"{_CPYTHON}/Python/import.c:PyImport_Import {_LIB}", "interpreter"),
    ("???:0x0000000001913050 [/venv/site-packages/onnxruntime/capi/"
     "onnxruntime_pybind11_state.cpython-311-x86_64-linux-gnu.so]", "model runtime"),
    ("???:0x00000000000ff650 [/usr/lib/x86_64-linux-gnu/libsqlite3.so.0.8.6]", "SQLite"),
    ("???:pyo3::marker::Python::detach [/venv/site-packages/ahocorasick_rs/"
     "ahocorasick_rs.cpython-311-x86_64-linux-gnu.so]", "regex engine"),
    ("./malloc/./malloc/malloc.c:_int_free [/usr/lib/x86_64-linux-gnu/libc.so.6]",
     "C library"),
    ("???:0x29ad80 [/usr/lib/x86_64-linux-gnu/libcrypto.so.3]", "crypto"),
    ("???:0x1234 [/venv/site-packages/something/else.so]", "other native code"),
])
def test_each_function_is_sorted_into_a_kind_of_work(entry: str, kind: str) -> None:
    assert bi.kind_of(entry) == kind


def test_the_listing_gives_the_total_and_each_kind() -> None:
    listing = f"""\
--------------------------------------------------------------------------------
Events recorded:  Ir
--------------------------------------------------------------------------------
1,000,000 (100.0%)  PROGRAM TOTALS

--------------------------------------------------------------------------------
Ir                   file:function
--------------------------------------------------------------------------------
600,000 (60.00%)  {_CPYTHON}/Python/ceval.c:_PyEval_EvalFrameDefault {_LIB}
250,000 (25.00%)  ???:0x10 [/x/onnxruntime_pybind11_state.so]
100,000 (10.00%)  {_CPYTHON}/Objects/dictobject.c:_Py_dict_lookup {_LIB}
 50,000 ( 5.00%)  {_CPYTHON}/Python/ceval.c:PyObject_Vectorcall
"""
    total, kinds = bi.by_kind(listing)
    assert total == 1_000_000
    assert kinds == {"interpreter": 650_000, "model runtime": 250_000,
                     "Python objects": 100_000}
    assert list(kinds) == ["interpreter", "model runtime", "Python objects"]  # largest first


def test_without_valgrind_the_error_says_what_to_install(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(bi.shutil, "which", lambda _tool: None)
    with pytest.raises(typer.BadParameter, match="install valgrind"):
        bi.run(short=1, kb=0, ner_backend="learned", ner=False, presidio=False, out=tmp_path,
               name="x")
    assert not list(tmp_path.iterdir())  # nothing half-written


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("valgrind") is None, reason="valgrind is not installed")
def test_real_counts_cover_the_measured_calls_only(tmp_path: Path) -> None:
    # NER off keeps the run short under valgrind (about a minute)
    result = bi.run(short=3, kb=0, ner_backend="learned", ner=False, presidio=False,
                    out=tmp_path, name="r")
    veil = result["sets"]["short"]["veil"]
    assert veil["texts"] == 3
    # counting is on around the three calls only: start-up and warm-up (billions of
    # instructions: imports, compiling regexes) would be far above this, and no counting at
    # all would be zero
    assert 2e5 < veil["instructions_per_text"] < 5e7
    # detection is Python: the interpreter's work is there, and the kinds make up the total
    assert veil["by_kind_per_text"]["interpreter"] > 0.2 * veil["instructions_per_text"]
    assert sum(veil["by_kind_per_text"].values()) == pytest.approx(
        veil["instructions_per_text"], rel=1e-6)
    written = json.loads((tmp_path / "r.json").read_text())
    assert written["sets"]["short"]["veil"]["texts"] == 3
    assert "| **total** |" in (tmp_path / "r.md").read_text()
    assert (tmp_path / "r.png").stat().st_size > 0
