"""A small OpenAI-compatible completions server over token ids, on transformers.

What the untrusted host runs for the embedded default (vLLM is the engine for scale; the client
works against both). It needs no tokenizer and no key: prompts are lists of obfuscated token ids and
answers carry the generated ids in ``choices[i].token_ids`` (the field vLLM fills when a request
sets ``return_token_ids``); ``text`` is always empty. ``logprobs`` with
``return_tokens_as_token_ids`` returns ``"token_id:N"`` strings as vLLM does.

Endpoints: ``GET /v1/models`` (with the checkpoint ``fingerprint``), ``POST /v1/completions``
(non-streaming, and SSE streaming that ends with ``data: [DONE]``), ``GET /healthz`` and
``GET /readyz`` (the model is loaded before the app serves; ``GET /health``, the name vLLM uses,
answers too). The wire format comes from :mod:`veil.wire`. Nothing is logged about request
contents.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from veil.wire.errors import error_event
from veil.wire.openai import (
    TokenCompletionRequest,
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


class HostError(Exception):
    def __init__(self, status: int, message: str, code: str = "invalid_request_error") -> None:
        super().__init__(message)
        self.status, self.message, self.code = status, message, code


@dataclass
class GenStep:
    token_id: int
    logprob: float
    finish_reason: str | None


class TokenGenerator:
    """Greedy / temperature / top-p sampling with a KV cache, one request at a time."""

    def __init__(self, model_dir: str | Path, *, dtype: str = "float32") -> None:
        import torch
        from transformers import AutoModelForCausalLM

        self.model_dir = Path(model_dir)
        self.model = AutoModelForCausalLM.from_pretrained(  # nosec B615 # local_files_only below
            self.model_dir, dtype=getattr(torch, dtype), local_files_only=True
        ).eval()
        self.vocab_size = int(self.model.get_input_embeddings().weight.shape[0])
        eos = self.model.generation_config.eos_token_id if self.model.generation_config else None
        if eos is None:
            eos = self.model.config.eos_token_id
        self.eos_ids = set(eos if isinstance(eos, list) else [eos] if eos is not None else [])
        self.lock = threading.Lock()  # one forward at a time; the model is not re-entrant

    def check_ids(self, ids: list[int]) -> None:
        if not ids:
            raise HostError(400, "prompt must contain at least one token id")
        if min(ids) < 0 or max(ids) >= self.vocab_size:
            raise HostError(400, f"token ids must be in [0, {self.vocab_size})",
                            "token_id_out_of_range")

    def generate(self, ids: list[int], req: TokenCompletionRequest) -> Iterator[GenStep]:
        import torch

        stops = set(req.stop_token_ids) | (set() if req.ignore_eos else self.eos_ids)
        gen = torch.Generator()
        gen.manual_seed(req.seed if req.seed is not None else int(time.time_ns() % 2**62))
        with self.lock, torch.inference_mode():
            past = None
            inp = torch.tensor([ids], dtype=torch.long)
            for i in range(req.max_tokens):
                out = self.model(input_ids=inp, past_key_values=past, use_cache=True)
                past = out.past_key_values
                logits = out.logits[0, -1].float()
                logp = torch.log_softmax(logits, -1)
                if req.temperature == 0.0:
                    tok = int(torch.argmax(logits))
                else:
                    probs = torch.softmax(logits / req.temperature, -1)
                    if req.top_p < 1.0:
                        sp, si = torch.sort(probs, descending=True)
                        keep = torch.cumsum(sp, 0) - sp < req.top_p
                        probs = torch.zeros_like(probs).scatter(0, si[keep], sp[keep])
                    tok = int(torch.multinomial(probs, 1, generator=gen))
                finish = "stop" if tok in stops else ("length" if i + 1 == req.max_tokens else None)
                yield GenStep(tok, float(logp[tok]), finish)
                if finish:
                    return
                inp = torch.tensor([[tok]], dtype=torch.long)


def _fingerprint(model_dir: Path) -> str | None:
    try:
        from veil.obfuscation.export import checkpoint_fingerprint

        return checkpoint_fingerprint(model_dir)
    except Exception:
        return None


def create_app(model_dir: str | Path, *, model_name: str | None = None,
               generator: TokenGenerator | None = None) -> Any:
    """The FastAPI app serving ``model_dir`` (an obfuscated, or any, standard checkpoint)."""
    from fastapi import FastAPI, Request
    from fastapi.responses import JSONResponse, StreamingResponse

    gen = generator or TokenGenerator(model_dir)
    name = model_name or Path(model_dir).name
    fingerprint = _fingerprint(Path(model_dir))
    app = FastAPI(title="veil host", docs_url=None, redoc_url=None,
                  telemetry=NO_FRAMEWORK_TELEMETRY)
    install_error_handlers(app)  # validation errors name field locations, never values
    add_health_routes(app)

    @app.exception_handler(HostError)
    async def _host_error(_: Request, e: HostError) -> JSONResponse:
        return openai_error_response(e.status, e.message, "invalid_request_error", code=e.code)

    @app.get("/health", include_in_schema=False)
    async def health() -> dict[str, str]:  # vLLM's name, which existing clients poll
        return {"status": "ok"}

    @app.get("/v1/models")
    async def models() -> dict[str, Any]:
        return model_list(name, fingerprint=fingerprint, vocab_size=gen.vocab_size)

    def prompt_ids(req: TokenCompletionRequest) -> list[int]:
        p = req.prompt
        if isinstance(p, str) or (isinstance(p, list) and p and isinstance(p[0], str)):
            raise HostError(400, "this host takes token ids only: send prompt as a list of ints")
        if p and isinstance(p[0], list):
            if len(p) != 1:
                raise HostError(400, "one prompt per request")
            p = p[0]
        ids = [int(x) for x in p]  # type: ignore[arg-type]
        gen.check_ids(ids)
        if req.n != 1:
            raise HostError(400, "n must be 1")
        if any(not 0 <= t < gen.vocab_size for t in req.stop_token_ids):
            raise HostError(400, "stop_token_ids out of range", "token_id_out_of_range")
        return ids

    def logprobs_obj(steps: list[GenStep], req: TokenCompletionRequest) -> dict[str, Any] | None:
        if req.logprobs is None:
            return None
        toks = [f"token_id:{s.token_id}" if req.return_tokens_as_token_ids else ""
                for s in steps]
        return {"tokens": toks, "token_logprobs": [s.logprob for s in steps],
                "top_logprobs": None, "text_offset": [0] * len(steps)}

    @app.post("/v1/completions", response_model=None)
    async def completions(req: TokenCompletionRequest) -> Any:
        ids = prompt_ids(req)
        cid, created = new_id("cmpl"), int(time.time())

        if not req.stream:
            steps = await asyncio.to_thread(lambda: list(gen.generate(ids, req)))
            usage = {"prompt_tokens": len(ids), "completion_tokens": len(steps),
                     "total_tokens": len(ids) + len(steps)}
            return text_completion(
                id=cid, model=name, text="", created=created,
                finish_reason=steps[-1].finish_reason if steps else "length", usage=usage,
                token_ids=[s.token_id for s in steps], logprobs=logprobs_obj(steps, req))

        async def events() -> AsyncIterator[bytes]:
            queue: asyncio.Queue[GenStep | BaseException | None] = asyncio.Queue()
            loop = asyncio.get_running_loop()

            def run() -> None:
                try:
                    for step in gen.generate(ids, req):
                        loop.call_soon_threadsafe(queue.put_nowait, step)
                except BaseException as e:  # surfaced below as a stream error
                    loop.call_soon_threadsafe(queue.put_nowait, e)
                finally:
                    loop.call_soon_threadsafe(queue.put_nowait, None)

            threading.Thread(target=run, daemon=True).start()
            while (item := await queue.get()) is not None:
                if isinstance(item, BaseException):
                    yield error_event(f"generation failed ({type(item).__name__})",
                                      "server_error", code="generation_failed")
                    break
                yield encode_event(completion_chunk(
                    id=cid, model=name, created=created, text="",
                    finish_reason=item.finish_reason, token_ids=[item.token_id],
                    logprobs=logprobs_obj([item], req)))
            yield DONE

        return StreamingResponse(events(), media_type="text/event-stream")

    return app


def serve(model_dir: str | Path, *, host: str = "127.0.0.1", port: int = 8001,
          model_name: str | None = None) -> None:
    import uvicorn

    uvicorn.run(create_app(model_dir, model_name=model_name), host=host, port=port,
                log_level="warning", access_log=False)


__all__ = ["TokenGenerator", "create_app", "serve"]
