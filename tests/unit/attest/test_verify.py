"""Verification of real, recorded TDX evidence with dcap-qvl (tests/fixtures/tdx)."""

from __future__ import annotations

import base64
import os
from pathlib import Path
from typing import Any

import pytest

from veil.attest import Binding, Expected, load_collateral, verify_evidence
from veil.errors import AttestationError

from .conftest import COLLATERAL, MRTD, QUOTE, RTMR0, VERIFY_AT, with_report_data

NONCE = bytes(range(32))


def _binding(nonce: bytes = NONCE, **kw: str) -> Binding:
    fields = {
        "nonce": nonce.hex(),
        "audit_key": "11" * 32,
        "tls_cert_sha256": "22" * 32,
        "policy_digest": "33" * 32,
        "code_digest": "44" * 32,
    }
    fields.update(kw)
    return Binding(**fields)


def _evidence(quote: bytes, binding: Binding) -> dict[str, Any]:
    return {
        "tee": "tdx",
        "quote": base64.b64encode(quote).decode(),
        "report_data": binding.report_data().hex(),
        "binding": binding.to_json(),
    }


@pytest.fixture(scope="module")
def collateral() -> Any:
    return load_collateral(COLLATERAL)


def _checks(report: Any) -> dict[str, bool]:
    return {c.name: c.ok for c in report.checks}


def test_recorded_quote_verifies_signature_tcb_and_measurements(collateral: Any) -> None:
    """The real quote: signature chain, collateral, TCB status and MRTD/RTMR0 all pass; its
    REPORTDATA was not made for Veil's binding, and the verifier says exactly that."""
    report = verify_evidence(
        _evidence(QUOTE, _binding()),
        nonce=NONCE,
        expected=Expected(mrtd=MRTD, rtmr0=RTMR0),
        collateral=collateral,
        now=VERIFY_AT,
    )
    checks = _checks(report)
    assert checks == {
        "nonce": True,
        "report_data": False,
        "quote_signature": True,
        "tcb_status": True,
        "mrtd": True,
        "rtmr0": True,
    }
    assert report.tcb_status == "UpToDate" and report.advisories == []
    assert not report.ok
    with pytest.raises(AttestationError, match="report_data"):
        report.raise_for_failure()


def test_wrong_measurement_fails(collateral: Any) -> None:
    other = "00" * 48
    report = verify_evidence(
        _evidence(QUOTE, _binding()),
        nonce=NONCE,
        expected=Expected(mrtd=other, rtmr0=RTMR0),
        collateral=collateral,
        now=VERIFY_AT,
    )
    checks = _checks(report)
    assert checks["mrtd"] is False and checks["rtmr0"] is True
    assert checks["quote_signature"] is True
    assert any(MRTD in f for f in report.failures())


def test_tcb_status_outside_the_accepted_list_fails(collateral: Any) -> None:
    report = verify_evidence(
        _evidence(QUOTE, _binding()),
        nonce=NONCE,
        expected=Expected(mrtd=MRTD, tcb_status=["SWHardeningNeeded"]),
        collateral=collateral,
        now=VERIFY_AT,
    )
    assert _checks(report)["tcb_status"] is False


def test_reportdata_binding_passes_only_when_the_quote_commits_to_it(collateral: Any) -> None:
    """A quote whose REPORTDATA is Veil's binding (set here, so its signature breaks): the
    binding check passes, the signature check catches the forgery; change any bound value and
    the binding check fails too."""
    b = _binding()
    forged = with_report_data(QUOTE, b.report_data())
    report = verify_evidence(
        _evidence(forged, b),
        nonce=NONCE,
        expected=Expected(mrtd=MRTD),
        collateral=collateral,
        now=VERIFY_AT,
    )
    checks = _checks(report)
    assert checks["report_data"] is True and checks["nonce"] is True
    assert checks["quote_signature"] is False
    assert checks["mrtd"] is True  # measurements are read from the (forged) report body
    for field in ("audit_key", "tls_cert_sha256", "policy_digest", "code_digest"):
        swapped = _binding(**{field: "55" * 32})
        doc = _evidence(forged, b)
        doc["binding"] = swapped.to_json()
        r = verify_evidence(
            doc, nonce=NONCE, expected=Expected(mrtd=MRTD), collateral=collateral, now=VERIFY_AT
        )
        assert _checks(r)["report_data"] is False, field


def test_broken_signature_fails(collateral: Any) -> None:
    # Flip one bit of the MRTD inside the signed TD report body.
    raw = bytearray(QUOTE)
    raw[48 + 136] ^= 0x01
    report = verify_evidence(
        _evidence(bytes(raw), _binding()),
        nonce=NONCE,
        expected=Expected(mrtd=MRTD),
        collateral=collateral,
        now=VERIFY_AT,
    )
    checks = _checks(report)
    assert checks["quote_signature"] is False
    assert checks["mrtd"] is False


def test_stale_nonce_fails(collateral: Any) -> None:
    """Evidence made for an earlier nonce, replayed to a verifier that sent a new one: the
    nonce check fails; rewriting the nonce in the binding breaks the REPORTDATA check."""
    old = _binding(nonce=os.urandom(32))
    forged = with_report_data(QUOTE, old.report_data())
    fresh = os.urandom(32)
    r = verify_evidence(
        _evidence(forged, old),
        nonce=fresh,
        expected=Expected(mrtd=MRTD),
        collateral=collateral,
        now=VERIFY_AT,
    )
    assert _checks(r)["nonce"] is False and _checks(r)["report_data"] is True
    doc = _evidence(forged, old)
    doc["binding"] = _binding(nonce=fresh).to_json()
    r = verify_evidence(
        doc, nonce=fresh, expected=Expected(mrtd=MRTD), collateral=collateral, now=VERIFY_AT
    )
    assert _checks(r)["nonce"] is True and _checks(r)["report_data"] is False


def test_expired_collateral_and_non_tdx_evidence_fail(collateral: Any, tmp_path: Path) -> None:
    # Two years after the recorded collateral was issued: its CRL has expired.
    r = verify_evidence(
        _evidence(QUOTE, _binding()),
        nonce=NONCE,
        expected=Expected(mrtd=MRTD),
        collateral=collateral,
        now=VERIFY_AT + 2 * 365 * 86400,
    )
    assert _checks(r)["quote_signature"] is False
    none = verify_evidence(
        {"tee": "none", "binding": _binding().to_json()},
        nonce=NONCE,
        expected=Expected(mrtd=MRTD),
        collateral=collateral,
        now=VERIFY_AT,
    )
    assert not none.ok and _checks(none) == {"tee": False}
    bad = tmp_path / "m.yaml"
    bad.write_text("mrtd: abc\n")
    with pytest.raises(AttestationError, match="measurements file"):
        Expected.load(bad)
