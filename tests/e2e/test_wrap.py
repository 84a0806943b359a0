"""``veil.wrap`` around the official openai clients (sync, async, streamed), against the
recording upstream: the masking, restoring and scoping of the gateway, in-process."""

from __future__ import annotations

import asyncio
import base64
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import openai
import pytest

import veil
from tests.e2e.conftest import Upstream, start_server, stop
from veil import Policy, Settings, Veil

pytestmark = pytest.mark.slow

VALUES = ["Jane Doe", "jane.doe@example.com", "123-45-6789", "4111 1111 1111 1111"]
PROMPT = "Jane Doe (jane.doe@example.com, SSN 123-45-6789) paid with 4111 1111 1111 1111."


@pytest.fixture(scope="module")
def core(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Veil]:
    home: Path = tmp_path_factory.mktemp("wrap")
    settings = Settings(home=home, master_key=base64.b64encode(os.urandom(32)).decode())
    # Patterns and a term list only: no spaCy load in the test process.
    policy = Policy(ner=False, terms=[{"term": "Jane Doe", "type": "PERSON"}])
    yield Veil(settings, policy=policy)


def _sent(upstream: Upstream, marker: str) -> str:
    return json.dumps([b for b in upstream.bodies() if marker in json.dumps(b)])


def test_sync_plain_stream_and_tools(core: Veil, recording_upstream: Upstream) -> None:
    client = veil.wrap(
        openai.OpenAI(base_url=recording_upstream.url, api_key="sk-up", max_retries=0), veil=core
    )
    msg = [{"role": "user", "content": "wrap-sync " + PROMPT}]
    r = client.chat.completions.create(model="echo", messages=msg)  # type: ignore[arg-type]
    assert all(v in (r.choices[0].message.content or "") for v in VALUES)
    chunks = client.chat.completions.create(model="echo", messages=msg, stream=True)  # type: ignore[arg-type]
    streamed = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert all(v in streamed for v in VALUES)
    tool = client.chat.completions.create(
        model="tool", messages=msg,  # type: ignore[arg-type]
        tools=[{"type": "function", "function": {"name": "send_email", "parameters": {
            "type": "object", "properties": {"to": {"type": "string"}}}}}],
    )
    args = json.loads(tool.choices[0].message.tool_calls[0].function.arguments)  # type: ignore[union-attr,index]
    assert args["to"] == "jane.doe@example.com" and "Jane Doe" in args["body"]
    comp = client.completions.create(model="echo", prompt="wrap-sync " + PROMPT)
    assert all(v in comp.choices[0].text for v in VALUES)
    raw = _sent(recording_upstream, "wrap-sync")
    assert raw and not [v for v in VALUES if v in raw]


def test_async_plain_and_stream(core: Veil, recording_upstream: Upstream) -> None:
    async def run() -> tuple[str, str]:
        client = veil.wrap(
            openai.AsyncOpenAI(base_url=recording_upstream.url, api_key="sk-up", max_retries=0),
            veil=core,
        )
        msg = [{"role": "user", "content": "wrap-async " + PROMPT}]
        r = await client.chat.completions.create(model="echo", messages=msg)  # type: ignore[arg-type]
        stream = await client.chat.completions.create(model="alter", messages=msg, stream=True)  # type: ignore[arg-type]
        parts = [c.choices[0].delta.content or "" async for c in stream]
        return r.choices[0].message.content or "", "".join(parts)

    plain, streamed = asyncio.run(run())
    assert all(v in plain for v in VALUES)
    assert all(v in streamed for v in VALUES)  # placeholders rewritten by the LLM, split
    raw = _sent(recording_upstream, "wrap-async")
    assert raw and not [v for v in VALUES if v in raw]


def test_scoping_and_default_deny(core: Veil, recording_upstream: Upstream) -> None:
    client = veil.wrap(
        openai.OpenAI(base_url=recording_upstream.url, api_key="sk-up", max_retries=0), veil=core
    )
    client.chat.completions.create(
        model="echo", messages=[{"role": "user", "content": "wrap-scope mail jane.doe@example.com"}]
    )
    # Another conversation types what a placeholder looks like: it comes back as typed.
    r = client.chat.completions.create(
        model="echo", messages=[{"role": "user", "content": "wrap-other: who is [EMAIL_1]?"}]
    )
    assert "jane.doe" not in (r.choices[0].message.content or "")
    assert "[EMAIL_1]" in (r.choices[0].message.content or "")
    before = len(recording_upstream.bodies())
    with pytest.raises(openai.BadRequestError) as e:
        client.moderations.create(input="Jane Doe jane.doe@example.com")
    assert "no masking rules" in str(e.value) and "jane" not in str(e.value)
    assert len(recording_upstream.bodies()) == before
    with pytest.raises(TypeError):
        veil.wrap(object(), veil=core)


@pytest.fixture(scope="module")
def responses_upstream(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Upstream]:
    """The three-format recording upstream: it has its own ``/v1/responses`` and keeps the
    (masked) chains for ``previous_response_id``, as OpenAI does."""
    d = tmp_path_factory.mktemp("wrap-responses")
    record = d / "requests.jsonl"
    proc = start_server(
        [sys.executable, str(Path(__file__).parent / "api_upstream.py"), "--record", str(record)],
        env=dict(os.environ), log=d / "upstream.log", timeout=60,
    )
    try:
        yield Upstream(proc, record)
    finally:
        stop(proc.proc)


def test_responses_plain_stream_and_chain(core: Veil, responses_upstream: Upstream) -> None:
    client = veil.wrap(openai.OpenAI(base_url=responses_upstream.url, api_key="sk-up",
                                     max_retries=0), veil=core)
    first = client.responses.create(model="echo", input="wrap-resp " + PROMPT)
    assert all(v in first.output_text for v in VALUES)
    events = list(client.responses.create(model="echo", input="wrap-resp " + PROMPT,
                                          stream=True))
    deltas = "".join(e.delta for e in events if e.type == "response.output_text.delta")
    assert all(v in deltas for v in VALUES)  # placeholders split across 3-character deltas
    assert all(v in events[-1].response.output_text for v in VALUES)
    assert [e.sequence_number for e in events] == list(range(len(events)))
    # The follow-up answer quotes the first turn's values: restored through the kept scope.
    second = client.responses.create(model="history", input="wrap-resp and then?",
                                     previous_response_id=first.id)
    assert all(v in second.output_text for v in VALUES)
    raw = _sent(responses_upstream, "wrap-resp")
    assert raw and not [v for v in VALUES if v in raw]
    with pytest.raises(openai.NotFoundError):
        client.responses.create(model="echo", input="wrap-resp x",
                                previous_response_id="resp_not_from_here")
