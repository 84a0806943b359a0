"""A replica fleet on loopback: N ``veil serve`` processes behind HAProxy, sharing one Redis
vault (optionally a Sentinel-watched primary + replica), in front of the recording echo upstream.

Everything is a real process started from the Debian/PyPI binaries (``haproxy``,
``redis-server``, ``redis-sentinel``, ``veil``) and stopped by :meth:`Rig.stop`; nothing is
left running. Gateways get their listening socket from here (``--fd``): no port race for them.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess  # nosec B404 # subprocess runs fixed project commands only
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from veil.errors import ConfigError

TENANT = "rig"
SERVICE = "veilvault"  # the Sentinel name of the vault's primary


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _bound_socket() -> socket.socket:
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    return s


def _binary(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise ConfigError(f"{name} not found; run `make services-install` (Debian package)")
    return path


@dataclass
class Proc:
    name: str
    proc: subprocess.Popen[bytes]
    port: int
    log: Path

    def alive(self) -> bool:
        return self.proc.poll() is None

    def tail(self, n: int = 2000) -> str:
        return self.log.read_text(errors="replace")[-n:] if self.log.exists() else ""


@dataclass
class Rig:
    """``with Rig(workdir, replicas=3, sentinel=True) as rig: ...`` -- ``rig.url`` is HAProxy."""

    workdir: Path
    replicas: int = 3
    sentinel: bool = False
    ner: bool = False
    api_key: str = field(default_factory=lambda: "sk-rig-" + secrets.token_hex(12))
    password: str = field(default_factory=lambda: secrets.token_hex(16))
    procs: dict[str, Proc] = field(default_factory=dict)
    gateways: list[Proc] = field(default_factory=list)
    url: str = ""
    record: Path = Path()

    # -- processes ------------------------------------------------------------------------
    def _spawn(
        self, name: str, cmd: list[str], port: int, *, env: dict[str, str] | None = None,
        pass_fds: tuple[int, ...] = (),
    ) -> Proc:
        log = self.workdir / f"{name}.log"
        with open(log, "wb") as out:
            proc = subprocess.Popen(  # nosec B603 # fixed argv of project binaries, no shell
                cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                env=env or dict(os.environ), pass_fds=pass_fds, start_new_session=True,
            )
        p = Proc(name, proc, port, log)
        self.procs[name] = p
        return p

    def _redis_cmd(self, port: int, data: Path, replica_of: int | None) -> list[str]:
        data.mkdir(parents=True, exist_ok=True)
        cmd = [
            _binary("redis-server"), "--port", str(port), "--bind", "127.0.0.1",
            "--dir", str(data), "--save", "", "--appendonly", "yes",
            "--appendfsync", "everysec", "--maxmemory-policy", "noeviction",
            "--requirepass", self.password, "--masterauth", self.password,
        ]
        if replica_of is not None:
            cmd += ["--replicaof", "127.0.0.1", str(replica_of)]
        return cmd

    def _start_redis(self) -> str:
        primary = _free_port()
        self._spawn("redis-0", self._redis_cmd(primary, self.workdir / "redis-0", None), primary)
        self._wait_redis(primary)
        if not self.sentinel:
            return f"redis://:{self.password}@127.0.0.1:{primary}/0"
        rport = _free_port()
        self._spawn("redis-1", self._redis_cmd(rport, self.workdir / "redis-1", primary), rport)
        self._wait_redis(rport)
        sports = []
        for i in range(3):
            port = _free_port()
            conf = self.workdir / f"sentinel-{i}.conf"
            conf.write_text(
                f"port {port}\nbind 127.0.0.1\ndir {self.workdir}\n"
                f"sentinel monitor {SERVICE} 127.0.0.1 {primary} 2\n"
                f"sentinel auth-pass {SERVICE} {self.password}\n"
                f"sentinel down-after-milliseconds {SERVICE} 1000\n"
                f"sentinel failover-timeout {SERVICE} 10000\n"
                f"sentinel parallel-syncs {SERVICE} 1\n"
            )
            self._spawn(f"sentinel-{i}", [_binary("redis-server"), str(conf), "--sentinel"], port)
            sports.append(port)
        for port in sports:
            self._wait_redis(port, auth=False)
        hosts = ",".join(f"127.0.0.1:{p}" for p in sports)
        return f"redis+sentinel://:{self.password}@{hosts}/{SERVICE}/0"

    def _wait_redis(self, port: int, *, auth: bool = True, timeout: float = 20) -> None:
        import redis

        client = redis.Redis(port=port, password=self.password if auth else None)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with contextlib.suppress(redis.RedisError):
                if client.ping():
                    client.close()
                    return
            time.sleep(0.1)
        raise RuntimeError(f"redis on port {port} did not start")

    def _gateway_config(self) -> Path:
        from veil.gateway import hash_api_key

        policy: dict[str, Any] = {"default_operator": "pseudonym", "ner": self.ner}
        cfg = {
            "session_secret": secrets.token_hex(16),
            "tenants": [
                {"name": TENANT, "api_key_sha256": [hash_api_key(self.api_key)], "policy": policy}
            ],
            "limits": {"max_concurrent_requests": 2000, "requests_per_minute": 10_000_000},
        }
        if self.sentinel:
            # The audit log's Redis store takes plain redis:// URLs only: keep it per replica.
            cfg["audit"] = {"store": "sqlite"}
        path = self.workdir / "gateway.yaml"
        path.write_text(json.dumps(cfg))  # JSON is YAML
        return path

    def _start_gateway(self, i: int, config: Path, env: dict[str, str], upstream: str) -> Proc:
        sock = _bound_socket()
        port = int(sock.getsockname()[1])
        home = self.workdir / f"gateway-{i}"
        home.mkdir(exist_ok=True)
        cmd = [
            str(Path(sys.executable).parent / "veil"), "serve", "--config", str(config),
            "--upstream-base-url", upstream, "--fd", str(sock.fileno()), "--log-level", "warning",
        ]
        p = self._spawn(
            f"gateway-{i}", cmd, port, env={**env, "VEIL_HOME": str(home)},
            pass_fds=(sock.fileno(),),
        )
        sock.close()
        return p

    def _start_haproxy(self) -> None:
        port = _free_port()
        servers = "\n".join(
            f"  server g{i} 127.0.0.1:{g.port} check" for i, g in enumerate(self.gateways)
        )
        # L7 retries: a request a dead or refusing replica did not answer goes to another one
        # (conversation turns are idempotent: the vault returns the same replacements).
        cfg = f"""global
  maxconn 8192
