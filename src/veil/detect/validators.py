"""Checksum and format validators, delegating to maintained libraries where one exists.

Each returns True/False (or a score) for the matched string; they never raise on bad input.
"""

from __future__ import annotations

import base64
import datetime as dt
import ipaddress
import json
import math
import re
from collections import Counter
from collections.abc import Callable
from typing import Any

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from stdnum import bitcoin, damm, iban, luhn, verhoeff
from stdnum.us import ssn

#: Returns True (valid), False (reject the match) or a float (score to use instead).
Validator = Callable[[str], bool | float]

_NON_DIGIT = re.compile(r"\D")


def digits(value: str) -> str:
    return _NON_DIGIT.sub("", value)


# Private/special-use top-level names (RFC 6761 and common intranet suffixes): email-validator
# rejects them as undeliverable, but an address at corp.local is still personal data.
_PRIVATE_TLDS = frozenset({"local", "localhost", "test", "internal", "intranet", "lan", "corp",
                           "home", "arpa", "invalid", "onion", "localdomain", "private"})
_DOMAIN = re.compile(r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z]{2,24}")


#: An address of the plainest form: a dot-atom local part, labels of letters, digits and
#: inner hyphens, an alphabetic top-level name. Within the length limits (checked beside it)
#: email-validator accepts every such address, or rejects it for a special-use name that the
#: private-name check below then accepts (tests/unit/detect/test_validators.py checks both
#: on generated addresses); it costs 20-70 us, this ~1.
_PLAIN_EMAIL = re.compile(r"[A-Za-z0-9_%+-]+(?:\.[A-Za-z0-9_%+-]+)*"
                          r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}")


def is_email(value: str) -> bool:
    if len(value) <= 254 and _PLAIN_EMAIL.fullmatch(value) is not None:
        local, _, domain = value.rpartition("@")
        # "ab--cd" labels are IDNA's to judge
        if len(local) <= 64 and "--" not in domain:
            return True
    return _checked_email(value)


def _checked_email(value: str) -> bool:
    """:func:`is_email` by email-validator (no DNS), and a private top-level name's address by
    its local part."""
    try:
        # no DNS (offline, fast)
        validate_email(value, check_deliverability=False)
        return True
    except EmailNotValidError:
        pass
    except Exception:  # noqa: BLE001 - idna edge cases; an unparsable address is not an email
        return False
    local, _, domain = value.rpartition("@")
    if domain.rsplit(".", 1)[-1].lower() not in _PRIVATE_TLDS or not _DOMAIN.fullmatch(domain):
        return False
    try:  # check the local part alone
        validate_email(f"{local}@example.com", check_deliverability=False)
    except Exception:  # noqa: BLE001
        return False
    return True


def _consistent_separators(value: str) -> bool:
    seps = {c for c in value if not c.isdigit()}
    return len(seps) <= 1


# Issuer prefixes of the major card networks (first digits): Visa 4, Mastercard 51-55/2221-2720,
# Amex 34/37, Discover/UnionPay 6, Diners 30/36/38, JCB 35/1800/2131, Maestro 50/56-58/6/0604.
_CARD_PREFIX = re.compile(r"^(?:4|5[0-8]|2[2-7]|3[0-8]|6|1800|2131|0604)")


_LINE_BREAK = re.compile(r"[ \t]*\r?\n[ \t]*")


def is_credit_card(value: str) -> bool:
    if "\n" in value:  # a number wrapped over two lines: the break separates nothing
        value = _LINE_BREAK.sub("", value)
    d = digits(value)
    if not 12 <= len(d) <= 19 or not _consistent_separators(value):
        return False
    # UATP cards (airline) are the one 15-digit network starting with 1
    prefix_ok = bool(_CARD_PREFIX.match(d)) or (len(d) == 15 and d[0] == "1")
    return prefix_ok and len(set(d)) >= 2 and luhn.is_valid(d)


def is_iban_shaped(value: str) -> bool:
    """An IBAN but for its check digits: a country's code, and the length and layout of that
    country's account part (a typo in the check digits, a made-up sample)."""
    v = iban.compact(value)
    if len(v) < 5 or not v[:2].isalpha():
        return False
    try:
        fixed = v[:2] + iban.calc_check_digits(v) + v[4:]
    except ValueError:  # a character the check cannot read
        return False
    return iban.is_valid(fixed, check_country=False)


