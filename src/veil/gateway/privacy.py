"""The privacy work of one request: mask what goes up, restore what comes down.

Everything here is synchronous and CPU-bound (detection, vault access); the serving layer calls
it through a worker thread. A failure raises and the caller refuses the request (fail closed):
bodies are built only after every field was masked, so a partial body is never forwarded.
"""

from __future__ import annotations

import copy
import json
import os
import re
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from veil.core import BatchPrivacyCore, PrivacyCore, Protected, check_text
from veil.core import ChunkRestorer as StreamRestorer
from veil.mask.operators import redaction
from veil.mask.placeholders import is_fragment

from .answer_scan import FragmentScanner, scan_fields, scan_strings, straddles
from .errors import UpstreamProtocolError
from .fields import CleanTokens, WalkContext, end_user, user_pseudonym, walk
from .models import Finding, Masked, ModelRule
from .upstream import Body
from .upstream_events import event_index

#: Used when the gateway passes no pseudonym key (library use, tests).
_PROCESS_PSEUDONYM_KEY = os.urandom(32)
#: The process's protocol tokens read lately and found clean, per tenant (see
#: :func:`veil.gateway.fields._scan_protocol`).
CLEAN_TOKENS = CleanTokens()
#: The same for request model ids (:func:`veil.gateway.models.check_model`).
CLEAN_MODELS = CleanTokens(size=1024)


