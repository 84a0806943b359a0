"""Batch files and batches: the JSONL input masked line by line, the output restored on fetch.

Veil runs a batch itself, line by line against the upstream (through the same endpoint rules and
upstream calls as a live request), instead of forwarding it to an upstream batch API: an
upstream batch API would need its own file store and polling per upstream kind, and Veil must
restore each output line with the scope of its own input line anyway. So nothing here depends on
the upstream offering ``/files`` or ``/batches``.

What is kept (in this process's memory; lost on restart, not shared between replicas): for each
input line its *masked* body, its vault session and its scope (the replacements its masking
produced); for each output line the upstream's *masked* answer. The uploaded text itself is never
stored. Fetching a file's content restores it: an input file gives back the caller's lines, an
output file the answers with the originals of their own line only.

Every file and batch belongs to the principal (tenant + API key) that created it: another key,
even of the same tenant, gets 404 for it (its existence is not confirmed either).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from veil.errors import RequestValidationError
from veil.wire.openai import ChatCompletionRequest

from .privacy import Conversation, _map_strings
from .sessions import USER_PSEUDONYM
from .state import GatewayState
from .tenants import Principal
from .upstream import Body, Upstream

#: Largest batch input accepted (lines); OpenAI's own limit is 50,000.
MAX_LINES = 50_000

_ENDPOINTS = ("/v1/chat/completions", "/v1/completions", "/v1/embeddings")


class NotFoundError(RequestValidationError):
    """A file or batch id this principal does not own (or that does not exist): 404."""


@dataclass
class _Line:
    custom_id: str
    url: str
    body: Body  # masked
    session: str
    scope: frozenset[str]
    #: What restoring the line's answer needs beside its scope, as the endpoint's own request
    #: keeps it (:class:`.privacy.Conversation`): originals JSON-escaped where the line asked
    #: for JSON, and the caller's names of the tools and arguments the line's masking renamed.
    json_output: bool = False
    names: dict[str, str] = field(default_factory=dict, repr=False)


@dataclass
class StoredFile:
    id: str
    owner: tuple[str, str]
    filename: str
    purpose: str
    created_at: int
    size: int
    lines: list[_Line] = field(default_factory=list)
    #: Output files: (input line, the upstream's masked response or error) per line.
    outputs: list[tuple[_Line, int, Body]] = field(default_factory=list)

    def json(self) -> Body:
        return {
            "id": self.id,
            "object": "file",
            "bytes": self.size,
            "created_at": self.created_at,
            "filename": self.filename,
            "purpose": self.purpose,
            "status": "processed",
            "expires_at": None,
            "status_details": None,
        }


@dataclass
class Batch:
    id: str
    owner: tuple[str, str]
    endpoint: str
    input_file_id: str
    completion_window: str
    metadata: Any
    created_at: int
    status: str = "validating"
    output_file_id: str | None = None
    total: int = 0
    completed: int = 0
    failed: int = 0
    times: dict[str, int] = field(default_factory=dict)
    task: asyncio.Task[None] | None = field(default=None, repr=False)

    def json(self) -> Body:
        t = self.times
        return {
            "id": self.id,
            "object": "batch",
            "endpoint": self.endpoint,
            "errors": None,
            "input_file_id": self.input_file_id,
            "completion_window": self.completion_window,
            "status": self.status,
            "output_file_id": self.output_file_id,
            "error_file_id": None,
            "created_at": self.created_at,
            "in_progress_at": t.get("in_progress"),
            "expires_at": self.created_at + 86400,
            "finalizing_at": t.get("finalizing"),
            "completed_at": t.get("completed"),
            "failed_at": None,
            "expired_at": None,
            "cancelling_at": t.get("cancelling"),
            "cancelled_at": t.get("cancelled"),
            "request_counts": {
                "total": self.total, "completed": self.completed, "failed": self.failed
            },
            "metadata": self.metadata,
        }


def _owner(p: Principal) -> tuple[str, str]:
    return (p.tenant.name, p.id)


def _new_id(prefix: str) -> str:
    return f"{prefix}-veil{os.urandom(12).hex()}"


def _conversation(state: GatewayState, p: Principal, session: str) -> Conversation:
    return Conversation(
        state.core, p.tenant.name, session, principal=p.id,
        pseudonym_key=state.sessions.derived_key(USER_PSEUDONYM), models=state.models,
    )


class BatchStore:
    """Files and batches of one gateway process."""

    def __init__(self) -> None:
        self.files: dict[str, StoredFile] = {}
        self.batches: dict[str, Batch] = {}

    # --- files ---------------------------------------------------------------------------

    def _protect_line(
        self, state: GatewayState, p: Principal, n: int, raw: str
    ) -> _Line:
        try:
            item = json.loads(raw)
        except ValueError:
            raise RequestValidationError(f"line {n}: not a JSON object") from None
        if not isinstance(item, dict) or not isinstance(item.get("body"), dict):
            raise RequestValidationError(
                f"line {n}: each line needs custom_id, method, url and a JSON object body"
            )
        url, custom_id = item.get("url"), item.get("custom_id")
        if url not in _ENDPOINTS:
            raise RequestValidationError(
                f"line {n}: url must be one of {', '.join(_ENDPOINTS)} (Veil has masking rules "
                "for those only)"
            )
        if not isinstance(custom_id, str) or not custom_id:
            raise RequestValidationError(f"line {n}: custom_id must be a non-empty string")
        if item.get("method", "POST") != "POST":
            raise RequestValidationError(f"line {n}: method must be POST")
        unknown = set(item) - {"custom_id", "method", "url", "body"}
        if unknown:
            # A key is text the caller chose (an address, a name): counted, never repeated.
            raise RequestValidationError(
                f"line {n}: {len(unknown)} key(s) Veil does not know (not repeated here); a "
                "batch line has custom_id, method, url and body"
            )
        body: Body = item["body"]
        body.pop("stream", None)  # batch answers are whole
        if url == "/v1/chat/completions":
            try:
                req = ChatCompletionRequest.model_validate(body)
            except ValidationError:  # its text would quote the line
                raise RequestValidationError(
                    f"line {n}: body is not a chat completions request (model, and messages "
                    "with role and content)"
                ) from None
            session = state.sessions.for_chat(p, req, None)
        else:
            session = state.sessions.for_completion(p, None)
        conv = _conversation(state, p, session)
        if url == "/v1/embeddings":
            from .serving_embeddings import EMBEDDING_PSEUDONYM, protect_embeddings

            key = state.sessions.derived_key(EMBEDDING_PSEUDONYM)
            masked = protect_embeddings(conv, body, pseudonym_key=key)
        else:
            endpoint = "chat.completions" if url == "/v1/chat/completions" else "completions"
            masked = conv.protect_request(endpoint, body)
        # The custom_id is the caller's free text and goes nowhere but back to the caller.
        return _Line(custom_id, url, masked, session, conv.frozen_scope,
                     json_output=conv.json_output, names=dict(conv.names))

    def upload(
        self, state: GatewayState, p: Principal, filename: str, purpose: str, data: bytes
    ) -> StoredFile:
        """Mask every line (CPU-bound: call from a worker thread); nothing raw is kept."""
        if purpose != "batch":
            raise RequestValidationError(
                "only purpose=batch files are accepted here: Veil masks batch input line by line "
                "and has no rules for other file purposes"
            )
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise RequestValidationError("the batch file must be UTF-8 JSONL") from None
        rows = [r for r in text.splitlines() if r.strip()]
        if not rows:
            raise RequestValidationError("the batch file has no lines")
        if len(rows) > MAX_LINES:
            raise RequestValidationError(f"the batch file has more than {MAX_LINES} lines")
        lines = [self._protect_line(state, p, n, r) for n, r in enumerate(rows, 1)]
        ids = [ln.custom_id for ln in lines]
        if len(set(ids)) != len(ids):
            raise RequestValidationError("custom_id values must be unique within the file")
        f = StoredFile(
            _new_id("file"), _owner(p), filename[:255] or "batch.jsonl", purpose,
            int(time.time()), len(data), lines,
        )
        self.files[f.id] = f
        return f

    def file(self, p: Principal, file_id: str) -> StoredFile:
        f = self.files.get(file_id)
        if f is None or f.owner != _owner(p):
            raise NotFoundError("no such file for this API key")
        return f

    def delete(self, p: Principal, file_id: str) -> Body:
        f = self.file(p, file_id)
        del self.files[f.id]
        return {"id": f.id, "object": "file", "deleted": True}

    def content(self, state: GatewayState, p: Principal, file_id: str) -> bytes:
        """The file restored (CPU-bound: call from a worker thread)."""
        f = self.file(p, file_id)
        out: list[str] = []
        if f.purpose == "batch":
            for ln in f.lines:
                conv = _conversation(state, p, ln.session)
                conv.scope = set(ln.scope)
                body = _map_strings(ln.body, conv.restore)
                out.append(json.dumps({"custom_id": ln.custom_id, "method": "POST",
                                       "url": ln.url, "body": body}, ensure_ascii=False))
        else:
            for ln, status, resp in f.outputs:
                conv = _conversation(state, p, ln.session)
                conv.scope = set(ln.scope)
                conv.json_output, conv.names = ln.json_output, dict(ln.names)
                ok = status < 400
                body = _restore_response(conv, ln.url, json.loads(json.dumps(resp))) if ok else None
                scan = None if ok else conv.term_scan()
                if scan is not None:  # the upstream's error, as a live request's is scanned
                    resp = _map_strings(resp, scan)
                out.append(json.dumps({
                    "id": _new_id("batch_req"),
                    "custom_id": ln.custom_id,
                    "response": {"status_code": status, "request_id": "", "body": body}
                    if ok else None,
                    "error": None if ok else resp,
                }, ensure_ascii=False))
        return ("\n".join(out) + "\n").encode("utf-8")

    # --- batches -------------------------------------------------------------------------

    def create(self, state: GatewayState, p: Principal, body: Body) -> Batch:
        allowed = {"input_file_id", "endpoint", "completion_window", "metadata"}
        if unknown := set(body) - allowed:
            raise RequestValidationError(
                f"{len(unknown)} field(s) Veil does not know (not repeated here); send "
                "input_file_id, endpoint, completion_window and optionally metadata"
            )
        f = self.file(p, str(body.get("input_file_id")))
        if f.purpose != "batch":
            raise RequestValidationError("input_file_id must be a file uploaded with purpose=batch")
        endpoint = body.get("endpoint")
        if endpoint not in _ENDPOINTS or any(ln.url != endpoint for ln in f.lines):
            raise RequestValidationError(
                "endpoint must be one of /v1/chat/completions, /v1/completions, /v1/embeddings "
                "and match the url of every line"
            )
        b = Batch(
            _new_id("batch"), _owner(p), str(endpoint), f.id,
            str(body.get("completion_window") or "24h"), body.get("metadata"), int(time.time()),
            total=len(f.lines),
        )
        self.batches[b.id] = b
        b.task = asyncio.get_running_loop().create_task(self._run(state, p, b, f))
        return b

    async def _run(self, state: GatewayState, p: Principal, b: Batch, f: StoredFile) -> None:
        b.status, b.times["in_progress"] = "in_progress", int(time.time())
        out = StoredFile(
            _new_id("file"), b.owner, f"{b.id}_output.jsonl", "batch_output", int(time.time()), 0
        )
        forward = _forwarder(b.endpoint)
        try:
            for ln in f.lines:
                try:
                    resp = await forward(state.upstream, ln.body)
                    out.outputs.append((ln, 200, resp))
                    b.completed += 1
                except asyncio.CancelledError:
                    raise
                except Exception as e:  # noqa: BLE001 - one line's failure is that line's
                    from .errors import error_body, status_and_type

                    status, _ = status_and_type(e)
                    out.outputs.append((ln, status, error_body(e)))
                    b.failed += 1
        except asyncio.CancelledError:
            b.status, b.times["cancelled"] = "cancelled", int(time.time())
        else:
            b.times["finalizing"] = int(time.time())
            b.status, b.times["completed"] = "completed", int(time.time())
        out.size = sum(len(json.dumps(r)) for _, _, r in out.outputs)
        self.files[out.id] = out
        b.output_file_id = out.id

    def batch(self, p: Principal, batch_id: str) -> Batch:
        b = self.batches.get(batch_id)
        if b is None or b.owner != _owner(p):
            raise NotFoundError("no such batch for this API key")
        return b

    def list(self, p: Principal, limit: int = 20) -> Body:
        own = [b for b in self.batches.values() if b.owner == _owner(p)]
        own.sort(key=lambda b: b.created_at, reverse=True)
        data = [b.json() for b in own[:limit]]
        return {
            "object": "list", "data": data,
            "first_id": data[0]["id"] if data else None,
            "last_id": data[-1]["id"] if data else None,
            "has_more": len(own) > limit,
        }

    async def cancel(self, p: Principal, batch_id: str) -> Batch:
        b = self.batch(p, batch_id)
        if b.status in ("validating", "in_progress") and b.task is not None:
            b.status, b.times["cancelling"] = "cancelling", int(time.time())
            b.task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await b.task
        return b


def _forwarder(url: str) -> Callable[[Upstream, Body], Awaitable[Body]]:
    if url == "/v1/chat/completions":
        return lambda u, body: u.chat(body)
    if url == "/v1/completions":
        return lambda u, body: u.completions(body)
    from .serving_embeddings import forward_embeddings

    return forward_embeddings


def _restore_response(conv: Conversation, url: str, body: Body) -> Body:
    if url == "/v1/chat/completions":
        return conv.restore_chat(body)
    if url == "/v1/completions":
        return conv.restore_completion(body)
    return body  # embeddings: vectors only


__all__ = ["MAX_LINES", "Batch", "BatchStore", "NotFoundError", "StoredFile"]
