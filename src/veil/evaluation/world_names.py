"""Names of the world's locales inside English prompts: what a name model trained on Latin
letters leaves upstream.

A company's prompts are mostly English, and its customers' and staff's names are not: a Thai, a
Japanese or a Russian name written in its own script, or a Vietnamese one in Latin letters.
Each sample is an English prompt shape (a request, a table cell, a pasted record, a note, a
greeting) around a name Faker makes for one locale, written in that locale's order (the
surname first where the locale writes it so). The measure is a name's words left whole: a
word none of whose characters a detection covers went upstream as it was written.
"""

from __future__ import annotations

import random
import re

from faker import Faker

from veil.evaluation.datasets import Sample, Span

#: locales whose names Faker lists, by script: Latin ones beside the others, so that a gain in
#: one is not a loss in another
LOCALES = ("en_US", "pl_PL", "cs_CZ", "hu_HU", "tr_TR", "vi_VN", "yo_NG", "zu_ZA", "sw",
           "ru_RU", "uk_UA", "el_GR", "hy_AM", "ka_GE", "he_IL", "ar_AA", "fa_IR", "hi_IN",
           "bn_BD", "th_TH", "ko_KR", "ja_JP", "zh_CN", "zh_TW")

#: the prompt shapes a name arrives in (``{n}``: the name)
TEMPLATES = (
    "Please call {n} tomorrow about the invoice.",
    "<td>{n}</td><td>0912 345 678</td>",
    "{n}\t0912 345 678",
    "Patient {n} was admitted on Monday.",
    "Meeting notes: {n} agreed to review the draft.",
    "Hi, I'm {n}.",
)

#: locales that write the surname first, and what they write between the two
_SURNAME_FIRST = {"hu_HU": " ", "vi_VN": " ", "ja_JP": " ", "ko_KR": "", "zh_CN": "",
                  "zh_TW": ""}


def _name(fake: Faker, locale: str) -> str:
    """A given name and a surname in the locale's order, without the titles Faker may add."""
    first, last = fake.first_name(), fake.last_name()
    if locale in _SURNAME_FIRST:
        return f"{last}{_SURNAME_FIRST[locale]}{first}"
    return f"{first} {last}"


def world_name_samples(locale: str, n: int, seed: int) -> list[Sample]:
    """``n`` names of ``locale``, each in every prompt shape (deterministic for a seed); the
    gold span is the name, typed PERSON."""
    fake = Faker(locale)
    fake.seed_instance(seed)
    rng = random.Random(seed)  # nosec B311 # seeded generator for reproducible data, not a secret
    out: list[Sample] = []
    for _ in range(n):
        name = _name(fake, locale)
        for template in rng.sample(TEMPLATES, len(TEMPLATES)):
            text = template.format(n=name)
            s = text.index(name)
            out.append(Sample(text, [Span("PERSON", s, s + len(name))],
                              source=f"world_names/{locale}"))
    return out


_WORD = re.compile(r"[^\s()\[\]]+")


def words_left(sample: Sample, found: list[Span]) -> tuple[int, int]:
    """(words of the gold names that no detection touches, words of the gold names)."""
    covered = [False] * len(sample.text)
    for d in found:
        for i in range(max(d.start, 0), min(d.end, len(covered))):
            covered[i] = True
    left = total = 0
    for gold in sample.spans:
        for m in _WORD.finditer(sample.text, gold.start, gold.end):
            total += 1
            left += not any(covered[m.start():m.end()])
    return left, total
