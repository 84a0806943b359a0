"""The sealed gateway: split custody of the vault master key, over HTTP.

While sealed (``<home>/custody.json`` exists and fewer than the threshold of shares arrived),
every ``/v1/*`` route but ``/v1/attestation`` answers 503 ``gateway_sealed``, ``/healthz`` 200
and ``/readyz`` 503 (its vault check raises :class:`~veil.errors.VaultSealedError`).
Admin routes (admin key):

- ``GET /admin/unseal``: seal status and the sealed shares (public material: each custodian
  decrypts their own with their private key, locally);
- ``POST /admin/unseal`` ``{"custodian", "share"}``: one decrypted share (base64); refused at
  once if it is not one of the custody file's shares;
- ``POST /admin/vault/resplit`` ``{"threshold", "custodians"?, "rotate_key"?}``: re-split the
  key (optionally a fresh master key: tenant keys are re-wrapped, no mapping is lost);
- ``POST /admin/vault/finish-rotation``: drop the old-master wrappings after a rotation.

Shares travel inside TLS; run the gateway with ``--tls-cert`` before unsealing over a network.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import secrets
from pathlib import Path
from typing import Any

from anyio import to_thread
from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from veil.errors import ConfigError, RequestValidationError, VeilError
from veil.vault.crypto import custody_mode
from veil.vault.custody import (
    Custody,
    SealStatus,
    Share,
    Unsealer,
    custody_path,
    parse_public_key,
    set_unsealed_key,
)
from veil.wire.errors import error_body as wire_error_body

from .router import _admin_refusal, error_response
from .state import GatewayState

log = logging.getLogger("veil.gateway")
router = APIRouter()


def sealed_message(status: SealStatus) -> str:
    return (
        "the gateway is sealed: the vault master key is split among custodians and "
        f"{status.threshold - status.received} more share(s) are needed; custodians run "
        "`veil vault unseal` (GET /healthz and /readyz work meanwhile)"
    )


# Attestation needs no vault key, and it is what a custodian verifies before unsealing.
OPEN_WHILE_SEALED = frozenset({"/v1/attestation"})


class SealedMiddleware:
    """503 for every ``/v1/*`` request while the vault is sealed (nothing reaches a route)."""

    def __init__(self, app: ASGIApp, state: GatewayState) -> None:
        self.app, self.state = app, state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        seal = self.state.seal
        if (
            seal is None
            or scope["type"] != "http"
            or not scope["path"].startswith("/v1/")
            # Custodians check what they unseal before they send a share.
            or scope["path"] in OPEN_WHILE_SEALED
            or not (status := seal.status()).sealed
        ):
            await self.app(scope, receive, send)
            return
        body = json.dumps(
            wire_error_body(sealed_message(status), "server_error", code="gateway_sealed")
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 503,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"retry-after", b"30"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


def unsealer_for(settings: Any) -> Unsealer | None:
    """The unsealer of a vault under split custody; None when its key is not split."""
    if settings is None or not custody_mode(settings):
        return None
    return Unsealer(Custody.load(custody_path(Path(settings.home))))


def _state(request: Request) -> GatewayState:
    state: GatewayState = request.app.state.veil
    return state


def _audit(state: GatewayState, kind: str, **fields: str | int) -> None:
    # Never a share, a key or a key digest: who did what to the master key, and how many.
    state.audit.record(kind, actor="api", target="master-key", **fields)


def _status_body(seal: Unsealer) -> dict[str, Any]:
    s = seal.status()
    return {"sealed": s.sealed, "received": s.received, "threshold": s.threshold}


async def _json(request: Request) -> dict[str, Any]:
    try:
        data = json.loads(await request.body())
    except (ValueError, UnicodeDecodeError):
        raise RequestValidationError("the body must be a JSON object") from None
    if not isinstance(data, dict):
        raise RequestValidationError("the body must be a JSON object")
    return data


def _no_custody() -> JSONResponse:
    return JSONResponse(
        wire_error_body(
            "this gateway's master key is not split; run `veil vault init --shares N "
            "--threshold K` and restart it",
            "invalid_request_error",
            code="not_in_custody_mode",
        ),
        status_code=409,
    )


@router.get("/admin/unseal")
async def unseal_status(request: Request) -> Response:
    if (refused := _admin_refusal(request)) is not None:
        return refused
    seal = _state(request).seal
    if seal is None:
        return _no_custody()
    return JSONResponse(
        {
            **_status_body(seal),
            "shares": [
                {
                    "custodian": s.custodian,
                    "index": s.index,
                    "ciphertext": base64.b64encode(s.ciphertext).decode(),
                }
                for s in seal.custody.shares
            ],
        }
    )


@router.post("/admin/unseal")
async def unseal(request: Request) -> Response:
    if (refused := _admin_refusal(request)) is not None:
        return refused
    state = _state(request)
    seal = state.seal
    if seal is None:
        return _no_custody()
    try:
        data = await _json(request)
        custodian, raw = data.get("custodian"), data.get("share")
        if (
            not isinstance(custodian, str)
            or not isinstance(raw, str)
            or set(data)
            - {
                "custodian",
                "share",
            }
        ):
            raise RequestValidationError(
                'send {"custodian": "<name>", "share": "<base64 share>"} (nothing else)'
            )
        try:
            share = Share.decode(base64.b64decode(raw, validate=True))
        except (binascii.Error, ValueError):
            raise RequestValidationError("share: not base64 of a 33-byte key share") from None
        was_sealed = seal.status().sealed
        status = seal.submit(share)
    except VeilError as e:
        _audit(state, "admin.unseal", status=e.code)
        return error_response(request, e)
    if status.sealed is False and was_sealed and seal.key is not None:
        set_unsealed_key(custody_path(Path(_home(state))), seal.key)
        readiness = getattr(request.app.state, "readiness", None)
        if readiness is not None:
            readiness._cached = None  # answer the next /readyz from fresh checks
        log.warning("vault unsealed (%d shares)", status.threshold)
    _audit(
        state,
        "admin.unseal",
        status="unsealed" if not status.sealed else "share_accepted",
        count=status.received,
        threshold=status.threshold,
    )
    return JSONResponse(_status_body(seal))


def _home(state: GatewayState) -> str:
    settings = getattr(state.core, "settings", None)
    if settings is None:
        raise ConfigError("the privacy core has no settings; split custody needs Veil's")
    return str(settings.home)


@router.post("/admin/vault/resplit")
async def resplit(request: Request) -> Response:
    """Re-split the master key (new custodians or threshold), optionally rotating it first."""
    if (refused := _admin_refusal(request)) is not None:
        return refused
    state = _state(request)
    seal = state.seal
    if seal is None:
        return _no_custody()
    try:
        if seal.key is None:
            raise RequestValidationError("unseal the gateway before re-splitting its key")
        data = await _json(request)
        if set(data) - {"threshold", "custodians", "rotate_key"}:
            raise RequestValidationError("fields: threshold, custodians, rotate_key")
        raw = data.get("custodians")
        if raw is None:
            custodians = seal.custody.custodians()
        elif isinstance(raw, dict) and all(isinstance(v, str) for v in raw.values()):
            custodians = {str(k): parse_public_key(v, name=str(k)) for k, v in raw.items()}
        else:
            raise RequestValidationError("custodians: an object of name -> PEM public key")
        threshold = data.get("threshold", seal.custody.threshold)
        rotate = data.get("rotate_key", False)
        if not isinstance(threshold, int) or not isinstance(rotate, bool):
            raise RequestValidationError("threshold: an integer; rotate_key: a boolean")
        home = Path(_home(state))
        key = seal.key
        rewrapped = 0
        if rotate:
            key = secrets.token_bytes(32)
            vault = state.core.vault  # type: ignore[attr-defined]
            b64 = base64.b64encode(key).decode()
            rewrapped = await to_thread.run_sync(vault.rotate_master_key, b64)
        custody = Custody.create(key, custodians, threshold=threshold)
        custody.save(custody_path(home))
        set_unsealed_key(custody_path(home), key)
        seal.replace(custody, key)
    except VeilError as e:
        return error_response(request, e)
    _audit(
        state,
        "admin.vault_resplit",
        status="rotated" if rotate else "resplit",
        shares=len(custodians),
        threshold=threshold,
        count=rewrapped,
    )
    return JSONResponse(
        {
            "shares": len(custodians),
            "threshold": threshold,
            "rotated": rotate,
            "rewrapped": rewrapped,
        }
    )


@router.post("/admin/vault/finish-rotation")
async def finish_rotation(request: Request) -> Response:
    if (refused := _admin_refusal(request)) is not None:
        return refused
    state = _state(request)
    if state.seal is None:
        return _no_custody()
    try:
        vault = state.core.vault  # type: ignore[attr-defined]
        dropped = await to_thread.run_sync(vault.finish_master_rotation)
    except VeilError as e:
        return error_response(request, e)
    _audit(state, "admin.vault_finish_rotation", count=dropped)
    return JSONResponse({"dropped": dropped})


__all__ = ["SealedMiddleware", "router", "sealed_message", "unsealer_for"]
