"""Which vault session a request belongs to.

Turns of one conversation must share a session so replacements stay stable and placeholders the
LLM quotes from earlier turns can be restored. A session holds originals, so it belongs to the
principal (tenant + API key) that created it: every session id is an HMAC, keyed by a gateway
secret, over the tenant, the principal and the conversation's identity. Knowing a session id (or
a conversation's opening) therefore grants nothing to another key, and two principals never
share a session.

The conversation's identity is the ``X-Veil-Session`` header when the client sends one, else the
request's ``user`` field and the first system and first user message -- the prefix every later
turn repeats. Requests of ONE principal whose conversations open identically share a session;
clients that need strict separation send the header.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re

from veil.errors import RequestValidationError
from veil.wire.openai import ChatCompletionRequest, ChatMessage

from .tenants import Principal

SESSION_HEADER = "x-veil-session"
#: Purpose of the key that pseudonymizes a request's ``user`` field.
USER_PSEUDONYM = "user-pseudonym"
_VALID = re.compile(r"^[A-Za-z0-9_.:@-]{1,128}$")


def _text(m: ChatMessage) -> str:
    if isinstance(m.content, str):
        return m.content
    if m.content is None:
        return ""
    return "\n".join(p.text or "" for p in m.content if p.type == "text")


def _check_header(value: str) -> str:
    if not _VALID.match(value):
        raise RequestValidationError(
            "X-Veil-Session must be 1-128 characters of letters, digits and _ . : @ -"
        )
    return value


class SessionResolver:
    def __init__(self, secret: bytes | None = None) -> None:
        self._secret = secret or os.urandom(32)

    def derived_key(self, purpose: str) -> bytes:
        """A key for ``purpose`` derived from the gateway secret: stable across restarts and
        replicas that share the secret, unrelated to the session ids."""
        return hmac.new(self._secret, b"veil-derived-key\x00" + purpose.encode(), "sha256").digest()

    def _mac(self, *parts: str) -> str:
        mac = hmac.new(self._secret, digestmod=hashlib.sha256)
        for p in parts:
            data = p.encode("utf-8", "surrogatepass")
            mac.update(len(data).to_bytes(8, "big") + data)  # length-prefixed: no ambiguity
        return mac.hexdigest()[:32]

    def from_header(self, principal: Principal, value: str | None) -> str | None:
        """The principal's session named by ``X-Veil-Session``, if the header was sent."""
        if value is None:
            return None
        return "h:" + self._mac("header", principal.tenant.name, principal.id, _check_header(value))

    def for_chat(self, principal: Principal, req: ChatCompletionRequest, header: str | None) -> str:
        explicit = self.from_header(principal, header)
        if explicit:
            return explicit
        first_system = next(
            (_text(m) for m in req.messages if m.role in ("system", "developer")), ""
        )
        first_user = next((_text(m) for m in req.messages if m.role == "user"), "")
        return "c:" + self._mac(
            "chat", principal.tenant.name, principal.id, req.user or "", first_system, first_user
        )

    def for_completion(self, principal: Principal, header: str | None) -> str:
        """Completions carry no conversation: without a header each request is its own session."""
        return self.from_header(principal, header) or "r:" + os.urandom(16).hex()


__all__ = ["SESSION_HEADER", "USER_PSEUDONYM", "SessionResolver"]
