"""The privacy work of one request: mask what goes up, restore what comes down.

Everything here is synchronous and CPU-bound (detection, vault access); the serving layer calls
it through a worker thread. A failure raises and the caller refuses the request (fail closed):
bodies are built only after every field was masked, so a partial body is never forwarded.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from .upstream import Body


class _Entity(Protocol):
    type: str


class _ProtectResult(Protocol):
    masked: str
    entities: Sequence[_Entity]


class StreamRestorer(Protocol):
    def feed(self, chunk: str) -> str: ...

    def flush(self) -> str: ...


class PrivacyCore(Protocol):
    """The part of :class:`veil.Veil` the gateway uses."""

    def protect(self, text: str, *, session: str = ..., tenant: str = ...) -> _ProtectResult: ...

    def restore(self, text: str, *, session: str = ..., tenant: str = ...) -> str: ...

    def stream_restorer(self, *, session: str, tenant: str) -> StreamRestorer: ...

    def scan_output(self, text: str, *, session: str, tenant: str) -> str: ...


@dataclass
class Conversation:
    """One request's view of the core: a (tenant, session) pair plus entity counts for metrics."""

    core: PrivacyCore
    tenant: str
    session: str
    entity_counts: Counter[str] = field(default_factory=Counter)

    # --- going up ----------------------------------------------------------------------------

    def protect(self, text: str) -> str:
        if not text or text.isspace():
            return text
        r = self.core.protect(text, session=self.session, tenant=self.tenant)
        self.entity_counts.update(e.type for e in r.entities)
        return r.masked

    def protect_arguments(self, arguments: str) -> str:
        """Tool-call arguments (a JSON string): masked as text, and leaf by leaf if that would
        break the JSON (a replacement containing a quote, say)."""
        masked = self.protect(arguments)
        try:
            json.loads(masked)
            return masked
        except ValueError:
            pass
        try:
            data = json.loads(arguments)
        except ValueError:
            return masked  # was not JSON to begin with; the masked text is all we can send
        return json.dumps(_map_strings(data, self.protect), ensure_ascii=False)

    def protect_chat(self, body: Body) -> Body:
        """Mask every message's text, text parts and tool-call arguments, in place."""
        for msg in body.get("messages", []):
            content = msg.get("content")
            if isinstance(content, str):
                msg["content"] = self.protect(content)
            elif isinstance(content, list):
                for part in content:
                    if isinstance(part, dict) and isinstance(part.get("text"), str):
                        part["text"] = self.protect(part["text"])
            for call in msg.get("tool_calls") or []:
                fn = call.get("function") if isinstance(call, dict) else None
                if isinstance(fn, dict) and isinstance(fn.get("arguments"), str):
                    fn["arguments"] = self.protect_arguments(fn["arguments"])
        return body

    def protect_completion(self, body: Body) -> Body:
        prompt = body.get("prompt")
        if isinstance(prompt, str):
            body["prompt"] = self.protect(prompt)
        elif isinstance(prompt, list):
            body["prompt"] = [self.protect(p) if isinstance(p, str) else p for p in prompt]
        return body

    # --- coming down -------------------------------------------------------------------------

    def restore(self, text: str) -> str:
        restored = self.core.restore(text, session=self.session, tenant=self.tenant)
        return self.core.scan_output(restored, session=self.session, tenant=self.tenant)

    def restore_arguments(self, arguments: str) -> str:
        """Restore inside the JSON structure, so an original with quotes stays valid JSON."""
        try:
            data = json.loads(arguments)
        except ValueError:
            return self.core.restore(arguments, session=self.session, tenant=self.tenant)
        restore = lambda s: self.core.restore(s, session=self.session, tenant=self.tenant)  # noqa: E731
        return json.dumps(_map_strings(data, restore), ensure_ascii=False)

    def restore_chat(self, data: Body) -> Body:
        for choice in data.get("choices") or []:
            msg = choice.get("message") if isinstance(choice, dict) else None
            if not isinstance(msg, dict):
                continue
            for key in ("content", "refusal", "reasoning_content"):
                if isinstance(msg.get(key), str):
                    msg[key] = self.restore(msg[key])
            for call in msg.get("tool_calls") or []:
                fn = call.get("function") if isinstance(call, dict) else None
                if isinstance(fn, dict) and isinstance(fn.get("arguments"), str):
                    fn["arguments"] = self.restore_arguments(fn["arguments"])
        return data

    def restore_completion(self, data: Body) -> Body:
        for choice in data.get("choices") or []:
            if isinstance(choice, dict) and isinstance(choice.get("text"), str):
                choice["text"] = self.restore(choice["text"])
        return data


