"""Client side of obfuscated inference: token ids in, token ids out, text only on the client.

The client applies the chat template and tokenizes locally, maps ids through tau, and sends the
ids (not text: BPE does not round-trip) to an OpenAI-compatible ``/v1/completions`` endpoint as
``prompt`` (vLLM accepts a list of ids). It asks for the generated ids back (``return_token_ids``,
plus ``logprobs`` with ``return_tokens_as_token_ids`` as a fallback for engines that only
support that), maps them through tau^-1 and detokenizes. Stop strings are applied here, since the
host never sees text; the end-of-turn tokens are sent as ``stop_token_ids = tau(eos)``.

:class:`ObfuscatedChatUpstream` is the async class the gateway uses as an upstream.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from veil.errors import KeyMismatchError, UpstreamError
from veil.obfuscation.secret import ObfuscationKey, load_key
from veil.wire.cookies import CookielessAsyncClient
from veil.wire.sse import DONE_DATA, aiter_sse_data

_TOKEN_ID_PREFIX = "token_id:"  # nosec B105 # not a password (a label or test constant)


def _message_text(content: Any) -> str:
    """OpenAI message content: a string or a list of parts; only text parts are supported."""
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(p.get("text", "") for p in content
                       if isinstance(p, Mapping) and p.get("type", "text") == "text")
    return str(content)


def _as_dict(m: Any) -> dict[str, Any]:
    if isinstance(m, Mapping):
        return dict(m)
    if hasattr(m, "model_dump"):
        return dict(m.model_dump(exclude_none=True))
    raise TypeError("messages must be mappings with 'role' and 'content'")


class IncrementalDetokenizer:
    """Turns a growing list of plaintext ids into text deltas (holds back partial UTF-8)."""

    def __init__(self, tokenizer: Any) -> None:
        self._tok = tokenizer
        self._ids: list[int] = []
        self._emitted = 0

    def push(self, ids: Iterable[int]) -> str:
        self._ids.extend(ids)
        text = self._tok.decode(self._ids, skip_special_tokens=True)
        if text.endswith("\ufffd"):  # an incomplete multi-byte character: wait for more
            return ""
        delta, self._emitted = text[self._emitted:], len(text)
        return delta


class _StopStrings:
    """Client-side stop strings over a stream of deltas."""

    def __init__(self, stop: str | Sequence[str] | None) -> None:
        self.stops = [stop] if isinstance(stop, str) else [s for s in (stop or []) if s]
        self.hold = max((len(s) for s in self.stops), default=1) - 1
        self.buf = ""
        self.done = False

    def feed(self, delta: str) -> str:
        if not self.stops:
            return delta
        self.buf += delta
        cut = min((i for i in (self.buf.find(s) for s in self.stops) if i >= 0), default=-1)
        if cut >= 0:
            out, self.buf, self.done = self.buf[:cut], "", True
            return out
        if len(self.buf) > self.hold:
            cut = len(self.buf) - self.hold
            out, self.buf = self.buf[:cut], self.buf[cut:]
            return out
        return ""

    def flush(self) -> str:
        out, self.buf = ("" if self.done else self.buf), ""
        return out


class ObfuscationCodec:
    """Chat template, tau mapping and detokenization; everything here runs on the client."""

    def __init__(self, key: ObfuscationKey, tokenizer: Any, *,
                 extra_stop_ids: Iterable[int] = ()) -> None:
        if len(tokenizer) > key.vocab_size:
            raise KeyMismatchError(
                f"the tokenizer has {len(tokenizer)} tokens but the key covers {key.vocab_size}; "
                "use the tokenizer of the model the key was made for"
            )
        self.key, self.tokenizer = key, tokenizer
        stops = {i for i in (tokenizer.eos_token_id, *extra_stop_ids) if i is not None}
        self.plain_stop_ids = sorted(int(i) for i in stops)

    @classmethod
    def from_dirs(cls, key_dir: str | Path, tokenizer_dir: str | Path) -> ObfuscationCodec:
        from transformers import AutoTokenizer, GenerationConfig

        from veil.models.smollm2 import resolve_model_dir

        tdir = resolve_model_dir(tokenizer_dir)
        tok = AutoTokenizer.from_pretrained(tdir, local_files_only=True)  # nosec B615 # local files only
        extra: list[int] = []
        if (tdir / "generation_config.json").is_file():
            eos = GenerationConfig.from_pretrained(tdir, local_files_only=True).eos_token_id  # nosec B615
            extra = list(eos) if isinstance(eos, list) else [eos] if eos is not None else []
        return cls(load_key(key_dir), tok, extra_stop_ids=extra)

    def encode_chat(self, messages: Sequence[Any], *, add_generation_prompt: bool = True
                    ) -> list[int]:
        msgs = []
        for m in messages:
            d = _as_dict(m)
            msgs.append({"role": d.get("role", "user"), "content": _message_text(d.get("content"))})
        ids = self.tokenizer.apply_chat_template(
            msgs, add_generation_prompt=add_generation_prompt, tokenize=True, return_dict=False)
        return self.key.encode_ids(list(ids))

    def stop_token_ids(self) -> list[int]:
        """Obfuscated ids the host must stop at (tau of the end-of-turn tokens)."""
        return self.key.encode_ids(self.plain_stop_ids)

    def decode_ids(self, obf_ids: Sequence[int]) -> list[int]:
        """Obfuscated ids -> plaintext ids, cut at the first stop token."""
        plain = self.key.decode_ids(list(obf_ids))
        stops = set(self.plain_stop_ids)
        for i, t in enumerate(plain):
            if t in stops:
                return plain[:i]
        return plain

    def decode(self, obf_ids: Sequence[int]) -> str:
        return str(self.tokenizer.decode(self.decode_ids(obf_ids), skip_special_tokens=True))

    def detokenizer(self) -> IncrementalDetokenizer:
        return IncrementalDetokenizer(self.tokenizer)


def _choice_token_ids(choice: Mapping[str, Any]) -> list[int] | None:
    ids = choice.get("token_ids")
    if isinstance(ids, list):
        return [int(i) for i in ids]
    lp = choice.get("logprobs")
    toks = lp.get("tokens") if isinstance(lp, Mapping) else None
    if isinstance(toks, list) and all(isinstance(t, str) and t.startswith(_TOKEN_ID_PREFIX)
                                      for t in toks):
        return [int(t[len(_TOKEN_ID_PREFIX):]) for t in toks]
    return None


def served_model_name(fingerprint: str) -> str:
    """The model name to serve a checkpoint under on engines that report no fingerprint (vLLM):
    ``veil-`` plus the first 16 hex digits of the checkpoint fingerprint (not secret: a hash of
    what the host already holds)."""
    return f"veil-{fingerprint[:16]}"


class ObfuscatedChatUpstream:
    """Chat over an obfuscated model served by an OpenAI-compatible completions endpoint.

    ``base_url`` ends in ``/v1`` (e.g. ``http://127.0.0.1:8001/v1`` for ``veil host`` or vLLM).
    ``tokenizer_dir`` is the PLAINTEXT model's tokenizer ("smollm2" names the packaged one).
    Parameters accepted by :meth:`chat`: max_tokens / max_completion_tokens, temperature, top_p,
    seed, stop (strings, applied on the client). Others are ignored.
    """

    def __init__(self, base_url: str, key_dir: str | Path, tokenizer_dir: str | Path, *,
                 model: str | None = None, api_key: str | None = None, timeout: float = 300.0,
                 verify_fingerprint: bool = True, default_max_tokens: int = 256,
                 transport: Any = None) -> None:
        self.codec = ObfuscationCodec.from_dirs(key_dir, tokenizer_dir)
        self.base_url = base_url.rstrip("/")
        self.model = model
        self.verify_fingerprint = verify_fingerprint
        self.default_max_tokens = default_max_tokens
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        # no cookie jar: as the gateway's upstream this client serves every caller
        self._client = CookielessAsyncClient(timeout=timeout, headers=headers,
                                             transport=transport)
        self._checked = False

    async def __aenter__(self) -> ObfuscatedChatUpstream:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._client.aclose()

    async def _check_upstream(self) -> None:
        """Fill in the model id and, where the host reports one, verify the key's fingerprint."""
        if self._checked:
            return
        import httpx

        try:
            r = await self._client.get(f"{self.base_url}/models")
            r.raise_for_status()
            data = r.json().get("data") or []
        except (httpx.HTTPError, ValueError) as e:
            raise UpstreamError(f"obfuscated upstream unreachable ({type(e).__name__}); check "
                                "the host URL") from None
        cards = [c for c in data if isinstance(c, Mapping)]
        key = self.codec.key
        named = served_model_name(key.fingerprint) if key.fingerprint else None
        by_name = [c for c in cards if c.get("id") == named]
        card = (by_name or cards or [{}])[0]
        if self.model is None:
            self.model = str(card.get("id", "model"))
        fp, vocab = card.get("fingerprint"), card.get("vocab_size")
        if vocab is not None and int(vocab) != key.vocab_size:
            raise KeyMismatchError("the host serves a model with a different vocabulary size "
                                   "than the key; check the host's checkpoint")
        if self.verify_fingerprint and key.fingerprint:
            if fp and fp != key.fingerprint:
                raise KeyMismatchError("the host serves a different obfuscated checkpoint than "
                                       "the one this key was made for (fingerprint differs)")
            if not fp and not by_name:
                # Engines such as vLLM report no fingerprint: the served name carries it, so a
                # wrong key fails here instead of decoding garbage.
                raise KeyMismatchError(
                    "the host does not say which checkpoint it serves; serve it under the model "
                    f"name {named} (vLLM: --served-model-name {named}; `veil obfuscate` prints "
                    "it) or set verify_fingerprint to false")
        self._checked = True

    def _body(self, messages: Sequence[Any], params: Mapping[str, Any], stream: bool
              ) -> dict[str, Any]:
        max_tokens = params.get("max_tokens") or params.get("max_completion_tokens") \
            or self.default_max_tokens
        body: dict[str, Any] = {
            "model": self.model,
            "prompt": self.codec.encode_chat(messages),
            "max_tokens": int(max_tokens),
            "stop_token_ids": self.codec.stop_token_ids(),
            "return_token_ids": True,  # nosec B105 # not a password (a label or test constant)
            "logprobs": 1,
            "return_tokens_as_token_ids": True,  # nosec B105 # not a password (a label or test constant)
            "skip_special_tokens": False,
            "stream": stream,
        }
        for k in ("temperature", "top_p", "seed"):
            if params.get(k) is not None:
                body[k] = params[k]
        return body

    def _raise_status(self, status: int) -> None:
        raise UpstreamError(f"obfuscated upstream answered HTTP {status}; see the host's logs")

    async def chat(self, messages: Sequence[Any], **params: Any) -> str:
        """One chat turn; returns the assistant text (mapped back and detokenized)."""
        import httpx

        await self._check_upstream()
        body = self._body(messages, params, stream=False)
        try:
            r = await self._client.post(f"{self.base_url}/completions", json=body)
        except httpx.HTTPError as e:
            raise UpstreamError(f"obfuscated upstream failed ({type(e).__name__})") from None
        if r.status_code >= 400:
            self._raise_status(r.status_code)
        try:
            choice = r.json()["choices"][0]
        except (ValueError, KeyError, IndexError, TypeError):
            raise UpstreamError("obfuscated upstream sent a malformed completion") from None
        ids = _choice_token_ids(choice)
        if ids is None:
            raise UpstreamError("the upstream returned no token ids; serve with `veil host` or "
                                "a vLLM version that supports return_token_ids")
        stop = _StopStrings(params.get("stop"))
        return stop.feed(self.codec.decode(ids)) + stop.flush()

    async def stream_chat(self, messages: Sequence[Any], **params: Any) -> AsyncIterator[str]:
        """One chat turn as text deltas (SSE from the host, mapped back as ids arrive)."""
        import httpx

        await self._check_upstream()
        body = self._body(messages, params, stream=True)
        detok = self.codec.detokenizer()
        stop = _StopStrings(params.get("stop"))
        stops = set(self.codec.plain_stop_ids)
        finished = done = False
        try:
            async with self._client.stream("POST", f"{self.base_url}/completions",
                                           json=body) as r:
                if r.status_code >= 400:
                    self._raise_status(r.status_code)
                async for data in aiter_sse_data(r.aiter_lines()):
                    if data == DONE_DATA:
                        done = True
                        break
                    try:
                        event = json.loads(data)
                    except ValueError:
                        raise UpstreamError("obfuscated upstream sent a malformed event") from None
                    if "error" in event:
                        raise UpstreamError("obfuscated upstream failed mid-stream")
                    for choice in event.get("choices") or []:
                        ids = _choice_token_ids(choice) or []
                        plain = self.codec.key.decode_ids(ids)
                        ended = next((i for i, t in enumerate(plain) if t in stops), None)
                        if ended is not None:
                            plain = plain[:ended]
                        delta = stop.feed(detok.push(plain))
                        if delta:
                            yield delta
                        if ended is not None or stop.done:
                            finished = True
                    if finished:
                        break
        except httpx.HTTPError as e:
            raise UpstreamError(f"obfuscated upstream stream failed ({type(e).__name__})") from None
        if not (done or finished):
            # A host that drops the connection mid-answer must not look like a finished one.
            raise UpstreamError(
                "obfuscated upstream stream ended without [DONE]; the answer was cut off, retry"
            )
        tail = stop.flush()
        if tail:
            yield tail


__all__ = ["IncrementalDetokenizer", "ObfuscatedChatUpstream", "ObfuscationCodec",
           "served_model_name"]
