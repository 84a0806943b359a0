"""Attacks on DP-sanitized text (``veil eval dp``), weakest first.

Importing this package registers its attacks under mode ``"dp"`` (see
:mod:`veil.evaluation.attacks.registry`): ``identity``, ``nn_inversion`` (nearest neighbour in
the embedding space), ``channel_map_uniform`` / ``channel_map_frequency`` (Bayes-optimal single
word attacker that knows the mechanism) and ``context_lm`` (channel candidates re-scored by a
language model, its weight tuned on shadow texts). To add one, copy ``identity.py`` (a
:class:`TextAttack` subclass plus its ``@register_attack`` factory) and import it here.
"""

from veil.evaluation.attacks.dp.base import (
    InversionOutcome,
    TextAttack,
    released_spans,
    score_guesses,
)
from veil.evaluation.attacks.dp.channel_map import ChannelMAP
from veil.evaluation.attacks.dp.context import ContextAttack
from veil.evaluation.attacks.dp.identity import IdentityAttack
from veil.evaluation.attacks.dp.nearest_neighbour import (
    NearestNeighbourInversion,
    nearest_neighbour_inversion,
)

__all__ = ["ChannelMAP", "ContextAttack", "IdentityAttack", "InversionOutcome",
           "NearestNeighbourInversion", "TextAttack", "nearest_neighbour_inversion",
           "released_spans", "score_guesses"]
