"""The fast language model's verdict confirmed by function words, on against off, on English
and non-English corpora (the twenty-third round's sets of `language_shortcut_s50.py`): the
languages chosen under four language sets and defaults, the high-accuracy model's calls, and
the time of `detect_language` per text (warm, best of three):

    python benchmarks/results/hotpath/s55/language_confirmed_s55.py > language_confirmed.txt
"""

from __future__ import annotations

import collections
import time

from faker import Faker

import veil.detect.language as LG
from veil.cli.bench_hotpath import corpus
from veil.evaluation.datasets import hard_samples, presidio_samples
from veil.evaluation.multilingual import multilingual_samples, no_pii_samples

SETS: dict[str, list[str]] = {}
short, kb, _ = corpus(100, 20)
SETS["hotpath en"] = short + kb
SETS["presidio en"] = [x.text for x in presidio_samples(600, 7)]
SETS["hard en"] = [x.text for x in hard_samples(300, 7)]
fk = Faker("en_US")
fk.seed_instance(5)
SETS["faker en"] = [fk.sentence(nb_words=8) for _ in range(300)]
for lang, loc in (("fr", "fr_FR"), ("de", "de_DE"), ("es", "es_ES")):
    SETS[f"multilingual {lang}"] = ([x.text for x in multilingual_samples(lang, 400, 11)]
                                    + [x.text for x in no_pii_samples(lang)])
    fk = Faker(loc)
    fk.seed_instance(5)
    SETS[f"faker {lang}"] = ([fk.sentence(nb_words=8) for _ in range(300)]
                             + [fk.paragraph() for _ in range(100)])

CHOICES = [(("en", "zh", "fr", "de", "es"), "en"), (("en", "fr"), "en"),
           (("en", "de", "es"), "en"), (("en", "zh", "fr", "de", "es"), "fr")]
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
