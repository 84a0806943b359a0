"""Masking and restoration: operators, the session-consistent masker, the tolerant restorer.

>>> masker = Masker(vault, policy)                                    # doctest: +SKIP
>>> r = masker.mask(text, detections, tenant="acme", session="s1")    # doctest: +SKIP
>>> Restorer(vault).restore(answer, tenant="acme", session="s1")      # doctest: +SKIP
"""

from __future__ import annotations

from veil.mask.masker import MaskedEntity, Masker, MaskResult, resolve_overlaps
from veil.mask.operators import (
    OPERATORS,
    Operator,
    PlaceholderOperator,
    PseudonymOperator,
    RedactOperator,
    SyntheticOperator,
    get_operator,
)
from veil.mask.restorer import Restorer, SessionMatcher, StreamRestorer

__all__ = [
    "OPERATORS",
    "MaskResult",
    "MaskedEntity",
    "Masker",
    "Operator",
    "PlaceholderOperator",
    "PseudonymOperator",
    "RedactOperator",
    "Restorer",
    "SessionMatcher",
    "StreamRestorer",
    "SyntheticOperator",
    "get_operator",
    "resolve_overlaps",
]
