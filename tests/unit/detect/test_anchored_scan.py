"""Patterns tried only near digit runs or a literal (``Pattern.lead``, ``anchor``, ``at``)
find exactly what a scan of every position finds: the same spans in the same order, on
generated texts built to stress the boundaries (digits of every script, weekdays, months,
street words, secrets' prefixes, runs of spaces) and on the repository's corpora, recognizer by
recognizer and through the engine."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator

import phonenumbers
import pytest
from phonenumbers import Leniency, NumberParseException, PhoneNumberMatcher

from veil.config import Policy
from veil.detect import patterns
from veil.detect import phone as phone_module
from veil.detect.builtin import builtin_recognizers
from veil.detect.engine import DetectionEngine
from veil.detect.entity import Detection
from veil.detect.lexicon import ADDRESS_AFTER_NUMBER
from veil.detect.normalize import (
    _ASCII_CONTROL,
    _SPECIAL,
    NormalizedText,
    _folds,
    _kind,
    _line_joins,
    _map_char,
    _unescape,
    ascii_prototype,
    normalize,
)
from veil.detect.patterns import Pattern, PatternRecognizer, Scan
from veil.detect.phone import LANGUAGE_REGIONS, PhoneRecognizer

_TOKENS = (
    # digits and number shapes, ASCII and not (Arabic-Indic, full-width, Devanagari)
    "7", "15", "03", "2024", "1999", "31", "415", "555", "0100", "12345", "0612345678",
    "٣", "١٢", "１２", "२०२४", "4B", "1st", "2nd", "3rd", "15th", "1er", "15.", "12:30",
    "123-45-6789", "123 45 6789", "ABCPD1234E", "11010119900307123X", "123.456.789-09",
    "12.345.678/0001-95", "192.168.0.1", "10.0.0.1/24", "AB 12 34 56 C", "X1234567L",
    # secrets, addresses and wallets that start with a literal
    "ghp_" + "a1B2" * 9, "github_pat_" + "x_Y1" * 6, "glpat-" + "ab-1" * 5, "xoxb-12ab-" * 2,
    "sk_live_" + "Ab1x" * 4, "AIza" + "Sy_-" * 9, "sk-proj-" + "Ab_1" * 5, "hf_" + "aB1x" * 8,
    "SG." + "ab_1" * 4 + "." + "cD-2" * 4, "eyJhbGciOiJIUzI1.eyJzdWIiOiIx.c2lnbmF0dXJl",
    "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----",
    # a key's opening and closing lines apart (a closing line before, after, or none)
    "-----BEGIN EC PRIVATE KEY-----", "-----END EC PRIVATE KEY-----", "-----END PRIVATE KEY---",
    "postgres://admin:", "@db.internal:5432", "p@ss",
    # a JWT's first segment inside a longer run of base64url, or after a letter
    "eyJ", "eyJ-", "xeyJ", "eyJhbGciOiJIUzI1", ".eyJzdWIiOiIx", ".c2lnbmF0dXJl", "token=token=",
    "AKIAIOSFODNN7EXAMPLE", "A3TX", "https://example.com/a?b=1", "HTTP://x.org", "sftp://h",
    "://", "GB82WEST12345698765432", "de89370400440532013000", "bc1qar0srrr7xfkvy5l643lydnw9re",
    "1BoatSLRHtKNngkdXEeobR76b53LETtpyT", "0x" + "a1" * 20,
    # separators that number patterns accept or refuse
    "-", "/", ".", ":", "(", ")", "+", "#", ",", "x", "ext.", "+44", "00", "(0)",
    # dates and their words, any case
    "March", "mar", "MAI", "septiembre", "setiembre", "décembre", "Mär", "März", "de", "del",
    "of", "Monday", "thursnesday", "Mittwoch", "miércoles", "dimanche", "le", "am",
    "年", "月", "日", "号", "T",
    # street words and units
    "Baker", "Street", "St.", "Ave", "Lane", "Hauptstraße", "Linzer", "Strasse", "utca", "rue",
    "Via", "Roma", "Apt", "Apt.", "Suite", "P.O.", "Box", "Unit", "N", "NW", "CA",
    "PSC", "CMR", "USS", "USCGC", "USNS", "Conway", "APO", "FPO", "DPO", "AA", "AE", "AP",
    "Flat", "building", "BLOCK", "Shibuya-ku", "-ku", "Meguro-KU", "-shi", "1-2-3", "Tokyo",
    "〒", "3º", "m.", "WA", "TX",
    # e-mail, domains, IPv6 and MAC addresses (anchored on "@", ".", ":" and "-")
    "jane.doe@example.com", "a@b.co", "x@", "@example.org", "ü@bücher.de", "mail.example.co.uk",
    "bücher.de", "xn--bcher-kva.de", "e.g.", "3.5", "U.S.", "a.b.c.d", "...", "..", "x.",
    "fe80::1%eth0", "2001:db8::1", "2001:0db8:85a3:0000:0000:8a2e:0370:7334", "::1", "::",
    ":::", "::ffff:192.168.0.1", "[::1]:8080", "12:30:45", "a:b:c", "std::vector",
    "00:1A:2B:3C:4D:5E", "00-1a-2b-3c-4d-5e", "0a1b.2c3d.4e5f", "00:1A-2B:3C:4D:5E", "ab:cd",
    "www.example.com/path", "WWW.EXAMPLE.ORG", "Www.Ex.com",
    # words found in the text lower-cased (``Pattern.fold``), in every case, and letters whose
    # lower case is longer (the fallback) or that the regex engine folds to ASCII
    "RUE", "PLACE", "Place", "ul.", "AV.", "ALLÉE", "STRASSE", "Hauptstrasse", "KÖRÚT", "İ",
    "ı", "ſ", "ſtrasse", "Rue\tde", "de la", "PASSWORD", "Password=", "token:", "api-key =",
    "client_secret", "is", "hunter2hunter2", "Bearer", "BEARER", "apartment", "SUITE", "ste",
    "RSSMRA85T10A562S", "rssmra85t10a562s", "DL", "A12345", "Z1234567", "12-AB-34",
    # prose
    "call", "phone", "born", "on", "the", "Jane", "é", "_", "@", "a",
)
_SPACES = (" ", " ", " ", "", "", "\t", "\n", "  ", "\u00a0", "\u2003", "\n\n")


def _shape(rng: random.Random) -> str:
    """A date, phone number or street address, each piece optional and spaced at random."""
    def opt(*xs: str) -> str:
        return rng.choice(("", *xs))

    def sp() -> str:
        return rng.choice((" ", " ", "", "  ", "\n", "\t \u00a0"))

    day = rng.choice(("1", "03", "15", "31", "32", "7"))
    year = rng.choice(("2024", "1999", "1875", "24", "2101"))
    month = rng.choice(("March", "mar", "MAI", "septiembre", "Dezember", "déc", "Jan", "May"))
    weekday = opt("Monday", "thursnesday", "Mittwoch", "miércoles", "sat")
    kind = rng.randrange(7)
    if kind == 6:  # identifiers: letter prefixes, digit groups, separators, check letters
        groups = [str(rng.randint(0, 10 ** rng.randint(1, 11))) for _ in range(rng.randint(1, 4))]
        return (f"{opt('AB', 'QQ', 'ABCPD', 'X', 'y', '+', '+86', '0086', 'a')}{opt(' ', '-')}"
                + rng.choice((" ", "-", ".", "/", "", ":")).join(groups)
                + f"{opt('A', 'x', '-12', '.5', '/24')}")
    if kind == 0:
        sep = rng.choice("-/.")
        return rng.choice((f"{year}{sep}{rng.randint(0, 13)}{rng.choice((sep, '-'))}{day}",
                           f"{day}{sep}{rng.randint(0, 13)}{sep}{year}"))
    if kind == 1:
        return (f"{weekday}{opt(',')}{sp() if weekday else ''}{day}{opt('st', 'th', '.', 'er')}"
                f"{sp()}{opt('de ', 'of ')}{month}{opt('.')}{opt(',')}{sp()}{opt('de ')}{year}")
    if kind == 2:
        return (f"{weekday}{opt(',')}{sp() if weekday else ''}{month}{opt('.')}{sp()}{day}"
                f"{opt('st', 'TH', 'nd')}{opt(',')}{sp()}{year}")
    if kind == 3:
        return f"{opt(year + '年')}{rng.randint(0, 13)}{sp()}月{day}{rng.choice('日号')}"
    if kind == 4:
        return (f"{opt('+44', '+1', '00', '(')}{opt('(0)', ' ')}{rng.randint(10, 9999)}"
                f"{rng.choice((' ', '-', '.', ''))}{rng.randint(100, 999999)}"
                f"{opt(' 0100', '-555', ' ext. 12', 'x7')}")
    if rng.random() < 0.25:  # US military mail, pieces optional
        return (f"{rng.choice(('PSC ', 'CMR ', 'Unit ', 'USCGC ', 'USS ', 'psc '))}"
                f"{rng.choice((str(rng.randint(1, 99999)), 'Conway', 'Conway Bay'))}"
                f"{opt(',')}{sp()}{opt('Box ' + str(rng.randint(1, 9999)))}{opt(',')}{sp()}"
                f"{opt('APO', 'FPO', 'DPO', 'XPO')}{sp()}{opt('AA', 'AE', 'AP', 'AB')}{sp()}"
                f"{opt(str(rng.randint(10000, 99999)), str(rng.randint(1, 999999)))}"
                f"{opt('-1234')}")
    if rng.random() < 0.2:  # a Japanese address in Latin letters, pieces optional
        return (f"{opt('1-2-3', '2-11', '4-5-6-7')}{opt(',')}{sp()}{opt('Shibuya', 'Mita,')}{sp()}"
                f"{rng.choice(('Shibuya', 'Minato', 'x'))}{opt('-ku', '-shi', '-KU', '-kun')}"
                f"{opt(',')}{sp()}{opt('Tokyo', 'Osaka-fu')}{sp()}{opt('〒')}"
                f"{opt('150-0002', '1500002', '150-00021')}")
    if rng.random() < 0.2:  # a unit before its street
        return (f"{rng.choice(('Flat ', 'building ', 'Block ', 'Unit'))}{rng.randint(1, 999)}"
                f"{opt(',')}{sp()}{opt('14 ', '221B ')}{opt('Queen', 'Oak')}{sp()}"
                f"{opt('Road', 'Court', 'course')}")
    return (f"{opt('Apt ', 'P.O. Box ', 'Unit 5 Box ')}{rng.randint(1, 99999)}{opt('B')}{sp()}"
            f"{opt('N ', 'Rue ')}{rng.choice(('Baker', 'Linzer', 'Via'))}{sp()}"
            f"{rng.choice(('Street', 'St.', 'Strasse', 'Roma', 'Lane'))}{sp()}{opt('12')}"
            f"{opt(', Apt 4B', ', Springfield', ', CA 94105')}")


def _texts(seed: int, n: int) -> Iterator[str]:
    rng = random.Random(seed)  # fixed seed: the same texts on every run
    for _ in range(n):
        parts: list[str] = []
        for _ in range(rng.randint(1, 30)):
            parts.append(_shape(rng) if rng.random() < 0.3 else rng.choice(_TOKENS))
            parts.append(rng.choice(_SPACES))
        yield "".join(parts)


def _scans() -> list[tuple[str, Scan]]:
    out = [("phone_candidate", phone_module._CANDIDATE)]
    for r in builtin_recognizers():
        if isinstance(r, PatternRecognizer):
            out += [(f"{r.name}[{i}]", scan) for i, (scan, _score, _check)
                    in enumerate(r._compiled)
                    if scan.lead is not None]
    return out


def _spans(ms: Iterator[re.Match[str]]) -> list[tuple[int, int]]:
    return [m.span() for m in ms]


def test_the_date_phone_and_street_patterns_are_anchored() -> None:
    names = {name.split("[")[0] for name, _ in _scans()}
    assert {"phone_candidate", "date_time", "date_of_birth", "street_address", "email",
            "domain", "ip_address", "mac_address", "secret", "url", "it_fiscal_code",
            "passport", "driver_license"} <= names
    # every street shape: the street-first one, the units and P.O. boxes, the one in lower
    # case, the Japanese ones (in Latin letters; in kanji with the Korean one), a unit
    # before its street, a street before its town and UK postcode and a letter's street line
    # above its postcode and town included, and Singapore's blocks and units, India's
    # sectors and numbered plots, and the rural routes
    # (and a British flat in a named building, an address's numbered parts, Colombia's grid)
    assert sum(name.startswith("street_address[") for name, _ in _scans()) == 21


def _glued(rng: random.Random) -> str:
    """Tokens glued without spaces, so that anchors ("@", ".", ":") have long runs of
    non-space characters before them (labels and local parts of every length up to the
    limits, one over)."""
    def word(n: int) -> str:
        return "".join(rng.choice("abcdef0123456789-_.é") for _ in range(n))

    pieces = [word(rng.choice((1, 2, 4, 5, 62, 63, 64, 65))) for _ in range(rng.randint(1, 4))]
    glue = [rng.choice(("@", ".", ":", "::", "-", "@x.", ".de", ".com ", " ", ":ab:", "-0f-"))
            for _ in pieces]
    return "".join(p + g for p, g in zip(pieces, glue, strict=True))


@pytest.mark.parametrize("name", ["email[0]", "domain[0]", "ip_address[1]", "mac_address[0]",
                                  "mac_address[1]", "street_address[1]"])
def test_marks_at_their_limits(name: str) -> None:
    """Local parts of 64 characters, labels of 63, hex groups of 4 and 2, four words before
    the anchor: a declaration one too small misses them."""
    scan = dict(_scans())[name]
    # (texts whose match reaches the limit, texts that must only agree with the full scan)
    at_limit, others = {
        "email[0]": (["a" * 64 + "@example.com", "x " + "é" * 63 + "x@bücher.de"],
                     ["b" * 65 + "@example.com", "(" + "c" * 64 + "@ex.org"]),
        "domain[0]": (["a" * 63 + ".example.com", "x " + "é" * 63 + ".de"],
                      ["b" * 64 + ".de", "(" + "c" * 63 + ".de"]),
        "ip_address[1]": (["abcd:ef01::1", "x abcd:1234:5678::"], ["fe80:0:0:0:0:0:0:1"]),
        "mac_address[0]": (["0a:1b:2c:3d:4e:5f", "x 0A-1B-2C-3D-4E-5F"],
                           ["(0a:1b:2c:3d:4e:5f)"]),
        "mac_address[1]": (["0a1b.2c3d.4e5f", "x 0a1b.2c3d.4e5f"], ["(0a1b.2c3d.4e5f."]),
        "street_address[1]": (["12 Aa Bb Cc Strasse 5", "x 7 Aa Bb Cc Platz 12"],
                              ["Linzer\tStrasse  69", "7 Linzer Haupt Neustraße 12",
                               "during 2020, Spring 5 ring 7"]),
    }[name]
    smaller = Scan.__new__(Scan)  # the same declaration, one character shorter
    for slot in Scan.__slots__:
        if slot != "__weakref__":
            setattr(smaller, slot, getattr(scan, slot))
    if scan.words is not None:
        smaller.words = scan.words - 1
    else:
        smaller.lead = (scan.lead or 0) - 1
    for t in at_limit:
        found = _spans(scan.matches(t))
        assert found == _spans(scan.rx.finditer(t)) != [], t
        assert _spans(smaller.matches(t)) != found, t
    for t in others:
        assert _spans(scan.matches(t)) == _spans(scan.rx.finditer(t)), t
    rng = random.Random(30)
    for _ in range(3000):
        t = _glued(rng)
        assert _spans(scan.matches(t)) == _spans(scan.rx.finditer(t)), t


def test_anchored_scan_equals_the_full_scan_on_generated_texts() -> None:
    scans = _scans()
    texts = list(_texts(26, 400))
    # the generator produces the shapes the patterns look for, not only misses
    assert sum(bool(_spans(scan.rx.finditer(t))) for t in texts for _, scan in scans) > 200
    for t in texts:
        for name, scan in scans:
            assert _spans(scan.matches(t)) == _spans(scan.rx.finditer(t)), (name, t)


def test_anchored_scan_equals_the_full_scan_on_the_corpus(scan_corpus: tuple[str, ...]) -> None:
    scans = _scans()
    for t in scan_corpus:
        for name, scan in scans:
            assert _spans(scan.matches(t)) == _spans(scan.rx.finditer(t)), name


def test_engine_output_is_unchanged_by_anchoring(full_scan: None,
                                                scan_corpus: tuple[str, ...]) -> None:
    engine = DetectionEngine(Policy(ner=False))
    texts = [*scan_corpus[:60], *_texts(27, 60)]
    reference = engine.analyze_batch(texts)
    patterns.ANCHORED = True
    assert engine.analyze_batch(texts) == reference


def _phone_reference(r: PhoneRecognizer, text: str, language: str) -> list[Detection]:
    """The phone recognizer before its scan was anchored and its parses remembered, kept as
    the specification."""
    best: dict[tuple[int, int], float] = {}
    home = LANGUAGE_REGIONS.get(language)
    expected = (*r.expected, home) if home else r.expected

    def keep(s: int, e: int, score: float | None) -> None:
        if score is not None and best.get((s, e), -1.0) < score:
            best[(s, e)] = score

    for cm in phone_module._CANDIDATE.rx.finditer(text):
        cand = cm.group()
        if sum(c.isdigit() for c in cand) < 6:
            continue
        regions = r._regions_for(cand)
        whole = False
        for region in regions:
            try:
                num = phonenumbers.parse(cand, region)
            except NumberParseException:
                continue
            if phonenumbers.is_possible_number(num):
                score = r._score(cand, num)
                if score is None:
                    break
                keep(cm.start(), cm.end(), score)
                whole = True
                if score == r.valid_score:
                    break
        if whole:
            continue
        if (r.context.near(text, cm.start(), cm.end()) and phone_module._GROUPED.fullmatch(cand)
                and not phone_module._NOT_PHONE.search(cand)):
            keep(cm.start(), cm.end(), r.bare_score)
            continue
        lo, hi = max(0, cm.start() - 1), min(len(text), cm.end() + 1)
        for region in regions:
            for m in PhoneNumberMatcher(text[lo:hi], region, leniency=Leniency.POSSIBLE):
                keep(lo + m.start, lo + m.end, r._score(m.raw_string, m.number))
    out: list[Detection] = []
    for (s, e), score in best.items():
        if ADDRESS_AFTER_NUMBER.match(text, e):
            continue
        raw = text[s:e]
        near = r.context.near(text, s, e)
        if not near and raw.isdigit():
            if not (expected and r._expected_valid_now(raw, expected)):
                continue
            score = max(score, r.valid_score)
        elif expected and score < r.valid_score and r._expected_valid_now(raw, expected):
            score = r.valid_score
        if near:
            score = min(0.95, score + r.context_boost)
        out.append(Detection("PHONE", s, e, round(score, 4), r.name, text[s:e]))
    return out


def test_phone_recognizer_equals_its_reference(scan_corpus: tuple[str, ...]) -> None:
    texts = [*scan_corpus[:60], *_texts(28, 100)]
    for regions, language in (((), "en"), (("FR",), "es")):
        r = PhoneRecognizer(expected_regions=regions)
        for _ in range(2):  # cold, then every parse remembered
            for t in texts:
                assert r.analyze_language(t, language) == _phone_reference(r, t, language)


def _folds_reference(text: str, chars: set[str]) -> dict[int, str]:
    """The look-alike folding over the whole text's character classes, kept as the
    specification."""
    table = {ord(c): _kind(c) for c in chars}
    if not any(k in "ST" for k in table.values()):
        return {}
    kinds = text.translate(table)
    if "L" not in kinds and "T" not in kinds:
        return {}
    spans: list[tuple[int, int]] = []
    whole: list[tuple[int, int]] = []
    for m in re.finditer(r"(?<![^ ])[^ ST]*+[ST][^ ]*", kinds):
        tok = m.group()
        if "L" in tok or "T" in tok:
            spans.append(m.span())
        elif "O" not in tok:
            whole.append(m.span())
    if whole and kinds.count("L") + kinds.count("T") > kinds.count("O"):
        # only a token that folds into a word's casing: "Антон" would read "AHToH"
        for s, e in whole:
            protos = [ascii_prototype(c) or c for c in text[s:e]]
            word = "".join(protos)
            digit_like = any(c.isalpha() and p.isdigit() for c, p in zip(text[s:e], protos,
                                                                         strict=True))
            if not digit_like and (word.islower() or word.isupper() or word.istitle()):
                spans.append((s, e))
    out: dict[int, str] = {}
    for s, e in spans:
        for m in re.finditer("[ST]", kinds[s:e]):
            proto = ascii_prototype(text[s + m.start()])
            assert proto is not None
            out[s + m.start()] = proto
    return out


def _normalize_reference(text: str) -> tuple[str, list[int] | None]:
    """The normaliser's former loop over every character, kept as the specification: the view,
    and the original index of each view character (None: the view's own)."""
    if text.isascii() and not _ASCII_CONTROL.search(text):
        return _as_offsets(normalize(text))  # unchanged path
    chars = set(text)
    table = {ord(c): _map_char(c) for c in chars
             if _SPECIAL.match(c)}
    folds = _folds_reference(text, chars)
    assert _folds(text, chars) == folds
    if all(len(v) == 1 for v in table.values()) and all(len(v) == 1 for v in folds.values()):
        view = "".join(folds.get(i) or table.get(ord(c), c) for i, c in enumerate(text))
        if "\\" in view:
            view = _unescape(view)
        return view, None
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        m = folds.get(i)
        if m is None:
            m = ch if ch.isascii() and (ch.isprintable() or ch in "\t\n\r") else table[ord(ch)]
        out.append(m)
        origin.extend([i] * len(m))
    view = "".join(out)
    if "\\" in view:
        view = _unescape(view)
    if view == text:
        return text, None
    return view, origin


def _as_offsets(n: NormalizedText) -> tuple[str, list[int] | None]:
    return n.text, None if n.origin is None else [n.origin[i] for i in range(len(n.text))]


def test_normalize_equals_its_reference(scan_corpus: tuple[str, ...]) -> None:
    rng = random.Random(29)  # fixed seed
    odd = ("\u200b", "\ufeff", "\u00ad", "ﬁ", "ǆ", "а", "е", "ɡ", "Ј", "ӏ", "\x07", "\x7f", "①",
           "１", "²", "\\n", "\\t", "é", "Ω", "ß", "\u2003", "\r", "\t", "…", "™", "[", "]", "-")
    for t in [*_texts(30, 100), *scan_corpus[:30]]:
        pieces = list(t)
        for _ in range(rng.randint(1, 12)):
            pieces.insert(rng.randint(0, len(pieces)), rng.choice(odd))
        mixed = "".join(pieces)
        if _line_joins(mixed):
            continue  # a line break a wrap put inside a word: test_pasted_text's
        assert _as_offsets(normalize(mixed)) == _normalize_reference(mixed)
    # tokens of look-alikes alone, in Latin text and in Cyrillic prose (the letters of the
    # whole text decide), look-alikes inside Latin tokens, spaces of every kind between them
    words = ("Сосо", "рор", "ХОР", "Привет", "мир", "jаne@exаmple.com", "Јоhn", "ɡооɡӏе",
             "Jane", "Doe", "mail", "a", "Ωmega", "x", "Антон", "Нина", "ТОН", "Захар",
             "Мишин's", "O'Вrien")
    for _ in range(300):
        text = "".join(rng.choice(words) + rng.choice((" ", "  ", "\n", "\u00a0", "\u2003", "-"))
                       for _ in range(rng.randint(1, 12)))
        assert _as_offsets(normalize(text)) == _normalize_reference(text)


def test_a_pattern_compiles_when_a_text_can_hold_a_match() -> None:
    """Digit- and literal-anchored regexes compile on first use: a text without a digit (or
    the literal) does not compile them, and finds what the full scan finds once it does."""
    rec = PatternRecognizer(name="t", entity="T", patterns=[
        Pattern(r"(?<!\d)\d{3}-\d{4}(?!\d)", 0.5, re.ASCII, lead=0),
        Pattern(r"\bxo_[a-z]{4}\b", 0.5, lead=3, at="_")])
    digits, literal = (scan for scan, _, _ in rec._compiled)
    assert rec.analyze("no digits here, ٣٤٥-٦٧٨٩ aside") == []
    assert digits._rx is not None and literal._rx is None  # other digits: checked, no match
    rec2 = PatternRecognizer(name="t2", entity="T", patterns=rec.patterns)
    assert rec2.analyze("Call Jane, mail her") == []
    assert all(scan._rx is None for scan, _, _ in rec2._compiled)
    assert [d.text for d in rec2.analyze("call 555-1234 or xo_abcd")] == ["555-1234", "xo_abcd"]


def _secret_scans() -> dict[str, Scan]:
    secret = next(r for r in builtin_recognizers() if r.name == "secret")
    assert isinstance(secret, PatternRecognizer)
    scans = {s.pattern.at: s for s, _, _ in secret._compiled if s.pattern.at}
    (jwt,) = [s for s, _, _ in secret._compiled if s.pattern.runs]
    return {"pem": scans["-----BEGIN "], "password": scans["://"], "jwt": jwt}


def _found_as_the_full_scan(scan: Scan, parts: tuple[str, ...], seed: int, n: int,
                            longest: int) -> int:
    """Texts of up to ``longest`` random ``parts``: the scan's matches are the full scan's.
    Returns how many texts had a match."""
    rng = random.Random(seed)
    found = 0
    for _ in range(n):
        text = "".join(rng.choice(parts) for _ in range(rng.randint(1, longest)))
        want = _spans(scan.rx.finditer(text))
        assert _spans(scan.matches(text)) == want, text
        found += bool(want)
    return found


def test_private_key_blocks_are_found_as_the_full_scan_finds_them() -> None:
    begin, end = "-----BEGIN RSA PRIVATE KEY-----", "-----END RSA PRIVATE KEY-----"
    parts = (begin, end, "-----END RSA KEY-----", "\nMIIB\n", "x", "\n")
    assert _found_as_the_full_scan(_secret_scans()["pem"], parts, 47, 3000, 10) > 500


def _tried(scan: Scan, text: str) -> list[int]:
    """The anchors a scan tries in ``text``."""
    return scan._narrowed(text, scan._anchors(text))


def test_opening_lines_after_the_last_closing_line_are_not_tried() -> None:
    # each would read the rest of the text for a closing line that is not there
    scan = _secret_scans()["pem"]
    begin = "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n"
    assert _tried(scan, begin * 2000) == []
    text = begin + "-----END RSA PRIVATE KEY-----\n" + begin * 3
    assert _tried(scan, text) == [0]
    assert _spans(scan.matches(text)) == [(0, len(begin) + 29)]


def test_a_connection_string_password_of_any_length_is_found() -> None:
    scan = _secret_scans()["password"]
    for n in (1, 40, 5000):
        text = f"postgres://admin:{'p@s' * (n // 3)}{'x' * (n % 3)}@db.internal:5432/app"
        (m,) = scan.matches(text)
        assert len(m.group("v")) == n


def test_connection_strings_are_found_as_the_full_scan_finds_them() -> None:
    parts = ("postgres://", "a://", "://", "admin", ":", "p@ss", "@db.internal:5432", "@", "!",
             " ", "x", "/", "\n", "@h")
    assert _found_as_the_full_scan(_secret_scans()["password"], parts, 49, 4000, 12) > 150


def test_a_scheme_without_an_at_and_host_before_the_next_space_is_not_tried() -> None:
    # each would read the rest of its run of text for an "@" that is not there
    scan = _secret_scans()["password"]
    assert _tried(scan, "a://a:b" * 2000) == []
    assert _tried(scan, "a://a:b" * 3 + " x@host.example") == []  # the "@" after a space
    text = "see a://u:p@db.internal:5432 and b://c:d"
    assert _tried(scan, text) == [5]
    assert [m.group("v") for m in scan.matches(text)] == ["p"]


def test_json_web_tokens_are_found_as_the_full_scan_finds_them() -> None:
    parts = ("eyJ", "eyJhbGciOiJIUzI1", ".eyJzdWIiOiIx", ".c2lnbmF0dXJl", ".", "-", "x", "_",
             " ", "é")
    scan = _secret_scans()["jwt"]
    assert _found_as_the_full_scan(scan, parts, 48, 4000, 14) > 100
    # one try per run of base64url, however many "eyJ" it holds
    assert _tried(scan, "eyJ-" * 1000) == [0]
    assert _tried(scan, "eyJ-" * 3 + " " + "eyJ-" * 3) == [0, 13]


class _Counting:
    """A compiled regex whose match() records where it was tried."""

    def __init__(self, rx: re.Pattern[str]) -> None:
        self.rx = rx
        self.tried: list[int] = []
        self.flags, self.finditer = rx.flags, rx.finditer

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        self.tried.append(pos)
        return self.rx.match(text, pos)


def test_the_anchors_inside_a_match_are_not_tried() -> None:
    scan = Scan(Pattern(r"k=[^ ]+", 0.0, mark="k=", lead=0))
    counting = _Counting(scan.rx)
    scan._rx = counting  # type: ignore[assignment]
    text = "k=" * 1000 + " k=a k"
    assert _spans(scan.matches(text)) == [(0, 2000), (2001, 2004)]
    assert counting.tried == [0, 2001]


def test_a_recognizer_read_at_digit_runs_only_skips_a_text_without_digits(
    full_scan: None, scan_corpus: tuple[str, ...]
) -> None:
    # what the full scan finds in texts without a digit, recognizer by recognizer: nothing for
    # those the anchored path skips whole; some of them are built-ins
    no_digits = [t for t in (*scan_corpus, *_texts(31, 2000)) if not re.search(r"\d", t)]
    assert len(no_digits) > 30
    skipped = [r for r in builtin_recognizers()
               if isinstance(r, PatternRecognizer) and r._on_digits]
    assert {"credit_card", "us_ssn", "iban"} <= {r.name for r in skipped}
    for r in skipped:
        assert all(scan.on_digits for scan, _, _ in r._compiled)
        assert not [d for t in no_digits for d in r.analyze(t)], r.name
    # and a recognizer with any other kind of pattern is read on such a text
    assert not next(r for r in builtin_recognizers()
                    if isinstance(r, PatternRecognizer) and r.name == "email")._on_digits