def _map_strings(data: Any, fn: Callable[[str], str]) -> Any:
    """Apply ``fn`` to every string value (not keys) of a JSON document."""
    if isinstance(data, str):
        return fn(data)
    if isinstance(data, list):
        return [_map_strings(x, fn) for x in data]
    if isinstance(data, dict):
        return {k: _map_strings(v, fn) for k, v in data.items()}
    return data


# --- streaming -----------------------------------------------------------------------------------

#: Hold-back used when the tenant's term list is not known in advance (a terms file).
DEFAULT_SCAN_WINDOW = 64


def output_scan_window(core: PrivacyCore, tenant: str) -> int:
    """How many trailing characters a stream must hold back so that output scanning never misses
    a tenant term split across chunks: 0 when the tenant has no terms (no scanning at all)."""
    policy_of = getattr(core, "policy", None)
    if policy_of is None:
        return DEFAULT_SCAN_WINDOW
    pol = policy_of(tenant)
    if getattr(pol, "terms_file", None):
        return DEFAULT_SCAN_WINDOW
    terms = getattr(pol, "terms", None) or []
    return max((len(t.term) for t in terms), default=-1) + 1


class TextPipe:
    """Streaming restore, then output scanning of the restored text.

    The core's stream restorer holds back only a possible split replacement. Output scanning
    (tenant terms the LLM produced itself) must see a whole term, so when the tenant has terms
    the last ``window`` characters (the longest term) wait for the next chunk; without terms
    nothing more is held back.
    """

    def __init__(self, conv: Conversation, *, window: int = 0) -> None:
        self._conv = conv
        self._sr = conv.core.stream_restorer(session=conv.session, tenant=conv.tenant)
        self._window = window
        self._pending = ""

    def _scan(self, text: str) -> str:
        c = self._conv
        return c.core.scan_output(text, session=c.session, tenant=c.tenant)

    def _out(self, text: str, final: bool) -> str:
        if self._window <= 0:
            return text
        buf = self._pending + text
        if final:
            self._pending = ""
            return self._scan(buf) if buf else ""
        if len(buf) <= self._window:
            self._pending = buf
            return ""
        scanned = self._scan(buf)
        tail = buf[-self._window :]
        # Every term starting before the tail lies wholly inside buf, so scanning saw it; emit up
        # to the tail unless a replacement reaches into it (then wait for more text).
        if scanned.endswith(tail):
            self._pending = tail
            return scanned[: len(scanned) - len(tail)]
        self._pending = buf
        return ""

    def feed(self, chunk: str) -> str:
        return self._out(self._sr.feed(chunk), final=False) if chunk else ""

    def flush(self) -> str:
        return self._out(self._sr.flush(), final=True)


