"""``veil audit``: verify the audit log, prove records and consistency, read it.

    veil audit verify [--witness seen.json] [--public-key audit.pub]   # exit 1 on any problem
    veil audit prove 42 > proof.json           # inclusion proof of record 42
    veil audit consistency 1000 2000 > c.json  # sizes of stored checkpoints, or checkpoint files
    veil audit check proof.json --public-key audit.pub    # offline: no access to the log
    veil audit checkpoint                      # sign a checkpoint of everything committed now
    veil audit public-key > audit.pub
    veil audit show --kind refused --tenant acme --limit 20
    veil audit tail -n 20 --follow

The log is the one the gateway config's ``audit`` section names (``--config``), else the
default beside the vault (``VEIL_HOME``, ``VEIL_VAULT_BACKEND``, ``VEIL_REDIS_URL``).
"""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from veil.errors import AuditError

audit_app = typer.Typer(
    help="Verifiable audit log: verify, prove, consistency, show.", no_args_is_help=True
)

ConfigOpt = Annotated[
    Path | None, typer.Option("--config", "-c", help="Gateway config YAML (its `audit` section)")
]
KeysOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--public-key",
        help="Trusted public key file (hex/base64/PEM; repeatable). Default: the local key",
    ),
]


def register(app: typer.Typer) -> None:
    app.add_typer(audit_app, name="audit")


def _cfg(config: Path | None) -> tuple[Any, Any]:
    from veil.audit.config import AuditConfig
    from veil.config import Settings

    settings = Settings()
    if config is None:
        return AuditConfig(), settings
    from veil.gateway.config import GatewayConfig

    return GatewayConfig.load(config).audit, settings


def _store(config: Path | None) -> Any:
    from veil.audit.config import open_store

    cfg, settings = _cfg(config)
    if cfg.backend(settings) == "off":
        raise AuditError("the audit log is off in this config (audit.store: off)")
    if cfg.backend(settings) == "sqlite" and not cfg.sqlite_path(settings).exists():
        raise AuditError(
            f"no audit log at {cfg.sqlite_path(settings)}; set VEIL_HOME or --config to the "
            "gateway's"
        )
    return open_store(cfg, settings)


def _keys(keys: list[Path] | None, config: Path | None) -> list[bytes]:
    from veil.audit.checkpoint import Signer, public_key_from_file

    if keys:
        try:
            return [public_key_from_file(k) for k in keys]
        except OSError as e:
            raise AuditError(f"cannot read the public key file {e.filename} ({e.strerror}); "
                             "check --public-key") from None
    signer = Signer.from_env()  # the key the gateway signs with when it is set
    if signer is not None:
        return [signer.public_key]
    cfg, settings = _cfg(config)
    path = cfg.signing_key_path(settings)
    if not path.exists():
        raise AuditError(f"no signing key at {path}; pass --public-key")
    return [public_key_from_file(path)]


def _echo_json(doc: Any, out: Path | None = None) -> None:
    text = json.dumps(doc, indent=2, sort_keys=True)
    if out is None:
        typer.echo(text)
    else:
        try:
            out.write_text(text + "\n", encoding="utf-8")
        except OSError as e:
            raise AuditError(f"cannot write {out} ({e.strerror}); check --out") from None
        typer.echo(f"wrote {out}", err=True)


