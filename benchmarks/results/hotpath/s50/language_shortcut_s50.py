"""The short-English shortcut of detect_language, on against off, on English and non-English
corpora: the languages chosen (all five, en+fr, en+de+es; default en and fr) and lingua's calls.

    python benchmarks/results/hotpath/s50/language_shortcut_s50.py > language_shortcut.txt
"""

from __future__ import annotations

import collections

from faker import Faker

import veil.detect.language as LG
from veil.cli.bench_hotpath import corpus
from veil.evaluation.datasets import hard_samples, presidio_samples
from veil.evaluation.multilingual import multilingual_samples, no_pii_samples


def corpora() -> dict[str, list[str]]:
    """English and French, German and Spanish texts: the hotpath's, Presidio's and the hard
    set's, Faker's sentences and paragraphs, the multilingual benchmark's samples."""
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
    return SETS


CHOICES = [(("en", "zh", "fr", "de", "es"), "en"), (("en", "fr"), "en"),
           (("en", "de", "es"), "en"), (("en", "zh", "fr", "de", "es"), "fr")]
calls = collections.Counter()
_top = LG._top
mode = ["off"]


def counted(det, sample):  # type: ignore[no-untyped-def]
    calls[mode[0]] += 1
    return _top(det, sample)


def main() -> None:
    LG._top = counted
    shortcut = LG._unshared
    print("set | texts | changed (off -> on) | lingua calls, off / on (all five, default en)")
    for name, texts in corpora().items():
        got: dict[str, list[str]] = {}
        for m in ("off", "on"):
            LG._unshared = shortcut if m == "on" else lambda: (frozenset(), frozenset())
            got[m] = [LG.detect_language(t, langs, d) for t in texts for langs, d in CHOICES]
        calls.clear()
        for m in ("off", "on"):
            mode[0] = m
            LG._unshared = shortcut if m == "on" else lambda: (frozenset(), frozenset())
            for t in texts:
                LG.detect_language(t)
        pairs = zip(got["off"], got["on"], strict=True)
        changed = collections.Counter(f"{a}->{b}" for a, b in pairs if a != b)
        print(f"{name} | {len(texts)} | {dict(changed) or 'none'} | {calls['off']} / {calls['on']}")


if __name__ == "__main__":
    main()
