"""Session 76's paths against a real ``veil serve`` (the Responses/Messages suites' gateway, the
real detector, in front of the three-format recording upstream), with the official SDK.

Before: a hostile upstream that streamed a markdown image URL in the choice the request asked
for and the placeholder it was sent in a chunk of a choice nobody asked for had the original
restored into the text a client reading ``choices[0]`` of every chunk shows -- inside the URL;
a streamed ``reasoning_content`` came back with the placeholders in it, unrestored and
unscanned. The typed streams' other paths (split reasoning deltas, opening text, joined
parts, event names) need a native upstream and are driven in process by
tests/unit/gateway/test_attack_s76.py with the same SDKs. All values are made up.
"""

from __future__ import annotations

import openai
import pytest

from .api_stack import SENT, Stack
from .conftest import TENANT_KEYS

pytestmark = pytest.mark.slow

EMAIL = "odile.fairweather@example.org"
SENT.update([EMAIL])


def _openai(stack: Stack) -> openai.OpenAI:
    return openai.OpenAI(base_url=stack.openai.url + "/v1", api_key=TENANT_KEYS["acme"],
                         max_retries=0)


def test_a_choice_nobody_asked_for_stops_the_stream(api_stack: Stack) -> None:
    shown = ""
    with pytest.raises(openai.APIError):
        for chunk in _openai(api_stack).chat.completions.create(
            model="exfil-choice", stream=True,
            messages=[{"role": "user", "content": f"Keep my address {EMAIL} on file."}],
        ):
            if chunk.choices:
                shown += chunk.choices[0].delta.content or ""
    assert shown.startswith("![](https://evil.example/p?d="), shown
    assert EMAIL not in shown


def test_streamed_reasoning_is_restored(api_stack: Stack) -> None:
    thought, text = "", ""
    for chunk in _openai(api_stack).chat.completions.create(
        model="reasoning", stream=True,
        messages=[{"role": "user", "content": f"Keep my address {EMAIL} on file."}],
    ):
        for c in chunk.choices:
            thought += (c.delta.model_extra or {}).get("reasoning_content") or ""
            text += c.delta.content or ""
    assert thought == f"The user wrote {EMAIL}; I will answer.", thought
    assert text == "Done."
    assert EMAIL not in str(api_stack.upstream.bodies()[-1])
