"""Operators produce valid values of the same type and format, stably per seed."""

from __future__ import annotations

import hashlib
import ipaddress
import re
from datetime import datetime

import phonenumbers
import pytest
from email_validator import validate_email
from stdnum import iban as std_iban
from stdnum import luhn

from veil.errors import MaskingError
from veil.mask.operators import (
    PlaceholderOperator,
    PseudonymOperator,
    RedactOperator,
    SyntheticOperator,
    get_operator,
)

SYN = SyntheticOperator()


def seed(s: str) -> bytes:
    return hashlib.sha256(s.encode()).digest()


def gen(etype: str, value: str, attempt: int = 0, op=SYN) -> str:
    return op.propose(etype, value, seed=seed(value), counter=1, attempt=attempt)


def layout(s: str) -> str:
    return re.sub(r"[0-9]", "9", re.sub(r"[A-Za-z]", "a", s))


def test_placeholder_and_redact() -> None:
    ph = PlaceholderOperator().propose("PERSON", "x", seed=b"", counter=7, attempt=0)
    assert ph == "[PERSON_7]"
    assert RedactOperator.replacement("EMAIL") == "[REDACTED_EMAIL]"
    assert not RedactOperator.reversible and PseudonymOperator.reversible
    with pytest.raises(MaskingError, match="unknown operator"):
        get_operator("rot13")


@pytest.mark.parametrize(
    "card", ["4111 1111 1111 1111", "5500-0000-0000-0004", "378282246310005", "6011000990139424"]
)
def test_credit_card_luhn_same_layout(card: str) -> None:
    outs = {gen("CREDIT_CARD", card, a) for a in range(5)}
    assert len(outs) == 5  # attempts give new candidates
    for out in outs:
        assert layout(out) == layout(card) and out != card
        assert luhn.is_valid(re.sub(r"\D", "", out))
        assert out[0] == card[0]
    assert gen("CREDIT_CARD", card) == gen("CREDIT_CARD", card)  # stable per seed


@pytest.mark.parametrize(
    "value",
    ["DE89370400440532013000", "GB82 WEST 1234 5698 7654 32", "NL91ABNA0417164300",
     "FR1420041010050500013M02606", "ES9121000418450200051332"],
)
def test_iban_valid_same_country_and_layout(value: str) -> None:
    for a in range(5):
        out = gen("IBAN", value, a)
        assert out[:2] == value[:2] and layout(out) == layout(value) and out != value
        assert std_iban.is_valid(out)


@pytest.mark.parametrize("value", ["jane.doe@acme.com", "J.DOE99@CORP.EXAMPLE.ORG"])
def test_email_plausible(value: str) -> None:
    out = gen("EMAIL", value)
    validate_email(out, check_deliverability=False)
    assert out.split("@")[1].lower() in {"example.com", "example.org", "example.net"}
    assert out != value and (out.isupper() == value.isupper())


@pytest.mark.parametrize(
    "value,region",
    [("+1 415-555-2671", None), ("(415) 555-2671", "US"), ("+44 20 7946 0958", None),
     ("+49 30 901820", None)],
)
def test_phone_same_format_and_country(value: str, region: str | None) -> None:
    out = gen("PHONE", value)
    assert layout(out) == layout(value) and out != value
    a, b = phonenumbers.parse(value, region), phonenumbers.parse(out, region)
    assert a.country_code == b.country_code
    if phonenumbers.is_valid_number(a):
        assert phonenumbers.is_valid_number(b)


def test_ssn_valid_area_group_serial() -> None:
    for i in range(50):
        v = f"{100 + i:03d}-45-6789"
        out = gen("US_SSN", v)
        assert layout(out) == layout(v)
        area, group, serial = out.split("-")
        assert area not in {"000", "666"} and not area.startswith("9")
        assert group != "00" and serial != "0000"


