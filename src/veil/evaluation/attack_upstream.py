"""A hostile fake upstream LLM for the gateway attack battery.

It records every request body (what the gateway let through) and answers the way an LLM an
attacker can steer would, chosen by the request's ``model``:

- ``echo``          "Echo: <last user text>" (repeats anything the caller asks it to repeat)
- ``invent``        quotes every placeholder of the request and adds ones nobody sent
                    (``[PERSON_2]`` next to ``[PERSON_1]``, and ``[EMAIL_1]``... in any case)
- ``logprobs``      echo, with ``logprobs`` whose tokens cut the placeholders into pieces
- ``length``        echo cut off in the middle of the first placeholder, ``finish_reason: length``
- ``err-context``   400 ``context_length_exceeded``
- ``err-ratelimit`` 429 ``rate_limit_exceeded`` with ``retry-after`` and ``x-ratelimit-*``
- ``err-model``     404 ``model_not_found``
- ``tag``           echo, and a ``Set-Cookie`` that tags the caller (a cookie that comes back on
                    any later request links callers at the upstream)

Every answer carries ``x-ratelimit-*`` headers (clients throttle on them); the ``Cookie`` header
of every request goes to ``app.state.cookies`` (None where there was none). Streams go out in
3-character pieces, so placeholders are split across chunks.
"""

from __future__ import annotations

import asyncio
import json
import re
import secrets
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, StreamingResponse

from veil.wire import DONE, chat_chunk, chat_completion, encode_event, error_body
from veil.wire.openai import completion_chunk, new_id, text_completion
from veil.wire.server import add_health_routes, install_error_handlers

#: A placeholder in the gateway's own syntax (what the masker sends up).
PLACEHOLDER = re.compile(r"\[([A-Z][A-Z0-9_]*?)_(\d+)\]")
#: Types the ``invent`` model always names, whatever the request held.
INVENTED_TYPES = ("EMAIL", "PERSON", "PHONE", "US_SSN", "LOCATION")

RATE_HEADERS = {
    "x-ratelimit-limit-requests": "60",
    "x-ratelimit-remaining-requests": "59",
    "x-ratelimit-reset-requests": "1s",
    "x-ratelimit-limit-tokens": "150000",
    "x-ratelimit-remaining-tokens": "149000",
    "x-ratelimit-reset-tokens": "6ms",
}

ERRORS: dict[str, tuple[int, str, str, dict[str, str]]] = {
    "err-context": (
        400,
        "invalid_request_error",
        "context_length_exceeded",
        {},
    ),
    "err-ratelimit": (
        429,
        "requests",
        "rate_limit_exceeded",
        {
            "retry-after": "7",
            "x-ratelimit-limit-requests": "60",
            "x-ratelimit-remaining-requests": "0",
            "x-ratelimit-reset-requests": "7s",
        },
    ),
    "err-model": (404, "invalid_request_error", "model_not_found", {}),
}


def _text(content: Any) -> str:
    if isinstance(content, list):
        return " ".join(
            p.get("text", "") for p in content if isinstance(p, dict) and p.get("type") == "text"
        )
    return content if isinstance(content, str) else ""


def _last_user(body: dict[str, Any]) -> str:
    if "prompt" in body:
        prompt = body["prompt"]
        return prompt if isinstance(prompt, str) else " ".join(map(str, prompt))
    msgs = body.get("messages") or []
    users = [m for m in msgs if isinstance(m, dict) and m.get("role") == "user"]
    return _text(users[-1].get("content")) if users else ""


def _all_text(body: dict[str, Any]) -> str:
    msgs = body.get("messages") or []
    return " ".join(_text(m.get("content")) for m in msgs if isinstance(m, dict)) + _last_user(
        body
    )


def invented_answer(body: dict[str, Any]) -> str:
    """Every placeholder the request held, the next number of each of their types (never sent),
    and the first placeholder of common types in three spellings."""
    seen: dict[str, int] = {}
    quoted: list[str] = []
    for m in PLACEHOLDER.finditer(_all_text(body)):
        typ, n = m.group(1), int(m.group(2))
        seen[typ] = max(seen.get(typ, 0), n)
        if m.group(0) not in quoted:
            quoted.append(m.group(0))
    extra = [f"[{t}_{n + 1}]" for t, n in seen.items()]
    for t in INVENTED_TYPES:
        extra += [f"[{t}_1]", f"{t}_1", f"[{t.lower()}_1]"]
    return "Sure: " + ", ".join(quoted + extra) + "."


