"""Generators of realistic replacement values of the same type and format as the original.

Every generator is a pure function of (value, rng, fake): the masker seeds ``rng`` and ``fake``
from a per-tenant HMAC of the value, so a value always gets the same replacement, and nothing
about the original can be recovered from it without the tenant key. Structured values keep
their layout (grouping, separators, case) and stay valid (Luhn, IBAN check digits, SSN area
rules, IP version, national-id check digits through the recognizer's stdnum validator), so
downstream prompts and parsers behave as with the real data.

Names, places and companies come from the value's own locale (:func:`value_locale`): a French
name gets a French pseudonym, a Chinese one a Chinese name of the same length.
"""

from __future__ import annotations

import functools
import ipaddress
import random
import re
import string
import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, NamedTuple

import phonenumbers
from stdnum import iban as std_iban
from stdnum import luhn
from stdnum.iso7064 import mod_97_10

from veil.mask.names import match_case, parse_name, render_like

if TYPE_CHECKING:
    from faker import Faker  # imported where an instance is made (see operators._faker)

Generator = Callable[[str, random.Random, "Faker"], str]


def shape(value: str, rng: random.Random, keep_prefix: int = 0) -> str:
    """Same shape: digits -> digits, letters -> letters of the same case, the rest unchanged."""
    out = list(value[:keep_prefix])
    for ch in value[keep_prefix:]:
        if ch.isdigit():
            out.append(rng.choice(string.digits))
        elif ch.isalpha() and ch.isascii():
            pool = string.ascii_uppercase if ch.isupper() else string.ascii_lowercase
            out.append(rng.choice(pool))
        else:
            out.append(ch)
    return "".join(out)


def _relayout(template: str, chars: str, is_slot: Callable[[str], bool]) -> str:
    """Put ``chars`` into the slots of ``template`` (keeping its separators)."""
    it = iter(chars)
    return "".join(next(it) if is_slot(c) else c for c in template)


def credit_card(value: str, rng: random.Random, fake: Faker) -> str:
    digits = [c for c in value if c.isdigit()]
    if len(digits) < 12:
        return shape(value, rng)
    # Keep the first digit (card network), so the type still reads like the original.
    body = digits[0] + "".join(rng.choice(string.digits) for _ in range(len(digits) - 2))
    return _relayout(value, body + luhn.calc_check_digit(body), str.isdigit)


def iban(value: str, rng: random.Random, fake: Faker) -> str:
    compact = "".join(c for c in value if c.isalnum())
    if len(compact) < 8 or not compact[:2].isalpha():
        return shape(value, rng)
    country = compact[:2].upper()
    candidate = ""
    # Countries with national check digits (ES, FR, BE, ...) accept ~1 in 100 random BBANs.
    for _ in range(2000):
        bban = shape(compact[4:], rng).upper()
        check = mod_97_10.calc_check_digits(bban + country)
        candidate = country + check + bban
        if std_iban.is_valid(candidate):  # national check digits too, where stdnum knows them
            break
    if compact[4:].islower():
        candidate = candidate[:4] + candidate[4:].lower()
    return _relayout(value, candidate, str.isalnum)


def email(value: str, rng: random.Random, fake: Faker) -> str:
    local = value.split("@", 1)[0]
    first, last = fake.first_name().lower(), fake.last_name().lower()
    sep = next((c for c in local if c in "._-"), "." if rng.random() < 0.5 else "")
    new_local = f"{first}{sep}{last}" if rng.random() < 0.7 else f"{first[0]}{last}"
    if any(c.isdigit() for c in local):
        new_local += str(rng.randint(1, 99))
    # RFC 2606 domains: plausible, and never someone's real mailbox.
    domain = rng.choice(["example.com", "example.org", "example.net"])
    out = f"{new_local}@{domain}"
    return out.upper() if value.isupper() else out


def phone(value: str, rng: random.Random, fake: Faker) -> str:
    digits = "".join(c for c in value if c.isdigit())
    keep = 0
    region = "US"
    if value.lstrip().startswith("+"):
        try:
            num = phonenumbers.parse(value, None)
            keep = len(str(num.country_code))
            region = phonenumbers.region_code_for_number(num) or "US"
        except phonenumbers.NumberParseException:
            keep = 1
    was_valid = _phone_valid(value, region)
    candidate = value
    for _ in range(40):
        # keep the country code and the first national digit (trunk/area class)
        new = digits[: keep + 1] + "".join(rng.choice(string.digits) for _ in digits[keep + 1 :])
        candidate = _relayout(value, new, str.isdigit)
        if candidate != value and (not was_valid or _phone_valid(candidate, region)):
            break
    return candidate