defaults
  mode http
  timeout connect 1s
  timeout client 120s
  timeout server 120s
  timeout http-request 30s
  retries 3
  option redispatch 1
  retry-on conn-failure empty-response response-timeout 502 503 504
frontend veil
  bind 127.0.0.1:{port}
  default_backend gateways
backend gateways
  balance roundrobin
  option httpchk GET /readyz
  http-check expect status 200
  default-server inter 500ms fall 2 rise 2
{servers}
"""
        conf = self.workdir / "haproxy.cfg"
        conf.write_text(cfg)
        self._spawn("haproxy", [_binary("haproxy"), "-f", str(conf), "-db"], port)
        self.url = f"http://127.0.0.1:{port}"

    def start(self, *, timeout: float = 240) -> Rig:
        self.workdir.mkdir(parents=True, exist_ok=True)
        try:
            redis_url = self._start_redis()
            self.record = self.workdir / "upstream.jsonl"
            sock = _bound_socket()
            up = self._spawn(
                "upstream",
                [sys.executable, "-m", "veil.gateway.echo_upstream", "--fd", str(sock.fileno()),
                 "--record", str(self.record), "--reply-chars", "0", "--chunks", "8",
                 "--chunk-delay", "0.005"],
                int(sock.getsockname()[1]), pass_fds=(sock.fileno(),),
            )
            sock.close()
            env = {k: v for k, v in os.environ.items() if not k.startswith("VEIL_")}
            env.update(
                VEIL_VAULT_BACKEND="redis", VEIL_REDIS_URL=redis_url,
                VEIL_MASTER_KEY=base64.b64encode(os.urandom(32)).decode(),
                # one audit log in Redis, signed by every replica with the same key
                VEIL_AUDIT_SIGNING_KEY=base64.b64encode(os.urandom(32)).decode(),
                HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", PYTHONUNBUFFERED="1",
                TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS="",
            )
            config = self._gateway_config()
            upstream = f"http://127.0.0.1:{up.port}/v1"
            self.gateways = [
                self._start_gateway(i, config, env, upstream) for i in range(self.replicas)
            ]
            self._wait_ready([up, *self.gateways], timeout)
            self._start_haproxy()
            self._wait_ready_url(self.url, timeout=30, need_all=True)
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_ready(self, procs: list[Proc], timeout: float) -> None:
        deadline = time.monotonic() + timeout
        pending = list(procs)
        while pending and time.monotonic() < deadline:
            for p in list(pending):
                if not p.alive():
                    raise RuntimeError(f"{p.name} exited early:\n{p.tail()}")
                with contextlib.suppress(httpx.HTTPError):
                    if httpx.get(f"http://127.0.0.1:{p.port}/readyz", timeout=5).is_success:
                        pending.remove(p)
            time.sleep(0.2)
        if pending:
            raise RuntimeError(f"not ready after {timeout} s: {[p.name for p in pending]}")

    def _wait_ready_url(self, url: str, *, timeout: float, need_all: bool = False) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(url + "/readyz", timeout=5).is_success:
                    if need_all:
                        time.sleep(1.2)  # the health checks (every 0.5 s, rise 2) mark all up
                    return
            time.sleep(0.2)
        raise RuntimeError(f"{url} not ready after {timeout} s")

    # -- faults ---------------------------------------------------------------------------
    def kill(self, name: str) -> None:
        """SIGKILL: no graceful shutdown, in-flight streams are cut."""
        p = self.procs[name]
        with contextlib.suppress(ProcessLookupError):
            os.killpg(p.proc.pid, signal.SIGKILL)
        p.proc.wait()

    def primary_name(self, wait: float = 30.0) -> str:
        """The Redis process that is primary now (after a failover: the promoted replica).
        Waits up to ``wait`` seconds: between a primary's death and the Sentinels' promotion
        (down-after 1 s, then an election) there is no primary at all."""
        import redis

        deadline = time.monotonic() + wait
        while True:
            for name in ("redis-0", "redis-1"):
                p = self.procs.get(name)
                if p is None or not p.alive():
                    continue
                with contextlib.suppress(redis.RedisError):
                    info = redis.Redis(port=p.port, password=self.password).info("replication")
                    if info.get("role") == "master":
                        return name
            if time.monotonic() >= deadline:
                raise RuntimeError(f"no Redis primary is up after {wait:.0f} s")
            time.sleep(0.2)

    def redis_client(self) -> Any:
        import redis

        return redis.Redis(port=self.procs[self.primary_name()].port, password=self.password)

    def vault_entries(self) -> int:
        """Mappings stored in the (current primary's) vault: entries over all sessions."""
        client = self.redis_client()
        total = 0
        for key in client.scan_iter(match="veil:{*}:e", count=1000):
            total += int(client.hlen(key))
        client.close()
        return total

    def stop(self) -> None:
        for p in reversed(list(self.procs.values())):
            if p.alive():
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(p.proc.pid, signal.SIGTERM)
        for p in self.procs.values():
            try:
                p.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(p.proc.pid, signal.SIGKILL)
                p.proc.wait()

    def __enter__(self) -> Rig:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


__all__ = ["Rig", "SERVICE", "TENANT"]
