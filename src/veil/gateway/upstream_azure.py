"""Upstream kind ``azure``: Azure OpenAI, whose URLs name a *deployment* and an ``api-version``
(``{endpoint}/openai/deployments/{deployment}/chat/completions?api-version=...``) and whose key
goes in the ``api-key`` header. Otherwise it speaks the OpenAI wire format.

Config::

    upstream:
      kind: azure
      base_url: https://my-resource.openai.azure.com
      api_key_env: AZURE_OPENAI_API_KEY
      api_version: "2024-10-21"
      deployments: {gpt-4o-mini: my-gpt4o-mini}   # model -> deployment (default: same name)
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import TYPE_CHECKING
from urllib.parse import quote

from typing_extensions import Unpack

from veil.errors import RequestValidationError
from veil.wire.openai import model_list

from .upstream import Body, HttpOptions, OpenAIUpstream, Upstream
from .upstream_kinds import http_options, register_upstream, require_base_url

if TYPE_CHECKING:
    from .config import UpstreamConfig

DEFAULT_API_VERSION = "2024-10-21"


class AzureOpenAIUpstream(OpenAIUpstream):
    def __init__(
        self,
        endpoint: str,
        *,
        api_key: str | None,
        api_version: str = DEFAULT_API_VERSION,
        deployments: dict[str, str] | None = None,
        **http: Unpack[HttpOptions],
    ) -> None:
        base = endpoint.rstrip("/")
        if not base.endswith("/openai"):
            base += "/openai"
        super().__init__(base, **http)
        if api_key:
            self._client.headers["api-key"] = api_key
        self.api_version = api_version
        self.deployments = dict(deployments or {})

    def _path(self, body: Body, op: str) -> str:
        model = body.get("model")
        if not isinstance(model, str) or not model:
            raise RequestValidationError("model is required (it names the Azure deployment)")
        deployment = self.deployments.get(model, model)
        return (
            f"/deployments/{quote(deployment, safe='')}/{op}?api-version="
            f"{quote(self.api_version, safe='')}"
        )

    async def chat(self, body: Body) -> Body:
        return await self.post(self._path(body, "chat/completions"), body)

    def stream_chat(self, body: Body) -> AsyncIterator[Body]:
        return self._stream(self._path(body, "chat/completions"), body)

    async def completions(self, body: Body) -> Body:
        return await self.post(self._path(body, "completions"), body)

    def stream_completions(self, body: Body) -> AsyncIterator[Body]:
        return self._stream(self._path(body, "completions"), body)

    async def embeddings(self, body: Body) -> Body:
        return await self.post(self._path(body, "embeddings"), body)

    async def models(self) -> Body:
        """The configured deployments (Azure lists deployments only through its management
        API, which a data-plane key cannot call)."""
        return model_list(*sorted(self.deployments), owned_by="azure")


@register_upstream("azure")
def _azure(cfg: UpstreamConfig) -> Upstream:
    """Azure OpenAI (base_url: the resource endpoint, https://<resource>.openai.azure.com)."""
    return AzureOpenAIUpstream(
        require_base_url(cfg, "https://<resource>.openai.azure.com"),
        api_key=cfg.resolved_api_key(),
        api_version=cfg.api_version or DEFAULT_API_VERSION,
        deployments=cfg.deployments,
        **http_options(cfg),
    )


__all__ = ["AzureOpenAIUpstream"]
