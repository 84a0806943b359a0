"""The detection engine: runs recognizers, applies the policy, resolves overlaps.

Pipeline for one text::

    normalise (NFKC, zero-width, digits, look-alike letters) -> language of the message
    -> recognizers on the view (name/place ones only for their languages)
    -> map offsets back to the original -> policy (enabled, threshold, allow_list)
    -> overlap resolution -> detections sorted by start

Any recognizer failure raises :class:`~veil.errors.DetectionError` (fail closed): a caller must
never forward text whose detection did not complete.
"""

from __future__ import annotations

import bisect
import functools
import logging
import operator
import re
from collections.abc import Callable, Container, Iterable, Sequence
from itertools import chain
from typing import Any, TypeVar

from veil.casefold import fold_case
from veil.config import ENTITY_TYPES, Policy
from veil.detect import builtin  # noqa: F401 - registers the built-in recognizers
from veil.detect.beside_names import names_beside
from veil.detect.entity import Detection
from veil.detect.idle import IdlePlan
from veil.detect.language import detect_language, load_models
from veil.detect.literals import STRINGS
from veil.detect.normalize import NormalizedText, normalize
from veil.detect.patterns import PatternRecognizer, shared_matches
from veil.detect.recognizer import (
    Recognizer,
    RecognizerRegistry,
    default_names,
    default_recognizers,
)
from veil.detect.seen import SeenEntityCache
from veil.detect.shards import ShardPool, identity, spec_of
from veil.detect.stopwords import stop_words
from veil.detect.terms import TermDatabase, load_terms_file
from veil.errors import DetectionError, InputError, PolicyError, VeilError

log = logging.getLogger(__name__)

#: how far back a markup tag's "<" and on its ">" are looked for
_TAG_REACH = 200


def in_markup_tag(text: str, s: int, e: int) -> bool:
    """Whether ``text[s:e]`` is inside a markup tag, outside its quoted values: a tag's or an
    attribute's name (``</Nm>``, ``<InstdAmt Ccy="EUR">``), which a model reads as a company or
    a person and whose masking breaks the document; an attribute's value is a value. A tag is
    one that closes, holds an attribute's ``=`` or is closed later in the text: a name in angle
    brackets (``To: <Jane Doe>``) is none."""
    lt = text.rfind("<", max(0, s - _TAG_REACH), s)
    if lt < 0 or text.find(">", lt, s) >= 0:
        return False
    first = text[lt + 1:lt + 2]
    if not (first.isalpha() or first in "/?!"):
        return False  # "a < b"
    gt = text.find(">", e, e + _TAG_REACH)
    if gt < 0 or text.find("<", e, gt) >= 0:
        return False
    before = text[lt:s]
    if before.count('"') % 2 or before.count("'") % 2:
        return False
    if first in "/?!" or "=" in text[lt:gt]:
        return True
    name = _TAG_NAME.match(text, lt + 1)
    return name is not None and text.find(f"</{name.group()}", gt) >= 0


_TAG_NAME = re.compile(r"[\w:.-]+")


def join_models(candidates: list[Detection], statistical: frozenset[str] | set[str],
                text: str) -> list[Detection]:
    """Overlapping spans from two different models become one detection: their hull.

    Two models (spaCy and the learned backend) that both see a value there agree that it is
    sensitive, not on where it ends ("Jane" against "Jane Doe") nor always on its type. Ranked
    by score alone, one span could displace the other and leave part of the value in the
    clear; masking prefers recall, so the hull is kept, with the highest score and the type of
    the span that has it. A model's span that holds the other model's separate entities is
    split first (:func:`_split_by_the_other_model`). One model's own spans never overlap, so a
    single statistical recognizer is left exactly as it was.
    """
    models = [d for d in candidates if d.recognizer in statistical]
    if len({d.recognizer for d in models}) < 2:
        return candidates
    models = _split_by_the_other_model(models, text)
    out = [d for d in candidates if d.recognizer not in statistical]
    group: list[Detection] = []
    end = -1

    def flush() -> None:
        if len({d.recognizer for d in group}) < 2:
            out.extend(group)
            return
        best = max(group, key=lambda d: d.score)
        start = min(d.start for d in group)
        out.append(Detection(best.type, start, end, best.score, best.recognizer,
                             text[start:end]))

    for d in sorted(models, key=lambda d: (d.start, -d.end)):
        if group and d.start < end:
            group.append(d)
            end = max(end, d.end)
            continue
        if group:
            flush()
        group, end = [d], d.end
    if group:
        flush()
    return out


_WORDS = re.compile(r"[^\W_]+")


@functools.cache
def _glue() -> frozenset[str]:
    """Words a split may leave unmasked between the other model's entities ("and", "'s")."""
    return stop_words("en") | {"s"}


