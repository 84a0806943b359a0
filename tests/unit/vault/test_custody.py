"""Split custody: Shamir K-of-N shares sealed to custodians, the sealed vault, re-splitting."""

from __future__ import annotations

import base64
import itertools
import os
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from veil.config import Settings
from veil.errors import ConfigError, VaultKeyError, VaultSealedError
from veil.vault import SQLiteVault
from veil.vault.custody import (
    Custody,
    Share,
    Unsealer,
    combine_shares,
    custody_path,
    forget_unsealed_key,
    generate_custodian_key,
    key_check,
    load_private_key,
    load_public_key,
    set_unsealed_key,
    split_key,
)

NAMES = ("alice", "bob", "carol")


def _store(v: SQLiteVault) -> object:
    return v.get_or_create(
        "acme",
        "s1",
        entity_type="PERSON",
        original="Jane Doe",
        operator="placeholder",
        exact_key="Jane Doe",
        propose=lambda c, a: f"[PERSON_{c}]",
    )


def _find(v: SQLiteVault) -> object:
    return v.find("acme", "s1", entity_type="PERSON", exact_key="Jane Doe")


@pytest.fixture(scope="module")
def custodians(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Key pairs made by the CLI's generator; alice's private key has a passphrase."""
    d = tmp_path_factory.mktemp("custodians")
    for n in NAMES:
        generate_custodian_key(
            d / f"{n}.key", d / f"{n}.pub", passphrase=b"pw" if n == "alice" else None
        )
    return {n: d / n for n in NAMES}


def _pub(custodians: dict[str, Path]) -> dict[str, rsa.RSAPublicKey]:
    return {n: load_public_key(p.with_suffix(".pub")) for n, p in custodians.items()}


def _priv(custodians: dict[str, Path], name: str) -> rsa.RSAPrivateKey:
    return load_private_key(
        custodians[name].with_suffix(".key"), b"pw" if name == "alice" else None
    )


def test_any_k_shares_rebuild_the_key_and_fewer_do_not() -> None:
    key = os.urandom(32)
    shares = split_key(key, shares=5, threshold=3)
    assert sorted(s.index for s in shares) == [1, 2, 3, 4, 5]
    assert all(len(s.data) == 32 for s in shares)
    for subset in itertools.combinations(shares, 3):
        assert combine_shares(list(subset)) == key
    for subset in itertools.combinations(shares, 2):
        assert combine_shares(list(subset)) != key
    with pytest.raises(ConfigError):
        split_key(key, shares=2, threshold=3)
    with pytest.raises(ConfigError):
        split_key(key, shares=3, threshold=1)
    assert "data" not in repr(shares[0]) and shares[0].data.hex() not in repr(shares[0])


def test_custody_file_round_trip_and_custodian_decryption(
    custodians: dict[str, Path], tmp_path: Path
) -> None:
    key = os.urandom(32)
    custody = Custody.create(key, _pub(custodians), threshold=2)
    path = tmp_path / "custody.json"
    custody.save(path)
    text = path.read_text()
    assert base64.b64encode(key).decode() not in text and key.hex() not in text
    loaded = Custody.load(path)
    assert loaded == custody
    shares = [loaded.open_share(n, _priv(custodians, n)) for n in ("alice", "carol")]
    assert combine_shares(shares) == key and key_check(key) == loaded.check
    with pytest.raises(VaultKeyError, match="does not open the share"):
        loaded.open_share("bob", _priv(custodians, "alice"))
    with pytest.raises(ConfigError, match="holds no share"):
        loaded.open_share("mallory", _priv(custodians, "alice"))
    with pytest.raises(ConfigError, match="passphrase"):
        load_private_key(custodians["alice"].with_suffix(".key"), b"wrong")
    path.write_text("{}")
    with pytest.raises(ConfigError, match="malformed"):
        Custody.load(path)


def test_unsealer_refuses_foreign_shares_and_opens_at_threshold(
    custodians: dict[str, Path],
) -> None:
    key = os.urandom(32)
    custody = Custody.create(key, _pub(custodians), threshold=2)
    seal = Unsealer(custody)
    assert seal.status().sealed and seal.key is None
    other = split_key(os.urandom(32), shares=3, threshold=2)[0]  # a share of another split
    with pytest.raises(VaultKeyError, match="not one of the custody file"):
        seal.submit(other)
    alice = custody.open_share("alice", _priv(custodians, "alice"))
    assert seal.submit(alice).received == 1
    assert seal.submit(alice).received == 1  # the same share twice counts once
    assert seal.status().sealed
    tampered = Share(index=alice.index, data=bytes(32))
    with pytest.raises(VaultKeyError):
        seal.submit(tampered)
    status = seal.submit(custody.open_share("bob", _priv(custodians, "bob")))
    assert not status.sealed and seal.key == key


def test_sealed_vault_never_opens_with_a_fresh_key_and_keeps_mappings_across_resplit(
    custodians: dict[str, Path], tmp_path: Path
) -> None:
    home = tmp_path / "home"
    settings = Settings(home=home, master_key=None)
    key = os.urandom(32)
    # A vault written before the split, under the key that gets split.
    before = Settings(home=home, master_key=base64.b64encode(key).decode())
    with SQLiteVault(before) as v:
        original = _store(v)
    Custody.create(key, _pub(custodians), threshold=2).save(custody_path(home))
    path = custody_path(home)
    forget_unsealed_key(path)
    with pytest.raises(VaultSealedError, match="veil vault unseal"):
        SQLiteVault(settings)
    assert not (home / "master.key").exists()  # sealed: no fresh key was invented

    set_unsealed_key(path, key)
    try:
        with SQLiteVault(settings) as v:
            assert _find(v) == original
            # Rotation under custody re-wraps tenant keys and writes no key file.
            new_key = os.urandom(32)
            assert v.rotate_master_key(base64.b64encode(new_key).decode()) >= 1
            assert not (home / "master.key").exists()
        Custody.create(new_key, _pub(custodians), threshold=3).save(path)
        set_unsealed_key(path, new_key)
        with SQLiteVault(settings) as v:
            assert v.finish_master_rotation() >= 1
            assert _find(v) == original
        resplit = Custody.load(path)
        assert resplit.threshold == 3
        rebuilt = combine_shares([resplit.open_share(n, _priv(custodians, n)) for n in NAMES])
        assert rebuilt == new_key
    finally:
        forget_unsealed_key(path)
