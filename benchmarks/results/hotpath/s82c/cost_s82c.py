"""Instructions per call of the typed-stream path session 82 (helper C) changed; the chat
paths are measured with ../s81c/cost_s81c.py. Run under callgrind with N on each tree:

    COST_UNDER_CALLGRIND=1 valgrind --tool=callgrind --instr-atstart=no \
        --callgrind-out-file=cg.%p python cost_s82c.py messages <N> [term]

(start-up and the warm-up run uninstrumented; ``callgrind_control -i on`` around the N
calls). ``term``: the tenant redacts a term (output scanning on).

- messages: a MessagesStreamRestorer fed a ~1 KB answer (two placeholders) as two text blocks,
  each in deltas of 26 characters, with their start and stop events and the message's own.
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
from veil.gateway.privacy import Conversation
from veil.gateway.serving_messages import MessagesStreamRestorer

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

HALF = len(ANSWER) // 2
EVENTS: list[dict[str, Any]] = [{"type": "message_start", "message": {
    "id": "msg_1", "type": "message", "role": "assistant", "model": "m", "content": [],
    "usage": {"input_tokens": 1, "output_tokens": 1}}}]
for i, text in enumerate([ANSWER[:HALF], ANSWER[HALF:]]):
    EVENTS.append({"type": "content_block_start", "index": i,
                   "content_block": {"type": "text", "text": ""}})
    EVENTS += [{"type": "content_block_delta", "index": i,
                "delta": {"type": "text_delta", "text": text[k : k + 26]}}
               for k in range(0, len(text), 26)]
    EVENTS.append({"type": "content_block_stop", "index": i})
EVENTS += [{"type": "message_delta", "delta": {"stop_reason": "end_turn"},
            "usage": {"output_tokens": 200}}, {"type": "message_stop"}]

assert case == "messages", case


def call() -> None:
    sr = MessagesStreamRestorer(conv)
    for ev in copy.deepcopy(EVENTS):
        sr.process(ev)
    sr.finish()


call()
instrument(True)
for _ in range(n):
    call()
instrument(False)
