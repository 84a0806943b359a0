"""A real ``veil serve`` over TLS whose vault key is split 2-of-3 among custodians.

Drives the CLI end to end: a vault with a mapping, ``veil vault custodian-keygen``, ``veil vault
init`` (splits the existing key file and deletes it), a sealed start (/v1/* 503, /healthz 200,
/readyz 503), ``veil vault unseal`` by two custodians over HTTPS, ``veil vault resplit
--rotate-key``, a restart (sealed again), an unseal with the NEW shares, and a check that the
mapping written before all this still opens under the new key (and only under it).

No request goes through detection here: loading the detectors would dominate the test's time,
and masking over an unsealed vault is the ordinary gateway path tested elsewhere.
"""

from __future__ import annotations

import base64
import os
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner

from tests.tlsutil import CA
from veil.cli.app import app
from veil.config import Settings
from veil.errors import VaultKeyError
from veil.vault import SQLiteVault, VaultEntry
from veil.vault.custody import Custody, combine_shares, custody_path, load_private_key

from .conftest import ADMIN_KEY, TENANT_KEYS, VEIL, Upstream, stop, write_config

pytestmark = pytest.mark.slow

CUSTODIANS = ("alice", "bob", "carol")
TENANT = {"Authorization": f"Bearer {TENANT_KEYS['acme']}"}


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VEIL_")}
    policy = home.parent / "policy.yaml"
    policy.write_text("ner: false\n")  # regex recognizers only: no spaCy load in this test
    env.update(
        VEIL_HOME=str(home),
        VEIL_POLICY_FILE=str(policy),
        VEIL_ADMIN_KEY=ADMIN_KEY,
        PYTHONUNBUFFERED="1",
    )
    return env


@dataclass
class Ran:
    returncode: int
    stdout: str


def _veil(*args: str, env: dict[str, str], ok: bool = True) -> Ran:
    """The CLI in this process (its import costs seconds per subprocess on a busy machine)."""
    extra = {k: v for k, v in env.items() if k.startswith("VEIL_")}
    r = CliRunner().invoke(app, list(args), env=extra)
    out = r.output + (f"\n{type(r.exception).__name__}: {r.exception}" if r.exception else "")
    if ok:
        assert r.exit_code == 0, out
    return Ran(r.exit_code, out)


class TlsGateway:
    def __init__(self, d: Path, env: dict[str, str], upstream: Upstream, ca: CA) -> None:
        self.d, self.env, self.upstream, self.ca = d, env, upstream, ca
        self.server = ca.issue("gateway")
        self.proc: subprocess.Popen[bytes] | None = None
        self.url = ""

    def start(self) -> None:
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        self.url = f"https://127.0.0.1:{sock.getsockname()[1]}"
        cmd = [
            VEIL, "serve", "--upstream-base-url", self.upstream.url,
            "--config", str(write_config(self.d / "gateway.yaml")),
            "--tls-cert", str(self.server.cert), "--tls-key", str(self.server.key),
            "--fd", str(sock.fileno()),
        ]  # fmt: skip
        with open(self.d / "gateway.log", "ab") as log:
            self.proc = subprocess.Popen(
                cmd, pass_fds=(sock.fileno(),), env=self.env, stdout=log, stderr=log
            )
        sock.close()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, (self.d / "gateway.log").read_text()[-3000:]
            try:
                if self.client().get("/healthz").status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.2)
        raise AssertionError("gateway did not answer /healthz over TLS")

    def stop(self) -> None:
        if self.proc is not None:
            stop(self.proc)

    def client(self, **kw: Any) -> httpx.Client:
        return httpx.Client(base_url=self.url, verify=str(self.ca.pem.cert), timeout=30, **kw)

    def unseal(self, name: str, keys: Path, *, ok: bool = True) -> Ran:
        return _veil(
            "vault", "unseal", "--custodian", name, "--private-key", str(keys / f"{name}.key"),
            "--url", self.url, "--ca-bundle", str(self.ca.pem.cert),
            env=self.env, ok=ok,
        )  # fmt: skip


@pytest.fixture
def sealed(tmp_path: Path, recording_upstream: Upstream) -> Iterator[tuple[TlsGateway, Path]]:
    keys, home = tmp_path / "custodians", tmp_path / "home"
    env = _env(home)
    with SQLiteVault(Settings(home=home, master_key=None)) as v:  # key-file mode
        _store(v)
    assert (home / "master.key").exists()
    for name in CUSTODIANS:
        _veil("vault", "custodian-keygen", name, "--out", str(keys), env=env)
    init = _veil(
        "vault", "init", "--shares", "3", "--threshold", "2",
        *[a for n in CUSTODIANS for a in ("--custodian", f"{n}={keys / (n + '.pub')}")],
        env=env,
    )  # fmt: skip
    assert "2 needed" in init.stdout
    assert (home / "custody.json").exists()
    assert not (home / "master.key").exists()  # no whole key left on disk
    gw = TlsGateway(tmp_path, env, recording_upstream, CA(tmp_path))
    gw.start()
    try:
        yield gw, keys
    finally:
        gw.stop()


