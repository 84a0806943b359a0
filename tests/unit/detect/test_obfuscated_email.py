"""Addresses spelled to get past a filter are found, masked and restored; prose with "at" and
"dot" is left alone; the scan that starts at the spelled "at"/"dot" finds what a full scan of
the text finds."""

from __future__ import annotations

import pytest

from veil import Veil
from veil.config import Policy, Settings
from veil.detect.engine import DetectionEngine
from veil.detect.obfuscated_email import OBFUSCATED_EMAIL, is_obfuscated_email, plain_address

from .scans import assert_anchored_equals_full


@pytest.fixture(scope="module")
def engine() -> DetectionEngine:
    return DetectionEngine(Policy(ner=False))


def _emails(engine: DetectionEngine, text: str) -> list[str]:
    return [d.text for d in engine.analyze(text) if d.type == "EMAIL"]


@pytest.mark.parametrize(("text", "address"), [
    ("write to jane.doe(at)example.org please", "jane.doe(at)example.org"),
    ("JANE [AT] EXAMPLE [DOT] COM", "JANE [AT] EXAMPLE [DOT] COM"),
    ("jane dot doe at gmail dot com", "jane dot doe at gmail dot com"),
    # the address after "me at", not "me at jane dot doe"
    ("email me at jane dot doe at gmail dot com", "jane dot doe at gmail dot com"),
    ("jane {at} mail {dot} example {dot} co {dot} uk",
     "jane {at} mail {dot} example {dot} co {dot} uk"),
    ("reach me: bob <at> corp <dot> io", "bob <at> corp <dot> io"),
    ("jane @ example [.] com", "jane @ example [.] com"),
    ("jane[@]example.com", "jane[@]example.com"),
    ("contact jane (at) example (dot) com at any time", "jane (at) example (dot) com"),
    ("write jane at example dot com at your convenience", "jane at example dot com"),
    # encoded as URLs, HTML and string escapes write an "@" and dots
    ("email: jane%40example.com", "jane%40example.com"),
    ("mailto:jane.doe%40example%2Eorg", "jane.doe%40example%2Eorg"),
    ("write to jane&#64;example.com today", "jane&#64;example.com"),
    ("write to JANE&#X40;EXAMPLE.COM", "JANE&#X40;EXAMPLE.COM"),
    ("to jane&commat;mail&period;example&period;org", "jane&commat;mail&period;example&period;org"),
    ('var e = "jane\\u0040example.com";', "jane\\u0040example.com"),
    ("b'jane\\x40example.co.uk'", "jane\\x40example.co.uk"),
    # a webmail provider's name alone says the host
    ("email me: jane.doe at gmail", "jane.doe at gmail"),
    ("reach j_smith84 @ yahoo anytime", "j_smith84 @ yahoo"),
    # an "@" or dots with spaces around them
    ("jane . doe @ gmail . com", "jane . doe @ gmail . com"),
    ("write jane.doe @ example.org today", "jane.doe @ example.org"),
    ("jane.doe@ example.com", "jane.doe@ example.com"),
    ("jane . doe at gmail . com", "jane . doe at gmail . com"),
    ("email: jane.doe@\nexample.com", "jane.doe@\nexample.com"),  # broken at the "@"
])
def test_a_spelled_address_is_found(engine: DetectionEngine, text: str, address: str) -> None:
    assert _emails(engine, text) == [address]


@pytest.mark.parametrize("text", [
    "look at example.com for details",  # "at" spelled, "dot" not: prose as often
    "I'm at home dot",
    "array[at] index (dot) product",  # no top-level domain
    "the cat sat at the mat dot com and more",
    "jane at example dot c",
    "x at y dot z",
    "Call me at 555 dot 1234",
    "see foo.bar(at)baz",
    "100%40 of cases",  # an encoded "@" with no domain after it
    "jane%40example",
    "a&#64;b.c",  # one-letter top-level name
    "meet jane at google tomorrow",  # no webmail provider, no dot
    "ask jane at gmail headquarters",  # a plain word: where Jane works
    # matrix products in code: no host's top-level name after the "@"
    "out = weights @ inputs.reshape(3)",
    "z = self.proj @ hidden.transpose(0, 1)",
    "loss = a @ b.sum",
    "I met him . He said hi",
    "meet @ noon. See you",
])
def test_prose_and_code_are_not_addresses(engine: DetectionEngine, text: str) -> None:
    assert _emails(engine, text) == []


def test_a_plain_address_stays_with_the_email_recognizer(engine: DetectionEngine) -> None:
    (d,) = engine.analyze("a.b@c.com is plain")
    assert (d.text, d.recognizer) == ("a.b@c.com", "email")
    assert not is_obfuscated_email("a.b@c.com")
    assert plain_address("jane dot doe [at] example (.) org") == "jane.doe@example.org"
    assert plain_address("jane.doe%40example%2eorg") == "jane.doe@example.org"
    assert plain_address("jane&#x40;example&#46;org") == "jane@example.org"


@pytest.mark.parametrize("op", ["placeholder", "pseudonym", "synthetic"])
def test_a_spelled_address_is_masked_and_restored(tmp_path, op: str) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(home=tmp_path, master_key="Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmE=")
    v = Veil(settings, policy=Policy(ner=False, default_operator=op))
    text = ("write jane dot doe at example dot com or bob [at] corp [dot] io or "
            "ann%40corp.io")
    r = v.protect(text, session="s")
    a, b, c = r.entities  # compared whole: a generated address may hold "jane" itself
    assert (a.type, b.type, c.type) == ("EMAIL", "EMAIL", "EMAIL")
    assert r.masked == f"write {a.replacement} or {b.replacement} or {c.replacement}"
    assert v.restore(r.masked, session="s") == text


_PIECES = ("jane", "doe", "example", "com", "org", "io", "uk", "co", "mail", "x", "1a", "a-b",
           "at", "dot", "AT", "DOT", "[at]", "(at)", "{at}", "<at>", "[dot]", "(dot)", "[.]",
           "(.)", "[@]", "@", ".", "..", "[", "]", "(", ")", "a_b%c+d", "é", "-")
_GLUE = (" ", " ", "", "", "  ", "\t", "\n", " dot ", " at ", ".", "@", " . ", " @ ", "@ ", "@\n")
_ENCODED_PIECES = ("jane", "doe", "example.com", "com", "org", "io", "x", "1a", "a-b",
                   "a_b%c+d", "é", "%40", "%2E", "&#64;", "&#X40;", "&#0064;", "&commat;",
                   "&period;", "&#46;", "\\u0040", "\\x40", "%", "&", ";", "\\", "@", ".",
                   "jane%40", "doe&#64;", "x\\u0040")
_ENCODED_GLUE = ("", "", "", "", ".", ".", " ", "%40", "&#64;", "%2e", "-", "\n")


def test_the_scan_from_spelled_marks_equals_the_full_scan() -> None:
    spelled, encoded, webmail = (scan for scan, _score, _check in OBFUSCATED_EMAIL._compiled)
    assert_anchored_equals_full(spelled, _PIECES, _GLUE, seed=60)
    assert_anchored_equals_full(encoded, _ENCODED_PIECES, _ENCODED_GLUE, seed=60, texts=8000)
    assert_anchored_equals_full(webmail, ("jane.doe", "j_1", "jane", "at", "AT", "@", "gmail",
                                          "Yahoo", "gmail.com", "x", ".", "dot", "-", "é"),
                                (" ", " ", "", "\t", "\n", "."), seed=60, least=25)
