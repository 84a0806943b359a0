"""Fixtures for masking tests: vaults (SQLite; both backends where it matters) and helpers."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from veil.config import Policy, Settings
from veil.mask import Masker, Restorer
from veil.vault import Vault, open_vault


@pytest.fixture
def vault(settings: Settings) -> Iterator[Vault]:
    v = open_vault(settings)
    yield v
    v.close()


@pytest.fixture(params=["sqlite", pytest.param("redis", marks=pytest.mark.redis)])
def any_vault(request: pytest.FixtureRequest, tmp_path: Path, master_key: str) -> Iterator[Vault]:
    url = request.getfixturevalue("redis_url") if request.param == "redis" else "redis://x:1"
    v = open_vault(
        Settings(home=tmp_path, master_key=master_key, vault_backend=request.param, redis_url=url)
    )
    yield v
    v.close()


@pytest.fixture
def tenant() -> str:
    return f"t-{uuid.uuid4().hex[:12]}"


@pytest.fixture
def make_masker(vault: Vault) -> Callable[[str], Masker]:
    return lambda op: Masker(vault, Policy(default_operator=op))  # type: ignore[arg-type]


@pytest.fixture
def restorer(vault: Vault) -> Restorer:
    return Restorer(vault)
