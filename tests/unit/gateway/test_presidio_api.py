"""Presidio request handling without a server: tokens, operators, the deanonymize guard."""

from __future__ import annotations

import pytest

from veil.detect.entity import Detection
from veil.gateway.presidio_api import (
    AnonymizeRequest,
    DeanonymizeRequest,
    PresidioError,
    _with_repeats,
    anonymize,
    deanonymize,
    placeholder_token,
    to_presidio,
    to_veil,
)

KEY = b"k" * 32


def test_entity_names_round_trip() -> None:
    for veil_type, presidio in [("EMAIL", "EMAIL_ADDRESS"), ("PHONE", "PHONE_NUMBER"),
                                ("IBAN", "IBAN_CODE"), ("PERSON", "PERSON")]:
        assert to_presidio(veil_type) == presidio and to_veil(presidio) == veil_type


def test_tokens_are_stable_keyed_and_distinct() -> None:
    a = placeholder_token(KEY, "acme", "key-1", "PERSON", "Jane Doe")
    assert a == placeholder_token(KEY, "acme", "key-1", "PERSON", "jane  doe")  # normalized
    assert a != placeholder_token(KEY, "acme", "key-2", "PERSON", "Jane Doe")
    assert a != placeholder_token(b"x" * 32, "acme", "key-1", "PERSON", "Jane Doe")
    assert a != placeholder_token(KEY, "acme", "key-1", "PERSON", "John Smith")
    assert a.startswith("[PERSON_") and "Jane" not in a


def test_anonymize_default_and_named_operators() -> None:
    text = "Jane Doe wrote to jane@example.com"
    spans = [{"start": 0, "end": 8, "entity_type": "PERSON", "score": 0.9},
             {"start": 18, "end": 34, "entity_type": "EMAIL_ADDRESS", "score": 0.9}]
    out = anonymize(AnonymizeRequest.model_validate({"text": text, "analyzer_results": spans}),
                    key=KEY, tenant="t", principal="p")
    assert "Jane" not in out["text"] and "jane@" not in out["text"]
    assert {i["entity_type"] for i in out["items"]} == {"PERSON", "EMAIL_ADDRESS"}
    masked = anonymize(AnonymizeRequest.model_validate({
        "text": text, "analyzer_results": spans, "anonymizers": {
            "PERSON": {"type": "mask", "masking_char": "*", "chars_to_mask": 4,
                       "from_end": False},
            "DEFAULT": {"type": "redact"}}}), key=KEY, tenant="t", principal="p")
    assert masked["text"] == "**** Doe wrote to "
    with pytest.raises(PresidioError):
        anonymize(AnonymizeRequest.model_validate({
            "text": text, "analyzer_results": spans,
            "anonymizers": {"DEFAULT": {"type": "custom", "lambda": "lambda x: x"}}}),
            key=KEY, tenant="t", principal="p")


def test_deanonymize_only_decrypts_with_the_callers_key() -> None:
    key = "WmZq4t7w!z%C&F)J"
    enc = anonymize(AnonymizeRequest.model_validate({
        "text": "Jane Doe", "analyzer_results": [
            {"start": 0, "end": 8, "entity_type": "PERSON", "score": 1}],
        "anonymizers": {"DEFAULT": {"type": "encrypt", "key": key}}}),
        key=KEY, tenant="t", principal="p")
    ok = deanonymize(DeanonymizeRequest.model_validate({
        "text": enc["text"], "anonymizer_results": enc["items"],
        "deanonymizers": {"DEFAULT": {"type": "decrypt", "key": key}}}))
    assert ok["text"] == "Jane Doe"
    for deanonymizers in ({}, {"DEFAULT": {"type": "replace"}},
                          {"DEFAULT": {"type": "decrypt", "key": "0" * 16}}):
        with pytest.raises(PresidioError):
            deanonymize(DeanonymizeRequest.model_validate({
                "text": "[PERSON_1]", "anonymizer_results": [
                    {"start": 0, "end": 10, "entity_type": "PERSON"}],
                "deanonymizers": deanonymizers}))


def test_repeats_of_a_detected_value_are_found() -> None:
    text = "Jane Doe met Bob. Later Jane Doe left; Jane Does is someone else."
    found = _with_repeats(text, [Detection("PERSON", 0, 8, 0.85, "ner", "Jane Doe")])
    assert [(d.start, d.end) for d in found] == [(0, 8), (24, 32)]
