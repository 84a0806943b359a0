"""Which vault session a request belongs to.

Turns of one conversation must share a session so replacements stay stable and placeholders the
LLM quotes from earlier turns can be restored. Clients that know their conversation id send it as
``X-Veil-Session``. Otherwise the id is derived from the conversation itself: an HMAC (keyed by a
gateway secret, so the id reveals nothing about the text) of the tenant, the request's ``user``
field and the first system and first user message -- the prefix every later turn repeats.
Requests of one tenant whose conversations open identically therefore share a session; clients
that need strict separation send the header.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re

from veil.errors import RequestValidationError

from .protocol import ChatCompletionRequest, ChatMessage

SESSION_HEADER = "x-veil-session"
_VALID = re.compile(r"^[A-Za-z0-9_.:@-]{1,128}$")


def _text(m: ChatMessage) -> str:
    if isinstance(m.content, str):
        return m.content
    if m.content is None:
        return ""
    return "\n".join(p.text or "" for p in m.content if p.type == "text")


class SessionResolver:
    def __init__(self, secret: bytes | None = None) -> None:
        self._secret = secret or os.urandom(32)

    @staticmethod
    def from_header(value: str | None) -> str | None:
        if value is None:
            return None
        if not _VALID.match(value):
            raise RequestValidationError(
                "X-Veil-Session must be 1-128 characters of letters, digits and _ . : @ -"
            )
        return f"h:{value}"

    def _mac(self, *parts: str) -> str:
        mac = hmac.new(self._secret, digestmod=hashlib.sha256)
        for p in parts:
            data = p.encode("utf-8", "surrogatepass")
            mac.update(len(data).to_bytes(8, "big") + data)  # length-prefixed: no ambiguity
        return mac.hexdigest()[:32]

    def for_chat(self, tenant: str, req: ChatCompletionRequest, header: str | None) -> str:
        explicit = self.from_header(header)
        if explicit:
            return explicit
        first_system = next(
            (_text(m) for m in req.messages if m.role in ("system", "developer")), ""
        )
        first_user = next((_text(m) for m in req.messages if m.role == "user"), "")
        return "c:" + self._mac("chat", tenant, req.user or "", first_system, first_user)

    def for_completion(self, tenant: str, header: str | None) -> str:
        """Completions carry no conversation: without a header each request is its own session."""
        return self.from_header(header) or "r:" + os.urandom(16).hex()


__all__ = ["SESSION_HEADER", "SessionResolver"]
