"""Instructions per call of the restore-side paths session 79 changed, for a tenant that
redacts no term (the common case) and one that does. Run under callgrind with N=0 and N>0 on
each tree; (total(N) - total(0)) / N is the per-call cost:

    valgrind --tool=callgrind --callgrind-out-file=cg.%p python restore_cost_s79c.py <case> <N>

cases: args (Conversation.restore_arguments of a 3-string tool call), args_terms (the same,
tenant redacts a term), headers (upstream.passthrough_headers of a response with a request id
and two rate-limit headers).
"""
from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import httpx

from veil.config import EntityRule, Policy, Settings, TermRule
from veil.core import Veil
from veil.gateway.privacy import Conversation
from veil.gateway.upstream import passthrough_headers

case, n = sys.argv[1], int(sys.argv[2])
tmp = Path(tempfile.mkdtemp())
if case == "headers":
    req = httpx.Request("POST", "http://up.test/v1/chat/completions",
                        headers={"authorization": "Bearer sk-upstream-key-0123456789"})
    resp = httpx.Response(200, json={}, request=req, headers={
        "x-request-id": "req_abc123", "x-ratelimit-remaining-requests": "99",
        "x-ratelimit-remaining-tokens": "9999"})
    # this tree passes the client's key to check the headers against; the base tree has no
    # such argument
    import inspect

    withhold = ("sk-upstream-key-0123456789",)
    takes = "withhold" in inspect.signature(passthrough_headers).parameters
    call = (lambda: passthrough_headers(resp, withhold)) if takes else (
        lambda: passthrough_headers(resp))
    call()
    for _ in range(n):
        call()
else:
    terms = [TermRule(term="Project Nightjar", type="CODENAME")] if case == "args_terms" else []
    pol = Policy(ner=False, terms=terms, entities={"CODENAME": EntityRule(operator="redact")})
    core = Veil(Settings(home=tmp, cache_dir=tmp / "c"), policy=pol)
    core.set_policy("acme", pol)
    conv = Conversation(core=core, tenant="acme", session="s")
    conv.protect("write to jane@example.com")
    conv.prefetch_restorer()
    args = json.dumps({"to": "[EMAIL_1]", "subject": "hello there", "body": "see you soon"})
    conv.restore_arguments(args)
    for _ in range(n):
        conv.restore_arguments(args)
