"""The people beside the people found: a list's other items, a name's alias in brackets and
a given name before a surname found.

A roster, minutes' attendance or a team sheet lists people one after another ("Present:
Oluwatoyin Bakare, Ramesh Venkataraman, Ingrid Solberg-Haugen"), and the models read most of
them but not every one: a name no list holds, first in the list or last, went upstream beside
its masked neighbours. An engine pass over what was kept (:func:`names_beside`):

- in a run of items joined by commas, semicolons, "and", "or" or "&", with two people found
  at least and no more items left than people found, an item of one to three words in the
  people's case (capitalised, capitals or lower case), each a known name or a word no
  dictionary writes (:func:`veil.detect.unlisted_names.name_like`), is a person too. A list
  of foods, tools or places holds dictionary words, or no two people;
- one or two words in brackets right after a person found, each a known name or, in lower
  case, a word no dictionary writes, are their alias or nickname ("ask Siriporn Wongsawat
  (siriporn)"); an acronym in capitals ("(HR)", "(SAI)", though Sai is a given name) and a
  role in another language ("(Personalchef)") are none;
- a known given name or surname, capitalised, right before a person found whose first word
  is capitalised too, opening its clause, is their given name ("Maricel Dela Cruz (HR)
  approved": the model read "Dela Cruz"; "Summarise ADEBAYO-HART's visits", "Personalchef
  Anna Lindqvist" are an instruction and a title).
"""

from __future__ import annotations

import bisect
import re

from veil.detect.entity import Detection
from veil.detect.unlisted_names import char_before, known_name, name_like

RECOGNIZER = "beside_names"
SCORE = 0.7
#: between two items: a comma or a semicolon (a last "and" after it), or "and", "or", "&"
_SEP = re.compile(r"[ \t]*[,;][ \t]*(?:(?:and|or|&)[ \t]+)?|[ \t]+(?:and|or|&)[ \t]+")
_GAP = re.compile(r"[ \t]+")
#: an item's word: letters, parts joined by a hyphen or an apostrophe
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
#: an item before the list's first person found, ending with its separator
_BEFORE = re.compile(r"(?:^|(?<=[\s:(\[]))(?P<item>[^\W\d_][\w'’-]*(?:[ \t]+[^\W\d_][\w'’-]*)"
                     r"{0,2})(?P<sep>[ \t]*[,;][ \t]*(?:(?:and|or|&)[ \t]+)?|[ \t]+(?:and|or|&)"
                     r"[ \t]+)\Z")
#: what may end the list's last item: the text's or the line's end, a stop, a bracket
_END = frozenset(".;:!?)]\n\r")
#: titles before a listed name ("Dr. Amara Nwachukwu, Prof. Lukas ..."): kept out of the span
_TITLES = frozenset({"dr", "prof", "mr", "mrs", "ms", "mx", "miss", "sir", "dame", "rev"})


def _case(word: str) -> str:
    if word.islower():
        return "lower"
    if word.isupper():
        return "upper" if len(word) > 1 else ""
    return "title" if word[0].isupper() else ""


def _item(text: str, s: int, e: int, case: str) -> tuple[int, int] | None:
    """The name in ``text[s:e]`` (one to three words of ``case``, titles before them left
    out), or None where a word is no name."""
    words = list(_WORD.finditer(text, s, e))
    while words and words[0].group().lower() in _TITLES:
        words.pop(0)
    if not 1 <= len(words) <= 3 or text[words[-1].end():e].strip(" \t"):
        return None
    for w in words:
        word = w.group()
        if _case(word) != case or len(word) < 3 or not name_like(word):
            return None
    return words[0].start(), words[-1].end()


def _after(text: str, pos: int, case: str) -> tuple[int, int] | None:
    """The item that starts at ``pos`` (a separator before it), if it ends where an item
    ends: a separator, a stop or the line's end after it."""
    e = pos
    n = 0
    while n < 3 and (w := _WORD.match(text, e)) is not None:
        if w.group().lower() in _TITLES:  # "Dr. Amara ..."
            e = w.end() + text.startswith(".", w.end())
        elif _case(w.group()) == case:
            e = w.end()
            n += 1
        else:
            break
        gap = _GAP.match(text, e)
        if gap is None or _SEP.match(text, e) is not None:
            break  # the item ends here
        nxt = _WORD.match(text, gap.end())
        if nxt is None or nxt.group().lower() not in _TITLES and _case(nxt.group()) != case:
            break
        e = gap.end()
    if n == 0 or not (e == len(text) or text[e] in _END or _SEP.match(text, e) is not None
                      or text.startswith(" \n", e)):
        return None
    return _item(text, pos, e, case)


