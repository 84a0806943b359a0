"""Upstream kind ``anthropic``: the Anthropic Messages API (``POST {base_url}/messages``).

``/v1/messages`` is forwarded as it is (masked); the OpenAI endpoints (chat completions, and the
Responses API through them) are translated to Messages and back by :mod:`veil.wire.anthropic`.
Legacy text completions have no Anthropic equivalent and are refused.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import TYPE_CHECKING

from typing_extensions import Unpack

from veil.errors import RequestValidationError
from veil.wire.anthropic import (
    ANTHROPIC_VERSION,
    MessagesToChatStream,
    TranslationError,
    chat_from_message,
    chat_to_messages,
)
from veil.wire.openai import model_list

from .upstream import Body, HttpOptions, OpenAIUpstream, Upstream
from .upstream_kinds import http_options, register_upstream, require_base_url

if TYPE_CHECKING:
    from .config import UpstreamConfig


def _is_stop(event: Body) -> bool:
    return event.get("type") == "message_stop"


class AnthropicUpstream(OpenAIUpstream):
    """Anthropic's API (or a server speaking it): ``x-api-key`` and ``anthropic-version``."""

    #: /v1/messages goes to this upstream as it is.
    speaks_messages = True

    def __init__(
        self,
        base_url: str,
        *,
        api_key: str | None = None,
        version: str = ANTHROPIC_VERSION,
        **http: Unpack[HttpOptions],
    ) -> None:
        super().__init__(base_url, **http)
        headers = {"anthropic-version": version}
        if api_key:
            headers["x-api-key"] = api_key
        self._client.headers.update(headers)

    # --- the Messages API as it is -----------------------------------------------------------

    async def messages(self, body: Body) -> Body:
        return await self.post("/messages", body)

    def stream_messages(self, body: Body) -> AsyncIterator[Body]:
        return self.stream_events("/messages", body, until=_is_stop)

    async def count_tokens(self, body: Body) -> Body:
        return await self.post("/messages/count_tokens", body)

    # --- the OpenAI endpoints, translated ----------------------------------------------------

    @staticmethod
    def _translate(body: Body) -> Body:
        try:
            return chat_to_messages(body)
        except TranslationError as e:
            raise RequestValidationError(f"{e}; send text parts only") from None

    async def chat(self, body: Body) -> Body:
        return chat_from_message(await self.messages(self._translate(body)))

    async def stream_chat(self, body: Body) -> AsyncIterator[Body]:
        translator = MessagesToChatStream()
        async for event in self.stream_messages(self._translate(body)):
            for chunk in translator.feed(event):
                yield chunk

    async def completions(self, body: Body) -> Body:
        raise RequestValidationError(
            "an Anthropic upstream has no text completions; use POST /v1/chat/completions or "
            "POST /v1/messages"
        )

    async def stream_completions(self, body: Body) -> AsyncIterator[Body]:
        await self.completions(body)
        yield {}  # pragma: no cover - unreachable, makes this an async generator

    async def models(self) -> Body:
        data = await self._request("GET", "/models")
        ids = [m["id"] for m in data.get("data") or [] if isinstance(m, dict) and "id" in m]
        return model_list(*ids, owned_by="anthropic")


@register_upstream("anthropic")
def _anthropic(cfg: UpstreamConfig) -> Upstream:
    """Anthropic's Messages API (base_url e.g. https://api.anthropic.com/v1)."""
    return AnthropicUpstream(
        require_base_url(cfg, "e.g. https://api.anthropic.com/v1"),
        api_key=cfg.resolved_api_key(),
        version=cfg.api_version or ANTHROPIC_VERSION,
        **http_options(cfg),
    )


__all__ = ["AnthropicUpstream"]
