"""The generating side: configfs-tsm (simulated), the REPORTDATA binding, the code digest."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from veil.attest import Binding, TsmReport, code_digest_of, collect_evidence, parse_nonce
from veil.errors import AttestationError

from .conftest import QUOTE, REPORT_DATA_OFFSET, SimulatedTsm


def _binding(**kw: str) -> Binding:
    f = {
        "nonce": "ab" * 32,
        "audit_key": "",
        "tls_cert_sha256": "cd" * 32,
        "policy_digest": "ef" * 32,
        "code_digest": "01" * 32,
    }
    f.update(kw)
    return Binding(**f)


def test_quote_through_configfs_tsm(tsm: SimulatedTsm) -> None:
    rd = hashlib.sha512(b"x").digest()
    got = TsmReport(tsm.root, timeout_s=5).quote(rd)
    assert got.provider == "tdx_guest"
    assert got.quote[REPORT_DATA_OFFSET : REPORT_DATA_OFFSET + 64] == rd
    assert len(got.quote) == len(QUOTE) and tsm.requests == [rd]
    with pytest.raises(AttestationError, match="64 bytes"):
        TsmReport(tsm.root).quote(b"short")


def test_evidence_is_tdx_with_a_tsm_and_plainly_none_without(
    tsm: SimulatedTsm, tmp_path: Path
) -> None:
    b = _binding()
    doc = collect_evidence(b, TsmReport(tsm.root, timeout_s=5))
    assert doc["tee"] == "tdx" and doc["report_data"] == b.report_data().hex()
    none = collect_evidence(b, TsmReport(tmp_path / "absent"))
    assert none["tee"] == "none" and "quote" not in none
    assert "not running in an attestable TEE" in none["reason"]


def test_unusable_tsm_fails_with_what_to_do(tmp_path: Path) -> None:
    not_a_dir = tmp_path / "report"
    not_a_dir.write_text("")
    with pytest.raises(AttestationError, match="write access to configfs"):
        TsmReport(not_a_dir).quote(bytes(64))


def test_binding_commits_to_every_field_unambiguously() -> None:
    base = _binding().report_data()
    assert len(base) == 64 and _binding().report_data() == base
    for field in ("nonce", "audit_key", "tls_cert_sha256", "policy_digest", "code_digest"):
        assert _binding(**{field: "77" * 32}).report_data() != base, field
    # Moving bytes between adjacent fields changes the encoding (length prefixes).
    a = _binding(audit_key="aa", tls_cert_sha256="bbcc").report_data()
    b = _binding(audit_key="aabb", tls_cert_sha256="cc").report_data()
    assert a != b
    with pytest.raises(AttestationError):
        _binding(nonce="not hex").report_data()
    with pytest.raises(AttestationError):
        Binding.from_json({"nonce": "ab"})


def test_nonce_length_is_checked() -> None:
    assert parse_nonce("AB" * 16) == bytes([0xAB]) * 16
    for bad in ("ab" * 15, "ab" * 65, "xyz", ""):
        with pytest.raises(AttestationError, match="nonce"):
            parse_nonce(bad)


def test_code_digest_changes_with_any_file_but_not_caches(tmp_path: Path) -> None:
    pkg = tmp_path / "veil"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "a.py").write_text("x = 1\n")
    (pkg / "sub" / "b.yaml").write_text("k: v\n")
    d0 = code_digest_of(pkg)
    (pkg / "__pycache__").mkdir()
    (pkg / "__pycache__" / "a.cpython-311.pyc").write_bytes(b"\0")
    assert code_digest_of(pkg) == d0
    (pkg / "sub" / "b.yaml").write_text("k: w\n")
    assert code_digest_of(pkg) != d0
    (pkg / "sub" / "b.yaml").write_text("k: v\n")
    (pkg / "sub" / "b.yaml").rename(pkg / "b.yaml")  # same content, other path
    assert code_digest_of(pkg) != d0
