"""Session-consistent masking: detections -> replacements (via the vault) -> masked text.

Consistency rules, per (tenant, session):

1. The same surface gets the same replacement in every message and turn (exact key).
2. Another surface of the same value (normalised key, e.g. "DOE, Jane" for "Jane Doe") becomes
   an alias: placeholders share ``[PERSON_1]``; pseudonyms/synthetic values get the canonical
   replacement re-rendered in the variant's shape ("LOPEZ, Maria"), so it restores exactly.
3. A person named by part of a known name ("Jane", "Ms. Doe", "Jane's") is an alias of that
   person when exactly one known person matches; ambiguity gives a new identity (fail safe).

Text the caller typed that a restorer could take for a placeholder ("[SSN_1]", "PERSON_1",
"[**EMAIL_1**]") is masked too, as a ``LITERAL`` entity with a placeholder whatever the policy
says: the upstream sees ``[LITERAL_1]``, and the answer gets the text back exactly as typed,
never someone's value. Look-alikes win over detections: a detection is trimmed to the text
outside them, so no detection can split one.

Detections arrive non-overlapping and sorted (the detection engine resolves overlaps once);
the masker only checks that.

Vault traffic per call: the session's entries come from the vault's in-process copy
(:meth:`~veil.vault.base.Vault.view`, one read), values are looked up in it, and the new
mappings of the whole text (of every text of a request, :meth:`Masker.mask_many`) are written
in one compare-and-set (:class:`~veil.vault.base.SessionBatch`). If another writer stored one
of the same values or replacements meanwhile, nothing is written and the text is masked again
against a fresh copy, so it ends with that writer's mapping.
"""

from __future__ import annotations

import bisect
import re
import threading
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from veil.config import Policy
from veil.detect.entity import Detection
from veil.errors import MaskingError, VeilError
from veil.mask.lookup import exact_key, norm_key
from veil.mask.names import parse_name, possessive_suffix_length, render_like, variant_tokens
from veil.mask.operators import PlaceholderOperator, RedactOperator, get_operator
from veil.mask.placeholders import LITERAL, Lookalike, compile_lookalikes, has_digit, lookalikes
from veil.vault.base import (
    MAX_COMMIT_ATTEMPTS,
    Proposer,
    SessionBatch,
    SessionView,
    Vault,
    VaultEntry,
    refused_after_retries,
)


@dataclass(frozen=True, slots=True)
class MaskedEntity:
    """A replaced span. ``start``/``end`` index the ORIGINAL text; no original is kept here."""

    type: str
    start: int
    end: int
    replacement: str
    score: float
    operator: str


@dataclass(frozen=True, slots=True)
class MaskResult:
    masked: str
    entities: list[MaskedEntity] = field(default_factory=list)


def check_spans(detections: Sequence[Detection], length: int) -> list[Detection]:
    """The detections in text order; they must lie inside the text and be disjoint (as the
    engine returns them)."""
    ordered = sorted(detections, key=lambda d: d.start)
    end = 0
    for d in ordered:
        if not 0 <= d.start < d.end <= length:
            raise MaskingError(
                "a detection lies outside the text (offsets must index the analysed text); "
                "the request is refused"
            )
        if d.start < end:
            raise MaskingError(
                "detections overlap; pass them through veil.detect.resolve_overlaps first "
                "(the detection engine does)"
            )
        end = d.end
    return ordered


#: Operators whose replacement keeps none of the value's characters ("[US_SSN_1]",
#: "[REDACTED_US_SSN]"); a synthetic or pseudonymous value may keep its digits' places.
_OPAQUE = frozenset({PlaceholderOperator.name, RedactOperator.name})


def _upstream(text: str, looks: list[Lookalike], detections: Sequence[Detection],
              opaque: Callable[[str], bool]) -> list[tuple[int, int]]:
    """The look-alikes that would still be in the masked text: not one whose number begins
    a detection of an ``opaque`` type. "(SSN 123-45-6789)" goes up as "(SSN [US_SSN_1])";
    escaping "(SSN 123" would have split the number and hidden the words. (A detection
    that holds the type too, "Dr. PERSON_1 Smith", leaves the look-alike escaped.)"""
    starts = [d.start for d in detections]
    out: list[tuple[int, int]] = []
    for k in looks:
        i = bisect.bisect_right(starts, k.number_start) - 1
        d = detections[i] if i >= 0 else None
        if d is None or d.end < k.number_end or d.type == LITERAL or not opaque(d.type) \
                or d.start <= k.start or any(c.isalpha() for c in text[d.start:k.number_start]):
            out.append((k.start, k.end))
    return out


