"""A chat request through the gateway and the real core costs ONE read of its vault session and
ONE write of its new mappings, however many messages and fields it has."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import httpx
import pytest

from veil.config import PatternRule, Policy, RecognizerRule, Settings, TermRule
from veil.core import Veil
from veil.vault import SQLiteVault

from .conftest import ScriptedUpstream, chat_body, make_client

EMAIL, PHONE = "jd@example.com", "+44 20 7946 0958"


class CountingVault(SQLiteVault):
    """The real SQLite vault, counting reads of a session and batched writes."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.calls: Counter[str] = Counter()

    def _delta(self, *args: Any, **kwargs: Any) -> Any:
        self.calls["read"] += 1
        return super()._delta(*args, **kwargs)

    def _commit(self, *args: Any, **kwargs: Any) -> Any:
        self.calls["write"] += 1
        return super()._commit(*args, **kwargs)


@pytest.fixture
def veil(tmp_path: Path) -> Veil:
    settings = Settings(home=tmp_path, cache_dir=tmp_path / "cache")
    # Terms stand in for NER (no model load): a full name and its first name.
    policy = Policy(ner=False, terms=[TermRule(term="Jane Doe", type="PERSON"),
                                      TermRule(term="Jane", type="PERSON")])
    return Veil(settings, policy=policy, vault=CountingVault(settings))


def _request(*turns: str) -> dict[str, Any]:
    messages: list[dict[str, Any]] = [
        {"role": "system", "content": f"You help Jane Doe. Her mail is {EMAIL}."}
    ]
    for i, t in enumerate(turns):
        if i:
            messages.append({"role": "assistant", "content": f"Noted, turn {i}."})
        messages.append({"role": "user", "content": t})
    return {
        "model": "m",
        "messages": messages,
        "metadata": {"contact": EMAIL},
        "tools": [{"type": "function", "function": {
            "name": "call", "description": f"Calls {PHONE}",
            "parameters": {"type": "object", "properties": {}}}}],
    }


async def test_a_multi_message_chat_request_reads_once_and_writes_once(veil: Veil) -> None:
    vault: Any = veil.vault
    upstream = ScriptedUpstream()
    at_upstream: list[Counter[str]] = []

    def reply(body: dict[str, Any]) -> httpx.Response:
        at_upstream.append(Counter(vault.calls))  # the protect phase is over here
        return httpx.Response(200, json=chat_body(f"Answer: {body['messages'][-1]['content']}"))

    upstream.reply = reply
    client, _ = make_client(veil, upstream)  # type: ignore[arg-type]
    async with client:
        turn1 = f"Jane, call {PHONE} and write to {EMAIL}."
        r = await client.post("/v1/chat/completions", json=_request(turn1))
        assert r.status_code == 200, r.text
        # Six strings with values (system, user, metadata, tool description...): one read of
        # the session, every new mapping in one write; then one read (one statement: nothing
        # changed since the write) for the answer's matcher, and none to restore the answer.
        assert at_upstream[-1] == {"read": 2, "write": 1}
        assert vault.calls == at_upstream[-1]
        sent = upstream.sent_text()
        for value in (EMAIL, PHONE, "Jane"):
            assert value not in sent
        body = upstream.bodies[-1]
        system, user = body["messages"][0]["content"], body["messages"][1]["content"]
        # One replacement per value across messages and fields, and "Jane" in the user message
        # is linked to "Jane Doe" of the system message, as if they had been two turns.
        email_rep = body["metadata"]["contact"]
        assert email_rep in system and email_rep in user
        assert system.startswith("You help [PERSON_1].")
        assert user.startswith("[PERSON_1_FIRST], call [PHONE_1] and write to ")
        assert r.json()["choices"][0]["message"]["content"] == f"Answer: {turn1}"

        # The next turn resends the history and adds a message: again one read, and one write
        # for its one new value.
        vault.calls.clear()
        turn2 = "Also mail bob@example.org please."
        r = await client.post("/v1/chat/completions", json=_request(turn1, turn2))
        assert r.status_code == 200, r.text
        assert at_upstream[-1] == {"read": 2, "write": 1}
        again = upstream.bodies[-1]
        assert again["messages"][:2] == body["messages"][:2]  # the history masks the same
        assert "bob@example.org" not in upstream.sent_text()

        # A resend with nothing new: no write (a read to mask, one for the answer).
        vault.calls.clear()
        r = await client.post("/v1/chat/completions", json=_request(turn1, turn2))
        assert r.status_code == 200, r.text
        assert at_upstream[-1] == {"read": 2}
        assert upstream.bodies[-1] == again


async def test_refused_content_stores_nothing(veil: Veil) -> None:
    # The collecting walk meets the image before anything is masked: no mapping is written.
    vault: Any = veil.vault
    upstream = ScriptedUpstream()
    client, _ = make_client(veil, upstream)  # type: ignore[arg-type]
    body = {"model": "m", "messages": [{"role": "user", "content": [
        {"type": "text", "text": f"mail {EMAIL}"},
        {"type": "image_url", "image_url": {"url": "https://img.example/x.png"}},
    ]}]}
    async with client:
        r = await client.post("/v1/chat/completions", json=body)
    assert r.status_code == 400, r.text
    assert EMAIL not in json.dumps(r.json())
    assert upstream.bodies == [] and vault.calls["write"] == 0


