"""The fast language model's verdict confirmed by function words, on against off, on English
and non-English corpora (the twenty-third round's sets of `language_shortcut_s50.py`): the
languages chosen under four language sets and defaults, the high-accuracy model's calls, and
the time of `detect_language` per text (warm, best of three):

    python benchmarks/results/hotpath/s55/language_confirmed_s55.py > language_confirmed.txt
"""

from __future__ import annotations

import collections
import importlib.util
import time
from pathlib import Path

import veil.detect.language as LG

# the nineteenth round's corpora and language choices
_spec = importlib.util.spec_from_file_location(
    "language_shortcut_s50", Path(__file__).parents[1] / "s50" / "language_shortcut_s50.py")
assert _spec is not None and _spec.loader is not None
_s50 = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_s50)
SETS, CHOICES = _s50.corpora(), _s50.CHOICES
confirmed = LG._confirmed
high = LG._detector(("en", "fr", "de", "es"), low=False)
calls = collections.Counter()
_top = LG._top


def counted(det, sample):  # type: ignore[no-untyped-def]
    calls["high" if det is high else "fast"] += 1
    return _top(det, sample)


def mode(on: bool) -> None:
    LG._confirmed = confirmed if on else (lambda words, lang: False)


print("set | texts | changed (off -> on) | high-accuracy calls off / on | us per text off / on")
for name, texts in SETS.items():
    got: dict[bool, list[str]] = {}
    for on in (False, True):
        mode(on)
        got[on] = [LG.detect_language(t, langs, d) for t in texts for langs, d in CHOICES]
    LG._top = counted
    n: dict[bool, int] = {}
    for on in (False, True):
        mode(on)
        calls.clear()
        for t in texts:
            LG.detect_language(t)
        n[on] = calls["high"]
    LG._top = _top
    us: dict[bool, float] = {}
    for on in (False, True):
        mode(on)
        best = float("inf")
        for _ in range(3):
            t0 = time.perf_counter()
            for t in texts:
                LG.detect_language(t)
            best = min(best, (time.perf_counter() - t0) / len(texts) * 1e6)
        us[on] = best
    changed = collections.Counter(f"{a}->{b}" for a, b in zip(got[False], got[True], strict=True)
                                  if a != b)
    print(f"{name} | {len(texts)} | {dict(changed) or 'none'} | {n[False]} / {n[True]} | "
          f"{us[False]:.0f} / {us[True]:.0f}")
