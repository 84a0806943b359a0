"""The vault refuses what it cannot do safely, and creates nothing for a name it does not know:
an unknown tenant's rotation, a key file that went missing, a rotation whose new key cannot be
saved, and dropping old wrappings that may be the only ones left."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.vault.shared import EMAIL, key_ids, new_key
from veil.config import Settings
from veil.errors import VaultError, VaultKeyError, VaultUnavailableError
from veil.vault import SQLiteVault
from veil.vault.crypto import PREVIOUS


def _add(v: SQLiteVault, tenant: str, session: str, value: str) -> str:
    return v.get_or_create(
        tenant, session, entity_type="EMAIL", original=value, operator="placeholder",
        exact_key=value, propose=lambda counter, attempt: f"[EMAIL_{counter}]",
    ).replacement


def test_rotating_an_unknown_tenant_creates_no_key(home: Path) -> None:
    with SQLiteVault(Settings()) as v:
        _add(v, "acme", "s1", EMAIL)
        before = key_ids(v.path)
        with pytest.raises(VaultError, match="no tenant 'acmee' in this vault"):
            v.rotate_tenant_key("acmee")
        assert key_ids(v.path) == before
        assert not v.has_tenant("acmee") and v.has_tenant("acme")
        assert v.rotate_tenant_key("acme").resealed == 1  # a known tenant still rotates


def test_tenant_and_session_checks_are_read_only(home: Path) -> None:
    with SQLiteVault(Settings()) as v:
        _add(v, "acme", "s1", EMAIL)
        before = key_ids(v.path)
        assert v.has_session("acme", "s1")
        assert not v.has_session("acme", "s2")
        assert not v.has_session("ghost", "s1")
        assert key_ids(v.path) == before


def test_a_missing_key_file_beside_a_used_vault_is_refused_not_recreated(home: Path) -> None:
    with SQLiteVault(Settings()) as v:
        _add(v, "acme", "s1", EMAIL)
    key_file = home / "master.key"
    key_file.rename(home / "master.key.bak")
    with pytest.raises(VaultKeyError, match="key file .* is missing") as e:
        SQLiteVault(Settings())
    assert "restore master.key" in str(e.value)
    assert not key_file.exists()  # no fresh key that opens nothing
    (home / "master.key.bak").rename(key_file)
    with SQLiteVault(Settings()) as v:
        assert [x.original for x in v.entries("acme", "s1")] == [EMAIL]


def test_a_new_vault_still_gets_its_key_file(home: Path) -> None:
    with SQLiteVault(Settings()) as v:
        _add(v, "acme", "s1", EMAIL)
    assert (home / "master.key").is_file()


def test_master_rotation_whose_key_cannot_be_saved_changes_nothing(home: Path) -> None:
    with SQLiteVault(Settings()) as v:
        _add(v, "acme", "s1", EMAIL)
    key_file = home / "master.key"
    old = key_file.read_bytes()
    (home / "master.tmp").mkdir()  # where the new key is written first: not writable
    with SQLiteVault(Settings()) as v:
        with pytest.raises(VaultUnavailableError, match="nothing was rotated"):
            v.rotate_master_key(new_key())
        ids = key_ids(v.path)
    assert not any(i.endswith(PREVIOUS) for i in ids)  # nothing was re-wrapped
    assert key_file.read_bytes() == old
    with SQLiteVault(Settings()) as v:
        assert [x.original for x in v.entries("acme", "s1")] == [EMAIL]


def test_finish_rotation_keeps_old_wrappings_that_no_known_key_replaces(
        home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old, new = new_key(), new_key()
    monkeypatch.setenv("VEIL_MASTER_KEY", old)
    with SQLiteVault(Settings()) as v:
        _add(v, "acme", "s1", EMAIL)
        assert v.rotate_master_key(new) == 1
    # run with the old key and without the new one (lost, or never exported): refused
    with SQLiteVault(Settings()) as v:
        with pytest.raises(VaultKeyError, match="nothing was dropped"):
            v.finish_master_rotation()
        assert any(i.endswith(PREVIOUS) for i in key_ids(v.path))
        assert [x.original for x in v.entries("acme", "s1")] == [EMAIL]  # old key still opens
        # told the new key (VEIL_NEW_MASTER_KEY in the CLI), it finishes
        assert v.finish_master_rotation(new_key=new) == 1
    monkeypatch.setenv("VEIL_MASTER_KEY", new)
    with SQLiteVault(Settings()) as v:
        assert v.finish_master_rotation() == 0
        assert [x.original for x in v.entries("acme", "s1")] == [EMAIL]


def test_a_damaged_vault_file_says_so(home: Path) -> None:
    with SQLiteVault(Settings()) as v:
        _add(v, "acme", "s1", EMAIL)
        path = v.path
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    path.write_bytes(b"this is not a database" * 300)
    with pytest.raises(VaultUnavailableError) as e:
        SQLiteVault(Settings())
    assert "damaged or not a Veil vault" in str(e.value) and "backup" in str(e.value)