@dataclass
class Conversation:
    """One request's view of the core: a (tenant, session) pair plus entity counts for metrics."""

    core: PrivacyCore
    tenant: str
    session: str
    #: Stable id of the API key that sent the request ("anonymous" without auth); the session
    #: was derived from it (gateway/sessions.py).
    principal: str = "anonymous"
    #: Keyed pseudonym of the request's end user (``user`` field), set by ``protect_request``.
    user: str | None = None
    #: HMAC key of user pseudonyms; the gateway passes one derived from its session secret so
    #: pseudonyms survive restarts and agree across replicas (default: random per process).
    pseudonym_key: bytes = field(default=_PROCESS_PSEUDONYM_KEY, repr=False)
    entity_counts: Counter[str] = field(default_factory=Counter)
    #: Every replacement produced while protecting this request: restoration is scoped to it,
    #: so an answer gets back only what its own request sent.
    scope: set[str] = field(default_factory=set)
    #: Identifiers masked inside this request (a tool or property name holding a term or a
    #: name), masked -> the caller's: the answer's tool calls name the caller's tools again.
    names: dict[str, str] = field(default_factory=dict, repr=False)
    #: The model ids the upstream serves (gateway config ``upstream.models``); None: any id
    #: shaped like one in which the detector finds nothing (:mod:`.models`).
    models: frozenset[str] | None = None
    #: Choices the request asked for (``n``): a streamed choice beyond them is refused, since
    #: a client reading ``choices[0]`` of every chunk would show it as the first one's text.
    choices: int = 1
    #: The request asked for JSON (``response_format`` / Responses ``text.format``
    #: ``json_object`` or ``json_schema``): originals go into the answer's text JSON-escaped,
    #: so one with a quote or a line break neither breaks the JSON nor adds keys to it.
    json_output: bool = False
    #: Makes a restorer on the matcher of this request's answer, fetched by the first one:
    #: every later text of the answer (choices, tool calls, logprob tokens) restores without a
    #: vault read, so restoring a chunk after that does no I/O (see :attr:`stream_ready`).
    _stream_fresh: tuple[frozenset[str], Callable[[], StreamRestorer]] | None = field(
        default=None, init=False, repr=False
    )
    #: The tenant's answers are not scanned for terms (set by :meth:`prefetch_restorer`).
    _unscanned: bool = field(default=False, init=False, repr=False)

    # --- going up ----------------------------------------------------------------------------

    def protect(self, text: str) -> str:
        if not text or text.isspace():
            return text
        r = self.core.protect(
            text, session=self.session, tenant=self.tenant, user=self.budget_user
        )
        return self._taken(r)

    def _taken(self, r: Protected) -> str:
        self.entity_counts.update(e.type for e in r.entities)
        self.scope.update(e.replacement for e in r.entities)
        return r.masked

    @property
    def budget_user(self) -> str:
        """Whom the DP budget is charged to: the principal and the end user's pseudonym."""
        return f"{self.principal}/{self.user or '-'}"

    def pseudonym(self, value: str) -> str:
        return user_pseudonym(self.pseudonym_key, self.tenant, value)

    def protect_request(self, endpoint: str, body: Body) -> Body:
        """The body to send upstream for ``endpoint`` (see :mod:`.fields`): every string masked
        unless it is an allow-listed protocol token, the end user pseudonymized, unscannable
        content refused unless the tenant's policy allows it. The caller's body is not changed."""
        raw_user = end_user(endpoint, body)
        self.user = self.pseudonym(raw_user) if raw_user is not None else None
        n = body.get("n")
        prompts = body.get("prompt")  # completions: n choices per prompt of a list
        many = len(prompts) if isinstance(prompts, list) and prompts and not isinstance(
            prompts[0], int) else 1
        self.choices = (n if type(n) is int and n > 1 else 1) * many
        fmt = body.get("response_format")
        text = body.get("text")
        if not isinstance(fmt, dict) and isinstance(text, dict):
            fmt = text.get("format")
        self.json_output = isinstance(fmt, dict) and fmt.get("type") in ("json_object",
                                                                         "json_schema")
        allow = self._allow_unscannable()
        protect, protect_name = self._request_scope(endpoint, body, allow)
        ctx = WalkContext(protect=protect, pseudonym=self.pseudonym, allow_unscannable=allow,
                          names=self.names, protect_name=protect_name,
                          is_clean=self.token_is_clean, note_clean=self.note_clean_token,
                          model_rule=self.model_rule(self.find))
        return walk(endpoint, body, ctx)

    def find(self, text: str) -> Sequence[Finding]:
        """The values the detector finds in ``text`` (a model id's readings: see
        :func:`.models.check_model`), storing nothing in the session where the core allows;
        a core that only masks reports the types it masked."""
        if not text or text.isspace():
            return ()
        from veil.core import Veil

        if isinstance(self.core, Veil):
            return self.core.detect(text, session=self.session, tenant=self.tenant)
        r = self.core.protect(text, session=self.session, tenant=self.tenant,
                              user=self.budget_user)
        return [Masked(e.type) for e in r.entities]

    def model_rule(self, find: Callable[[str], Sequence[Finding]] | None) -> ModelRule:
        """How this request's ``model`` is checked; ``find`` None: a walk that only collects
        (nothing is found, nothing noted)."""
        return ModelRule(
            models=self.models, find=find if find is not None else (lambda _text: ()),
            is_clean=lambda m: CLEAN_MODELS.is_clean(self.tenant, m),
            note_clean=None if find is None else (lambda m: CLEAN_MODELS.note(self.tenant, m)),
        )

    def token_is_clean(self, token: str) -> bool:
        return CLEAN_TOKENS.is_clean(self.tenant, token)

    def note_clean_token(self, token: str) -> None:
        CLEAN_TOKENS.note(self.tenant, token)

    def _request_scope(
        self, endpoint: str, body: Body, allow: frozenset[str]
    ) -> tuple[Callable[[str], str], Callable[[str], str] | None]:
        """How the walk masks a string. With a core that protects a request at once, a first
        walk collects every string and the core masks them all with one vault read and one
        all-or-nothing write (not a read and a write per message and field); the real walk
        then takes the results. Refusals (unscannable content) come from the first walk,
        before anything is stored."""
        core = self.core
        if not callable(getattr(type(core), "protect_many", None)):
            # A core without it, or a wrapper that must see every protect (it delegates the
            # rest by attribute): one protect per string.
            return self.protect, None
        texts: dict[str, None] = {}
        names: dict[str, None] = {}

        def collect(text: str) -> str:
            if text and not text.isspace():
                texts.setdefault(text)
            return text

        def collect_name(text: str) -> str:
            if text and not text.isspace():
                (names if "\n" not in text else texts).setdefault(text)
            return text

        walk(endpoint, body, WalkContext(protect=collect, pseudonym=self.pseudonym,
                                         allow_unscannable=allow, protect_name=collect_name,
                                         is_clean=self.token_is_clean,
                                         model_rule=self.model_rule(None)))
        batch = cast("BatchPrivacyCore", core)
        joined = ["\n".join(names)] if names else []
        results = batch.protect_many(
            [*texts, *joined], session=self.session, tenant=self.tenant, user=self.budget_user
        )
        done = dict(zip(texts, results, strict=False))
        named = self._names_taken(list(names), results[len(texts):])

        def take(text: str) -> str:
            r = done.get(text)
            # A string the first walk did not meet cannot occur (the walk depends only on the
            # body); if it ever did, it is protected on its own rather than sent as it is.
            return self.protect(text) if r is None else self._taken(r)

        def take_name(text: str) -> str:
            masked = named.get(text)
            return take(text) if masked is None else masked

        return take, take_name

    def _names_taken(self, names: list[str], joined: Sequence[Protected]) -> dict[str, str]:
        """Each name's masked reading, from the request's names masked as one text, a name a
        line. Where a value crossed a line (the lines no longer match the names), each name is
        masked on its own."""
        if not names:
            return {}
        lines = self._taken(joined[0]).split("\n")
        if len(lines) == len(names):
            return dict(zip(names, lines, strict=True))
        alone = cast("BatchPrivacyCore", self.core).protect_many(
            names, session=self.session, tenant=self.tenant, user=self.budget_user
        )
        return {n: self._taken(r) for n, r in zip(names, alone, strict=True)}

    def protect_chat(self, body: Body) -> Body:
        return self.protect_request("chat.completions", body)

    def protect_completion(self, body: Body) -> Body:
        return self.protect_request("completions", body)

    def _allow_unscannable(self) -> frozenset[str]:
        return frozenset(self.core.policy(self.tenant).allow_unscannable)

    # --- coming down -------------------------------------------------------------------------

    @property
    def frozen_scope(self) -> frozenset[str]:
        return frozenset(self.scope)

    def stream_restorer(self) -> StreamRestorer:
        """A restorer for one streamed text of this request's answer (reads the vault once)."""
        scope = self.frozen_scope
        held = self._stream_fresh
        if held is not None and held[0] == scope:  # a conversation reused with a new scope
            return held[1]()                        # (batch lines) fetches its matcher again
        sr = self.core.stream_restorer(session=self.session, tenant=self.tenant, scope=scope)
        fresh = getattr(sr, "fresh", None)  # a core's restorer without it reads each time
        self._stream_fresh = (scope, fresh) if callable(fresh) else None
        return sr

    @property
    def stream_ready(self) -> bool:
        """True once restoring more of this answer needs no vault read (the matcher is held)."""
        held = self._stream_fresh
        return held is not None and held[0] == self.frozen_scope

    def prefetch_restorer(self) -> None:
        """Read the vault for this request's answer now, on the masking thread: its matcher is
        then held, and the answer restores on the event loop without a read (see
        :attr:`restores_inline`). Restoring uses the session's entries as they were when the
        request was masked, as a streamed answer does from its first chunk on."""
        self.stream_restorer()
        # read here too: the first call loads the tenant's terms (its term store)
        self._unscanned = self.core.output_scan_window(self.tenant) == 0

    @property
    def restores_inline(self) -> bool:
        """True when restoring this request's answer does no I/O: its matcher is held and no
        tenant term is scanned for (output scanning may load the tenant's term store)."""
        return self._unscanned and self.stream_ready

    def _restored(self, text: str, *, truncated: bool, value: bool = False) -> str:
        """Originals back into ``text``, on the held matcher when there is one."""
        held = self._stream_fresh
        if held is not None and self.stream_ready:
            whole = getattr(held[1](), "restore_whole", None)
            if whole is not None:
                return str(whole(check_text(text), truncated=truncated, value=value))
        return self.core.restore(
            text, session=self.session, tenant=self.tenant, scope=self.frozen_scope,
            truncated=truncated, value=value,
        )

    def restore(self, text: str, *, truncated: bool = False) -> str:
        """Originals back (only this request's), then output scanning. ``truncated``: the
        answer was cut off by a token limit (a trailing partial placeholder is withheld)."""
        restored = self._restored(text, truncated=truncated)
        return self.core.scan_output(restored, session=self.session, tenant=self.tenant)

    def _json_restorer(self) -> StreamRestorer | None:
        """A restorer that writes originals JSON-escaped (None: the core has none)."""
        for_json = getattr(self.stream_restorer(), "for_json", None)
        return cast(StreamRestorer, for_json()) if callable(for_json) else None

    def restore_text(self, text: str, *, truncated: bool = False) -> str:
        """:meth:`restore` for an answer's text: JSON-escaped where the request asked for
        JSON (:attr:`json_output`)."""
        sr = self._json_restorer() if self.json_output else None
        if sr is None:
            return self.restore(text, truncated=truncated)
        out = sr.feed(text) + sr.flush(truncated=truncated)
        return self.core.scan_output(out, session=self.session, tenant=self.tenant)

    def restore_parts(self, texts: Sequence[str], *, truncated: bool = False,
                      answer: bool = False) -> list[str]:
        """Texts the client shows joined, in order (Anthropic text blocks, the Responses
        ``output_text`` parts the OpenAI SDK joins into ``output_text``), restored each as its
        own string but with one URL guard reading them all: restored one by one, a URL ending
        one part and a value opening the next got the original inside the URL. ``answer``:
        they are the answer's text (JSON-escaped where the request asked for JSON)."""
        json_out = answer and self.json_output
        if len(texts) <= 1:
            restore = self.restore_text if json_out else self.restore
            return [restore(t, truncated=truncated) for t in texts]
        sr = (self._json_restorer() if json_out else None) or self.stream_restorer()
        scan = self.term_scan()
        window = self.core.output_scan_window(self.tenant) if scan is not None else 0
        out: list[str] = []
        before = ""  # the end of the parts so far (a client joins them)
        for k, text in enumerate(texts):
            last = k == len(texts) - 1
            piece = sr.feed(text) + sr.flush(truncated=truncated and last, part=not last)
            if scan is not None:
                head = piece[: len(piece) - _tail_start(piece[::-1], window)]
                if before and head and straddles(scan, before, head):
                    raise UpstreamProtocolError(  # neither part alone held it
                        "the upstream LLM wrote a term the tenant redacts across two parts of "
                        "its answer; the answer was withheld")
                before += piece
                before = before[_tail_start(before, window):]
            out.append(self.core.scan_output(piece, session=self.session, tenant=self.tenant))
        return out

    def restore_value(self, text: str, *, truncated: bool = False, scan: bool = False) -> str:
        """Restore one string of a JSON value (a tool call's argument). A tool may take the
        whole string as a URL, spaces and quotes included, so a URL in it runs to its end.
        ``scan``: output scanning too, as :meth:`restore` does."""
        out = self._restored(text, truncated=truncated, value=True)
        if scan:
            out = self.core.scan_output(out, session=self.session, tenant=self.tenant)
        return out

    def restore_name(self, name: str) -> str:
        """A tool's or argument's name in the answer: the caller's name where this request
        masked it (see :attr:`names`), else as it came, the tenant's redacted terms redacted
        (the upstream names a call as freely as it writes text)."""
        mapped = self.names.get(name)
        if mapped is not None:
            return mapped
        scan = self.term_scan()
        return name if scan is None else scan(name)

    def restore_string(self, text: str) -> str:
        """A string of an answer's event or structured field that may be a masked name or
        text, restored as one value (:meth:`restore_value`): a client may take the whole
        string as a link (an annotation's or a citation's ``url``), so a URL in it runs to
        its end -- ``https://evil.example/?q= [EMAIL_1]`` got the value after the space."""
        name = self.names.get(text)
        return name if name is not None else self.restore_value(text, scan=True)

    def restore_arguments(self, arguments: str, *, truncated: bool = False) -> str:
        """Restore inside the JSON structure, so an original with quotes stays valid JSON;
        argument names masked in the request's schema get the caller's names back. Strings
        and the keys the LLM chose are scanned for the tenant's redacted terms, as an
        answer's text is: a term written into a tool call reached the client as written."""
        try:
            data = json.loads(arguments)
        except ValueError:
            return self.restore(arguments, truncated=truncated)
        return json.dumps(self.restore_json(data, truncated=truncated), ensure_ascii=False)

    def restore_json(self, data: Any, *, truncated: bool = False) -> Any:
        """A tool call's parsed arguments (a Messages ``tool_use`` input) restored: each
        string as one value, scanned; each key the caller's name or scanned."""
        # no term to redact (window 0): scanning would change nothing, and costs a quarter
        # of a restore per string
        scan = self.core.output_scan_window(self.tenant) > 0
        data = _map_strings(data, lambda s: self.restore_value(s, truncated=truncated,
                                                               scan=scan))
        if self.names or scan:
            data = _map_keys(data, self._restore_key if scan else self.restore_name)
        return data

    def _restore_key(self, key: str) -> str:
        """An argument name: the caller's where the request masked it, else scanned."""
        name = self.names.get(key)
        if name is not None:
            return name
        return self.core.scan_output(key, session=self.session, tenant=self.tenant)

    def term_scan(self) -> Callable[[str], str] | None:
        """Output scanning of one string (the tenant's redacted terms), or None where the
        tenant redacts no term."""
        if self.core.output_scan_window(self.tenant) <= 0:
            return None
        core, session, tenant = self.core, self.session, self.tenant
        return lambda s: core.scan_output(s, session=session, tenant=tenant)

    def restore_content_parts(self, parts: list[Any], *, truncated: bool = False) -> None:
        """A chat answer's content written as a list of parts (some providers send it so):
        the text parts restored as the one text a client joins them into."""
        texts = [p for p in parts if _text_part(p)]
        for part, text in zip(texts, self.restore_parts(
                [p["text"] for p in texts], truncated=truncated, answer=True), strict=True):
            part["text"] = text

    def restore_chat(self, data: Body) -> Body:
        scan = self.term_scan()
        for choice in data.get("choices") or []:
            msg = choice.get("message") if isinstance(choice, dict) else None
            if not isinstance(msg, dict):
                continue
            cut = choice.get("finish_reason") == "length"
            raw = msg.get("content")
            if isinstance(raw, list):
                raw = copy.deepcopy(raw)
                self.restore_content_parts(msg["content"], truncated=cut)
            for key in _CHAT_TEXTS:
                if isinstance(msg.get(key), str):
                    msg[key] = (self.restore_text if key == "content" else self.restore)(
                        msg[key], truncated=cut)
            for call in msg.get("tool_calls") or []:
                fn = call.get("function") if isinstance(call, dict) else None
                if scan is not None and isinstance(call, dict):
                    _scan_call(call, scan)
                if isinstance(fn, dict) and isinstance(fn.get("name"), str):
                    fn["name"] = self.restore_name(fn["name"])
                if isinstance(fn, dict) and isinstance(fn.get("arguments"), str):
                    fn["arguments"] = self.restore_arguments(fn["arguments"], truncated=cut)
            self.restore_choice_logprobs(choice, raw, msg.get("content"), truncated=cut)
            if scan is not None:  # every other string the upstream wrote (see .answer_scan)
                scan_fields(msg, scan, skip=_CHAT_RESTORED)
                if isinstance(msg.get("content"), list):
                    msg["content"] = [p if _text_part(p) else scan_strings(p, scan)
                                      for p in msg["content"]]
                scan_fields(choice, scan, skip=("message", "logprobs"))
        if scan is not None:
            scan_fields(data, scan, skip=("choices", "usage"))
        return data

    def restore_completion(self, data: Body) -> Body:
        scan = self.term_scan()
        for choice in data.get("choices") or []:
            if isinstance(choice, dict) and isinstance(choice.get("text"), str):
                cut = choice.get("finish_reason") == "length"
                raw = choice["text"]
                choice["text"] = self.restore(raw, truncated=cut)
                self.restore_choice_logprobs(choice, raw, choice["text"], truncated=cut)
            if scan is not None and isinstance(choice, dict):
                scan_fields(choice, scan, skip=("text", "logprobs"))
        if scan is not None:
            scan_fields(data, scan, skip=("choices", "usage"))
        return data

    # --- logprobs: their tokens are fragments of placeholders ("[", "PERSON", "_1]") -----------

    def _policy_value(self, name: str, default: str) -> str:
        policy_of = getattr(self.core, "policy", None)
        if policy_of is None:
            return default
        return str(getattr(policy_of(self.tenant), name, default))

    def restore_choice_logprobs(
        self, choice: Body, raw: object, restored: object, *, truncated: bool = False
    ) -> None:
        """The choice's logprobs when its text was restored: dropped (policy ``drop``, the
        default), or with the tokens of every restored span merged into one (``restore``).
        Logprobs of an answer that restoration left unchanged pass as they are."""
        lp = choice.get("logprobs")
        if isinstance(lp, dict):
            choice["logprobs"] = self.logprobs_for(lp, raw, restored, truncated=truncated)

    def logprobs_for(
        self, lp: Body, raw: object, restored: object, *, truncated: bool = False
    ) -> Body | None:
        if raw == restored:
            # their tokens spell the text, which held no term: unless the upstream spelt one
            # in the tokens alone (a client shows them joined)
            return None if self._tokens_spell_a_term(lp) else lp
        if self._policy_value("logprobs", "drop") != "restore":
            return None
        try:
            return self.restore_logprobs(lp, truncated=truncated)
        except (TypeError, KeyError, ValueError, AttributeError):
            return None  # a shape we do not know: never pass fragments through

    def _tokens_spell_a_term(self, lp: Body) -> bool:
        scan = self.term_scan()
        if scan is None:
            return False
        for key in ("content", "refusal", "tokens"):  # chat's entries, completions' strings
            entries = lp.get(key)
            if isinstance(entries, list):
                tokens = "".join(str(e.get("token", "")) if isinstance(e, dict) else str(e)
                                 for e in entries)
                if scan(tokens) != tokens:
                    return True
        return False

    def restore_logprobs(self, lp: Body, *, truncated: bool = False) -> Body:
        """Chat (``content``/``refusal`` lists) or completions (``tokens``...) logprobs with
        restored tokens. Tokens go through the same streaming pipe as the text, so the merged
        tokens spell exactly the restored answer."""
        if "tokens" in lp:
            n = len(lp["tokens"])
            entries = [
                {"token": t, "logprob": p, "top_logprobs": top}
                for t, p, top in zip(
                    lp["tokens"], lp.get("token_logprobs") or [None] * n,
                    lp.get("top_logprobs") or [None] * n, strict=True,
                )
            ]
            merged = self._merge_tokens(entries, truncated, chat=False)
            offsets: list[int] = []
            pos = int((lp.get("text_offset") or [0])[0] or 0)
            for e in merged:
                offsets.append(pos)
                pos += len(e["token"])
            return {
                "tokens": [e["token"] for e in merged],
                "token_logprobs": [e["logprob"] for e in merged],
                "top_logprobs": [e["top_logprobs"] for e in merged],
                "text_offset": offsets,
            }
        out = dict(lp)
        for key in ("content", "refusal"):
            if isinstance(lp.get(key), list):
                # the content's tokens spell the answer's text: JSON-escaped like it
                out[key] = self._merge_tokens(lp[key], truncated, chat=True,
                                              for_json=key == "content" and self.json_output)
        return out

    def _merge_tokens(
        self, entries: list[Any], truncated: bool, *, chat: bool, for_json: bool = False
    ) -> list[dict[str, Any]]:
        pipe = TextPipe(self, window=output_scan_window(self.core, self.tenant), json=for_json)
        out: list[dict[str, Any]] = []
        group: list[Any] = []

        def emit(text: str) -> None:
            if not group:
                return
            single = len(group) == 1 and group[0]["token"] == text
            logprobs = [g.get("logprob") for g in group]
            entry: dict[str, Any] = {
                "token": text,
                # a merged token is as likely as its tokens together
                "logprob": sum(logprobs) if None not in logprobs else None,
                # alternatives are known for one unchanged token only, and none may be a fragment
                "top_logprobs": self._clean_alternatives(group[0].get("top_logprobs"), chat)
                if single else ([] if chat else None),
            }
            if chat:
                entry["bytes"] = list(text.encode("utf-8"))
            out.append(entry)
            group.clear()

        for e in entries:
            group.append(e)
            text = pipe.feed(str(e["token"]))
            if text:
                emit(text)
        tail = pipe.flush(truncated=truncated)
        if tail:
            emit(tail)
        # tokens withheld from a cut-off answer are dropped with their text
        return out

    def _clean_alternatives(self, top: Any, chat: bool) -> Any:
        def plain(t: str) -> bool:
            return not is_fragment(t) and self.restore(t) == t

        if chat and isinstance(top, list):
            return [a for a in top if isinstance(a, dict) and plain(str(a.get("token", "")))]
        if not chat and isinstance(top, dict):
            return {t: p for t, p in top.items() if plain(str(t))}
        return top