def is_iban(value: str) -> bool:
    """An IBAN whose mod-97 check and per-country layout hold; a bank code the national module
    rejects does not make it less of an account number (test data, new bank codes)."""
    v = value.replace("-", "").replace(" ", "")
    return iban.is_valid(v) or iban.is_valid(v, check_country=False)


def is_us_ssn(value: str) -> bool:
    # area 000/666/9xx, group 00, serial 0000 and known fakes are invalid
    return _consistent_separators(value) and ssn.is_valid(digits(value))


#: check letters of a Singapore NRIC/FIN by series, indexed by the weighted sum modulo 11.
#: ICA gives the M series as "KLJNPQRTUWX"[10 - r] (P = 11 - r, the P-th letter): reversed
#: here, so one lookup serves every series.
_SG_LETTERS = {"S": "JZIHGFEDCBA", "T": "JZIHGFEDCBA", "F": "XWUTRQPNMLK",
               "G": "XWUTRQPNMLK", "M": "KLJNPQRTUWX"[::-1]}
#: added to the weighted sum by series: T (born from 2000), G (FINs from 2000), M (from 2022)
_SG_OFFSET = {"S": 0, "F": 0, "T": 4, "G": 4, "M": 3}


def sg_nric_check_letter(prefix: str, body: str) -> str:
    """The check letter of a Singapore NRIC/FIN with series ``prefix`` and seven digits."""
    total = sum(w * int(d) for w, d in zip((2, 7, 6, 5, 4, 3, 2), body, strict=True))
    return _SG_LETTERS[prefix][(total + _SG_OFFSET[prefix]) % 11]


def is_sg_nric(value: str) -> bool:
    v = value.upper()
    return (len(v) == 9 and v[0] in _SG_LETTERS and v[1:8].isdigit() and v[1:8].isascii()
            and sg_nric_check_letter(v[0], v[1:8]) == v[8])


def is_kr_rrn(value: str) -> bool:
    """A Korean resident registration number's birth date and century/sex digit. Numbers
    issued since October 2020 end in a random digit, so a failed check digit refuses none."""
    d = digits(value)
    if len(d) != 13 or d[6] not in "12345678":
        return False
    year = int(d[:2]) + (1900 if d[6] in "1256" else 2000)
    try:
        born = dt.date(year, int(d[2:4]), int(d[4:6]))
    except ValueError:
        return False
    return born <= dt.date.today()


def is_us_npi(value: str) -> bool:
    """A National Provider Identifier: ten digits starting 1 or 2, Luhn over "80840" and them
    (the ISO card-issuer prefix CMS assigned to US health)."""
    d = digits(value)
    return len(d) == 10 and d[0] in "12" and luhn.is_valid("80840" + d)


def dea_check_digit(body: str) -> str:
    """The check digit of a DEA registration's first six digits."""
    n = [int(c) for c in body]
    return str((n[0] + n[2] + n[4] + 2 * (n[1] + n[3] + n[5])) % 10)


def is_dea(value: str) -> bool:
    """A DEA registration number's check digit (the letters are the pattern's to check)."""
    d = value[2:]
    return len(d) == 7 and d.isdigit() and d.isascii() and dea_check_digit(d[:6]) == d[6]


#: ISO 3166-1 alpha-2 codes, and XK (Kosovo), which SWIFT uses: a BIC's fifth and sixth
#: letters are one of these, which keeps most upper-case eight-letter words out
COUNTRY_CODES = frozenset({
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",
    "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS",
    "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN",
    "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE",
    "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF",
    "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM",
    "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM",
    "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC",
    "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK",
    "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA",
    "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG",
    "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW",
    "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS",
    "ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO",
    "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI",
    "VN", "VU", "WF", "WS", "XK", "YE", "YT", "ZA", "ZM", "ZW"})


def is_swift(value: str) -> bool:
    """A BIC whose country letters are a country's code."""
    return len(value) in (8, 11) and value[4:6] in COUNTRY_CODES


def is_issuable_us_ssn(value: str) -> bool:
    """Nine digits the SSA could issue (area not 000, 666 or 9xx, group not 00, serial not
    0000), published ones (078-05-1120, which stdnum refuses) included."""
    d = digits(value)
    return (len(d) == 9 and d[:3] not in ("000", "666") and d[0] != "9" and d[3:5] != "00"
            and d[5:] != "0000")


def is_glued_card(value: str) -> bool:
    """A card number written against letters ("card4111111111111111exp"): fifteen digits or
    more (EAN-13 and GTIN-14 product codes pass Luhn one time in ten) and
    :func:`is_credit_card`."""
    return len(digits(value)) >= 15 and is_credit_card(value)


