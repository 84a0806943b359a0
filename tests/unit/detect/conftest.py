from __future__ import annotations

from collections.abc import Iterator

import pytest

from veil.config import Policy
from veil.detect import DetectionEngine, patterns
from veil.evaluation.datasets import hard_samples, long_texts


@pytest.fixture(scope="session")
def pattern_engine() -> DetectionEngine:
    """Engine without NER: fast, no model load."""
    return DetectionEngine(Policy(ner=False))


@pytest.fixture(scope="session")
def ner_engine() -> DetectionEngine:
    """Engine with the real spaCy model (loaded once per test session)."""
    return DetectionEngine(Policy())


def _found(engine: DetectionEngine, text: str) -> list[tuple[str, str]]:
    return [(d.type, d.text) for d in engine.analyze(text)]


@pytest.fixture(scope="session")
def found():  # type: ignore[no-untyped-def]
    """found(engine, text) -> [(type, value), ...]"""
    return _found


@pytest.fixture
def full_scan() -> Iterator[None]:
    """Every pattern scans every position (``patterns.ANCHORED`` off): the reference."""
    patterns.ANCHORED = False
    try:
        yield
    finally:
        patterns.ANCHORED = True


@pytest.fixture(scope="session")
def scan_corpus() -> tuple[str, ...]:
    """The repository's hard samples and long texts made of them, for the anchoring checks."""
    samples = hard_samples(100, 7)
    return (*(s.text for s in samples), *long_texts(samples, size=3000, count=4))
