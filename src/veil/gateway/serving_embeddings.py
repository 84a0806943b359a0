"""POST /v1/embeddings: mask every input, forward, return the vectors.

Nothing comes back as text, so nothing is restored; what matters is what the embedding keeps.
The tenant's policy picks (``Policy.embeddings``):

* ``placeholder`` -- inputs masked as chat is masked. Placeholders are numbered per request (or
  per ``X-Veil-Session``), so the same person is ``[PERSON_1]`` inside one request, but maybe
  ``[PERSON_2]`` in the next: vectors of different requests lose who they are about.
* ``pseudonym`` -- each value becomes a fake value of its type keyed by (gateway secret,
  tenant, type, normalized value): the same in every request of the tenant, different across
  tenants, never the original. Texts that name one entity stay close, so retrieval over stored
  vectors keeps working; the price is that the upstream can link requests naming one entity.

Token-id inputs cannot be scanned and are refused unless the tenant allows ``token_ids``.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import time
from typing import Any, Literal

from pydantic import Field

from veil.errors import RequestValidationError
from veil.mask.lookup import norm_key
from veil.mask.masker import MaskedEntity
from veil.mask.operators import PseudonymOperator
from veil.mask.placeholders import LITERAL
from veil.wire.openai import _Open as OpenRequest

from .fields import (
    ENUM_TOKEN,
    FREE,
    MODEL_TOKEN,
    PSEUDONYM,
    SCALAR,
    Gate,
    ListOf,
    Obj,
    Shapes,
    WalkContext,
    register_endpoint,
    walk,
)
from .fields import Endpoint as FieldRules
from .privacy import Conversation
from .serving import Endpoint, serve
from .state import GatewayState
from .streaming import EventRestorer
from .tenants import Principal
from .upstream import Body, Upstream

#: Purpose of the key behind embedding pseudonyms (see :meth:`SessionResolver.derived_key`).
EMBEDDING_PSEUDONYM = "embedding-pseudonym"

_TOKEN_IDS = Gate("token_ids", "a token-id embedding input", FREE)
EMBEDDINGS = Obj(
    {
        "model": MODEL_TOKEN,
        "input": Shapes(
            str_rule=FREE,
            int_rule=_TOKEN_IDS,
            list_rule=ListOf(Shapes(str_rule=FREE, int_rule=_TOKEN_IDS, list_rule=_TOKEN_IDS)),
        ),
        "encoding_format": ENUM_TOKEN,
        "dimensions": SCALAR,
        "user": PSEUDONYM,
    }
)
register_endpoint(FieldRules("embeddings", EMBEDDINGS, user_fields=("user",)))


class EmbeddingRequest(OpenRequest):
    model: str
    input: str | list[str] | list[int] | list[list[int]] = Field(min_length=1)
    encoding_format: Literal["float", "base64"] | None = None
    dimensions: int | None = None
    user: str | None = None


def _seed(key: bytes, tenant: str, entity_type: str, value: str) -> bytes:
    mac = hmac.new(key, digestmod=hashlib.sha256)
    for part in ("veil-embedding", tenant, entity_type, norm_key(entity_type, value)):
        data = part.encode("utf-8", "surrogatepass")
        mac.update(len(data).to_bytes(8, "big") + data)
    return mac.digest()


class EmbeddingMasker:
    """The ``protect`` of one embeddings request, per the tenant's ``embeddings`` policy."""

    def __init__(self, conv: Conversation, pseudonym_key: bytes) -> None:
        self.conv = conv
        policy = conv.core.policy(conv.tenant)
        # DP-perturbed free text cannot be rebuilt around the spans: placeholders then.
        self.pseudonyms = policy.embeddings == "pseudonym" and policy.dp is None
        self._key = pseudonym_key
        self._op = PseudonymOperator()

    def protect(self, text: str) -> str:
        if not self.pseudonyms:
            return self.conv.protect(text)
        c = self.conv
        if not text or text.isspace():
            return text
        r = c.core.protect(text, session=c.session, tenant=c.tenant, user=c.budget_user)
        c.entity_counts.update(e.type for e in r.entities)
        out: list[str] = []
        pos = 0
        for e in r.entities:
            if not isinstance(e, MaskedEntity):  # an unknown core: its masking as it is
                return r.masked
            value = text[e.start : e.end]
            if e.type == LITERAL:
                fake = e.replacement  # typed placeholder look-alike: stays escaped
            else:
                seed = _seed(self._key, c.tenant, e.type, value)
                fake = self._op.propose(e.type, value, seed=seed, counter=0, attempt=0)
                if fake == value:  # never send the original, even by chance
                    fake = self._op.propose(e.type, value, seed=seed, counter=0, attempt=1)
            out.append(text[pos : e.start])
            out.append(fake)
            pos = e.end
        out.append(text[pos:])
        return "".join(out)


