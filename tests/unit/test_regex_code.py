"""The table of compiled regular-expression code: recorded apart, replayed exactly, never
holding a policy's patterns, and harmless when missing, broken or foreign."""

from __future__ import annotations

import _sre
import logging
import marshal
import os
import re
import subprocess
import sys
from array import array
from collections.abc import Iterator
from pathlib import Path

import pytest

from veil import regex_code


@pytest.fixture
def own_table() -> Iterator[None]:
    """The process's table taken out for the test, and put back after."""
    was = regex_code._installed is not None
    regex_code.uninstall()
    re.purge()
    try:
        yield
    finally:
        regex_code.uninstall()
        re.purge()
        if was:
            regex_code.install()


def _entry(pattern: str, flags: int = 0) -> tuple[object, ...]:
    """The arguments CPython's compiler gives _sre.compile for ``pattern`` (recorded as the
    recorder does)."""
    seen: list[tuple[object, ...]] = []
    compiler = re._compiler  # type: ignore[attr-defined]
    engine = compiler._sre

    class Spy:
        def __getattr__(self, name: str) -> object:
            return getattr(engine, name)

        @staticmethod
        def compile(*args: object) -> object:
            seen.append(args)
            return engine.compile(*args)

    compiler._sre = Spy()
    try:
        compiler.compile(pattern, flags)
    finally:
        compiler._sre = engine
    p, final, code, groups, index, names = seen[0]
    return (p, final, array(regex_code.CODE_TYPE, code).tobytes(), groups, dict(index),
            tuple(names))


