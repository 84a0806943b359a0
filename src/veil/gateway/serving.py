"""What the chat and completion endpoints share: open the request's conversation, mask it off
the event loop, forward it, restore the answer (whole or streamed). Each endpoint module only
describes itself with an :class:`Endpoint`."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass

from . import audit_events
from .answer_scan import scan_error, scan_headers
from .privacy import Conversation
from .sessions import USER_PSEUDONYM
from .state import GatewayState
from .streaming import EventRestorer, prime, restored_sse, small
from .tenants import Principal
from .upstream import Body, Upstream, captured_headers

#: characters of text from which a request is masked, or an answer restored, on the privacy
#: pool's lane for long texts (:meth:`PrivacyPool.run_long`): about 50 ms of work and more
LONG_CHARS = 16_384

log = logging.getLogger("veil.gateway")


@dataclass(frozen=True)
class Endpoint:
    """One OpenAI endpoint: how its body is masked, forwarded and restored."""

    name: str  # the metrics label
    protect: Callable[[Conversation, Body], Body]
    forward: Callable[[Upstream, Body], Awaitable[Body]]
    forward_stream: Callable[[Upstream, Body], AsyncIterator[Body]]
    restore: Callable[[Conversation, Body], Body]
    stream_restorer: Callable[[Conversation], EventRestorer]
    #: ``restore`` only restores through the conversation: the answer's matcher is read while
    #: masking, and a small answer is then restored on the event loop (no thread hand-off)
    restores_inline: bool = False


async def serve(
    state: GatewayState,
    endpoint: Endpoint,
    principal: Principal,
    session: str,
    body: Body,
    *,
    stream: bool,
    started: float,
    log_detail: str = "",
) -> Body | AsyncIterator[bytes]:
    """A restored response body, or (``stream``) an iterator of restored SSE bytes.
    ``log_detail``: extra ``key=value `` text for the request's log line (counts only)."""
    tenant = principal.tenant
    conv = Conversation(
        state.core,
        tenant.name,
        session,
        principal=principal.id,
        pseudonym_key=state.sessions.derived_key(USER_PSEUDONYM),
        models=state.models,
    )

    def protect(conv: Conversation, body: Body) -> Body:
        out = endpoint.protect(conv, body)
        audit_events.request_accepted(state, endpoint.name, principal, session, conv, out,
                                      stream=stream)
        if endpoint.restores_inline:
            conv.prefetch_restorer()
        return out

    # Masking runs off the event loop (it is CPU-bound), a long text on a lane of its own.
    t0 = time.perf_counter()
    if small(body, LONG_CHARS):
        masked = await state.privacy.run_here_if_alone(state.metrics.active <= 1, protect, conv,
                                                       body)
    else:
        masked = await state.privacy.run_long(protect, conv, body)
    state.metrics.protect_seconds.labels(endpoint.name).observe(time.perf_counter() - t0)
    for typ, n in conv.entity_counts.items():
        state.metrics.entities.labels(typ).inc(n)
    log.info(
        "%s request: tenant=%s %sstream=%s entities=%d",
        endpoint.name,
        tenant.name,
        log_detail,
        stream,
        sum(conv.entity_counts.values()),
    )
    upstream = state.upstream
    t_up = time.perf_counter()
    # what the upstream writes beside its answer (an error, headers), scanned for the
    # tenant's redacted terms as the answer is (:mod:`.answer_scan`)
    scan = conv.term_scan()
    try:
        if not stream:
            data = await endpoint.forward(upstream, masked)
        else:
            first, events = await prime(endpoint.forward_stream(upstream, masked))
    except Exception as e:
        audit_events.upstream_done(state, endpoint.name, tenant.name, stream=stream, error=e,
                                   latency_s=time.perf_counter() - t_up)
        if scan is not None:
            scan_error(e, scan)
            scan_headers(getattr(e, "headers", None) or {}, scan)
            scan_headers(captured_headers(), scan)
        raise
    if scan is not None:
        scan_headers(captured_headers(), scan)
    audit_events.upstream_done(state, endpoint.name, tenant.name, stream=stream,
                               latency_s=time.perf_counter() - t_up)
    if not stream:
        restore = endpoint.restore
        if state.audit.enabled:

            def restore(conv: Conversation, data: Body) -> Body:
                # Counted before restoring: how many of this request's replacements came back.
                raw = json.dumps(data, ensure_ascii=False)
                out = endpoint.restore(conv, data)
                audit_events.restored(state, endpoint.name, tenant.name, stream=False,
                                      count=audit_events.count_restored(conv.scope, raw),
                                      size=len(raw.encode()))
                return out

        if endpoint.restores_inline and conv.restores_inline and small(data):
            # no I/O left: the hand-off to a thread and back cost more (0.24 ms) than
            # restoring a short answer
            return restore(conv, data)
        if small(data, LONG_CHARS):
            return await state.privacy.run_here_if_alone(state.metrics.active <= 1, restore,
                                                         conv, data)
        return await state.privacy.run_long(restore, conv, data)
    return restored_sse(
        first,
        events,
        audit_events.CountingRestorer(endpoint.stream_restorer(conv), state, conv, endpoint.name)
        if state.audit.enabled
        else endpoint.stream_restorer(conv),
        metrics=state.metrics,
        endpoint=endpoint.name,
        started=started,
        scan=scan,
    )


__all__ = ["Endpoint", "serve"]
