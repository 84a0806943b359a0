"""A short answer is restored on the event loop: its matcher is read while masking, so
restoring it needs neither a vault read nor a hand-off to a masking thread."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import httpx
import pytest

from veil.config import EntityRule, Policy, Settings, TermRule
from veil.core import Veil
from veil.gateway.state import GatewayState
from veil.gateway.streaming import INLINE_CHARS

from .conftest import ScriptedUpstream, make_client
from .test_request_scope import CountingVault

EMAIL = "jd@example.com"
PROMPT = f"Jane Doe wrote from {EMAIL}"


def _veil(tmp_path: Path, **policy: Any) -> Veil:
    settings = Settings(home=tmp_path, cache_dir=tmp_path / "cache")
    rules = Policy(ner=False, terms=[TermRule(term="Jane Doe", type="PERSON")], **policy)
    return Veil(settings, policy=rules, vault=CountingVault(settings))


def _answer(content: str) -> dict[str, Any]:
    return {"id": "c1", "object": "chat.completion", "created": 1, "model": "m",
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": content}}]}


async def _chat(veil: Veil, padding: int = 0) -> tuple[str, int, Counter[str]]:
    """The restored answer (the masked prompt echoed, ``padding`` characters after it), the
    hand-offs to a masking thread, and the vault's calls after the upstream answered."""
    vault: Any = veil.vault
    upstream = ScriptedUpstream()
    at_upstream: list[Counter[str]] = []

    def reply(body: dict[str, Any]) -> httpx.Response:
        at_upstream.append(Counter(vault.calls))
        return httpx.Response(200, json=_answer(body["messages"][-1]["content"]
                                                + " " + "x" * padding))

    upstream.reply = reply
    client, state = make_client(veil, upstream)  # type: ignore[arg-type]
    handoffs = _count_handoffs(state)
    async with client:
        r = await client.post("/v1/chat/completions", json={
            "model": "m", "messages": [{"role": "user", "content": PROMPT}]})
        assert r.status_code == 200, r.text
    return (r.json()["choices"][0]["message"]["content"], handoffs["n"],
            vault.calls - at_upstream[-1])


def _count_handoffs(state: GatewayState) -> Counter[str]:
    """Calls handed to the pool's threads (a lone request's masking would run on the loop:
    off here, so that every call the pool gets is a hand-off)."""
    seen: Counter[str] = Counter()
    state.privacy.inline_when_idle = False
    run, alone = state.privacy.run, state.privacy.run_here_if_alone

    async def counted(fn: Any, *args: Any, **kwargs: Any) -> Any:
        seen["n"] += 1
        return await run(fn, *args, **kwargs)

    async def counted_alone(lone: bool, fn: Any, *args: Any, **kwargs: Any) -> Any:
        seen["n"] += 1
        return await alone(lone, fn, *args, **kwargs)

    state.privacy.run = counted  # type: ignore[method-assign]
    state.privacy.run_here_if_alone = counted_alone  # type: ignore[method-assign]
    return seen


async def test_a_short_answer_is_restored_on_the_loop_without_a_vault_read(
        tmp_path: Path) -> None:
    answer, handoffs, after = await _chat(_veil(tmp_path))
    assert answer.strip() == PROMPT
    assert handoffs == 1  # masking only
    assert after["read"] == 0


async def test_a_long_answer_goes_to_a_thread(tmp_path: Path) -> None:
    answer, handoffs, _ = await _chat(_veil(tmp_path), padding=INLINE_CHARS)
    assert answer.startswith(PROMPT)
    assert handoffs == 2


async def test_an_answer_scanned_for_terms_goes_to_a_thread(tmp_path: Path) -> None:
    """Output scanning may load the tenant's term store: not on the loop."""
    veil = _veil(tmp_path, entities={"PERSON": EntityRule(operator="redact")})
    answer, handoffs, _ = await _chat(veil)
    assert "Jane Doe" not in answer and EMAIL in answer  # the redacted name is not restored
    assert handoffs == 2


@pytest.mark.parametrize("padding", [0, INLINE_CHARS])
async def test_the_answer_is_the_same_on_either_path(tmp_path: Path, padding: int) -> None:
    answer, _, _ = await _chat(_veil(tmp_path), padding=padding)
    assert answer == PROMPT + " " + "x" * padding
