"""LiteLLM's real proxy with its Presidio PII guardrail pointed at Veil's Presidio API, in front of
the recording upstream: no value reaches the upstream, every value comes back (plain, streamed).

LiteLLM's proxy runs from its own virtualenv (``scripts/ensure-litellm.sh``, called by ``make
services-install``): its pins would downgrade packages Veil's environment uses.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import openai
import pytest

from tests.e2e.conftest import API_KEYS, Proc, Upstream, stop
from tests.e2e.conftest import LITELLM as STARTED

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
LITELLM = ROOT / ".venv-litellm" / "bin" / "litellm"
MASTER = "sk-litellm-master-test"

#: Two turns, 11 distinct values, 12 mentions (the second turn names Jane Doe again).
TURNS = [
    "Ticket LL-{n}: Jane Doe (jane.doe@example.com, +1 415 555 0134) paid with card "
    "4111 1111 1111 1111; SSN 123-45-6789.",
    "Ticket LL-{n}: also wire to IBAN DE89370400440532013000 from 10.0.0.7 for Jane Doe; "
    "John Smith (john.smith@acme.io) in Paris approves, call +44 20 7946 0958.",
]
VALUES = [
    "Jane Doe", "jane.doe@example.com", "+1 415 555 0134", "4111 1111 1111 1111",
    "123-45-6789", "DE89370400440532013000", "10.0.0.7", "John Smith", "john.smith@acme.io",
    "Paris", "+44 20 7946 0958",
]


def launch_litellm(
    gateway_url: str, upstream_url: str, d: Path
) -> tuple[subprocess.Popen[bytes], str, Path]:
    """Start LiteLLM's proxy (not waiting for it) with its Presidio guardrail on the gateway."""
    # The tenant key goes in the base URL: LiteLLM's guardrail sends no headers of its own.
    base = gateway_url.replace("http://", f"http://:{API_KEYS['acme-a']}@") + "/presidio"
    cfg = {
        "model_list": [{"model_name": "echo", "litellm_params": {
            "model": "openai/echo", "api_base": upstream_url, "api_key": "sk-up"}}],
        "guardrails": [{"guardrail_name": "veil-presidio", "litellm_params": {
            "guardrail": "presidio", "mode": "pre_call", "default_on": True,
            "output_parse_pii": True, "presidio_filter_scope": "input",
            "presidio_analyzer_api_base": base, "presidio_anonymizer_api_base": base}}],
        "general_settings": {"master_key": MASTER},
    }
    (d / "litellm.yaml").write_text(json.dumps(cfg))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VEIL_", "VIRTUAL_ENV"))}
    env.update(LITELLM_LOG="ERROR", LITELLM_TELEMETRY="False", PYTHONUNBUFFERED="1")
    log_path = d / "litellm.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [str(LITELLM), "--config", str(d / "litellm.yaml"), "--host", "127.0.0.1",
             "--port", str(port), "--num_workers", "1"],
            env=env, cwd=d, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
        )
    return proc, f"http://127.0.0.1:{port}", log_path


@pytest.fixture(scope="module")
def litellm_proxy(
    api_gateway: Proc, recording_upstream: Upstream, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    if not LITELLM.exists():
        pytest.fail("LiteLLM's proxy is not installed: run `make services-install`")
    started = STARTED.get("proxy")
    own = started is None
    if started is None:
        started = launch_litellm(
            api_gateway.url, recording_upstream.url, tmp_path_factory.mktemp("litellm")
        )
    proc, url, log = started
    deadline = time.monotonic() + 240
    try:
        while True:
            if proc.poll() is not None or time.monotonic() > deadline:
                tail = log.read_text(errors="replace")[-2000:]
                pytest.fail(f"LiteLLM's proxy did not start:\n{tail}")
            try:
                if httpx.get(url + "/health/liveliness", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        yield url
    finally:
        if own:
            stop(proc)


@pytest.mark.parametrize("stream", [False, True])
def test_guardrail_on_veil_masks_and_restores(
    litellm_proxy: str, recording_upstream: Upstream, stream: bool
) -> None:
    client = openai.OpenAI(base_url=litellm_proxy + "/v1", api_key=MASTER, max_retries=0)
    n = f"{int(stream)}{os.getpid()}"
    messages: list[dict[str, str]] = []
    answers: list[str] = []
    for turn in TURNS:
        messages.append({"role": "user", "content": turn.format(n=n)})
        if stream:
            chunks = client.chat.completions.create(model="echo", messages=messages, stream=True)
            text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
        else:
            r = client.chat.completions.create(model="echo", messages=messages)
            text = r.choices[0].message.content or ""
        answers.append(text)
        messages.append({"role": "assistant", "content": text})
    sent = [b for b in recording_upstream.bodies() if f"LL-{n}" in json.dumps(b)]
    assert len(sent) == 2
    raw = json.dumps(sent, ensure_ascii=False)
    leaked = [v for v in VALUES if v in raw]
    # The echo model answers with the turn's own message: each answer must carry its values.
    wanted = [(i, v) for i, t in enumerate(TURNS) for v in VALUES if v in t]
    restored = [(i, v) for i, v in wanted if v in answers[i]]
    print(f"litellm+presidio-api-on-veil stream={stream}: leaked {len(leaked)}/{len(VALUES)} "
          f"values, restored {len(restored)}/{len(wanted)}")
    assert leaked == []
    assert restored == wanted
