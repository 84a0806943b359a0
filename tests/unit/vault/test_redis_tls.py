"""The Redis vault over TLS with an ACL user, against a real redis-server configured for TLS
with certificates made here (tests/tlsutil.py)."""

from __future__ import annotations

import base64
import os
import subprocess
import time
from collections.abc import Iterator
from typing import Any

import pytest
import redis

from tests.conftest import redis_binary, stop_redis
from tests.tlsutil import CA
from veil.config import Settings
from veil.errors import ConfigError, VaultUnavailableError
from veil.gateway.procs import free_port
from veil.vault import RedisVault

pytestmark = pytest.mark.slow

PASSWORD = "acl-test-password"
MASTER_KEY = base64.b64encode(os.urandom(32)).decode()


@pytest.fixture(scope="module")
def tls_redis(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    binary = redis_binary()
    if not binary:
        pytest.skip("redis-server not found: run `make services-install`")
    d = tmp_path_factory.mktemp("redis-tls")
    ca = CA(d)
    server, client = ca.issue("redis"), ca.issue("veil-client", client=True)
    port = free_port()
    conf = d / "redis.conf"
    conf.write_text(
        "\n".join(
            [
                "port 0",  # no plaintext listener at all
                f"tls-port {port}",
                "bind 127.0.0.1",
                f"tls-cert-file {server.cert}",
                f"tls-key-file {server.key}",
                f"tls-ca-cert-file {ca.pem.cert}",
                "tls-auth-clients optional",  # a client certificate is checked when presented
                'tls-protocols "TLSv1.2 TLSv1.3"',
                'save ""',
                "appendonly no",
                f"dir {d}",
                "user default off",  # no anonymous access
                f"user veil on >{PASSWORD} ~veil:* +@all -@dangerous +scan",
            ]
        )
        + "\n"
    )
    proc = subprocess.Popen(
        [binary, str(conf)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    probe = redis.Redis(
        host="127.0.0.1", port=port, ssl=True, ssl_ca_certs=str(ca.pem.cert),
        username="veil", password=PASSWORD, socket_connect_timeout=1,
    )  # fmt: skip
    deadline = time.monotonic() + 15
    while True:
        try:
            probe.ping()
            break
        except redis.RedisError:
            assert proc.poll() is None, "redis-server exited: does it support TLS?"
            assert time.monotonic() < deadline, "redis-server (TLS) did not answer"
            time.sleep(0.1)
    probe.close()
    try:
        yield {"port": port, "ca": ca, "client": client, "dir": d}
    finally:
        stop_redis(proc)


def _settings(r: dict[str, Any], **kw: Any) -> Settings:
    base: dict[str, Any] = {
        "home": r["dir"] / "home",
        "vault_backend": "redis",
        "redis_url": f"rediss://veil:{PASSWORD}@127.0.0.1:{r['port']}/0",
        "redis_ca_file": r["ca"].pem.cert,
        "master_key": MASTER_KEY,
    }
    base.update(kw)
    return Settings(**base)


def _roundtrip(v: RedisVault) -> None:
    e = v.get_or_create(
        "acme", "s1", entity_type="PERSON", original="Jane Doe", operator="placeholder",
        exact_key="Jane Doe", propose=lambda c, a: f"[PERSON_{c}]",
    )  # fmt: skip
    assert v.find("acme", "s1", entity_type="PERSON", exact_key="Jane Doe") == e


def test_vault_over_tls_with_acl_user_and_client_certificate(tls_redis: dict[str, Any]) -> None:
    with RedisVault(_settings(tls_redis)) as v:
        v.ping()
        _roundtrip(v)
        assert v.rotate_tenant_key("acme").resealed == 1
    client = tls_redis["client"]
    s = _settings(tls_redis, redis_cert_file=client.cert, redis_key_file=client.key)
    with RedisVault(s) as v:
        _roundtrip(v)


def test_refused_without_the_ca_with_a_bad_password_or_in_plaintext(
    tls_redis: dict[str, Any],
) -> None:
    port = tls_redis["port"]
    bad = [
        _settings(tls_redis, redis_ca_file=None),  # system trust store: test CA unknown
        _settings(tls_redis, redis_url=f"rediss://veil:wrong@127.0.0.1:{port}/0"),
        _settings(tls_redis, redis_url=f"rediss://127.0.0.1:{port}/0"),  # default user is off
    ]
    for s in bad:
        with pytest.raises(VaultUnavailableError), RedisVault(s) as v:
            v.ping()
    with pytest.raises(ConfigError, match="rediss://"):
        RedisVault(_settings(tls_redis, redis_url=f"redis://veil:x@127.0.0.1:{port}/0"))
    plain = RedisVault(
        _settings(tls_redis, redis_url=f"redis://veil:x@127.0.0.1:{port}/0", redis_ca_file=None)
    )
    with pytest.raises(VaultUnavailableError):
        plain.ping()
    plain.close()
