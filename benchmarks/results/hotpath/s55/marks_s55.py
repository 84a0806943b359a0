"""Each pattern mark's search timed on `veil bench gateway`'s ~1 KB prompts (the learned
backend's engine, every recognizer), with the way it is found (a set of strings, one
character wide, the strings its matches begin with, or the regex's own search):

    [PYTHONPATH=<tree>/src] python benchmarks/results/hotpath/s55/marks_s55.py
"""
from __future__ import annotations

import collections
import time
from typing import Any

import veil.detect.patterns as patterns
from veil.cli.bench_gateway import valued_prompt
from veil.config import Policy
from veil.detect.engine import DetectionEngine
from veil.detect.literals import literals_of, prefixes_of

engine = DetectionEngine(Policy.model_validate({"ner_backend": "learned"}))
prompts = [valued_prompt(900_000 + i, tag=f"u{i}")[0] for i in range(300)]
for p in prompts[:50]:
    engine.analyze(p)
spent: collections.Counter[tuple[str, str]] = collections.Counter()
real = patterns._find_marks


def way(mark: Any) -> str:
    if literals_of(mark.pattern, mark.flags) is not None:
        return "strings"
    if patterns._one_wide(mark.pattern, mark.flags):
        return "one wide"
    return "prefixes" if prefixes_of(mark.pattern, mark.flags) is not None else "search"


def timed(mark: Any, text: str) -> list[int]:
    t0 = time.perf_counter_ns()
    out = real(mark, text)
    spent[(way(mark), mark.pattern[:60])] += time.perf_counter_ns() - t0
    return out


patterns._find_marks = timed
for p in prompts:
    engine.analyze(p)
print(f"all marks: {sum(spent.values()) / len(prompts) / 1e3:.1f} us a prompt")
for (how, pattern), ns in spent.most_common(8) + [kv for kv in spent.items() if "eyJ" in kv[0][1]]:
    print(f"{ns / len(prompts) / 1e3:7.1f} us  {how:9s} {pattern}")