#: The texts of a chat answer's message (or a stream's delta) that are restored and scanned:
#: the content, a refusal, and the reasoning vLLM and DeepSeek (``reasoning_content``) and
#: OpenRouter and newer vLLM (``reasoning``) send beside it.
_CHAT_TEXTS = ("content", "refusal", "reasoning_content", "reasoning")
#: The keys of a chat answer's message restored above (every other string is scanned).
_CHAT_RESTORED = frozenset({*_CHAT_TEXTS, "tool_calls"})
#: The keys of a streamed delta that pipes read (or that hold protocol tokens only).
_STREAM_PIPED = frozenset({*_CHAT_TEXTS[1:], "tool_calls", "role"})


def _once(scan: Callable[[str], str]) -> Callable[[str], str]:
    """``scan`` remembering its last few answers (a stream repeats its whole values)."""
    seen: dict[str, str] = {}

    def scanned(text: str) -> str:
        out = seen.get(text)
        if out is None:
            out = scan(text)
            if len(seen) < 64:
                seen[text] = out
        return out

    return scanned


def _scan_call(call: Body, scan: Callable[[str], str]) -> None:
    """A tool call's id, type and any field of the upstream's own, scanned for the tenant's
    redacted terms; its name (:meth:`Conversation.restore_name`) and arguments are read by
    their own rules."""
    scan_fields(call, scan, skip=("function",))
    fn = call.get("function")
    if isinstance(fn, dict):
        scan_fields(fn, scan, skip=("arguments", "name"))


