"""What the serving layer writes into the audit log, reduced to identifiers, digests and counts.

Identity is pseudonymized with a key derived from the gateway's session secret: the log links a
principal's requests to each other (and across replicas that share the secret) without naming
the API key, and a session hash cannot be turned back into the vault session it names. Client
supplied strings (model, request id) enter only when they are short identifiers; anything else
is recorded as ``"other"``, so a prompt pasted into a field cannot reach the log.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import re
from collections.abc import Mapping
from contextvars import ContextVar
from typing import Any
from urllib.parse import urlsplit

from veil.errors import AuditRecordError

from .privacy import Conversation
from .request_id import is_opaque_id
from .state import GatewayState
from .streaming import EventRestorer, metric_code
from .tenants import Principal
from .upstream import Body, Upstream

log = logging.getLogger("veil.audit")

#: Purpose of the key that pseudonymizes principals and sessions in the audit log.
AUDIT_PSEUDONYM = "audit-pseudonym"
_TOKEN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:/@+-]{0,127}$")
_ENTITY = re.compile(r"^[A-Z][A-Z0-9_]{0,63}$")
_policy_digests: dict[int, tuple[object, str]] = {}
#: The HTTP request id (x-request-id) of the request being served, so that its request,
#: upstream, restored and refused records can be joined.
_request_id: ContextVar[str | None] = ContextVar("veil_audit_request_id", default=None)
_upstream_labels: dict[int, tuple[object, str]] = {}


def _token(v: object) -> str:
    return v if isinstance(v, str) and _TOKEN.match(v) else "other"


_keys: dict[int, tuple[object, bytes]] = {}


def _pseudonym(state: GatewayState, kind: str, value: str) -> str:
    hit = _keys.get(id(state.sessions))
    if hit is None or hit[0] is not state.sessions:
        hit = (state.sessions, state.sessions.derived_key(AUDIT_PSEUDONYM))
        _keys[id(state.sessions)] = hit
    msg = kind.encode() + b"\x00" + value.encode("utf-8", "surrogatepass")
    return hmac.digest(hit[1], msg, "sha256").hex()[:32]


def policy_digest(state: GatewayState, tenant: str) -> str:
    """SHA-256 of the tenant's effective policy (cached per policy object)."""
    policy = state.core.policy(tenant)
    hit = _policy_digests.get(id(policy))
    if hit is not None and hit[0] is policy:
        return hit[1]
    dump = getattr(policy, "model_dump_json", None)
    raw = dump() if callable(dump) else repr(policy)
    digest = hashlib.sha256(str(raw).encode()).hexdigest()
    if len(_policy_digests) > 256:
        _policy_digests.clear()
    _policy_digests[id(policy)] = (policy, digest)
    return digest


def upstream_label(upstream: Upstream) -> str:
    """``<class>@<host:port>``: which upstream, without a path, query or credentials."""
    hit = _upstream_labels.get(id(upstream))
    if hit is not None and hit[0] is upstream:
        return hit[1]
    name = type(upstream).__name__
    base = getattr(upstream, "base_url", None)
    if isinstance(base, str) and base:
        parts = urlsplit(base)
        host = parts.hostname or ""
        name = f"{name}@{host}:{parts.port}" if parts.port else f"{name}@{host}"
    label = _token(name[:128])
    _upstream_labels[id(upstream)] = (upstream, label)
    return label


def bind_request_id(request_id: str | None) -> None:
    """Remember the current request's id for the records written while serving it."""
    _request_id.set(request_id if request_id and is_opaque_id(request_id) else None)


def _safe_record(state: GatewayState, kind: str, **fields: Any) -> None:
    """Record, never failing the request: a schema violation is a bug, reported loudly."""
    if not state.audit.enabled:
        return
    rid = _request_id.get()
    if rid is not None and "request_id" not in fields:
        fields["request_id"] = rid
    try:
        state.audit.record(kind, **fields)
    except AuditRecordError as e:
        log.error("audit record dropped: %s", e)


