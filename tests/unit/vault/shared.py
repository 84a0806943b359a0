"""What the vault's and the command line's bad-input tests share: an isolated ``VEIL_HOME``
(the ``home`` fixture, registered by the conftests of tests/unit/vault and tests/unit/cli),
a fresh master key, and the key ids a vault file stores (to check that nothing was created)."""

from __future__ import annotations

import base64
import os
import sqlite3
from pathlib import Path

import pytest

EMAIL = "jane.doe@example.com"

#: settings that would point a test at a vault, a key or a gateway other than its own
_ENVIRONMENT = ("VEIL_MASTER_KEY", "VEIL_NEW_MASTER_KEY", "VEIL_VAULT_PATH", "VEIL_VAULT_BACKEND",
                "VEIL_REDIS_URL", "VEIL_VAULT_LOCK_TIMEOUT_S", "VEIL_AUDIT_SIGNING_KEY",
                "VEIL_API_KEY", "VEIL_ADMIN_KEY")


def new_key() -> str:
    """A fresh master key (base64 of 32 random bytes)."""
    return base64.b64encode(os.urandom(32)).decode()


def key_ids(path: Path) -> list[str]:
    """The key ids (tenant secrets, data keys, ``#prev`` wrappings) a SQLite vault stores."""
    with sqlite3.connect(path) as c:
        return sorted(str(r[0]) for r in c.execute("SELECT tenant FROM tenant_keys"))


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``VEIL_HOME`` under the test's folder, not created yet, with no ``VEIL_*`` setting
    inherited that names another vault or key; the working directory is the test's folder."""
    monkeypatch.setenv("VEIL_HOME", str(tmp_path / "home"))
    for var in _ENVIRONMENT:
        monkeypatch.delenv(var, raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path / "home"
