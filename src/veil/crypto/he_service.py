"""The HE classifier over HTTP: the server as a FastAPI app, the client as an httpx caller.

Routes (bodies are raw bytes, ``application/octet-stream``):

* ``GET /v1/he/model`` -- labels, input size and the CKKS parameters a client must use.
* ``POST /v1/he/contexts`` -- a serialized *public* context; answers ``{"context_id": ...}``.
  A context carrying its secret key is refused and dropped.
* ``POST /v1/he/classify`` -- header ``X-Veil-HE-Context``, body one encrypted embedding;
  answers the encrypted scores (length-framed ciphertexts, see :func:`veil.crypto.he.frame`).

Errors are OpenAI-shaped JSON (``{"error": {...}}``) like every server in the project; none of
them carries request bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from anyio import to_thread
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

from veil.crypto.he import CKKSParams, HEClient, HEServer
from veil.errors import CryptoError, HECiphertextError, HEContextError
from veil.wire.server import NO_FRAMEWORK_TELEMETRY, install_error_handlers, openai_error_response

CONTEXT_HEADER = "X-Veil-HE-Context"
#: Bodies larger than these are refused before they are parsed (a public context at N=8192 with
#: Galois keys is ~19 MB; one ciphertext ~0.3 MB).
MAX_CONTEXT_BYTES = 64 << 20
MAX_CIPHERTEXT_BYTES = 4 << 20


def _error(exc: CryptoError, status: int = 400) -> JSONResponse:
    return openai_error_response(status, str(exc), "invalid_request_error", code=exc.code)


async def _body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise HECiphertextError(f"the body is larger than {limit} bytes; send one item per call")
    data = bytearray()
    async for chunk in request.stream():
        data.extend(chunk)
        if len(data) > limit:
            raise HECiphertextError(
                f"the body is larger than {limit} bytes; send one item per call"
            )
    if not data:
        raise HECiphertextError("the body is empty; send the serialized bytes")
    return bytes(data)


def create_he_app(server: HEServer) -> FastAPI:
    app = FastAPI(title="Veil HE classifier", docs_url=None, redoc_url=None,
                  telemetry=NO_FRAMEWORK_TELEMETRY)
    install_error_handlers(app)
    app.state.he = server

    @app.get("/v1/he/model")
    async def model() -> dict[str, Any]:
        return server.describe()

    @app.post("/v1/he/contexts", status_code=201, response_model=None)
    async def register(request: Request) -> dict[str, str] | JSONResponse:
        try:
            body = await _body(request, MAX_CONTEXT_BYTES)
            cid = await to_thread.run_sync(server.register, body)
        except CryptoError as exc:
            return _error(exc, 413 if "larger than" in str(exc) else 400)
        return {"context_id": cid}

    @app.post("/v1/he/classify", response_model=None)
    async def classify(request: Request) -> Response:
        cid = request.headers.get(CONTEXT_HEADER, "")
        try:
            if not cid:
                raise HEContextError(
                    f"the {CONTEXT_HEADER} header is missing; register a public context first"
                )
            body = await _body(request, MAX_CIPHERTEXT_BYTES)
            result = await to_thread.run_sync(server.classify, cid, body)
        except CryptoError as exc:
            return _error(exc, 413 if "larger than" in str(exc) else 400)
        return Response(result, media_type="application/octet-stream")

    return app


@dataclass
class Traffic:
    """Bytes on the wire per direction (bodies only), and the number of queries."""

    context_bytes: int = 0
    sent_bytes: int = 0
    received_bytes: int = 0
    queries: int = 0


@dataclass
class RemoteHEClassifier:
    """The client side: embeds locally, keeps the secret key, talks to the server over HTTP.

    ``embed`` maps texts to vectors (all-MiniLM-L6-v2 in Veil's setup); it runs on the client.
    """

    base_url: str
    embed: Callable[[Sequence[str]], np.ndarray]
    timeout_s: float = 120.0
    traffic: Traffic = field(default_factory=Traffic)

    def __post_init__(self) -> None:
        import httpx

        self._http = httpx.Client(base_url=self.base_url, timeout=self.timeout_s)
        info = self._call("GET", "/v1/he/model").json()
        self.labels: list[str] = list(info["labels"])
        self.params = CKKSParams.from_dict(info["params"])
        self.client = HEClient(int(info["input_dim"]), self.params)
        public = self.client.public_context()
        self.context_id: str = self._call("POST", "/v1/he/contexts", content=public).json()[
            "context_id"]
        self.traffic.context_bytes += len(public)

    def _call(self, method: str, url: str, **kw: Any) -> Any:
        resp = self._http.request(method, url, **kw)
        if resp.status_code >= 400:
            try:
                err = resp.json()["error"]
                message, code = err["message"], err.get("code")
            except (ValueError, KeyError, TypeError):
                message, code = f"HTTP {resp.status_code}", None
            exc = {"he_context_error": HEContextError}.get(code or "", HECiphertextError)
            raise exc(f"the HE server refused the call: {message}")
        return resp

    def scores(self, texts: Sequence[str]) -> np.ndarray:
        vectors = np.asarray(self.embed(list(texts)), dtype=np.float64)
        return np.stack([self.scores_of_vector(v) for v in vectors]) if len(vectors) else \
            np.zeros((0, len(self.labels)))

    def scores_of_vector(self, vector: np.ndarray) -> np.ndarray:
        ct = self.client.encrypt(vector)
        resp = self._call("POST", "/v1/he/classify", content=ct,
                          headers={CONTEXT_HEADER: self.context_id,
                                   "content-type": "application/octet-stream"})
        self.traffic.sent_bytes += len(ct)
        self.traffic.received_bytes += len(resp.content)
        self.traffic.queries += 1
        return self.client.decrypt(resp.content, len(self.labels))

    def classify(self, texts: Sequence[str]) -> list[str]:
        return [self.labels[int(i)] for i in np.argmax(self.scores(texts), axis=1)]

    def close(self) -> None:
        self._http.close()


__all__ = ["CONTEXT_HEADER", "RemoteHEClassifier", "Traffic", "create_he_app"]
