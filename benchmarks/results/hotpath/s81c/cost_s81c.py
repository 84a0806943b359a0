"""Instructions per call of the paths session 81 (helper C) changed. Run under callgrind with
N=0 and N>0 on each tree; (total(N) - total(0)) / N is the per-call cost:

    COST_UNDER_CALLGRIND=1 valgrind --tool=callgrind --instr-atstart=no \
        --callgrind-out-file=cg.%p python cost_s81c.py <case> <N> [term]

(start-up and the warm-up run uninstrumented; ``callgrind_control -i on`` around the N calls).
``term``: the tenant redacts a term (output scanning on); without it, it redacts none.

cases:
- whole: Conversation.restore_chat of a chat answer (~1 KB content with two placeholders,
  usage, the usual top-level fields);
- stream: a ChatStreamRestorer fed the same answer as 40 chunks of 26 characters;
- parts: Conversation.restore_parts of the answer cut into two parts (Messages text blocks).
"""
from __future__ import annotations

import copy
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from veil.config import EntityRule, Policy, Settings, TermRule
from veil.core import Veil
from veil.gateway.privacy import ChatStreamRestorer, Conversation

case, n = sys.argv[1], int(sys.argv[2])
term = sys.argv[3:] == ["term"]


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
terms = [TermRule(term="Project Nightjar", type="CODENAME")] if term else []
pol = Policy(ner=False, terms=terms, entities={"CODENAME": EntityRule(operator="redact")})
core = Veil(Settings(home=tmp, cache_dir=tmp / "c"), policy=pol)
core.set_policy("acme", pol)
conv = Conversation(core=core, tenant="acme", session="s")
conv.protect("write to jane@example.com, Jane Doe")
conv.prefetch_restorer()

BODY: dict[str, Any] = {
    "id": "chatcmpl-1", "object": "chat.completion", "created": 1, "model": "gpt-4o-mini",
    "system_fingerprint": "fp_1", "choices": [{"index": 0, "finish_reason": "stop", "message": {
        "role": "assistant", "content": ANSWER, "refusal": None}}],
    "usage": {"prompt_tokens": 10, "completion_tokens": 200, "total_tokens": 210}}
PIECES = [ANSWER[i : i + 26] for i in range(0, len(ANSWER), 26)]


def chunk(delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
    return {"id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 1,
            "model": "gpt-4o-mini", "system_fingerprint": "fp_1",
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}


CHUNKS = [chunk({"role": "assistant", "content": ""})] + [chunk({"content": p}) for p in PIECES] \
    + [chunk({}, "stop")]
HALF = len(ANSWER) // 2

if case == "whole":
    def call() -> None:
        conv.restore_chat(copy.deepcopy(BODY))
elif case == "stream":
    def call() -> None:
        sr = ChatStreamRestorer(conv)
        for c in copy.deepcopy(CHUNKS):
            sr.process(c)
        sr.finish()
else:
    def call() -> None:
        conv.restore_parts([ANSWER[:HALF], ANSWER[HALF:]], answer=True)
call()
instrument(True)
for _ in range(n):
    call()
instrument(False)
