"""Verifying evidence: quote signature chain and collateral (dcap-qvl), TCB status, MRTD/RTMR
measurements against an expected file, the REPORTDATA binding and the verifier's nonce.

Expected measurements (YAML)::

    mrtd: 91eb2b44...                 # 48 bytes hex; required
    rtmr0: 44c0197b...                # rtmr0..rtmr3: optional, each checked when given
    tcb_status: [UpToDate]            # accepted TCB statuses (default: UpToDate only)
    code_digest: 3f1c...              # optional: the veil package the image must run
    policy_digest: 9a0e...            # optional: the tenant policy that must apply
    audit_key: 5b7d...                # optional: the audit checkpoint key to pin

Collateral (PCK CRLs, TCB info, QE identity, Intel's signatures) comes from a local JSON file
(dcap-qvl's format; works offline) or a PCCS/PCS URL. Intel's root CA is built into dcap-qvl.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator

from veil.errors import AttestationError

from .binding import Binding

_HEX48 = re.compile(r"^[0-9a-f]{96}$")


class Expected(BaseModel):
    """What a verifier requires of the gateway's TD (``--expect measurements.yaml``)."""

    model_config = ConfigDict(extra="forbid")

    mrtd: str
    rtmr0: str | None = None
    rtmr1: str | None = None
    rtmr2: str | None = None
    rtmr3: str | None = None
    tcb_status: list[str] = Field(default_factory=lambda: ["UpToDate"])
    code_digest: str | None = None
    policy_digest: str | None = None
    audit_key: str | None = None

    @field_validator("mrtd", "rtmr0", "rtmr1", "rtmr2", "rtmr3")
    @classmethod
    def _measurement(cls, v: str | None) -> str | None:
        if v is not None and not _HEX48.match(v.strip().lower()):
            raise ValueError("a TDX measurement is 48 bytes: 96 hex characters")
        return v.strip().lower() if v is not None else None

    @classmethod
    def load(cls, path: Path) -> Expected:
        try:
            data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
            return cls.model_validate(data)
        except OSError as e:
            raise AttestationError(f"cannot read {path} ({e.strerror})") from None
        except (yaml.YAMLError, ValueError) as e:
            raise AttestationError(
                f"{path} is not a valid measurements file ({type(e).__name__}); see "
                "docs/trust.md for its fields"
            ) from None


@dataclass(frozen=True, slots=True)
class Check:
    name: str
    ok: bool
    detail: str


@dataclass
class VerificationReport:
    checks: list[Check] = field(default_factory=list)
    tcb_status: str | None = None
    advisories: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.checks) and all(c.ok for c in self.checks)

    def add(self, name: str, ok: bool, detail: str) -> bool:
        self.checks.append(Check(name, ok, detail))
        return ok

    def failures(self) -> list[str]:
        return [f"{c.name}: {c.detail}" for c in self.checks if not c.ok]

    def raise_for_failure(self) -> None:
        if not self.ok:
            raise AttestationError(
                "attestation failed: " + "; ".join(self.failures() or ["no checks ran"])
            )


def _dcap() -> Any:
    try:
        import dcap_qvl
    except ImportError:
        raise AttestationError(
            "verifying TDX quotes needs dcap-qvl: pip install 'veil[trust]'"
        ) from None
    return dcap_qvl