def _text_part(part: Any) -> bool:
    """A content part a client joins into the answer's text."""
    return (isinstance(part, dict) and isinstance(part.get("text"), str)
            and part.get("type", "text") in ("text", "output_text"))


def _map_strings(data: Any, fn: Callable[[str], str]) -> Any:
    """Apply ``fn`` to every string value (not keys) of a JSON document."""
    if isinstance(data, str):
        return fn(data)
    if isinstance(data, list):
        return [_map_strings(x, fn) for x in data]
    if isinstance(data, dict):
        return {k: _map_strings(v, fn) for k, v in data.items()}
    return data


def _map_keys(data: Any, fn: Callable[[str], str]) -> Any:
    """Apply ``fn`` to every object key of a JSON document."""
    if isinstance(data, list):
        return [_map_keys(x, fn) for x in data]
    if isinstance(data, dict):
        return {fn(k): _map_keys(v, fn) for k, v in data.items()}
    return data


# --- streaming -----------------------------------------------------------------------------------

def output_scan_window(core: PrivacyCore, tenant: str) -> int:
    """How many trailing characters a stream must hold back so that output scanning never misses
    a tenant term split across chunks: 0 when the tenant redacts no term (no scanning at all)."""
    return core.output_scan_window(tenant)


#: What the term matcher reads as one space (any run of whitespace between a term's words),
#: in text, and in raw JSON, where an escape (``\\n``, ``\\u00a0``, ``\\u0061``) is one
#: character too.
_WS_RUNS = re.compile(r"\s{2,}")
_JSON_RUNS = re.compile(r"(?:\s|\\[nrtf]|\\u[0-9a-fA-F]{4}){2,}|\\(?:[nrtf\\\"/b]|u[0-9a-fA-F]{4})")
_JSON_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|.)", re.S)
_MARKER = redaction("")[:-1]  # "[REDACTED_"