@audit_app.command("verify")
def verify(
    config: ConfigOpt = None,
    public_key: KeysOpt = None,
    witness: Annotated[
        Path | None,
        typer.Option(
            help="Checkpoint file kept by a witness: the log must extend it; updated on success"
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable report")] = False,
) -> None:
    """Recompute every hash, root and signature; exit 1 if anything was changed."""
    from veil.audit.checkpoint import load_checkpoint_file
    from veil.audit.verify import verify_log

    cfg, settings = _cfg(config)
    keys = _keys(public_key, config)
    trusted = []
    head = cfg.head_path(settings)
    if head.exists():
        trusted.append(load_checkpoint_file(head))
    if witness is not None and witness.exists():
        trusted.append(load_checkpoint_file(witness))
    elif witness is not None:  # a witness's first run, or a misspelt path: say which it was
        typer.echo(f"note  witness file {witness} does not exist: the log was not checked "
                   "against it; it is written if the log verifies", err=True)
    store = _store(config)
    try:
        rep = verify_log(store, keys, trusted=trusted)
        latest = [cp for cp in store.checkpoints() if cp.size == rep.signed_size]
    finally:
        store.close()
    if as_json:
        _echo_json(rep.to_json())
    else:
        typer.echo(
            f"records: {rep.records}  checkpoints: {rep.checkpoints}  "
            f"signed: {rep.signed_size}  unsigned tail: {max(0, rep.records - rep.signed_size)}"
        )
        for p in rep.problems:
            typer.echo(f"FAIL  {p}")
        for n in rep.notes:
            typer.echo(f"note  {n}")
        typer.echo("OK: the log matches its signed checkpoints" if rep.ok else "TAMPERED")
    if not rep.ok:
        raise typer.Exit(1)
    if witness is not None and latest:
        try:
            witness.write_text(json.dumps(latest[-1].to_json(), sort_keys=True) + "\n")
        except OSError as e:
            raise AuditError(f"the log verifies, but the witness file {witness} cannot be "
                             f"written ({e.strerror}); check --witness") from None


@audit_app.command("prove")
def prove(
    record_id: Annotated[int, typer.Argument(min=0, help="Record index (see `veil audit show`)")],
    size: Annotated[
        int | None,
        typer.Option(min=1, help="Checkpoint size to prove against (default: newest)"),
    ] = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write here")] = None,
    config: ConfigOpt = None,
) -> None:
    """Inclusion proof of one record to a signed checkpoint (check it with `veil audit check`)."""
    from veil.audit.verify import inclusion_proof

    store = _store(config)
    try:
        _echo_json(inclusion_proof(store, record_id, size), out)
    finally:
        store.close()


def _checkpoint_arg(store: Any, arg: str) -> Any:
    from veil.audit.checkpoint import load_checkpoint_file
    from veil.audit.verify import checkpoint_at

    if arg.isdigit():
        return checkpoint_at(store, int(arg))
    return load_checkpoint_file(Path(arg))


@audit_app.command("consistency")
def consistency(
    old: Annotated[str, typer.Argument(help="Older checkpoint: its size, or a checkpoint file")],
    new: Annotated[str, typer.Argument(help="Newer checkpoint: its size, or a checkpoint file")],
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write here")] = None,
    config: ConfigOpt = None,
) -> None:
    """Proof that the newer checkpoint's log extends the older one (append-only)."""
    from veil.audit.verify import consistency_proof

    store = _store(config)
    try:
        _echo_json(
            consistency_proof(store, _checkpoint_arg(store, old), _checkpoint_arg(store, new)),
            out,
        )
    finally:
        store.close()


@audit_app.command("check")
def check(
    proof: Annotated[Path, typer.Argument(help="Proof JSON from `prove` or `consistency`")],
    public_key: KeysOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Check a proof offline with only the public key; exit 1 if it does not hold."""
    from veil.audit.verify import check_proof

    try:
        doc = json.loads(proof.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise AuditError(f"cannot read proof {proof} (JSON expected)") from None
    ok, why = check_proof(doc if isinstance(doc, dict) else {}, _keys(public_key, config))
    typer.echo(("OK: " if ok else "FAIL: ") + why)
    if not ok:
        raise typer.Exit(1)


@audit_app.command("checkpoint")
def checkpoint(config: ConfigOpt = None) -> None:
    """Sign a checkpoint over every committed record now and print it."""
    from veil.audit.config import open_audit
    from veil.audit.log import AuditLog

    cfg, settings = _cfg(config)
    audit = open_audit(cfg, settings)
    if not isinstance(audit, AuditLog):
        raise AuditError("the audit log is off in this config (audit.store: off)")
    with audit:
        cp = audit.checkpoint()
    if cp is None:
        raise AuditError("the audit log is empty: nothing to sign")
    _echo_json(cp.to_json())


@audit_app.command("public-key")
def public_key_cmd(
    fmt: Annotated[str, typer.Option("--format", help="hex | pem")] = "hex",
    config: ConfigOpt = None,
) -> None:
    """The public key that verifies this gateway's checkpoints (safe to publish)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    (key,) = _keys(None, config)
    if fmt == "pem":
        pem = Ed25519PublicKey.from_public_bytes(key).public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        typer.echo(pem.decode().strip())
    elif fmt == "hex":
        typer.echo(key.hex())
    else:
        raise AuditError("--format is hex or pem")


def _parse_since(since: str | None) -> float | None:
    if since is None:
        return None
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    if since[-1:] in units and since[:-1].isdigit():
        return time.time() - int(since[:-1]) * units[since[-1]]
    try:
        dt = datetime.fromisoformat(since)
    except ValueError:
        raise AuditError(
            f"--since {since!r}: give an ISO time (2026-01-31T12:00) or an age (30m, 2h, 1d)"
        ) from None
    return (dt if dt.tzinfo else dt.replace(tzinfo=UTC)).timestamp()


def _select(
    rows: list[Any], kind: str | None, tenant: str | None, since: float | None
) -> list[dict[str, Any]]:
    out = []
    for _, leaf, _ in rows:
        doc = json.loads(leaf)
        if kind and not (doc["kind"] == kind or doc["kind"].startswith(kind + ".")):
            continue
        if tenant and doc["f"].get("tenant") != tenant:
            continue
        if since is not None and doc["ts"] < since:
            continue
        out.append(doc)
    return out


def _print(docs: list[dict[str, Any]], as_json: bool) -> None:
    for d in docs:
        if as_json:
            typer.echo(json.dumps(d, sort_keys=True))
            continue
        when = datetime.fromtimestamp(d["ts"], UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        fields = " ".join(
            f"{k}={json.dumps(v, separators=(',', ':')) if isinstance(v, dict) else v}"
            for k, v in sorted(d["f"].items())
        )
        typer.echo(f"{d['i']:>8}  {when}  {d['kind']:<14} {fields}")


KindOpt = Annotated[
    str | None, typer.Option(help="request | upstream | restored | refused | admin[.<action>]")
]
TenantOpt = Annotated[str | None, typer.Option(help="Only this tenant's records")]
SinceOpt = Annotated[str | None, typer.Option(help="ISO time or age (30m, 2h, 1d)")]
JsonOpt = Annotated[bool, typer.Option("--json", help="One JSON record per line")]


@audit_app.command("show")
def show(
    kind: KindOpt = None,
    tenant: TenantOpt = None,
    since: SinceOpt = None,
    start: Annotated[int, typer.Option(min=0, help="First record index")] = 0,
    limit: Annotated[int, typer.Option(min=0, help="At most this many records")] = 100,
    as_json: JsonOpt = False,
    config: ConfigOpt = None,
) -> None:
    """Records in order, filtered (identifiers and counts only: the log holds no text)."""
    store = _store(config)
    try:
        docs = _select(store.rows(start), kind, tenant, _parse_since(since))
    finally:
        store.close()
    _print(docs[:limit], as_json)


@audit_app.command("tail")
def tail(
    n: Annotated[int, typer.Option("-n", min=0, help="How many of the newest records")] = 20,
    follow: Annotated[bool, typer.Option("--follow", "-f", help="Keep printing new records")] = (
        False
    ),
    kind: KindOpt = None,
    tenant: TenantOpt = None,
    as_json: JsonOpt = False,
    config: ConfigOpt = None,
) -> None:
    """The newest records; with --follow, new ones as they are committed (Ctrl-C stops)."""
    store = _store(config)
    try:
        size = store.size()
        _print(_select(store.rows(max(0, size - n)), kind, tenant, None)[-n:], as_json)
        while follow:
            time.sleep(0.5)
            new = store.size()
            if new > size:
                _print(_select(store.rows(size, new), kind, tenant, None), as_json)
                size = new
    finally:
        store.close()
