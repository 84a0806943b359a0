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


def test_a_listing_of_misses_gives_each_kind_and_leaves_the_flush_out() -> None:
    listing = f"""\
--------------------------------------------------------------------------------
Ir                   ILmr         DLmr             DLmw
--------------------------------------------------------------------------------
9,000,000 (100.0%) 930 (100.0%) 180,798 (100.0%) 1,448,081 (100.0%)  PROGRAM TOTALS

--------------------------------------------------------------------------------
Ir                   ILmr         DLmr             DLmw                file:function
--------------------------------------------------------------------------------
8,000,000 (88.9%)  10 ( 1.0%) 170,000 (94.0%)       .           ???:UBYTE_add_X86_V3 [/x/numpy/_multiarray_umath.so]
  600,000 ( 6.7%) 200 (20.0%)   1,000 ( 0.5%)     300 ( 0.1%)  {_CPYTHON}/Python/ceval.c:_PyEval_EvalFrameDefault {_LIB}
  400,000 ( 4.4%) 700 (70.0%)   2,000 ( 1.0%)       .           ???:0x10 [/x/onnxruntime_pybind11_state.so]
"""  # noqa: E501 # a listing's lines as callgrind prints them
    instructions, misses, functions, flushed = bi.misses_by_kind(listing)
    assert flushed
    assert instructions == {"interpreter": 600_000, "model runtime": 400_000}
    assert misses == {"model runtime": 2_700, "interpreter": 1_500}  # the three events added
    assert functions == {"0x10 [onnxruntime_pybind11_state.so]": 2_700,
                         "ceval.c:_PyEval_EvalFrameDefault [libpython3.11.so.1.0]": 1_500}
    without = "\n".join(ln for ln in listing.splitlines() if "UBYTE_add" not in ln)
    assert bi.misses_by_kind(without)[3] is False


@pytest.mark.parametrize(("entry", "short"), [
    (f"{_CPYTHON}/./Modules/_sre/sre_lib.h:sre_ucs1_match {_LIB}",
     "sre_lib.h:sre_ucs1_match [libpython3.11.so.1.0]"),
    (f"{_CPYTHON}/Python/ceval.c:_PyEval_EvalFrameDefault'2 {_LIB}",  # a recursion level
     "ceval.c:_PyEval_EvalFrameDefault [libpython3.11.so.1.0]"),
    (f"{_CPYTHON}/Python/ceval.c:PyObject_Vectorcall", "ceval.c:PyObject_Vectorcall"),
    ("???:0x0000000001913050 [/venv/onnxruntime/capi/ort.so]", "0x1913050 [ort.so]"),
    ("???:aho_corasick::automaton::try_find [/venv/ahocorasick_rs/ac.so]",
     "aho_corasick::automaton::try_find [ac.so]"),
])
def test_functions_are_named_without_their_directories(entry: str, short: str) -> None:
    assert bi.short_name(entry) == short


def test_the_top_functions_are_those_a_cold_call_adds_most() -> None:
    warm = {"a": 100.0, "b": 10.0, "gone": 5.0}
    cold = {"a": 150.0, "b": 400.0, "c": 80.0}
    assert bi.top_functions(warm, cold, n=2) == [("b", 390.0), ("c", 80.0)]


@pytest.mark.parametrize(("size", "ways", "option"), [
    (32 << 20, 16, "--LL=33554432,16,64"),
    (30 << 20, 20, "--LL=20971520,20,64"),  # 24,576 sets: rounded down to 16,384
    (12 << 20, 12, "--LL=12582912,12,64"),
])
def test_the_simulated_cache_is_the_hosts_with_a_power_of_two_of_sets(
        monkeypatch: pytest.MonkeyPatch, size: int, ways: int, option: str) -> None:
    from veil.cli import bench_hotpath

    monkeypatch.setattr(bench_hotpath, "last_level_cache", lambda: (size, ways))
    assert bi.ll_option() == option


def test_the_report_gives_warm_and_cold_cache_lines() -> None:
    def tool(warm: float, cold: float) -> dict[str, object]:
        return {"texts": 2, "instructions_per_text": 1e6, "by_kind_per_text": {"SQLite": 1e6},
                "cache": {w: {"lines_per_text": n, "by_kind_per_text": {"SQLite": n}}
                          for w, n in (("warm", warm), ("cold", cold))}}

    veil = tool(1_000, 17_384)
    veil["cache"]["top_functions"] = [("0x1913050 [ort.so]", 2_396.4)]  # type: ignore[index]
    result = {"ner_backend": "learned", "python": "3.11", "machine": "x86_64",
              "ll_cache": "33554432,16,64",
              "sets": {"short": {"texts": 2, "veil": veil, "presidio": tool(2_000, 2_000)}}}
    text = bi.markdown(result)
    assert "| SQLite | 1,000 | 17,384 | 2,000 | 2,000 |" in text
    assert "veil: 16,384 lines (1.0 MiB) more than a warm one" in text
    assert "presidio: 0 lines (0.0 MiB)" in text and "33554432,16,64" in text
    assert "| `0x1913050 [ort.so]` | 2,396 |" in text


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
    # NER off keeps the run short under valgrind (a minute a run: warm, then cold)
    result = bi.run(short=3, kb=0, ner_backend="learned", ner=False, presidio=False,
                    out=tmp_path, name="r", cache=True)
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
    # a cold call brings in what a warm one finds cached (7,500 lines more in a run with NER
    # off: the interpreter's, SQLite's code...), and the flush between them (a million lines
    # written) is not counted as the tool's
    warm, cold = (veil["cache"][w]["lines_per_text"] for w in ("warm", "cold"))
    assert warm > 0 and cold - warm > 3_000 and cold < 1e6
    top = veil["cache"]["top_functions"]
    assert len(top) == 12 and top[0][1] >= top[-1][1] > 0
    assert not any("UBYTE_add" in f for f, _ in top)
    written = json.loads((tmp_path / "r.json").read_text())
    assert written["sets"]["short"]["veil"]["texts"] == 3
    assert "| **total** |" in (tmp_path / "r.md").read_text()
    assert (tmp_path / "r.png").stat().st_size > 0


def test_the_report_gives_the_start_up_of_a_shell_command() -> None:
    result = {"ner_backend": "learned", "python": "3.11", "machine": "x86_64", "sets": {},
              "startup": {"instructions": 4.2e9, "by_kind": {"interpreter": 3.0e9,
                                                             "regex engine": 1.2e9}}}
    text = bi.markdown(result)
    assert "from the shell" in text
    assert "| interpreter | 3,000 |" in text and "| **total** | **4,200** |" in text
    assert text.index("| interpreter |") < text.index("| regex engine |")


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("valgrind") is None, reason="valgrind is not installed")
def test_real_start_up_counts_the_whole_process(tmp_path: Path) -> None:
    # NER off: the shortest start-up there is, still billions of instructions (the
    # interpreter, imports, the recognizers' patterns), far above one call's
    result = bi.run(short=0, kb=0, ner_backend="learned", ner=False, presidio=False,
                    out=tmp_path, name="s", startup=True)
    started = result["startup"]
    assert started["instructions"] > 3e8
    assert sum(started["by_kind"].values()) == pytest.approx(started["instructions"], rel=1e-6)
    assert started["by_kind"]["interpreter"] > 0.2 * started["instructions"]
    assert "from the shell" in (tmp_path / "s.md").read_text()
    assert not (tmp_path / "s.png").exists()  # no texts counted: nothing to plot
