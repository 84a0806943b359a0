"""A client that sends no prompt to a gateway whose attestation does not verify.

    http = attested_http_client("https://gw:8443", expected=Expected.load(p),
                                collateral=load_collateral(c), verify="ca.pem")
    openai.OpenAI(base_url="https://gw:8443/v1", api_key=key, http_client=http)

Before the first request with a body (every prompt-carrying call is a POST), the transport
fetches ``GET /v1/attestation`` with a fresh nonce over the same TLS connection pool, verifies it
(quote, collateral, TCB, measurements, REPORTDATA binding, nonce, and that the certificate this
connection was served is the attested one) and only then sends the request. A failure raises
:class:`~veil.errors.AttestationError` and nothing is sent. Success is trusted for ``ttl_s``.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import threading
import time
from collections.abc import Callable
from typing import Any

import httpx

from veil.errors import AttestationError

from .verify import (
    Expected,
    VerificationReport,
    evidence_from_json,
    fetch_collateral,
    verify_evidence,
)


def _peer_cert_sha256(response: httpx.Response) -> str | None:
    stream = response.extensions.get("network_stream")
    ssl_object = stream.get_extra_info("ssl_object") if stream is not None else None
    if ssl_object is None:
        return None
    der = ssl_object.getpeercert(True)  # positional: httpcore may hand out the raw _SSLSocket
    return hashlib.sha256(der).hexdigest() if der else None


class AttestingTransport(httpx.BaseTransport):
    """Wraps a transport: requests with a body wait for (and need) a verified attestation."""

    def __init__(
        self,
        inner: httpx.BaseTransport,
        *,
        base_url: str,
        expected: Expected,
        collateral: Any = None,
        pccs_url: str | None = None,
        headers: dict[str, str] | None = None,
        ttl_s: float = 300.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        if collateral is None and not pccs_url:
            raise AttestationError("give collateral (a saved file) or a PCCS URL to verify with")
        self.inner, self.base_url = inner, base_url.rstrip("/")
        self.expected, self.collateral, self.pccs_url = expected, collateral, pccs_url
        self.headers, self.ttl_s, self.clock = dict(headers or {}), ttl_s, clock
        self._until = 0.0
        self._lock = threading.Lock()
        self.last_report: VerificationReport | None = None

    def attest(self) -> VerificationReport:
        """Fetch and verify fresh evidence now; raises AttestationError unless it passes."""
        nonce = secrets.token_bytes(32)
        req = httpx.Request(
            "GET",
            f"{self.base_url}/v1/attestation",
            params={"nonce": nonce.hex()},
            headers=self.headers,
        )
        resp = self.inner.handle_request(req)
        try:
            resp.read()
            if resp.status_code != 200:
                raise AttestationError(
                    f"the gateway answered {resp.status_code} to GET /v1/attestation; no "
                    "prompt was sent"
                )
            evidence = evidence_from_json(resp.text)
            report = verify_evidence(
                evidence,
                nonce=nonce,
                expected=self.expected,
                collateral=self._collateral(evidence),
                now=int(self.clock()),
                served_cert_sha256=_peer_cert_sha256(resp) or "",
            )
        finally:
            resp.close()
        self.last_report = report
        report.raise_for_failure()
        return report

    def _collateral(self, evidence: Any) -> Any:
        if self.collateral is not None or self.pccs_url is None:
            return self.collateral
        quote = evidence.get("quote") if isinstance(evidence, dict) else None
        if not isinstance(quote, str):
            return None  # nothing to fetch for; verify_evidence reports what is missing
        try:
            raw = base64.b64decode(quote, validate=True)
        except ValueError:
            return None
        return fetch_collateral(self.pccs_url, raw)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            with self._lock:
                if self.clock() >= self._until:
                    self.attest()
                    self._until = self.clock() + self.ttl_s
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()


def attested_http_client(
    base_url: str,
    *,
    expected: Expected,
    collateral: Any = None,
    pccs_url: str | None = None,
    api_key: str | None = None,
    verify: Any = True,
    cert: Any = None,
    ttl_s: float = 300.0,
    timeout: float = 60.0,
) -> httpx.Client:
    """An httpx client (e.g. ``openai.OpenAI(http_client=...)``) that refuses to send any
    request body until the gateway's attestation verifies."""
    headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
    transport = AttestingTransport(
        httpx.HTTPTransport(verify=verify, cert=cert),
        base_url=base_url,
        expected=expected,
        collateral=collateral,
        pccs_url=pccs_url,
        headers=headers,
        ttl_s=ttl_s,
    )
    return httpx.Client(base_url=base_url, transport=transport, headers=headers, timeout=timeout)


__all__ = ["AttestingTransport", "attested_http_client"]
