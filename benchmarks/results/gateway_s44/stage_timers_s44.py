"""`veil` with timers on a gateway's stages, for `sequential_stages_s44.py`: each stage's
median wall time per request (the hand-off to a masking thread and back, masking, the upstream
call, restoring, the middlewares, the whole ASGI call) and the garbage collections after the
first request, written to $TDUMP when the process ends. Names only, never a request's text.

    TDUMP=<out.txt> python benchmarks/results/gateway_s44/stage_timers_s44.py serve ...
"""
from __future__ import annotations

import atexit
import collections
import functools
import gc
import os
import signal
import sys
import time
from typing import Any

import uvicorn.protocols.http.httptools_impl as httptools_impl
from fastapi.middleware import asyncexitstack
from starlette.middleware import errors, exceptions

import veil.gateway.app as app_mod
import veil.gateway.audit_events as audit_events
import veil.gateway.limits as limits
import veil.gateway.request_id as request_id
import veil.gateway.router as router
import veil.gateway.routes_messages as routes_messages
import veil.gateway.sealing as sealing
import veil.gateway.state as state
import veil.gateway.upstream as upstream

T: dict[str, list[float]] = collections.defaultdict(list)


def _timed_async(owner: Any, name: str, label: str) -> None:
    f = getattr(owner, name)

    @functools.wraps(f)
    async def g(*a: Any, **k: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return await f(*a, **k)
        finally:
            T[label].append(time.perf_counter() - t0)

    setattr(owner, name, g)


def _timed_sync(owner: Any, name: str, label: str) -> None:
    f = getattr(owner, name)

    @functools.wraps(f)
    def g(*a: Any, **k: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return f(*a, **k)
        finally:
            T[label].append(time.perf_counter() - t0)

    setattr(owner, name, g)


_pool_run = state.PrivacyPool.run


async def _run(self: state.PrivacyPool, fn: Any, *a: Any, **k: Any) -> Any:
    """The pool's call split in three: the hand-off to the thread, the work, the way back."""
    name = getattr(fn, "__qualname__", "fn")
    box: dict[str, float] = {}

    def inner(*a2: Any, **k2: Any) -> Any:
        t1 = time.perf_counter()
        T["hand-off to thread " + name].append(t1 - t0)
        try:
            return fn(*a2, **k2)
        finally:
            box["e"] = time.perf_counter()
            T["in thread " + name].append(box["e"] - t1)

    t0 = time.perf_counter()
    try:
        return await _pool_run(self, inner, *a, **k)
    finally:
        t2 = time.perf_counter()
        T["back to the loop " + name].append(t2 - box.get("e", t2))


state.PrivacyPool.run = _run  # type: ignore[method-assign]
_timed_async(router, "_parse", "parse the body")
_timed_async(router, "_serve", "route handler (_serve)")
_timed_async(upstream.OpenAIUpstream, "chat", "upstream call")
_timed_sync(audit_events, "request_accepted", "audit: request accepted")
_timed_async(httptools_impl.RequestResponseCycle, "run_asgi", "whole ASGI call")
for mod, cls in [(errors, "ServerErrorMiddleware"), (request_id, "RequestIdMiddleware"),
                 (routes_messages, "AnthropicErrorsMiddleware"), (app_mod, "_MetricsMiddleware"),
                 (limits, "LimitsMiddleware"), (sealing, "SealedMiddleware"),
                 (exceptions, "ExceptionMiddleware"),
                 (asyncexitstack, "AsyncExitStackMiddleware")]:
    _timed_async(getattr(mod, cls), "__call__", "from middleware " + cls)

_gc_start: dict[str, float] = {}


def _on_gc(phase: str, info: dict[str, int]) -> None:
    if not T.get("whole ASGI call"):  # start-up's collections are not the requests'
        return
    if phase == "start":
        _gc_start["t"] = time.perf_counter()
    else:
        T[f"gc generation {info['generation']}"].append(time.perf_counter() - _gc_start["t"])


gc.callbacks.append(_on_gc)


def _dump() -> None:
    with open(os.environ["TDUMP"], "w") as f:
        for k, v in T.items():
            if k.startswith("gc"):
                f.write(f"{k:45s} n={len(v):5d} total {sum(v):.3f} s, max {1000 * max(v):.1f} ms\n")
                continue
            v = sorted(v[50:] if len(v) > 100 else v)  # after the first 50 requests
            f.write(f"{k:45s} n={len(v):5d} median {1000 * v[len(v) // 2]:.3f} ms\n")


def _on_term(*_: object) -> None:
    _dump()
    os._exit(0)


signal.signal(signal.SIGTERM, _on_term)
atexit.register(_dump)
sys.argv[0] = "veil"
from veil.cli.app import main  # noqa: E402

main()
