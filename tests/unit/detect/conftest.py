from __future__ import annotations

import pytest

from veil.config import Policy
from veil.detect import DetectionEngine


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
