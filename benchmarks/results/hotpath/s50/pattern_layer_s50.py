"""Each pattern recognizer alone on `veil bench hotpath`'s short prompts, back to back in one
process (one shared-matches block per prompt, as in a request): microseconds per prompt, and
per scan for the costliest recognizers. Recognizers that run per language (phones, the name
gazetteer, the models) are left out.

    python benchmarks/results/hotpath/s50/pattern_layer_s50.py > pattern_layer.txt
"""

from __future__ import annotations

import collections
import tempfile
import time
from pathlib import Path

from veil.cli.bench_hotpath import _veil_runner, corpus
from veil.detect.normalize import normalize
from veil.detect.patterns import PatternRecognizer, shared_matches

short, _, _ = corpus(100, 20)
veil, run = _veil_runner(Path(tempfile.mkdtemp()), ner_cache=False, ner_backend="learned")
for t in short:
    run(t, 0)
recognizers = [r for r in veil.engine()._active()
               if not (r.background or r.language_aware or r.message_languages)]
views = [normalize(t).text for t in short]
REPEAT = 20
n = REPEAT * len(views)
took: collections.Counter[str] = collections.Counter()
for _ in range(REPEAT):
    for v in views:
        with shared_matches():
            for r in recognizers:
                t0 = time.perf_counter_ns()
                r.analyze_batch([v])
                took[r.name] += time.perf_counter_ns() - t0
print(f"{len(took)} recognizers, {sum(took.values()) / n / 1000:.1f} us per prompt together")
for name, ns in took.most_common():
    print(f"{ns / n / 1000:7.2f} us  {name}")
print("\nper scan (a mark, a literal `at`, or the digit runs anchor each one):")
for name, _ in took.most_common(4):
    r = next(x for x in recognizers if x.name == name)
    if not isinstance(r, PatternRecognizer):
        continue
    scans = [c[0] for c in r._compiled]
    per: collections.Counter[int] = collections.Counter()
    for _ in range(REPEAT):
        for v in views:
            with shared_matches():
                for i, s in enumerate(scans):
                    t0 = time.perf_counter_ns()
                    list(s.matches(v))
                    per[i] += time.perf_counter_ns() - t0
    print(name)
    for i, s in enumerate(scans):
        anchor = "mark" if s.mark else f"at {s.at!r}" if s.at else "digits"
        print(f"  {per[i] / n / 1000:6.2f} us  {anchor:16s} {s.pattern.regex[:60]!r}")
