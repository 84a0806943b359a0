"""``veil vault``: key rotation of the encrypted mapping store, while gateways keep running.

    VEIL_NEW_MASTER_KEY=... veil vault rotate-master-key     # re-wrap every key under the new one
    veil vault rotate-master-key --generate                 # key-file mode: new random key file
    veil vault finish-master-rotation                       # after every gateway uses the new key
    veil vault rotate-tenant-key acme                       # new data key, entries re-encrypted
    veil vault init --shares 3 --threshold 2 --custodian alice=alice.pub ...   # split custody
    veil vault unseal --custodian alice --private-key alice.key --url https://gw:8443
    veil vault resplit --threshold 3 --custodian ... [--rotate-key]            # on an unsealed gw

The vault is the one the settings name (``VEIL_VAULT_BACKEND``, ``VEIL_VAULT_PATH``,
``VEIL_REDIS_URL``, ``VEIL_MASTER_KEY``). Keys are never taken as arguments (they would show in
the process list and shell history) and never printed.
"""

from __future__ import annotations

import base64
import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

import typer

from veil.errors import ConfigError

vault_app = typer.Typer(
    help="Rotate the vault's keys (online); split the master key among custodians.",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    app.add_typer(vault_app, name="vault")


def _audit(action: str, settings: Any, **fields: Any) -> None:
    """Record the admin action in the audit log beside the vault (warns if it cannot)."""
    from veil.audit.admin import record_admin

    record_admin(action, settings=settings, actor="cli", **fields)


@vault_app.command("rotate-master-key")
def rotate_master_key(
    new_key_env: Annotated[
        str, typer.Option(help="Environment variable holding the new key (base64 of 32 bytes)")
    ] = "VEIL_NEW_MASTER_KEY",
    generate: Annotated[
        bool,
        typer.Option(help="Key-file mode only: generate the new key and replace <home>/master.key"),
    ] = False,
) -> None:
    """Re-wrap every tenant key under a new master key; running gateways keep working."""
    from veil.config import Settings

    settings = Settings()
    from veil.vault.crypto import custody_mode

    if custody_mode(settings):
        raise ConfigError(
            "the master key is split among custodians: rotate it on an unsealed gateway with "
            "`veil vault resplit --rotate-key`"
        )
    if generate:
        if settings.master_key is not None:
            raise ConfigError(
                "--generate replaces the key file, but VEIL_MASTER_KEY is set; put the new key "
                f"in {new_key_env} instead"
            )
        new_key = base64.b64encode(secrets.token_bytes(32)).decode()
    else:
        found = os.environ.get(new_key_env)
        if not found:
            raise ConfigError(
                f"set {new_key_env} to the new master key (base64 of 32 random bytes), or pass "
                "--generate to rotate the key file"
            )
        new_key = found
    with _existing_vault(settings) as vault:
        count = vault.rotate_master_key(new_key)
    _audit("rotate_master_key", settings, target="master-key", count=count)
    typer.echo(f"re-wrapped {count} key(s) under the new master key.")
    if settings.master_key is not None:
        typer.echo(
            f"next: restart every gateway with VEIL_MASTER_KEY set to the value of {new_key_env}, "
            "then run `veil vault finish-master-rotation`"
        )
    else:
        typer.echo(
            "the key file was replaced; running gateways re-read it on their next new tenant. "
            "Run `veil vault finish-master-rotation` once they all did (or were restarted)"
        )


@vault_app.command("finish-master-rotation")
def finish_master_rotation(
    new_key_env: Annotated[
        str, typer.Option(help="Environment variable holding the new key, if not VEIL_MASTER_KEY")
    ] = "VEIL_NEW_MASTER_KEY",
) -> None:
    """Drop the old-master wrappings kept during a rotation (the old key then opens nothing)."""
    from veil.config import Settings

    settings = Settings()
    with _existing_vault(settings) as vault:
        count = vault.finish_master_rotation(new_key=os.environ.get(new_key_env) or None)
    _audit("finish_master_rotation", settings, target="master-key", count=count)
    typer.echo(f"dropped {count} old-master wrapping(s).")


@vault_app.command("rotate-tenant-key")
def rotate_tenant_key(
    tenant: Annotated[str, typer.Argument(help="Tenant name as in the gateway config")],
) -> None:
    """Give a tenant a fresh data key and re-encrypt its entries; running gateways keep working."""
    from veil.audit.records import check_record
    from veil.config import Settings

    # Checked before anything changes: a name the audit log refuses would leave the rotation
    # unrecorded (the vault itself refuses a tenant it has no key for).
    check_record("admin.rotate_tenant_key", {"tenant": tenant, "version": 1, "count": 0})
    settings = Settings()
    with _existing_vault(settings) as vault:
        r = vault.rotate_tenant_key(tenant)
    _audit("rotate_tenant_key", settings, tenant=tenant, version=r.version, count=r.resealed)
    typer.echo(f"data key {r.version}: re-encrypted {r.resealed} entr(y/ies).")
    if r.legacy:
        typer.echo(
            f"{r.legacy} entr(y/ies) written before this vault version stay under the previous "
            "key until their session expires (VEIL_VAULT_TTL_SECONDS)."
        )


def _existing_vault(settings: Any) -> Any:
    from veil.cli._common import open_existing_vault

    return open_existing_vault(settings)


# --------------------------------------------------------------------------- split custody
def _parse_custodians(specs: list[str]) -> dict[str, Path]:
    out: dict[str, Path] = {}
    for spec in specs:
        name, sep, path = spec.partition("=")
        if not sep or not name or not path:
            raise ConfigError(f"--custodian takes NAME=PUBLIC_KEY.pem, got {spec!r}")
        if name in out:
            raise ConfigError(f"custodian {name!r} is listed twice")
        out[name] = Path(path)
    return out


def _passphrase(env: str) -> bytes | None:
    value = os.environ.get(env)
    return value.encode() if value else None


@vault_app.command("custodian-keygen")
def custodian_keygen(  # nosec B107 # an env var name, not a password
    name: Annotated[str, typer.Argument(help="Custodian name (files NAME.key, NAME.pub)")],
    out_dir: Annotated[Path, typer.Option("--out", help="Directory for the key pair")] = Path("."),
    passphrase_env: Annotated[
        str, typer.Option(help="Environment variable with a passphrase for the private key")
    ] = "VEIL_CUSTODIAN_PASSPHRASE",
) -> None:
    """Make an RSA-3072 key pair for a custodian (run it on the custodian's own machine)."""
    from veil.vault.custody import generate_custodian_key

    # the name becomes two file names: no path in it (it would write outside --out)
    if not name or name.startswith(".") or Path(name).name != name or "\\" in name:
        raise ConfigError(
            f"custodian name {name!r} must be a plain name (no path, not starting with '.'); "
            "put the files elsewhere with --out"
        )
    private, public = out_dir / f"{name}.key", out_dir / f"{name}.pub"
    for existing in (private, public):
        if os.path.lexists(existing):  # a link too, even one to nothing: never written through
            raise ConfigError(f"{existing} exists; choose another name or directory")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        generate_custodian_key(private, public, passphrase=_passphrase(passphrase_env))
    except FileExistsError:  # made meanwhile: left as it is
        raise ConfigError(f"{private} or {public} exists; choose another name or "
                          "directory") from None
    except OSError as e:
        raise ConfigError(
            f"cannot write the key pair in {out_dir} ({e.strerror}); nothing was written: "
            "free space or choose a writable --out, and run this again"
        ) from None
    typer.echo(f"private key: {private} (keep it; mode 0600)\npublic key:  {public} (send it)")


@vault_app.command("init")
def init_custody(
    shares: Annotated[int, typer.Option(help="Number of shares N (one per custodian)")],
    threshold: Annotated[int, typer.Option(help="Shares K needed to unseal")],
    custodian: Annotated[
        list[str], typer.Option(help="NAME=PUBLIC_KEY.pem, once per custodian (N times)")
    ],
) -> None:
    """Split the vault master key among custodians; gateways then start sealed.

    The key split is VEIL_MASTER_KEY if set (unset it afterwards), else <home>/master.key if it
    exists (it is deleted once the custody file is written), else a fresh key.
    """
    from veil.config import Settings
    from veil.vault.crypto import decode_master_key, key_file_path, load_master_key
    from veil.vault.custody import Custody, custody_path, load_public_key

    settings = Settings()
    home = Path(settings.home)
    target = custody_path(home)
    if target.exists():
        raise ConfigError(
            f"{target} exists: the key is already split; use `veil vault resplit` on an "
            "unsealed gateway to change custodians or the threshold"
        )
    keys = {n: load_public_key(p) for n, p in _parse_custodians(custodian).items()}
    if len(keys) != shares:
        raise ConfigError(f"--shares {shares} needs {shares} --custodian options, got {len(keys)}")
    key_file = key_file_path(settings)
    if settings.master_key is not None:
        key = decode_master_key(settings.master_key)
    elif key_file.exists():
        key = load_master_key(settings)
    else:
        key = secrets.token_bytes(32)
    Custody.create(key, keys, threshold=threshold).save(target)
    linked_to: Path | None = None
    if key_file.is_symlink():
        # Only the link goes: overwriting through it would destroy whatever it points at (a
        # key kept on a secrets mount, or any file of this user).
        linked_to = key_file.resolve()
        key_file.unlink()
    elif key_file.exists():
        # Overwrite before unlinking: the point of custody is that no whole key stays on disk.
        with key_file.open("r+b") as f:
            f.write(secrets.token_bytes(len(f.read())))
        key_file.unlink()
    typer.echo(f"split the master key into {shares} shares, {threshold} needed: {target}")
    if linked_to is not None:
        typer.echo(f"{key_file} was a link; removed it, but {linked_to} still holds the whole "
                   "key: delete it (shred) once the custodians hold their shares")
    if settings.master_key is not None:
        typer.echo("unset VEIL_MASTER_KEY everywhere: with it set, the split is bypassed")
    typer.echo("gateways now start sealed; each custodian runs `veil vault unseal`")


def _admin_client(url: str, admin_key_env: str, ca_bundle: Path | None) -> Any:
    import httpx

    from veil.cli._common import tls_context

    key = os.environ.get(admin_key_env)
    if not key:
        raise ConfigError(f"set {admin_key_env} to the gateway's admin API key")
    verify: Any = tls_context(ca_file=ca_bundle) if ca_bundle is not None else True
    return httpx.Client(
        base_url=url.rstrip("/"),
        headers={"Authorization": f"Bearer {key}"},
        verify=verify,
        timeout=30,
    )


@contextlib.contextmanager
def _gateway(url: str, admin_key_env: str, ca_bundle: Path | None) -> Iterator[Any]:
    """An admin client whose network failures and foreign answers are clear errors."""
    import httpx

    from veil.errors import VeilError

    parts = urlsplit(url)
    where = f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}"  # never a password in a URL
    with _admin_client(url, admin_key_env, ca_bundle) as client:
        try:
            yield client
        except VeilError:
            raise
        except httpx.HTTPError as e:
            raise ConfigError(
                f"cannot reach the gateway at {where} ({type(e).__name__}); check --url, that "
                "the gateway runs, and --ca-bundle"
            ) from None
        except (KeyError, TypeError, ValueError):
            raise ConfigError(
                f"the gateway at {where} did not answer as Veil's admin API does; check --url"
            ) from None