def is_valid_phone(value: str) -> bool:
    """A phone number that libphonenumber calls valid (an assigned range, not only a possible
    length): "+14155550143" in any region, a national number in one of the phone
    recognizer's regions."""
    from veil.detect.phone import DEFAULT_REGIONS  # (phone.py imports this module's users)

    regions: tuple[str | None, ...] = (None,) if value.startswith("+") else DEFAULT_REGIONS
    for region in regions:
        try:
            if phonenumbers.is_valid_number(phonenumbers.parse(value, region)):
                return True
        except phonenumbers.NumberParseException:
            continue
    return False


def refine_glued_iban(value: str) -> tuple[int, int] | None:
    """The longest prefix of ``value`` (an IBAN and the capitals glued after it, "DE89...000EXP",
    maybe in groups) that is an IBAN by its checksum and its country's length and layout."""
    for end in range(len(value), 14, -1):
        if value[end - 1] in " -":
            continue
        compact = value[:end].replace(" ", "").replace("-", "")
        if len(compact) <= 34 and iban.is_valid(compact):
            return 0, end
    return None


def is_ip(value: str) -> bool:
    """An IPv4/IPv6 address or CIDR block (``10.0.0.0/8``, ``fe80::1%eth0``, ``::1``)."""
    try:
        addr: ipaddress.IPv4Network | ipaddress.IPv6Network | ipaddress.IPv4Address | \
            ipaddress.IPv6Address = (ipaddress.ip_network(value, strict=False) if "/" in value
                                     else ipaddress.ip_address(value))
    except ValueError:
        return False
    if addr.version == 6:
        # a short fragment ("::2", "a::b") is as often code (slices, C++ scopes); the loopback
        # and unspecified addresses are kept, the pattern only offers them standalone
        return value in ("::", "::1") or sum(c.isalnum() for c in value) >= 4
    return True


def is_mac(value: str) -> bool:
    d = re.sub(r"[^0-9A-Fa-f]", "", value)
    return len(d) == 12 and len(set(d)) > 1 and _consistent_separators_hex(value)


def _consistent_separators_hex(value: str) -> bool:
    return len({c for c in value if not c.isalnum()}) <= 1


# BIP-350: bech32m (taproot, witness v1+) uses this checksum constant instead of bech32's 1.
_BECH32M_CONST = 0x2BC830A3


def is_bitcoin(value: str) -> bool:
    """Base58check and bech32 through stdnum; bech32m (``bc1p...`` taproot) with stdnum's
    bech32 polymod and the BIP-350 constant."""
    if bitcoin.is_valid(value):
        return True
    v = value.lower()
    if not v.startswith(("bc1p", "tb1p")) or not 14 <= len(v) <= 90:
        return False
    alphabet = bitcoin._bech32_alphabet
    if any(c not in alphabet for c in v[3:]):
        return False
    data = [alphabet.index(c) for c in v[3:]]
    return bool(bitcoin.bech32_checksum(bitcoin._expand_hrp(v[:2]) + data) == _BECH32M_CONST)


def shannon_entropy(value: str) -> float:
    """Bits per character of the string's own character distribution."""
    if not value:
        return 0.0
    n = len(value)
    return -sum(c / n * math.log2(c / n) for c in Counter(value).values())


def looks_random(value: str, *, min_entropy: float = 3.3) -> bool:
    """Heuristic for a machine-generated token: long, high entropy, mixed character classes."""
    if len(value) < 16:
        return False
    classes = sum((any(c.islower() for c in value), any(c.isupper() for c in value),
                   any(c.isdigit() for c in value)))
    if classes < 2:
        return False
    if value.isalpha() and classes < 3:
        return False
    return shannon_entropy(value) >= min_entropy


#: a run of letters in one case between an identifier's or a path's joiners
_JOINED_WORD = re.compile(r"(?:(?<=[-_./])|^)(?:[a-z]{3,}|[A-Z]{3,})(?=[-_./]|$)")


def names_a_thing(value: str) -> bool:
    """Whether a long token is a path or an identifier of words rather than a random one: it
    starts as a path does, or holds two words or more of one case between its joiners
    (``/api/v2/password/reset``, ``payments-api-7d9f8b6c5-x2k9p``, ``SPRING_DATASOURCE_URL``).
    Random base64 writes a run of three letters of one case between two joiners rarely."""
    if value[:1] in ("/", ".", "~"):
        return True
    return len(_JOINED_WORD.findall(value)) >= 2