def _write(path: Path, table: dict[tuple[str, int], tuple[object, ...]]) -> Path:
    path.write_bytes(marshal.dumps(table))
    return path


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A table recorded by build() while the environment names a policy file whose terms and
    recognizer hold made-up secrets."""
    folder = tmp_path_factory.mktemp("regex-code")
    policy = folder / "policy.yaml"
    # loaded by Veil, each of these reaches `re` (checked: a recorder given this policy
    # keeps all three)
    policy.write_text(
        "terms:\n  - {term: Zebediah Quillfeather, type: PERSON, require_context: [ward]}\n"
        "recognizers:\n  - name: ward_code\n    entity: WARD\n"
        "    patterns: [{name: ward, regex: 'WARDX-QQ7[0-9]{4}', score: 0.9}]\n"
        "    deny_list: [Oswinthorpe]\n")
    from veil.config import Policy

    Policy.from_yaml(policy)  # a valid policy, which a Veil would load
    os.environ["VEIL_POLICY_FILE"] = str(policy)
    try:
        table = folder / "table.marshal"
        assert regex_code.build(table) > 300
    finally:
        del os.environ["VEIL_POLICY_FILE"]
    return table, policy


def test_a_recorded_table_compiles_each_pattern_as_python_does(recorded: tuple[Path, Path],
                                                               own_table: None) -> None:
    table = regex_code.read(recorded[0])
    compiler = re._compiler  # type: ignore[attr-defined]
    checked = 0
    for (p, flags), (pattern, final, code, groups, index, names) in table.items():
        if len(p) > 20_000:  # spaCy's tokenizer exceptions: seconds to compile again
            continue
        replayed = _sre.compile(pattern, final, array(regex_code.CODE_TYPE, code).tolist(),
                                groups, index, names)
        fresh = compiler.compile(p, flags)
        # Pattern equality compares the pattern, the flags and the compiled code itself
        assert replayed == fresh, p[:60]
        assert (replayed.groups, replayed.groupindex) == (fresh.groups, fresh.groupindex)
        checked += 1
    assert checked > 300
    # Veil's own patterns are there: the name heuristics' greeting, every built-in mark
    assert any("[Hh]ello" in p for p, _ in table)


def test_a_recording_never_holds_a_policy_or_a_text(recorded: tuple[Path, Path]) -> None:
    for path in (recorded[0], regex_code.kept_path("marks", recorded[0])):
        blob = path.read_bytes()
        for secret in (b"Zebediah", b"Quillfeather", b"WARDX", b"QQ7", b"Oswinthorpe"):
            assert secret not in blob
    table = regex_code.read(recorded[0])
    assert not any("Zebediah" in p or "WARDX" in p for p, _ in table)


def test_install_takes_the_table_code_for_its_patterns_only(tmp_path: Path,
                                                            own_table: None) -> None:
    # the entry for "abc" holds the code of "xyz": a compile of "abc" that matches "xyz"
    # can only have come from the table
    entry = _entry("xyz")
    path = _write(tmp_path / "t.marshal", {("abc", 0): ("abc", *entry[1:])})
    assert regex_code.install(path) == 1
    assert re.compile("abc").match("xyz")
    assert not re.compile("abc").match("abc")
    assert re.compile("abc", re.IGNORECASE).match("ABC")  # other flags: compiled as usual
    assert re.compile("abd").match("abd")  # not in the table: compiled as usual
    regex_code.uninstall()
    re.purge()
    assert re.compile("abc").match("abc")


@pytest.mark.parametrize("entry", [("abc", 0), "junk", ("xyz", 0, b"", 0, {}, ())])
def test_a_malformed_entry_is_compiled_instead(tmp_path: Path, own_table: None,
                                               entry: object) -> None:
    # (the last: the code of another pattern under this one's key)
    path = _write(tmp_path / "t.marshal", {("abc", 0): entry})
    assert regex_code.install(path) == 1
    assert re.compile("abc").match("abc") and not re.compile("abc").match("xyz")


def test_code_the_engine_refuses_is_compiled_instead(tmp_path: Path, own_table: None) -> None:
    good = _entry(r"(?P<w>\w+)@(\d+)")
    broken = (good[0], good[1], bytes(len(good[2])), *good[3:])  # all zeros: invalid code
    path = _write(tmp_path / "t.marshal", {(r"(?P<w>\w+)@(\d+)", 0): broken})
    regex_code.install(path)
    m = re.compile(r"(?P<w>\w+)@(\d+)").match("ann@42")
    assert m is not None and m.group("w") == "ann" and m.group(2) == "42"


@pytest.mark.parametrize("content", [b"", b"not marshal at all", marshal.dumps([1, 2, 3])])
def test_an_unreadable_table_changes_nothing(tmp_path: Path, own_table: None, content: bytes,
                                             caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "t.marshal"
    path.write_bytes(content)
    with caplog.at_level(logging.WARNING, logger="veil.regex_code"):
        assert regex_code.install(path) == 0
    assert "python -m veil.regex_code" in caplog.text
    assert re.compile(r"a+b").match("aab")


def test_a_missing_table_or_the_switch_turns_it_off(tmp_path: Path, own_table: None,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    assert regex_code.install(tmp_path / "none.marshal") == 0
    path = _write(tmp_path / "t.marshal", {("abc", 0): ("abc", *_entry("xyz")[1:])})
    monkeypatch.setenv("VEIL_REGEX_CODE", "0")
    assert regex_code.install(path) == 0
    assert re.compile("abc").match("abc")


def test_the_table_is_per_interpreter() -> None:
    name = regex_code.table_path().name
    assert f"{sys.hexversion:x}" in name and str(_sre.MAGIC) in name
    assert regex_code.table_path().is_relative_to(Path(sys.prefix))


def test_a_process_reads_the_table_from_its_first_import(tmp_path: Path) -> None:
    # the command line (a fresh interpreter) has the table in place before Veil's modules
    # compile anything: their patterns come from it
    code = ("import re, veil.regex_code as r, veil.detect.ner; "
            "print(r._installed is not None)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == str(regex_code.table_path().exists())


def test_the_kept_analyses_of_marks_are_what_the_parser_gives(
        recorded: tuple[Path, Path]) -> None:
    from veil.detect import literals

    version = literals.analyses_version()
    assert version is not None
    kept = regex_code.read_kept("marks", version, recorded[0])
    assert sum(k[0] == "strings" for k in kept) > 100 and any(k[0] == "prefixes" for k in kept)
    for (kind, pattern, flags), found in kept.items():
        parsed = literals._parsed(pattern, flags)
        if kind == "strings":
            assert found == (None if parsed is None else literals._branches(parsed)), pattern
        elif parsed is None:  # case-insensitive or multi-line: the regex engine's
            assert found is None, pattern
        else:
            assert found == sorted(literals._prefixes(parsed)), pattern
    # another version of the code that makes them reads none of them
    assert regex_code.read_kept("marks", "0" * 64, recorded[0]) == {}


@pytest.mark.parametrize("content", [b"", b"junk", marshal.dumps([1]),
                                     marshal.dumps({"version": "v", "entries": [1]})])
def test_unreadable_kept_analyses_are_made_again(tmp_path: Path, content: bytes) -> None:
    table = tmp_path / "t.marshal"
    regex_code.kept_path("marks", table).write_bytes(content)
    assert regex_code.read_kept("marks", "v", table) == {}
    assert regex_code.read_kept("marks", "v", tmp_path / "none.marshal") == {}


def test_a_mark_is_read_from_its_kept_analysis(monkeypatch: pytest.MonkeyPatch) -> None:
    from veil.detect import literals

    # a made-up analysis the parser would never give: only the kept one can produce it
    pattern = "(?<!\\w)(?:qqa|qqb|qqc|qqd)"
    fake = {("strings", pattern, 0): dict.fromkeys(("kept1", "kept2", "kept3", "kept4"), True)}
    monkeypatch.setattr(literals, "_kept", lambda: fake)
    found = literals.literals_of.__wrapped__(pattern, 0)  # not the process's cached ones
    assert found is not None and set(found.strings) == {"kept1", "kept2", "kept3", "kept4"}
    monkeypatch.setattr(literals, "_kept", dict)
    found = literals.literals_of.__wrapped__(pattern, 0)
    assert found is not None and set(found.strings) == {"qqa", "qqb", "qqc", "qqd"}