def _split_by_the_other_model(models: list[Detection], text: str) -> list[Detection]:
    """Drop a model's span when the other model sees separate entities inside it.

    One model may read "Sean, Pamela and Nicole" or "Acme AG's Paula Dupuis" as one
    organisation where the other finds the people (and the company) in it. The finer reading
    wins when one of its spans has another type and what it leaves between them is only
    punctuation and function words ("and", "'s"): nothing of the text is unmasked that the
    long span covered, apart from those. Otherwise (a capitalised word or a digit would be
    left over) the long span stays and the hull/ranking rules decide.
    """
    ordered = sorted(models, key=lambda d: (d.start, -d.end))
    starts = [d.start for d in ordered]
    glue = _glue()
    out: list[Detection] = []
    for x in ordered:
        i = bisect.bisect_left(starts, x.start)
        inner = []
        while i < len(ordered) and ordered[i].start < x.end:
            d = ordered[i]
            # strictly inside: the same span read as two types is a disagreement on the
            # type, not on the segmentation (the ranking keeps one of them)
            if d.recognizer != x.recognizer and d.end <= x.end and \
                    d.end - d.start < x.end - x.start:
                inner.append(d)
            i += 1
        if not any(d.type != x.type for d in inner):
            out.append(x)
            continue
        covered = [False] * (x.end - x.start)
        for d in inner:
            covered[d.start - x.start:d.end - x.start] = [True] * (d.end - d.start)
        rest = "".join(" " if c else ch for c, ch in zip(covered, text[x.start:x.end],
                                                          strict=True))
        if any(w.isdigit() or w.lower() not in glue for w in _WORDS.findall(rest)):
            out.append(x)
    return out


def resolve_overlaps(candidates: Iterable[Detection],
                     validated: frozenset[str] | set[str] = frozenset(), *,
                     statistical: frozenset[str] | set[str] = frozenset(),
                     exact: frozenset[str] | set[str] = frozenset()) -> list[Detection]:
    """Keep a non-overlapping subset, best first, returned sorted by start.

    Order of preference: a validated recognizer (checksum, declared term, seen value) over a
    statistical one; then the higher score; then the longer span; then the earlier start.

    Then containment: a losing candidate from a recognizer not in ``statistical`` that holds
    every kept detection it overlaps replaces them. Otherwise a short winner inside it (a term
    "Jane" inside "jane.doe@example.com") would leave the rest ("doe@example.com") unmasked.
    A model's span may be too long, so a statistical candidate never displaces what it holds,
    except a model's PERSON around the heuristics' unchecked names (a record's "GARCIA, MARIA
    ELENA" around the name lists' "MARIA ELENA": the surname went upstream).
    Where it lost only to names from ``exact`` recognizers (strings known before this text: a
    session's values, a tenant's terms), what it covers beyond them is kept as pieces of its
    type: "Smith", seen earlier, inside the model's "Sarah O'Connor-Smith" left "Sarah
    O'Connor-" unmasked. (Around a phone number, an address or a pattern's organisation the
    model's span is the one too long, "The" of "The Acme Inc. office": its rest is context.)
    """
    candidates = list(candidates)
    # (start - end: minus the length, without a property call per key on large texts)
    ranked = sorted(candidates, key=lambda d: (d.recognizer not in validated, -d.score,
                                               d.start - d.end, d.start))
    # Each candidate is kept if no position it covers is taken: one byte per position of the
    # text, searched and marked in C. (A list kept sorted by insertion moved every later entry
    # on each insert: 61 of the 220 ms this took for the 30,000 candidates of a megabyte.)
    taken = bytearray(max((d.end for d in candidates), default=0))
    ones = memoryview(b"\x01" * max((d.end - d.start for d in candidates), default=0))
    kept: list[Detection] = []
    for d in ranked:
        if taken.find(1, d.start, d.end) < 0:
            taken[d.start:d.end] = ones[: d.end - d.start]
            kept.append(d)
    kept.sort(key=lambda d: d.start)  # sorted by start, pairwise disjoint
    if len(kept) == len(candidates):
        return kept
    starts = [d.start for d in kept]
    kept_ids = {id(d) for d in kept}
    # longest first: an outer container takes everything inside before an inner one is tried
    for c in sorted(candidates, key=lambda d: (d.start - d.end, d.start)):
        model = c.recognizer in statistical
        if id(c) in kept_ids or model and c.type != "PERSON":
            continue
        i = bisect.bisect_left(starts, c.start)
        if i > 0 and kept[i - 1].end > c.start:
            continue  # a kept detection starts before it: not contained
        j = i
        while j < len(kept) and kept[j].start < c.end:
            j += 1
        inner = kept[i:j]
        if not inner or inner[-1].end > c.end:
            continue  # overlaps nothing kept (cannot happen), or one sticks out past its end
        if len(inner) == 1 and (inner[0].start, inner[0].end) == (c.start, c.end):
            continue  # the same span: nothing is left uncovered
        if model and any(d.type != "PERSON" or d.recognizer in validated
                         or d.recognizer in statistical for d in inner):
            continue  # a model's span holds only the heuristics' names of one person
        kept[i:j] = [c]
        starts[i:j] = [c.start]
        kept_ids.difference_update(id(d) for d in inner)
        kept_ids.add(id(c))
    if statistical and exact:
        kept = _with_remainders(kept, [d for d in ranked if id(d) not in kept_ids
                                       and d.recognizer in statistical], len(taken), exact)
    return kept


