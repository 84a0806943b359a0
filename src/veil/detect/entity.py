"""The detection result shared by every recognizer, the engine and the masker."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field

from sortedcontainers import SortedList


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


#: kept detections from which a :class:`SpanIndex` moves its index to a ``SortedList``: below
#: it, a plain list's insertions cost less than the sorted list's bookkeeping (a ten-span merge:
#: 7.7 against 18.4 us); above it, each insertion into or deletion from a list moves every
#: later entry (3.5 of the 11 s of a megabyte of names, 170,000 spans)
_SORTED_FROM = 2048


class SpanIndex:
    """Detections kept in insertion order (the output order) and indexed by start, so that the
    ones overlapping a span are found by bisection: a scan of every kept span per new one was
    quadratic, minutes on a 1 MB text with tens of thousands of names."""

    def __init__(self, found: Iterable[Detection] = ()) -> None:
        self._live: dict[int, Detection] = {}
        # (start, key), sorted: a list, a SortedList once it is long
        self._starts: list[tuple[int, int]] | SortedList[tuple[int, int]] = []
        self._longest = 0
        self._keys = itertools.count()
        for d in found:
            self.add(d)

    def add(self, d: Detection) -> None:
        k = next(self._keys)
        self._live[k] = d
        starts = self._starts
        if isinstance(starts, list):
            bisect.insort(starts, (d.start, k))
            if len(starts) > _SORTED_FROM:
                self._starts = SortedList(starts)
        else:
            starts.add((d.start, k))
        self._longest = max(self._longest, d.length)

    def overlapping(self, span: Detection) -> list[int]:
        """Keys of the kept detections that overlap ``span``, in order of start."""
        lo, hi = (span.start - self._longest, -1), (span.end, -1)
        starts = self._starts
        if isinstance(starts, list):
            near: Iterable[tuple[int, int]] = starts[bisect.bisect_left(starts, lo):
                                                     bisect.bisect_left(starts, hi)]
        else:
            near = starts.irange(lo, hi, inclusive=(True, False))
        return [k for _, k in near if self._live[k].overlaps(span)]

    def __getitem__(self, key: int) -> Detection:
        return self._live[key]

    def drop(self, key: int) -> None:
        d = self._live.pop(key)
        starts = self._starts
        if isinstance(starts, list):
            del starts[bisect.bisect_left(starts, (d.start, key))]
        else:
            starts.remove((d.start, key))

    def detections(self) -> list[Detection]:
        return list(self._live.values())