def _store(v: SQLiteVault) -> VaultEntry:
    return v.get_or_create(
        "acme", "s1", entity_type="EMAIL_ADDRESS", original="jane.doe@example.com",
        operator="placeholder", exact_key="jane.doe@example.com",
        propose=lambda c, a: f"[EMAIL_ADDRESS_{c}]",
    )  # fmt: skip


def _find(home: Path, key: bytes) -> VaultEntry | None:
    settings = Settings(home=home, master_key=base64.b64encode(key).decode())
    with SQLiteVault(settings) as v:
        return v.find("acme", "s1", entity_type="EMAIL_ADDRESS", exact_key="jane.doe@example.com")


def _assert_sealed(c: httpx.Client) -> None:
    assert c.get("/healthz").status_code == 200
    assert c.get("/readyz").status_code == 503
    chat = c.post(
        "/v1/chat/completions",
        headers=TENANT,
        json={"model": "echo", "messages": [{"role": "user", "content": "hello"}]},
    )
    for r in (c.get("/v1/models", headers=TENANT), chat):
        assert r.status_code == 503
        err = r.json()["error"]
        assert err["code"] == "gateway_sealed" and "veil vault unseal" in err["message"]
    # Custodians verify the gateway before they send a share: attestation stays open.
    att = c.get("/v1/attestation", params={"nonce": "ab" * 32}, headers=TENANT)
    assert att.status_code == 200 and att.json()["tee"] == "none"


def _rebuild(home: Path, keys: Path, names: tuple[str, ...]) -> bytes:
    custody = Custody.load(custody_path(home))
    return combine_shares(
        [custody.open_share(n, load_private_key(keys / f"{n}.key", None)) for n in names]
    )


def test_sealed_until_k_shares_then_rotation_and_resplit_keep_mappings(
    sealed: tuple[TlsGateway, Path],
) -> None:
    gw, keys = sealed
    home = Path(gw.env["VEIL_HOME"])
    old_key = _rebuild(home, keys, ("bob", "carol"))
    original = _find(home, old_key)
    assert original is not None
    admin = {"Authorization": f"Bearer {ADMIN_KEY}"}
    with gw.client() as c:
        _assert_sealed(c)
        # Admin routes need the admin key, never a tenant key.
        assert c.post("/admin/unseal", headers=TENANT, json={}).status_code == 401
        # carol's private key renamed as bob's cannot decrypt bob's share.
        (keys / "mallory").mkdir()
        (keys / "mallory" / "bob.key").write_bytes((keys / "carol.key").read_bytes())
        r = gw.unseal("bob", keys / "mallory", ok=False)
        assert r.returncode != 0 and "does not open the share" in r.stdout
        # Plain HTTP to the TLS port gets no answer.
        with pytest.raises(httpx.HTTPError):
            httpx.get(gw.url.replace("https", "http") + "/healthz", timeout=5)

        assert "1 of 2" in gw.unseal("alice", keys).stdout
        _assert_sealed(c)
        status = c.get("/admin/unseal", headers=admin).json()
        assert status["sealed"] and status["received"] == 1 and status["threshold"] == 2
        assert "unsealed" in gw.unseal("bob", keys).stdout
        assert c.get("/v1/models", headers=TENANT).status_code == 200
        assert "already unsealed" in gw.unseal("carol", keys).stdout

    # A fresh master key, re-split 2-of-3 among the same custodians.
    out = _veil(
        "vault", "resplit", "--rotate-key", "--url", gw.url,
        "--ca-bundle", str(gw.ca.pem.cert), env=gw.env,
    ).stdout  # fmt: skip
    assert "new master key, 1 key(s) re-wrapped" in out
    gw.stop()
    gw.start()  # a restart seals the gateway again
    with gw.client() as c:
        _assert_sealed(c)
        gw.unseal("carol", keys)
        gw.unseal("alice", keys)
        assert c.get("/v1/models", headers=TENANT).status_code == 200
        assert c.post("/admin/vault/finish-rotation", headers=admin).json() == {"dropped": 1}
    new_key = _rebuild(home, keys, ("alice", "carol"))
    assert new_key != old_key
    assert _find(home, new_key) == original  # the mapping survived rotation and re-split
    with pytest.raises(VaultKeyError):
        _find(home, old_key)  # the old key (old shares) opens nothing any more
