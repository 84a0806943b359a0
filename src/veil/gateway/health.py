"""``GET /readyz`` of the gateway: can it serve a request right now?

Three parts must work for the gateway to answer without failing closed: the vault (mappings),
the detector (masking) and the upstream LLM. Each check is cheap -- the core's ``check_vault()``
(a ping) and ``check_detector()`` (a fixed probe sentence, no vault access), ``GET
{upstream}/models`` with a short timeout -- and the result is cached
for a few seconds so that a load balancer polling every second does not load the upstream.
Statuses are short fixed phrases (an exception's class name at most), never exception text.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from anyio import Lock, to_thread

from veil.core import PrivacyCore
from veil.errors import VaultSealedError
from veil.wire.server import Readiness

from .upstream import Upstream

log = logging.getLogger("veil.gateway")

OK = "ok"


def _failed(e: BaseException) -> str:
    code = getattr(e, "code", None)
    return f"down ({code if isinstance(code, str) else type(e).__name__})"


class ReadinessChecker:
    """Runs the component checks, at most once per ``ttl_s`` (concurrent callers share one)."""

    def __init__(
        self, core: PrivacyCore, upstream: Upstream, *, tenant: str, ttl_s: float = 5.0
    ) -> None:
        self.core, self.upstream, self.tenant, self.ttl_s = core, upstream, tenant, ttl_s
        self._cached: tuple[float, Readiness] | None = None
        self._lock = Lock()

    async def __call__(self) -> Readiness:
        async with self._lock:
            now = time.monotonic()
            if self._cached is not None and now - self._cached[0] < self.ttl_s:
                return dict(self._cached[1])
            vault = await self._vault()
            if vault == _failed(VaultSealedError()):
                checks = {"vault": "sealed"}  # nothing can serve: skip the costlier probes
            else:
                checks = {
                    "vault": vault,
                    "detector": await self._detector(),
                    "upstream": await self._upstream(),
                }
            result = dict(checks)
            if any(v != OK for v in result.values()):
                log.warning("not ready: %s", ", ".join(f"{k}={v}" for k, v in result.items()))
            self._cached = (time.monotonic(), result)
            return dict(result)

    async def _vault(self) -> str:
        # check_vault opens the vault on first use, which can fail too.
        return await self._check(self.core.check_vault)

    async def _detector(self) -> str:
        return await self._check(lambda: self.core.check_detector(self.tenant))

    @staticmethod
    async def _check(fn: Callable[[], None]) -> str:
        try:
            await to_thread.run_sync(fn)
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


__all__ = ["ReadinessChecker"]
