"""Upstream kinds come from a registry: the config accepts exactly the registered names."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from veil.errors import ConfigError
from veil.gateway import build_upstream
from veil.gateway.config import GatewayConfig, UpstreamConfig
from veil.gateway.upstream import OpenAIUpstream, Upstream
from veil.gateway.upstream_kinds import _KINDS, register_upstream, upstream_kinds


def test_builtin_kinds_are_registered() -> None:
    assert {"openai", "obfuscated"} <= set(upstream_kinds())


def test_unknown_kind_is_a_config_error_naming_the_known_ones() -> None:
    with pytest.raises(ValidationError) as e:
        UpstreamConfig(kind="carrier-pigeon")
    assert "carrier-pigeon" in str(e.value) and "openai" in str(e.value)


def test_openai_kind_needs_a_base_url() -> None:
    with pytest.raises(ConfigError, match="base URL"):
        build_upstream(GatewayConfig())


def test_openai_kind_builds_an_openai_upstream() -> None:
    up = build_upstream(GatewayConfig(upstream=UpstreamConfig(base_url="http://127.0.0.1:9/v1")))
    assert isinstance(up, OpenAIUpstream)


def test_a_registered_kind_is_accepted_and_built() -> None:
    made: list[Any] = []

    @register_upstream("test-kind")
    def _factory(cfg: UpstreamConfig) -> Upstream:
        made.append(cfg)
        return OpenAIUpstream("http://127.0.0.1:9/v1", api_key=None)

    try:
        cfg = GatewayConfig(upstream=UpstreamConfig(kind="test-kind"))
        assert isinstance(build_upstream(cfg), OpenAIUpstream)
        assert made == [cfg.upstream]
        with pytest.raises(ValueError, match="twice"):
            register_upstream("test-kind")(_factory)
    finally:
        _KINDS.pop("test-kind", None)
