"""What the tests compare a text with: the text with each detection replaced by "#"."""

from __future__ import annotations

from veil.detect.engine import DetectionEngine


def masked_text(engine: DetectionEngine, text: str) -> str:
    """``text`` with each of ``engine``'s detections replaced by "#"."""
    out, pos = [], 0
    for d in engine.analyze(text):
        out.append(text[pos:d.start] + "#")
        pos = d.end
    return "".join(out) + text[pos:]