def _without_lookalikes(
    text: str, detections: Sequence[Detection], looks: list[tuple[int, int]]
) -> list[Detection]:
    """Detections trimmed to the text outside look-alikes, plus one LITERAL per look-alike.

    A look-alike is never split: a detection reaching into one keeps only its parts outside
    (each part that still holds a letter or digit); a detection inside one is dropped.
    """
    out = [Detection(LITERAL, s, e, 1.0, "lookalike", text[s:e]) for s, e in looks]
    looks = sorted(looks)
    ends = [e for _, e in looks]  # increasing too: the look-alikes do not overlap
    for d in detections:
        if d.type == LITERAL:
            continue  # the finder is the one source of look-alikes (e.g. a seen-value match)
        pieces = [(d.start, d.end)]
        i = bisect.bisect_right(ends, d.start)  # the first look-alike ending after the start
        while i < len(looks) and looks[i][0] < d.end:
            s, e = looks[i]
            pieces = [p for a, b in pieces for p in ((a, min(b, s)), (max(a, e), b)) if p[0] < p[1]]
            i += 1
        for a, b in pieces:
            if (a, b) == (d.start, d.end):
                out.append(d)
            elif any(c.isalnum() for c in text[a:b]):
                out.append(Detection(d.type, a, b, d.score, d.recognizer, text[a:b]))
    return sorted(out, key=lambda d: d.start)


