"""Masked prompts and restored answers of long sessions, as a digest to compare two trees:
three sessions grown to ~1,500 values each (people, e-mails, phones, mentions of earlier people
by first name or surname, and the first prompts resent), learned NER, placeholders; with
``pseudonym``, pseudonyms under a fixed tenant secret (so that both trees draw the same ones):

    PYTHONPATH=<tree>/src VEIL_DETECTOR_DIR=<detector> python \
        benchmarks/results/hotpath/s57/same_sessions_s57.py [pseudonym]
"""
from __future__ import annotations

import base64
import hashlib
import os
import random
import sys
import tempfile
from pathlib import Path

from veil.config import Policy, Settings
from veil.core import Veil

_FIRST = ["Alex", "Sam", "Maria", "Jonas", "Priya", "Chen", "Fatima", "Luca", "Olga", "Tom"]
_LAST = ["Kim", "Lee", "Garcia", "Berg", "Shah", "Wei", "Haddad", "Rossi", "Ivanova", "Moore"]


def main() -> None:
    operator = sys.argv[1] if sys.argv[1:] else "placeholder"
    if operator != "placeholder":
        import veil.vault.base

        veil.vault.base.new_tenant_secret = lambda: bytes(range(32))  # type: ignore[attr-defined]
    veil = Veil(Settings(home=Path(tempfile.mkdtemp()),
                         master_key=base64.b64encode(os.urandom(32)).decode()),
                policy=Policy.model_validate({"ner_backend": "learned",
                                              "default_operator": operator}))
    digest, whole = hashlib.sha256(), hashlib.sha256()
    rng = random.Random(57)
    masked_values = 0
    for session in ("a", "b", "c"):
        people: list[tuple[str, str]] = []
        sent: list[str] = []
        for k in range(500):
            first, last = rng.choice(_FIRST), rng.choice(_LAST) + rng.choice("abcdefgh")
            people.append((first, last))
            old = rng.choice(people)
            text = (f"Please ask {first} {last} (user{k}@example.com, +44 20 7946 {k:04d}) "
                    f"whether {old[1]} or {old[0]} signed the form.")
            if k % 50 == 49:
                text = rng.choice(sent)  # a resent prompt
            sent.append(text)
            r = veil.protect(text, session=session)
            masked_values += len(r.entities)
            answer = "Noted: " + ", ".join(e.replacement for e in r.entities)
            restored = veil.restore(answer, session=session,
                                    scope=frozenset(e.replacement for e in r.entities))
            digest.update(f"{r.masked}\x00{restored}\x00".encode())
            if k % 10 == 9:  # the whole session's matcher too (restore without scope)
                whole.update(veil.restore(answer + " " + r.masked, session=session).encode())
        held = len(veil.vault.view("default", session).entries)
        print(f"session {session}: {held} entries")
    print(f"masked values {masked_values}, digest {digest.hexdigest()[:16]}, restored "
          f"without scope {whole.hexdigest()[:16]}")


if __name__ == "__main__":
    main()