def _checked(resp: Any) -> dict[str, Any]:
    try:
        body: Any = resp.json()
    except ValueError:
        body = {}
    if resp.status_code >= 400:
        msg = body.get("error", {}).get("message") if isinstance(body, dict) else None
        raise ConfigError(f"gateway answered {resp.status_code}: {msg or resp.reason_phrase}")
    return dict(body)


_URL = Annotated[str, typer.Option(help="Gateway base URL (https://host:port)")]
_ADMIN = Annotated[str, typer.Option(help="Environment variable with the admin API key")]
_CA = Annotated[Path | None, typer.Option(help="CA bundle that signed the gateway's certificate")]


@vault_app.command("unseal")
def unseal(  # nosec B107 # an env var name, not a password
    custodian: Annotated[str, typer.Option(help="Your custodian name")],
    private_key: Annotated[Path, typer.Option(help="Your private key (PEM)")],
    url: _URL = "https://127.0.0.1:8000",
    admin_key_env: _ADMIN = "VEIL_ADMIN_KEY",
    ca_bundle: _CA = None,
    passphrase_env: Annotated[
        str, typer.Option(help="Environment variable with the private key's passphrase")
    ] = "VEIL_CUSTODIAN_PASSPHRASE",
) -> None:
    """Decrypt your share locally and submit it to a sealed gateway."""
    from veil.vault.custody import Custody, SealedShare, load_private_key

    pk = load_private_key(private_key, _passphrase(passphrase_env))
    if url.startswith("http://") and not url.startswith(("http://127.", "http://localhost")):
        raise ConfigError("refusing to send a key share over plain HTTP; use the https:// URL")
    with _gateway(url, admin_key_env, ca_bundle) as client:
        status = _checked(client.get("/admin/unseal"))
        if not status["sealed"]:
            typer.echo("the gateway is already unsealed.")
            return
        custody = Custody(
            threshold=int(status["threshold"]),
            check="",
            shares=tuple(
                SealedShare(
                    custodian=s["custodian"],
                    index=int(s["index"]),
                    digest="",
                    ciphertext=base64.b64decode(s["ciphertext"]),
                    public_key="",
                )
                for s in status["shares"]
            ),
        )
        share = custody.open_share(custodian, pk, check_digest=False)
        result = _checked(
            client.post(
                "/admin/unseal",
                json={"custodian": custodian, "share": base64.b64encode(share.encode()).decode()},
            )
        )
    if result["sealed"]:
        typer.echo(f"share accepted: {result['received']} of {result['threshold']} received.")
    else:
        typer.echo("share accepted: the gateway is unsealed.")


