from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from veil.detect import validators as v


@pytest.mark.parametrize("card", ["4111 1111 1111 1111", "4111-1111-1111-1111", "5555555555554444",
                                  "378282246310005", "6011111111111117", "3530111333300000"])
def test_valid_cards(card: str) -> None:
    assert v.is_credit_card(card)


@pytest.mark.parametrize("card", ["4111 1111 1111 1112",  # Luhn fails
                                  "4111-1111 1111-1111",  # mixed separators
                                  "0000000000000000",  # no issuer
                                  "1234"])
def test_invalid_cards(card: str) -> None:
    assert not v.is_credit_card(card)


def test_iban_checksum() -> None:
    assert v.is_iban("GB82WEST12345698765432")
    assert v.is_iban("GB82 WEST 1234 5698 7654 32")
    assert not v.is_iban("GB83WEST12345698765432")
    assert v.refine_iban("GB82 WEST 1234 5698 7654 32 THEN") == (0, 27)


@pytest.mark.parametrize("ssn", ["123-45-6789", "123 45 6789", "123456789"])
def test_valid_ssn(ssn: str) -> None:
    assert v.is_us_ssn(ssn)


@pytest.mark.parametrize("ssn", ["000-12-3456", "666-12-3456", "900-12-3456", "123-00-6789",
                                 "123-45-0000", "123-45 6789"])
def test_invalid_ssn(ssn: str) -> None:
    assert not v.is_us_ssn(ssn)


def test_email() -> None:
    assert v.is_email("jane.doe@example.com")
    assert v.is_email("ops@db.corp.local")  # special-use domains are still addresses
    assert not v.is_email("jane..doe@example.com")
    assert not v.is_email("jane@-example.com")


def test_ip_and_port() -> None:
    assert v.is_ip("192.168.0.1") and v.is_ip("2001:db8::1")
    assert not v.is_ip("999.1.1.1") and not v.is_ip("a::b")  # a short fragment: code
    assert v.is_ip("::") and v.is_ip("::1") and v.is_ip("10.0.0.0/8")
    assert v.refine_ip("2001:db8:0:0:0:0:0:1:8080") == (0, len("2001:db8:0:0:0:0:0:1"))


def test_mac_bitcoin_jwt() -> None:
    assert v.is_mac("00:1A:2B:3C:4D:5E") and not v.is_mac("00:1A:2B-3C:4D:5E")
    assert v.is_bitcoin("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2")
    assert not v.is_bitcoin("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3")
    assert v.is_bitcoin("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq")
    assert v.is_jwt("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln")
    assert not v.is_jwt("eyJub3QiOiJqd3QifQ.eyJzdWIiOiIxIn0.c2ln")


def test_dates_and_entropy() -> None:
    assert v.is_date("1985-03-14") and v.is_date("March 14, 1985") and v.is_date("14.03.1985")
    assert not v.is_date("1985-13-45") and not v.is_date("31/02/1990")
    assert v.looks_random("8fA9kL2mQ7xZ1pR4tV6wY3bN5cE0gH2j")
    assert not v.looks_random("aaaaaaaaaaaaaaaaaaaaaaaa")
    assert not v.looks_random("configurationmanager")


_ATOM = st.text(alphabet="abcXYZ0189_%+-", min_size=1, max_size=22)
_LABEL = st.text(alphabet="abzQ09-", min_size=1, max_size=63).filter(
    lambda s: s[0] != "-" and s[-1] != "-")
_TLD = st.one_of(st.text(alphabet="abcxyzQ", min_size=2, max_size=24),
                 st.sampled_from(["local", "localhost", "test", "onion", "arpa", "invalid"]))


@settings(max_examples=600, deadline=None)
@given(st.lists(_ATOM, min_size=1, max_size=4), st.lists(_LABEL, min_size=1, max_size=5), _TLD)
def test_a_plain_address_is_one_email_validator_accepts(
        atoms: list[str], labels: list[str], tld: str) -> None:
    """Whatever the quick form accepts, email-validator (with the private-name rule) accepts;
    and it decides the rest, so both give the same verdict on every address generated."""
    value = ".".join(atoms) + "@" + ".".join([*labels, tld])
    assert v.is_email(value) == v._checked_email(value), value
    if v._PLAIN_EMAIL.fullmatch(value) and len(value) <= 254 and len(".".join(atoms)) <= 64 \
            and "--" not in value.rpartition("@")[2]:
        assert v._checked_email(value), value


@pytest.mark.parametrize("value", [
    "a" * 64 + "@example.com", "a" * 65 + "@example.com",  # the local part's limit
    "x@" + "a" * 63 + ".com", "x@" + "a" * 64 + ".com",  # a label's limit
    "x@" + ".".join(["a" * 60] * 4) + ".com",  # past 254 characters
    "x@ab--cd.com", "x@xn--bcher-kva.com", "x@exa_mple.com", "x@example.c0m", ".x@example.com",
    "x.@example.com", "x..y@example.com", "x@example", "x@-example.com", "x@example-.com",
])
def test_quick_and_checked_addresses_agree_at_the_edges(value: str) -> None:
    assert v.is_email(value) == v._checked_email(value)