def _tail_start(buf: str, window: int, runs: re.Pattern[str] = _WS_RUNS) -> int:
    """Where a stream's held-back tail begins: ``window`` characters from the end, each of
    ``runs`` counted as one. A term written ``Project`` + 200 spaces + ``Nightjar`` spans more
    than any count of characters, and its first word went out before its second came."""
    start = len(buf) - window
    if start <= 0 or runs.search(buf, start) is None:
        return max(0, start)  # no run in the last ``window`` characters (the common case)
    need, pos = window, len(buf)
    for m in reversed(list(runs.finditer(buf))):
        gap = pos - m.end()
        if gap >= need:
            break
        need -= gap + 1
        pos = m.start()
        if need <= 0:
            return pos
    return max(0, pos - need)


def _json_view(raw: str) -> str:
    """Raw JSON as a reader of its strings sees it, for terms: escapes decoded, whitespace
    ones as a space (``Project\\nNightjar``, ``Nightj\\u0061r``)."""

    def one(m: re.Match[str]) -> str:
        e = m.group(1)
        if e[0] == "u":
            c = chr(int(e[1:], 16))
            return " " if c.isspace() else c
        return " " if e in "nrtf" else m.group(0)

    return _JSON_ESCAPE.sub(one, raw)


class TextPipe:
    """Streaming restore, then output scanning of the restored text.

    The core's stream restorer holds back only a possible split replacement. Output scanning
    (tenant terms the LLM produced itself) must see a whole term, so when the tenant has terms
    the last ``window`` characters (the longest term) wait for the next chunk; without terms
    nothing more is held back.
    """

    def __init__(self, conv: Conversation, *, window: int = 0, json: bool = False) -> None:
        self._conv = conv
        self._sr = conv.stream_restorer()
        # a tool call's streamed arguments are raw JSON: an original goes in escaped (one with
        # a quote or a line break broke the arguments), "\u00eb" read as the letter
        for_json = getattr(self._sr, "for_json", None) if json else None
        if callable(for_json):
            self._sr = for_json()
        self._window = window
        self._json = json and window > 0
        self._pending = ""
        #: the end of the part before (``flush(part=True)``): the client joins the parts, so a
        #: term begun there and ended in this part stops the stream (the first went out whole)
        self._carry = ""

    def _scan(self, text: str) -> str:
        c = self._conv
        return c.core.scan_output(text, session=c.session, tenant=c.tenant)

    def _out(self, text: str, final: bool, part: bool = False) -> str:
        if self._window <= 0:
            return text
        buf = self._pending + text
        carry = self._carry
        if carry and buf and (final or len(buf) > self._window):
            if straddles(self._scan, carry, buf):
                raise UpstreamProtocolError(
                    "the upstream LLM wrote a term the tenant redacts across two parts of its "
                    "answer; the stream was stopped")
            self._carry = ""
        if final:
            self._pending = ""
            if part:  # a short part joins the end of the one before it
                whole = carry + buf
                self._carry = whole[_tail_start(whole, self._window):]
            if not buf:
                return ""
            return self._scan_buf(buf)
        if len(buf) <= self._window:
            self._pending = buf
            return ""
        scanned = self._scan_buf(buf)
        tail = buf[_tail_start(buf, self._window, _JSON_RUNS if self._json else _WS_RUNS) :]
        # Every term starting before the tail lies wholly inside buf, so scanning saw it; emit up
        # to the tail unless a replacement reaches into it (then wait for more text).
        if scanned.endswith(tail):
            self._pending = tail
            return scanned[: len(scanned) - len(tail)]
        self._pending = buf
        return ""

    def _scan_buf(self, buf: str) -> str:
        """``buf`` scanned. Raw JSON is read with its escapes decoded too, as whole arguments
        are read parsed: a term behind an escape (``Project\\nNightjar``) stops the stream
        rather than reach the client. The decoded view shows a term wherever the raw text
        does (it only turns escapes into their characters), so one without needs no more."""
        if not self._json or "\\" not in buf:
            return self._scan(buf)
        view = _json_view(buf)
        if view == buf:
            return self._scan(buf)
        found = self._scan(view)
        if found == view:
            return buf
        scanned = self._scan(buf)
        if found.count(_MARKER) - view.count(_MARKER) > scanned.count(_MARKER) - buf.count(_MARKER):
            raise UpstreamProtocolError(
                "the upstream LLM wrote a term the tenant redacts inside JSON escapes; the "
                "stream was stopped")
        return scanned

    @property
    def holding(self) -> bool:
        """Whether the end of a closed part may still begin a term the next part ends."""
        return bool(self._carry)

    def end(self) -> None:
        """No part follows: nothing the client joins comes after the last one."""
        self._carry = ""

    def feed(self, chunk: str) -> str:
        return self._out(self._sr.feed(chunk), final=False) if chunk else ""

    def flush(self, *, truncated: bool = False, part: bool = False) -> str:
        """The rest; ``part``: the text goes on in the next part (see :class:`JoinedParts`)."""
        return self._out(self._sr.flush(truncated=truncated, part=part), final=True, part=part)