def _batches(veil: Veil, monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The texts of each ``protect_many`` call the gateway makes, as it makes them."""
    batches: list[list[str]] = []
    protect_many = veil.protect_many

    def counting(texts: list[str], **kw: Any) -> Any:
        batches.append(list(texts))
        return protect_many(texts, **kw)

    monkeypatch.setattr(veil, "protect_many", counting)
    return batches


def _tools(*names: str) -> list[dict[str, Any]]:
    return [{"type": "function", "function": {"name": n, "parameters": {
        "type": "object", "properties": {f"{n}_id": {"type": "string"}}}}} for n in names]


async def test_a_requests_names_are_read_together_as_one_text(
    veil: Veil, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tool and property names are read as words, all of a request's in one text a name a
    line (each as a text of its own cost ~0.5 ms, and an agent sends dozens)."""
    batches = _batches(veil, monkeypatch)
    upstream = ScriptedUpstream()
    client, _ = make_client(veil, upstream)  # type: ignore[arg-type]
    body = {"model": "m", "messages": [{"role": "user", "content": "hello"}],
            "tools": _tools("get_weather", "email_jane", "search_docs")}
    async with client:
        r = await client.post("/v1/chat/completions", json=body)
    assert r.status_code == 200, r.text
    assert len(batches) == 1
    joined = [t for t in batches[0] if "\n" in t]
    assert len(joined) == 1 and "email jane" in joined[0].split("\n")
    sent = upstream.bodies[-1]["tools"]
    assert [t["function"]["name"] for t in sent][0::2] == ["get_weather", "search_docs"]
    assert "jane" not in json.dumps(sent).lower()


async def test_a_value_across_two_names_lines_reads_each_name_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a value read across the line between two names eats the line break, and the lines are
    # no longer the names: each name is then read alone
    settings = Settings(home=tmp_path, cache_dir=tmp_path / "cache")
    policy = Policy(ner=False, terms=[TermRule(term="Jane", type="PERSON")],
                    recognizers=[RecognizerRule(name="pair", entity="PERSON", patterns=[
                        PatternRule(regex=r"Jane\s+Doe", score=0.9)])])
    veil = Veil(settings, policy=policy)
    batches = _batches(veil, monkeypatch)
    upstream = ScriptedUpstream()
    client, _ = make_client(veil, upstream)  # type: ignore[arg-type]
    body = {"model": "m", "messages": [{"role": "user", "content": "hello"}],
            "tools": [{"type": "function", "function": {"name": n, "parameters": {
                "type": "object"}}} for n in ("Jane", "Doe")]}
    async with client:
        r = await client.post("/v1/chat/completions", json=body)
    assert r.status_code == 200, r.text
    assert len(batches) == 2 and batches[1] == ["Jane", "Doe"]
    names = [t["function"]["name"] for t in upstream.bodies[-1]["tools"]]
    # (the session knows "Jane Doe" now: "Doe" alone is her surname)
    assert names == ["PERSON_1_FIRST", "PERSON_1_LAST"], names


async def test_a_streamed_calls_masked_argument_names_come_back_as_the_callers(
    tmp_path: Path,
) -> None:
    """A property name that holds a term goes up masked; the streamed call's arguments name
    it back as the caller's, however the stream cuts the name."""
    from .conftest import delta_chunk, parse_sse, sse

    settings = Settings(home=tmp_path, cache_dir=tmp_path / "cache")
    veil = Veil(settings, policy=Policy(ner=False, terms=[
        TermRule(term="Nightjar", type="PROJECT")]))
    upstream = ScriptedUpstream()

    def reply(body: dict[str, Any]) -> httpx.Response:
        fn = body["tools"][0]["function"]
        key = next(iter(fn["parameters"]["properties"]))
        args = json.dumps({key: 1, "other": 2})
        pieces = [args[k:k + 5] for k in range(0, len(args), 5)]  # keys cut mid-name
        events = [delta_chunk({"tool_calls": [{"index": 0, "id": "call_1", "type": "function",
                                               "function": {"name": fn["name"],
                                                            "arguments": ""}}]})]
        events += [delta_chunk({"tool_calls": [{"index": 0, "function": {"arguments": p}}]})
                   for p in pieces]
        events.append(delta_chunk({}, finish="tool_calls"))
        return httpx.Response(200, content=sse(events),
                              headers={"content-type": "text/event-stream"})

    upstream.reply = reply
    client, _ = make_client(veil, upstream)  # type: ignore[arg-type]
    body = {"model": "m", "stream": True, "messages": [{"role": "user", "content": "go"}],
            "tools": [{"type": "function", "function": {
                "name": "get_nightjar_status", "parameters": {"type": "object", "properties": {
                    "nightjar_budget": {"type": "number"}, "other": {"type": "number"}}}}}]}
    async with client:
        r = await client.post("/v1/chat/completions", json=body)
    assert r.status_code == 200, r.text
    assert "nightjar" not in upstream.sent_text().lower()
    events, done = parse_sse(r.text)
    calls = [c for e in events for ch in e["choices"]
             for c in ch["delta"].get("tool_calls") or []]
    name = "".join(c["function"].get("name") or "" for c in calls)
    args = "".join(c["function"].get("arguments") or "" for c in calls)
    assert done and name == "get_nightjar_status"
    assert json.loads(args) == {"nightjar_budget": 1, "other": 2}
