"""``GET /readyz`` of the gateway: can it serve a request right now?

Three parts must work for the gateway to answer without failing closed: the vault (mappings),
the detector (masking) and the upstream LLM. Each check is cheap -- ``vault.ping()``, detecting a
fixed probe sentence, ``GET {upstream}/models`` with a short timeout -- and the result is cached
for a few seconds so that a load balancer polling every second does not load the upstream.
Statuses are short fixed phrases (an exception's class name at most), never exception text.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from anyio import Lock, to_thread

from veil.wire.server import Readiness

from .upstream import Upstream

log = logging.getLogger("veil.gateway")

#: Probe text for the detector: fixed, so nothing of a request is ever involved.
PROBE_TEXT = "Readiness probe sentence."
PROBE_SESSION = "veil-readyz"
OK = "ok"


def _failed(e: BaseException) -> str:
    code = getattr(e, "code", None)
    return f"down ({code if isinstance(code, str) else type(e).__name__})"


class ReadinessChecker:
    """Runs the component checks, at most once per ``ttl_s`` (concurrent callers share one)."""

    def __init__(self, core: Any, upstream: Upstream, *, tenant: str, ttl_s: float = 5.0) -> None:
        self.core, self.upstream, self.tenant, self.ttl_s = core, upstream, tenant, ttl_s
        self._cached: tuple[float, Readiness] | None = None
        self._lock = Lock()

    async def __call__(self) -> Readiness:
        async with self._lock:
            now = time.monotonic()
            if self._cached is not None and now - self._cached[0] < self.ttl_s:
                return dict(self._cached[1])
            checks = {
                "vault": await self._vault(),
                "detector": await self._detector(),
                "upstream": await self._upstream(),
            }
            # A core without a vault or detector (a stand-in) has nothing there to check.
            result = {k: v for k, v in checks.items() if v is not None}
            if any(v != OK for v in result.values()):
                log.warning("not ready: %s", ", ".join(f"{k}={v}" for k, v in result.items()))
            self._cached = (time.monotonic(), result)
            return dict(result)

    async def _vault(self) -> str | None:
        if not hasattr(type(self.core), "vault"):
            return None

        def ping() -> None:
            # Reading the attribute opens the vault on first use, which can fail too.
            self.core.vault.ping()

        try:
            await to_thread.run_sync(ping)
        except Exception as e:  # noqa: BLE001 - any failure means not ready
            return _failed(e)
        return OK

    async def _detector(self) -> str | None:
        detect = getattr(self.core, "detect", None)
        if detect is None:
            return None

        def probe() -> None:
            detect(PROBE_TEXT, session=PROBE_SESSION, tenant=self.tenant)

        try:
            await to_thread.run_sync(probe)
        except Exception as e:  # noqa: BLE001 - any failure means not ready
            return _failed(e)
        return OK

    async def _upstream(self) -> str:
        probe = getattr(self.upstream, "probe", None)
        try:
            if probe is not None:
                await probe()
            else:
                await self.upstream.models()
        except Exception as e:  # noqa: BLE001 - any failure means not ready
            return _failed(e)
        return OK


__all__ = ["PROBE_SESSION", "PROBE_TEXT", "ReadinessChecker"]