class JoinedParts:
    """Parts a client shows as one text, in order -- Anthropic text blocks, the Responses
    ``output_text`` parts -- restored through one pipe whose URL guard reads them all, so a
    URL that one part begins still holds the value that opens the next. One part is fed at a
    time: a part fed again after the next one began (an upstream interleaving parts) stops
    the stream, since the guard would read the text in another order than the client."""

    def __init__(self, conv: Conversation, *, window: int = 0, json: bool = False) -> None:
        self._pipe = TextPipe(conv, window=window, json=json)
        self._open: Hashable | None = None
        self._closed: set[Hashable] = set()

    def feed(self, key: Hashable, text: str) -> str:
        if key != self._open:
            if self._open is not None or key in self._closed:
                raise UpstreamProtocolError(
                    "the upstream LLM interleaved the parts of its answer; the stream was "
                    "stopped")
            self._open = key
        return self._pipe.feed(text) if text else ""

    @property
    def holding(self) -> bool:
        """Whether the last closed part's end may begin a term a next part ends: the stream
        holds that part's tail and closing event back (:class:`.typed_sse.HeldEvents`)."""
        return self._pipe.holding

    def end(self) -> None:
        """No part follows (the item that holds the parts is done)."""
        self._pipe.end()

    def close(self, key: Hashable, *, truncated: bool = False) -> str:
        """Part ``key`` ends: what it still holds ("" when it is not the part being fed)."""
        if key != self._open:
            return ""
        self._open = None
        self._closed.add(key)
        return self._pipe.flush(truncated=truncated, part=True)