class ChatStreamRestorer:
    """Rewrites upstream chat.completion.chunk events: content and tool-call argument deltas
    go through one :class:`TextPipe` each (per choice, per tool call)."""

    def __init__(self, conv: Conversation) -> None:
        self._conv = conv
        self._window = output_scan_window(conv.core, conv.tenant)
        self._content: dict[int, TextPipe] = {}
        self._args: dict[tuple[int, int], TextPipe] = {}
        self._last: Body | None = None

    def _content_pipe(self, i: int) -> TextPipe:
        if i not in self._content:
            self._content[i] = TextPipe(self._conv, window=self._window)
        return self._content[i]

    def _args_pipe(self, i: int, j: int) -> TextPipe:
        if (i, j) not in self._args:
            self._args[(i, j)] = TextPipe(self._conv)
        return self._args[(i, j)]

    def _flush_choice(self, i: int, delta: Body) -> None:
        pipe = self._content.pop(i, None)
        if pipe is not None:
            tail = pipe.flush()
            if tail:
                delta["content"] = (delta.get("content") or "") + tail
        for ci, j in sorted(k for k in self._args if k[0] == i):
            tail = self._args.pop((ci, j)).flush()
            if not tail:
                continue
            calls = delta.setdefault("tool_calls", [])
            same = next((c for c in calls if c.get("index", 0) == j), None)
            if same is None:
                calls.append({"index": j, "function": {"arguments": tail}})
            else:
                fn = same.setdefault("function", {})
                fn["arguments"] = (fn.get("arguments") or "") + tail

    def process(self, chunk: Body) -> Body | None:
        """The chunk to send on, or None when everything in it is held back for now."""
        self._last = chunk
        keep = "usage" in chunk and chunk["usage"] is not None
        for choice in chunk.get("choices") or []:
            i = choice.get("index", 0)
            delta = choice.get("delta")
            if not isinstance(delta, dict):
                delta = choice["delta"] = {}
            if isinstance(delta.get("content"), str):
                delta["content"] = self._content_pipe(i).feed(delta["content"])
            for call in delta.get("tool_calls") or []:
                fn = call.get("function")
                if isinstance(fn, dict) and isinstance(fn.get("arguments"), str):
                    fn["arguments"] = self._args_pipe(i, call.get("index", 0)).feed(fn["arguments"])
            if choice.get("finish_reason"):
                self._flush_choice(i, delta)
            if delta.get("content") or set(delta) - {"content"} or choice.get("finish_reason"):
                keep = True
        return chunk if keep else None

    def finish(self) -> Body | None:
        """After the upstream's [DONE]: whatever is still held (no finish_reason was sent)."""
        indices = sorted({*self._content, *(i for i, _ in self._args)})
        if not indices:
            return None
        choices = []
        for i in indices:
            delta: Body = {}
            self._flush_choice(i, delta)
            if delta:
                choices.append({"index": i, "delta": delta, "finish_reason": None})
        if not choices:
            return None
        base = self._last or {}
        return {
            "id": base.get("id", "chatcmpl-veil"),
            "object": "chat.completion.chunk",
            "created": base.get("created", 0),
            "model": base.get("model", ""),
            "choices": choices,
        }


class CompletionStreamRestorer:
    def __init__(self, conv: Conversation) -> None:
        self._conv = conv
        self._window = output_scan_window(conv.core, conv.tenant)
        self._pipes: dict[int, TextPipe] = {}
        self._last: Body | None = None

    def process(self, chunk: Body) -> Body | None:
        self._last = chunk
        keep = chunk.get("usage") is not None
        for choice in chunk.get("choices") or []:
            i = choice.get("index", 0)
            if i not in self._pipes:
                self._pipes[i] = TextPipe(self._conv, window=self._window)
            text = choice.get("text")
            out = self._pipes[i].feed(text) if isinstance(text, str) else ""
            if choice.get("finish_reason"):
                out += self._pipes.pop(i).flush()
            choice["text"] = out
            if out or choice.get("finish_reason"):
                keep = True
        return chunk if keep else None

    def finish(self) -> Body | None:
        choices = []
        for i in sorted(self._pipes):
            tail = self._pipes.pop(i).flush()
            if tail:
                choices.append({"index": i, "text": tail, "finish_reason": None})
        if not choices:
            return None
        base = self._last or {}
        return {
            "id": base.get("id", "cmpl-veil"),
            "object": "text_completion",
            "created": base.get("created", 0),
            "model": base.get("model", ""),
            "choices": choices,
        }


__all__ = [
    "ChatStreamRestorer",
    "CompletionStreamRestorer",
    "Conversation",
    "PrivacyCore",
    "StreamRestorer",
    "TextPipe",
    "output_scan_window",
]
