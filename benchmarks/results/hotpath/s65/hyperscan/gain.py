"""Hyperscan as a prefilter of the pattern recognizers: ``engine.analyze`` per text of `veil
bench hotpath`'s corpora with and without it (in turns, fastest of seven passes), its build
time, its scan time and whether every detection stays the same. Needs the ``hyperscan``
package, which Veil does not depend on (``.venv/bin/pip install hyperscan==0.9.1``):

    .venv/bin/python benchmarks/results/hotpath/s65/hyperscan/gain.py [SECONDS|all] [windows]

``SECONDS``: keep only the regexes Hyperscan compiles alone within that long (``all``: every
one). ``windows``: ask about one part of each regex (``PF_BUDGET`` bytes of expression, at
least ``PF_INFO`` bits), not the whole.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

import hyperscan as hs

sys.path.insert(0, str(Path(__file__).parent))
if len(sys.argv) > 2 and sys.argv[2] == "windows":  # before the module reads it
    os.environ.setdefault("PF_BUDGET", "240")
import prefilter_experiment as pf_module  # noqa: E402

from veil.cli.bench_hotpath import corpus  # noqa: E402
from veil.config import Policy  # noqa: E402
from veil.detect import patterns  # noqa: E402
from veil.detect.engine import DetectionEngine  # noqa: E402

PF: Any = None


def _present(text: str) -> Any:
    return patterns._memoized(text, "prefilter", PF.present, text)


def _absent(key: Any, text: str) -> bool:
    if PF is None or (i := PF.ids.get(key)) is None:
        return False
    return i == pf_module.NEVER or i not in _present(text)


def _all_absent(r: Any, text: str) -> bool:
    if PF is None:
        return False
    ids = r.__dict__.get("_pf_ids", 0)
    if ids == 0:
        got = [PF.ids.get(scan.key) for scan, _, _ in r._compiled]
        ids = r._pf_ids = None if None in got else frozenset(got)
    return ids is not None and _present(text).isdisjoint(ids)


def main() -> None:
    global PF
    limit = float(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1] != "all" else None
    matches, idle = patterns.Scan.matches, patterns.PatternRecognizer.idle
    patterns.Scan.matches = lambda self, text: iter(()) if _absent(self.key, text) \
        else matches(self, text)
    patterns.PatternRecognizer.idle = lambda self, text: _all_absent(self, text) \
        or idle(self, text)
    short, kb, _ = corpus(100, 20)
    engine = DetectionEngine(Policy(ner_backend="learned"))
    engine.registry.get("learned_ner").cache_size = 0
    engine.prepare()
    keys = sorted({s.key for s in list(patterns._SCANS)})
    if limit is not None:
        kept = []
        for k in keys:
            e = pf_module.expression(*k)
            t0 = time.perf_counter()
            if e:
                hs.Database(mode=hs.HS_MODE_BLOCK).compile(
                    expressions=[e], ids=[0], elements=1,
                    flags=[hs.HS_FLAG_SINGLEMATCH | hs.HS_FLAG_ALLOWEMPTY | hs.HS_FLAG_PREFILTER])
            if time.perf_counter() - t0 < limit:
                kept.append(k)
        keys = kept
    t0 = time.perf_counter()
    built = pf_module.Prefilter(keys)
    print(f"{len(keys)} regexes, built in {time.perf_counter() - t0:.1f} s")

    def best(texts: list[str]) -> float:
        fastest = float("inf")
        for _ in range(7):
            t0 = time.perf_counter()
            for t in texts:
                engine.analyze(t)
            fastest = min(fastest, time.perf_counter() - t0)
        return fastest / len(texts) * 1e6

    for name, texts in (("short", short), ("kb", kb)):
        scan = min(_timed(built.present, texts) for _ in range(5))
        times: dict[str, list[float]] = {"off": [], "on": []}
        found: dict[str, Any] = {}
        for mode in ("off", "on", "off", "on"):
            PF = built if mode == "on" else None
            found[mode] = [engine.analyze(t) for t in texts]
            times[mode].append(best(texts))
        same = found["on"] == found["off"]
        print(f"{name}: scan {scan:.1f} us; analyze without {_us(times['off'])}, with "
              f"{_us(times['on'])} us; detections the same: {same}")


def _timed(f: Any, texts: list[str]) -> float:
    t0 = time.perf_counter()
    for t in texts:
        f(t)
    return (time.perf_counter() - t0) / len(texts) * 1e6


def _us(values: list[float]) -> str:
    return " / ".join(f"{v:.0f}" for v in values)


if __name__ == "__main__":
    main()
