"""Attacks on DP-sanitized text (``veil eval dp``).

Importing this package registers its attacks under mode ``"dp"`` (see
:mod:`veil.evaluation.attacks.registry`). To add one, copy ``nearest_neighbour.py`` (a
:class:`TextAttack` subclass plus its ``@register_attack`` factory) and import it here.
"""

from veil.evaluation.attacks.dp.base import InversionOutcome, TextAttack
from veil.evaluation.attacks.dp.nearest_neighbour import (
    NearestNeighbourInversion,
    nearest_neighbour_inversion,
)

__all__ = ["InversionOutcome", "NearestNeighbourInversion", "TextAttack",
           "nearest_neighbour_inversion"]
