"""``veil serve`` with no upstream: the embedded SmolLM2 model behind the gateway, end to end."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import openai
import pytest

from .conftest import VEIL, Proc, gateway_env, start_server, stop

pytestmark = pytest.mark.slow

PROMPT = "Repeat this line exactly: Contact jane.doe@example.com today."


@pytest.fixture(scope="module")
def embedded_gateway(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Proc]:
    pytest.importorskip("transformers")
    d: Path = tmp_path_factory.mktemp("embedded")
    p = start_server(
        [VEIL, "serve"],
        env=gateway_env(d / "home", "sqlite", None),
        log=d / "gateway.log",
        timeout=600,
    )
    children: list[Path] = []
    try:
        children = _embedded_children(p.proc.pid)
        yield p
    finally:
        stop(p.proc)
    # the embedded model server is a child of the gateway and must be gone with it
    assert children, "the gateway did not start an embedded model server"
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(c.exists() and _state(c) != "Z" for c in children):
        time.sleep(0.2)
    assert not any(c.exists() and _state(c) != "Z" for c in children)


def _state(proc_dir: Path) -> str:
    try:
        return (proc_dir / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return "Z"


def _embedded_children(pid: int) -> list[Path]:
    out = []
    for proc_dir in Path("/proc").glob("[0-9]*"):
        try:
            stat = (proc_dir / "stat").read_text()
            cmd = (proc_dir / "cmdline").read_bytes()
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid and b"embedded_model" in cmd:
                out.append(proc_dir)
        except (OSError, ValueError, IndexError):
            continue
    return out


def test_embedded_model_answers_through_the_gateway(embedded_gateway: Proc) -> None:
    c = openai.OpenAI(
        base_url=embedded_gateway.url + "/v1", api_key="any", max_retries=0, timeout=300
    )
    assert c.models.list().data[0].id == "smollm2-135m-instruct"
    r = c.chat.completions.create(
        model="smollm2",
        max_tokens=24,
        temperature=0,
        messages=[{"role": "user", "content": PROMPT}],
    )
    text = r.choices[0].message.content or ""
    assert text.strip()
    # if the model quoted the placeholder it was given, the client sees the original instead
    assert not re.search(r"(?i)email_\d", text)
    parts = [
        ch.choices[0].delta.content or ""
        for ch in c.chat.completions.create(
            model="smollm2",
            max_tokens=16,
            temperature=0,
            stream=True,
            messages=[{"role": "user", "content": PROMPT}],
        )
        if ch.choices
    ]
    assert "".join(parts).strip() and len(parts) > 2
    # an answer cut by max_tokens says so (the gateway withholds a partial placeholder then)
    cut = c.chat.completions.create(
        model="smollm2", max_tokens=2, temperature=0, messages=[{"role": "user", "content": PROMPT}]
    )
    assert cut.choices[0].finish_reason == "length"
    finishes = [
        ch.choices[0].finish_reason
        for ch in c.chat.completions.create(
            model="smollm2", max_tokens=2, temperature=0, stream=True,
            messages=[{"role": "user", "content": PROMPT}],
        )
        if ch.choices and ch.choices[0].finish_reason
    ]
    assert finishes == ["length"]
    assert "jane.doe@example.com" not in embedded_gateway.log_text()
