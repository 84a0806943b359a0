"""A bank's, an insurer's and an accountant's own words that the name models read as a
person, a company or a place (the s76a probes' words lost): a balance sheet's lines, a KYC
file's documents, ISO 20022's tags, a card scheme's reason codes, currency codes, a label a
wide gap sets apart after a name, an acronym before one. Each checked on the span a model
gives; a name beside the same words stays a name."""

from __future__ import annotations

import pytest

from veil.detect.finance_words import finance_word
from veil.detect.ner import after_label_word, before_next_label, is_label_word
from veil.detect.trade_words import trade_word


def _span(text: str, span: str) -> tuple[int, int]:
    s = text.index(span)
    return s, s + len(span)


@pytest.mark.parametrize(("text", "span", "label"), [
    ("Balance sheet: Accrued expenses 1,204; Retained earnings 9,310", "Accrued", "PERSON"),
    ("Balance sheet: Accrued expenses 1,204; Retained earnings 9,310", "Retained", "PERSON"),
    ("Documents seen: Residence Permit and a Council Tax Bill", "Council Tax Bill",
     "ORGANIZATION"),
    ("Proof: Utility Bill from March", "Bill", "PERSON"),
    ("map the payer to Dbtr and the payee to Cdtr", "Dbtr", "PERSON"),
    ("the Addenda record follows the entry", "Addenda", "PERSON"),
    ("refund under Visa reason code 12.6.1", "Visa", "PERSON"),
    ("Amex F24 No Cardholder Authorization", "Amex", "ORGANIZATION"),
    ("rules of Subrogation apply", "Subrogation", "LOCATION"),
    ("we pay via Fedwire daily", "Fedwire", "PERSON"),
])
def test_the_trade_s_words_are_no_values(text: str, span: str, label: str) -> None:
    s, e = _span(text, span)
    assert trade_word(text, s, e, label)


@pytest.mark.parametrize(("text", "span"), [
    ("Payment from Ottoline Verhaegen-Mbeki for the deposit", "Ottoline Verhaegen-Mbeki"),
    ("Visa Okonjo-Reyes signed the form", "Okonjo-Reyes"),
    ("National Grid plc reported", "National Grid"),
])
def test_names_beside_them_stay_names(text: str, span: str) -> None:
    s, e = _span(text, span)
    assert not finance_word(text, s, e, span.split())


@pytest.mark.parametrize("code", ["GBP", "EUR", "BTC", "APR", "LTV", "UBO", "MICR"])
def test_currency_codes_and_acronyms_are_label_words(code: str) -> None:
    assert is_label_word(code)


@pytest.mark.parametrize("name", ["Ben", "Isa", "Ira", "Nic", "Ron"])
def test_given_names_that_are_acronyms_too_are_no_label_words(name: str) -> None:
    assert not is_label_word(name)


def test_a_label_after_a_wide_gap_ends_the_name() -> None:
    text = "Payee: Radegund Oyelaran-Beck   Amount: $1,250.00"
    s = text.index("Radegund")
    e = text.index(": $")
    assert text[s:before_next_label(text, s, e)] == "Radegund Oyelaran-Beck"


def test_a_currency_code_before_an_amount_leaves_the_span() -> None:
    text = "medical costs in Valletta EUR 2,310 were paid"
    s, e = _span(text, "Valletta EUR")
    assert text[s:before_next_label(text, s, e)] == "Valletta"


def test_a_name_with_one_space_keeps_its_words() -> None:
    text = "Payee: Radegund Oyelaran-Beck: paid"
    s, e = _span(text, "Radegund Oyelaran-Beck")
    assert before_next_label(text, s, e) == e


def test_an_acronym_before_a_name_leaves_the_span() -> None:
    text = "screening hit on UBO Casimir Wendt-Achebe today"
    s, e = _span(text, "UBO Casimir Wendt-Achebe")
    assert text[after_label_word(text, s, e):e] == "Casimir Wendt-Achebe"
