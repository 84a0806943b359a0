"""The evidence document ``GET /v1/attestation`` returns.

Inside a TDX guest: ``{"tee": "tdx", "quote": <base64>, "report_data": <hex>, "binding": {...}}``.
Anywhere else it says so plainly: ``{"tee": "none", "reason": ..., "binding": {...}}`` -- the
binding is shown so a verifier can see what would be attested, but nothing vouches for it.
"""

from __future__ import annotations

import base64
from typing import Any

from .binding import Binding
from .tsm import TsmReport

FORMAT = "veil-attestation-v1"


def collect_evidence(binding: Binding, tsm: TsmReport) -> dict[str, Any]:
    """Evidence for ``binding``: a TD quote over its REPORTDATA, or ``"tee": "none"``."""
    report_data = binding.report_data()
    doc: dict[str, Any] = {
        "format": FORMAT,
        "binding": binding.to_json(),
        "report_data": report_data.hex(),
    }
    if not tsm.available():
        doc["tee"] = "none"
        doc["reason"] = (
            f"no configfs-tsm report interface at {tsm.root}: this gateway is not running in "
            "an attestable TEE (Intel TDX guest), so nothing here is hardware-attested"
        )
        return doc
    got = tsm.quote(report_data)
    doc["tee"] = "tdx" if got.provider.startswith("tdx") else got.provider
    doc["quote"] = base64.b64encode(got.quote).decode()
    return doc


__all__ = ["FORMAT", "collect_evidence"]
