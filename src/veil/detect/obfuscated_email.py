"""E-mail addresses written to get past a filter: ``jane [at] example [dot] com``,
``jane.doe(at)example.org``, ``jane dot doe at example dot com``, ``jane@example[.]com``.

People write them so in forums, signatures and pasted threads, and a caller who wants a value
past the mask writes them so on purpose; a model reads them back as the address. A match is an
address once its "at" and "dots" are put back (:func:`is_obfuscated_email`), and only one that
a plain address pattern would not find: the regular e-mail recognizer keeps those.

An address at a webmail provider may leave out the host's top-level name ("jane.doe at gmail"):
the provider's name says it, and a local part with a dot, "_" or a digit says it is an address.

Addresses pasted from HTML, URLs or source code carry their "@" and dots encoded
(``jane%40example.com``, ``jane&#64;example.com``, ``jane&commat;example.com``,
``jane\\u0040example.com``): the plain recognizer sees no "@", and a bare host pattern masked
only the domain, so the local part went out. Those are found at the encoded "@".

The words "at" and "dot" alone are prose ("look at example.com", "meet at noon"), so an
address spelled with the word "at" also needs a "dot" spelled out or bracketed, and its last
label must be a top-level domain people write as hosts (:mod:`veil.detect.domains`); a
bracketed one's, any top-level domain. An address is not followed by another "at" and a domain
("email me at jane dot doe at example dot com" is the address after "me at"). The regex is
tried only just before a spelled "at" or "dot", which every match holds.
"""

from __future__ import annotations

import re

from veil.detect.domains import host_tld, top_level_domains
from veil.detect.patterns import Pattern, PatternRecognizer
from veil.detect.validators import is_email

_OPEN, _CLOSE = r"[\[\(\{<]", r"[\]\)\}>]"
#: a word of the local part, between its dots (no dot or space inside)
_WORD = r"[A-Za-z0-9](?:[A-Za-z0-9_%+-]{0,62}[A-Za-z0-9])?"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
# spaces and tabs only: an address does not run over a line break
# (a dot or an "@" with spaces around it, "jane . doe @ gmail . com", counts as spelled: the
# plain pattern reads no address across the spaces)
_SPELLED_DOT = (rf"(?:[ \t]*{_OPEN}[ \t]*(?:dot|\.)[ \t]*{_CLOSE}[ \t]*|[ \t]+dot[ \t]+|"
                r"[ \t]+\.[ \t]+)")
_SPELLED_AT = (rf"(?:[ \t]*{_OPEN}[ \t]*(?:at|@)[ \t]*{_CLOSE}[ \t]*|[ \t]+at[ \t]+|"
               r"[ \t]+@[ \t]*|@[ \t]+|@[ \t]*\r?\n[ \t]*)")
_DOT = rf"(?:\.|{_SPELLED_DOT})"
_AT = rf"(?:[ \t]*@[ \t]*(?:\r?\n[ \t]*)?|{_SPELLED_AT})"
#: the address: its local part, "at", domain and top-level name; each spelled "at" or "dot"
#: sets a group, and a match without one (a plain address) is refused by the regex itself, so
#: that every match holds a spelled one (the scan starts there)
_ADDRESS = (
    rf"(?<![\w.+%@-]){_WORD}(?:(?:\.|(?P<local_dot>{_SPELLED_DOT})){_WORD}){{0,4}}"
    rf"(?:[ \t]*@[ \t]*|(?P<at>{_SPELLED_AT})){_LABEL}"
    rf"(?:(?:\.|(?P<domain_dot>{_SPELLED_DOT})){_LABEL}){{0,4}}"
    rf"(?:\.|(?P<last_dot>{_SPELLED_DOT}))[a-z]{{2,24}}"
    # not followed by another "at" and domain: "me at jane dot doe" of "... at example dot com"
    rf"(?![\w@-]|{_AT}{_LABEL}{_DOT})"
    r"(?(local_dot)|(?(at)|(?(domain_dot)|(?(last_dot)|(?!)))))"
)

#: an "@" and a dot as URLs, HTML (numeric and named references) and string escapes write them
_ENCODED_AT = r"(?:%40|&#0*64;|&#x0*40;|&commat;|\\u0040|\\x40)"
_ENCODED_DOT = r"(?:%2e|&#0*46;|&#x0*2e;|&period;|\\u002e|\\x2e)"
_EDOT = rf"(?:\.|{_ENCODED_DOT})"
#: an address whose "@" is encoded (its dots may be too); the scan starts at the "@"
_ENCODED = (
    rf"(?<![\w.+%@&;\\-]){_WORD}(?:{_EDOT}{_WORD}){{0,4}}{_ENCODED_AT}"
    rf"{_LABEL}(?:{_EDOT}{_LABEL}){{0,4}}{_EDOT}[a-z]{{2,24}}(?![\w@-])"
)