class _HeldLogprobs:
    """A streamed choice's logprobs, withheld until the choice ends: only then is it known
    whether the answer had replacements (see :meth:`Conversation.restore_choice_logprobs`), so
    the stream carries the same logprobs as the answer would unstreamed, in its last chunk."""

    def __init__(self) -> None:
        self.lp: Body = {}
        self.raw: list[str] = []
        self.out: list[str] = []

    def take(self, choice: Body) -> None:
        lp = choice.get("logprobs")
        if isinstance(lp, dict):
            for key, value in lp.items():
                if isinstance(value, list):
                    self.lp.setdefault(key, []).extend(value)
                else:
                    self.lp.setdefault(key, value)
        if "logprobs" in choice:
            choice["logprobs"] = None

    def result(self, conv: Conversation, truncated: bool) -> Body | None:
        if not self.lp:
            return None
        return conv.logprobs_for(
            self.lp, "".join(self.raw), "".join(self.out), truncated=truncated
        )


def _closing_choice(index: int, held: Body, lp: Body | None) -> Body:
    """A choice of the closing chunk: what was still held back, and the choice's logprobs."""
    choice: Body = {"index": index, **held, "finish_reason": None}
    if lp is not None:
        choice["logprobs"] = lp
    return choice


def _closing_chunk(
    last: Body | None, choices: list[Body], default_id: str, obj: str
) -> Body | None:
    """The extra chunk sent after the upstream's [DONE] with what was still held back, shaped
    like the last upstream chunk so that clients see one consistent stream (None: nothing)."""
    if not choices:
        return None
    base = last or {}
    return {
        "id": base.get("id", default_id),
        "object": obj,
        "created": base.get("created", 0),
        "model": base.get("model", ""),
        "choices": choices,
    }


class ChatStreamRestorer:
    """Rewrites upstream chat.completion.chunk events: content and tool-call argument deltas
    go through one :class:`TextPipe` each (per choice, per tool call)."""

    def __init__(self, conv: Conversation) -> None:
        self._conv = conv
        self._window = output_scan_window(conv.core, conv.tenant)
        self._content: dict[int, TextPipe] = {}
        #: a refusal's or reasoning's deltas, per (choice, key)
        self._texts: dict[tuple[int, str], TextPipe] = {}
        self._args: dict[tuple[int, int], TextPipe] = {}
        self._logprobs: dict[int, _HeldLogprobs] = {}
        self._last: Body | None = None
        #: choices whose content came as a list of parts (their held-back text goes out so)
        self._listed: set[int] = set()
        #: every other string of the stream, scanned for the tenant's terms (see .answer_scan)
        scan = conv.term_scan() if self._window > 0 else None
        self._fragments = (FragmentScanner(scan, self._window, _tail_start)
                           if scan is not None else None)
        # whole values (the model id...) repeat in every chunk: each scanned once
        self._scan = _once(scan) if scan is not None else None

    def inline_ready(self) -> bool:
        """No I/O left in :meth:`process`: the answer's matcher is held and no tenant term is
        scanned for (output scanning may load the tenant's term store)."""
        return self._window == 0 and self._conv.stream_ready

    def _content_pipe(self, i: int) -> TextPipe:
        if i not in self._content:
            self._content[i] = TextPipe(self._conv, window=self._window,
                                        json=self._conv.json_output)
        return self._content[i]

    def _args_pipe(self, i: int, j: int) -> TextPipe:
        if (i, j) not in self._args:
            # scanned for redacted terms like the content (raw JSON: a marker has no quote)
            self._args[(i, j)] = TextPipe(self._conv, window=self._window, json=True)
        return self._args[(i, j)]

    def _flush_choice(self, i: int, delta: Body, *, truncated: bool = False) -> Body | None:
        """Flush choice ``i`` into ``delta``; returns its withheld logprobs (None: none)."""
        pipe = self._content.pop(i, None)
        held = self._logprobs.pop(i, None)
        if pipe is not None:
            tail = pipe.flush(truncated=truncated)
            if tail:
                if i in self._listed:
                    parts = delta["content"] = list(delta.get("content") or [])
                    parts.append({"type": "text", "text": tail})
                else:
                    delta["content"] = (delta.get("content") or "") + tail
                if held is not None:
                    held.out.append(tail)
        for ci, key in sorted(k for k in self._texts if k[0] == i):
            tail = self._texts.pop((ci, key)).flush(truncated=truncated)
            if tail:
                delta[key] = (delta.get(key) or "") + tail
        for ci, j in sorted(k for k in self._args if k[0] == i):
            tail = self._args.pop((ci, j)).flush(truncated=truncated)
            if not tail:
                continue
            calls = delta.setdefault("tool_calls", [])
            same = next((c for c in calls if c.get("index", 0) == j), None)
            if same is None:
                calls.append({"index": j, "function": {"arguments": tail}})
            else:
                fn = same.setdefault("function", {})
                fn["arguments"] = (fn.get("arguments") or "") + tail
        return held.result(self._conv, truncated) if held is not None else None

    def process(self, chunk: Body) -> Body | None:
        """The chunk to send on, or None when everything in it is held back for now."""
        self._last = chunk
        keep = "usage" in chunk and chunk["usage"] is not None
        if self._scan is not None:
            scan_fields(chunk, self._scan, skip=("choices", "usage"))
        for choice in chunk.get("choices") or []:
            i = event_index(choice, "index", below=self._conv.choices)
            delta = choice.get("delta")
            if not isinstance(delta, dict):
                delta = choice["delta"] = {}
            held = self._logprobs.setdefault(i, _HeldLogprobs())
            held.take(choice)
            content = delta.get("content")
            if isinstance(content, str):
                if i in self._listed:
                    raise UpstreamProtocolError(
                        "the upstream LLM sent its answer's content as parts and as text")
                held.raw.append(content)
                delta["content"] = self._content_pipe(i).feed(content)
                held.out.append(delta["content"])
            elif isinstance(content, list):
                self._content_parts(i, content, held)
            if self._fragments is not None:
                self._scan_rest(i, choice, delta)
            for key in _CHAT_TEXTS[1:]:
                if isinstance(delta.get(key), str):
                    pipe = self._texts.get((i, key))
                    if pipe is None:
                        pipe = self._texts[(i, key)] = TextPipe(self._conv, window=self._window)
                    delta[key] = pipe.feed(delta[key])
            for call in delta.get("tool_calls") or []:
                if not isinstance(call, dict):
                    continue
                fn = call.get("function")
                if self._scan is not None:
                    _scan_call(call, self._scan)
                if isinstance(fn, dict) and isinstance(fn.get("name"), str):
                    fn["name"] = self._conv.restore_name(fn["name"])  # a name comes whole
                if isinstance(fn, dict) and isinstance(fn.get("arguments"), str):
                    j = event_index(call, "index")
                    fn["arguments"] = self._args_pipe(i, j).feed(fn["arguments"])
            if choice.get("finish_reason"):
                cut = choice["finish_reason"] == "length"
                lp = self._flush_choice(i, delta, truncated=cut)
                if lp is not None:
                    choice["logprobs"] = lp
            if any(delta.get(k) for k in _CHAT_TEXTS) or set(delta) - set(_CHAT_TEXTS) \
                    or choice.get("finish_reason"):
                keep = True
        return chunk if keep else None

    def _content_parts(self, i: int, parts: list[Any], held: _HeldLogprobs) -> None:
        """Content sent as a list of parts: the text parts through the choice's content pipe
        (the text a client joins), in place."""
        if i in self._content and i not in self._listed:
            raise UpstreamProtocolError(
                "the upstream LLM sent its answer's content as text and as parts")
        self._listed.add(i)
        pipe = self._content_pipe(i)
        for part in parts:
            if _text_part(part):
                held.raw.append(part["text"])
                part["text"] = pipe.feed(part["text"])
                held.out.append(part["text"])

    def _scan_rest(self, i: int, choice: Body, delta: Body) -> None:
        """Scan what no pipe reads: a delta's other fields as fragments of texts, the
        choice's and chunk's other strings as whole values."""
        assert self._fragments is not None and self._scan is not None  # nosec B101 # an internal invariant, not a security check
        if isinstance(delta.get("role"), str):  # a protocol token, yet the upstream's to write
            delta["role"] = self._scan(delta["role"])
        for key, value in list(delta.items()):
            if key in _STREAM_PIPED or not isinstance(value, str | list | dict) or (
                    key == "content" and isinstance(value, str)):
                continue
            if key == "content":  # a list of parts: those that are not text
                delta[key] = [p if _text_part(p) else self._fragments.delta(
                    (i, key, str(p.get("type")) if isinstance(p, dict) else ""), p)
                    for p in value]
            else:
                delta[key] = self._fragments.delta((i, key), value)
        scan_fields(choice, self._scan, skip=("delta", "logprobs"))

    def finish(self) -> Body | None:
        """After the upstream's [DONE]: whatever is still held (no finish_reason was sent)."""
        indices = sorted({*self._content, *(i for i, _ in self._args),
                          *(i for i, _ in self._texts), *self._logprobs})
        if not indices:
            return None
        choices: list[Body] = []
        for i in indices:
            delta: Body = {}
            lp = self._flush_choice(i, delta)
            if delta or lp is not None:
                choices.append(_closing_choice(i, {"delta": delta}, lp))
        return _closing_chunk(self._last, choices, "chatcmpl-veil", "chat.completion.chunk")


