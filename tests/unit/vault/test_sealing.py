"""Sealing vault entries: every record under its own random nonce, bound to its session."""

from __future__ import annotations

import os

import pytest

from veil.errors import VaultKeyError
from veil.vault.crypto import NONCE_BYTES, TenantKeys


def test_a_batch_is_sealed_under_distinct_nonces_and_opens_only_in_its_session() -> None:
    keys = TenantKeys.from_secret(os.urandom(32))
    records = [{"original": f"value {i}", "replacement": f"[PERSON_{i}]"} for i in range(50)]
    blobs = keys.seal_many("t", "s", records)
    assert len({b[:NONCE_BYTES] for b in blobs}) == len(records)
    assert keys.open_many("t", "s", blobs) == records
    assert keys.open("t", "s", keys.seal("t", "s", records[0])) == records[0]
    assert not any(b"value" in b for b in blobs)  # sealed, not merely encoded
    with pytest.raises(VaultKeyError):
        keys.open("t", "other session", blobs[0])
    assert keys.seal_many("t", "s", []) == []
