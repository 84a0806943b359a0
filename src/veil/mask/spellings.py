"""Other spellings of a pseudonym or synthetic value that LLMs write, each with the original
spelled the same way.

A model that read "Kristi Bernard", "+1 410-209-1580" or "2025-07-22" in a prompt answers with
"K. Bernard", "(410) 209-1580", "July 22, 2025" or "your card ending in 8399". Each spelling
here is derived from the replacement alone, and the original is written in the same form
("K. Brennan", "(415) 555-0142", "March 5, 2024", "ending in 1111"), so the user reads their
own value in the model's wording. The restorer keeps a spelling only while it maps to one
original of the session (two values whose spellings coincide restore neither).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from datetime import date, datetime

from veil.mask.names import parse_name
from veil.mask.synthetic import DATE_FORMATS

_MONTHS = {
    "en": "January February March April May June July August September October November "
          "December",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre "
          "décembre",
}
_WEEKDAYS = {
    "en": "Monday Tuesday Wednesday Thursday Friday Saturday Sunday",
    "de": "Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag",
    "fr": "lundi mardi mercredi jeudi vendredi samedi dimanche",
}
_M = {k: v.split() for k, v in _MONTHS.items()}
_W = {k: v.split() for k, v in _WEEKDAYS.items()}

def _ordinal(d: int) -> str:
    return "th" if 11 <= d % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")


def _date_forms(x: date) -> list[str]:
    """``x`` written the ways answers write dates (English, German, French; numeric)."""
    y, m, d = x.year, x.month, x.day
    en, de, fr = _M["en"][m - 1], _M["de"][m - 1], _M["fr"][m - 1]
    wen, wde, wfr = (_W[k][x.weekday()] for k in ("en", "de", "fr"))
    o = _ordinal(d)
    dfr = "1er" if d == 1 else str(d)
    return [
        f"{y:04d}-{m:02d}-{d:02d}", f"{y:04d}/{m:02d}/{d:02d}",
        f"{d:02d}/{m:02d}/{y}", f"{m:02d}/{d:02d}/{y}", f"{d}/{m}/{y}", f"{m}/{d}/{y}",
        f"{d:02d}.{m:02d}.{y}", f"{d}.{m}.{y}",
        f"{en} {d}, {y}", f"{en} {d} {y}", f"{en[:3]} {d}, {y}", f"{en[:3]}. {d}, {y}",
        f"{d} {en} {y}", f"{d} {en[:3]} {y}", f"{en} {d}{o}, {y}", f"{d}{o} {en} {y}",
        f"{d}{o} of {en} {y}", f"{wen}, {en} {d}, {y}", f"{wen}, {d} {en} {y}",
        f"{wen}, {en} {d}{o}, {y}",
        f"{d}. {de} {y}", f"{wde}, {d}. {de} {y}", f"{wde}, den {d}. {de} {y}",
        f"{dfr} {fr} {y}", f"{wfr} {dfr} {fr} {y}",
    ]


def _dates(replacement: str, original: str) -> Iterator[tuple[str, str]]:
    for fmt in DATE_FORMATS:  # the first that reads the original, as the synthetic operator
        try:
            o = datetime.strptime(original.strip(), fmt).date()
        except ValueError:
            continue
        try:
            r = datetime.strptime(replacement.strip(), fmt).date()
        except ValueError:
            return
        yield from zip(_date_forms(r), _date_forms(o), strict=True)
        return


_CC = re.compile(r"\+(\d{1,3})[\s\-.]*")


def _phones(replacement: str, original: str) -> Iterator[tuple[str, str]]:
    """Without the country code both share ("+1 410-209-1580" -> "410-209-1580"), or the
    parentheses that open them ("(410) 209-1580" -> "410) 209-1580", which the restorer's
    digit matching reads as "410-209-1580")."""
    r, o = _CC.match(replacement), _CC.match(original)
    if r and o and r.group(1) == o.group(1):
        yield replacement[r.end():], original[o.end():]
    if replacement.startswith("(") and original.startswith("("):
        yield replacement[1:], original[1:]


_LAST4_MASKS = ("**** **** **** ", "**** ", "****", "•••• ", "XXXX-XXXX-XXXX-",
                "XXXX XXXX XXXX ", "ending in ", "ends in ", "ending with ")
_SSN_MASKS = ("***-**-", "XXX-XX-", "ending in ")


def _last_four(etype: str, replacement: str, original: str) -> Iterator[tuple[str, str]]:
    """The last four digits shown alone, after masking characters or "ending in"."""
    rd = "".join(c for c in replacement if c.isdigit())
    od = "".join(c for c in original if c.isdigit())
    if len(rd) < 8 or len(od) < 8:
        return
    masks = _SSN_MASKS if etype == "US_SSN" else _LAST4_MASKS
    for mask in masks:
        yield mask + rd[-4:], mask + od[-4:]


def _initials(replacement: str, original: str) -> Iterator[tuple[str, str]]:
    """A given name cut to its initial ("K. Bernard") or a family name ("Kristi B.")."""
    rp, op = parse_name(replacement), parse_name(original)
    if len(rp.order) != len(op.order) or len(rp.order) < 2:
        return

    def word(s: str, spans: tuple[tuple[int, int], ...], i: int) -> str:
        return s[spans[i][0]:spans[i][1]]

    rf, rl = word(replacement, rp.spans, rp.order[0]), word(replacement, rp.spans, rp.order[-1])
    of, ol = word(original, op.spans, op.order[0]), word(original, op.spans, op.order[-1])
    if min(map(len, (rf, rl, of, ol))) < 2:
        return  # a name with an initial already
    yield f"{rf[0]}. {rl}", f"{of[0]}. {ol}"
    yield f"{rf} {rl[0]}.", f"{of} {ol[0]}."


_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})
#: Latin letters that decomposing leaves as they are
_LETTERS = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "Ae", "ø": "o", "Ø": "O", "œ": "oe",
                          "Œ": "Oe", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i"})


def ascii_forms(text: str) -> list[str]:
    """``text`` as models write it without its accents: stripped ("Jurgen Giess") and with
    German umlauts spelled out ("Juergen Giess"); empty when ``text`` is ASCII or has letters
    with no Latin base (another script)."""
    if text.isascii():
        return []
    out: list[str] = []
    for spelled in (text, text.translate(_UMLAUTS)):
        decomposed = unicodedata.normalize("NFKD", spelled)
        bare = "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_LETTERS)
        if bare.isascii() and bare not in out:
            out.append(bare)
    return out


#: Types whose digit grouping is only layout: a replacement's digits may come back regrouped
#: ("(410) 209-1580", "+14102091580", "4569090325978399"). Not addresses, dates or versions,
#: where "10.20.30.40" and "10.203.0.40" are two values.
REGROUPED = frozenset({
    "PHONE", "CREDIT_CARD", "IBAN", "US_SSN", "ACCOUNT_NUMBER", "US_ITIN", "US_EIN", "CA_SIN",
    "UK_NHS", "NL_BSN", "IN_AADHAAR", "ABA_ROUTING", "BR_CPF", "BR_CNPJ", "AU_TFN", "FR_NIR",
    "DE_TAX_ID", "PL_PESEL", "NATIONAL_ID", "MEDICAL_RECORD",
})

_BY_TYPE: dict[str, Callable[[str, str], Iterator[tuple[str, str]]]] = {
    "PERSON": _initials,
    "PHONE": _phones,
    "DATE_TIME": _dates,
    "DATE_OF_BIRTH": _dates,
}


def alternates(entity_type: str, replacement: str, original: str) -> list[tuple[str, str]]:
    """(spelling of ``replacement``, ``original`` spelled alike) pairs, other than the
    replacement itself; empty for most values."""
    out: list[tuple[str, str]] = []
    make = _BY_TYPE.get(entity_type)
    if make is not None:
        out += make(replacement, original)
    if entity_type in ("CREDIT_CARD", "US_SSN", "IBAN", "ACCOUNT_NUMBER"):
        out += _last_four(entity_type, replacement, original)
    if entity_type in ("PERSON", "LOCATION", "ORGANIZATION"):
        # each spelling, and the replacement itself, without accents ("K. Giess" too)
        out += [(form, o) for a, o in [(replacement, original), *out] for form in ascii_forms(a)]
    # the first of two layouts that read alike wins ("May" is its own abbreviation)
    # (lower case, not casefolded: "Gießmann" and "Giessmann" are two patterns)
    seen = {replacement.lower()}
    kept = []
    for a, o in out:
        if a.strip() and o.strip() and a.lower() not in seen:
            seen.add(a.lower())
            kept.append((a, o))
    return kept


__all__ = ["REGROUPED", "alternates", "ascii_forms"]
