"""What a round's leak probes share: each prompt through ``protect()`` with one NER backend, the
values that went upstream whole and the prompt's own words that did not.

A round's probe file holds ``PROBES`` (kind, prompt, values that must go, words that must stay)
and calls :func:`main`; run it with the ``veil`` to measure on ``PYTHONPATH``:

    PYTHONPATH=<tree>/src python benchmarks/results/hotpath/<round>/leak_probes_<round>.py \
        learned|spacy [--show]

``--show`` prints each value left and each word lost (the probes' values are all made up).
"""

from __future__ import annotations

import base64
import collections
import os
import sys
import tempfile
from collections.abc import Sequence

Probe = tuple[str, str, tuple[str, ...], tuple[str, ...]]


def main(probes: Sequence[Probe], argv: Sequence[str] | None = None) -> None:
    from veil import Veil
    from veil.config import Policy, Settings

    args = list(sys.argv[1:] if argv is None else argv)
    show = "--show" in args
    backend = next(a for a in args if not a.startswith("--"))
    key = base64.b64encode(os.urandom(32)).decode()
    veil = Veil(Settings(home=tempfile.mkdtemp(), master_key=key),
                policy=Policy.model_validate({"ner_backend": backend}))
    total: collections.Counter[str] = collections.Counter()
    left: collections.Counter[str] = collections.Counter()
    words = lost = 0
    for n, (kind, text, values, kept) in enumerate(probes):
        masked = veil.protect(text, session="probe").masked
        total[kind] += len(values)
        gone = [v for v in values if v in masked]
        missing = [w for w in kept if w not in masked]
        left[kind] += len(gone)
        words += len(kept)
        lost += len(missing)
        if show and (gone or missing):
            print(f"#{n} {kind}: left {gone} lost {missing}\n    {masked!r}")
    parts = ", ".join(f"{k} {left[k]}/{total[k]}" for k in total)
    print(f"{backend}: values left whole {sum(left.values())}/{sum(total.values())} ({parts}); "
          f"prompt words lost {lost}/{words}")
