"""Everything a request handler needs, built once per app."""

from __future__ import annotations

import asyncio
import contextvars
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ParamSpec, TypeVar

from veil.audit.log import AuditSink, NullAudit
from veil.cores import available_cpus

from .limits import Limiter
from .metrics import GatewayMetrics
from .privacy import PrivacyCore
from .sessions import SessionResolver
from .tenants import TenantRegistry
from .upstream import Upstream

if TYPE_CHECKING:
    from veil.vault.custody import Unsealer


#: masking threads per process over a vault on this machine (SQLite), for texts of ordinary
#: size. The work holds the GIL but for short waits (a vault write, the tokenizer, the model's
#: own run of a long piece), and a second thread now mostly queues for the GIL and hands it
#: back and forth: 2 workers x 16 connections of ~1 KB prompts served 232 requests/s with one
#: thread against 210 with two (CPU per request 6.6 against 7.2 ms); 1 worker, 123 against
#: 114 (benchmarks/results/gateway_s47). Two threads served more when detection waited longer
#: outside the GIL; three were never better.
_LOCAL_THREADS = 1
#: threads per process for long texts (:meth:`PrivacyPool.run_long`): a document that takes
#: seconds to mask keeps its own thread, and the requests behind it go on beside it
_LONG_THREADS = 1


_P = ParamSpec("_P")
_T = TypeVar("_T")


class PrivacyPool:
    """The threads of this process that mask and restore; more requests queue here, which
    costs nothing. A plain executor, not anyio's ``to_thread``: 0.2 ms less CPU per gateway
    request, one hand-off to mask and one to restore (benchmarks/results/gateway_s40).

    Two lanes: :meth:`run` for texts of ordinary size (``threads`` threads) and
    :meth:`run_long` for long ones (``long_threads``), so that a document which takes
    seconds to mask does not hold up the short requests queued behind it: they share the GIL
    with it instead."""

    def __init__(self, threads: int, long_threads: int = _LONG_THREADS, *,
                 inline_when_idle: bool = False) -> None:
        self.threads = threads
        self.long_threads = long_threads
        self.inline_when_idle = inline_when_idle
        self._executor = ThreadPoolExecutor(threads, thread_name_prefix="veil-privacy")
        self._long = ThreadPoolExecutor(long_threads, thread_name_prefix="veil-privacy-long")
        self._pending = 0  # calls handed over or running; read and written on the loop only

    def __repr__(self) -> str:
        return (f"PrivacyPool(threads={self.threads}, long_threads={self.long_threads}, "
                f"inline_when_idle={self.inline_when_idle})")

    async def run(self, fn: Callable[_P, _T], *args: _P.args, **kwargs: _P.kwargs) -> _T:
        """``fn(*args)`` on a pool thread, in a copy of the caller's context (the request's
        id and tenant reach its log lines). A caller cancelled meanwhile drops the result; a
        call not yet started is not started."""
        return await self._on(self._executor, fn, *args, **kwargs)

    async def run_here_if_alone(self, alone: bool, fn: Callable[_P, _T], *args: _P.args,
                                **kwargs: _P.kwargs) -> _T:
        """:meth:`run`, or on the caller's thread (the event loop's) when ``alone`` (its
        request is the only one in flight in this process), nothing of this pool is pending
        and the pool allows it (``inline_when_idle``: a vault on this machine, no network
        wait). Then nothing waits behind the loop, and the hand-off to a thread and back cost
        a lone request 0.5-0.9 ms. A burst is never run on the loop: each request would mask
        before any earlier one got its answer back. The loop waits while it runs, for a vault
        lock held by another worker too (a local vault's transactions last milliseconds)."""
        if alone and self.inline_when_idle and not self._pending:
            self._pending += 1
            try:
                return contextvars.copy_context().run(fn, *args, **kwargs)
            finally:
                self._pending -= 1
        return await self._on(self._executor, fn, *args, **kwargs)

    async def run_long(self, fn: Callable[_P, _T], *args: _P.args, **kwargs: _P.kwargs) -> _T:
        """:meth:`run` on the lane for long texts (always on its thread: a long text takes
        seconds)."""
        return await self._on(self._long, fn, *args, **kwargs)

    async def _on(self, executor: ThreadPoolExecutor, fn: Callable[_P, _T], *args: _P.args,
                  **kwargs: _P.kwargs) -> _T:
        ctx = contextvars.copy_context()
        loop = asyncio.get_running_loop()
        self._pending += 1
        try:
            return await loop.run_in_executor(executor, lambda: ctx.run(fn, *args, **kwargs))
        finally:
            self._pending -= 1


def privacy_threads(vault_backend: str | None = None) -> PrivacyPool:
    """Threads of this process that mask and restore at once. A process runs Python on one
    core at a time whatever the machine's cores (``--workers`` adds processes), so the count
    is per process. A Redis vault waits on the network at every call: a few threads per core
    keep the process busy: two per core it may use (a container's ``os.cpu_count()`` is its
    node's, which made a hundred threads in a pod of two cores)."""
    if vault_backend == "redis":
        return PrivacyPool(2 * available_cpus())
    return PrivacyPool(_LOCAL_THREADS, inline_when_idle=True)


@dataclass
class GatewayState:
    core: PrivacyCore
    upstream: Upstream
    tenants: TenantRegistry
    sessions: SessionResolver = field(default_factory=SessionResolver)
    metrics: GatewayMetrics = field(default_factory=GatewayMetrics)
    limiter: Limiter = field(default_factory=Limiter)
    # Verifiable audit log (veil.audit): ``audit.record(kind, **fields)``; records nothing
    # (but still checks the record schema) when no audit store is configured.
    audit: AuditSink = field(default_factory=NullAudit)
    # Split custody of the vault master key; None when the key is not split.
    seal: Unsealer | None = None
    # Bounds the masking/restoring threads of this process (see :func:`privacy_threads`).
    privacy: PrivacyPool = field(default_factory=privacy_threads)
    # The model ids the upstream serves (config ``upstream.models``): a request's ``model``
    # must be one of them; None: any id shaped like one that holds no value (gateway/models.py).
    models: frozenset[str] | None = None


__all__ = ["GatewayState", "PrivacyPool", "privacy_threads"]
