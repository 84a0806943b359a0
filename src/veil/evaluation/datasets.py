"""Labelled PII datasets for detection benchmarks.

* :func:`presidio_samples` - presidio-evaluator's ``PresidioSentenceFaker`` (templated sentences
  with Faker values), its entity names mapped to Veil's.
* :func:`hard_samples` - harder, realistic text written for Veil: clinical notes, support
  tickets, e-mails, chat logs, code and log snippets with secrets, names that are common words,
  context-dependent numbers (dates of birth, passports), and PII-free distractors (log levels,
  identifiers, version numbers) that must NOT be flagged. Built from templates x Faker values x
  formatting variants, so each seed gives different texts.

Spans of gold types that Veil does not model (e.g. DATE_TIME, NRP, TITLE) are kept as *ignored*
regions: a prediction inside one is neither a hit nor a false positive.
"""

from __future__ import annotations

import base64
import hashlib
import json
import random
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from faker import Faker

#: presidio-evaluator entity names -> Veil entity names.
PRESIDIO_EVAL_TO_VEIL: dict[str, str] = {
    "PERSON": "PERSON",
    "GPE": "LOCATION",
    "LOCATION": "LOCATION",
    "STREET_ADDRESS": "LOCATION",
    "ORGANIZATION": "ORGANIZATION",
    "CREDIT_CARD": "CREDIT_CARD",
    "PHONE_NUMBER": "PHONE",
    "EMAIL_ADDRESS": "EMAIL",
    "IBAN_CODE": "IBAN",
    "IP_ADDRESS": "IP_ADDRESS",
    "US_SSN": "US_SSN",
    "DOMAIN_NAME": "URL",
    "URL": "URL",
    "US_DRIVER_LICENSE": "DRIVER_LICENSE",
    "US_PASSPORT": "PASSPORT",
}


@dataclass(frozen=True, slots=True)
class Span:
    type: str
    start: int
    end: int


@dataclass(slots=True)
class Sample:
    text: str
    spans: list[Span] = field(default_factory=list)
    ignored: list[Span] = field(default_factory=list)
    source: str = ""


#: the instant presidio-evaluator's dates are drawn before (its ``{{date_time}}`` and
#: ``{{year}}`` otherwise end at the wall clock, so every run wrote different text)
_PRESIDIO_NOW = (2025, 1, 1, 12, 0, 0)


@contextmanager
def presidio_determinism(seed: int) -> Iterator[None]:
    """Make presidio-evaluator reproducible across processes, leaving no trace behind.

    It draws from the global ``random`` while loading its name table, before it seeds itself,
    and its Faker dates end at "now". Inside this block both RNGs are seeded and Faker's clock
    is fixed; afterwards the caller's RNG states and the clock are restored.
    """
    import datetime as dt

    import numpy as np
    from faker.providers import date_time as faker_dates

    now = dt.datetime(*_PRESIDIO_NOW)

    class _Plain(type):
        # the stand-ins must still accept ordinary dates in Faker's isinstance() checks
        def __instancecheck__(cls, obj: object) -> bool:
            return isinstance(obj, cls.__mro__[1])

    class _Datetime(dt.datetime, metaclass=_Plain):
        @classmethod
        def now(cls, tz: dt.tzinfo | None = None) -> Any:
            return now.replace(tzinfo=tz) if tz is not None else now

    class _Date(dt.date, metaclass=_Plain):
        @classmethod
        def today(cls) -> Any:
            return now.date()

    saved = {k: getattr(faker_dates, k) for k in ("datetime", "dtdate")}
    py_state, np_state = random.getstate(), np.random.get_state()
    random.seed(seed)
    np.random.seed(seed)
    faker_dates.datetime, faker_dates.dtdate = _Datetime, _Date  # type: ignore[misc]
    try:
        yield
    finally:
        for k, v in saved.items():
            setattr(faker_dates, k, v)
        random.setstate(py_state)
        np.random.set_state(np_state)


