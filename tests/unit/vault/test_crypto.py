"""The vault's keyed digests and sealed records (veil.vault.crypto): HMAC-SHA256 as RFC 2104
defines it, so the lookups of vaults written before the padded key blocks were kept still
match; records sealed by either JSON encoder open to what was sealed."""

from __future__ import annotations

import hashlib
import hmac
import os

import pytest

from veil.vault.crypto import (
    _MAX_HEADS,
    _MAX_PLACEHOLDERS,
    _MAX_SESSIONS,
    TenantKeys,
    _aad,
    _Hmac,
)


@pytest.mark.parametrize("key_bytes", [0, 1, 32, 64, 65, 200])  # around SHA-256's block
def test_digest_is_the_standard_hmac_of_the_associated_data(key_bytes: int) -> None:
    key = os.urandom(key_bytes)
    mac = _Hmac(key)
    for head, last in [
        (("lookup", "PERSON"), "exact\x00Jöhn Smith"),
        (("lookup", "PERSON"), "norm\x00john smith"),  # the head's blocks reused
        (("value",), ""),
        (("session",), "s" * 1000),
        ((), "x"),
    ]:
        want = hmac.new(key, _aad(*head, last), hashlib.sha256).digest()
        assert mac.digest(head, last) == want
        assert mac.digest(head, last) == want  # a second call from the kept head


def test_tenant_keys_give_the_digests_they_gave_before() -> None:
    keys = TenantKeys.from_secret(os.urandom(32))

    def reference(*parts: str) -> str:
        return hmac.new(keys.mac, _aad(*parts), hashlib.sha256).hexdigest()

    value = "exact\x00a@b.io"
    assert keys.lookup("EMAIL", value) == reference("lookup", "EMAIL", value)
    assert keys.session_id("chat-1") == reference("session", "chat-1")[:40]
    assert keys.fingerprint("Ana  Lopez") == reference("value", "ana lopez")  # normalised
    assert keys.replacement("Ana Lopez") == reference("replacement", "ana lopez")
    assert keys.claims("Ana  LOPEZ") == (reference("replacement", "ana lopez"),
                                         reference("value", "ana lopez"))
    assert keys.seed("PERSON", "ana") == bytes.fromhex(reference("seed", "PERSON", "ana"))
    # a rotated key set keeps the lookup key, and so its digests
    rotated = keys.with_data_keys({1: os.urandom(32)})
    assert rotated.lookup("EMAIL", "x") == keys.lookup("EMAIL", "x")
    assert "<hidden>" in repr(keys) and keys.mac.hex() not in repr(keys)


def test_session_ids_are_remembered_per_key_set_and_bounded() -> None:
    keys, other = TenantKeys.from_secret(os.urandom(32)), TenantKeys.from_secret(os.urandom(32))

    def reference(k: TenantKeys, session: str) -> str:
        return hmac.new(k.mac, _aad("session", session), hashlib.sha256).hexdigest()[:40]

    first = keys.session_id("chat-1")
    assert keys.session_id("chat-1") == first == reference(keys, "chat-1")
    # another tenant's keys remember their own: never this tenant's id for the same name
    assert other.session_id("chat-1") == reference(other, "chat-1") != first
    for i in range(_MAX_SESSIONS + 10):
        assert keys.session_id(f"s{i}") == reference(keys, f"s{i}")
    assert len(keys._sessions) <= _MAX_SESSIONS
    assert keys.session_id("chat-1") == first


def test_placeholder_claims_are_remembered_and_nothing_else_is() -> None:
    keys = TenantKeys.from_secret(os.urandom(32))

    def reference(value: str) -> tuple[str, str]:
        v = " ".join(value.casefold().split())
        return (hmac.new(keys.mac, _aad("replacement", v), hashlib.sha256).hexdigest(),
                hmac.new(keys.mac, _aad("value", v), hashlib.sha256).hexdigest())

    for cand in ("[PERSON_1]", "[EMAIL_ADDRESS_12]", "[PERSON_1_FIRST]", "[PERSON_1_ALT2]"):
        assert keys.claims(cand) == keys.claims(cand) == reference(cand)
        assert cand in keys._placeholders
    for cand in ("Kathy Lopez", "[person_1]", "[PERSON_]", "x [PERSON_1]", "4111 1111"):
        assert keys.claims(cand) == reference(cand)
        assert cand not in keys._placeholders
    assert TenantKeys.from_secret(os.urandom(32)).claims("[PERSON_1]") != reference("[PERSON_1]")
    for i in range(_MAX_PLACEHOLDERS + 10):
        assert keys.claims(f"[PERSON_{i}]") == reference(f"[PERSON_{i}]")
    assert len(keys._placeholders) <= _MAX_PLACEHOLDERS


def test_heads_kept_are_bounded_and_hold_no_value() -> None:
    mac = _Hmac(os.urandom(32))
    for k in range(_MAX_HEADS + 50):
        mac.digest(("lookup", f"CUSTOM_{k}"), "secret value")
    assert len(mac._heads) == _MAX_HEADS
    assert all("secret value" not in part for head in mac._heads for part in head)
    # past the bound, heads are still hashed correctly, only not kept
    key = os.urandom(32)
    mac = _Hmac(key)
    mac._heads.update({("x", str(k)): None for k in range(_MAX_HEADS)})
    want = hmac.new(key, _aad("lookup", "NEW", "v"), hashlib.sha256).digest()
    assert mac.digest(("lookup", "NEW"), "v") == want and ("lookup", "NEW") not in mac._heads


@pytest.mark.parametrize("original", ["Jöhn Smith", "王小明", "\ud800 lone surrogate", "a\"b\\c"])
def test_sealed_records_open_to_what_was_sealed(original: str) -> None:
    # orjson seals most records; a lone surrogate (a JSON-escaped prompt can carry one) falls
    # back to the standard encoder; both open with the same reader
    keys = TenantKeys.from_secret(os.urandom(32))
    record = {"t": "PERSON", "o": original, "r": "[PERSON_1]", "op": "placeholder",
              "c": 1733200000.123456, "s": False}
    blob = keys.seal("t", "s", record)
    assert keys.open("t", "s", blob) == record
    assert original.encode("utf-8", "surrogatepass") not in blob
