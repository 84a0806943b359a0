"""/v1/files and /v1/batches through a real ``veil serve`` with the official openai SDK: input
masked line by line, output restored on fetch, files bound to the key that uploaded them."""

from __future__ import annotations

import io
import json
import time

import openai
import pytest

from tests.e2e.conftest import API_KEYS, Proc, Upstream

pytestmark = pytest.mark.slow

LINES = [
    ("a", "batch-one: Jane Doe (jane.doe@example.com) asked about SSN 123-45-6789."),
    ("b", "batch-two: call John Smith at +1 415 555 0134."),
]
VALUES = ["Jane Doe", "jane.doe@example.com", "123-45-6789", "John Smith", "+1 415 555 0134"]


def _client(gw: Proc, who: str) -> openai.OpenAI:
    return openai.OpenAI(base_url=gw.url + "/v1", api_key=API_KEYS[who], max_retries=0)


def _jsonl(lines: list[tuple[str, str]]) -> bytes:
    return "\n".join(
        json.dumps({"custom_id": cid, "method": "POST", "url": "/v1/chat/completions",
                    "body": {"model": "echo", "messages": [{"role": "user", "content": text}]}})
        for cid, text in lines
    ).encode()


def _wait(client: openai.OpenAI, batch_id: str) -> openai.types.Batch:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        b = client.batches.retrieve(batch_id)
        if b.status in ("completed", "failed", "cancelled"):
            return b
        time.sleep(0.2)
    raise AssertionError("batch did not finish")


def test_batch_masked_upstream_restored_on_fetch(
    api_gateway: Proc, recording_upstream: Upstream
) -> None:
    alice = _client(api_gateway, "acme-a")
    f = alice.files.create(file=("in.jsonl", io.BytesIO(_jsonl(LINES))), purpose="batch")
    assert f.purpose == "batch" and f.id.startswith("file-")
    assert alice.files.retrieve(f.id).id == f.id
    echoed = alice.files.content(f.id).text
    assert all(v in echoed for v in VALUES)  # the caller's own lines, restored
    b = alice.batches.create(input_file_id=f.id, endpoint="/v1/chat/completions",
                             completion_window="24h")
    b = _wait(alice, b.id)
    assert b.status == "completed" and b.request_counts and b.request_counts.completed == 2
    assert b.id in [x.id for x in alice.batches.list()]
    sent = json.dumps([x for x in recording_upstream.bodies() if "batch-" in json.dumps(x)])
    assert sent and not [v for v in VALUES if v in sent]
    assert b.output_file_id
    out = [json.loads(x) for x in alice.files.content(b.output_file_id).text.splitlines()]
    answers = {o["custom_id"]: o["response"]["body"]["choices"][0]["message"]["content"]
               for o in out}
    assert all(v in answers["a"] for v in VALUES[:3])
    assert all(v in answers["b"] for v in VALUES[3:])
    assert "Jane" not in answers["b"]  # each line gets back only its own values

    # Another key of the same tenant sees none of it (404, as if it did not exist).
    bob = _client(api_gateway, "acme-b")
    for call in (lambda: bob.files.retrieve(f.id), lambda: bob.files.content(b.output_file_id),
                 lambda: bob.batches.retrieve(b.id), lambda: bob.files.delete(f.id),
                 lambda: bob.batches.cancel(b.id)):
        with pytest.raises(openai.NotFoundError):
            call()
    assert b.id not in [x.id for x in bob.batches.list()]
    with pytest.raises(openai.NotFoundError):
        bob.batches.create(input_file_id=f.id, endpoint="/v1/chat/completions",
                           completion_window="24h")
    assert alice.files.delete(f.id).deleted
    with pytest.raises(openai.NotFoundError):
        alice.files.retrieve(f.id)


def test_batch_refusals(api_gateway: Proc, recording_upstream: Upstream) -> None:
    alice = _client(api_gateway, "acme-a")
    before = len(recording_upstream.bodies())
    bad = [
        b'{"custom_id": "x", "method": "POST", "url": "/v1/moderations", "body": {"input": "hi"}}',
        b'{"custom_id": "x", "method": "POST", "url": "/v1/chat/completions", "body": {}, "z": 1}',
        b"not json at all",
    ]
    for data in bad:
        with pytest.raises(openai.BadRequestError) as e:
            alice.files.create(file=("in.jsonl", io.BytesIO(data)), purpose="batch")
        assert "line 1" in str(e.value)
    with pytest.raises(openai.BadRequestError):
        alice.files.create(file=("x.txt", io.BytesIO(b"hello")), purpose="assistants")
    f = alice.files.create(file=("in.jsonl", io.BytesIO(_jsonl(LINES[:1]))), purpose="batch")
    with pytest.raises(openai.BadRequestError):
        alice.batches.create(input_file_id=f.id, endpoint="/v1/completions",
                             completion_window="24h")
    with pytest.raises(openai.AuthenticationError):
        openai.OpenAI(base_url=api_gateway.url + "/v1", api_key="sk-wrong",
                      max_retries=0).files.retrieve(f.id)
    assert len(recording_upstream.bodies()) == before
