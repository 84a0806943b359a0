"""The gateway probe's harness: a recording upstream in a thread of this process and one
``veil serve`` subprocess at a time, bound to 127.0.0.1 only. Everything the upstream receives
(method, path, query, headers, raw body) is kept in ``Recorder.rows``."""

from __future__ import annotations

import base64
import json
import os
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse

ROOT = Path(__file__).resolve().parents[3]
VEIL = str(Path(sys.executable).parent / "veil")


def _last_user_text(body: dict[str, Any]) -> str:
    msgs = body.get("messages") or []
    for m in reversed(msgs):
        if isinstance(m, dict) and m.get("role") == "user":
            c = m.get("content")
            if isinstance(c, str):
                return c
            if isinstance(c, list):
                return " ".join(str(p.get("text", "")) for p in c if isinstance(p, dict))
    inp = body.get("input")
    if isinstance(inp, str):
        return inp
    if isinstance(inp, list):
        for it in reversed(inp):
            if isinstance(it, dict) and it.get("role") == "user":
                c = it.get("content")
                if isinstance(c, str):
                    return c
                if isinstance(c, list):
                    return " ".join(str(p.get("text", "")) for p in c if isinstance(p, dict))
    p = body.get("prompt")
    return p if isinstance(p, str) else ""


class Recorder:
    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []
        self.lock = threading.Lock()
        self.app = self._app()

    def mark(self) -> int:
        with self.lock:
            return len(self.rows)

    def since(self, n: int) -> list[dict[str, Any]]:
        with self.lock:
            return list(self.rows[n:])

    def _reply_text(self, body: dict[str, Any], raw: bytes) -> str:
        model = str(body.get("model", ""))
        if model == "reflect":  # answers the whole body it received (a hostile upstream)
            return raw.decode("utf-8", "replace")
        return "Echo: " + _last_user_text(body)

    def _app(self) -> FastAPI:
        app = FastAPI()
        rec = self

        @app.api_route("/{path:path}", methods=["GET", "POST", "DELETE", "PUT", "PATCH"])
        async def any_route(path: str, request: Request) -> Response:
            raw = await request.body()
            row = {
                "method": request.method,
                "path": "/" + path,
                "query": request.url.query,
                "headers": {k: v for k, v in request.headers.items()},
                "body": raw.decode("utf-8", "replace"),
            }
            with rec.lock:
                rec.rows.append(row)
            try:
                body = json.loads(raw) if raw else {}
            except ValueError:
                body = {}
            if not isinstance(body, dict):
                body = {}
            model = str(body.get("model", ""))
            if path.endswith("models"):
                return JSONResponse({"object": "list", "data": [{"id": "echo", "object": "model",
                                                                 "created": 0, "owned_by": "x"}]})
            if model == "err400":
                return JSONResponse({"error": {"message": "bad request, you sent: " + raw.decode(
                    "utf-8", "replace")[:900], "type": "invalid_request_error", "param": None,
                    "code": "bad_thing"}}, status_code=400)
            text = rec._reply_text(body, raw)
            if path.endswith("embeddings"):
                inp = body.get("input")
                n = len(inp) if isinstance(inp, list) else 1
                return JSONResponse({"object": "list", "model": model, "data": [
                    {"object": "embedding", "index": i, "embedding": [0.1, 0.2]}
                    for i in range(n)], "usage": {"prompt_tokens": 1, "total_tokens": 1}})
            if path.endswith("messages/count_tokens"):
                return JSONResponse({"input_tokens": 7})
            if path.endswith("messages"):
                if body.get("stream"):
                    async def ev() -> Any:
                        def e(name: str, d: dict[str, Any]) -> bytes:
                            return f"event: {name}\ndata: {json.dumps(d)}\n\n".encode()
                        yield e("message_start", {"type": "message_start", "message": {
                            "id": "msg_1", "type": "message", "role": "assistant", "model": model,
                            "content": [], "stop_reason": None, "usage": {"input_tokens": 1,
                                                                          "output_tokens": 0}}})
                        yield e("content_block_start", {"type": "content_block_start", "index": 0,
                                                        "content_block": {"type": "text",
                                                                          "text": ""}})
                        for i in range(0, len(text), 3):
                            yield e("content_block_delta", {"type": "content_block_delta",
                                                            "index": 0, "delta": {
                                                                "type": "text_delta",
                                                                "text": text[i:i + 3]}})
                        yield e("content_block_stop", {"type": "content_block_stop", "index": 0})
                        yield e("message_delta", {"type": "message_delta", "delta": {
                            "stop_reason": "end_turn"}, "usage": {"output_tokens": 1}})
                        yield e("message_stop", {"type": "message_stop"})
                    return StreamingResponse(ev(), media_type="text/event-stream")
                return JSONResponse({"id": "msg_1", "type": "message", "role": "assistant",
                                     "model": model, "content": [{"type": "text", "text": text}],
                                     "stop_reason": "end_turn", "stop_sequence": None,
                                     "usage": {"input_tokens": 1, "output_tokens": 1}})
            if path.endswith("responses"):
                rid = "resp_up" + os.urandom(6).hex()
                return JSONResponse({
                    "id": rid, "object": "response", "created_at": 0, "status": "completed",
                    "model": model, "output": [{"type": "message", "id": "msg_1",
                                                "status": "completed", "role": "assistant",
                                                "content": [{"type": "output_text", "text": text,
                                                             "annotations": []}]}],
                    "instructions": body.get("instructions"), "metadata": body.get("metadata"),
                    "usage": {"input_tokens": 1, "output_tokens": 1, "total_tokens": 2}})
            if path.endswith("completions") and not path.endswith("chat/completions"):
                return JSONResponse({"id": "cmpl-1", "object": "text_completion", "created": 0,
                                     "model": model, "choices": [{"index": 0, "text": text,
                                                                  "finish_reason": "stop"}]})
            if body.get("stream"):
                async def gen() -> Any:
                    for i in range(0, len(text), 3):
                        d = {"id": "c1", "object": "chat.completion.chunk", "created": 0,
                             "model": model, "choices": [{"index": 0, "delta": {
                                 "content": text[i:i + 3]}, "finish_reason": None}]}
                        yield f"data: {json.dumps(d)}\n\n".encode()
                    d = {"id": "c1", "object": "chat.completion.chunk", "created": 0,
                         "model": model, "choices": [{"index": 0, "delta": {},
                                                      "finish_reason": "stop"}]}
                    yield f"data: {json.dumps(d)}\n\ndata: [DONE]\n\n".encode()
                return StreamingResponse(gen(), media_type="text/event-stream")
            return JSONResponse({"id": "c1", "object": "chat.completion", "created": 0,
                                 "model": model, "choices": [{"index": 0, "message": {
                                     "role": "assistant", "content": text},
                                     "finish_reason": "stop"}],
                                 "usage": {"prompt_tokens": 1, "completion_tokens": 1,
                                           "total_tokens": 2}})

        return app