class Masker:
    """``Masker(vault, policy).mask(text, detections, tenant=..., session=...)``."""

    def __init__(self, vault: Vault, policy: Policy) -> None:
        self.vault = vault
        self.policy = policy
        # each session view's people; they go with the view (a reset view is a new object)
        self._people: weakref.WeakKeyDictionary[SessionView, _KnownPeople] = \
            weakref.WeakKeyDictionary()
        self._people_lock = threading.Lock()

    def __repr__(self) -> str:
        return f"Masker(vault={self.vault!r})"

    def prepare(self) -> None:
        """Compile now what a first request would: the regexes that find look-alike
        placeholders in a prompt and placeholders in an answer, for the policy's types."""
        from veil.mask.restorer import SessionMatcher

        types = self._policy_types()
        compile_lookalikes(types)
        for session_types in ((), types):  # a session with the built-in types, and with all
            SessionMatcher.build([], types=session_types)

    def _policy_types(self) -> set[str]:
        """The types the policy names: its entities, its terms' and its recognizers'."""
        types = set(self.policy.entities) | {t.type for t in self.policy.terms}
        return types | {r.entity for r in getattr(self.policy, "recognizers", ()) if r.entity}

    def mask(
        self,
        text: str,
        detections: list[Detection],
        *,
        tenant: str,
        session: str,
        view: SessionView | None = None,
    ) -> MaskResult:
        """Replace every detection; fails closed (a VeilError, never partially masked text).

        ``view``: the session's view when the caller has read it already (None: read now).
        """
        return self.mask_in(text, detections, tenant=tenant, session=session, view=view)[0]

    def mask_in(
        self,
        text: str,
        detections: list[Detection],
        *,
        tenant: str,
        session: str,
        view: SessionView | None = None,
    ) -> tuple[MaskResult, SessionBatch]:
        """:meth:`mask`, with the committed batch (whose ``current`` and view say which vault
        version the result belongs to)."""
        results, batch = self.mask_many_in(
            [(text, detections)], tenant=tenant, session=session, view=view
        )
        return results[0], batch

    def mask_many(
        self,
        items: Sequence[tuple[str, list[Detection]]],
        *,
        tenant: str,
        session: str,
        view: SessionView | None = None,
    ) -> list[MaskResult]:
        """:meth:`mask` for many texts of one session with ONE batch: every new mapping of all
        of them is written in one all-or-nothing compare-and-set (a chat request's messages, a
        block of rows: one vault read and one write). Same guarantees and retries as
        :meth:`mask_in`."""
        return self.mask_many_in(items, tenant=tenant, session=session, view=view)[0]

    def mask_many_in(
        self,
        items: Sequence[tuple[str, list[Detection]]],
        *,
        tenant: str,
        session: str,
        view: SessionView | None = None,
    ) -> tuple[list[MaskResult], SessionBatch]:
        """:meth:`mask_many`, with the committed batch (see :meth:`mask_in`). The texts are
        masked in order into one batch, so a later text finds what an earlier one added (the
        same replacement; a first name linked to the full name met before)."""
        try:
            checked = [(t, check_spans(d, len(t))) for t, d in items]
            if view is None:
                view = self.vault.view(tenant, session)
            for _ in range(MAX_COMMIT_ATTEMPTS):
                batch = self.vault.batch(tenant, session, view)
                results = [self._mask(t, d, batch=batch) for t, d in checked]
                if batch.commit():
                    return results, batch
                view = self.vault.view(tenant, session)  # another writer won: mask again
            raise refused_after_retries()
        except VeilError:
            raise
        except Exception as e:  # a bug must not leak a value through a message or go unmasked
            raise MaskingError(
                f"masking failed ({type(e).__name__}); nothing was masked or forwarded"
            ) from None

    def _mask(self, text: str, detections: list[Detection], *, batch: SessionBatch) -> MaskResult:
        tenant, session, view = batch.tenant, batch.session, batch.view

        # Every type a restorer of this session could know: its own, the policy's, these.
        types = {d.type for d in detections} | self._policy_types()
        if has_digit(text):
            types |= view.types | {e.entity_type for e in batch.added}
        # A look-alike always gets a placeholder: any other operator would let it through.
        # (Resolved once per type a call.)
        op_names: dict[str, str] = {LITERAL: PlaceholderOperator.name}

        def op_of(etype: str) -> str:
            op = op_names.get(etype)
            if op is None:
                op = op_names[etype] = self.policy.operator_for(etype)
            return op

        looks = lookalikes(text, types)
        chosen = _without_lookalikes(
            text, detections,
            _upstream(text, looks, detections, lambda t: op_of(t) in _OPAQUE) if looks else [])
        out: list[str] = []
        entities: list[MaskedEntity] = []
        pos = 0
        people: _People | None = None  # the session's people, built lazily, once per call
        seen: dict[tuple[str, str, str], VaultEntry] = {}  # repeated values: one vault lookup
        for k, d in enumerate(chosen):
            op_name = op_of(d.type)
            operator = get_operator(op_name)
            if not operator.masks:
                continue
            start, end = _trim(text, d.start, d.end)
            if d.type in _WORD_TYPES:
                # A name span that ends inside a word ("Mary Mac|Donald") would leave a
                # replacement glued to letters that no restorer can find again: take whole words.
                limit = chosen[k + 1].start if k + 1 < len(chosen) else len(text)
                start, end = _whole_words(text, start, end, lo=pos, hi=limit)
            if d.type == "PERSON":
                end -= possessive_suffix_length(text[start:end])
            if start >= end:
                continue
            value = text[start:end]
            if not operator.stored:
                replacement = operator.propose(d.type, value, seed=b"", counter=0, attempt=0)
            else:
                key = (d.type, op_name, value)
                entry = seen.get(key)
                if entry is None:
                    if people is None and d.type == "PERSON":
                        people = _People(self._known_people(view), batch.added)
                    entry = self._entry(
                        batch, value, d.type, op_name, tenant, session,
                        people if d.type == "PERSON" else None,
                    )
                    seen[key] = entry
                replacement = entry.replacement
            out.append(text[pos:start])
            out.append(replacement)
            pos = end
            entities.append(
                MaskedEntity(d.type, start, end, replacement, round(float(d.score), 4), op_name)
            )
        out.append(text[pos:])
        return MaskResult(masked="".join(out), entities=entities)

    # ------------------------------------------------------------------ internals
    def _known_people(self, view: SessionView) -> _KnownPeople:
        """The view's people, up to date (the batch's own new entries are not in the view:
        the caller adds them)."""
        with self._people_lock:
            known = self._people.get(view)
            if known is None:
                known = self._people[view] = _KnownPeople()
        known.extend(view)
        return known

    def _entry(
        self,
        store: SessionBatch,
        value: str,
        etype: str,
        op_name: str,
        tenant: str,
        session: str,
        people: _People | None,
    ) -> VaultEntry:
        ek, nk = exact_key(value), norm_key(etype, value)
        hit = store.find(tenant, session, entity_type=etype, exact_key=ek, norm_key=nk)
        if hit is None and people is not None:
            hit = people.unique_match(value)
        if hit is None:
            operator = get_operator(op_name)
            seed = self.vault.seed(tenant, etype, nk) if operator.seeded else b""

            def base(counter: int, attempt: int) -> str:
                return operator.propose(etype, value, seed=seed, counter=counter, attempt=attempt)

            propose: Proposer = base
            if people is not None and op_name != PlaceholderOperator.name:
                propose = people.distinct_parts(base, value)
            hit = store.get_or_create(
                tenant,
                session,
                entity_type=etype,
                original=value,
                operator=op_name,
                exact_key=ek,
                norm_key=nk,
                propose=propose,
            )
            if people is not None:
                people.add(hit)
        if exact_key(hit.original) == ek:
            return hit
        return self._alias(store, value, etype, ek, hit, tenant, session)

    def _alias(
        self, store: SessionBatch, value: str, etype: str, ek: str, canonical: VaultEntry,
        tenant: str, session: str,
    ) -> VaultEntry:
        """Store ``value`` as a variant of ``canonical`` (see module docstring, rule 2/3)."""
        variant = None
        if canonical.shared:
            pass
        elif canonical.operator == PlaceholderOperator.name:
            # "[PERSON_1]" -> "[PERSON_1_FIRST]": the LLM still sees one person, and the variant
            # restores to its own spelling, so restore(protect(x)) == x.
            variant = _placeholder_variant(value, etype, canonical)
        else:
            variant = _render_variant(value, etype, canonical)
        propose: Proposer | None = None
        if variant is not None:
            only = variant
            linked = canonical.operator == PlaceholderOperator.name

            def only_variant(counter: int, attempt: int) -> str | None:
                if attempt and linked:  # "[PERSON_1_ALT]" taken: "[PERSON_1_ALT2]", ...
                    return f"{only[:-1]}{attempt + 1}]"
                return None if attempt else only  # taken: share the canonical replacement

            propose = only_variant
        # A variant does not advance the type's counter (numbering has no gaps); when it is
        # taken (or there is none) the entry shares the canonical replacement instead.
        return store.get_or_create(
            tenant, session, entity_type=etype, original=value, operator=canonical.operator,
            exact_key=ek, propose=propose, counted=False,
            shared_replacement=canonical.replacement,
        )


