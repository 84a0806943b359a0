"""The word lists made from Faker's providers, kept as files so that a fresh process need not
import Faker."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from veil.detect import names

_CHILD = """
import sys
from veil.detect import gazetteer, names
first, last = names.first_names(), names.last_names()
german = gazetteer._locale_names("de", "last_names")
print(len(first), len(last), len(german), "maria" in first, "müller" in german,
      "faker" in sys.modules)
"""


def _fresh_process(cache: Path) -> list[str]:
    env = dict(os.environ, VEIL_CACHE_DIR=str(cache))
    out = subprocess.run([sys.executable, "-c", _CHILD], env=env, capture_output=True,
                         text=True, check=True, timeout=120)
    return out.stdout.split()


def test_a_second_process_reads_the_lists_without_faker(tmp_path: Path) -> None:
    first = _fresh_process(tmp_path)
    assert first[3:] == ["True", "True", "True"]  # made from Faker's providers
    files = sorted(p.name for p in (tmp_path / "names").iterdir())
    # (and the dictionary's lower-case words, which the broad lists are filtered by, and the
    # census's surnames)
    assert len(files) == 5 and files[0].startswith("census_surnames-")
    assert files[1].startswith("de-last_names-") and files[4].startswith("lower_case_words-")
    second = _fresh_process(tmp_path)
    assert second[:5] == first[:5] and second[5] == "False"  # the same lists, from the files


def test_a_damaged_file_is_made_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VEIL_CACHE_DIR", str(tmp_path))
    want = names._load("first_names")
    made = names.from_faker("first_names", ("t",), lambda: want)
    assert made == want
    # (the broad lists are filtered by the dictionary's words, kept as a file of their own
    # when this process had not read them yet)
    (path,) = [p for p in (tmp_path / "names").iterdir() if p.name.startswith("first_names-")]
    head, _, body = path.read_text().partition("\n")
    path.write_text(head + "\n" + body[: len(body) // 2])  # a list cut short misses names
    calls = []

    def make() -> frozenset[str]:
        calls.append(1)
        return want

    assert names.from_faker("first_names", ("t",), make) == want and calls == [1]
    assert names.from_faker("first_names", ("t",), make) == want and calls == [1]  # mended


def test_a_cache_that_cannot_be_written_still_gives_the_lists(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("")  # the cache folder's parent is a file: nothing can be written
    monkeypatch.setenv("VEIL_CACHE_DIR", str(blocked / "cache"))
    assert names.from_faker("last_names", ("t",), lambda: names._load("last_names")) == \
        names._load("last_names")


def test_the_file_name_changes_with_what_a_list_is_made_of(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VEIL_CACHE_DIR", str(tmp_path))
    before = names._cache_file("first_names", names._lists_made_of())
    monkeypatch.setattr(names, "_COMMON_WORDS", names._COMMON_WORDS | {"maria"})
    assert names._cache_file("first_names", names._lists_made_of()) != before
    rules_before = names._cache_file("first_names", ())
    monkeypatch.setattr(names, "_RULES", names._RULES + 1)
    assert names._cache_file("first_names", ()) != rules_before
