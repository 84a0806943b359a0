"""Upstream kind ``mpc`` in the gateway config (no processes start until a request arrives)."""

from __future__ import annotations

import pytest

from veil.errors import ConfigError
from veil.gateway.config import UpstreamConfig
from veil.gateway.upstream_kinds import build_upstream_of_kind, upstream_kinds


def test_mpc_kind_is_registered_and_validates_its_settings(
    monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    fake = tmp_path / "python"
    fake.write_text("#!/bin/sh\n")
    fake.chmod(0o755)
    monkeypatch.setenv("VEIL_CRYPTO_PYTHON", str(fake))
    assert "mpc" in upstream_kinds()
    up = build_upstream_of_kind(UpstreamConfig(kind="mpc", mpc={"protocol": "CHEETAH"}))
    assert type(up).__name__ == "ChatOnlyUpstream"
    with pytest.raises(ConfigError, match="unknown upstream.mpc settings: colour"):
        build_upstream_of_kind(UpstreamConfig(kind="mpc", mpc={"colour": "red"}))
    with pytest.raises(ConfigError, match="unknown MPC protocol"):
        build_upstream_of_kind(UpstreamConfig(kind="mpc", mpc={"protocol": "SPDZ"}))
