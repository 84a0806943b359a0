"""Token-frequency matching (TFMA): rank the obfuscated ids the host has seen by frequency and map
them to plaintext tokens ranked by frequency in a public corpus. Nothing in AloePri hides
frequencies (the reference lists them as unprotected); only enough traffic and a corpus close to
the victim's text are needed."""

from __future__ import annotations

import numpy as np

from veil.evaluation.attacks.obfuscation.base import Attack, AttackOutput, HostView, PublicKnowledge
from veil.evaluation.attacks.obfuscation.weights import vocab_size
from veil.evaluation.attacks.registry import AttackContext, register_attack


class FrequencyMatchingAttack(Attack):
    name = "tfma"

    def run(self, view: HostView, public: PublicKnowledge) -> AttackOutput:
        if not public.corpus:
            return AttackOutput(applicable=False, note="no public corpus given")
        n = vocab_size(view.model)
        obs = np.bincount(np.concatenate([np.asarray(o) for o in view.observed]), minlength=n)
        pub = np.bincount(np.concatenate([np.asarray(c) for c in public.corpus]),
                          minlength=vocab_size(public.model))
        # Stable sort on (-count): ties keep id order, which is arbitrary on the host side.
        obs_rank = np.argsort(-obs, kind="stable")
        pub_rank = np.argsort(-pub, kind="stable")
        seen = int((obs > 0).sum())
        mapping = np.full(n, -1, dtype=np.int64)
        mapping[obs_rank[:seen]] = pub_rank[:seen]
        return AttackOutput(mapping=mapping)


@register_attack("obfuscation", "tfma")
def _tfma(ctx: AttackContext) -> Attack:
    return FrequencyMatchingAttack()
