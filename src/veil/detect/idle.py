"""Which recognizers of a list are idle on a text, worked out together for the whole list.

A short prompt asks ~180 recognizers whether they have anything to find (:meth:`Recognizer.
idle`) and ~150 say no. Asked one by one, each pattern recognizer looked its answer up in the
text's memo, then each of its kinds of anchor in turn (the digit runs, a mark's strings in the
text's one pass, the context words' first pieces): ~2.5 us of calls each, ~0.5 ms a prompt,
though the facts they read are a handful per text. An :class:`IdlePlan` reads those facts once
per text (is there a digit, which marks' strings occur, which context words' first pieces)
and gives each group of alike recognizers its verdict from them, in one loop. A mark whose
strings do occur, and any other kind of anchor, is asked as before (:meth:`Scan.any_anchor`),
so each verdict is exactly the recognizer's own :meth:`PatternRecognizer.idle`.

Only pattern recognizers that keep the class's own idle test are planned; any other
recognizer (a custom one, a subclass with its own test, a session's values) is asked itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain, repeat

from veil.detect import patterns
from veil.detect.literals import Literals, Prefixes
from veil.detect.patterns import (
    PatternRecognizer,
    Scan,
    _digit_runs,
    _marks,
    _string_hits,
    _text_memo,
    context_heads_of,
    folded,
)
from veil.detect.recognizer import Recognizer


@dataclass(frozen=True, slots=True)
class _Group:
    """The idle test of the recognizers that share one :attr:`PatternRecognizer._idle_key`."""

    key: object
    recognizer: PatternRecognizer
    #: every pattern starts at a digit run
    on_digits: bool
    #: whether the anchors decide (every pattern starts at an anchor), and, if so: an anchor
    #: kind that is always there (a line start), one that is a digit run, the slots of the
    #: marks whose strings are read in the text (``text_slots``) or in its lower-cased copy
    #: (``folded_slots``), and the other kinds (asked :meth:`Scan.any_anchor`)
    by_anchors: bool
    always: bool
    digit_kind: bool
    text_slots: frozenset[int]
    folded_slots: frozenset[int]
    #: the scans behind the slots, in the same order as asked before (a slot whose strings
    #: occur is asked :meth:`Scan.any_anchor`: a guard or the mark itself may rule them out)
    slot_scans: tuple[tuple[int, bool, Scan], ...]
    #: the strings whose occurrences are the anchors (``Pattern.at``)
    ats: tuple[str, ...]
    other_kinds: tuple[Scan, ...]
    #: the required context words' first pieces, when the text's words decide
    heads: frozenset[str] | None
    #: the two tests most groups reduce to, asked in :meth:`IdlePlan.verdicts` without
    #: :meth:`IdlePlan._idle`'s call (~90 of a prompt's ~130 groups): every pattern at a
    #: digit run and a required word; or marks whose strings are read in the one pass, and
    #: nothing else (no prefilter in either)
    digits_then_words: bool
    marks_only: bool


def _plannable(r: Recognizer) -> bool:
    return isinstance(r, PatternRecognizer) and not r.message_languages \
        and type(r).idle is PatternRecognizer.idle and type(r)._idle is PatternRecognizer._idle


def _strings_of(scan: Scan) -> Literals | Prefixes | bool:
    """The mark's strings as :meth:`Scan.any_anchor` reads them (and keeps them)."""
    strings = scan._strings
    if strings is None:
        from veil.detect.literals import literals_of, prefixes_of

        mark = scan.mark
        assert mark is not None  # nosec B101 # only asked for a scan with a mark
        strings = scan._strings = literals_of(mark.pattern, mark.flags) \
            or prefixes_of(mark.pattern, mark.flags) or False
    return strings


def _group(r: PatternRecognizer) -> _Group:
    kinds = r._anchor_kinds
    always = digit_kind = False
    text_slots: set[int] = set()
    folded_slots: set[int] = set()
    slot_scans: list[tuple[int, bool, Scan]] = []
    other: list[Scan] = []
    ats: list[str] = []
    for scan in kinds or ():
        if scan.mark is not None:
            strings = _strings_of(scan)
            if isinstance(strings, Literals | Prefixes):
                (folded_slots if scan.fold else text_slots).add(strings.slot)
                slot_scans.append((strings.slot, scan.fold, scan))
            else:
                other.append(scan)
        elif scan.at is not None and not scan.line_start:
            ats.append(scan.at)
        elif scan.digit_runs:
            digit_kind = True
        elif scan.line_start:
            always = True  # a text always has its first line's start
        else:
            other.append(scan)
    heads = r.context.heads if r.context_required and r.context.folds else None
    plain = r._prefilter is None
    digits_then_words = plain and r._on_digits and heads is not None
    marks_only = plain and kinds is not None and heads is None and not (
        always or digit_kind or ats or other)
    return _Group(r._idle_key, r, r._on_digits, kinds is not None, always, digit_kind,
                  frozenset(text_slots), frozenset(folded_slots), tuple(slot_scans),
                  tuple(ats), tuple(other), heads, digits_then_words, marks_only)


