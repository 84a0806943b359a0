"""`veil bench hotpath` times each tool alone as well as interleaved: every text through one
tool in a row, the tools taking turns going first."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from veil.cli.bench_hotpath import (
    CacheFlusher,
    in_blocks,
    interleaved,
    last_level_cache,
    markdown,
)


class _Progress:
    def __init__(self) -> None:
        self.advanced = 0

    def add_task(self, label: str, total: int) -> int:
        self.total = total
        return 0

    def advance(self, task: int) -> None:
        self.advanced += 1


def _recording(calls: list[tuple[str, str]]) -> dict[str, Any]:
    return {name: (lambda text, i, name=name: calls.append((name, text)))
            for name in ("veil", "presidio")}


def test_each_tool_reads_every_text_in_a_row_and_they_take_turns() -> None:
    calls: list[tuple[str, str]] = []
    progress = _Progress()
    out = in_blocks(["a", "b", "c"], _recording(calls), progress, "short", rounds=2)
    assert calls == [("veil", "a"), ("veil", "b"), ("veil", "c"),
                     ("presidio", "a"), ("presidio", "b"), ("presidio", "c"),
                     ("presidio", "a"), ("presidio", "b"), ("presidio", "c"),
                     ("veil", "a"), ("veil", "b"), ("veil", "c")]
    assert out["veil"]["n"] == out["presidio"]["n"] == 6
    assert progress.advanced == progress.total == 12
    # interleaved, by contrast, alternates the tools text by text
    calls.clear()
    interleaved(["a", "b"], _recording(calls), _Progress(), "short")
    assert calls == [("veil", "a"), ("presidio", "a"), ("presidio", "b"), ("veil", "b")]


def test_the_report_shows_both_measurements() -> None:
    timing = {"n": 1, "median_ms": 2.0, "mean_ms": 2.0, "p95_ms": 2.0, "total_s": 0.002}
    slow = {**timing, "median_ms": 10.0}
    block = {"texts": 1, "mean_chars": 90.0, "veil": timing, "presidio": slow, "speedup": 5.0,
             "alone": {"veil": {**timing, "median_ms": 1.0}, "presidio": slow, "speedup": 10.0},
             "load": [[0.1, 0.1, 0.1], [0.1, 0.1, 0.1]]}
    result = {"config": {"ner_cache": False, "machine": "test"}, "load_start": [0.1],
              "load_end": [0.1], "sections": {"short": block}}
    text = markdown(result)
    assert "| short | 1 | 90 | 2.0 |" in text and "5.0x" in text
    assert "Each tool alone" in text and "| short | 1.0 | 10.0 | 10.0x |" in text


def test_a_cold_run_empties_the_cache_before_every_call() -> None:
    calls: list[tuple[str, str]] = []
    runners = _recording(calls)
    in_blocks(["a", "b"], runners, _Progress(), "short", rounds=1,
              before=lambda: calls.append(("flush", "")))
    assert calls == [("flush", ""), ("veil", "a"), ("flush", ""), ("veil", "b"),
                     ("flush", ""), ("presidio", "a"), ("flush", ""), ("presidio", "b")]


def test_the_flusher_writes_every_line_of_twice_the_cache_each_call() -> None:
    flush = CacheFlusher(cache_bytes=4096)
    assert len(flush.buf) == 8192
    for k in (1, 2, 3):
        flush()
        lines = flush.buf[:: CacheFlusher.LINE]
        assert len(lines) == 8192 // 64 and set(lines.tolist()) == {k}  # every line, each call
    assert int(flush.buf.sum()) == 3 * 8192 // 64  # one byte per line, no other


def test_the_largest_cache_is_read_from_sysfs(tmp_path: Path) -> None:
    for name, size, ways in (("index0", "48K", "12"), ("index2", "1M", "8"),
                             ("index3", "32768K", "16"), ("index4", "odd", "4")):
        (tmp_path / name).mkdir()
        (tmp_path / name / "size").write_text(size + "\n")
        (tmp_path / name / "ways_of_associativity").write_text(ways + "\n")
    assert last_level_cache(tmp_path) == (32 << 20, 16)
    assert last_level_cache(tmp_path / "missing") == (32 << 20, 16)  # the fallback
    (tmp_path / "index5").mkdir()
    (tmp_path / "index5" / "size").write_text("64M\n")  # no associativity given: 16
    assert last_level_cache(tmp_path) == (64 << 20, 16)


def test_the_report_gives_each_tools_cache_cost() -> None:
    def timing(ms: float) -> dict[str, float]:
        return {"n": 1, "median_ms": ms, "mean_ms": ms, "p95_ms": ms, "total_s": ms / 1000}

    block = {"texts": 1, "mean_chars": 90.0, "veil": timing(2.0), "presidio": timing(8.0),
             "speedup": 4.0,
             "alone": {"veil": timing(1.25), "presidio": timing(7.0), "speedup": 5.6},
             "cold": {"veil": timing(2.0), "presidio": timing(7.75), "speedup": 3.875},
             "load": [[0.1, 0.1, 0.1], [0.1, 0.1, 0.1]]}
    result = {"config": {"ner_cache": False, "machine": "test"}, "load_start": [0.1],
              "load_end": [0.1], "sections": {"1kb": block}}
    text = markdown(result)
    assert "cache emptied before every call" in text
    assert "| 1kb | 2.0 | 7.8 | 3.9x | 0.75 | 0.75 |" in text