def presidio_samples(n: int, seed: int, *, lower_case_ratio: float = 0.05) -> list[Sample]:
    """``n`` PresidioSentenceFaker sentences, the same for a seed in every process."""
    import logging
    import warnings

    from presidio_evaluator.data_generator import PresidioSentenceFaker

    logging.getLogger("presidio-evaluator").setLevel(logging.ERROR)
    with warnings.catch_warnings(), presidio_determinism(seed):
        warnings.simplefilter("ignore")
        faker = PresidioSentenceFaker("en_US", lower_case_ratio=lower_case_ratio,
                                      random_seed=seed)
        records = faker.generate_new_fake_sentences(n)
    out: list[Sample] = []
    for r in records:
        s = Sample(r.full_text, source="presidio")
        for sp in r.spans:
            t = PRESIDIO_EVAL_TO_VEIL.get(sp.entity_type)
            span = Span(t or sp.entity_type, sp.start_position, sp.end_position)
            if span.end <= span.start:
                continue
            (s.spans if t else s.ignored).append(span)
        out.append(s)
    return out


# --------------------------------------------------------------------------------------------
# Hard set: value generators
# --------------------------------------------------------------------------------------------
_LOCALES = ["en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "it_IT", "nl_NL", "pl_PL", "en_IN",
            "sv_SE", "pt_BR", "en_IE"]
_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def _b58check(payload: bytes) -> str:
    raw = payload + hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4]
    n = int.from_bytes(raw, "big")
    s = ""
    while n:
        n, r = divmod(n, 58)
        s = _B58[r] + s
    return "1" * (len(raw) - len(raw.lstrip(b"\0"))) + s


def _fix_set_order(fake: Faker) -> None:
    """Sort provider word lists that Faker builds from a set (``it_IT``'s cities): their order,
    and so the value a seeded draw picks, changed with each process's string hashing, and the
    benchmark's texts with it. Set on this instance's provider only: other Faker users in the
    process (pseudonyms) keep the class's list."""
    for provider in fake.providers:
        cities = getattr(provider, "cities", None)
        if isinstance(cities, list):
            provider.cities = sorted(cities)