#: webmail providers whose name alone, after "at", says the host ("jane.doe at gmail")
_WEBMAIL = (r"gmail|googlemail|yahoo|hotmail|outlook|icloud|aol|protonmail|proton|gmx|yandex|"
            r"zoho|fastmail|tutanota")
#: an address of one of them: a local part with a dot, "_" or a digit ("jane at gmail" may be
#: where Jane works), "at" spelled or not, the provider's name without its top-level one
_WEBMAIL_ADDRESS = (rf"(?<![\w.+%@-])(?=[\w.+-]*[._0-9])[A-Za-z0-9][\w.+-]{{0,62}}[A-Za-z0-9]"
                    rf"[ \t]+(?:at|@)[ \t]+(?:{_WEBMAIL})(?![\w@-]|\.\w|[ \t]+dot\b)")
_WEBMAIL_ONLY = re.compile(rf"[^@\s]+@(?:{_WEBMAIL})", re.IGNORECASE)

_BRACKETED = re.compile(rf"{_OPEN}[ \t]*(?:at|dot|@|\.)[ \t]*{_CLOSE}", re.IGNORECASE)
_AS_DOT = re.compile(_SPELLED_DOT, re.IGNORECASE)
_AS_AT = re.compile(_AT, re.IGNORECASE)
_WORD_DOT = re.compile(r"[ \t]dot[ \t]|[ \t]\.[ \t]", re.IGNORECASE)
_AS_PLAIN = {"at": re.compile(_ENCODED_AT, re.IGNORECASE), "dot": re.compile(_ENCODED_DOT,
                                                                            re.IGNORECASE)}


def plain_address(value: str) -> str | None:
    """The address ``value`` spells, its "at" and "dots" put back (None: not one "at")."""
    if "%" in value or "&" in value or "\\" in value:
        value = _AS_PLAIN["dot"].sub(".", _AS_PLAIN["at"].sub("@", value))
    parts = _AS_AT.split(_AS_DOT.sub(".", value))
    return f"{parts[0]}@{parts[1]}" if len(parts) == 2 else None


def is_obfuscated_email(value: str) -> bool:
    """Whether ``value`` is an address spelled to dodge a filter: valid once put back, not
    written plainly, and, spelled with words alone, a "dot" word and a common top-level name."""
    address = plain_address(value)
    if address is not None and _WEBMAIL_ONLY.fullmatch(address) is not None:
        return is_email(f"{address}.com")  # "jane.doe at gmail": the provider names the host
    if address is None or address == value or not is_email(address):
        return False
    if _AS_PLAIN["at"].search(value):
        return True  # an encoded "@" is nobody's prose
    tld = address.rsplit(".", 1)[-1].lower()
    if "@" in value:  # spaced out: matrix products in code ("w @ x.reshape") end in no host
        return host_tld(tld)
    bracketed = _BRACKETED.search(value) is not None
    if not bracketed and _WORD_DOT.search(value) is None:
        return False  # "jane at example.com": "look at example.com" is prose as often
    return tld in top_level_domains() if bracketed else host_tld(tld)


OBFUSCATED_EMAIL = PatternRecognizer(
    name="obfuscated_email", entity="EMAIL",
    # tried just before each spelled "at" or "dot": the first of them in a match has at most
    # three runs of spaces before it ("jane.doe @ example [dot] com")
    patterns=[Pattern(rf"(?i:{_ADDRESS})", 0.9,
                      # (written so that an automaton finds the strings they start with)
                      mark=rf"{_OPEN}(?:at|dot|@|\.)|{_OPEN}[ \t]|[ \t](?:at|dot|\.)[ \t]|"
                      r"[ \t]@|@[ \t\r\n]",
                      fold=True, words=3),
              Pattern(rf"(?i:{_ENCODED})", 0.9, mark=r"%40|&#0*64;|&#x0*40;|&commat;|"
                      r"\\u0040|\\x40", fold=True, lead=64, spaced=False),
              # tried at the provider's name: two runs of spaces before it ("x at gmail")
              Pattern(rf"(?i:{_WEBMAIL_ADDRESS})", 0.85, mark=_WEBMAIL, fold=True, words=2)],
    validate=is_obfuscated_email,
)