def truncated_answer(text: str) -> str:
    """``text`` cut three characters into its first placeholder (the middle of ``[EMAIL_1]``)."""
    m = PLACEHOLDER.search(text)
    return text[: m.start() + 3] if m else text[: max(1, len(text) // 2)]


def logprob_tokens(text: str) -> list[dict[str, Any]]:
    """OpenAI ``logprobs.content`` for ``text`` in 2-character tokens, so every placeholder
    spans several tokens, each with two alternatives that spell placeholder pieces too."""
    out = []
    for i in range(0, len(text), 2):
        tok = text[i : i + 2]
        alts = [tok, text[i : i + 4] or tok]
        out.append(
            {
                "token": tok,
                "logprob": -0.01,
                "bytes": list(tok.encode()),
                "top_logprobs": [
                    {"token": a, "logprob": -0.5 * k, "bytes": list(a.encode())}
                    for k, a in enumerate(alts)
                ],
            }
        )
    return out


def create_app(record: Path | None = None) -> FastAPI:
    """The upstream app; bodies go to ``app.state.bodies`` and, if given, to ``record`` (JSONL)."""
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    install_error_handlers(app)
    add_health_routes(app)
    bodies: list[dict[str, Any]] = []
    app.state.bodies = bodies
    cookies: list[str | None] = []
    app.state.cookies = cookies

    def save(body: dict[str, Any]) -> None:
        bodies.append(body)
        if record is not None:
            with open(record, "a", encoding="utf-8") as f:
                f.write(json.dumps(body, ensure_ascii=False) + "\n")

    async def handle(request: Request, chat: bool) -> Any:
        body = await request.json()
        save(body)
        cookies.append(request.headers.get("cookie"))
        model = str(body.get("model", "echo"))
        headers_out = dict(RATE_HEADERS)
        if model == "tag":
            headers_out["set-cookie"] = f"tag={secrets.token_hex(8)}; Path=/; Max-Age=86400"
        if model in ERRORS:
            status, typ, code, headers = ERRORS[model]
            msg = {
                "context_length_exceeded": "This model's maximum context length is 8192 tokens.",
                "rate_limit_exceeded": "Rate limit reached for requests. Try again in 7s.",
                "model_not_found": f"The model `{model}` does not exist.",
            }[code]
            return JSONResponse(
                error_body(msg, typ, code=code, param="messages" if status == 400 else None),
                status_code=status,
                headers={**RATE_HEADERS, **headers},
            )
        last = _last_user(body)
        finish = "stop"
        logprobs: list[dict[str, Any]] | None = None
        if model == "invent":
            text = invented_answer(body)
        elif model == "length":
            text, finish = truncated_answer("Echo: " + last), "length"
        else:
            text = "Echo: " + last
            if model == "logprobs":
                logprobs = logprob_tokens(text)
        rid, created = new_id("chatcmpl" if chat else "cmpl"), 1_700_000_000
        usage = {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}
        if not body.get("stream"):
            if chat:
                out = chat_completion(
                    id=rid, model=model, content=text, created=created,
                    finish_reason=finish, usage=usage,
                )
                if logprobs is not None:
                    out["choices"][0]["logprobs"] = {"content": logprobs, "refusal": None}
            else:
                out = text_completion(
                    id=rid, model=model, text=text, created=created, finish_reason=finish,
                    usage=usage,
                )
            return JSONResponse(out, headers=headers_out)

        async def events() -> AsyncIterator[bytes]:
            if chat:
                yield encode_event(
                    chat_chunk(id=rid, model=model, created=created,
                               delta={"role": "assistant", "content": ""})
                )
            for i in range(0, len(text), 3):
                piece = text[i : i + 3]
                if chat:
                    ev = chat_chunk(id=rid, model=model, created=created,
                                    delta={"content": piece})
                    if logprobs is not None:
                        ev["choices"][0]["logprobs"] = {"content": logprob_tokens(piece)}
                else:
                    ev = completion_chunk(id=rid, model=model, created=created, text=piece)
                yield encode_event(ev)
                await asyncio.sleep(0)
            if chat:
                yield encode_event(
                    chat_chunk(id=rid, model=model, created=created, delta={},
                               finish_reason=finish)
                )
            else:
                yield encode_event(
                    completion_chunk(id=rid, model=model, created=created, text="",
                                     finish_reason=finish)
                )
            yield DONE

        return StreamingResponse(events(), media_type="text/event-stream", headers=headers_out)

    @app.post("/v1/chat/completions")
    async def chat(request: Request) -> Any:
        return await handle(request, True)

    @app.post("/v1/completions")
    async def completions(request: Request) -> Any:
        return await handle(request, False)

    @app.get("/v1/models")
    async def models() -> dict[str, Any]:
        names = ["echo", "invent", "logprobs", "length", "tag", *ERRORS]
        return {
            "object": "list",
            "data": [{"id": n, "object": "model", "owned_by": "attacker"} for n in names],
        }

    return app


__all__ = ["ERRORS", "PLACEHOLDER", "RATE_HEADERS", "create_app", "invented_answer"]
