"""Upstream kinds by name: how ``upstream.kind`` in the gateway config becomes an :class:`Upstream`.

A new kind of upstream (another provider's wire format, a cryptographic backend...) is one
factory registered here; the config accepts exactly the registered names. The example to copy::

    @register_upstream("openai")
    def _openai(cfg: UpstreamConfig) -> Upstream:
        return OpenAIUpstream(cfg.base_url, api_key=cfg.resolved_api_key(), ...)

Kinds: ``openai`` (any OpenAI-compatible API; ``responses_api: true`` when it has its own
``/responses``), ``obfuscated``, ``anthropic`` (:mod:`.upstream_anthropic`), ``azure``
(:mod:`.upstream_azure`: deployments, ``api_version``, ``api-key`` header) and ``litellm``
(:mod:`.upstream_litellm`, optional extra), ``mpc`` (:mod:`.upstream_mpc`: secret-shared
inference by SPU parties, own environment). The simplest one to copy for a new provider that
speaks the OpenAI format with another URL scheme or auth header is ``azure``: subclass
:class:`OpenAIUpstream`, set the header, override the paths.

A factory raises :class:`~veil.errors.ConfigError` (saying what to set) when its part of the
config is missing; it must not open connections (the gateway's lifespan does that lazily).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from veil.errors import ConfigError

from .upstream import ChatOnlyUpstream, HttpOptions, OpenAIUpstream, Upstream

if TYPE_CHECKING:
    from .config import UpstreamConfig

UpstreamFactory = Callable[["UpstreamConfig"], Upstream]

_KINDS: dict[str, UpstreamFactory] = {}


def register_upstream(kind: str) -> Callable[[UpstreamFactory], UpstreamFactory]:
    """Register ``factory`` under ``kind`` (a second registration under one name is a bug)."""

    def deco(factory: UpstreamFactory) -> UpstreamFactory:
        if kind in _KINDS:
            raise ValueError(f"upstream kind {kind!r} is registered twice")
        _KINDS[kind] = factory
        return factory

    return deco


def upstream_kinds() -> list[str]:
    return sorted(_KINDS)


def build_upstream_of_kind(cfg: UpstreamConfig) -> Upstream:
    factory = _KINDS.get(cfg.kind)
    if factory is None:
        raise ConfigError(
            f"unknown upstream kind {cfg.kind!r}; use one of: {', '.join(upstream_kinds())}"
        )
    return factory(cfg)


def http_options(cfg: UpstreamConfig) -> HttpOptions:
    """The connection settings of ``cfg`` as keyword arguments of :class:`OpenAIUpstream`."""
    return HttpOptions(
        connect_timeout=cfg.connect_timeout_s,
        read_timeout=cfg.read_timeout_s,
        max_connections=cfg.max_connections,
        verify=cfg.tls_verify(),
    )


def require_base_url(cfg: UpstreamConfig, hint: str) -> str:
    """``cfg.base_url``, or a :class:`ConfigError` telling what to set (``hint``)."""
    if not cfg.base_url:
        raise ConfigError(f"upstream kind {cfg.kind!r} needs base_url: {hint}")
    return cfg.base_url


@register_upstream("openai")
def _openai(cfg: UpstreamConfig) -> Upstream:
    """Any OpenAI-compatible HTTP API (a provider, vLLM, the embedded model)."""
    if not cfg.base_url:
        raise ConfigError(
            "no upstream base URL; pass --upstream-base-url or start the embedded model"
        )
    upstream = OpenAIUpstream(cfg.base_url, api_key=cfg.resolved_api_key(), **http_options(cfg))
    upstream.responses_api = cfg.responses_api
    return upstream


@register_upstream("obfuscated")
def _obfuscated(cfg: UpstreamConfig) -> Upstream:
    """An obfuscated open-weight model on an untrusted host, driven through the client codec."""
    try:
        from veil.obfuscation.client import ObfuscatedChatUpstream
    except ImportError:
        raise ConfigError(
            "upstream kind 'obfuscated' needs veil.obfuscation.client and the model extra "
            "(pip install 'veil[model]'); or use kind 'openai'"
        ) from None
    return ChatOnlyUpstream(ObfuscatedChatUpstream(**cfg.obfuscated))


# Kinds in their own modules register themselves on import (each imports only what it needs
# when its factory runs: LiteLLM is an optional extra).
from . import upstream_anthropic, upstream_azure, upstream_litellm, upstream_mpc  # noqa: E402,F401

__all__ = ["UpstreamFactory", "build_upstream_of_kind", "register_upstream", "upstream_kinds"]
