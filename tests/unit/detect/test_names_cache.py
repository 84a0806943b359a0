"""The first- and last-name lists, kept as files so that a fresh process need not import Faker."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from veil.detect import names

_CHILD = """
import sys
from veil.detect import names
first, last = names.first_names(), names.last_names()
print(len(first), len(last), "maria" in first, "faker" in sys.modules)
"""


def _fresh_process(cache: Path) -> list[str]:
    env = dict(os.environ, VEIL_CACHE_DIR=str(cache))
    out = subprocess.run([sys.executable, "-c", _CHILD], env=env, capture_output=True,
                         text=True, check=True, timeout=120)
    return out.stdout.split()


def test_a_second_process_reads_the_lists_without_faker(tmp_path: Path) -> None:
    first = _fresh_process(tmp_path)
    assert first[2:] == ["True", "True"]  # made from Faker's providers
    files = sorted(p.name for p in (tmp_path / "names").iterdir())
    assert len(files) == 2 and files[0].startswith("first_names-")
    second = _fresh_process(tmp_path)
    assert second[:3] == first[:3] and second[3] == "False"  # the same lists, from the files


def test_a_damaged_file_is_made_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VEIL_CACHE_DIR", str(tmp_path))
    want = names._load("first_names")
    path = names._cache_file("first_names")
    assert path is not None
    path.parent.mkdir(parents=True)
    path.write_text("maria\njohn\n")  # a truncated list would miss names: never trusted
    assert names._cached("first_names") == want
    assert frozenset(path.read_text().split()) == want


def test_a_cache_that_cannot_be_written_still_gives_the_lists(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("")  # the cache folder's parent is a file: nothing can be written
    monkeypatch.setenv("VEIL_CACHE_DIR", str(blocked / "cache"))
    assert names._cached("last_names") == names._load("last_names")


def test_the_file_name_changes_with_what_the_lists_are_made_of(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VEIL_CACHE_DIR", str(tmp_path))
    before = names._cache_file("first_names")
    monkeypatch.setattr(names, "_COMMON_WORDS", names._COMMON_WORDS | {"maria"})
    assert names._cache_file("first_names") != before
