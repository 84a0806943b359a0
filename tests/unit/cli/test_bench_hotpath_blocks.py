"""`veil bench hotpath` times each tool alone as well as interleaved: every text through one
tool in a row, the tools taking turns going first."""

from __future__ import annotations

from typing import Any

from veil.cli.bench_hotpath import in_blocks, interleaved, markdown


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
