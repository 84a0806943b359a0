"""A scan tried only at its anchors (marks, strings, digit runs) finds what the full scan of
every position finds: checked on texts generated from pieces that make matches."""

from __future__ import annotations

import random
from collections.abc import Sequence

from veil.detect.patterns import Scan


def assert_anchored_equals_full(scan: Scan, pieces: Sequence[str], glue: Sequence[str], *,
                                seed: int, texts: int = 4000, least: int = 100) -> None:
    """``texts`` texts of up to 14 pieces, each followed by glue (the same texts for a seed);
    more than ``least`` of them must hold a match (the generator makes matches, not only
    misses)."""
    rng = random.Random(seed)
    found = 0
    for _ in range(texts):
        text = "".join(rng.choice(pieces) + rng.choice(glue) for _ in range(rng.randint(1, 14)))
        full = [m.span() for m in scan.rx.finditer(text)]
        assert [m.span() for m in scan.matches(text)] == full, text
        found += bool(full)
    assert found > least, found
