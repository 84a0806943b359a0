"""What an audit record may contain: a closed schema per kind, checked on every ``record()``.

The log must never hold a detected value or prompt text. That is enforced here, not by habit:
every kind lists its allowed fields, and every field has a type whose strings are short
identifiers (tenant names, error codes, entity types, model names) or hex digests. Free text
cannot pass: a space, a newline or a 129th character is refused, so a sentence, an e-mail
address with spaces around it or a pasted prompt raises :class:`AuditRecordError` instead of
being written. Identity is recorded as keyed pseudonyms (HMAC), never as the key or user itself.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping
from typing import Any

from veil.errors import AuditRecordError

FieldValue = str | int | float | dict[str, int]

_TOKEN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:/@+-]{0,127}$")
_HEX = re.compile(r"^[0-9a-f]{8,64}$")
_ENTITY = re.compile(r"^[A-Z][A-Z0-9_]{0,63}$")
_KIND = re.compile(r"^[a-z][a-z_]{0,31}(\.[a-z][a-z_]{0,31})?$")


def _token(v: object) -> bool:
    return isinstance(v, str) and _TOKEN.match(v) is not None


def _hex(v: object) -> bool:
    return isinstance(v, str) and _HEX.match(v) is not None


def _count(v: object) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and 0 <= v < 2**53


def _number(v: object) -> bool:
    if isinstance(v, bool) or not isinstance(v, int | float):
        return False
    return math.isfinite(v) and 0 <= v < 1e12


def _counts(v: object) -> bool:
    return (
        isinstance(v, dict)
        and len(v) <= 64
        and all(isinstance(k, str) and _ENTITY.match(k) and _count(n) for k, n in v.items())
    )


_Check = Callable[[object], bool]
_TYPE_NAMES: dict[_Check, str] = {
    _token: "an identifier (letters, digits, _ . : / @ + -; at most 128)",
    _hex: "a lowercase hex digest",
    _count: "a non-negative integer",
    _number: "a non-negative finite number",
    _counts: "a mapping of entity types (UPPER_CASE) to counts",
}

#: Fields every kind may carry.
_COMMON: dict[str, _Check] = {"request_id": _token, "tenant": _token}

#: Kind -> field -> type. ``admin.*`` kinds share one schema (see :data:`_ADMIN`).
SCHEMAS: dict[str, dict[str, _Check]] = {
    "request": {
        "endpoint": _token,
        "principal": _hex,  # keyed pseudonym of the API key id
        "session": _hex,  # keyed hash of the vault session id
        "entities": _counts,
        "policy": _hex,  # digest of the tenant's effective policy
        "upstream": _token,
        "model": _token,
        "stream": _count,  # 0 / 1
        "bytes_in": _count,  # masked request body as sent upstream
        "messages": _count,
    },
    "upstream": {
        "endpoint": _token,
        "status": _count,
        "latency_ms": _number,
        "code": _token,  # Veil's error code when the call failed
        "stream": _count,
    },
    "restored": {
        "endpoint": _token,
        "restored": _count,  # replacements of this request found in the answer
        "bytes_out": _count,  # the upstream's answer as received (before restoring)
        "stream": _count,
    },
    "refused": {
        "endpoint": _token,
        "status": _count,
        "code": _token,
    },
}
_ADMIN: dict[str, _Check] = {
    "actor": _token,  # "cli", "console", "api", ...
    "target": _token,  # what the action was applied to ("master-key", a tenant, ...)
    "count": _count,
    "version": _count,
    "shares": _count,
    "threshold": _count,
    "digest": _hex,
    "status": _token,
    "entity_type": _token,
}


def schema_of(kind: str) -> dict[str, _Check]:
    if kind in SCHEMAS:
        return SCHEMAS[kind]
    if kind.startswith("admin.") and _KIND.match(kind):
        return _ADMIN
    known = ", ".join([*SCHEMAS, "admin.<action>"])
    raise AuditRecordError(f"unknown audit record kind {kind!r}; use one of: {known}")


def check_record(kind: str, fields: Mapping[str, object]) -> dict[str, Any]:
    """``fields`` as a plain dict, or AuditRecordError naming the bad field (never its value)."""
    schema = schema_of(kind)
    out: dict[str, Any] = {}
    for name, value in fields.items():
        check = schema.get(name) or _COMMON.get(name)
        if check is None:
            allowed = ", ".join(sorted({*schema, *_COMMON}))
            raise AuditRecordError(
                f"audit record {kind!r} has no field {name!r}; allowed: {allowed}"
            )
        if not check(value):
            raise AuditRecordError(
                f"audit record {kind!r} field {name!r} must be {_TYPE_NAMES[check]}"
            )
        out[name] = dict(value) if isinstance(value, dict) else value
    return out


def encode_leaf(index: int, ts: float, kind: str, fields: Mapping[str, Any]) -> bytes:
    """The canonical bytes of a record, hashed into the Merkle log: sorted keys, no spaces,
    ASCII only, so any verifier re-encoding the same record gets the same bytes. The index is
    inside the leaf: moving a record changes its hash even where the bodies are equal."""
    doc = {"i": index, "ts": round(ts, 6), "kind": kind, "f": fields}
    return json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def decode_leaf(data: bytes) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(data)
    return doc


__all__ = [
    "SCHEMAS",
    "AuditRecordError",
    "FieldValue",
    "check_record",
    "decode_leaf",
    "encode_leaf",
    "schema_of",
]
