"""The embedded default upstream: SmolLM2-135M-Instruct behind a minimal OpenAI-compatible API.

Run as a subprocess of ``veil serve`` when no upstream is configured (``python -m
veil.gateway.embedded_model --fd N`` serves on an already bound loopback socket). It is a weak
model; it exists so that the whole path -- mask, forward, generate, restore -- is real with no API
key and no network. Generation is serialized (one model, a few CPU cores). Nothing is logged about
requests beyond uvicorn's startup lines. The wire format (bodies, chunks, SSE, errors, health
routes) comes from :mod:`veil.wire`. A generation that fails part-way ends its stream with an
error event, never with ``finish_reason: "stop"`` over a cut answer.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import threading
import time
from collections.abc import AsyncIterator, Generator
from typing import Any, Protocol

from anyio import to_thread
from fastapi import FastAPI, Request
from fastapi.responses import StreamingResponse

from veil.wire.errors import error_event
from veil.wire.openai import (
    chat_chunk,
    chat_completion,
    completion_chunk,
    model_list,
    new_id,
    text_completion,
)
from veil.wire.server import (
    NO_FRAMEWORK_TELEMETRY,
    add_health_routes,
    install_error_handlers,
    openai_error_response,
)
from veil.wire.sse import DONE, encode_event

MODEL_ID = "smollm2-135m-instruct"
DEFAULT_MAX_TOKENS = 256


class _Stop:
    """A StoppingCriteria that ends generation when set (stop string seen, client gone)."""

    def __init__(self) -> None:
        self.event = threading.Event()
        #: Why generation ended, for the answer's finish_reason: "length" when the token limit
        #: cut it (clients and the gateway treat a cut answer differently), else "stop".
        self.finish_reason = "stop"

    def __call__(self, input_ids: Any, scores: Any, **kwargs: Any) -> bool:
        return self.event.is_set()


class GenerationError(RuntimeError):
    """The model failed part-way; what was generated so far is not the answer."""


class Engine(Protocol):
    def stream(
        self, body: dict[str, Any], chat: bool, stop_flag: _Stop
    ) -> Generator[str, None, None]: ...

    def count_tokens(self, text: str) -> int: ...


class SmolLM2Engine:
    def __init__(self) -> None:
        import torch

        from veil.models.smollm2 import load_smollm2

        self.torch = torch
        self.model, self.tok = load_smollm2(dtype=torch.float32)
        self.lock = threading.Lock()

    @staticmethod
    def _flatten(messages: list[dict[str, Any]]) -> list[dict[str, str]]:
        out = []
        for m in messages:
            c = m.get("content")
            if isinstance(c, list):
                c = "\n".join(p.get("text", "") for p in c if isinstance(p, dict))
            if c is None and m.get("tool_calls"):
                c = json.dumps([tc.get("function", {}) for tc in m["tool_calls"]])
            role = m.get("role", "user")
            out.append({"role": "user" if role == "tool" else role, "content": c or ""})
        return out

    def encode(self, body: dict[str, Any], chat: bool) -> Any:
        if chat:
            return self.tok.apply_chat_template(
                self._flatten(body["messages"]),
                add_generation_prompt=True,
                return_tensors="pt",
                return_dict=True,
            )
        prompt = body["prompt"]
        return self.tok(prompt if isinstance(prompt, str) else prompt[0], return_tensors="pt")

    def stream(
        self, body: dict[str, Any], chat: bool, stop_flag: _Stop
    ) -> Generator[str, None, None]:
        """Yield text pieces as tokens are generated; honours max_tokens, temperature, stop."""
        from transformers import StoppingCriteriaList, TextIteratorStreamer

        inputs = self.encode(body, chat)
        temperature = body.get("temperature")
        max_new = body.get("max_completion_tokens") or body.get("max_tokens") or DEFAULT_MAX_TOKENS
        stops = body.get("stop") or []
        stops = [stops] if isinstance(stops, str) else list(stops)
        streamer = TextIteratorStreamer(self.tok, skip_prompt=True, skip_special_tokens=True)
        kwargs: dict[str, Any] = dict(
            **inputs,
            max_new_tokens=int(max_new),
            streamer=streamer,
            stopping_criteria=StoppingCriteriaList([stop_flag]),
            pad_token_id=self.tok.eos_token_id,
        )
        if temperature:  # None or 0: greedy (deterministic)
            kwargs.update(
                do_sample=True,
                temperature=float(temperature),
                top_p=float(body.get("top_p") or 1.0),
            )
        else:
            kwargs.update(do_sample=False, temperature=None, top_p=None, top_k=None)
        seed = body.get("seed")
        failures: list[BaseException] = []
        with self.lock:
            if seed is not None:
                self.torch.manual_seed(int(seed))
            worker = threading.Thread(
                target=self._generate, args=(kwargs, streamer, failures, stop_flag), daemon=True
            )
            worker.start()
            text, sent, ended = "", 0, False
            hold = max((len(s) for s in stops), default=1) - 1
            try:
                for piece in streamer:
                    text += piece
                    cut = min((text.find(s) for s in stops if s in text), default=-1)
                    if cut >= 0:
                        stop_flag.event.set()
                        if cut > sent:
                            yield text[sent:cut]
                        return
                    safe = len(text) - hold if stops else len(text)
                    if safe > sent:
                        yield text[sent:safe]
                        sent = safe
                ended = True
                worker.join()
                if failures:  # the streamer just ended early: do not pass a cut answer as whole
                    raise GenerationError(type(failures[0]).__name__)
                if len(text) > sent:
                    yield text[sent:]
            finally:
                stop_flag.event.set()
                if not ended:  # left early: drain until generate() ends the streamer
                    for _ in streamer:
                        pass
                worker.join()

    def _generate(
        self,
        kwargs: dict[str, Any],
        streamer: Any,
        failures: list[BaseException],
        stop_flag: _Stop,
    ) -> None:
        try:
            with self.torch.inference_mode():
                out = self.model.generate(**kwargs)  # type: ignore[operator]
            new = out[0, kwargs["input_ids"].shape[-1] :].tolist()
            # The limit cut it: all tokens used, no end-of-text, no stop string or client exit.
            if (
                len(new) >= kwargs["max_new_tokens"]
                and self.tok.eos_token_id not in new
                and not stop_flag.event.is_set()
            ):
                stop_flag.finish_reason = "length"
        except Exception as e:  # noqa: BLE001 - end the stream; the handler reports a short error
            failures.append(e)
            streamer.end()

    def count_tokens(self, text: str) -> int:
        return len(self.tok(text)["input_ids"]) if text else 0


def create_embedded_app(engine: Engine) -> FastAPI:
    app = FastAPI(title="Veil embedded SmolLM2", docs_url=None, redoc_url=None,
                  telemetry=NO_FRAMEWORK_TELEMETRY)
    install_error_handlers(app)
    add_health_routes(app)  # the model is loaded before the app serves: alive means ready

    def _bad_request(message: str) -> Any:
        return openai_error_response(
            400, message, "invalid_request_error", code="invalid_request_error"
        )

    async def handle(request: Request, chat: bool) -> Any:
        key = "messages" if chat else "prompt"
        try:
            body = await request.json()
        except ValueError:
            return _bad_request("the request body is not JSON")
        if not isinstance(body, dict) or not body.get(key):
            return _bad_request(f"'{key}' is required")
        cid = new_id("chatcmpl" if chat else "cmpl")
        created, model = int(time.time()), body.get("model") or MODEL_ID
        stop_flag = _Stop()
        pieces = engine.stream(body, chat, stop_flag)

        def nxt() -> str | None:
            return next(pieces, None)

        def chunk(text: str | None, finish: str | None = None, first: bool = False) -> bytes:
            if chat:
                delta: dict[str, Any] = {"role": "assistant"} if first else {}
                if text is not None:
                    delta["content"] = text
                return encode_event(
                    chat_chunk(
                        id=cid, model=model, created=created, delta=delta, finish_reason=finish
                    )
                )
            return encode_event(
                completion_chunk(
                    id=cid, model=model, created=created, text=text or "", finish_reason=finish
                )
            )

        if body.get("stream"):

            async def events() -> AsyncIterator[bytes]:
                try:
                    yield chunk("", first=True)
                    while (piece := await to_thread.run_sync(nxt)) is not None:
                        yield chunk(piece)
                    yield chunk(None, stop_flag.finish_reason)
                except Exception as e:  # noqa: BLE001 - the client must see the answer is cut
                    yield error_event(
                        f"generation failed ({type(e).__name__}); retry the request",
                        "server_error",
                        code="generation_failed",
                    )
                finally:
                    stop_flag.event.set()
                    await to_thread.run_sync(pieces.close)
                yield DONE

            return StreamingResponse(events(), media_type="text/event-stream")

        def run_all() -> str:
            return "".join(pieces)

        try:
            text = await to_thread.run_sync(run_all)
        except Exception as e:  # noqa: BLE001 - short error, no request text
            return openai_error_response(
                500,
                f"generation failed ({type(e).__name__}); retry the request",
                "server_error",
                code="generation_failed",
            )
        n_out = engine.count_tokens(text)
        usage = {"prompt_tokens": 0, "completion_tokens": n_out, "total_tokens": n_out}
        finish = stop_flag.finish_reason
        if chat:
            return chat_completion(
                id=cid, model=model, content=text, created=created, usage=usage,
                finish_reason=finish,
            )
        return text_completion(
            id=cid, model=model, text=text, created=created, usage=usage, finish_reason=finish
        )

    @app.post("/v1/chat/completions")
    async def chat_completions(request: Request) -> Any:
        return await handle(request, chat=True)

    @app.post("/v1/completions")
    async def completions(request: Request) -> Any:
        return await handle(request, chat=False)

    @app.get("/v1/models")
    async def models() -> dict[str, Any]:
        return model_list(MODEL_ID, owned_by="veil-embedded")

    return app


def _exit_with_parent() -> None:
    """Die when the gateway that started us dies, even by SIGKILL (no orphaned model server)."""
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os._exit(0)

    threading.Thread(target=watch, daemon=True, name="parent-watch").start()


def main() -> None:
    import asyncio

    import uvicorn

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--fd", type=int, help="an already bound TCP socket to serve on")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--exit-with-parent", action="store_true")
    args = parser.parse_args()
    if args.exit_with_parent:
        _exit_with_parent()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    if args.fd is not None:
        sock = socket.socket(fileno=args.fd)
    else:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((args.host, args.port))
    app = create_embedded_app(SmolLM2Engine())
    config = uvicorn.Config(app, log_level="warning", access_log=False, timeout_graceful_shutdown=5)
    asyncio.run(uvicorn.Server(config).serve(sockets=[sock]))


if __name__ == "__main__":
    main()
