"""Presidio's REST API on a real ``veil serve``: shapes, entity names, auth, and no oracle."""

from __future__ import annotations

import base64
import os

import httpx
import pytest

from tests.e2e.conftest import API_KEYS, Proc

pytestmark = pytest.mark.slow

TEXT = (
    "Jane Doe (jane.doe@example.com, +1 415 555 0134) paid with 4111 1111 1111 1111, "
    "SSN 123-45-6789, IBAN DE89370400440532013000, from 10.0.0.7 in Paris."
)
EXPECTED = {
    "Jane Doe": "PERSON",
    "jane.doe@example.com": "EMAIL_ADDRESS",
    "+1 415 555 0134": "PHONE_NUMBER",
    "4111 1111 1111 1111": "CREDIT_CARD",
    "123-45-6789": "US_SSN",
    "DE89370400440532013000": "IBAN_CODE",
    "10.0.0.7": "IP_ADDRESS",
    "Paris": "LOCATION",
}


def _auth(who: str = "acme-a") -> dict[str, str]:
    return {"Authorization": f"Bearer {API_KEYS[who]}"}


def _analyze(gw: Proc, body: dict[str, object], who: str = "acme-a") -> httpx.Response:
    return httpx.post(gw.url + "/presidio/analyze", json=body, headers=_auth(who), timeout=60)


def test_analyze_finds_every_value_with_presidio_names(api_gateway: Proc) -> None:
    r = _analyze(api_gateway, {"text": TEXT, "language": "en"})
    assert r.status_code == 200
    found = {TEXT[i["start"] : i["end"]]: i["entity_type"] for i in r.json()}
    assert found == EXPECTED
    item = r.json()[0]
    assert set(item) == {"entity_type", "start", "end", "score", "analysis_explanation",
                         "recognition_metadata"}
    only = _analyze(api_gateway, {"text": TEXT, "language": "en", "entities": ["US_SSN"]})
    assert [i["entity_type"] for i in only.json()] == ["US_SSN"]
    allowed = _analyze(api_gateway, {"text": TEXT, "language": "en", "allow_list": ["Paris"]})
    assert "LOCATION" not in {i["entity_type"] for i in allowed.json()}


def test_catalogue_routes(api_gateway: Proc) -> None:
    ents = httpx.get(api_gateway.url + "/presidio/supportedentities?language=en", headers=_auth())
    assert {"PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "US_SSN",
            "IP_ADDRESS", "LOCATION"} <= set(ents.json())
    recs = httpx.get(api_gateway.url + "/presidio/recognizers?language=en", headers=_auth())
    assert "email" in recs.json()
    anon = httpx.get(api_gateway.url + "/presidio/anonymizers", headers=_auth()).json()
    assert {"replace", "redact", "mask", "hash", "encrypt", "keep"} == set(anon)
    assert httpx.get(api_gateway.url + "/presidio/deanonymizers", headers=_auth()).json() == [
        "decrypt"
    ]
    assert httpx.get(api_gateway.url + "/presidio/health").status_code == 200


def test_anonymize_stable_distinct_tokens(api_gateway: Proc) -> None:
    text = "Jane Doe met John Smith. Later Jane Doe left."
    results = _analyze(api_gateway, {"text": text, "language": "en"}).json()
    r = httpx.post(api_gateway.url + "/presidio/anonymize", headers=_auth(),
                   json={"text": text, "analyzer_results": results})
    assert r.status_code == 200, r.text
    out = r.json()
    assert "Jane" not in out["text"] and "John" not in out["text"]
    tokens = [i["text"] for i in sorted(out["items"], key=lambda i: i["start"])]
    assert len(tokens) == 3 and tokens[0] == tokens[2] != tokens[1]  # one person, one token
    again = httpx.post(api_gateway.url + "/presidio/anonymize", headers=_auth(),
                       json={"text": "Jane Doe", "analyzer_results": [
                           {"start": 0, "end": 8, "entity_type": "PERSON", "score": 0.9}]})
    assert again.json()["text"] == tokens[0]  # stable across requests of one principal
    other = httpx.post(api_gateway.url + "/presidio/anonymize", headers=_auth("acme-b"),
                       json={"text": "Jane Doe", "analyzer_results": [
                           {"start": 0, "end": 8, "entity_type": "PERSON", "score": 0.9}]})
    assert other.json()["text"] != tokens[0]  # another key cannot compute (or match) it
    named = httpx.post(api_gateway.url + "/presidio/anonymize", headers=_auth(), json={
        "text": text, "analyzer_results": results,
        "anonymizers": {"DEFAULT": {"type": "replace", "new_value": "<PII>"}}})
    assert named.json()["text"].count("<PII>") == 3


