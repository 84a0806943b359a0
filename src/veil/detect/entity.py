"""The detection result shared by every recognizer, the engine and the masker."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Detection:
    """A sensitive span found in a text.

    ``start``/``end`` index the text that was analysed (Python str offsets, end exclusive).
    ``text`` is the detected value itself; it is excluded from ``repr`` so that a stray log line
    or traceback never carries it (privacy rule).
    """

    type: str
    start: int
    end: int
    score: float
    recognizer: str
    text: str = field(repr=False, compare=False)

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError("Detection needs 0 <= start < end")

    @property
    def length(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Detection) -> bool:
        return self.start < other.end and other.start < self.end
