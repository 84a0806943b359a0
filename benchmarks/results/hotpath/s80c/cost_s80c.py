"""Instructions per call of the paths session 80 (helper C) changed. Run under callgrind with
N=0 and N>0 on each tree; (total(N) - total(0)) / N is the per-call cost:

    valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file=cg.%p \
        python cost_s80c.py <case> <N>

(start-up and the warm-up run uninstrumented; ``callgrind_control -i on`` around the N calls).

cases:
- restore: Conversation.restore_text of a ~1 KB markdown answer with a link, a reference
  definition and two placeholders (the URL guard's opener regex), a tenant with no term;
- stream: a TextPipe fed the same answer in 26-character chunks, the tenant redacts a term
  (the held-back tail now counts a whitespace run as one);
- stream_json: a TextPipe for raw JSON (streamed tool arguments) fed a 1 KB arguments string
  with ``\\n`` and ``\\u00e9`` escapes in 26-character chunks, the tenant redacts a term (the
  escaped-term check);
- asgi_bare / asgi_local: one request scope (10 headers) through a no-op ASGI app, bare or
  behind LocalOnlyMiddleware of a keyless gateway (this tree only).
"""
from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from veil.config import EntityRule, Policy, Settings, TermRule
from veil.core import Veil
from veil.gateway.privacy import Conversation, TextPipe

case, n = sys.argv[1], int(sys.argv[2])


def instrument(on: bool) -> None:
    """callgrind counts only between these (no-op outside valgrind)."""
    control = shutil.which("callgrind_control")
    if control and os.environ.get("COST_UNDER_CALLGRIND"):
        subprocess.run([control, "-i", "on" if on else "off", str(os.getpid())], check=True,
                       capture_output=True)

tmp = Path(tempfile.mkdtemp())

ANSWER = ("Here is the summary you asked for.\n\n" + "The team met on Monday and agreed on the "
          "plan. " * 8 + "\n\nSee [the notes](https://docs.example.com/notes) and write to "
          "[EMAIL_1] or [PERSON_1].\n\n> Quoted: the budget stays as it is.\n\n[1]: "
          "https://docs.example.com/ref\n\n" + "- item one of the list\n" * 10)

if case in ("asgi_bare", "asgi_local"):
    from veil.gateway.local_only import LocalOnlyMiddleware
    from veil.gateway.tenants import Tenant, TenantRegistry

    class _State:
        tenants = TenantRegistry([Tenant("default")], {})

    async def inner(scope: Any, receive: Any, send: Any) -> None:
        return None

    app: Any = inner if case == "asgi_bare" else LocalOnlyMiddleware(inner, _State())  # type: ignore[arg-type]
    scope = {"type": "http", "path": "/v1/chat/completions", "headers": [
        (b"host", b"127.0.0.1:8000"), (b"user-agent", b"OpenAI/Python 1.0"),
        (b"content-type", b"application/json"), (b"accept", b"application/json"),
        (b"content-length", b"512"), (b"authorization", b"Bearer x"),
        (b"x-stainless-lang", b"python"), (b"x-stainless-os", b"Linux"),
        (b"connection", b"keep-alive"), (b"accept-encoding", b"gzip")]}

    async def loop() -> None:
        await app(scope, None, None)
        instrument(True)
        for _ in range(n):
            await app(scope, None, None)
        instrument(False)
    asyncio.run(loop())
    sys.exit(0)

if os.environ.get("COST_ABLATE") == "tail":  # this tree with the base's held-back tail
    import veil.gateway.privacy as _p

    _p._tail_start = lambda buf, window, runs=None: max(0, len(buf) - window)  # type: ignore[assignment]
terms = [TermRule(term="Project Nightjar", type="CODENAME")] if case != "restore" else []
pol = Policy(ner=False, terms=terms, entities={"CODENAME": EntityRule(operator="redact")})
core = Veil(Settings(home=tmp, cache_dir=tmp / "c"), policy=pol)
core.set_policy("acme", pol)
conv = Conversation(core=core, tenant="acme", session="s")
conv.protect("write to jane@example.com, Jane Doe")
conv.prefetch_restorer()
window = core.output_scan_window("acme")

if case == "restore":
    def call() -> None:
        conv.restore_text(ANSWER)
else:
    text = ANSWER if case == "stream" else json.dumps(
        {"summary": ANSWER.replace("plan.", "plan caf\u00e9."), "to": "[EMAIL_1]"})
    pieces = [text[i : i + 26] for i in range(0, len(text), 26)]

    def call() -> None:
        pipe = TextPipe(conv, window=window, json=case == "stream_json")
        for p in pieces:
            pipe.feed(p)
        pipe.flush()
call()
instrument(True)
for _ in range(n):
    call()
instrument(False)
