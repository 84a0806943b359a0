"""``veil attest verify URL --expect measurements.yaml``: check a gateway's TEE evidence.

    veil attest verify https://gw:8443 --expect measurements.yaml --collateral collateral.json
    veil attest verify https://gw:8443 --expect m.yaml --pccs-url https://pccs.internal:8081

Sends a fresh nonce to ``GET /v1/attestation`` and checks the quote's signature chain and
collateral (dcap-qvl), the TCB status, MRTD/RTMRs against the expected file, that REPORTDATA
binds the evidence, that the nonce is ours and that the attested TLS certificate is the one the
connection was served. Exit code 0 only when every check passes.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import asdict
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

import typer

from veil.errors import ConfigError

attest_app = typer.Typer(help="Verify a gateway's TEE attestation.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(attest_app, name="attest")


@attest_app.command("verify")
def verify(
    url: Annotated[str, typer.Argument(help="Gateway base URL (https://host:port)")],
    expect: Annotated[Path, typer.Option(help="Expected measurements (YAML; see docs/trust.md)")],
    collateral: Annotated[
        Path | None, typer.Option(help="Saved collateral JSON (dcap-qvl format; offline)")
    ] = None,
    pccs_url: Annotated[
        str | None, typer.Option(help="PCCS/PCS URL to fetch collateral from instead")
    ] = None,
    api_key_env: Annotated[
        str, typer.Option(help="Environment variable with a tenant API key")
    ] = "VEIL_API_KEY",
    ca_bundle: Annotated[
        Path | None, typer.Option(help="CA bundle that signed the gateway's certificate")
    ] = None,
    client_cert: Annotated[Path | None, typer.Option(help="Client certificate (mTLS)")] = None,
    client_key: Annotated[Path | None, typer.Option(help="Key of --client-cert")] = None,
    at: Annotated[
        int | None, typer.Option(help="Verify as of this Unix time (recorded evidence)")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON")] = False,
) -> None:
    """Verify the gateway at URL; exit 1 unless every check passes."""
    import httpx

    from veil.attest import AttestingTransport, Expected, VerificationReport, load_collateral
    from veil.cli._common import tls_context
    from veil.errors import AttestationError

    if (collateral is None) == (pccs_url is None):
        raise ConfigError("give exactly one of --collateral FILE or --pccs-url URL")
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise ConfigError(f"the gateway URL must be https://host:port, got scheme "
                          f"{parts.scheme or 'none'!r}")
    key = os.environ.get(api_key_env)
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    verify_ctx = tls_context(ca_file=ca_bundle, cert_file=client_cert, key_file=client_key)
    transport = AttestingTransport(
        httpx.HTTPTransport(verify=verify_ctx),
        base_url=url,
        expected=Expected.load(expect),
        collateral=load_collateral(collateral) if collateral is not None else None,
        pccs_url=pccs_url,
        headers=headers,
        clock=(lambda: float(at)) if at is not None else time.time,
    )
    report: VerificationReport | None
    error: str | None = None
    try:
        report = transport.attest()
    except AttestationError as e:
        report, error = transport.last_report, str(e)
    except httpx.HTTPError as e:  # unreachable or not TLS: not verified (exit 1), no traceback
        where = f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}"
        report, error = transport.last_report, (
            f"cannot reach the gateway at {where} ({type(e).__name__}); check the URL, that it "
            "runs, and --ca-bundle")
    finally:
        transport.close()
    if as_json:
        typer.echo(
            json.dumps(
                {
                    "ok": error is None,
                    "error": error,
                    "tcb_status": report.tcb_status if report else None,
                    "advisories": report.advisories if report else [],
                    "checks": [asdict(c) for c in report.checks] if report else [],
                },
                indent=2,
            )
        )
    else:
        for c in report.checks if report else []:
            typer.echo(f"{'PASS' if c.ok else 'FAIL'}  {c.name:<16} {c.detail}")
        typer.echo("verified" if error is None else error)
    if error is not None:
        raise typer.Exit(1)
