"""``x-request-id`` on every gateway response, so a client and an operator can name one request.

A client may send its own id (``x-request-id`` or ``x-client-request-id``, as the OpenAI SDKs
do). Ids go into the log and the audit log, so a client's is kept only when it is shaped like an
opaque id (:func:`is_opaque_id`); otherwise Veil makes one and returns it in the header, so the
client still learns which id names its request. The id goes to
``scope["state"]["request_id"]`` for log lines and into one log line per request (method,
endpoint, status, duration: nothing of the request's content).
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time
import uuid

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from veil.wire.server import HTTP_METHODS

from .encoded_ids import encodes_text

log = logging.getLogger("veil.gateway")

HEADER = "x-request-id"
_CLIENT_HEADERS = (b"x-request-id", b"x-client-request-id")
#: Letters, digits and ``._:/+=-`` (trace paths, base64): no ``@`` (an e-mail address), no
#: spaces.
_OPAQUE = re.compile(r"[A-Za-z0-9._:/+=-]{1,128}")
#: Nine or more digits, single separators allowed: what an SSN, a card, phone or account
#: number looks like (the pattern recognizers' values); an opaque id has shorter runs.
_LONG_DIGITS = re.compile(r"\d(?:[-._:/+=]?\d){8,}")
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


#: an id's words: a run of letters, split where a capital starts a word ("QuentinMarlowe")
_ID_WORD = re.compile(r"[A-Z]?[a-z]{2,}|[A-Z]{3,}")
_HEX_LETTERS = frozenset("abcdefABCDEF")


def is_opaque_id(value: str) -> bool:
    """True for an id that may be logged: opaque id characters, a digit (an id of words only,
    ``quentin.marlowe``, names something), no run of digits long enough to be a personal
    number (a UUID's fixed groups pass), no word a name list holds that is no common word
    (``Quentin_Marlowe_1``; ``trace``, ``client`` pass) and no piece that is base64, base32
    or hex of a text (:func:`.encoded_ids.encodes_text`). A cheap check, no detector call: an
    id that fails it is replaced, never scanned."""
    if value in _MINTED:  # this process's own, checked when minted
        return True
    if not _OPAQUE.fullmatch(value) or not any(map(str.isdigit, value)):
        return False
    if _UUID.fullmatch(value):
        return True
    return (_LONG_DIGITS.search(value) is None and not _names_someone(value)
            and not encodes_text(value))  # base64 or hex of an address is the address


def _names_someone(value: str) -> bool:
    """Whether a word of the id is a given name or surname and no common word (a hexadecimal
    id's letters, ``bea`` of ``4fbea0``, are none)."""
    from veil.detect.names import dictionary_word, first_names, last_names

    for m in _ID_WORD.finditer(value):
        word = m.group()
        if _HEX_LETTERS.issuperset(word):
            continue
        low = word.lower()
        if (low in first_names() or low in last_names()) and not dictionary_word(low):
            return True
    return False


def request_id_from(headers: list[tuple[bytes, bytes]]) -> str:
    """The client's id if it is opaque (:func:`is_opaque_id`), else a fresh one."""
    for name in _CLIENT_HEADERS:
        for key, value in headers:
            if key.lower() != name:
                continue
            text = value.decode("latin-1")
            if is_opaque_id(text):
                return text
    return new_request_id()


def new_request_id() -> str:
    """A fresh id that passes :func:`is_opaque_id` itself, so that the audit log, which checks
    every id again, keeps it: one random hex id in seven holds a run of nine digits."""
    for _ in range(64):  # 0.15 ** 64: never exhausted in practice
        rid = f"req_{uuid.uuid4().hex}"
        if is_opaque_id(rid):
            _remember(rid)
            break
    return rid


#: The latest ids :func:`new_request_id` minted, which passed :func:`is_opaque_id`: its
#: verdict on them again (the audit records check every id) is a set lookup, not the ~0.1 ms
#: of decoding its pieces. Random ids only, never a client's.
_MINTED: dict[str, None] = {}
_MINTED_MAX = 4096
_minted_lock = threading.Lock()


def _remember(rid: str) -> None:
    with _minted_lock:
        _MINTED[rid] = None
        if len(_MINTED) > _MINTED_MAX:
            del _MINTED[next(iter(_MINTED))]


_PATH_PARAM = re.compile(r"\{(\w+)(?::\w+)?\}")
access_log = logging.getLogger("veil.gateway.access")


def route_template(scope: Scope) -> str:
    """The matched route's template (``/v1/responses/:response_id``) for logs and audit
    records, never the raw path: ids in a path are text the caller chose. ``other`` when no
    route matched."""
    path = getattr(scope.get("route"), "path", None)
    if not isinstance(path, str):
        return "other"
    return _PATH_PARAM.sub(r":\1", path)


def _internal_error(exc: BaseException) -> bytes:
    return json.dumps({"error": {
        "message": f"internal error ({type(exc).__name__}); the request was not completed",
        "type": "server_error", "param": None, "code": "internal_error"}}).encode()


class RequestIdMiddleware:
    """Pure ASGI (no buffering of streams): sets the id, adds the header, logs the request.
    ``access_log``: one more line per request in the usual access-log order (method, route
    template, status, time) -- never the raw path or query string, which are caller text, nor
    a method outside HTTP's own (``other``): h11 takes any token as one."""

    def __init__(
        self, app: ASGIApp, *, endpoints: dict[str, str] | None = None, access: bool = False
    ) -> None:
        self.app = app
        self.endpoints = endpoints or {}
        self.access = access

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid = request_id_from(list(scope.get("headers", [])))
        scope.setdefault("state", {})["request_id"] = rid
        started, status = time.perf_counter(), 500
        begun = False

        async def send_with_id(message: Message) -> None:
            nonlocal status, begun
            if message["type"] == "http.response.start":
                begun = True
                status = message["status"]
                headers = [
                    (k, v) for k, v in message.get("headers", []) if k.lower() != HEADER.encode()
                ]
                headers.append((HEADER.encode(), rid.encode()))
                message = {**message, "headers": headers}
            await send(message)

        sent = scope.get("method", "-")
        method = sent if sent in HTTP_METHODS else "other"  # else text the caller chose
        try:
            await self.app(scope, receive, send_with_id)
        except Exception as e:  # noqa: BLE001 - see below
            # What escaped every handler (a middleware's failure) would reach Starlette's and
            # the server's handlers, which log its traceback and message -- text that may
            # quote the request -- and answer in plain text. The class name only, and an
            # OpenAI-shaped 500 when nothing was sent yet.
            log.error("internal failure: id=%s error=%s", rid, type(e).__name__)
            if not begun:
                status = 500
                await send_with_id({"type": "http.response.start", "status": 500,
                                    "headers": [(b"content-type", b"application/json")]})
                await send_with_id({"type": "http.response.body", "body": _internal_error(e)})
        finally:
            # The endpoint label, not the raw path: a path is client-chosen text.
            log.info(
                "request: id=%s method=%s endpoint=%s status=%d ms=%.1f",
                rid,
                method,
                self.endpoints.get(scope.get("path", ""), "other"),
                status,
                (time.perf_counter() - started) * 1000,
            )
            if self.access:
                access_log.info(
                    "%s %s %d %.1fms",
                    method,
                    route_template(scope),
                    status,
                    (time.perf_counter() - started) * 1000,
                )


__all__ = ["HEADER", "RequestIdMiddleware", "is_opaque_id", "new_request_id", "request_id_from",
           "route_template"]