class IdlePlan:
    """The idle verdicts of ``recognizers`` on one text at a time (see the module's
    docstring)."""

    def __init__(self, recognizers: Sequence[Recognizer]) -> None:
        self.recognizers = list(recognizers)  # (held: the plan reads them by position)
        groups: dict[object, int] = {}
        self._groups: list[_Group] = []
        #: per recognizer: its group's index, or -1 for one asked itself
        self._slot: list[int] = []
        #: per group, the positions of its recognizers
        self._members: list[list[int]] = []
        for k, r in enumerate(self.recognizers):
            if not _plannable(r):
                self._slot.append(-1)
                continue
            assert isinstance(r, PatternRecognizer)  # nosec B101 # _plannable says so
            g = groups.get(r._idle_key)
            if g is None:
                g = groups[r._idle_key] = len(self._groups)
                self._groups.append(_group(r))
                self._members.append([])
            self._slot.append(g)
            self._members[g].append(k)
        #: the positions of the recognizers the plan has no verdict for (asked themselves)
        self.asked = frozenset(k for k, g in enumerate(self._slot) if g < 0)
        self._folds = any(g.folded_slots or g.heads is not None
                          or any(scan.fold for scan in g.other_kinds) for g in self._groups)

    def verdicts(self, text: str) -> list[bool | None]:
        """Per recognizer, whether it is idle on ``text`` (its own :meth:`Recognizer.idle`);
        None for one not planned, which the caller asks itself where it needs to (outside a
        :func:`~veil.detect.patterns.shared_matches` block: every one)."""
        by_group = self._by_group(text)
        if by_group is None:
            return [None] * len(self.recognizers)
        return [by_group[s] if s >= 0 else None for s in self._slot]

    def busy(self, text: str) -> list[int] | None:
        """The positions of the recognizers not known idle on ``text``, ascending: those the
        plan finds busy, and those it has no verdict for (:attr:`asked`, which the caller
        asks); None where it has no verdicts (every recognizer is asked). A prompt's caller
        then goes over its ~60 of ~220 recognizers instead of all of them."""
        by_group = self._by_group(text)
        if by_group is None:
            return None
        members = self._members
        return sorted(chain(self.asked, *(members[g] for g, idle in enumerate(by_group)
                                          if not idle)))

    def _by_group(self, text: str) -> list[bool] | None:
        """Each group's verdict on ``text``, or None where the plan has none."""
        per = _text_memo(text)
        if per is None or not patterns.ANCHORED or not self._groups:
            return None
        digits = bool(_digit_runs(text, False))
        hits = _string_hits(text)
        lowered = folded(text) if self._folds else None
        low_hits = _string_hits(lowered) if lowered is not None else None
        heads = context_heads_of(lowered) if lowered is not None else None
        text_found, text_covered = (hits.present(), hits.covered) if hits is not None \
            else (frozenset(), frozenset())
        low_found, low_covered = (low_hits.present(), low_hits.covered) \
            if low_hits is not None else (frozenset(), frozenset())
        by_group: list[bool] = []
        for g in self._groups:
            idle = per.get(g.key)
            if idle is None:
                if g.digits_then_words:
                    idle = not digits or heads is not None and g.heads is not None \
                        and g.heads.isdisjoint(heads)
                elif g.marks_only:
                    idle = not _any_mark(g, text, lowered, text_found, text_covered, low_found,
                                         low_covered)
                else:
                    idle = self._idle(g, text, digits, lowered, heads, text_found,
                                      text_covered, low_found, low_covered)
                per[g.key] = idle
            by_group.append(idle)
        return by_group

    @staticmethod
    def _idle(g: _Group, text: str, digits: bool, lowered: str | None,
              heads: frozenset[str] | None, text_found: frozenset[int],
              text_covered: frozenset[int], low_found: frozenset[int],
              low_covered: frozenset[int]) -> bool:
        """:meth:`PatternRecognizer._idle`, from the text's facts: each of its tests (its
        prefilter, no digit, no anchor, no required word) is a function of the text alone,
        so the cheap ones are asked first."""
        if g.on_digits and not digits:
            return True
        if g.by_anchors and not g.always and not (g.digit_kind and digits) \
                and not _any_mark(g, text, lowered, text_found, text_covered, low_found,
                                  low_covered) \
                and not any(a in text for a in g.ats) \
                and not any(map(_any_match, g.other_kinds, repeat(text), repeat(lowered))):
            return True
        if g.heads is not None and heads is not None and g.heads.isdisjoint(heads):
            return True
        prefilter = g.recognizer._prefilter
        return prefilter is not None and not prefilter(text)


def _any_match(scan: Scan, text: str, lowered: str | None) -> bool:
    """:meth:`Scan.any_anchor` of a scan whose mark is not a set of strings: whether the mark
    matches anywhere, from the list of its matches the scan itself reads when it runs (one
    search instead cost a ~1 KB text 0.6 M instructions more: the list was made too)."""
    mark = scan.mark
    if mark is None or scan.line_start or scan.fold and lowered is None:
        return scan.any_anchor(text)  # (a line start is always there)
    return bool(_marks(mark, lowered if scan.fold else text))  # type: ignore[arg-type]


def _any_mark(g: _Group, text: str, lowered: str | None, text_found: frozenset[int],
              text_covered: frozenset[int], low_found: frozenset[int],
              low_covered: frozenset[int]) -> bool:
    """Whether a mark of ``g`` may have an anchor in ``text``: none where the text's one
    pass read for its strings and found none (most marks of most texts)."""
    if g.text_slots.isdisjoint(text_found) and g.text_slots <= text_covered and (
            not g.folded_slots or lowered is not None and g.folded_slots.isdisjoint(low_found)
            and g.folded_slots <= low_covered):
        return False
    for slot, fold, scan in g.slot_scans:
        found, covered = (low_found, low_covered) if fold else (text_found, text_covered)
        # (its strings occur, or were not read for: the guards or the mark itself decide)
        if (fold and lowered is None or slot in found or slot not in covered) \
                and scan.any_anchor(text):
            return True
    return False
