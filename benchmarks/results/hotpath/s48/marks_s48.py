"""Time of each scan mark's search per gateway request (~1 KB prompt with 4-6 values, learned
backend, 300 requests after 100 of warm-up), and how it is searched: an automaton of the mark's
strings ("strings"), of the strings its matches begin with ("prefixes"), one character
("one"), or the regex from each found position ("regex").

    [PYTHONPATH=<tree>/src] VEIL_DETECTOR_DIR=<detector> .venv/bin/python \\
        benchmarks/results/hotpath/s48/marks_s48.py
"""
from __future__ import annotations

import base64
import collections
import os
import re
import tempfile
import time
from pathlib import Path

import veil.detect.literals as lit
import veil.detect.patterns as pat
from veil import Veil
from veil.cli.bench_gateway import valued_prompt
from veil.config import Policy, Settings
from veil.gateway.privacy import Conversation

spent: collections.Counter[tuple[str, str]] = collections.Counter()
_find = pat._find_marks


def _kind(mark: re.Pattern[str]) -> str:
    if lit.literals_of(mark.pattern, mark.flags) is not None:
        return "strings"
    if pat._one_wide(mark.pattern, mark.flags):
        return "one"
    prefixes = getattr(lit, "prefixes_of", None)  # absent before this round
    if prefixes is not None and prefixes(mark.pattern, mark.flags) is not None:
        return "prefixes"
    return "regex"


def _timed(mark: re.Pattern[str], text: str) -> list[int]:
    t0 = time.perf_counter()
    found = _find(mark, text)
    spent[(mark.pattern[:60], _kind(mark))] += time.perf_counter() - t0
    return found


def main() -> None:
    pat._find_marks = _timed
    veil = Veil(Settings(home=Path(tempfile.mkdtemp()),
                         master_key=base64.b64encode(os.urandom(32)).decode()),
                policy=Policy.model_validate({"ner_backend": "learned"}))
    for i in range(400):
        if i == 100:
            spent.clear()
        text, _ = valued_prompt(i, tag=f"T{i}")
        Conversation(veil, "default", f"s{i}").protect_chat(
            {"model": "echo", "messages": [{"role": "user", "content": text}]})
    for (pattern, kind), s in spent.most_common(12):
        print(f"{s / 300 * 1e6:6.1f} us/request  {kind:8s}  {pattern}")


if __name__ == "__main__":
    main()
