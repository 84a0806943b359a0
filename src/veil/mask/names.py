"""Person-name structure: tokens, titles, suffixes, "LAST, First" order, case style.

Used to map variants of one person ("Jane Doe", "Jane", "Ms. Doe", "DOE, Jane", "Jane's") to
one identity, and to render a pseudonym in the variant's own shape ("Ms. Doe" -> "Ms. Lopez").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

TITLES = frozenset(
    [
        "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "madam", "madame",
        "lord", "lady", "rev", "fr", "mister", "herr", "frau", "mme", "mlle",
    ]
)
SUFFIXES = frozenset(["jr", "sr", "ii", "iii", "iv", "v", "phd", "md", "esq", "dds", "jnr", "snr"])
_NOT_NAMES = TITLES | SUFFIXES
# A name token: letters, with inner apostrophes or hyphens (O'Brien, Smith-Jones).
_TOKEN = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])$", re.IGNORECASE)


def possessive_suffix_length(value: str) -> int:
    """Length of a trailing possessive ("'s", "’s", or "'" after s) to keep outside the span."""
    m = _POSSESSIVE.search(value)
    return len(m.group(0)) if m and m.start() > 0 else 0


@dataclass(frozen=True, slots=True)
class NameParts:
    """Name tokens of a surface string (titles and suffixes excluded).

    ``spans`` are in surface order; ``order`` lists indices into ``spans`` in given-name-first
    order, so "DOE, Jane" has tokens ("jane", "doe") like "Jane Doe".
    """

    spans: tuple[tuple[int, int], ...]
    order: tuple[int, ...]
    tokens: tuple[str, ...]  # casefolded, given-name first

    @property
    def identity(self) -> frozenset[str]:
        """Tokens that identify a person (initials such as "Q." carry too little)."""
        return frozenset(t for t in self.tokens if len(t) > 1)


def parse_name(surface: str) -> NameParts:
    words = [(m.span(), m.group().casefold()) for m in _TOKEN.finditer(surface)]
    # A title only when it is really used as one: "Miss" alone is kept as a name token.
    keep = [w for w in words if w[1] not in _NOT_NAMES] or words
    order: Sequence[int] = range(len(keep))
    comma = surface.find(",")
    if comma != -1:
        before = [i for i, (s, _) in enumerate(keep) if s[1] <= comma]
        after = [i for i, (s, _) in enumerate(keep) if s[0] > comma]
        if before and after:  # "DOE, Jane" -> Jane Doe ("Downey, Jr." has no token after)
            order = after + before
    return NameParts(spans=tuple(s for s, _ in keep), order=tuple(order),
                     tokens=tuple(keep[i][1] for i in order))


def name_key(surface: str) -> str:
    """Normalised identity of a name: given-name-first tokens, casefolded."""
    return " ".join(parse_name(surface).tokens)


def match_case(template: str, word: str) -> str:
    """``word`` in the case style of ``template`` (UPPER, lower, Title; else as is)."""
    if template.isupper() and len(template) > 1:
        return word.upper()
    if template.islower():
        return word.lower()
    if template[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def render_like(surface: str, parts: NameParts, new_tokens: list[str]) -> str:
    """Replace the name tokens of ``surface`` by ``new_tokens`` (given-name-first order)."""
    if len(new_tokens) != len(parts.order):
        raise ValueError("token count mismatch")
    by_span = {parts.order[k]: new_tokens[k] for k in range(len(new_tokens))}
    out, pos = [], 0
    for i, (a, b) in enumerate(parts.spans):
        out.append(surface[pos:a])
        out.append(match_case(surface[a:b], by_span[i]))
        pos = b
    out.append(surface[pos:])
    return "".join(out)


def variant_tokens(variant: NameParts, canonical: NameParts, replacement: NameParts,
                   replacement_surface: str) -> list[str] | None:
    """The replacement's tokens that correspond to the variant's tokens, or None.

    Works when canonical and replacement have the same number of tokens (a pseudonym is
    generated in the canonical's shape) and every variant token occurs in the canonical.
    """
    if len(canonical.tokens) != len(replacement.tokens):
        return None
    rep_words = [
        replacement_surface[replacement.spans[i][0] : replacement.spans[i][1]]
        for i in replacement.order
    ]
    mapping: dict[str, str] = {}
    for c, r in zip(canonical.tokens, rep_words, strict=True):
        if mapping.setdefault(c, r) != r:
            return None
    try:
        return [mapping[t] for t in variant.tokens]
    except KeyError:
        return None