def request_accepted(
    state: GatewayState,
    endpoint: str,
    principal: Principal,
    session: str,
    conv: Conversation,
    masked: Body,
    *,
    stream: bool,
) -> None:
    if not state.audit.enabled:
        return
    tenant = principal.tenant.name
    entities = {t if _ENTITY.match(t) else "OTHER": n for t, n in conv.entity_counts.items()}
    messages = masked.get("messages")
    fields: dict[str, Any] = {
        "tenant": tenant,
        "endpoint": endpoint,
        "principal": _pseudonym(state, "principal", f"{tenant}\x00{principal.id}"),
        "session": _pseudonym(state, "session", session),
        "entities": entities,
        "policy": policy_digest(state, tenant),
        "upstream": upstream_label(state.upstream),
        "model": _token(masked.get("model")),
        "stream": int(stream),
        "bytes_in": len(json.dumps(masked, ensure_ascii=False).encode()),
        "messages": len(messages) if isinstance(messages, list) else 0,
    }
    _safe_record(state, "request", **fields)


def upstream_done(
    state: GatewayState,
    endpoint: str,
    tenant: str,
    *,
    latency_s: float,
    stream: bool,
    error: BaseException | None = None,
) -> None:
    fields: dict[str, Any] = {
        "tenant": tenant,
        "endpoint": endpoint,
        "latency_ms": round(latency_s * 1000, 3),
        "stream": int(stream),
        "status": 200,
    }
    if error is not None:
        from .errors import status_and_type

        fields["status"] = status_and_type(error)[0]
        fields["code"] = metric_code(error)
    _safe_record(state, "upstream", **fields)


def count_restored(scope: frozenset[str] | set[str], text: str) -> int:
    """How often this request's replacements occur in the upstream's answer."""
    return sum(text.count(r) for r in scope if r) if text else 0


def restored(
    state: GatewayState, endpoint: str, tenant: str, *, count: int, size: int, stream: bool
) -> None:
    _safe_record(
        state,
        "restored",
        tenant=tenant,
        endpoint=endpoint,
        restored=count,
        bytes_out=size,
        stream=int(stream),
    )


def refused(
    state: GatewayState,
    path: str,
    exc: BaseException,
    status: int,
    *,
    tenant: str | None = None,
    request_id: str | None = None,
) -> None:
    fields: dict[str, Any] = {
        "endpoint": _token(path.strip("/")[:128]),
        "status": status,
        "code": metric_code(exc),
    }
    if tenant:
        fields["tenant"] = _token(tenant)
    if request_id and is_opaque_id(request_id):
        fields["request_id"] = request_id
    _safe_record(state, "refused", **fields)


def _strings(data: Any, out: list[str]) -> None:
    if isinstance(data, str):
        out.append(data)
    elif isinstance(data, Mapping):
        for v in data.values():
            _strings(v, out)
    elif isinstance(data, list):
        for v in data:
            _strings(v, out)


class CountingRestorer:
    """Wraps a stream restorer: counts this request's replacements in the upstream's events
    and records the restoration when the stream finishes. Only counts are kept; the collected
    text lives as long as the stream and is never logged."""

    def __init__(
        self,
        inner: EventRestorer,
        state: GatewayState,
        conv: Conversation,
        endpoint: str,
    ) -> None:
        self._inner, self._state, self._conv, self._endpoint = inner, state, conv, endpoint
        self._parts: list[str] = []
        self._bytes = 0

    def inline_ready(self) -> bool:
        """The wrapped restorer's answer: counting itself does no I/O (``finish`` records)."""
        ready = getattr(self._inner, "inline_ready", None)
        return bool(ready is not None and ready())

    def process(self, chunk: Body) -> Body | None:
        n = len(self._parts)
        _strings(chunk.get("choices"), self._parts)
        self._bytes += sum(len(p.encode()) for p in self._parts[n:])
        return self._inner.process(chunk)

    def finish(self) -> Body | None:
        out = self._inner.finish()
        text = "".join(self._parts)
        self._parts = []
        restored(
            self._state,
            self._endpoint,
            self._conv.tenant,
            count=count_restored(self._conv.scope, text),
            size=self._bytes,
            stream=True,
        )
        return out


__all__ = [
    "AUDIT_PSEUDONYM",
    "CountingRestorer",
    "bind_request_id",
    "count_restored",
    "policy_digest",
    "refused",
    "request_accepted",
    "restored",
    "upstream_done",
    "upstream_label",
]
