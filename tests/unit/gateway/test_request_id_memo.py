"""The ids the gateway mints are remembered as checked, so the audit's checks of them again
are lookups; nothing else is remembered, and the memory stays bounded."""

from __future__ import annotations

import pytest

from veil.gateway import request_id as rid_mod


def test_a_minted_id_is_remembered_and_a_clients_is_not() -> None:
    rid = rid_mod.new_request_id()
    assert rid in rid_mod._MINTED and rid_mod.is_opaque_id(rid)
    client = "trace-4fbea0-7781"
    assert rid_mod.is_opaque_id(client) and client not in rid_mod._MINTED
    # a text in disguise is refused as before (hex of an e-mail address)
    assert not rid_mod.is_opaque_id("6a616e652e646f65406578616d706c652e636f6d")


def test_the_memory_of_minted_ids_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rid_mod, "_MINTED", {})
    monkeypatch.setattr(rid_mod, "_MINTED_MAX", 8)
    ids = [rid_mod.new_request_id() for _ in range(20)]
    assert list(rid_mod._MINTED) == ids[-8:]  # the latest, oldest dropped first
    assert all(rid_mod.is_opaque_id(i) for i in ids)  # the dropped ones still pass, checked