#: what the name models find: a model's span that lost only to these is a name around them
NAME_TYPES = frozenset({"PERSON", "ORGANIZATION", "LOCATION"})
#: the identifiers a text names again whole once found (``DetectionEngine._names_again``)
_FOUND_AGAIN = frozenset({"USERNAME", "DEVICE_ID", "ACCOUNT_NUMBER", "SECRET"})


_NAME_WORD = re.compile(r"[^\W\d_]{3,}")
#: the longest text whose values' words are counted before any is searched for
_COUNTED = 8192


def _written_elsewhere(text: str, found: list[Detection], covering: list[Detection]) -> bool:
    """Whether a value ``found`` in ``text``, or a word of one (three letters or more), stands
    in ``text`` (any case) more often than in the detections ``covering`` (disjoint, ``found``
    among them): else none can be found again outside them ("Tomasz" inside a found
    "tomasz.w@example.com" is not)."""
    if len(text) > _COUNTED:
        return True  # (a count per key would read a long text once per key)
    hay = fold_case(text)
    values = [fold_case(d.text) for d in found]
    keys = {v.strip() for v in values} | {w for v in values for w in _NAME_WORD.findall(v)}
    covered = [fold_case(d.text) for d in covering]
    return any(hay.count(k) > sum(c.count(k) for c in covered) for k in keys if k)


def _a_part_mistyped(text: str, d: Detection) -> bool:
    """Whether a model's place or firm may be a part of a person's name found in the same text,
    mistyped: a place no list holds, not after a word of moving or living ("Márkus was
    upset", not "flew to Paris" beside "Paris Hilton"); a firm's name without its legal form
    ("Eriksson's report", not "Jordan Ltd")."""
    from veil.detect.ner import _org_after_place_word
    from veil.detect.place_names import ALSO_NAMES, PLACES
    from veil.detect.trade_words import _LEGAL_FORM_AFTER

    if d.type == "LOCATION":
        low = d.text.lower()
        return low not in PLACES and low not in ALSO_NAMES and not _org_after_place_word(
            text, d.start, d.end)
    return _LEGAL_FORM_AFTER.match(text, d.end) is None


def _with_remainders(kept: list[Detection], losers: list[Detection], size: int,
                     exact: frozenset[str] | set[str]) -> list[Detection]:
    """``kept`` and the parts of each losing model span (best first) that nothing kept covers,
    trimmed to letters and digits (a piece of two or more, or a capital alone: an initial),
    where every kept detection it overlaps is a name from an ``exact`` recognizer."""
    if not any(d.recognizer in exact for d in kept):
        return kept  # most texts: nothing known before them was found in them
    taken = bytearray(size)
    other = bytearray(size)  # positions kept as anything else
    for d in kept:
        taken[d.start:d.end] = b"\x01" * (d.end - d.start)
        if d.type not in NAME_TYPES or d.recognizer not in exact:
            other[d.start:d.end] = b"\x01" * (d.end - d.start)
    pieces: list[Detection] = []
    for c in losers:
        if c.type not in NAME_TYPES or other.find(1, c.start, c.end) >= 0:
            continue
        pos = c.start
        while (a := taken.find(0, pos, c.end)) >= 0:
            b = taken.find(1, a, c.end)
            b = c.end if b < 0 else b
            pos = b
            piece = c.text[a - c.start:b - c.start]
            lo = next((k for k, ch in enumerate(piece) if ch.isalnum()), len(piece))
            hi = len(piece) - next((k for k, ch in enumerate(reversed(piece)) if ch.isalnum()), 0)
            value = piece[lo:hi]
            if sum(ch.isalnum() for ch in value) >= 2 or value.isupper():
                pieces.append(Detection(c.type, a + lo, a + hi, c.score, c.recognizer, value))
                taken[a + lo:a + hi] = b"\x01" * (hi - lo)
    if not pieces:
        return kept
    return sorted([*kept, *pieces], key=lambda d: d.start)