#: Entity types whose values are words: their spans never start or end inside a word.
_WORD_TYPES = frozenset({"PERSON", "ORGANIZATION", "LOCATION"})


def _spaced(c: str) -> bool:
    """Whether ``c`` is a letter or digit of a script that puts spaces between its words: in
    Chinese, Japanese, Korean (whose particles join the noun) and Thai, a run of letters is a
    clause, not a word ("住所は東京都新宿区西新宿2-8-1です" was masked whole)."""
    return c.isalnum() and not ("\u2e80" <= c <= "\ua4cf" or "\uac00" <= c <= "\ud7af"
                                or "\uf900" <= c <= "\ufaff" or "\u0e00" <= c <= "\u0eff"
                                or "\uff00" <= c <= "\uffef")


def _whole_words(text: str, start: int, end: int, *, lo: int, hi: int) -> tuple[int, int]:
    while start > lo and _spaced(text[start - 1]) and _spaced(text[start]):
        if start >= 2 and text[start - 2] == "\\":
            break  # "\\n221B ...": the letter belongs to an escape, not to the name
        start -= 1
    while end < hi and _spaced(text[end]) and _spaced(text[end - 1]):
        end += 1
    return start, end


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _person(e: VaultEntry) -> bool:
    """Whether ``e`` is a person of its own (a variant is not: its canonical entry is)."""
    return e.entity_type == "PERSON" and not e.shared and not _LINKED.search(e.replacement)


class _KnownPeople:
    """A session view's people and the name parts in use, extended as the view grows (a view
    only grows; a reset view is a new object). Rebuilt for every masking call, they made a
    prompt's masking grow with its session: ~0.7 ms of a short prompt's 2.6 in a session of
    3,300 people. Entries are only appended, under the lock; readers see a prefix."""

    def __init__(self) -> None:
        self.indexed = 0  # entries of the view's added_since(0) read so far
        self.people: list[tuple[VaultEntry, frozenset[str]]] = []
        self.by_part: dict[str, list[int]] = {}  # name part -> positions in people
        self.used: set[str] = set()  # name parts of originals and pseudonyms
        self.lock = threading.Lock()

    def extend(self, view: SessionView) -> None:
        with self.lock:
            new = view.added_since(self.indexed)
            for e in new:
                if _person(e):
                    ident = parse_name(e.original).identity
                    self.people.append((e, ident))  # before its positions: readers see a prefix
                    for part in ident:
                        self.by_part.setdefault(part, []).append(len(self.people) - 1)
                    self.used |= ident | parse_name(e.replacement).identity
            self.indexed += len(new)