def load_collateral(path: Path) -> Any:
    """Collateral saved as JSON in dcap-qvl's format (offline verification)."""
    dcap_qvl = _dcap()

    try:
        return dcap_qvl.QuoteCollateralV3.from_json(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise AttestationError(f"cannot read collateral {path} ({e.strerror})") from None
    except ValueError:
        raise AttestationError(f"{path} is not dcap-qvl collateral JSON") from None


def fetch_collateral(pccs_url: str, quote: bytes) -> Any:
    """Collateral for ``quote`` from a PCCS (or Intel PCS) URL."""
    import asyncio

    dcap_qvl = _dcap()

    try:
        return asyncio.run(dcap_qvl.get_collateral(pccs_url, quote))
    except (ValueError, RuntimeError) as e:
        raise AttestationError(
            f"cannot fetch collateral from {pccs_url} ({type(e).__name__}); check the URL or "
            "pass saved collateral with --collateral"
        ) from None


def _eq(a: str, b: str) -> bool:
    return hmac.compare_digest(a.lower(), b.lower())


def verify_evidence(
    evidence: Any,
    *,
    nonce: bytes,
    expected: Expected,
    collateral: Any,
    now: int,
    served_cert_sha256: str | None = None,
) -> VerificationReport:
    """Run every check on ``evidence`` (the JSON of ``GET /v1/attestation``); the report lists
    each with its outcome. ``nonce`` is the one this verifier sent; ``served_cert_sha256`` the
    certificate the connection actually presented (None: not checked, e.g. plain HTTP)."""
    dcap_qvl = _dcap()

    r = VerificationReport()
    if not isinstance(evidence, dict):
        r.add("evidence", False, "not a JSON object")
        return r
    if evidence.get("tee") != "tdx":
        r.add("tee", False, f"no TDX evidence (tee={str(evidence.get('tee'))[:20]!r})")
        return r
    try:
        binding = Binding.from_json(evidence.get("binding"))
        quote = base64.b64decode(str(evidence.get("quote")), validate=True)
        parsed = dcap_qvl.parse_quote(quote)
    except (AttestationError, binascii.Error, ValueError) as e:
        r.add("evidence", False, f"malformed ({type(e).__name__})")
        return r
    if not parsed.is_tdx():
        r.add("tee", False, "the quote is not a TDX quote")
        return r
    report = parsed.report

    r.add(
        "nonce",
        _eq(binding.nonce, nonce.hex()),
        "the evidence answers this verifier's nonce"
        if _eq(binding.nonce, nonce.hex())
        else "the evidence was made for another nonce (replayed or stale)",
    )
    bound = binding.report_data()
    r.add(
        "report_data",
        hmac.compare_digest(bytes(report.report_data), bound),
        "REPORTDATA = SHA-512 of the binding"
        if hmac.compare_digest(bytes(report.report_data), bound)
        else "the quote's REPORTDATA does not commit to this binding",
    )
    try:
        verified = dcap_qvl.verify(quote, collateral, now)
    except ValueError as e:
        # dcap-qvl's message names the failed step (signature, CRL, TCB level); no secrets.
        r.add("quote_signature", False, str(e)[:300])
    else:
        r.tcb_status, r.advisories = verified.status, list(verified.advisory_ids)
        r.add("quote_signature", True, "signature chain to Intel's root CA and collateral valid")
        r.add(
            "tcb_status",
            verified.status in expected.tcb_status,
            f"{verified.status} (accepted: {', '.join(expected.tcb_status)})",
        )
    for name in ("mrtd", "rtmr0", "rtmr1", "rtmr2", "rtmr3"):
        want = getattr(expected, name)
        if want is None:
            continue
        got = bytes(getattr(report, "mr_td" if name == "mrtd" else f"rt_mr{name[-1]}")).hex()
        r.add(name, _eq(got, want), "matches" if _eq(got, want) else f"is {got}, expected {want}")
    for name in ("code_digest", "policy_digest", "audit_key"):
        want = getattr(expected, name)
        if want is not None:
            got = getattr(binding, name)
            r.add(name, _eq(got, want), "matches" if _eq(got, want) else f"is {got}")
    if served_cert_sha256 is not None:
        same = _eq(binding.tls_cert_sha256, served_cert_sha256)
        r.add(
            "tls_certificate",
            same,
            "the attested certificate is the one this connection was served"
            if same
            else "the connection's certificate is not the attested one (TLS ends elsewhere)",
        )
    return r


def evidence_from_json(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        raise AttestationError("the attestation answer is not JSON") from None


__all__ = [
    "Check",
    "Expected",
    "VerificationReport",
    "evidence_from_json",
    "fetch_collateral",
    "load_collateral",
    "verify_evidence",
]