def is_basic_credentials(value: str) -> bool:
    """Whether ``value`` is HTTP Basic authentication's token: base64 of "user:password" in
    printable text ("Basic understanding" is a word, not a token)."""
    try:
        raw = base64.b64decode(value + "=" * (-len(value) % 4), validate=True).decode()
    except (ValueError, UnicodeDecodeError):
        return False
    user, colon, password = raw.partition(":")
    return bool(colon and user and password and raw.isprintable())


def is_jwt(value: str) -> bool:
    head = value.split(".", 1)[0]
    try:
        raw = base64.urlsafe_b64decode(head + "=" * (-len(head) % 4))
        obj = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        return False
    return isinstance(obj, dict) and ("alg" in obj or "typ" in obj)


_MONTHS = {m: i + 1 for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}


def parse_date(value: str) -> dt.date | None:
    """Parse the date formats the DOB recognizer matches; None if not a real calendar date."""
    v = value.strip().rstrip(".,")
    m = re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", v)
    cands: list[tuple[int, int, int]] = []
    if m:
        cands.append((int(m[1]), int(m[2]), int(m[3])))
    m = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})", v)
    if m:
        a, b, y = int(m[1]), int(m[2]), int(m[3])
        y = y + (1900 if y >= 30 else 2000) if y < 100 else y
        cands += [(y, a, b), (y, b, a)]  # US month-first and European day-first
    m = re.fullmatch(r"([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", v)
    if m and m[1][:3].lower() in _MONTHS:
        cands.append((int(m[3]), _MONTHS[m[1][:3].lower()], int(m[2])))
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([A-Za-z]{3,9})\.?,?\s+(\d{4})", v)
    if m and m[2][:3].lower() in _MONTHS:
        cands.append((int(m[3]), _MONTHS[m[2][:3].lower()], int(m[1])))
    for y, mo, d in cands:
        try:
            date = dt.date(y, mo, d)
        except ValueError:
            continue
        if 1880 <= date.year <= dt.date.today().year:
            return date
    return None


def is_date(value: str) -> bool:
    return parse_date(value) is not None


def refine_ip(value: str) -> tuple[int, int] | None:
    """The longest valid IP address at the start of ``value`` (drops a trailing ``:port``, or a
    ``/prefix`` that is not a valid CIDR length)."""
    if is_ip(value):
        return 0, len(value)
    if "/" in value and is_ip(value.split("/", 1)[0]):
        return 0, value.index("/")
    cut = value.rfind(":")
    if cut > 0 and value[cut + 1:].isdigit() and is_ip(value[:cut]):
        return 0, cut
    return None


def refine_iban(value: str) -> tuple[int, int] | None:
    """Longest prefix of ``value`` that is a valid IBAN, trimming separated groups."""
    v = value
    while v:
        if is_iban(v.upper()):
            return 0, len(v)
        cut = max(v.rfind(" "), v.rfind("-"))
        if cut <= 0:
            return None
        v = v[:cut]
    return None


def stdnum_check(module: Any, *, upper: bool = True) -> Validator:
    """A validator from a python-stdnum module (``stdnum.fr.nir``...): its own ``is_valid``
    (check digits, dates and region codes it knows), on the value as written."""

    def check(value: str) -> bool:
        try:
            return bool(module.is_valid(value.upper() if upper else value))
        except Exception:  # noqa: BLE001 - a validator never raises on bad input
            return False

    return check


def _check_digit(is_valid: Callable[[str], bool]) -> Validator:
    """A validator that checks the digits of the value (separators and letters ignored)."""

    def check(value: str) -> bool:
        d = digits(value)
        return len(d) >= 2 and is_valid(d)

    return check


#: Validators a policy can name in a declared recognizer (``validator: luhn``); a plug-in adds
#: its own here before policies are loaded.
VALIDATORS: dict[str, Validator] = {
    "luhn": _check_digit(luhn.is_valid),
    "verhoeff": _check_digit(verhoeff.is_valid),
    "damm": _check_digit(damm.is_valid),
    "credit_card": is_credit_card,
    "iban": is_iban,
    "us_ssn": is_us_ssn,
    "email": is_email,
    "ip": is_ip,
    "mac": is_mac,
    "bitcoin": is_bitcoin,
    "jwt": is_jwt,
    "date": is_date,
    "random": looks_random,
}
