"""Upstream kind ``litellm``: any provider LiteLLM's SDK supports (Bedrock, Vertex, Gemini,
Cohere, Mistral, Ollama...), called in-process through ``litellm.acompletion``. An optional
extra: ``pip install 'veil[litellm]'``.

Config::

    upstream:
      kind: litellm
      litellm: {api_base: http://127.0.0.1:11434}   # extra acompletion kwargs (optional)
      api_key_env: GEMINI_API_KEY                    # passed as api_key

The request's ``model`` is LiteLLM's model string (``gemini/gemini-2.0-flash``,
``bedrock/anthropic.claude-3-haiku...``). Only masked bodies reach this class.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any

from veil.errors import ConfigError, RequestValidationError
from veil.wire.openai import model_list

from .errors import UpstreamConnectError, UpstreamStatusError, UpstreamTimeoutError
from .upstream import Body, Upstream
from .upstream_kinds import register_upstream

if TYPE_CHECKING:
    from .config import UpstreamConfig

#: Chat parameters passed on to LiteLLM (it maps them per provider); others are not forwarded.
_PARAMS = (
    "messages", "stream", "temperature", "top_p", "max_tokens", "max_completion_tokens", "stop",
    "n", "presence_penalty", "frequency_penalty", "seed", "tools", "tool_choice",
    "parallel_tool_calls", "response_format", "user", "logprobs", "top_logprobs",
    "reasoning_effort", "stream_options",
)


def _dump(obj: Any) -> Body:
    data = obj.model_dump() if hasattr(obj, "model_dump") else dict(obj)
    return data if isinstance(data, dict) else {}


class LiteLLMUpstream:
    def __init__(self, litellm: Any, *, api_key: str | None, extra: dict[str, Any]) -> None:
        self._litellm = litellm
        self._kwargs = dict(extra)
        if api_key:
            self._kwargs["api_key"] = api_key

    def _call_kwargs(self, body: Body) -> dict[str, Any]:
        model = body.get("model")
        if not isinstance(model, str) or not model:
            raise RequestValidationError("model is required (LiteLLM's provider/model string)")
        kw = {k: body[k] for k in _PARAMS if k in body}
        return {**self._kwargs, **kw, "model": model}

    def _error(self, e: Exception) -> Exception:
        """LiteLLM's exceptions as the gateway's upstream errors (class names only: their
        messages may quote the masked request or the provider's answer)."""
        lm = self._litellm
        if isinstance(e, getattr(lm, "Timeout", ())):
            return UpstreamTimeoutError("upstream (LiteLLM) timed out; retry")
        if isinstance(e, getattr(lm, "APIConnectionError", ())):
            return UpstreamConnectError("LiteLLM cannot reach the provider; check api_base/keys")
        status = getattr(e, "status_code", None)
        return UpstreamStatusError(status if isinstance(status, int) else 502)

    async def chat(self, body: Body) -> Body:
        try:
            resp = await self._litellm.acompletion(**self._call_kwargs(body))
        except RequestValidationError:
            raise
        except Exception as e:  # noqa: BLE001 - mapped to an upstream error
            raise self._error(e) from None
        return _dump(resp)

    async def stream_chat(self, body: Body) -> AsyncIterator[Body]:
        kw = self._call_kwargs(body)
        kw["stream"] = True
        try:
            stream = await self._litellm.acompletion(**kw)
            async for chunk in stream:
                yield _dump(chunk)
        except RequestValidationError:
            raise
        except Exception as e:  # noqa: BLE001 - mapped to an upstream error
            raise self._error(e) from None

    async def completions(self, body: Body) -> Body:
        raise RequestValidationError(
            "upstream kind litellm serves chat only; use POST /v1/chat/completions"
        )

    async def stream_completions(self, body: Body) -> AsyncIterator[Body]:
        await self.completions(body)
        yield {}  # pragma: no cover - unreachable, makes this an async generator

    async def models(self) -> Body:
        return model_list(owned_by="litellm")

    async def aclose(self) -> None:
        return None


@register_upstream("litellm")
def _litellm(cfg: UpstreamConfig) -> Upstream:
    """Any provider LiteLLM's SDK supports (optional extra ``veil[litellm]``)."""
    try:
        import litellm
    except ImportError:
        raise ConfigError(
            "upstream kind 'litellm' needs LiteLLM: pip install 'veil[litellm]'"
        ) from None
    extra = dict(cfg.litellm)
    if cfg.base_url and "api_base" not in extra:
        extra["api_base"] = cfg.base_url
    extra.setdefault("timeout", cfg.read_timeout_s)
    return LiteLLMUpstream(litellm, api_key=cfg.resolved_api_key(), extra=extra)


__all__ = ["LiteLLMUpstream"]