def _phone_valid(value: str, region: str) -> bool:
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(value, region))
    except phonenumbers.NumberParseException:
        return False


def us_ssn(value: str, rng: random.Random, fake: Faker) -> str:
    if sum(c.isdigit() for c in value) != 9:
        return shape(value, rng)
    area = rng.choice([a for a in range(1, 900) if a != 666])
    new = f"{area:03d}{rng.randint(1, 99):02d}{rng.randint(1, 9999):04d}"
    return _relayout(value, new, str.isdigit)


_V4_DOC = [ipaddress.ip_network(n) for n in ("192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24")]
_V4_PRIVATE = [ipaddress.ip_network(n) for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16")]


def ip_address(value: str, rng: random.Random, fake: Faker) -> str:
    try:
        ip = ipaddress.ip_address(value.strip().strip("[]"))
    except ValueError:
        return shape(value, rng)
    if ip.version == 4:
        private = [n for n in _V4_PRIVATE if ip in n]  # private stays private
        net = private[0] if private else rng.choice(_V4_DOC)
        new = net[rng.randrange(1, net.num_addresses - 1)]
        return str(new)
    # IPv6: the documentation prefix 2001:db8::/32, in the original's notation and case.
    new6 = ipaddress.IPv6Address((0x20010DB8 << 96) | rng.getrandbits(96))
    text = new6.exploded if "::" not in value and value.count(":") == 7 else str(new6)
    return text.upper() if value.isupper() else text


def mac_address(value: str, rng: random.Random, fake: Faker) -> str:
    hexd = [c for c in value if c in string.hexdigits]
    if len(hexd) != 12:
        return shape(value, rng)
    first = rng.randrange(0, 256) & 0xFC | 0x02  # unicast, locally administered
    new = f"{first:02x}" + "".join(rng.choice("0123456789abcdef") for _ in range(10))
    if any(c.isupper() for c in value):
        new = new.upper()
    return _relayout(value, new, lambda c: c in string.hexdigits)


def url(value: str, rng: random.Random, fake: Faker) -> str:
    m = re.match(r"(?i)^([a-z][a-z0-9+.\-]*://)?([^/?#:]+)(.*)$", value)
    if not m:
        return shape(value, rng)
    scheme, _host, rest = m.group(1) or "", m.group(2), m.group(3)
    host = "www." + fake.domain_name() if _host.lower().startswith("www.") else fake.domain_name()
    return scheme + host + shape(rest, rng)


#: The layouts a synthetic date is read in and written back in (the first that reads the value);
#: restoration reads the original and its replacement alike (veil.mask.spellings).
DATE_FORMATS = (
    "%Y-%m-%d", "%d/%m/%Y", "%m/%d/%Y", "%d.%m.%Y", "%d-%m-%Y", "%m-%d-%Y", "%Y/%m/%d",
    "%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%B %d %Y", "%m/%d/%y", "%d/%m/%y",
)


def date(value: str, rng: random.Random, fake: Faker) -> str:
    for fmt in DATE_FORMATS:
        try:
            d = datetime.strptime(value.strip(), fmt)
        except ValueError:
            continue
        shifted = d + timedelta(days=rng.choice([-1, 1]) * rng.randint(30, 700))
        out = shifted.strftime(fmt)
        return out.upper() if value.isupper() else out
    # other languages ("12 mars 1985", "2023年5月12日"): new day and year, month words kept
    from veil.detect.dates import parse_any_date

    parsed = parse_any_date(value)
    if parsed is None:
        return shape(value, rng)
    year, _month, day = parsed
    new_day, new_year = rng.randint(1, 28), (year or 2000) + rng.choice([-2, -1, 1, 2])
    done = {"day": False, "year": False}

    def swap(m: re.Match[str]) -> str:
        n = int(m.group())
        if not done["year"] and year is not None and n == year:
            done["year"] = True
            return str(new_year)
        if not done["day"] and n == day and len(m.group()) <= 2:
            done["day"] = True
            return f"{new_day:0{len(m.group())}d}"
        return m.group()

    return re.sub(r"\d+", swap, value)


_SECRET_PREFIX = re.compile(
    r"^(?:AKIA|ASIA|gh[pousr]_|github_pat_|sk-(?:proj-)?|xox[abpr]-|glpat-|eyJ"
    r"|-----BEGIN [A-Z ]+-----)"
)


def secret(value: str, rng: random.Random, fake: Faker) -> str:
    m = _SECRET_PREFIX.match(value)
    if value.startswith("-----BEGIN"):
        lines = value.splitlines(keepends=True)
        body = "".join(shape(line, rng) for line in lines[1:-1])
        return lines[0] + body + (lines[-1] if len(lines) > 1 else "")
    return shape(value, rng, keep_prefix=m.end() if m else 0)


_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
#: Locales a value can be recognised as (besides en_US, the default).
LOCALES = ("fr_FR", "de_DE", "es_ES", "zh_CN")
_local = threading.local()


@functools.cache
def _provider_names(locale: str) -> tuple[frozenset[str], frozenset[str]]:
    """``locale``'s given names and surnames as Faker's person provider lists them."""
    import importlib

    prov = importlib.import_module(f"faker.providers.person.{locale}").Provider
    firsts = {str(n) for a in ("first_names", "first_names_male", "first_names_female")
              for n in (getattr(prov, a, ()) or ())}
    lasts = {str(n) for n in (getattr(prov, "last_names", ()) or ())}
    return frozenset(firsts), frozenset(lasts)


@functools.cache
def _locale_lists(locale: str) -> tuple[frozenset[str], frozenset[str]]:
    firsts, lasts = _provider_names(locale)
    return frozenset(n.casefold() for n in firsts), frozenset(n.casefold() for n in lasts)


_ACCENT_HINTS = (("de_DE", "äöüß"), ("es_ES", "ñáíóú"), ("fr_FR", "éèêçàùâîôëï"))


def value_locale(value: str) -> str:
    """The Faker locale a name-like value reads as: its script (Han: ``zh_CN``), else the locale
    whose name lists hold most of its words, else its accents; ``en_US`` by default."""
    if _HAN.search(value):
        return "zh_CN"
    words = [w.casefold() for w in re.findall(r"[^\W\d_]+", value)]
    if not words:
        return "en_US"
    best, best_hits = "en_US", 0
    for loc in ("en_US", "fr_FR", "de_DE", "es_ES"):
        firsts, lasts = _locale_lists(loc)
        hits = sum(w in firsts or w in lasts for w in words)
        if hits > best_hits:
            best, best_hits = loc, hits
    low = value.casefold()
    for loc, accents in _ACCENT_HINTS:
        if any(c in low for c in accents) and (best == "en_US" or best_hits < len(words)):
            return loc
    return best


def locale_faker(locale: str, rng: random.Random) -> Faker:
    """A Faker of ``locale`` seeded from ``rng`` (one instance per thread and locale)."""
    cache: dict[str, Faker] | None = getattr(_local, "fakers", None)
    if cache is None:
        cache = _local.fakers = {}
    fake = cache.get(locale)
    if fake is None:
        from faker import Faker

        fake = cache[locale] = Faker(locale)
    fake.seed_instance(rng.getrandbits(64))
    return fake


def _chinese_name(value: str, rng: random.Random, fake: Faker) -> str:
    """A Chinese name as long as the original (surname + given name, no spaces)."""
    from faker.providers.person.zh_CN import Provider

    surnames = [s for s in Provider.last_names if len(s) == 1]
    given_chars = "".join(Provider.first_names)
    n = max(2, len(value.strip()))
    return rng.choice(surnames) + "".join(rng.choice(given_chars) for _ in range(n - 1))


def person(value: str, rng: random.Random, fake: Faker) -> str:
    """A pseudonym with one name token per token of ``value``: a variant of the name ("Lindqvist"
    alone) takes its pseudonym's part, which needs the parts to correspond. A drawn initial can
    still parse as no name ("V." reads as "versus"); another draw fixes it."""
    want = len(parse_name(value).tokens)
    out = value
    for _ in range(8):
        out = _person_once(value, rng, fake)
        if len(parse_name(out).tokens) == want:
            break
    return out


def _person_once(value: str, rng: random.Random, fake: Faker) -> str:
    locale = value_locale(value)
    if locale == "zh_CN":
        return _chinese_name(value, rng, fake)
    if locale != "en_US":
        return _person_from(value, rng, locale)
    parts = parse_name(value)
    n = len(parts.order)
    if n == 0:
        return match_case(value, fake.name())
    given = parts.tokens[0]
    # Uniform draws from Faker's name lists (its weighted sampling is ~10x slower, and uniform
    # draws collide less within a session).
    en = _en_names()
    firsts = en.female_list if given in en.female else en.male_list
    if n == 1:
        # a single token is a given name if it looks like one, else a family name
        known = given in en.female or given in en.male
        tokens = [rng.choice(firsts if known else en.last_list)]
    else:
        tokens = [rng.choice(firsts) for _ in range(n - 1)] + [rng.choice(en.last_list)]
    tokens = [t if len(parts.tokens[i]) > 1 else t[0] for i, t in enumerate(tokens)]  # initials
    return render_like(value, parts, tokens)


@functools.cache
def _one_word_names(locale: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``locale``'s given names and surnames that parse as one name token each. Faker's lists
    hold "Hans Peter", "van der Dussen", "José María": drawn into a two-token name they made a
    pseudonym of another shape, whose parts the variants ("Lindqvist" alone) cannot take, so
    they shared the whole name's replacement and restored to the whole name."""
    def one_word(names: frozenset[str]) -> tuple[str, ...]:
        return tuple(sorted(n for n in names if len(parse_name(n).tokens) == 1))

    firsts, lasts = _provider_names(locale)
    return one_word(firsts), one_word(lasts)


def _person_from(value: str, rng: random.Random, locale: str) -> str:
    """A pseudonym from ``locale``'s name lists, in the original's shape."""
    parts = parse_name(value)
    n = len(parts.order)
    if n == 0:
        return match_case(value, locale_faker(locale, rng).name())
    firsts, _ = _locale_lists(locale)
    first_list, last_list = _one_word_names(locale)
    given_known = parts.tokens[0] in firsts
    if n == 1:
        tokens = [rng.choice(first_list if given_known else last_list)]
    else:
        tokens = [rng.choice(first_list) for _ in range(n - 1)] + [rng.choice(last_list)]
    tokens = [t if len(parts.tokens[i]) > 1 else t[0] for i, t in enumerate(tokens)]
    return render_like(value, parts, tokens)


def organization(value: str, rng: random.Random, fake: Faker) -> str:
    locale = value_locale(value)
    fk = fake if locale == "en_US" else locale_faker(locale, rng)
    return match_case(value, fk.company())


def location(value: str, rng: random.Random, fake: Faker) -> str:
    locale = value_locale(value)
    if locale == "zh_CN":
        fk = locale_faker(locale, rng)
        return str(fk.address()) if len(value) > 6 else str(fk.city())
    if "," in value:
        return match_case(value, f"{fake.city()}, {fake.state()}")
    return match_case(value, fake.city())


_FAKER_IDS = {"CN_RESIDENT_ID": ("zh_CN", "ssn"), "FR_NIR": ("fr_FR", "ssn"),
              "IT_FISCAL_CODE": ("it_IT", "ssn"), "BR_CPF": ("pt_BR", "cpf"),
              "BR_CNPJ": ("pt_BR", "cnpj"), "ES_NIE": ("es_ES", "nie"),
              "ES_NIF": ("es_ES", "nif"), "US_ITIN": ("en_US", "itin"),
              "PL_PESEL": ("pl_PL", "ssn"), "TR_NATIONAL_ID": ("tr_TR", "ssn"),
              "FI_PERSONAL_IDENTITY_CODE": ("fi_FI", "ssn"), "SE_PERSONNUMMER": ("sv_SE", "ssn"),
              "NO_FODSELSNUMMER": ("no_NO", "ssn"), "RO_CNP": ("ro_RO", "ssn"),
              "MX_CURP": ("es_MX", "curp"), "CL_RUT": ("es_CL", "rut"),
              "IL_ID_NUMBER": ("he_IL", "ssn"), "CH_AHV": ("de_CH", "ssn"),
              "BE_NATIONAL_NUMBER": ("nl_BE", "ssn"), "TH_TNIN": ("th_TH", "ssn")}


def _za_id(rng: random.Random) -> str:
    """A South African identity number: birth date, sequence, citizenship, 8, Luhn digit."""
    born = datetime(1940, 1, 1) + timedelta(days=rng.randrange(365 * 65))
    body = f"{born:%y%m%d}{rng.randrange(10000):04d}{rng.choice('01')}8"
    return body + luhn.calc_check_digit(body)


#: the numbers Faker has no provider for, made here
_MADE_IDS: dict[str, Callable[[random.Random], str]] = {"ZA_ID_NUMBER": _za_id}


def _check_digits_like(type_name: str) -> Generator:
    """Same shape, re-drawn until the recognizer's own validator (stdnum) accepts it."""

    def gen(value: str, rng: random.Random, fake: Faker) -> str:
        from veil.detect import national
        from veil.detect.patterns import PatternRecognizer

        rec = next((r for r in vars(national).values()
                    if isinstance(r, PatternRecognizer) and r.entity == type_name
                    and r.validate is not None), None)
        maker = _FAKER_IDS.get(type_name) or _MADE_IDS.get(type_name)
        if maker is not None:  # built with valid dates and check characters
            want = sum(c.isalnum() for c in value)
            for _ in range(20):  # (Finland's century sign is a letter or a "-")
                made = "".join(c for c in (str(getattr(locale_faker(maker[0], rng), maker[1])())
                                           if isinstance(maker, tuple) else maker(rng))
                               if c.isalnum())
                if len(made) != want:
                    continue
                made = _relayout(value, made.upper() if value.isupper() else made, str.isalnum)
                if rec is None or rec.validate is None or rec.validate(made) is True:
                    return made  # (Faker's CURP now and then names no state)
        cand = shape(value, rng)
        for _ in range(400):
            if rec is None or rec.validate is None or rec.validate(cand) is True:
                return cand
            cand = shape(value, rng)
        return cand

    return gen


def us_mbi(value: str, rng: random.Random, fake: Faker) -> str:
    """A Medicare Beneficiary Identifier's layout: letters but S, L, O, I, B and Z, no 0 first
    (the recognizer refuses the rest, so a replacement with them would not read as one)."""
    out: list[str] = []
    for ch in value:
        if ch.isdigit():
            out.append(rng.choice(string.digits[1:] if not out else string.digits))
        elif ch.isascii() and ch.isalpha():
            c = rng.choice("ACDEFGHJKMNPQRTUVWXY")
            out.append(c if ch.isupper() else c.lower())
        else:
            out.append(ch)
    return "".join(out)


def sg_nric_fin(value: str, rng: random.Random, fake: Faker) -> str:
    """The same series letter (citizen or foreigner, the century), new digits, their check
    letter: the replacement passes the recognizer's check."""
    from veil.detect.validators import sg_nric_check_letter

    prefix = value[:1].upper()
    if len(value) != 9 or prefix not in "STFGM":
        return shape(value, rng)
    body = "".join(rng.choice(string.digits) for _ in range(7))
    check = sg_nric_check_letter(prefix, body)
    return value[0] + body + (check if value[-1].isupper() else check.lower())


def kr_rrn(value: str, rng: random.Random, fake: Faker) -> str:
    """A new birth date in the same century, the same century/sex digit, new digits, and the
    check digit numbers issued before October 2020 carry (stdnum accepts it too)."""
    from stdnum.kr import rrn

    from veil.detect.validators import is_kr_rrn

    d = "".join(c for c in value if c.isdigit())
    if len(d) != 13 or not is_kr_rrn(value):
        return shape(value, rng)
    first = datetime(1900 if d[6] in "1256" else 2000, 1, 1)
    last = min(datetime.now(), datetime(first.year + 99, 12, 31))
    born = first + timedelta(days=rng.randrange((last - first).days))
    # digits 8-9 are a place of birth, which stdnum checks (00-96)
    body = f"{born:%y%m%d}{d[6]}{rng.randrange(96):02d}{rng.randrange(1000):03d}"
    return _relayout(value, body + rrn.calc_check_digit(body), str.isdigit)


def us_npi(value: str, rng: random.Random, fake: Faker) -> str:
    """The same first digit (person or organisation), new digits, the Luhn check over the
    "80840" prefix."""
    d = "".join(c for c in value if c.isdigit())
    if len(d) != 10:
        return shape(value, rng)
    body = d[0] + "".join(rng.choice(string.digits) for _ in range(8))
    return _relayout(value, body + luhn.calc_check_digit("80840" + body), str.isdigit)


def dea_number(value: str, rng: random.Random, fake: Faker) -> str:
    """A DEA registration: the registrant type kept, a new initial (the second letter is the
    registrant's surname's), new digits and their check digit."""
    from veil.detect.validators import dea_check_digit

    if len(value) != 9 or not value[:1].isalpha() or not value[2:].isdigit():
        return shape(value, rng)
    second = value[1]
    if second.isalpha():
        c = rng.choice(string.ascii_uppercase)
        second = c if second.isupper() else c.lower()
    body = "".join(rng.choice(string.digits) for _ in range(6))
    return value[0] + second + body + dea_check_digit(body)


def swift_code(value: str, rng: random.Random, fake: Faker) -> str:
    """A new bank and location in the same country (an ISO code, so it reads as a BIC); a
    head office's "XXX" branch kept."""
    if len(value) not in (8, 11):
        return shape(value, rng)
    branch = value[8:] if value[8:] in ("", "XXX") else shape(value[8:], rng)
    return shape(value[:4], rng) + value[4:6] + shape(value[6:8], rng) + branch


def age(value: str, rng: random.Random, fake: Faker) -> str:
    """An age over 89 again (a younger one would change what the text says of the person)."""
    return str(rng.randint(90, 99) if len(value) < 3 else rng.randint(100, 109))


class _EnNames(NamedTuple):
    female_list: tuple[str, ...]
    male_list: tuple[str, ...]
    last_list: tuple[str, ...]
    female: frozenset[str]
    male: frozenset[str]


@functools.cache
def _en_names() -> _EnNames:
    """Faker's en_US name lists, read on first use: importing Faker costs every start-up a
    tenth of a second, and only pseudonyms need them."""
    from faker.providers.person.en_US import Provider

    def names(attr: str) -> tuple[str, ...]:
        return tuple(sorted(getattr(Provider, attr)))

    female, male = names("first_names_female"), names("first_names_male")
    return _EnNames(female, male, names("last_names"),
                    frozenset(n.casefold() for n in female), frozenset(n.casefold() for n in male))

GENERATORS: dict[str, Generator] = {
    "CREDIT_CARD": credit_card,
    "IBAN": iban,
    "EMAIL": email,
    "PHONE": phone,
    "US_SSN": us_ssn,
    "IP_ADDRESS": ip_address,
    "MAC_ADDRESS": mac_address,
    "URL": url,
    "DATE_OF_BIRTH": date,
    "SECRET": secret,
    "PERSON": person,
    "ORGANIZATION": organization,
    "LOCATION": location,
    "DATE_TIME": date,
    **{t: _check_digits_like(t) for t in ("UK_NHS", "CA_SIN", "IN_AADHAAR", "IN_PAN",
                                          "CN_RESIDENT_ID", "FR_NIR", "DE_TAX_ID", "ES_NIF",
                                          "ES_NIE", "IT_FISCAL_CODE", "BR_CPF", "BR_CNPJ",
                                          "US_ITIN", "ABA_ROUTING", "NL_BSN",
                                          "AU_TFN", "US_EIN", "PL_PESEL", "TR_NATIONAL_ID",
                                          "FI_PERSONAL_IDENTITY_CODE", "SE_PERSONNUMMER",
                                          "NO_FODSELSNUMMER", "DK_CPR", "RO_CNP", "ZA_ID_NUMBER",
                                          "MX_CURP", "CL_RUT", "IL_ID_NUMBER", "CH_AHV",
                                          "BE_NATIONAL_NUMBER", "TH_TNIN")},
    "US_MBI": us_mbi,
    "SG_NRIC_FIN": sg_nric_fin,
    "KR_RRN": kr_rrn,
    "US_NPI": us_npi,
    "MEDICAL_LICENSE": dea_number,
    "SWIFT_CODE": swift_code,
    "AGE": age,
}


#: the types :mod:`veil.detect.spelled_numbers` finds written out in words
_SPELLED_TYPES = frozenset({"PHONE", "US_SSN", "CREDIT_CARD", "ACCOUNT_NUMBER"})


def generate(entity_type: str, value: str, rng: random.Random, fake: Faker) -> str:
    """A realistic replacement for ``value``; unknown types keep the shape of the value."""
    if entity_type in _SPELLED_TYPES and not any(c.isdigit() for c in value):
        # a number written out ("five five five, one two ..."): the generators read digits
        from veil.detect.spelled_numbers import spelled_digits

        value = spelled_digits(value) or value
    gen = GENERATORS.get(entity_type)
    return gen(value, rng, fake) if gen else shape(value, rng)
