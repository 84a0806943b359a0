"""Helpers for masking tests (a module, not conftest, so test files can import it)."""

from __future__ import annotations

from veil.detect.entity import Detection


def detect(text: str, items: list[tuple[str, str]]) -> list[Detection]:
    """Detections for the given (type, value) pairs, at their first unused occurrence."""
    out: list[Detection] = []
    taken: set[int] = set()
    for etype, value in items:
        start = text.index(value)
        while start in taken:
            start = text.index(value, start + 1)
        taken.add(start)
        out.append(Detection(etype, start, start + len(value), 0.9, "test", value))
    return out
