"""The playground: what Veil would hide in a prompt, under a tenant's policy or a variant of it.

The prompt goes through the same :class:`~veil.gateway.privacy.Conversation` as a real chat
request, so the masked body shown is exactly what the upstream would get. A variant policy (entity
types switched off, other operators, a draft YAML) runs under a scratch tenant name that no real
tenant can have (``:`` is not allowed in tenant names), with the real tenant's term database, so
trying things out never changes what the gateway does. The playground session is deleted from
the vault afterwards: its originals are only ever shown back to the operator who typed them.
"""

from __future__ import annotations

import copy
import hashlib
import secrets
import threading
from dataclasses import dataclass, field
from typing import Any

from veil.config import ENTITY_TYPES, EntityRule, Policy
from veil.gateway.privacy import Conversation
from veil.gateway.state import GatewayState

SCRATCH_PREFIX = "console:playground:"
MAX_PROMPT_CHARS = 20_000


@dataclass(frozen=True)
class Span:
    text: str
    type: str | None = None
    score: float = 0.0
    operator: str = ""
    replacement: str = ""


@dataclass
class PlaygroundResult:
    spans: list[Span]
    entities: list[dict[str, Any]]
    masked_body: dict[str, Any]
    masked_text: str
    raw_answer: str | None = None
    restored_answer: str | None = None
    error: str | None = None
    types_seen: list[str] = field(default_factory=list)


class _Recorder:
    """The core as the conversation sees it, keeping each full protect result (offsets,
    scores, operators) for display; everything else goes to the real core."""

    def __init__(self, core: Any) -> None:
        self._core = core
        self.results: list[Any] = []

    def protect(self, text: str, *, session: str, tenant: str, user: str | None = None) -> Any:
        r = self._core.protect(text, session=session, tenant=tenant, user=user)
        self.results.append((text, r))
        return r

    def __getattr__(self, name: str) -> Any:
        return getattr(self._core, name)


def variant_policy(
    base: Policy, *, disabled: set[str], operators: dict[str, str]
) -> Policy:
    """``base`` with the given entity types switched off and operators overridden."""
    entities = dict(base.entities)
    for typ in {*disabled, *operators}:
        rule = entities.get(typ) or EntityRule(threshold=base.default_threshold)
        upd: dict[str, Any] = {}
        if typ in disabled:
            upd["enabled"] = False
        if typ in operators:
            upd["operator"] = operators[typ]
        entities[typ] = rule.model_copy(update=upd)
    return base.model_copy(update={"entities": entities})


def known_types(policy: Policy, extra: list[str]) -> list[str]:
    return sorted({*ENTITY_TYPES, *policy.entities, *(t.type for t in policy.terms), *extra})


class Playground:
    def __init__(self, state: GatewayState) -> None:
        self.state = state
        self._lock = threading.Lock()
        self._scratch: dict[str, str] = {}  # tenant -> digest of the variant its scratch runs

    def _tenant_for(self, tenant: str, policy: Policy, running: Policy) -> str:
        """The tenant name to protect under: the real one when the policy is the running one,
        else a scratch tenant set up with ``policy`` and the tenant's own term database."""
        if policy == running:
            return tenant
        digest = hashlib.sha256(policy.model_dump_json().encode()).hexdigest()
        scratch = SCRATCH_PREFIX + tenant
        with self._lock:
            if self._scratch.get(tenant) != digest:
                terms = _term_database(self.state, tenant)
                self.state.core.set_policy(scratch, policy, terms=terms)
                self._scratch[tenant] = digest
        return scratch

    def protect(self, tenant: str, prompt: str, policy: Policy, running: Policy) -> tuple[
        PlaygroundResult, Conversation
    ]:
        name = self._tenant_for(tenant, policy, running)
        recorder = _Recorder(self.state.core)
        conv = Conversation(recorder, name, "console-" + secrets.token_hex(12),
                            principal="console")
        body = {"model": "veil-console", "messages": [{"role": "user", "content": prompt}]}
        masked = conv.protect_chat(body)
        spans: list[Span] = []
        entities: list[dict[str, Any]] = []
        masked_text = ""
        for text, r in recorder.results:
            if text != prompt:
                continue
            masked_text = r.masked
            pos = 0
            for e in sorted(r.entities, key=lambda e: e.start):
                if e.start < pos:
                    continue
                if e.start > pos:
                    spans.append(Span(prompt[pos:e.start]))
                spans.append(Span(prompt[e.start:e.end], e.type, float(e.score), e.operator,
                                  e.replacement))
                entities.append({"type": e.type, "score": round(float(e.score), 2),
                                 "operator": e.operator, "replacement": e.replacement,
                                 "original": prompt[e.start:e.end]})
                pos = e.end
            if pos < len(prompt):
                spans.append(Span(prompt[pos:]))
        if not spans:
            spans = [Span(prompt)]
        result = PlaygroundResult(spans, entities, masked, masked_text,
                                  types_seen=sorted({e["type"] for e in entities}))
        return result, conv

    def forget(self, conv: Conversation) -> None:
        forget = getattr(self.state.core, "forget", None)
        if forget is not None:
            forget(session=conv.session, tenant=conv.tenant)

    async def ask_upstream(self, result: PlaygroundResult, conv: Conversation) -> None:
        """Send the masked body upstream; keep its raw answer and the restored one."""
        from anyio import to_thread

        try:
            data = await self.state.upstream.chat(copy.deepcopy(result.masked_body))
        except Exception as e:  # noqa: BLE001 - shown to the operator as a class name only
            result.error = f"the upstream call failed ({type(e).__name__})"
            return
        raw = _content(data)
        restored = await to_thread.run_sync(conv.restore_chat, copy.deepcopy(data))
        result.raw_answer, result.restored_answer = raw, _content(restored)


def _term_database(state: GatewayState, tenant: str) -> Any:
    """The tenant's database from the term store the gateway reads (None: no store)."""
    from veil.detect.terms import DEFAULT_TERM_DB, TermStore
    from veil.gateway.admin import admin_db_path

    path = admin_db_path(state).parent / DEFAULT_TERM_DB
    if not path.exists():
        return None
    store = TermStore(path)
    try:
        return store.database(tenant)
    finally:
        store.close()


def _content(data: dict[str, Any]) -> str:
    try:
        c = data["choices"][0]["message"]["content"]
    except (KeyError, IndexError, TypeError):
        return ""
    return c if isinstance(c, str) else ""


__all__ = ["MAX_PROMPT_CHARS", "Playground", "PlaygroundResult", "Span", "variant_policy"]
