from __future__ import annotations

import pytest

pytest.importorskip("presidio_analyzer")

from veil.config import Policy  # noqa: E402
from veil.detect import DetectionEngine  # noqa: E402
from veil.detect.builtin import builtin_recognizers  # noqa: E402
from veil.detect.presidio_backend import PresidioRecognizer  # noqa: E402


@pytest.mark.slow
def test_presidio_as_a_veil_recognizer() -> None:
    rec = PresidioRecognizer(entities=["EMAIL", "CREDIT_CARD", "PERSON"])
    eng = DetectionEngine(Policy(ner=False), recognizers=[rec])
    text = "Mail john.smith@example.com, card 4111 1111 1111 1111, from John Smith."
    got = {(d.type, d.text) for d in eng.analyze(text)}
    assert ("EMAIL", "john.smith@example.com") in got
    assert ("CREDIT_CARD", "4111 1111 1111 1111") in got
    assert all(t in {"EMAIL", "CREDIT_CARD", "PERSON"} for t, _ in got)


@pytest.mark.slow
def test_presidio_alongside_builtin() -> None:
    rec = PresidioRecognizer(entities=["US_SSN"])
    eng = DetectionEngine(Policy(ner=False), recognizers=[*builtin_recognizers(), rec])
    ds = eng.analyze("ssn 123-45-6789 mail a@example.org")
    assert {d.type for d in ds} == {"US_SSN", "EMAIL"}
