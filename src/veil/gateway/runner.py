"""Running the gateway: embedded upstream if needed, warm-up, uvicorn (uvloop + httptools), and
``--workers N`` processes on one port (a listening socket each where it can be shared) and one
vault."""

from __future__ import annotations

import base64
import contextlib
import logging
import os
import signal
import socket
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from veil.heap import settle_heap

from .app import build_state, create_app
from .config import GatewayConfig
from .embedded_process import EmbeddedModelProcess
from .exposure import is_loopback
from .procs import allow_port_sharing, port_is_shared
from .tls import certificate_sha256, server_context

if TYPE_CHECKING:
    from veil.config import Settings

log = logging.getLogger("veil.gateway")


def configure_logging(level: str = "info") -> None:
    logging.basicConfig(
        level=level.upper(),
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per upstream call


#: connections a listening socket queues before they are accepted
_BACKLOG = 2048


def _warm_up(core: object, tenants: list[str]) -> None:
    """Load every tenant's detectors (each of its policy's languages, the learned model's
    sessions) and compile the regexes before the first request instead of during it."""
    prepare = getattr(core, "prepare", None)
    if prepare is None:
        return
    for t in tenants:
        prepare(t)


def _bind(cfg: GatewayConfig, *, share_port: bool = False) -> socket.socket:
    sock = socket.socket(socket.AF_INET6 if ":" in cfg.host else socket.AF_INET)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if share_port:
        allow_port_sharing(sock)
    sock.bind((cfg.host, cfg.port))
    return sock


def _own_listener(sock: socket.socket) -> socket.socket:
    """A worker's own listening socket on ``sock``'s address (see
    :func:`.procs.allow_port_sharing`)."""
    own = socket.socket(sock.family, socket.SOCK_STREAM)
    own.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    own.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    own.bind(sock.getsockname())
    own.listen(_BACKLOG)
    return own


def _url(cfg: GatewayConfig, sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    scheme = "https" if cfg.tls is not None else "http"
    return f"{scheme}://{'[' + host + ']' if ':' in host else host}:{port}"


def check_workers(settings: Settings, workers: int) -> None:
    """Raise a ConfigError unless ``workers`` processes can share what a request needs.

    Every worker opens the vault itself, so the vault must live outside the process (SQLite file
    in WAL mode, or Redis): an in-memory vault would give each worker its own mappings and a
    request restored by another worker would come back masked. Under split custody each worker
    would have to be unsealed on its own, which ``veil vault unseal`` cannot address.
    """
    from veil.errors import ConfigError
    from veil.vault.crypto import custody_mode

    if workers < 1:
        raise ConfigError("--workers must be at least 1")
    if workers == 1:
        return
    backend = settings.vault_backend
    path = str(settings.resolved_vault_path())
    in_memory = backend not in ("sqlite", "redis") or (
        backend == "sqlite" and path.startswith((":memory:", "file::memory:"))
    )
    if in_memory:
        raise ConfigError(
            f"--workers {workers} needs a vault the worker processes can share: an in-memory "
            "vault lives in one process. Use the SQLite file vault (VEIL_VAULT_BACKEND=sqlite "
            "with a file VEIL_VAULT_PATH) or Redis (VEIL_VAULT_BACKEND=redis), or --workers 1"
        )
    if custody_mode(settings):
        raise ConfigError(
            f"--workers {workers} cannot serve a vault under split custody: each worker would "
            "need its own unsealing. Use --workers 1, or VEIL_MASTER_KEY from a secret store"
        )


def serve(
    cfg: GatewayConfig,
    *,
    sock: socket.socket | None = None,
    on_ready: Callable[[str], None] | None = None,
    log_level: str = "info",
    access_log: bool = False,
    workers: int = 1,
) -> None:
    """Serve until interrupted. With no upstream URL (kind openai), the embedded SmolLM2 server
    is started first and stopped with the gateway. ``workers`` > 1 forks that many gateway
    processes on one listening socket (the GIL keeps one process on one core)."""
    configure_logging(log_level)
    if workers > 1:
        from veil.config import Settings

        check_workers(Settings(), workers)
        # the gateway's processes take the cores: a long text's chunks go to a detection
        # worker only where cores are left over (the forked processes read this)
        from veil.cores import available_cpus

        os.environ.setdefault("VEIL_DETECT_WORKERS",
                              str(max(0, min(3, available_cpus() // workers - 1))))
    embedded: EmbeddedModelProcess | None = None
    try:
        if cfg.upstream.kind == "openai" and not cfg.upstream.base_url:
            log.info("no upstream configured: starting the embedded SmolLM2-135M-Instruct model")
            embedded = EmbeddedModelProcess()
            cfg.upstream.base_url = embedded.start()
            # a CPU model on a busy machine can take minutes for one answer
            cfg.upstream.read_timeout_s = max(cfg.upstream.read_timeout_s, 900.0)
            log.info("embedded model ready at %s", cfg.upstream.base_url)
        if sock is None:
            sock = _bind(cfg, share_port=workers > 1)
        if workers == 1:
            _serve_one(cfg, sock, on_ready, log_level, access_log,
                       [embedded.stop] if embedded is not None else None)
        else:
            _serve_workers(cfg, sock, on_ready, log_level, access_log, workers)
    finally:
        if embedded is not None:
            embedded.stop()


def _serve_one(
    cfg: GatewayConfig,
    sock: socket.socket,
    on_ready: Callable[[str], None] | None,
    log_level: str,
    access_log: bool,
    on_shutdown: list[Callable[[], object]] | None,
) -> None:
    """One gateway process: its own state (core, vault connection, upstream pool) and loop."""
    import uvicorn

    state = build_state(cfg)
    if state.seal is None:  # sealed: the vault cannot be opened until custodians unseal it
        _warm_up(state.core, list(state.tenants.tenants))
    else:
        log.warning("the vault is sealed: /v1/* answers 503 until `veil vault unseal`")
    settle_heap()
    # Stop the model inside the lifespan: after serve() uvicorn re-raises SIGTERM/SIGINT,
    # which would end this process before a `finally` could run.
    app = create_app(state, on_shutdown=on_shutdown, cors_origins=cfg.cors_origins,
                     access_log=access_log, local_only=is_loopback(str(sock.getsockname()[0])))
    if cfg.tls is not None:  # bound into the attestation evidence (veil.attest.binding)
        app.state.tls_certificate_sha256 = certificate_sha256(cfg.tls.cert_file)
    url = _url(cfg, sock)
    # uvloop and httptools (uvicorn[standard]) when installed: "auto" falls back to asyncio and
    # h11 without them. Server.run applies the loop; asyncio.run(server.serve()) would not.
    config = uvicorn.Config(
        app,
        loop="auto",
        http="auto",
        log_level=log_level,
        # uvicorn's line holds the raw path and query string (caller text): the app logs its
        # own access line with the route template instead
        access_log=False,
        timeout_graceful_shutdown=5,
    )
    if cfg.tls is not None:
        config.load()
        # uvicorn builds its own context without a minimum version; use ours (TLS 1.2+,
        # optional client certificates) for the listening socket instead.
        config.ssl = server_context(
            cfg.tls.cert_file, cfg.tls.key_file, client_ca_file=cfg.tls.client_ca_file
        )
    server = uvicorn.Server(config)
    if on_ready is not None:
        on_ready(url)
    log.info(
        "veil gateway listening on %s/v1 (tenants: %d, upstream: %s, pid %d)",
        url,
        len(state.tenants.tenants),
        cfg.upstream.kind,
        os.getpid(),
    )
    server.run(sockets=[sock])


def _serve_workers(
    cfg: GatewayConfig,
    sock: socket.socket,
    on_ready: Callable[[str], None] | None,
    log_level: str,
    access_log: bool,
    workers: int,
) -> None:
    """Fork ``workers`` processes on ``sock``'s port, each listening on a socket of its own
    where the port can be shared (``SO_REUSEPORT``, Linux: the kernel spreads the connections
    by address), else all on ``sock``; supervise them until a signal, or until one of them
    dies.

    Each worker builds its own state after the fork (no SQLite connection, thread pool or
    HTTP pool crosses a fork). What must agree between them is fixed here first: the session
    secret (otherwise each worker derives other session ids and pseudonyms for the same caller)
    and the vault key file (created once, not raced by N first starts).
    """
    from veil.config import Settings
    from veil.vault.crypto import load_master_key

    if cfg.resolved_session_secret() is None:
        cfg.session_secret = base64.b64encode(os.urandom(32)).decode()
    load_master_key(Settings())
    # One listening socket per worker where the port can be shared: on one shared socket, a
    # burst of new connections went to whichever worker woke first (16 keep-alive connections
    # split 13/3 and 15/1; 200 streams 137/63), and the worker with few of them idled while
    # the other was saturated. The master keeps its socket bound, not listening, to hold the
    # port.
    own = port_is_shared(sock)
    if not own:
        sock.listen(_BACKLOG)
    children: list[int] = []
    for _ in range(workers):
        pid = os.fork()
        if pid == 0:  # the worker: serve, then leave without running the parent's cleanup
            code = 0
            try:
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                signal.signal(signal.SIGINT, signal.SIG_DFL)
                # listening before start-up: connections wait in its queue meanwhile
                _serve_one(cfg, _own_listener(sock) if own else sock, None, log_level,
                           access_log, None)
            except BaseException as e:  # noqa: BLE001 - the class only: the repr may quote text
                log.error("gateway worker %d failed: %s", os.getpid(), type(e).__name__)
                code = 1
            finally:
                os._exit(code)
        children.append(pid)
    if on_ready is not None:
        on_ready(_url(cfg, sock))
    log.info("veil gateway: %d workers (pids %s) on %s/v1", workers,
             ", ".join(map(str, children)), _url(cfg, sock))
    _supervise(children)


def _supervise(children: list[int]) -> None:
    """Wait for the workers. SIGTERM/SIGINT is passed on to every worker (each shuts down
    gracefully); a worker that dies on its own stops the others, so that a half-sized gateway
    does not keep running unnoticed (the orchestrator restarts it)."""
    stopping = False

    def stop(signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    failed = False
    alive = set(children)
    while alive:
        try:
            pid, status = os.wait()
        except ChildProcessError:
            break
        except InterruptedError:  # pragma: no cover - PEP 475 retries wait() itself
            continue
        if pid not in alive:
            continue
        alive.discard(pid)
        if not stopping:
            failed = True
            log.error("gateway worker %d exited (status %d): stopping the others", pid,
                      os.waitstatus_to_exitcode(status))
            stop(signal.SIGTERM, None)
    if failed:
        raise SystemExit(1)


__all__ = ["check_workers", "configure_logging", "serve"]
