"""Declarative pattern recognizers: regexes, a validator, context words (Presidio-style)."""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from veil.detect.entity import Detection
from veil.detect.recognizer import DEFAULT_CONTEXT_WINDOW, ContextMatcher, Recognizer
from veil.detect.validators import VALIDATORS, Validator

if TYPE_CHECKING:
    from veil.config import RecognizerRule


@dataclass(frozen=True, slots=True)
class Pattern:
    """One regex and the score of a match before validation and context.

    If the regex has a group named ``v``, only that group is the detected value (the rest is
    anchoring context such as ``password=``). ``check=False`` skips the recognizer's validator
    (a deny-list word is sensitive because it was declared, not because of its checksum).
    """

    regex: str
    score: float
    flags: int = 0
    check: bool = True


_shared = threading.local()


@contextlib.contextmanager
def shared_matches() -> Iterator[None]:
    """Within this block, a regex is run once per text on this thread: recognizers sharing
    patterns (date of birth and date, both over every date pattern) reuse the spans. The texts
    are released when the block ends."""
    outer = getattr(_shared, "memo", None)
    _shared.memo = {} if outer is None else outer
    try:
        yield
    finally:
        _shared.memo = outer


def _spans(rx: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    """[start, end) of each match of ``rx`` (of its group ``v`` when it has one)."""
    memo: dict[tuple[int, re.Pattern[str]], tuple[str, list[tuple[int, int]]]] | None = \
        getattr(_shared, "memo", None)
    hit = memo.get((id(text), rx)) if memo is not None else None
    if hit is not None and hit[0] is text:
        return hit[1]
    v = "v" in rx.groupindex
    spans = [m.span("v") if v else m.span() for m in rx.finditer(text)]
    if memo is not None:
        memo[(id(text), rx)] = (text, spans)  # the text is held, so its id is not reused
    return spans


class PatternRecognizer(Recognizer):
    """Regex candidates -> validator -> context boost.

    ``context_required``: matches without a context word nearby are dropped (passport numbers,
    dates of birth, generic tokens), because the pattern alone is too common to mean PII.
    """

    def __init__(
        self,
        *,
        name: str,
        entity: str,
        patterns: Sequence[Pattern],
        validate: Validator | None = None,
        context: Sequence[str] = (),
        context_required: bool = False,
        context_window: int = DEFAULT_CONTEXT_WINDOW,
        context_boost: float = 0.3,
        context_after: bool = True,
        validated: bool | None = None,
        prefilter: Callable[[str], bool] | None = None,
        refine: Callable[[str], tuple[int, int] | None] | None = None,
        languages: Sequence[str] = (),
    ) -> None:
        self.name = name
        self.languages = tuple(languages)
        self.entity = entity
        self.entities = (entity,)
        self.patterns = tuple(patterns)
        self._compiled = [(re.compile(p.regex, p.flags), p.score, p.check) for p in self.patterns]
        self.validate = validate
        self.context = ContextMatcher(context, context_window, after=context_after)
        self.context_required = context_required
        self.context_boost = context_boost
        self.validated = bool(validate) if validated is None else validated
        self._prefilter = prefilter
        # refine(value) -> (start, end) of the valid part, or None: trims a greedy match
        # (an IPv6 address followed by ":8080", an IBAN followed by an upper-case word)
        self._refine = refine

    @classmethod
    def from_rule(cls, rule: RecognizerRule) -> PatternRecognizer:
        """Build the recognizer a policy declares (``policy.recognizers``, already validated).

        Declared recognizers count as validated, like declared terms: the tenant said these
        spans are sensitive, so they win overlaps against statistical NER.
        """
        assert rule.entity is not None  # checked when the policy was loaded  # nosec B101 # an internal invariant, not a security check
        patterns = [Pattern(p.regex, p.score) for p in rule.patterns]
        words = sorted({w.strip() for w in rule.deny_list if w.strip()}, key=len, reverse=True)
        if words:
            alts = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
            patterns.append(Pattern(rf"(?<!\w)(?:{alts})(?!\w)", rule.score, re.IGNORECASE,
                                    check=False))
        return cls(name=rule.name, entity=rule.entity, patterns=patterns,
                   validate=VALIDATORS[rule.validator] if rule.validator else None,
                   context=rule.context, context_required=rule.context_required,
                   context_window=rule.context_window, context_boost=rule.context_boost,
                   validated=True, languages=rule.languages)

    def analyze(self, text: str) -> list[Detection]:
        if self._prefilter is not None and not self._prefilter(text):
            return []
        if self.context_required and not self.context.anywhere(text):
            return []  # one search instead of a context check per candidate
        out: list[Detection] = []
        seen: set[tuple[int, int]] = set()
        for rx, base, check in self._compiled:
            for start, end in _spans(rx, text):
                if end <= start or (start, end) in seen:
                    continue
                if self._refine is not None:
                    sub = self._refine(text[start:end])
                    if sub is None:
                        continue
                    start, end = start + sub[0], start + sub[1]
                    if (start, end) in seen:
                        continue
                value = text[start:end]
                score = base
                if check and self.validate is not None:
                    verdict = self.validate(value)
                    if verdict is False:
                        continue
                    if not isinstance(verdict, bool):
                        score = float(verdict)
                if self.context:
                    if self.context.near(text, start, end):
                        score = min(1.0, score + self.context_boost)
                    elif self.context_required:
                        continue
                seen.add((start, end))
                out.append(Detection(self.entity, start, end, round(score, 4), self.name, value))
        return out
