"""``rediss+sentinel://``: TLS to the Sentinels as well as to the data nodes, against a real
TLS-only redis-server and a TLS-only Sentinel (no plaintext port on either)."""

from __future__ import annotations

import base64
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis

from tests.conftest import redis_binary, stop_redis
from tests.tlsutil import CA
from veil.config import Settings
from veil.crypto.protocol import free_ports
from veil.vault import RedisVault
from veil.vault.redis import _tls_options
from veil.vault.sentinel import client_from_url

pytestmark = [pytest.mark.slow, pytest.mark.redis]

PASSWORD = "sentinel-tls-password"
SERVICE = "vault"


def _tls_conf(d: Path, ca: CA, cert: Any, port: int) -> list[str]:
    return ["port 0", f"tls-port {port}", "bind 127.0.0.1", f"tls-cert-file {cert.cert}",
            f"tls-key-file {cert.key}", f"tls-ca-cert-file {ca.pem.cert}",
            "tls-auth-clients no", f"dir {d}"]


def _wait(client: redis.Redis, proc: subprocess.Popen[bytes], what: str) -> None:
    deadline = time.monotonic() + 15
    while True:
        try:
            client.ping()
            return
        except redis.RedisError:
            assert proc.poll() is None, f"{what} exited"
            assert time.monotonic() < deadline, f"{what} did not answer over TLS"
            time.sleep(0.1)


@pytest.fixture(scope="module")
def tls_sentinel(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    binary = redis_binary()
    if not binary:
        pytest.skip("redis-server not found: run `make services-install`")
    d = tmp_path_factory.mktemp("sentinel-tls")
    ca = CA(d)
    leaf = ca.issue("redis")
    # bound together, so they differ: two free_port() calls can give one port twice, and the
    # Sentinel then failed to bind and a ping reached the data node
    data_port, sentinel_port = free_ports(2)
    data_conf, sentinel_conf = d / "redis.conf", d / "sentinel.conf"
    data_conf.write_text("\n".join([*_tls_conf(d, ca, leaf, data_port), 'save ""',
                                    f"requirepass {PASSWORD}"]) + "\n")
    sentinel_conf.write_text("\n".join([
        *_tls_conf(d, ca, leaf, sentinel_port), "tls-replication yes",
        f"sentinel monitor {SERVICE} 127.0.0.1 {data_port} 1",
        f"sentinel auth-pass {SERVICE} {PASSWORD}",
    ]) + "\n")
    procs = [subprocess.Popen([binary, str(data_conf)], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)]
    tls = {"ssl": True, "ssl_ca_certs": str(ca.pem.cert), "socket_connect_timeout": 1}
    try:
        _wait(redis.Redis(port=data_port, password=PASSWORD, **tls), procs[0], "redis-server")
        procs.append(subprocess.Popen([binary, str(sentinel_conf), "--sentinel"],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        _wait(redis.Redis(port=sentinel_port, **tls), procs[1], "redis-sentinel")
        yield {"dir": d, "ca": ca, "sentinel_port": sentinel_port, "data_port": data_port}
    finally:
        for p in reversed(procs):
            stop_redis(p)


def _settings(r: dict[str, Any]) -> Settings:
    return Settings(
        home=r["dir"] / "home", vault_backend="redis", redis_ca_file=r["ca"].pem.cert,
        redis_url=f"rediss+sentinel://:{PASSWORD}@127.0.0.1:{r['sentinel_port']}/{SERVICE}/0",
        master_key=base64.b64encode(bytes(range(32))).decode(),
    )


def test_the_sentinels_are_spoken_to_over_verified_tls(tls_sentinel: dict[str, Any]) -> None:
    s = _settings(tls_sentinel)
    client = client_from_url(s.redis_url, **_tls_options(s.redis_url, s))
    (sentinel,) = client.connection_pool.sentinel_manager.sentinels
    kw = sentinel.connection_pool.connection_kwargs
    assert sentinel.connection_pool.connection_class is redis.SSLConnection
    assert kw["ssl_cert_reqs"] == "required" and kw["ssl_check_hostname"] is True
    assert kw["ssl_ca_certs"] == str(tls_sentinel["ca"].pem.cert)
    # The Sentinel has no plaintext port: the vault works only if it is reached over TLS.
    with RedisVault(s) as v:
        e = v.get_or_create("acme", "s1", entity_type="PERSON", original="Jane Doe",
                            operator="placeholder", exact_key="Jane Doe",
                            propose=lambda c, a: f"[PERSON_{c}]")
        assert e.replacement == "[PERSON_1]"
        v.ping()
    assert client.connection_pool.get_master_address() == ("127.0.0.1", tls_sentinel["data_port"])
    client.close()
