"""How many threads of a gateway process mask and restore at once."""

from __future__ import annotations

import asyncio
import contextvars
import threading
import time
from pathlib import Path

import pytest

from veil import Veil
from veil.config import Settings
from veil.gateway import GatewayConfig, build_state
from veil.gateway.state import PrivacyPool

CFG = GatewayConfig.model_validate(
    {"upstream": {"base_url": "http://127.0.0.1:9/v1"}, "audit": {"store": "off"}})


def test_a_local_vault_gets_one_thread_and_one_for_long_texts(settings: Settings) -> None:
    # the work holds the GIL but for short waits: a second thread only queues for it
    state = build_state(CFG, core=Veil(settings))
    assert (state.privacy.threads, state.privacy.long_threads) == (1, 1)
    assert state.privacy.inline_when_idle  # no network wait: an idle loop may run it


def test_a_redis_vault_gets_a_few_threads_per_core(settings: Settings, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    # every vault call waits on the network, where other threads can run; the cores are those
    # the process may use: a container of 1.5 cores on a node of 64 gets four threads
    from veil import cores

    monkeypatch.setattr(cores.os, "sched_getaffinity", lambda _pid: set(range(64)))
    cpu_max = tmp_path / "cpu.max"
    cpu_max.write_text("150000 100000\n")
    monkeypatch.setattr(cores, "CPU_MAX", cpu_max)
    core = Veil(settings)
    redis_settings = settings.model_copy(update={"vault_backend": "redis"})
    state = build_state(CFG, core=_with_settings(core, redis_settings))
    assert state.privacy.threads == 4
    assert state.privacy.long_threads == 1
    assert not state.privacy.inline_when_idle  # it would hold the loop over the network


class _with_settings:  # noqa: N801 - a stand-in core whose settings name another vault
    def __init__(self, core: Veil, settings: object) -> None:
        self._core, self.settings = core, settings

    def __getattr__(self, name: str) -> object:
        return getattr(self._core, name)


async def test_the_pool_runs_in_the_callers_context_and_bounds_threads() -> None:
    request = contextvars.ContextVar[str]("request")
    pool = PrivacyPool(2)
    running = peak = 0
    lock = threading.Lock()

    def work(k: int) -> tuple[int, str, str]:
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
        time.sleep(0.02)
        with lock:
            running -= 1
        return k, request.get(), threading.current_thread().name

    async def one(k: int) -> tuple[int, str, str]:
        request.set(f"r{k}")  # each task's own context
        return await pool.run(work, k)

    out = await asyncio.gather(*(one(k) for k in range(8)))
    assert [(k, rid) for k, rid, _ in out] == [(k, f"r{k}") for k in range(8)]
    assert all(name.startswith("veil-privacy") for _, _, name in out)
    assert peak == 2


async def test_a_lone_request_runs_on_the_loop_and_any_other_on_a_thread() -> None:
    request = contextvars.ContextVar[str]("request", default="none")
    pool = PrivacyPool(1, inline_when_idle=True)
    loop_thread = threading.current_thread().name

    def work() -> str:
        request.set("changed inside")  # the call's own copy of the context
        return threading.current_thread().name

    assert await pool.run_here_if_alone(True, work) == loop_thread
    assert request.get() == "none"
    assert (await pool.run_here_if_alone(False, work)).startswith("veil-privacy_")
    assert (await PrivacyPool(1).run_here_if_alone(True, work)).startswith("veil-privacy_")
    assert (await pool.run(work)).startswith("veil-privacy_")  # run: always a thread
    started, release = threading.Event(), threading.Event()

    def held() -> str:
        started.set()
        release.wait(5)
        return threading.current_thread().name

    long_task = asyncio.create_task(pool.run_long(held))  # a long text never holds the loop
    await asyncio.get_running_loop().run_in_executor(None, started.wait, 5)
    # a call of the pool pending: a thread, even for a request alone
    assert (await pool.run_here_if_alone(True, work)).startswith("veil-privacy_")
    release.set()
    assert (await long_task).startswith("veil-privacy-long")
    with pytest.raises(ValueError, match="refused"):
        await pool.run_here_if_alone(True, _refuse)
    assert await pool.run_here_if_alone(True, work) == loop_thread  # idle again


def _refuse() -> None:
    raise ValueError("refused")


async def test_the_pool_passes_errors_back() -> None:
    def fail() -> None:
        raise ValueError("refused")

    with pytest.raises(ValueError, match="refused"):
        await PrivacyPool(1).run(fail)


async def test_a_long_text_does_not_hold_up_the_short_ones() -> None:
    pool = PrivacyPool(1)
    started, release = threading.Event(), threading.Event()

    def long_work() -> str:
        started.set()
        release.wait(5)
        return threading.current_thread().name

    long_task = asyncio.create_task(pool.run_long(long_work))
    await asyncio.get_running_loop().run_in_executor(None, started.wait, 5)
    # the one ordinary thread is free: short work finishes while the long one runs
    short = await asyncio.wait_for(pool.run(threading.current_thread), 2)
    assert not long_task.done()
    release.set()
    assert (await long_task).startswith("veil-privacy-long")
    assert short.name.startswith("veil-privacy_")


async def test_the_gateway_sends_a_long_request_to_the_long_lane() -> None:
    from tests.unit.gateway.conftest import ScriptedUpstream, make_client
    from tests.unit.gateway.fakes import FakeVeil
    from veil.gateway.serving import LONG_CHARS

    class Recording(FakeVeil):
        def protect(self, text: str, **kw: object):  # type: ignore[no-untyped-def,override]
            lanes.append(threading.current_thread().name)
            return super().protect(text, **kw)  # type: ignore[arg-type]

    lanes: list[str] = []
    upstream = ScriptedUpstream()
    client, _ = make_client(Recording(), upstream)
    async with client:
        for content in ("Hi, I am Jane", "x" * LONG_CHARS + " Hi, I am Jane"):
            r = await client.post("/v1/chat/completions", json={
                "model": "m", "messages": [{"role": "user", "content": content}]})
            assert r.status_code == 200
    # a lone short request is masked on the loop; a long one on the long lane
    assert lanes[0] == threading.current_thread().name
    assert lanes[-1].startswith("veil-privacy-long")


async def test_requests_at_once_are_masked_on_the_thread() -> None:
    import httpx

    from tests.unit.gateway.conftest import ScriptedUpstream
    from tests.unit.gateway.fakes import FakeVeil
    from veil.gateway import GatewayState, TenantRegistry
    from veil.gateway.app import create_app
    from veil.gateway.tenants import Tenant
    from veil.gateway.upstream import OpenAIUpstream

    class Recording(FakeVeil):
        def protect(self, text: str, **kw: object):  # type: ignore[no-untyped-def,override]
            lanes.append(threading.current_thread().name)
            return super().protect(text, **kw)  # type: ignore[arg-type]

    scripted = ScriptedUpstream()

    async def slow_upstream(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(0.05)  # every request is in flight while the others arrive
        return scripted.handler(request)

    lanes: list[str] = []
    state = GatewayState(
        core=Recording(), tenants=TenantRegistry([Tenant("default")], {}),
        upstream=OpenAIUpstream("http://upstream.test/v1", api_key="sk-upstream",
                                transport=httpx.MockTransport(slow_upstream)))
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(state)),
                               base_url="http://veil.test")
    async with client:
        rs = await asyncio.gather(*(client.post("/v1/chat/completions", json={
            "model": "m", "messages": [{"role": "user", "content": f"Hi, I am Jane {k}"}]})
            for k in range(8)))
        assert all(r.status_code == 200 for r in rs)
        # the first finds the process alone; the others arrive while it is in flight
        assert sum(name.startswith("veil-privacy_") for name in lanes) >= 7
        lanes.clear()
        r = await client.post("/v1/chat/completions", json={
            "model": "m", "messages": [{"role": "user", "content": "Hi, I am Jane"}]})
        assert r.status_code == 200 and lanes == [threading.current_thread().name]
