"""Upstream kind ``mpc``: chat completions computed by secret-shared inference (SPU parties on
loopback, see :mod:`veil.crypto.mpc` and docs/crypto.md).

Config::

    upstream:
      kind: mpc
      mpc: {protocol: ABY3, layers: 2, max_len: 96, timeout_s: 300}

Generation is greedy (sampling parameters are ignored: a secret-shared sampler would cost more
than the rest); ``max_tokens`` defaults to 8 because every token costs seconds. The parties are
started on the first request (about a minute: compile + weight encoding), then reused; one
request computes at a time. Only masked bodies reach this class, and only the client helper
holds plaintext: the parties see shares.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from veil.errors import ConfigError, MPCInputError, MPCPartyError, RequestValidationError

from .errors import UpstreamConnectError
from .upstream import Body, ChatOnlyUpstream, Upstream
from .upstream_kinds import register_upstream

if TYPE_CHECKING:
    from veil.crypto.mpc import MPCConfig, MPCSession

DEFAULT_MAX_TOKENS = 8
_KEYS = {"protocol", "layers", "max_len", "timeout_s", "model_dir", "precision"}


def _text(content: Any) -> str:
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(
            str(p.get("text", "")) for p in content
            if isinstance(p, dict) and p.get("type", "text") == "text"
        )
    raise RequestValidationError("message content must be a string or a list of text parts")


class MPCChatClient:
    """A :class:`~veil.gateway.upstream.TextChatClient` over one long-lived MPC session."""

    def __init__(self, config: MPCConfig) -> None:
        self._config = config
        self._session: MPCSession | None = None
        self._lock = threading.Lock()  # one secret-shared computation at a time

    def _ensure(self) -> MPCSession:
        from veil.crypto.mpc import MPCSession

        if self._session is None:
            session = MPCSession(self._config)
            try:
                session.start()
            except BaseException:
                session.close()
                raise
            self._session = session
        return self._session

    def _run(self, messages: Sequence[Any], params: dict[str, Any]) -> list[str]:
        from veil.crypto.mpc import chat_ids

        msgs = [{"role": str(m.get("role", "user")), "content": _text(m.get("content"))}
                for m in messages if isinstance(m, dict)]
        max_new = params.get("max_completion_tokens") or params.get("max_tokens")
        max_new = DEFAULT_MAX_TOKENS if max_new is None else int(max_new)
        if max_new < 1:
            raise RequestValidationError("max_tokens must be at least 1")
        ids, stop, tok = chat_ids(msgs)
        with self._lock:
            try:
                session = self._ensure()
                gen = session.generate_ids(ids, max_new_tokens=max_new, stop_ids=tuple(stop))
            except MPCInputError as e:
                raise RequestValidationError(str(e)) from None
            except MPCPartyError as e:
                # A broken session cannot be reused: the next request starts fresh parties.
                self._drop()
                raise UpstreamConnectError(str(e)) from None
        pieces = [t for t in gen.tokens if t not in stop]
        return [str(tok.decode([t], skip_special_tokens=True)) for t in pieces]

    def _drop(self) -> None:
        session, self._session = self._session, None
        if session is not None:
            session.close()

    async def chat(self, messages: list[Body], **params: Any) -> str:
        return "".join(await asyncio.to_thread(self._run, messages, params))

    async def stream_chat(self, messages: list[Body], **params: Any) -> AsyncIterator[str]:
        for piece in await asyncio.to_thread(self._run, messages, params):
            yield piece

    async def aclose(self) -> None:
        await asyncio.to_thread(self._drop)


@register_upstream("mpc")
def _mpc(cfg: Any) -> Upstream:
    """Secret-shared inference of SmolLM2 (truncated to ``layers``) by SPU parties."""
    from veil.crypto.mpc import MPCConfig, crypto_python

    opts = dict(cfg.mpc)
    unknown = set(opts) - _KEYS
    if unknown:
        raise ConfigError(
            f"unknown upstream.mpc settings: {', '.join(sorted(unknown))}; use: "
            f"{', '.join(sorted(_KEYS))}"
        )
    crypto_python()  # fail at start-up, not on the first request, when the env is missing
    if "model_dir" in opts:
        opts["model_dir"] = Path(opts["model_dir"])
    config = MPCConfig(**{"max_len": 96, **opts})
    return ChatOnlyUpstream(MPCChatClient(config), model_name=f"smollm2-mpc-{config.protocol}")


__all__ = ["DEFAULT_MAX_TOKENS", "MPCChatClient"]
