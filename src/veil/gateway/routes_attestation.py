"""``GET /v1/attestation?nonce=<hex>``: TEE evidence that this gateway is the expected code.

Authenticated like every /v1 route: the evidence carries the caller's tenant policy digest, and
a quote costs the TEE real work (the kernel serialises quote generation), so anonymous callers
could use it to slow the gateway down. A client verifies it before its first prompt
(``veil attest verify``, :func:`veil.attest.attested_http_client`).
"""

from __future__ import annotations

from typing import Any

from anyio import to_thread
from fastapi import APIRouter, Request, Response

from veil.attest.binding import Binding, installed_code_digest, parse_nonce
from veil.attest.evidence import collect_evidence
from veil.attest.tsm import TsmReport
from veil.errors import AttestationError, RequestValidationError

from .router import _authenticate, _respond
from .state import GatewayState

router = APIRouter()


def _binding(request: Request, tenant: str, nonce: bytes) -> Binding:
    from .audit_events import policy_digest

    state: GatewayState = request.app.state.veil
    key = state.audit.signing_public_key()  # None: no audit store configured
    audit_key = bytes(key).hex() if key else ""
    tls = getattr(request.app.state, "tls_certificate_sha256", None)
    return Binding(
        nonce=nonce.hex(),
        audit_key=audit_key,
        tls_cert_sha256=tls if isinstance(tls, str) else "",
        policy_digest=policy_digest(state, tenant),
        code_digest=installed_code_digest(),
    )


@router.get("/v1/attestation")
async def attestation(request: Request) -> Response:
    async def work() -> dict[str, Any]:
        principal = _authenticate(request)
        params = request.query_params
        if set(params) - {"nonce"} or len(params.getlist("nonce")) != 1:
            raise RequestValidationError(
                "GET /v1/attestation takes exactly one query parameter: nonce=<hex>"
            )
        try:
            nonce = parse_nonce(params["nonce"])
        except AttestationError as e:
            raise RequestValidationError(str(e)) from None
        binding = _binding(request, principal.tenant.name, nonce)
        tsm = getattr(request.app.state, "tsm", None)
        tsm = tsm if isinstance(tsm, TsmReport) else TsmReport()
        return await to_thread.run_sync(collect_evidence, binding, tsm)

    return await _respond(request, work())


__all__ = ["router"]