def free_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class UpstreamThread:
    def __init__(self, rec: Recorder) -> None:
        self.port = free_port()
        self.server = uvicorn.Server(uvicorn.Config(rec.app, host="127.0.0.1", port=self.port,
                                                    log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> UpstreamThread:
        self.thread.start()
        for _ in range(200):
            if self.server.started:
                break
            time.sleep(0.05)
        return self

    def __exit__(self, *a: Any) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"


@dataclass
class Gateway:
    proc: subprocess.Popen[bytes]
    url: str
    log: Path
    home: Path

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def start_gateway(workdir: Path, config: dict[str, Any], *, timeout: float = 300,
                  extra_args: list[str] | None = None) -> Gateway:
    workdir.mkdir(parents=True, exist_ok=True)
    cfg = workdir / "gateway.yaml"
    cfg.write_text(json.dumps(config))
    home = workdir / "home"
    env = {k: v for k, v in os.environ.items() if not k.startswith("VEIL_")}
    env.update(VEIL_HOME=str(home), VEIL_MASTER_KEY=base64.b64encode(os.urandom(32)).decode(),
               VEIL_VAULT_BACKEND="sqlite", HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1",
               PYTHONUNBUFFERED="1")
    port = free_port()
    log = workdir / "gateway.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen([VEIL, "serve", "--config", str(cfg), "--host", "127.0.0.1",
                                 "--port", str(port), *(extra_args or [])], env=env, stdin=subprocess.DEVNULL,
                                stdout=out, stderr=subprocess.STDOUT, cwd=str(ROOT))
    url = f"http://127.0.0.1:{port}"
    gw = Gateway(proc, url, log, home)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if httpx.get(url + "/readyz", timeout=5).status_code == 200:
                return gw
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    gw.stop()
    raise RuntimeError("gateway did not start:\n" + log.read_text(errors="replace")[-3000:])
