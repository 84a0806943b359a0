"""How many threads of a gateway process mask and restore at once."""

from __future__ import annotations

import os

from veil import Veil
from veil.config import Settings
from veil.gateway import GatewayConfig, build_state

CFG = GatewayConfig.model_validate(
    {"upstream": {"base_url": "http://127.0.0.1:9/v1"}, "audit": {"store": "off"}})


def test_a_local_vault_gets_two_threads_per_process(settings: Settings) -> None:
    # the work holds the GIL but for short waits: a second thread fills them, more only queue
    state = build_state(CFG, core=Veil(settings))
    assert state.privacy.total_tokens == 2


def test_a_redis_vault_gets_a_few_threads_per_core(settings: Settings) -> None:
    # every vault call waits on the network, where other threads can run
    core = Veil(settings)
    redis_settings = settings.model_copy(update={"vault_backend": "redis"})
    state = build_state(CFG, core=_with_settings(core, redis_settings))
    assert state.privacy.total_tokens == 2 * (os.cpu_count() or 1)


class _with_settings:  # noqa: N801 - a stand-in core whose settings name another vault
    def __init__(self, core: Veil, settings: object) -> None:
        self._core, self.settings = core, settings

    def __getattr__(self, name: str) -> object:
        return getattr(self._core, name)