class CompletionStreamRestorer:
    def __init__(self, conv: Conversation) -> None:
        self._conv = conv
        self._window = output_scan_window(conv.core, conv.tenant)
        self._scan: Callable[[str], str] | None = None
        self._pipes: dict[int, TextPipe] = {}
        self._logprobs: dict[int, _HeldLogprobs] = {}
        self._last: Body | None = None

    def inline_ready(self) -> bool:
        """See :meth:`ChatStreamRestorer.inline_ready`."""
        return self._window == 0 and self._conv.stream_ready

    def process(self, chunk: Body) -> Body | None:
        self._last = chunk
        keep = chunk.get("usage") is not None
        if self._scan is None and self._window > 0:
            self._scan = _once(cast(Callable[[str], str], self._conv.term_scan()))
        scan = self._scan
        if scan is not None:  # the strings no pipe reads, each a whole value (.answer_scan)
            scan_fields(chunk, scan, skip=("choices", "usage"))
        for choice in chunk.get("choices") or []:
            if scan is not None and isinstance(choice, dict):
                scan_fields(choice, scan, skip=("text", "logprobs"))
            i = event_index(choice, "index", below=self._conv.choices)
            if i not in self._pipes:
                self._pipes[i] = TextPipe(self._conv, window=self._window)
            held = self._logprobs.setdefault(i, _HeldLogprobs())
            held.take(choice)
            text = choice.get("text")
            out = self._pipes[i].feed(text) if isinstance(text, str) else ""
            if isinstance(text, str):
                held.raw.append(text)
            if choice.get("finish_reason"):
                cut = choice["finish_reason"] == "length"
                out += self._pipes.pop(i).flush(truncated=cut)
                held.out.append(out)
                lp = self._logprobs.pop(i).result(self._conv, cut)
                if lp is not None:
                    choice["logprobs"] = lp
            else:
                held.out.append(out)
            choice["text"] = out
            if out or choice.get("finish_reason"):
                keep = True
        return chunk if keep else None

    def finish(self) -> Body | None:
        choices: list[Body] = []
        for i in sorted(self._pipes):
            tail = self._pipes.pop(i).flush()
            held = self._logprobs.pop(i, None)
            lp = None
            if held is not None:
                held.out.append(tail)
                lp = held.result(self._conv, False)
            if tail or lp is not None:
                choices.append(_closing_choice(i, {"text": tail}, lp))
        return _closing_chunk(self._last, choices, "cmpl-veil", "text_completion")


__all__ = [
    "ChatStreamRestorer",
    "CompletionStreamRestorer",
    "Conversation",
    "JoinedParts",
    "PrivacyCore",
    "StreamRestorer",
    "TextPipe",
    "output_scan_window",
]