def _overlapping(kept: list[Detection], ends: list[int], s: int, e: int) -> list[Detection]:
    """The detections of ``kept`` (sorted, non-overlapping; ``ends`` their ends) that overlap
    ``[s, e)``."""
    out = []
    # (by index, not a slice of the rest: a megabyte's thousands of people copied the list)
    for i in range(bisect.bisect_right(ends, s), len(kept)):
        d = kept[i]
        if d.start >= e:
            break
        out.append(d)
    return out


def names_beside(text: str, kept: list[Detection]) -> list[Detection]:
    """People the detectors left beside the people they found (see the module's docstring);
    ``kept`` is sorted and non-overlapping."""
    people = [d for d in kept if d.type == "PERSON"]
    if not people:
        return []
    ends = [d.end for d in kept]
    out = _aliases(text, kept, ends, people)
    if len(people) > 1:
        out += _list_siblings(text, kept, ends, people)
    return out


#: an alias in brackets: one or two words
_ALIAS = re.compile(r"[ \t]*\([ \t]*([^\W\d_][\w'’-]*(?:[ \t]+[^\W\d_][\w'’-]*)?)[ \t]*\)")
#: a word right before a person found, one space apart
_GIVEN_BEFORE = re.compile(r"(?:^|(?<=[\s(\[\"“'‘]))([^\W\d_][\w'’-]+)[ \t]\Z")


def _aliases(text: str, kept: list[Detection], ends: list[int],
             people: list[Detection]) -> list[Detection]:
    """A found person's alias in brackets after them, and their given name before them."""
    out: list[Detection] = []
    for p in people:
        # (most people have neither: a bracket after them, a word and a space before them)
        m = _ALIAS.match(text, p.end) if "(" in text[p.end:p.end + 3] else None
        if m is not None and not _overlapping(kept, ends, *m.span(1)) and all(
                len(w) > 2 and not w.isupper() and (known_name(w) or w.islower() and name_like(w))
                for w in m.group(1).split()):
            out.append(Detection("PERSON", *m.span(1), SCORE, RECOGNIZER, m.group(1)))
        if not p.text[:1].isupper() or p.start < 4 or text[p.start - 1] not in " \t" or \
                not text[p.start - 2].isalpha():
            continue
        b = _GIVEN_BEFORE.search(text, max(0, p.start - 40), p.start)
        if b is None:
            continue
        word = b.group(1)
        if _case(word) == "title" and _case(p.text.split()[0]) == "title" and \
                word.lower() not in _TITLES and known_name(word) and \
                char_before(text, b.start()) in ".!?;:\n(" and \
                not _overlapping(kept, ends, *b.span(1)):
            out.append(Detection("PERSON", *b.span(1), SCORE, RECOGNIZER, word))
    return out


def _list_siblings(text: str, kept: list[Detection], ends: list[int],
                   people: list[Detection]) -> list[Detection]:
    """The people of a list the detectors left beside two people they found or more."""
    starts = {d.start: d for d in kept}
    out: list[Detection] = []
    done = -1
    for first in people:
        if first.start < done:
            continue
        case = _case(_WORD.findall(first.text)[-1]) if _WORD.search(first.text) else ""
        if not case:
            continue
        found = 1
        new: list[tuple[int, int]] = []
        pos = first.end
        while (sep := _SEP.match(text, pos)) is not None:
            nxt = starts.get(sep.end())
            if nxt is not None:
                found += nxt.type == "PERSON"
                pos = nxt.end
                continue
            span = _after(text, sep.end(), case)
            if span is None:
                break
            held = _overlapping(kept, ends, *span)
            if held:  # a title before a person found ("Prof. <P>")
                found += any(d.type == "PERSON" for d in held)
                pos = max(span[1], held[-1].end)
                continue
            new.append(span)
            pos = span[1]
        done = pos
        # (searched back only where what it adds is kept, two people found, and a
        # separator's last character stands before the name: the search tries 80 starts, and
        # a long text's people are mostly in no list)
        before = _BEFORE.search(text, max(0, first.start - 80), first.start) if found >= 2 and \
            char_before(text, first.start) in ",;dr&" else None
        if before is not None:
            # the words before the name are the sentence's ("We thank <item>, <P> and <P>")
            for w in _WORD.finditer(text, before.start("item"), before.end("item")):
                span = _item(text, w.start(), before.end("item"), case)
                if span is not None:
                    if not _overlapping(kept, ends, *span):
                        new.append(span)
                    break
        if found >= 2 and new and len(new) <= found:
            out.extend(Detection("PERSON", s, e, SCORE, RECOGNIZER, text[s:e]) for s, e in new)
    return out