def test_encrypt_round_trip_and_no_oracle(api_gateway: Proc) -> None:
    key = "WmZq4t7w!z%C&F)J"
    spans = [{"start": 0, "end": 8, "entity_type": "PERSON", "score": 1.0}]
    enc = httpx.post(api_gateway.url + "/presidio/anonymize", headers=_auth(), json={
        "text": "Jane Doe called", "analyzer_results": spans,
        "anonymizers": {"PERSON": {"type": "encrypt", "key": key}}}).json()
    item = enc["items"][0]
    dec = httpx.post(api_gateway.url + "/presidio/deanonymize", headers=_auth(), json={
        "text": enc["text"], "anonymizer_results": [item],
        "deanonymizers": {"PERSON": {"type": "decrypt", "key": key}}})
    assert dec.status_code == 200 and dec.json()["text"] == "Jane Doe called"
    # Oracle attempts: a placeholder token (of this or another principal) and a chat
    # placeholder are never resolved from the vault, with or without a key.
    token = httpx.post(api_gateway.url + "/presidio/anonymize", headers=_auth("acme-b"), json={
        "text": "Jane Doe", "analyzer_results": spans}).json()["text"]
    for text in (token, "[PERSON_1]"):
        span = [{"start": 0, "end": len(text), "entity_type": "PERSON"}]
        for deanonymizers in ({}, {"DEFAULT": {"type": "decrypt", "key": key}},
                              {"DEFAULT": {"type": "replace"}}):
            r = httpx.post(api_gateway.url + "/presidio/deanonymize", headers=_auth(), json={
                "text": text, "anonymizer_results": span, "deanonymizers": deanonymizers})
            assert r.status_code == 422 and "Jane" not in r.text


def test_refusals_are_presidio_shaped(api_gateway: Proc) -> None:
    url = api_gateway.url + "/presidio/analyze"
    r = httpx.post(url, json={"text": TEXT, "language": "en"})
    assert r.status_code == 401 and "error" in r.json() and "Jane" not in r.text
    wrong = base64.b64encode(b":" + os.urandom(8).hex().encode()).decode()
    r = httpx.post(url, json={"text": TEXT}, headers={"Authorization": f"Basic {wrong}"})
    assert r.status_code == 401
    r = _analyze(api_gateway, {"text": TEXT, "language": "en", "surprise": 1})
    # the extra key is named by its place, never echoed (a caller's key may be a value)
    assert r.status_code == 400 and "<key>: Extra inputs" in r.json()["error"]
    assert "surprise" not in r.text and "Jane" not in r.text
    r = _analyze(api_gateway, {"text": TEXT, "language": "de"})
    assert r.status_code == 400 and "language" in r.json()["error"]
    r = httpx.post(api_gateway.url + "/presidio/anonymize", headers=_auth(), json={
        "text": "short", "analyzer_results": [{"start": 0, "end": 99, "entity_type": "PERSON"}]})
    assert r.status_code == 422
    basic = base64.b64encode(f":{API_KEYS['acme-a']}".encode()).decode()
    r = httpx.post(url, json={"text": "hi", "language": "en"},
                   headers={"Authorization": f"Basic {basic}"})
    assert r.status_code == 200 and r.json() == []
