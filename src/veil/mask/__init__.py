"""Masking and restoration: operators, the session-consistent masker, the tolerant restorer.

>>> masker = Masker(vault, policy)                                    # doctest: +SKIP
>>> r = masker.mask(text, detections, tenant="acme", session="s1")    # doctest: +SKIP
>>> scope = frozenset(e.replacement for e in r.entities)              # doctest: +SKIP
>>> Restorer(vault).restore(answer, tenant="acme", session="s1", scope=scope)  # doctest: +SKIP
"""

from __future__ import annotations

from veil.mask.masker import MaskedEntity, Masker, MaskResult, check_spans
from veil.mask.operators import (
    OPERATORS,
    Operator,
    PlaceholderOperator,
    PseudonymOperator,
    RedactOperator,
    SyntheticOperator,
    get_operator,
    operator_names,
    redaction,
    register_operator,
)
from veil.mask.placeholders import LITERAL, find_lookalikes
from veil.mask.restorer import Restorer, SessionMatcher, StreamRestorer

__all__ = [
    "LITERAL",
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
    "check_spans",
    "find_lookalikes",
    "get_operator",
    "operator_names",
    "redaction",
    "register_operator",
]
