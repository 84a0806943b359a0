"""TLS contexts: the gateway's listener (TLS 1.2+, optional mTLS) and verified client sides.

Verification is never switched off: a client context always checks the peer's certificate
chain and host name, against a given CA bundle or the default trust store.
"""

from __future__ import annotations

import hashlib
import ssl
from pathlib import Path

from veil.errors import ConfigError


def _load(what: str, fn: object, *args: object) -> None:
    try:
        fn(*args)  # type: ignore[operator]
    except (OSError, ssl.SSLError) as e:
        raise ConfigError(
            f"cannot load the {what} ({type(e).__name__}); check the PEM files and their paths"
        ) from None


def server_context(
    cert_file: Path, key_file: Path, *, client_ca_file: Path | None = None
) -> ssl.SSLContext:
    """Listener context: TLS 1.2 minimum; with ``client_ca_file`` a client certificate signed
    by that CA is required (mTLS)."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    _load("gateway certificate/key", ctx.load_cert_chain, str(cert_file), str(key_file))
    if client_ca_file is not None:
        _load("client CA (mTLS)", ctx.load_verify_locations, str(client_ca_file))
        ctx.verify_mode = ssl.CERT_REQUIRED
    return ctx


def client_context(
    *, ca_file: Path | None = None, cert_file: Path | None = None, key_file: Path | None = None
) -> ssl.SSLContext:
    """Verifying client context (host name and chain): ``ca_file`` or the default trust store,
    plus a client certificate for mTLS."""
    ctx = ssl.create_default_context(cafile=str(ca_file) if ca_file is not None else None)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    if cert_file is not None:
        _load(
            "client certificate/key",
            ctx.load_cert_chain,
            str(cert_file),
            key_file and str(key_file),
        )
    return ctx


def certificate_sha256(cert_file: Path) -> str:
    """SHA-256 (hex) of the DER encoding of the first certificate in a PEM file: the value a
    client compares with the certificate it was actually served (attestation binds it)."""
    try:
        pem = cert_file.read_text(encoding="ascii")
        der = ssl.PEM_cert_to_DER_cert(pem[: pem.index("-----END CERTIFICATE-----") + 25])
    except (OSError, ValueError):
        raise ConfigError(f"cannot read a PEM certificate from {cert_file}") from None
    return hashlib.sha256(der).hexdigest()


__all__ = ["certificate_sha256", "client_context", "server_context"]