_T = TypeVar("_T")


def _by_language(r: Recognizer, texts: list[str], langs: list[str]) -> list[list[Detection]]:
    return [r.analyze_language(t, lang) for t, lang in zip(texts, langs, strict=True)]


def _per_text(found: list[list[Detection]], idx: list[int] | None,
              n: int) -> list[list[Detection]]:
    """One list per text of ``n``, from what was found in the texts ``idx`` (None: all)."""
    if idx is None:  # the common case: one list per text already
        return found
    per_text: list[list[Detection]] = [[] for _ in range(n)]
    for i, ds in zip(idx, found, strict=True):
        per_text[i] = ds
    return per_text


def _all_idle(r: Recognizer, texts: list[str], told: list[bool | None] | None) -> bool:
    """Whether ``r`` is idle on each of ``texts``; ``told``: the idle plan's verdicts on them
    (None where it has none: the recognizer is asked)."""
    if told is None:
        return all(map(r.idle, texts))
    return all(r.idle(t) if v is None else v for t, v in zip(texts, told, strict=True))


def _guarded(r: Recognizer, call: Callable[..., _T], *args: Any) -> _T:
    """``call(*args)`` of recognizer ``r``: a failure refuses the request (fail closed), logged
    by its class name only (the message could quote the text: privacy rule)."""
    try:
        return call(*args)
    except VeilError:
        raise
    except Exception as e:
        log.error("recognizer %s failed: %s", r.name, type(e).__name__)
        raise DetectionError(
            f"detector {r.name!r} failed ({type(e).__name__}); the request was "
            "refused. Retry, or disable that entity type in the policy") from None


#: one message in each language Veil has pipelines for, with the values its recognizers look
#: for: :meth:`DetectionEngine.prepare` reads them so that each language's models load
WARM_UP_MESSAGES = {
    "en": "Readiness check: Dr. Jane Doe (jane.doe@example.org, +1 415 555 0100) lives at "
          "12 Main Street, Springfield; her card 4111 1111 1111 1111 expires 03/2030 and "
          "our site is example.co.uk.",
    "fr": "Bonjour, je m'appelle Camille Martin et j'habite au 12 rue de la Paix à Lyon ; "
          "mon numéro est le 06 12 34 56 78.",
    "de": "Hallo, mein Name ist Jürgen Müller und ich wohne in der Hauptstraße 5 in München; "
          "meine IBAN ist DE89 3704 0044 0532 0130 00.",
    "es": "Hola, me llamo María García y vivo en la calle Mayor 3 de Madrid; mi teléfono es "
          "el 612 345 678.",
    "zh": "你好，我叫王小明，住在北京市朝阳区建国路88号，电话13812345678。",
}


