"""The Responses API through real ``veil serve`` processes, driven by the real clients: the
official openai SDK (``client.responses.create``: plain, streamed, function tools with a
``function_call_output`` round trip, ``text.format`` json_schema, ``previous_response_id``),
LangChain's ``ChatOpenAI(use_responses_api=True)`` and Node's openai SDK.

Each test asserts that no sensitive value reached the upstream and that every value came back.
The gateway here has an upstream without a Responses endpoint, so requests are translated to
chat completions; tests/unit/gateway/test_responses_native.py covers an upstream with its own
``/responses`` and test_messages_anthropic.py one of kind ``anthropic``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import httpx
import openai
import pytest

from .api_stack import SENT, Stack
from .conftest import TENANT_KEYS, Proc

pytestmark = pytest.mark.slow

P1 = "Hi, I am Jane Doe. Please email jane.doe@example.com about the invoice."
P1_VALUES = ["Jane Doe", "jane.doe@example.com"]
P2 = "Also loop in Ada Lovelace, her address is ada.lovelace@example.org."
P2_VALUES = ["Ada Lovelace", "ada.lovelace@example.org"]
SENT.update(P1_VALUES + P2_VALUES)

SEND_EMAIL = {
    "type": "function",
    "name": "send_email",
    "description": "Send an e-mail",
    "parameters": {
        "type": "object",
        "properties": {"to": {"type": "string"}, "body": {"type": "string"}},
    },
}
NODE_DIR = Path(__file__).parent / "node"


def client(gw: Proc, tenant: str = "acme") -> openai.OpenAI:
    return openai.OpenAI(base_url=gw.url + "/v1", api_key=TENANT_KEYS[tenant], max_retries=0,
                         timeout=60)


def sent_since(stack: Stack, start: int, values: list[str]) -> list[dict]:
    bodies = stack.upstream.bodies()[start:]
    text = json.dumps(bodies, ensure_ascii=False)
    leaked = [v for v in values if v in text]
    assert not leaked, f"{len(leaked)} value(s) reached the upstream"
    return bodies


def test_plain_instructions_and_echo(api_stack: Stack) -> None:
    start = len(api_stack.upstream.bodies())
    r = client(api_stack.openai).responses.create(
        model="echo", input=P1, instructions="Be brief with Ada Lovelace's customers."
    )
    bodies = sent_since(api_stack, start, P1_VALUES + P2_VALUES)
    assert len(bodies) == 1 and bodies[0]["messages"][0]["role"] == "system"
    assert r.object == "response" and r.status == "completed"
    assert r.output_text == "Echo: " + P1
    assert r.instructions == "Be brief with Ada Lovelace's customers."
    assert r.usage is not None and (r.usage.input_tokens, r.usage.total_tokens) == (3, 8)


def test_streamed_typed_events(api_stack: Stack) -> None:
    start = len(api_stack.upstream.bodies())
    stream = client(api_stack.openai).responses.create(model="echo", input=P1, stream=True)
    events = list(stream)
    sent_since(api_stack, start, P1_VALUES)
    types = [e.type for e in events]
    assert types[:4] == ["response.created", "response.in_progress",
                         "response.output_item.added", "response.content_part.added"]
    assert types[-1] == "response.completed"
    assert [e.sequence_number for e in events] == list(range(len(events)))
    deltas = "".join(e.delta for e in events if e.type == "response.output_text.delta")
    done = next(e for e in events if e.type == "response.output_text.done")
    assert deltas == done.text == events[-1].response.output_text == "Echo: " + P1


def test_tools_round_trip_with_previous_response(api_stack: Stack) -> None:
    c = client(api_stack.openai)
    start = len(api_stack.upstream.bodies())
    first = c.responses.create(model="tool", input=P1, tools=[SEND_EMAIL])
    call = next(i for i in first.output if i.type == "function_call")
    args = json.loads(call.arguments)
    assert args == {"to": "jane.doe@example.com", "body": "Hello Jane Doe, see you soon."}
    result = json.dumps({"sent": True, "cc": "Ada Lovelace <ada.lovelace@example.org>"})
    follow = c.responses.create(
        model="history",
        previous_response_id=first.id,
        tools=[SEND_EMAIL],
        input=[{"type": "function_call_output", "call_id": call.call_id, "output": result}],
    )
    bodies = sent_since(api_stack, start, P1_VALUES + P2_VALUES)
    replay = bodies[-1]["messages"]
    assert [m["role"] for m in replay] == ["user", "assistant", "tool"]
    assert replay[1]["tool_calls"][0]["id"] == call.call_id
    for v in P1_VALUES + P2_VALUES:
        assert v in follow.output_text


def test_streamed_function_call_arguments(api_stack: Stack) -> None:
    start = len(api_stack.upstream.bodies())
    events = list(client(api_stack.openai).responses.create(
        model="tool", input=P1, tools=[SEND_EMAIL], stream=True
    ))
    sent_since(api_stack, start, P1_VALUES)
    deltas = "".join(e.delta for e in events
                     if e.type == "response.function_call_arguments.delta")
    done = next(e for e in events if e.type == "response.function_call_arguments.done")
    final = events[-1].response.output[0]
    assert deltas == done.arguments == final.arguments
    assert json.loads(deltas)["to"] == "jane.doe@example.com"


def test_json_schema_text_format(api_stack: Stack) -> None:
    start = len(api_stack.upstream.bodies())
    schema = {"type": "object", "properties": {"name": {"type": "string"},
                                               "email": {"type": "string"}},
              "required": ["name", "email"], "additionalProperties": False}
    r = client(api_stack.openai).responses.create(
        model="json", input=P1,
        text={"format": {"type": "json_schema", "name": "contact", "schema": schema,
                         "strict": True}},
    )
    body = sent_since(api_stack, start, P1_VALUES)[0]
    assert body["response_format"]["json_schema"]["schema"] == schema
    assert json.loads(r.output_text) == {"name": "Jane Doe", "email": "jane.doe@example.com"}


def test_previous_response_chain_retrieve_delete(api_stack: Stack) -> None:
    c = client(api_stack.openai)
    start = len(api_stack.upstream.bodies())
    first = c.responses.create(model="echo", input=P1)
    second = c.responses.create(model="history", input=P2, previous_response_id=first.id)
    streamed = list(c.responses.create(model="history", input="Anyone else?",
                                       previous_response_id=second.id, stream=True))
    sent_since(api_stack, start, P1_VALUES + P2_VALUES)
    for v in P1_VALUES + P2_VALUES:
        assert v in second.output_text
        assert v in streamed[-1].response.output_text
    got = c.responses.retrieve(second.id)
    assert got.output_text == second.output_text
    # The chain's inputs (P1, the first answer, P2), newest first, restored for their owner.
    listed = c.responses.input_items.list(second.id)
    texts = [p.text for item in listed.data for p in item.content]
    assert texts[0] == P2 and texts[-1] == P1 and len(texts) == 3
    assert [i.id for i in c.responses.input_items.list(second.id, order="asc", limit=1).data] == [
        listed.data[-1].id]
    page = c.responses.input_items.list(second.id, after=listed.data[0].id, limit=5)
    assert [p.text for item in page.data for p in item.content] == texts[1:]
    with pytest.raises(openai.BadRequestError):
        c.responses.input_items.list(second.id, limit=1000)
    c.responses.delete(second.id)
    with pytest.raises(openai.NotFoundError):
        c.responses.retrieve(second.id)


def test_other_tenant_cannot_use_a_response_id(api_stack: Stack) -> None:
    first = client(api_stack.openai).responses.create(model="echo", input=P1)
    other = client(api_stack.openai, "globex")
    with pytest.raises(openai.NotFoundError):
        other.responses.retrieve(first.id)
    start = len(api_stack.upstream.bodies())
    with pytest.raises(openai.NotFoundError):
        other.responses.create(model="history", input="What did they say?",
                               previous_response_id=first.id)
    with pytest.raises(openai.NotFoundError):
        other.responses.delete(first.id)
    with pytest.raises(openai.NotFoundError):
        other.responses.input_items.list(first.id)
    assert len(api_stack.upstream.bodies()) == start  # nothing forwarded
    assert client(api_stack.openai).responses.retrieve(first.id).output_text == "Echo: " + P1


def test_hostile_requests_are_refused(api_stack: Stack) -> None:
    h = {"Authorization": f"Bearer {TENANT_KEYS['acme']}"}
    url = api_stack.openai.url + "/v1/responses"
    start = len(api_stack.upstream.bodies())
    unknown_top = httpx.post(url, headers=h, json={"model": "echo", "input": P1,
                                                   "jane.doe@example.com": "x"})
    unknown_nested = httpx.post(url, headers=h, json={
        "model": "echo", "input": [{"role": "user", "content": P1, "smuggled": P1}]})
    unknown_type = httpx.post(url, headers=h, json={
        "model": "echo", "input": [{"type": "computer_call_output", "output": P1}]})
    oversize = httpx.post(url, headers=h, json={"model": "echo", "input": "x" * 1_100_000})
    for r, status in ((unknown_top, 400), (unknown_nested, 400), (unknown_type, 400),
                      (oversize, 413)):
        assert r.status_code == status, r.text[:200]
        assert isinstance(r.json()["error"]["message"], str)
        assert "jane" not in r.text.lower()
    assert len(api_stack.upstream.bodies()) == start  # nothing forwarded


def test_stream_cut_off_ends_with_an_error_event(api_stack: Stack) -> None:
    start = len(api_stack.upstream.bodies())
    events = list(client(api_stack.openai).responses.create(model="drop", input=P1,
                                                            stream=True))
    sent_since(api_stack, start, P1_VALUES)
    assert events[-1].type == "error"
    assert "response.completed" not in [e.type for e in events]


def test_langchain_use_responses_api(api_stack: Stack) -> None:
    from langchain_openai import ChatOpenAI

    llm = ChatOpenAI(model="echo", base_url=api_stack.openai.url + "/v1",
                     api_key=TENANT_KEYS["acme"], use_responses_api=True, max_retries=0)
    start = len(api_stack.upstream.bodies())
    msg = llm.invoke(P1)
    streamed = "".join(c.text for c in llm.stream(P1))
    sent_since(api_stack, start, P1_VALUES)
    assert msg.text == "Echo: " + P1
    assert streamed == "Echo: " + P1
    plain_llm = ChatOpenAI(model="echo", base_url=api_stack.openai.url + "/v1",
                           api_key=TENANT_KEYS["acme"], max_retries=0)  # chat completions
    assert plain_llm.invoke(P1).text == "Echo: " + P1
    tool_llm = ChatOpenAI(model="tool", base_url=api_stack.openai.url + "/v1",
                          api_key=TENANT_KEYS["acme"], use_responses_api=True, max_retries=0)
    chat_tool = {"type": "function", "function": {k: v for k, v in SEND_EMAIL.items()
                                                  if k != "type"}}
    tool_msg = tool_llm.bind_tools([chat_tool]).invoke(P1)
    assert tool_msg.tool_calls[0]["args"]["to"] == "jane.doe@example.com"
    sent_since(api_stack, start, P1_VALUES)


def test_node_openai_responses(api_stack: Stack) -> None:
    assert shutil.which("node") and (NODE_DIR / "node_modules" / "openai").exists(), (
        "Node's openai SDK is missing: run `make services-install`"
    )
    start = len(api_stack.upstream.bodies())
    out = subprocess.run(
        ["node", str(NODE_DIR / "responses.mjs"), api_stack.openai.url + "/v1",
         TENANT_KEYS["acme"], P1],
        capture_output=True, text=True, timeout=60, check=True,
    )
    got = json.loads(out.stdout)
    sent_since(api_stack, start, P1_VALUES)
    assert got["plain"] == got["streamed"] == got["completed"] == "Echo: " + P1
    assert got["types"][0] == "response.created" and got["types"][-1] == "response.completed"
    assert json.loads(got["arguments"])["to"] == "jane.doe@example.com"
    for v in P1_VALUES:
        assert v in got["follow"]