class _People:
    """The session's known people for one ``mask`` call: the view's (shared, see
    :class:`_KnownPeople`) and those this call's batch adds."""

    def __init__(self, known: _KnownPeople, added: list[VaultEntry]) -> None:
        self._known = known
        self._own: list[tuple[VaultEntry, frozenset[str]]] = []  # the batch's new people
        self._used: set[str] = set()  # their name parts
        # a new person's value is read by unique_match, distinct_parts and add: parsed once
        # (the memo lives as long as this call)
        self._identities: dict[str, frozenset[str]] = {}
        for e in added:
            self.add(e)

    def _identity(self, name: str) -> frozenset[str]:
        ident = self._identities.get(name)
        if ident is None:
            ident = self._identities[name] = parse_name(name).identity
        return ident

    def add(self, e: VaultEntry) -> None:
        if not _person(e):
            return
        ident = self._identity(e.original)
        self._own.append((e, ident))
        self._used |= ident | parse_name(e.replacement).identity

    def unique_match(self, value: str) -> VaultEntry | None:
        """The one known person whose name contains all name parts of ``value``, if unique."""
        ident = self._identity(value)
        if not ident or any(c.isdigit() for c in value):
            return None
        known = self._known
        # the people holding the rarest of the value's parts: any match is among them
        postings = [known.by_part.get(part, ()) for part in ident]
        rarest = min(postings, key=len)
        candidates = [known.people[k] for k in rarest]
        found: VaultEntry | None = None
        for e, parts in [*candidates, *self._own]:
            if ident <= parts and e is not found:
                if found is not None:
                    return None  # ambiguous: a new identity is the safe choice
                found = e
        return found

    def distinct_parts(self, propose: Callable[[int, int], str], value: str) -> Proposer:
        """Prefer pseudonyms sharing no name part with the session's people, ``value`` included.

        The restorer maps pseudonym name parts back ("Dear Kathy," -> "Dear Jane,") only when
        a part is unambiguous in the session, so distinct parts keep shortened names restorable;
        and a pseudonym that kept a part of the real name ("Jane Doe" -> "Jane Kennedy") would
        send that part to the LLM.
        """
        mine = self._identity(value)

        def taken(parts: frozenset[str]) -> bool:
            return bool(parts & mine or parts & self._used or parts & self._known.used)

        def distinct(counter: int, attempt: int) -> str | None:
            cand = ""
            for j in range(16):
                cand = propose(counter, attempt * 16 + j)
                if not taken(parse_name(cand).identity):
                    break
            return cand

        return distinct


_LINKED = re.compile(r"_(?:FIRST|LAST|ALT)\d*\]$")


def _placeholder_variant(value: str, etype: str, canonical: VaultEntry) -> str | None:
    """A linked placeholder for a variant of ``canonical``'s value (same number, a part tag)."""
    rep = canonical.replacement
    if not (rep.startswith("[") and rep.endswith("]")):
        return None
    tag = "ALT"
    if etype == "PERSON":
        vt, ct = parse_name(value).tokens, parse_name(canonical.original).tokens
        if len(vt) == 1 and len(ct) >= 2:
            tag = "FIRST" if vt[0] == ct[0] else "LAST" if vt[0] == ct[-1] else "ALT"
    return f"{rep[:-1]}_{tag}]"


def _render_variant(value: str, etype: str, canonical: VaultEntry) -> str | None:
    if etype == "PERSON":
        vp, cp = parse_name(value), parse_name(canonical.original)
        rp = parse_name(canonical.replacement)
        toks = variant_tokens(vp, cp, rp, canonical.replacement)
        if toks is None:
            return None
        out = render_like(value, vp, toks)
        return out if out != value else None
    # Same value, other layout: put the replacement's characters into the variant's layout.
    slots = [c for c in canonical.replacement if c.isalnum()]
    if sum(c.isalnum() for c in value) != len(slots):
        return None
    it = iter(slots)
    out = "".join(
        (_case_like(c, next(it)) if c.isalnum() else c) for c in value
    )
    return out if out != canonical.replacement else None


def _case_like(template: str, ch: str) -> str:
    if template.isalpha() and ch.isalpha():
        return ch.upper() if template.isupper() else ch.lower()
    return ch