def protect_embeddings(conv: Conversation, body: Body, *, pseudonym_key: bytes) -> Body:
    raw_user = body.get("user")
    conv.user = conv.pseudonym(raw_user) if isinstance(raw_user, str) and raw_user else None
    masker = EmbeddingMasker(conv, pseudonym_key)
    ctx = WalkContext(
        protect=masker.protect,
        pseudonym=conv.pseudonym,
        allow_unscannable=frozenset(conv.core.policy(conv.tenant).allow_unscannable),
        is_clean=conv.token_is_clean,
        note_clean=conv.note_clean_token,
        model_rule=conv.model_rule(conv.find),
    )
    return walk("embeddings", body, ctx)


async def forward_embeddings(upstream: Upstream, body: Body) -> Body:
    fn: Any = getattr(upstream, "embeddings", None)
    if fn is None:
        raise RequestValidationError(
            "this gateway's upstream kind serves no embeddings; point an embeddings client at a "
            "gateway whose upstream is OpenAI-compatible"
        )
    data: Body = await fn(body)
    return data


def _no_stream(upstream: Upstream, body: Body) -> Any:
    raise RequestValidationError("embeddings are not streamed")


def _not_streamed(conv: Conversation) -> EventRestorer:
    raise RequestValidationError("embeddings are not streamed")


def _forget_throwaway(conv: Conversation, data: Body) -> Body:
    """Nothing is restored; a per-request session is of no further use, so its entries go."""
    if conv.session.startswith("e:"):
        forget = getattr(conv.core, "forget", None)
        if forget is not None:
            forget(session=conv.session, tenant=conv.tenant)
    return data


def _endpoint(state: GatewayState) -> Endpoint:
    key = state.sessions.derived_key(EMBEDDING_PSEUDONYM)
    return Endpoint(
        name="embeddings",
        protect=lambda conv, body: protect_embeddings(conv, body, pseudonym_key=key),
        forward=forward_embeddings,
        forward_stream=_no_stream,
        restore=_forget_throwaway,
        stream_restorer=_not_streamed,
    )


async def create_embeddings(
    state: GatewayState, req: EmbeddingRequest, principal: Principal, session_header: str | None
) -> Body:
    """The upstream's embeddings of the masked inputs."""
    started = time.perf_counter()
    session = state.sessions.from_header(principal, session_header) or "e:" + os.urandom(16).hex()
    n = len(req.input) if isinstance(req.input, list) else 1
    out = await serve(
        state,
        _endpoint(state),
        principal,
        session,
        req.wire(),
        stream=False,
        started=started,
        log_detail=f"inputs={n} ",
    )
    assert isinstance(out, dict)  # nosec B101 # an internal invariant, not a security check
    return out


__all__ = [
    "EMBEDDINGS",
    "EMBEDDING_PSEUDONYM",
    "EmbeddingMasker",
    "EmbeddingRequest",
    "create_embeddings",
    "protect_embeddings",
]
