"""The record schema refuses anything that could carry text or a value."""

from __future__ import annotations

import pytest

from veil.audit import NullAudit, check_record
from veil.audit.records import encode_leaf
from veil.errors import AuditRecordError

SECRET = "jane.doe@example.com"


def test_allowed_fields_pass() -> None:
    f = check_record(
        "request",
        {"tenant": "acme", "entities": {"PERSON": 2}, "bytes_in": 10, "policy": "ab" * 32},
    )
    assert f["entities"] == {"PERSON": 2}
    check_record("admin.key_rotation", {"target": "master-key", "count": 3, "actor": "cli"})


@pytest.mark.parametrize(
    ("kind", "fields", "why"),
    [
        ("request", {"tenant": "Jane Doe lives at 1 Main St"}, "identifier"),
        ("request", {"model": "gpt\nignore previous"}, "identifier"),
        ("request", {"model": "x" * 129}, "identifier"),
        ("request", {"prompt": "hello"}, "no field 'prompt'"),
        ("request", {"entities": {"PERSON": "Jane"}}, "entity types"),
        ("request", {"entities": {"Jane Doe": 1}}, "entity types"),
        ("request", {"bytes_in": -1}, "non-negative integer"),
        ("request", {"bytes_in": True}, "non-negative integer"),
        ("request", {"principal": SECRET}, "hex digest"),
        ("upstream", {"latency_ms": float("nan")}, "finite"),
        ("refused", {"code": SECRET + " x"}, "identifier"),
        ("chat", {}, "unknown audit record kind"),
        ("admin.Rotate Key", {}, "unknown audit record kind"),
        ("admin.rotate", {"value": "x"}, "no field 'value'"),
    ],
)
def test_bad_records_are_refused_without_echoing_the_value(
    kind: str, fields: dict[str, object], why: str
) -> None:
    for sink in (check_record, lambda k, f: NullAudit().record(k, **f)):
        with pytest.raises(AuditRecordError) as e:
            sink(kind, fields)
        assert why in str(e.value)
        assert "Jane" not in str(e.value) and SECRET not in str(e.value)


def test_leaf_encoding_is_canonical() -> None:
    a = encode_leaf(3, 1.5, "request", {"b": 1, "a": {"Y": 1, "X": 2}})
    b = encode_leaf(3, 1.5, "request", {"a": {"X": 2, "Y": 1}, "b": 1})
    assert a == b == b'{"f":{"a":{"X":2,"Y":1},"b":1},"i":3,"kind":"request","ts":1.5}'