@pytest.mark.parametrize(
    "value,private",
    [("10.1.2.3", True), ("192.168.0.7", True), ("8.8.8.8", False), ("2001:4860::8888", False),
     ("FE80:0000:0000:0000:0202:B3FF:FE1E:8329", False)],
)
def test_ip_same_version(value: str, private: bool) -> None:
    out = gen("IP_ADDRESS", value)
    a, b = ipaddress.ip_address(value), ipaddress.ip_address(out)
    assert a.version == b.version and a != b
    if a.version == 4:  # RFC 1918 stays RFC 1918; public becomes a documentation address
        nets = ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16")
        rfc1918 = [ipaddress.ip_network(n) for n in nets]
        assert any(b in n for n in rfc1918) == private
    else:
        assert out.isupper() == value.isupper()


def test_mac_date_secret_shapes() -> None:
    mac = gen("MAC_ADDRESS", "00:1A:2B:3C:4D:5E")
    assert re.fullmatch(r"([0-9A-F]{2}:){5}[0-9A-F]{2}", mac)
    assert int(mac[:2], 16) & 1 == 0  # unicast
    d = gen("DATE_OF_BIRTH", "1984-07-23")
    assert datetime.strptime(d, "%Y-%m-%d") and d != "1984-07-23"
    assert datetime.strptime(gen("DATE_OF_BIRTH", "July 23, 1984"), "%B %d, %Y")
    key = gen("SECRET", "AKIAIOSFODNN7EXAMPLE")
    assert key.startswith("AKIA") and len(key) == 20 and key != "AKIAIOSFODNN7EXAMPLE"
    token = "ghp_" + "a1B2" * 9
    out = gen("SECRET", token)
    assert out.startswith("ghp_") and layout(out) == layout(token) and out != token


@pytest.mark.parametrize(
    "value,shape",
    [("Jane Doe", r"[A-Z][a-z'\-]+ [A-Z][A-Za-z'\-]+"),
     ("DOE, Jane", r"[A-Z'\-]+, [A-Z][a-z'\-]+"),
     ("Dr. Jane Q. Doe Jr.", r"Dr\. [A-Z][a-z'\-]+ [A-Z]\. [A-Z][A-Za-z'\-]+ Jr\."),
     ("jane", r"[a-z'\-]+")],
)
def test_person_pseudonym_keeps_structure(value: str, shape: str) -> None:
    out = gen("PERSON", value, op=PseudonymOperator())
    assert re.fullmatch(shape, out), out
    assert out.casefold() != value.casefold()


def test_pseudonym_stable_and_seed_dependent() -> None:
    op = PseudonymOperator()
    a = op.propose("PERSON", "Jane Doe", seed=seed("k1"), counter=1, attempt=0)
    assert a == op.propose("PERSON", "Jane Doe", seed=seed("k1"), counter=9, attempt=0)
    others = {op.propose("PERSON", "Jane Doe", seed=seed(f"k{i}"), counter=1, attempt=0)
              for i in range(2, 12)}
    assert len(others - {a}) >= 8


def test_operator_registry_feeds_the_policy(vault) -> None:
    from veil.config import Policy
    from veil.detect.entity import Detection
    from veil.errors import PolicyError
    from veil.mask import Masker, Restorer
    from veil.mask.operators import _REGISTRY, Operator, operator_names, register_operator

    assert set(operator_names()) == {"placeholder", "pseudonym", "synthetic", "redact", "keep",
                                     "dp"}
    assert not get_operator("keep").masks and not get_operator("dp").masks
    assert not get_operator("redact").stored and get_operator("synthetic").stored
    with pytest.raises(PolicyError, match="unknown operator 'initials'"):
        Policy.from_yaml_text("default_operator: initials")

    @register_operator
    class InitialsOperator(Operator):
        name = "initials"

        def propose(self, entity_type, value, *, seed, counter, attempt):
            return "".join(w[0] for w in value.split()) + "." * (attempt + 1)

    try:
        policy = Policy.from_yaml_text("entities: {PERSON: {operator: initials}}")
        r = Masker(vault, policy).mask("Jane Doe", [Detection("PERSON", 0, 8, 1.0, "t", "x")],
                                       tenant="t", session="s")
        assert r.masked == "JD."
        assert Restorer(vault).restore("Hi JD.", tenant="t", session="s") == "Hi Jane Doe"
        with pytest.raises(ValueError, match="registered already"):
            register_operator(type("Other", (InitialsOperator,), {}))
    finally:
        _REGISTRY.pop("initials", None)
    assert "initials" not in operator_names()