def _roles_of(recognizers: list[Recognizer]
              ) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The names of the validated, the statistical and the local-only recognizers."""
    return (frozenset(r.name for r in recognizers if r.validated),
            frozenset(r.name for r in recognizers if r.statistical),
            frozenset(r.name for r in recognizers if r.local_only))


def _reads_languages(recognizers: list[Recognizer]) -> bool:
    return any(r.message_languages or r.language_aware for r in recognizers)


def _background(recognizers: list[Recognizer]) -> list[int]:
    return [k for k, r in enumerate(recognizers) if r.background and not r.language_aware]


class DetectionEngine:
    """Finds sensitive spans according to a tenant's :class:`~veil.config.Policy`.

    >>> engine = DetectionEngine(Policy(ner=False))
    >>> [d.type for d in engine.analyze("mail jane@example.org")]
    ['EMAIL']
    """

    def __init__(self, policy: Policy | None = None, *, terms: TermDatabase | None = None,
                 recognizers: Sequence[Recognizer] | None = None,
                 shards: ShardPool | None = None) -> None:
        """``policy``: what is enabled and at which threshold, which recognizers it declares or
        turns off (default: ``Policy()``). ``terms``: the tenant's sensitive-term database
        (added to ``policy.terms`` and ``policy.terms_file``). ``recognizers``: replaces the
        registered defaults, NER included (default: every registered recognizer, spaCy NER
        only when ``policy.ner``). ``shards``: worker processes that read long texts beside
        the caller (:mod:`veil.detect.shards`; only for an engine built from its policy)."""
        self.policy = policy or Policy()
        self._shards = shards
        registry = RecognizerRegistry(default_recognizers(self.policy) if recognizers is None
                                      else recognizers)
        self._apply_declared(registry, check_names=recognizers is None)
        policy_rules = list(self.policy.terms)
        if self.policy.terms_file is not None:
            policy_rules += load_terms_file(self.policy.terms_file)
        if policy_rules:
            registry.add(TermDatabase(policy_rules, name="policy_terms"))
        if terms is not None and len(terms):
            registry.add(terms)
        self.registry = registry
        # what a worker rebuilds from the policy alone: nothing when recognizers were given
        self._built = None if recognizers is not None else \
            [identity(r) for r in registry]
        self._allow = {fold_case(v.strip()) for v in self.policy.allow_list if v.strip()}
        self._rules: dict[str, tuple[bool, float]] = {}
        self._plans: dict[tuple[int, ...], IdlePlan] = {}

    def _apply_declared(self, registry: RecognizerRegistry, *, check_names: bool) -> None:
        """Turn off, replace or add the recognizers ``policy.recognizers`` names."""
        known = set(default_names()) | set(registry.names)
        for rule in self.policy.recognizers:
            declares = bool(rule.patterns or rule.deny_list)
            if not declares and check_names and rule.name not in known:
                raise PolicyError(
                    f"policy.recognizers: {rule.name!r} names no recognizer, so it cannot be "
                    f"turned off; known names: {', '.join(sorted(known))}")
            registry.remove(rule.name)
            if declares and rule.enabled:
                registry.add(PatternRecognizer.from_rule(rule))
        for r in registry:  # a recognizer meant for other languages only
            if r.languages and self.policy.language not in r.languages:
                registry.remove(r.name)
            elif r.message_languages and not set(r.message_languages) & set(self._languages):
                registry.remove(r.name)  # a pipeline for a language the policy does not tell

    @functools.cached_property
    def _languages(self) -> tuple[str, ...]:
        langs = dict.fromkeys([self.policy.language, *self.policy.languages])
        return tuple(langs)

    def prepare(self, *, languages: Sequence[str] | None = None) -> None:
        """Load and compile now what detection otherwise loads at first use: every pattern's
        regexes, each of the policy's languages' models and tables, and the learned model's
        session for long inputs. A server calls this once before its first request; without
        it, a gateway's first French message waited 2.8 s for spaCy's French model and
        lingua's, its first Chinese one 0.7 s for jieba, and its first domain name 80 ms.
        Narrowing ``policy.languages`` narrows what is loaded (start-up time and memory).
        ``languages``: only these messages' models, and no language model (a detection
        worker, told each chunk's language, loads the policy's main one and the others when a
        chunk needs them: 125 against 690 MB before its first chunk). Detection workers are
        not started here: the first long text starts them (:mod:`veil.detect.shards`)."""
        from veil.detect.domains import top_level_domains
        from veil.detect.patterns import compile_all

        compile_all()
        top_level_domains()
        told = languages is not None
        langs = [lang for lang in languages or self._languages if lang in WARM_UP_MESSAGES]
        if not told:
            load_models(self._languages)
        for r in self._active_recognizers:
            r.prepare()
        messages = [WARM_UP_MESSAGES[lang] for lang in langs]
        # a long input (several model windows) makes the learned backend's second session
        messages.append(" ".join([WARM_UP_MESSAGES["en"]] * 12))
        if told:  # each message's language is known: no language model is asked
            self.per_recognizer(self.recognizers(), messages, [*langs, "en"])
        else:
            self.analyze_batch(messages)
        STRINGS.build()  # with the marks the messages made (the first request waited 0.3 s)

    def language_of(self, text: str) -> str:
        """The language the engine treats ``text`` (a normalised view) as."""
        if len(self._languages) < 2:
            return self.policy.language
        return detect_language(text, self._languages, self.policy.language)

    # -- policy ----------------------------------------------------------------------------
    def enabled_types(self) -> set[str]:
        return set(self._enabled_types)

    @functools.cached_property
    def _enabled_types(self) -> frozenset[str]:
        # The policy and the registry are fixed for an engine's life (set_policy builds a new
        # engine), so this is worked out once, not on every call.
        types = set(ENTITY_TYPES) | set(self.policy.entities)
        for r in self.registry:
            types |= set(r.entities)
        return frozenset(t for t in types if self.policy.rule(t).enabled)

    @functools.cached_property
    def _active_recognizers(self) -> list[Recognizer]:
        return self.registry.for_entities(set(self._enabled_types))

    def _active(self) -> list[Recognizer]:
        return self._active_recognizers

    @functools.cached_property
    def _roles(self) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
        # (three passes over a hundred recognizers cost a short prompt ~20 us a call)
        return _roles_of(self._active_recognizers)

    @functools.cached_property
    def _active_read_languages(self) -> bool:
        return _reads_languages(self._active_recognizers)

    def _needs_languages(self, recognizers: list[Recognizer]) -> bool:
        """Whether a recognizer of ``recognizers`` reads a text's language."""
        if recognizers is self._active_recognizers:
            return self._active_read_languages
        return _reads_languages(recognizers)

    def _keep(self, d: Detection) -> bool:
        rule = self._rules.get(d.type)
        if rule is None:  # Policy.rule builds a model each call: resolve once per type
            r = self.policy.rule(d.type)
            rule = self._rules[d.type] = (r.enabled, r.threshold)
        if not rule[0] or d.score < rule[1]:
            return False
        return not (self._allow and fold_case(d.text.strip()) in self._allow)

    # -- analysis --------------------------------------------------------------------------
    def analyze(self, text: str, *, seen: SeenEntityCache | None = None) -> list[Detection]:
        """Non-overlapping detections in ``text``, sorted by start; offsets index ``text``."""
        return self.analyze_batch([text], seen=seen)[0]

    def analyze_batch(self, texts: Sequence[str], *,
                      seen: SeenEntityCache | None = None) -> list[list[Detection]]:
        for t in texts:
            if not isinstance(t, str):
                raise InputError(f"text must be str, got {type(t).__name__}; decode bytes as "
                                 "UTF-8 first")
        views = [normalize(t) for t in texts]
        raw: list[list[Detection]] = [[] for _ in texts]
        recognizers = self._active()
        validated, statistical, exact = self._roles
        if seen is not None and len(seen):
            recognizers = [*recognizers, seen]
            validated, statistical, exact = _roles_of(recognizers)
        todo = [i for i, v in enumerate(views) if v.text.strip()]
        # (one block for both: the text's own names found again ask what the recognizers
        # asked, and whole-text scans must not run again for each)
        with shared_matches():
            self._run(recognizers, views, todo, raw)
            return [self._finish(views[i], raw[i], validated, statistical, exact)
                    for i in range(len(texts))]

    def _run(self, recognizers: list[Recognizer], views: list[NormalizedText], todo: list[int],
             raw: list[list[Detection]]) -> None:
        if not todo:
            return
        texts = [views[i].text for i in todo]
        langs = [self.language_of(t) for t in texts] \
            if self._needs_languages(recognizers) else None
        whole = list(range(len(todo)))
        shards = self._shards
        if shards is not None and any(len(t) >= 2 * shards.chunk_chars for t in texts):
            # a long text is read in chunks beside worker processes, the others together
            for j, t in enumerate(texts):
                if len(t) < 2 * shards.chunk_chars:
                    continue
                found = shards.raw(self, recognizers, t, None if langs is None else langs[j])
                if found is not None:
                    whole.remove(j)
                    for per in found:  # in the registry's order, as below
                        raw[todo[j]].extend(per)
        if not whole:
            return
        found_all = self.per_recognizer(recognizers, [texts[j] for j in whole],
                                        None if langs is None else [langs[j] for j in whole])
        if len(whole) == 1:  # one text (a prompt): no pairing per recognizer (~190 of them)
            raw[todo[whole[0]]].extend(chain.from_iterable(per[0] for per in found_all))
            return
        for per_text in found_all:  # in the registry's order, as before
            for j, ds in zip(whole, per_text, strict=True):
                raw[todo[j]].extend(ds)

    def per_recognizer(self, recognizers: list[Recognizer], texts: list[str],
                       langs: list[str] | None = None) -> list[list[list[Detection]]]:
        """``found[k][j]``: what ``recognizers[k]`` finds in ``texts[j]``, in the language
        ``langs[j]`` (worked out here when None and a recognizer needs it)."""
        if langs is None and self._needs_languages(recognizers):
            langs = [self.language_of(t) for t in texts]
        with shared_matches():
            return self._per_recognizer(recognizers, texts, langs)

    def _per_recognizer(self, recognizers: list[Recognizer], texts: list[str],
                        langs: list[str] | None) -> list[list[list[Detection]]]:
        if not texts:
            return [[] for _ in recognizers]
        # (one loop, no copy of the texts, no closure per call: a short prompt's 136
        # recognizers cost ~1.4 us each to dispatch with those)
        one = texts[0] if len(texts) == 1 else None
        out: list[list[list[Detection]]] = [[]] * len(recognizers)
        # a model that runs outside the GIL starts first and is collected last: the pattern
        # recognizers run on this thread meanwhile
        started: dict[int, tuple[list[int] | None, Callable[[], list[list[Detection]]]]] = {}
        for k in self._background_of(recognizers):
            r = recognizers[k]
            idx, chosen = self._chosen(r, texts, langs)
            if chosen:
                started[k] = (idx, _guarded(r, r.begin_batch, chosen))
        # the pattern recognizers' idle verdicts, worked out together per text (one loop over
        # the text's facts, not ~150 calls that each look them up: ~0.4 ms a short prompt)
        plan = self._idle_plan(recognizers)
        busy = plan.busy(one) if one is not None else None
        if one is not None and busy is not None:
            out = [[[]] for _ in recognizers]
            self._read_one(recognizers, one, langs, plan, busy, started, out)
        else:
            more: list[bool | None] = [None] * (len(recognizers) - len(plan.recognizers))
            told = [plan.verdicts(t) + more for t in texts]  # (None: the recognizer is asked)
            for k, r in enumerate(recognizers):
                if k in started:
                    continue
                if r.message_languages:
                    idx, chosen = self._chosen(r, texts, langs)
                    if not chosen:
                        out[k] = [[] for _ in texts]
                        continue
                else:
                    idx, chosen = None, texts
                if _all_idle(r, chosen, None if idx is not None else [v[k] for v in told]):
                    out[k] = [[] for _ in texts]
                    continue
                if r.language_aware:
                    assert langs is not None  # nosec B101 # worked out above for such ones
                    found = _guarded(r, _by_language, r, chosen,
                                     langs if idx is None else [langs[i] for i in idx])
                else:
                    found = _guarded(r, r.analyze_batch, chosen)
                out[k] = _per_text(found, idx, len(texts))
        for k, (idx, finish) in started.items():
            out[k] = _per_text(_guarded(recognizers[k], finish), idx, len(texts))
        return out

    @staticmethod
    def _read_one(recognizers: list[Recognizer], text: str, langs: list[str] | None,
                  plan: IdlePlan, busy: list[int], started: Container[int],
                  out: list[list[list[Detection]]]) -> None:
        """:meth:`_per_recognizer` of one text (a prompt) into ``out``, going over only the
        recognizers ``busy`` lists (:meth:`IdlePlan.busy`: ~70 of a short prompt's ~210; the
        others are idle on it, each loop's tests saved) and those after the plan's list."""
        lang = None if langs is None else langs[0]
        planned = len(plan.recognizers)
        asked = plan.asked
        for k in chain(busy, range(planned, len(recognizers))):
            if k in started:
                continue
            r = recognizers[k]
            if r.message_languages and lang not in r.message_languages:
                continue
            if (k >= planned or k in asked) and r.idle(text):
                continue  # nothing to find: the call's own cost saved (~1.5 us)
            if r.language_aware:
                assert lang is not None  # nosec B101 # worked out for such recognizers
                out[k] = _guarded(r, _by_language, r, [text], [lang])
            else:
                out[k] = _guarded(r, r.analyze_batch, [text])

    def _idle_plan(self, recognizers: list[Recognizer]) -> IdlePlan:
        """The plan of the idle verdicts: the engine's own for its list, or for that list with
        more after it (a session's values; its verdicts then cover the list only)."""
        active = self._active_recognizers
        if recognizers is active or len(recognizers) >= len(active) and all(
                map(operator.is_, active, recognizers)):
            return self._active_plan
        # a list of its own (a long text's chunks, the recognizers workers lack): kept by its
        # members' ids, which the plan holds, so none is reused while it is kept
        key = tuple(map(id, recognizers))
        plan = self._plans.get(key)
        if plan is None:
            if len(self._plans) >= 16:
                self._plans.clear()
            plan = self._plans[key] = IdlePlan(recognizers)
        return plan

    @functools.cached_property
    def _active_plan(self) -> IdlePlan:
        return IdlePlan(self._active_recognizers)

    def _background_of(self, recognizers: list[Recognizer]) -> list[int]:
        """The indices of the recognizers whose model runs beside the others (read once per
        engine for its own list: a pass over a hundred and sixty cost ~10 us a call)."""
        if recognizers is self._active_recognizers:
            return self._active_background
        return _background(recognizers)

    @functools.cached_property
    def _active_background(self) -> list[int]:
        return _background(self._active_recognizers)

    @staticmethod
    def _chosen(r: Recognizer, texts: list[str],
                langs: list[str] | None) -> tuple[list[int] | None, list[str]]:
        """The indices of the texts ``r`` reads (None: all of them) and those texts."""
        if not r.message_languages:
            return None, texts
        idx = [i for i in range(len(texts))
               if langs is not None and langs[i] in r.message_languages]
        return idx, [texts[i] for i in idx]

    @property
    def shards(self) -> ShardPool | None:
        """The worker processes that read long texts beside the caller, if any."""
        return self._shards

    def recognizers(self) -> list[Recognizer]:
        """The recognizers this engine runs (its policy's enabled types)."""
        return list(self._active())

    def shard_spec(self) -> tuple[str, bytes] | None:
        """What a worker process builds this engine from (a key and the pickled policy with
        the models' memo sizes), or None where it could not: recognizers given in code, or a
        registry changed since the engine was built."""
        if self._built is None or self._built != [identity(r) for r in self.registry]:
            return None
        memo = {r.name: r.cache_size for r in self.registry if hasattr(r, "cache_size")}
        return spec_of(self.policy, memo)

    def _finish(self, view: NormalizedText, found: list[Detection], validated: frozenset[str],
                statistical: frozenset[str], exact: frozenset[str]) -> list[Detection]:
        if not found:
            return []
        original = view.original
        mapped: list[Detection] = []
        for d in found:
            # Trim whitespace as the recognizers saw it: an escaped "\\n" is a line break in
            # the view but the letter "n" in the original, and must not start a span.
            vs, ve = d.start, d.end
            while vs < ve and view.text[vs].isspace():
                vs += 1
            while ve > vs and view.text[ve - 1].isspace():
                ve -= 1
            if ve <= vs:
                continue
            s, e = view.to_original(vs, ve)
            if e <= s:
                continue
            value = original[s:e]
            # a span that neither trimming nor the view's mapping moved (the view is the
            # original there) is the recognizer's own detection: no copy (a megabyte's 30,000
            # copies took 34 ms)
            m = d if (s, e) == (d.start, d.end) and d.text == value else \
                Detection(d.type, s, e, d.score, d.recognizer, value)
            # allow_list is checked on the original and on the normalised value
            if self._keep(m) and not (self._allow and fold_case(d.text.strip()) in self._allow):
                mapped.append(m)
        if "<" in original:  # (most prompts hold no markup)
            mapped = [m for m in mapped if m.recognizer not in statistical
                      or not in_markup_tag(original, m.start, m.end)]
        mapped = join_models(mapped, statistical, original)
        kept = resolve_overlaps(mapped, validated, statistical=statistical, exact=exact)
        if kept:  # the people beside those found ("Present: <left>, <P>, <P>", "<P> (siri)")
            more = [d for d in names_beside(original, kept) if self._keep(d)
                    and not (self._allow and fold_case(d.text) in self._allow)]
            if more:
                kept = sorted(kept + more, key=lambda d: d.start)
        return self._names_again(original, kept, statistical)

    def _names_again(self, text: str, kept: list[Detection],
                     statistical: frozenset[str]) -> list[Detection]:
        """``kept`` with the text's own people found again where no detection stands: a name
        found once, whole or in part, again alone ("Tomasz Wierzbicki ... wierzbicki will
        bring it", "PS: Raghunathan, please sign", "BABATUNDE agreed"), where the models read
        the rest of the text without it, as a session's later turns are read. A model's guess
        of a place or a firm on one of its parts becomes the person's ("Nusa Márkus ...
        Márkus was upset"). So are an account's, a device's and a secret's values of five
        characters or more, found again whole: an auth log names its user on every line
        ("Failed password for tlindqvist ... sudo: tlindqvist : TTY=..."), where each line's
        own words said so only once."""
        people = [d for d in kept if d.type == "PERSON" or d.type in _FOUND_AGAIN
                  and len(d.text) >= 5]
        if not people or not _written_elsewhere(text, people, [
                d for d in kept if d.type == "PERSON" or d.type not in NAME_TYPES
                or d.recognizer not in statistical]):
            return kept  # (most texts: each value's words stand only in what was found)
        taken = bytearray(len(text))  # what the found names must not overlap
        guessed = bytearray(len(text))  # the models' places and firms
        guesses: dict[tuple[int, int], Detection] = {}
        for d in kept:
            if d.type != "PERSON" and d.type in NAME_TYPES and d.recognizer in statistical:
                guesses[(d.start, d.end)] = d
                guessed[d.start:d.end] = b"\x01" * (d.end - d.start)
            else:
                taken[d.start:d.end] = b"\x01" * (d.end - d.start)
        values = dict.fromkeys((d.type, d.text) for d in people)  # (a long text repeats them)
        found = SeenEntityCache(values, once=True).find(text, taken)
        added: list[Detection] = []
        retyped: set[int] = set()
        for h in sorted(found, key=lambda d: (d.start - d.end, d.start)):  # longest first
            guess = guesses.get((h.start, h.end))
            if guess is not None and not _a_part_mistyped(text, guess) or guess is None \
                    and guessed.find(1, h.start, h.end) >= 0:
                continue  # a listed place, a firm; or it cuts a model's place or firm
            if taken.find(1, h.start, h.end) >= 0 or not self._keep(h):
                continue  # (one found inside a longer one just added)
            taken[h.start:h.end] = b"\x01" * (h.end - h.start)
            added.append(h)
            if guess is not None:
                retyped.add(id(guess))
        if not added:
            return kept
        return sorted([d for d in kept if id(d) not in retyped] + added, key=lambda d: d.start)