@vault_app.command("resplit")
def resplit(
    threshold: Annotated[
        int | None, typer.Option(help="New threshold K (default: unchanged)")
    ] = None,
    custodian: Annotated[
        list[str] | None, typer.Option(help="NAME=PUBLIC_KEY.pem (default: the same custodians)")
    ] = None,
    rotate_key: Annotated[
        bool, typer.Option(help="Rotate the master key too (tenant keys are re-wrapped)")
    ] = False,
    url: _URL = "https://127.0.0.1:8000",
    admin_key_env: _ADMIN = "VEIL_ADMIN_KEY",
    ca_bundle: _CA = None,
) -> None:
    """Re-split the key of an unsealed gateway (new custodians/threshold, or a new key)."""
    body: dict[str, Any] = {"rotate_key": rotate_key}
    if threshold is not None:
        body["threshold"] = threshold
    if custodian:
        from veil.vault.custody import load_public_key

        # read and checked here: a missing or non-PEM file is named before the gateway is asked
        body["custodians"] = {
            n: p.read_text(encoding="ascii")
            for n, p in _parse_custodians(custodian).items() if load_public_key(p)
        }
    with _gateway(url, admin_key_env, ca_bundle) as client:
        r = _checked(client.post("/admin/vault/resplit", json=body))
    typer.echo(
        f"re-split into {r['shares']} shares, {r['threshold']} needed"
        + (f"; new master key, {r['rewrapped']} key(s) re-wrapped" if r["rotated"] else "")
    )
    if r["rotated"]:
        typer.echo(
            "custodians' old shares no longer unseal; once every replica runs on the new key, "
            "POST /admin/vault/finish-rotation drops the old wrappings"
        )