class _Values:
    """Random PII values of each type, in several formats."""

    def __init__(self, rng: random.Random, seed: int) -> None:
        self.rng = rng
        self.fakers = {loc: Faker(loc) for loc in _LOCALES}
        for i, f in enumerate(self.fakers.values()):
            f.seed_instance(seed * 100 + i)
            _fix_set_order(f)
        self.us = self.fakers["en_US"]

    def fk(self) -> Faker:
        return self.fakers[self.rng.choice(_LOCALES)]

    def person(self) -> str:
        f = self.fk()
        r = self.rng.random()
        if r < 0.15:
            suffix = self.rng.choice(["Jr.", "Sr.", "III", "PhD"])
            return f"{f.first_name()} {f.last_name()} {suffix}"
        if r < 0.25:
            return f.first_name()
        if r < 0.3:
            return f"{f.first_name()} {f.first_name()[0]}. {f.last_name()}"
        return f"{f.first_name()} {f.last_name()}"

    def first(self) -> str:
        return self.fk().first_name()

    def last(self) -> str:
        return self.fk().last_name()

    def email(self) -> str:
        return self.fk().email()

    def phone(self) -> str:
        loc = self.rng.choice(["en_US", "en_GB", "de_DE", "fr_FR", "en_IN", "nl_NL", "en_US"])
        return self.fakers[loc].phone_number()

    def card(self) -> str:
        n = self.us.credit_card_number()
        if self.rng.random() < 0.4 and len(n) == 16:
            sep = self.rng.choice([" ", "-"])
            n = sep.join(n[i:i + 4] for i in range(0, 16, 4))
        return n

    def iban(self) -> str:
        v = self.rng.choice(["en_GB", "de_DE", "fr_FR", "nl_NL", "es_ES", "it_IT"])
        n = self.fakers[v].iban()
        if self.rng.random() < 0.4:
            n = " ".join(n[i:i + 4] for i in range(0, len(n), 4))
        return n

    def ssn(self) -> str:
        return self.us.ssn()

    def ip(self) -> str:
        return self.us.ipv4() if self.rng.random() < 0.7 else self.us.ipv6()

    def url(self) -> str:
        u = self.us.url()
        return u + self.us.uri_path() if self.rng.random() < 0.5 else u

    def mac(self) -> str:
        m = self.us.mac_address()
        return m.upper() if self.rng.random() < 0.3 else m

    def dob(self) -> str:
        d = self.us.date_of_birth(minimum_age=1, maximum_age=95)
        fmt = self.rng.choice(["%Y-%m-%d", "%m/%d/%Y", "%d.%m.%Y", "%B %d, %Y", "%d %B %Y"])
        return d.strftime(fmt)

    def secret(self) -> str:
        k = self.rng.randrange(6)
        if k == 0:
            return "AKIA" + "".join(self.rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
                                    for _ in range(16))
        if k == 1:
            return "ghp_" + "".join(self.rng.choice(_B58) for _ in range(36))
        if k == 2:
            head = base64.urlsafe_b64encode(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
            claims = base64.urlsafe_b64encode(json.dumps(
                {"sub": str(self.rng.randrange(10**6)), "iat": 1700000000}).encode())
            return (head.decode().rstrip("=") + "." + claims.decode().rstrip("=") + "."
                    + "".join(self.rng.choice(_B58 + "-_") for _ in range(43)))
        if k == 3:
            return "sk_live_" + "".join(self.rng.choice(_B58) for _ in range(24))
        if k == 4:
            return "xoxb-" + "-".join(str(self.rng.randrange(10**11, 10**12)) for _ in range(2)) \
                + "-" + "".join(self.rng.choice(_B58) for _ in range(24))
        body = "\n".join("".join(self.rng.choice(_B58 + "+/") for _ in range(64))
                         for _ in range(4))
        return f"-----BEGIN RSA PRIVATE KEY-----\n{body}\n-----END RSA PRIVATE KEY-----"

    def wallet(self) -> str:
        if self.rng.random() < 0.5:
            return "0x" + "".join(self.rng.choice("0123456789abcdef") for _ in range(40))
        return _b58check(b"\x00" + bytes(self.rng.randrange(256) for _ in range(20)))

    def passport(self) -> str:
        return self.rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") + str(self.rng.randrange(10**7, 10**8))

    def license(self) -> str:
        return self.rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") + str(self.rng.randrange(10**6, 10**8))

    def org(self) -> str:
        return self.fk().company()

    def city(self) -> str:
        return self.fk().city()

    def country(self) -> str:
        return self.us.country()


# Template syntax: {TYPE} or {TYPE:generator}; {{...}} are plain text. Types are Veil's.
_TEMPLATES: dict[str, list[str]] = {
    "clinical": [
        "Patient {PERSON} (DOB {DATE_OF_BIRTH:dob}) was seen today for chest pain. "
        "Referred by Dr. {PERSON:last}. Contact: {PHONE}.",
        "Discharge summary for {PERSON}, born {DATE_OF_BIRTH:dob}. Follow up at {ORGANIZATION} in "
        "{LOCATION:city}. Next of kin: {PERSON} ({PHONE}).",
        "Pt {PERSON} reports improvement. SSN on file {US_SSN}. Email results to {EMAIL}.",
        "Nurse note: {PERSON:first} tolerated the procedure well; Dr. {PERSON} will review "
        "the MRI.",
    ],
    "ticket": [
        "Ticket #{{num}}: customer {PERSON} ({EMAIL}) cannot log in from {IP_ADDRESS}. "
        "Card ending used: {CREDIT_CARD}.",
        "Refund request from {PERSON}. IBAN: {IBAN}. Phone {PHONE}. Please process by Friday.",
        "User {EMAIL} reports the device {MAC_ADDRESS} drops off the network at {LOCATION:city}.",
        "Escalated: {PERSON} from {ORGANIZATION} says the invoice link {URL} is broken.",
    ],
    "email": [
        "Hi {PERSON:first},\n\nThanks for the call. As discussed, wire the deposit to {IBAN} and "
        "send the receipt to {EMAIL}.\n\nBest regards,\n{PERSON}",
        "Dear {PERSON},\nyour driver's license number {DRIVER_LICENSE:license} expires soon. "
        "Call us on {PHONE}.\nKind regards, {ORGANIZATION}",
        "Hello {PERSON:first}, please find my passport number {PASSPORT:passport} and date of "
        "birth {DATE_OF_BIRTH:dob} below for the visa form. Cheers, {PERSON:first}",
        "Hi team, {PERSON} joins {ORGANIZATION} in {LOCATION:city} next week; reach her at "
        "{EMAIL} or {PHONE}.",
    ],
    "chat": [
        "[10:42] {PERSON:first}: my card is {CREDIT_CARD} exp 04/27\n[10:43] agent: thanks!",
        "[09:15] {PERSON:first}: send it to {EMAIL} pls\n[09:16] bot: done, ticket {{num}}",
        "me: whats ur number\n{PERSON:first}: {PHONE}\nme: ok and ur btc wallet?\n"
        "{PERSON:first}: {CRYPTO_WALLET:wallet}",
        "{PERSON:first} said {PERSON:first} moved to {LOCATION:country} last year.",
    ],
    "code": [
        "export AWS_ACCESS_KEY_ID={SECRET}\nexport REGION=us-east-1\npython deploy.py --verbose",
        "2024-03-11T10:22:01Z ERROR auth failed for {EMAIL} from {IP_ADDRESS} (user_id=4411)",
        "config = {{'host': 'db01', 'password': '{SECRET}', 'port': 5432}}",
        "curl -H 'Authorization: Bearer {SECRET}' {URL}",
        "INFO  [worker-3] connected to {IP_ADDRESS}:8080 mac={MAC_ADDRESS} status=OK",
        "token = \"{SECRET}\"  # TODO rotate",
    ],
    "common_words": [
        "{PERSON:common} called about the order; {PERSON:common} wants a refund.",
        "Please ask {PERSON:common_full} to review the draft.",
        "Thanks to {PERSON:common_full} and Dr. {PERSON:last} for the help.",
    ],
    "negative": [
        "ERROR 2024-01-01 12:00:00 worker=3 retry=5 latency=120ms status=500",
        "Build 4.12.3 passed 1532 tests in 87 seconds on node-7.",
        "The meeting moved to 2024-06-14; bring the Q3 numbers.",
        "WARN getUserById returned null for id 88213; falling back to cache.",
        "Order 1000234 shipped on 05/06/2023 with 3 items.",
        "DEBUG parse_config() took 12 ms; TRACE flush_buffer ok.",
    ],
}
_COMMON_WORD_NAMES = ["Will", "Hope", "Grace", "Faith", "Rose", "Mark", "Bill", "April", "June",
                      "Summer", "Joy", "Ray", "Dawn", "Art", "Chase"]


def _render(template: str, values: _Values, rng: random.Random) -> Sample:
    gens: dict[str, Callable[[], str]] = {
        "PERSON": values.person, "EMAIL": values.email, "PHONE": values.phone,
        "CREDIT_CARD": values.card, "IBAN": values.iban, "US_SSN": values.ssn,
        "IP_ADDRESS": values.ip, "URL": values.url, "MAC_ADDRESS": values.mac,
        "SECRET": values.secret, "ORGANIZATION": values.org, "LOCATION": values.city,
        "DATE_OF_BIRTH": values.dob, "CRYPTO_WALLET": values.wallet,
        "PASSPORT": values.passport, "DRIVER_LICENSE": values.license,
    }
    named: dict[str, Callable[[], str]] = {
        "first": values.first, "last": values.last, "dob": values.dob, "city": values.city,
        "country": values.country, "wallet": values.wallet, "passport": values.passport,
        "license": values.license, "common": lambda: rng.choice(_COMMON_WORD_NAMES),
        "common_full": lambda: f"{rng.choice(_COMMON_WORD_NAMES)} {values.last()}",
    }
    out: list[str] = []
    spans: list[Span] = []
    pos = 0
    i = 0
    for m in re.finditer(r"\{\{(\w+)\}\}|\{(\w+)(?::(\w+))?\}", template):
        lit = template[i:m.start()]
        out.append(lit)
        pos += len(lit)
        if m.group(1):
            val = str(rng.randrange(10**4, 10**6))
            out.append(val)
            pos += len(val)
        else:
            typ, gen = m.group(2), m.group(3)
            val = named[gen]() if gen else gens[typ]()
            spans.append(Span(typ, pos, pos + len(val)))
            out.append(val)
            pos += len(val)
        i = m.end()
    out.append(template[i:])
    return Sample("".join(out), spans, source="hard")


def hard_samples(n: int, seed: int) -> list[Sample]:
    """``n`` samples drawn evenly over the categories (deterministic for a seed)."""
    rng = random.Random(seed)  # nosec B311 # seeded generator for reproducible data, not a secret
    values = _Values(rng, seed)
    cats = sorted(_TEMPLATES)
    out = []
    for k in range(n):
        cat = cats[k % len(cats)]
        s = _render(rng.choice(_TEMPLATES[cat]), values, rng)
        s.source = f"hard/{cat}"
        out.append(s)
    return out


def long_texts(samples: list[Sample], *, size: int = 1000, count: int = 50) -> list[str]:
    """Texts of about ``size`` characters made by joining consecutive samples (for timing)."""
    texts: list[str] = []
    buf: list[str] = []
    for s in samples:
        buf.append(s.text)
        if sum(len(b) + 1 for b in buf) >= size:
            texts.append(" ".join(buf)[: size + 200])
            buf = []
            if len(texts) >= count:
                break
    return texts
